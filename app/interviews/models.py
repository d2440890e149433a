"""Interview (business, role and skills, interest, capacity) and temperature-check tables."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Integer, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models_base import ResourceMixin
from app.types import JsonList, UTCDateTime


class Interview(ResourceMixin, Base):
    __tablename__ = "interviews"
    __table_args__ = (
        CheckConstraint("interest_level BETWEEN 1 AND 5", name="interest_level_range"),
        CheckConstraint("capacity_hours_per_month >= 0", name="capacity_hours_nonnegative"),
        CheckConstraint("max_concurrent_engagements >= 0", name="max_concurrent_nonnegative"),
    )

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    conducted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    business_summary: Mapped[str] = mapped_column(Text, default="")
    role_and_skills: Mapped[str] = mapped_column(Text, default="")
    interest_level: Mapped[int] = mapped_column(Integer)
    # NULL: the partner could not say (unknown, as for a partner never interviewed).
    capacity_hours_per_month: Mapped[float | None] = mapped_column(Float)
    max_concurrent_engagements: Mapped[int | None] = mapped_column(Integer)
    engagement_types: Mapped[list[str]] = mapped_column(JsonList, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    # Given by the partner through a self-service link, not from a convener's interview.
    self_reported: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class TemperatureCheck(ResourceMixin, Base):
    __tablename__ = "temperature_checks"
    __table_args__ = (CheckConstraint("satisfaction BETWEEN 1 AND 5", name="satisfaction_range"),)

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    satisfaction: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
