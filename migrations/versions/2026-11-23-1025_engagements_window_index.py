"""engagements window index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:22:58.314500
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("engagements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_engagements_asked_at"))
        batch_op.create_index(
            "ix_engagements_window",
            ["asked_at", "organization_id", "program", "status"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("engagements", schema=None) as batch_op:
        batch_op.drop_index("ix_engagements_window")
        batch_op.create_index(batch_op.f("ix_engagements_asked_at"), ["asked_at"], unique=False)
