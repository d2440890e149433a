"""write log: who made each write, and through which door

One row per record a write created, changed or deleted, written in the write's transaction:
the record (its collection and id), the action, the door (page, api, import, link, cli,
system), the name shown ("Maya Chen", a key's name, a partner contact's) and the person when
one acted. Writes made before this revision have no row (their pages say nothing of who).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-11 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "write_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("record_type", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("door", sa.String(length=16), nullable=False),
        sa.Column("by_name", sa.String(length=255), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_write_log")),
    )
    op.create_index("ix_write_log_record", "write_log", ["record_type", "record_id"])
    op.create_index(op.f("ix_write_log_person_id"), "write_log", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_write_log_person_id"), table_name="write_log")
    op.drop_index("ix_write_log_record", table_name="write_log")
    op.drop_table("write_log")
