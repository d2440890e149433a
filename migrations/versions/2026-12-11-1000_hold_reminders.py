"""hold reminders: when the person who set a hold was mailed that it is about to lapse

A nullable column added in place on both databases (no table copy); holds already past
their reminder day are never reminded (the job mails holds lapsing in the days ahead).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-11 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("holds", sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("holds") as batch:
        batch.drop_column("reminded_at")
