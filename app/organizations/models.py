"""Organization (a partner) and contact tables."""

from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, column_property, mapped_column

from app.db import Base
from app.models_base import ResourceMixin
from app.types import JsonList, str_enum
from matching.types import PartnerKind


class Organization(ResourceMixin, Base):
    __tablename__ = "organizations"

    external_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[PartnerKind] = mapped_column(str_enum(PartnerKind, "partner_kind"), index=True)
    sectors: Mapped[list[str]] = mapped_column(JsonList, default=list)
    region: Mapped[str | None] = mapped_column(String(120), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str | None] = mapped_column(String(2048))


class Contact(ResourceMixin, Base):
    __tablename__ = "contacts"

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    external_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(320))
    title: Mapped[str | None] = mapped_column(String(255))
    skills: Mapped[list[str]] = mapped_column(JsonList, default=list)
    # Read-only: the organization's CRM id, so integrations see the ids they know.
    organization_external_id: Mapped[str | None] = column_property(
        select(Organization.external_id)
        .where(Organization.id == organization_id)
        .correlate_except(Organization)
        .scalar_subquery()
    )
