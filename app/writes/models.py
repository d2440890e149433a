"""Who made each write, and through which door: one row per record a write created, changed or
deleted, written in the write's own transaction (`app.writes.attribution`)."""

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.types import UTCDateTime, utcnow


class WriteRecord(Base):
    __tablename__ = "write_log"
    __table_args__ = (Index("ix_write_log_record", "record_type", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The kind of record (its collection's path: "engagements", "holds") and its id.
    record_type: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))  # created, updated, deleted
    # page, api, import, link, cli, system (`attribution.Door`)
    door: Mapped[str] = mapped_column(String(16))
    # The person's name, the key's name, or the partner contact's for a link: as it was then.
    by_name: Mapped[str] = mapped_column(String(255))
    # No foreign key: a log outlives what it names, and the engine imports no domain's tables.
    person_id: Mapped[int | None] = mapped_column(Integer, index=True)
