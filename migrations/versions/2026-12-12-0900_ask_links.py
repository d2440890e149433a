"""ask links: a partner link may answer one ask (accept or decline), mailed to the contact

partner_links gains `engagement_id` (the ask a link of purpose "ask" answers; cascades with
it) and "ask" joins the purposes its CHECK allows. A batch alter: SQLite copies the table.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-12 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PURPOSES = ["temperature_check", "capacity_update", "pause"]
CHECK = "ck_partner_links_link_purpose"
# SQLite copies the table: reflect it alone, not the tables its keys point at (engagements
# leads to programs, whose expression index SQLAlchemy cannot reflect and warns about).
REFLECT = {"resolve_fks": False}


def _check(purposes: list[str]) -> str:
    return "purpose IN (" + ", ".join(f"'{p}'" for p in purposes) + ")"


def upgrade() -> None:
    with op.batch_alter_table("partner_links", reflect_kwargs=REFLECT) as batch:
        batch.add_column(sa.Column("engagement_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_partner_links_engagement_id_engagements"),
            "engagements",
            ["engagement_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index(batch.f("ix_partner_links_engagement_id"), ["engagement_id"])
        batch.drop_constraint(batch.f(CHECK), type_="check")
        batch.create_check_constraint(batch.f(CHECK), _check([*PURPOSES, "ask"]))


def downgrade() -> None:
    op.execute("DELETE FROM partner_links WHERE purpose = 'ask'")
    with op.batch_alter_table("partner_links", reflect_kwargs=REFLECT) as batch:
        batch.drop_constraint(batch.f(CHECK), type_="check")
        batch.create_check_constraint(batch.f(CHECK), _check(PURPOSES))
        batch.drop_index(batch.f("ix_partner_links_engagement_id"))
        batch.drop_constraint(
            batch.f("fk_partner_links_engagement_id_engagements"), type_="foreignkey"
        )
        batch.drop_column("engagement_id")
