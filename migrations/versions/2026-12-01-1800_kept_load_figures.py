"""kept loads hold every load figure, so a load-list page reads them instead of recomputing

The load list used to sort and page over the kept loads, then compute the page's figures
again from the engagements (for the riskiest partners, tens of thousands of rows a page). The
kept row now holds every figure the risk model reads; the page assesses them in memory. The
kept loads are marked stale, so the list computes in memory until the next refresh (started
by the first list of the day) has filled the new columns.

Revision ID: 0012
Revises: 0008h
Create Date: 2026-12-01 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0008h"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ("active_engagements", sa.Integer()),
    ("hours_ahead", sa.Float()),
    ("capacity_hours_per_month", sa.Float()),
    ("max_concurrent", sa.Float()),
    ("checks", sa.Integer()),
    ("satisfaction_mean", sa.Float()),
    ("satisfaction_slope", sa.Float()),
)


def upgrade() -> None:
    with op.batch_alter_table("kept_loads") as batch:
        for name, kind in COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))
    op.execute("DELETE FROM kept_loads_state")


def downgrade() -> None:
    with op.batch_alter_table("kept_loads") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
