"""Need (participant profile) table."""

from datetime import date

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models_base import ResourceMixin
from app.types import JsonList, str_enum
from matching.types import EngagementType, NeedStatus


class Need(ResourceMixin, Base):
    __tablename__ = "needs"
    __table_args__ = (
        CheckConstraint("slots >= 1", name="slots_positive"),
        CheckConstraint("hours_per_partner >= 0", name="hours_nonnegative"),
        CheckConstraint(
            "starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on", name="dates_ordered"
        ),
    )

    external_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    expertise_sought: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[list[str]] = mapped_column(JsonList, default=list)
    partner_kinds: Mapped[list[str]] = mapped_column(JsonList, default=list)
    sectors: Mapped[list[str]] = mapped_column(JsonList, default=list)
    region: Mapped[str | None] = mapped_column(String(120), index=True)
    engagement_type: Mapped[EngagementType] = mapped_column(
        str_enum(EngagementType, "engagement_type")
    )
    hours_per_partner: Mapped[float] = mapped_column(Float, default=0)
    slots: Mapped[int] = mapped_column(Integer, default=1)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[NeedStatus] = mapped_column(
        str_enum(NeedStatus, "need_status"), default=NeedStatus.open, index=True
    )
    # Who asks: the program's name is kept beside its id, as clients and files name it.
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="RESTRICT"), index=True
    )
    program: Mapped[str] = mapped_column(String(255))
