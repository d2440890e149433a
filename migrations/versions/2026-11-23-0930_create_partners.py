"""create partners

Revision ID: 0001
Revises:
Create Date: 2026-11-23 09:28:30.127278
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "viewer",
                "recruiter",
                "convener",
                "admin",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    op.create_table(
        "needs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("expertise_sought", sa.Text(), nullable=False),
        sa.Column(
            "skills", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column(
            "partner_kinds",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "sectors", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("region", sa.String(length=120), nullable=True),
        sa.Column(
            "engagement_type",
            sa.Enum(
                "internship_host",
                "job_shadow",
                "work_based_learning",
                "apprenticeship",
                "teacher_externship",
                "curriculum_review",
                "advisory_board",
                "guest_instruction",
                "mentoring",
                "equipment",
                "other",
                name="engagement_type",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("hours_per_partner", sa.Float(), nullable=False),
        sa.Column("slots", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "filled",
                "closed",
                name="need_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("program", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("hours_per_partner >= 0", name=op.f("ck_needs_hours_nonnegative")),
        sa.CheckConstraint("slots >= 1", name=op.f("ck_needs_slots_positive")),
        sa.CheckConstraint(
            "starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on",
            name=op.f("ck_needs_dates_ordered"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_needs")),
        sa.UniqueConstraint("external_id", name=op.f("uq_needs_external_id")),
    )
    with op.batch_alter_table("needs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_needs_region"), ["region"], unique=False)
        batch_op.create_index(batch_op.f("ix_needs_status"), ["status"], unique=False)

    op.create_table(
        "organizations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "employer",
                "college",
                "district",
                "intermediary",
                "agency",
                "community_org",
                name="partner_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "sectors", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("region", sa.String(length=120), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("website", sa.String(length=2048), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
        sa.UniqueConstraint("external_id", name=op.f("uq_organizations_external_id")),
    )
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organizations_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_organizations_region"), ["region"], unique=False)

    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=True),
        sa.Column("roles", sa.Text(), nullable=False),
        sa.Column("responsibilities", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "active",
                "expired",
                "terminated",
                name="agreement_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("starts_on <= ends_on", name=op.f("ck_agreements_dates_ordered")),
        sa.ForeignKeyConstraint(
            ["need_id"], ["needs.id"], name=op.f("fk_agreements_need_id_needs"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_agreements_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreements")),
    )
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreements_need_id"), ["need_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_agreements_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("title", sa.String(length=255), nullable=True),
        sa.Column(
            "skills", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_contacts_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
        sa.UniqueConstraint("external_id", name=op.f("uq_contacts_external_id")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contacts_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "engagements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("need_id", sa.Integer(), nullable=True),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("program", sa.String(length=255), nullable=False),
        sa.Column(
            "engagement_type",
            sa.Enum(
                "internship_host",
                "job_shadow",
                "work_based_learning",
                "apprenticeship",
                "teacher_externship",
                "curriculum_review",
                "advisory_board",
                "guest_instruction",
                "mentoring",
                "equipment",
                "other",
                name="engagement_type",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "asked",
                "accepted",
                "declined",
                "completed",
                "cancelled",
                name="engagement_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("hours_estimated", sa.Float(), nullable=False),
        sa.Column("hours_actual", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "hours_actual IS NULL OR hours_actual >= 0",
            name=op.f("ck_engagements_hours_actual_nonneg"),
        ),
        sa.CheckConstraint(
            "hours_estimated >= 0", name=op.f("ck_engagements_hours_estimated_nonnegative")
        ),
        sa.CheckConstraint(
            "starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on",
            name=op.f("ck_engagements_dates_ordered"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_engagements_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["need_id"],
            ["needs.id"],
            name=op.f("fk_engagements_need_id_needs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_engagements_organization_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagements")),
        sa.UniqueConstraint("external_id", name=op.f("uq_engagements_external_id")),
    )
    with op.batch_alter_table("engagements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_engagements_asked_at"), ["asked_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_engagements_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_engagements_need_id"), ["need_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_engagements_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_engagements_program"), ["program"], unique=False)
        batch_op.create_index(batch_op.f("ix_engagements_status"), ["status"], unique=False)

    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("conducted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("business_summary", sa.Text(), nullable=False),
        sa.Column("role_and_skills", sa.Text(), nullable=False),
        sa.Column("interest_level", sa.Integer(), nullable=False),
        sa.Column("capacity_hours_per_month", sa.Float(), nullable=False),
        sa.Column("max_concurrent_engagements", sa.Integer(), nullable=False),
        sa.Column(
            "engagement_types",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "capacity_hours_per_month >= 0", name=op.f("ck_interviews_capacity_hours_nonnegative")
        ),
        sa.CheckConstraint(
            "interest_level BETWEEN 1 AND 5", name=op.f("ck_interviews_interest_level_range")
        ),
        sa.CheckConstraint(
            "max_concurrent_engagements >= 0", name=op.f("ck_interviews_max_concurrent_nonnegative")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_interviews_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_interviews_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews")),
    )
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interviews_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_interviews_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "temperature_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("satisfaction", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "satisfaction BETWEEN 1 AND 5", name=op.f("ck_temperature_checks_satisfaction_range")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_temperature_checks_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_temperature_checks_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_temperature_checks")),
    )
    with op.batch_alter_table("temperature_checks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_temperature_checks_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_temperature_checks_organization_id"), ["organization_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("temperature_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_temperature_checks_organization_id"))
        batch_op.drop_index(batch_op.f("ix_temperature_checks_contact_id"))

    op.drop_table("temperature_checks")
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interviews_organization_id"))
        batch_op.drop_index(batch_op.f("ix_interviews_contact_id"))

    op.drop_table("interviews")
    with op.batch_alter_table("engagements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_engagements_status"))
        batch_op.drop_index(batch_op.f("ix_engagements_program"))
        batch_op.drop_index(batch_op.f("ix_engagements_organization_id"))
        batch_op.drop_index(batch_op.f("ix_engagements_need_id"))
        batch_op.drop_index(batch_op.f("ix_engagements_contact_id"))
        batch_op.drop_index(batch_op.f("ix_engagements_asked_at"))

    op.drop_table("engagements")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_organization_id"))

    op.drop_table("contacts")
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreements_organization_id"))
        batch_op.drop_index(batch_op.f("ix_agreements_need_id"))

    op.drop_table("agreements")
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organizations_region"))
        batch_op.drop_index(batch_op.f("ix_organizations_kind"))

    op.drop_table("organizations")
    with op.batch_alter_table("needs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_needs_status"))
        batch_op.drop_index(batch_op.f("ix_needs_region"))

    op.drop_table("needs")
    op.drop_table("api_keys")
