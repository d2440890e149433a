"""do-not-ask holds, partner self-service links, self-reported interviews, hold_set event

Revision ID: 0008b
Revises: 0007
Create Date: 2026-11-26 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008b"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENTS = ["engagement.created", "engagement.status_changed", "need.filled", "partner.risk_changed"]
EVENT_CHECK = "ck_webhook_deliveries_webhook_event_type"


def _event_check(events: list[str]) -> str:
    return "event_type IN (" + ", ".join(f"'{e}'" for e in events) + ")"


def upgrade() -> None:
    op.create_table(
        "holds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "convener",
                "partner",
                name="hold_source",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("lifted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("starts_on < until", name=op.f("ck_holds_dates_ordered")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_holds_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holds")),
    )
    op.create_index("ix_holds_organization_until", "holds", ["organization_id", "until"])
    op.create_table(
        "partner_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column(
            "purpose",
            sa.Enum(
                "temperature_check",
                "capacity_update",
                "pause",
                name="link_purpose",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_partner_links_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_partner_links_token_hash")),
    )
    op.create_index(op.f("ix_partner_links_contact_id"), "partner_links", ["contact_id"])
    with op.batch_alter_table("interviews") as batch:
        batch.add_column(
            sa.Column("self_reported", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("webhook_deliveries") as batch:
        batch.drop_constraint(op.f(EVENT_CHECK), type_="check")
        batch.create_check_constraint(
            op.f(EVENT_CHECK), _event_check([*EVENTS, "organization.hold_set"])
        )


def downgrade() -> None:
    op.execute("DELETE FROM webhook_deliveries WHERE event_type = 'organization.hold_set'")
    with op.batch_alter_table("webhook_deliveries") as batch:
        batch.drop_constraint(op.f(EVENT_CHECK), type_="check")
        batch.create_check_constraint(op.f(EVENT_CHECK), _event_check(EVENTS))
    with op.batch_alter_table("interviews") as batch:
        batch.drop_column("self_reported")
    op.drop_index(op.f("ix_partner_links_contact_id"), table_name="partner_links")
    op.drop_table("partner_links")
    op.drop_index("ix_holds_organization_until", table_name="holds")
    op.drop_table("holds")
