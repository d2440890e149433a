"""Idempotency keys: the first answer to a POST, kept 24 hours so a retry gets it again."""

from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.types import JsonList, UTCDateTime, utcnow


class IdempotencyKey(Base):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("owner", "key", name="uq_idempotency_keys_owner_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Keys are scoped to the API key that sent them (its SHA-256 digest, as api_keys stores it).
    owner: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    # When the request began or was taken over; a claim older than the lock is abandoned.
    locked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # NULL while the first request is running.
    status_code: Mapped[int | None] = mapped_column(Integer)
    response_headers: Mapped[list[str]] = mapped_column(JsonList, default=list)
    response_body: Mapped[bytes | None] = mapped_column(LargeBinary)
