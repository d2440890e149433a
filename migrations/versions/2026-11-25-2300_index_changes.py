"""index change log replaces the data_version row; interviews may leave capacity unknown

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "index_changes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_index_changes")),
        sqlite_autoincrement=True,
    )
    # Every index starts from a first row, so a process that built before the upgrade rebuilds.
    op.execute(
        "INSERT INTO index_changes (kind, record_id, changed_at) "
        "VALUES ('upgrade', 0, CURRENT_TIMESTAMP)"
    )
    op.drop_table("data_version")
    # An interview where the partner could not state its capacity stores it as unknown.
    with op.batch_alter_table("interviews") as batch:
        batch.alter_column("capacity_hours_per_month", existing_type=sa.Float(), nullable=True)
        batch.alter_column("max_concurrent_engagements", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("interviews") as batch:
        batch.alter_column("capacity_hours_per_month", existing_type=sa.Float(), nullable=False)
        batch.alter_column("max_concurrent_engagements", existing_type=sa.Integer(), nullable=False)
    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.execute("INSERT INTO data_version (id, version) VALUES (1, 0)")
    op.drop_table("index_changes")
