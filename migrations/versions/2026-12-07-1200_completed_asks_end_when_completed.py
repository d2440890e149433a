"""asks marked completed end on the day they were completed

An ask marked completed kept its planned end, so its hours counted as worked only day by day
up to that end, and the partner's "last finished an engagement" ignored it until then. Asks
are now given the day they are completed as their end (`ends_when_completed`). The asks
completed before keep a planned end after the day they were last written: that day (the
completion, or a later edit) becomes their end, and their start when it was later still.
Their version moves, so a client holding the old one is told it changed.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ASKS = sa.table(
    "engagements",
    sa.column("id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("starts_on", sa.Date),
    sa.column("ends_on", sa.Date),
    sa.column("updated_at", sa.DateTime),
    sa.column("version", sa.Integer),
)


def upgrade() -> None:
    conn = op.get_bind()
    status = sa.cast(ASKS.c.status, sa.String)
    rows = conn.execute(
        sa.select(ASKS.c.id, ASKS.c.starts_on, ASKS.c.ends_on, ASKS.c.updated_at).where(
            status == "completed", ASKS.c.ends_on.is_not(None)
        )
    ).all()
    for id_, starts_on, ends_on, updated_at in rows:
        day = updated_at.date()
        if ends_on <= day:
            continue
        conn.execute(
            ASKS.update()
            .where(ASKS.c.id == id_)
            .values(
                ends_on=day,
                starts_on=min(starts_on, day) if starts_on is not None else None,
                version=ASKS.c.version + 1,
            )
        )


def downgrade() -> None:
    # The planned ends are not kept: the asks keep the day they were completed.
    pass
