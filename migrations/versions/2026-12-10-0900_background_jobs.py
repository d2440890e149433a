"""background jobs: one row per timed job, holding the lease on its run

Timed background work (the daily load refresh, and later digests and reminders) runs once
per deployment however many processes schedule it: a run is claimed here with a
compare-and-set (app/ops/claims.py), and how the runs went is kept for /metrics.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-10 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "background_jobs",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("leased_by", sa.String(length=255), nullable=True),
        sa.Column("leased_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_succeeded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_background_jobs")),
    )


def downgrade() -> None:
    op.drop_table("background_jobs")
