"""Risk transitions (every time a write moved a partner to another risk level) and the kept
load figures the load list reads."""

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.types import JsonList, UTCDateTime, utcnow


class RiskTransition(Base):
    __tablename__ = "risk_transitions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    from_level: Mapped[str] = mapped_column(String(16))
    to_level: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JsonList, default=list)


class KeptLoad(Base):
    """A partner's load over the default window, kept so the load list sorts, filters and
    pages in the database: written by the write path for the partners a write touched, and for
    every partner once a day (windows move with the date). `updated_at` lets a whole refresh
    leave alone a row a write kept after the refresh read its figures."""

    __tablename__ = "kept_loads"

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    as_of: Mapped[date] = mapped_column(Date)
    risk_level: Mapped[str] = mapped_column(String(16), index=True)
    risk_score: Mapped[float] = mapped_column(Float)
    asks: Mapped[int] = mapped_column(Integer)
    distinct_programs: Mapped[int] = mapped_column(Integer)
    hours_committed: Mapped[float] = mapped_column(Float)
    utilization: Mapped[float | None] = mapped_column(Float)  # None: capacity unknown
    declines: Mapped[int] = mapped_column(Integer)
    # The rest of LoadFigures, so a page is assessed from its kept rows alone; None in the
    # float columns stands for NaN (unknown), in all of them for a row kept before 0012.
    active_engagements: Mapped[int | None] = mapped_column(Integer)
    hours_ahead: Mapped[float | None] = mapped_column(Float)
    capacity_hours_per_month: Mapped[float | None] = mapped_column(Float)
    max_concurrent: Mapped[float | None] = mapped_column(Float)
    checks: Mapped[int | None] = mapped_column(Integer)
    satisfaction_mean: Mapped[float | None] = mapped_column(Float)
    satisfaction_slope: Mapped[float | None] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class KeptLoadsState(Base):
    """One row: the day on which every partner's kept load was last refreshed whole."""

    __tablename__ = "kept_loads_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    as_of: Mapped[date] = mapped_column(Date)
