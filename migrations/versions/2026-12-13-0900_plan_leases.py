"""plan leases: a big plan is solved by whichever process of the deployment takes it

plans gains `leased_until`: a plan `solving` is taken for a while by one background worker
(`app.plans.worker`), which extends it as the solve goes on; a plan left solving by a process
that died is taken again once it lapses.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-13 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("plans", sa.Column("leased_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plans") as batch:
        batch.drop_column("leased_until")
