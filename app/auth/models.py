"""API keys and the web pages' sessions: only a SHA-256 digest of each key or session token is
stored. A key belongs to a person (`owner_id`) or is a named service key; a session to a person
(signed in with a password) or, for operators, to a key."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.types import UTCDateTime, str_enum, utcnow


class Role(StrEnum):
    viewer = "viewer"
    recruiter = "recruiter"
    convener = "convener"
    admin = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: "Role") -> bool:
        return self.rank >= needed.rank


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    # The first characters of the key, shown in listings so a person can tell keys apart.
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The person the key works for (revoked when they are disabled); NULL: a service key,
    # known by its name.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)


class WebSession(Base):
    """A signed-in browser: its cookie holds a random token of its own (never a key or a
    password), found here by digest; it ends at logout, when it expires, when its key is
    revoked, or when its person is disabled or resets their password. It is a person's or a
    key's, never both."""

    __tablename__ = "web_sessions"
    __table_args__ = (
        CheckConstraint("(api_key_id IS NULL) <> (person_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    api_key_id: Mapped[int | None] = mapped_column(
        ForeignKey("api_keys.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
