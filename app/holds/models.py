"""The do-not-ask hold table. Rows are never deleted: a hold lapses on its own date (queries
compare `until` with today) or is lifted early, and either way stays as history."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models_base import ResourceMixin
from app.types import UTCDateTime, str_enum


class HoldSource(StrEnum):
    convener = "convener"
    partner = "partner"


class Hold(ResourceMixin, Base):
    __tablename__ = "holds"
    __table_args__ = (
        CheckConstraint("starts_on < until", name="dates_ordered"),
        # A ranking reads the holds live today: the organization's, by their end.
        Index("ix_holds_organization_until", "organization_id", "until"),
    )

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    starts_on: Mapped[date] = mapped_column(Date)
    # The first day the partner may be asked again.
    until: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    source: Mapped[HoldSource] = mapped_column(str_enum(HoldSource, "hold_source"))
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The name of the API key (or page session) that lifted it early.
    lifted_by: Mapped[str | None] = mapped_column(String(255))
    # When the person who set it was mailed that it is about to lapse (app.holds.reminders).
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
