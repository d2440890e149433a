"""kept loads: per-partner load figures the load list sorts and pages in the database

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 14:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kept_loads",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("risk_level", sa.String(length=16), nullable=False),
        sa.Column("risk_score", sa.Float(), nullable=False),
        sa.Column("asks", sa.Integer(), nullable=False),
        sa.Column("distinct_programs", sa.Integer(), nullable=False),
        sa.Column("hours_committed", sa.Float(), nullable=False),
        sa.Column("utilization", sa.Float(), nullable=True),
        sa.Column("declines", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_kept_loads_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("organization_id", name=op.f("pk_kept_loads")),
    )
    op.create_index(op.f("ix_kept_loads_risk_level"), "kept_loads", ["risk_level"])
    # Empty: no day is refreshed yet, so the list computes in memory until the first refresh.
    op.create_table(
        "kept_loads_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kept_loads_state")),
    )


def downgrade() -> None:
    op.drop_table("kept_loads_state")
    op.drop_index(op.f("ix_kept_loads_risk_level"), table_name="kept_loads")
    op.drop_table("kept_loads")
