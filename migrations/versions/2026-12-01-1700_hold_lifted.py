"""who lifted a hold, and the organization.hold_lifted webhook event

Revision ID: 0008h
Revises: 0011
Create Date: 2026-12-01 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008h"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENTS = [
    "engagement.created",
    "engagement.status_changed",
    "need.filled",
    "partner.risk_changed",
    "organization.hold_set",
]
EVENT_CHECK = "ck_webhook_deliveries_webhook_event_type"


def _event_check(events: list[str]) -> str:
    return "event_type IN (" + ", ".join(f"'{e}'" for e in events) + ")"


def upgrade() -> None:
    with op.batch_alter_table("holds") as batch:
        batch.add_column(sa.Column("lifted_by", sa.String(length=255), nullable=True))
    with op.batch_alter_table("webhook_deliveries") as batch:
        batch.drop_constraint(op.f(EVENT_CHECK), type_="check")
        batch.create_check_constraint(
            op.f(EVENT_CHECK), _event_check([*EVENTS, "organization.hold_lifted"])
        )


def downgrade() -> None:
    op.execute("DELETE FROM webhook_deliveries WHERE event_type = 'organization.hold_lifted'")
    with op.batch_alter_table("webhook_deliveries") as batch:
        batch.drop_constraint(op.f(EVENT_CHECK), type_="check")
        batch.create_check_constraint(op.f(EVENT_CHECK), _event_check(EVENTS))
    with op.batch_alter_table("holds") as batch:
        batch.drop_column("lifted_by")
