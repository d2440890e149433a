"""People and the single-use links mailed to them (invitations, password resets). Of each
link only the SHA-256 digest of its random token is stored; of a password, its Argon2 hash."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from app.auth.models import Role
from app.db import Base
from app.types import UTCDateTime, str_enum, utcnow


class PersonStatus(StrEnum):
    invited = "invited"  # no password set yet: the invitation has not been taken up
    active = "active"
    disabled = "disabled"


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # As typed by whoever invited them; unique whatever its case (the index below), and
    # looked up in lower case at sign-in.
    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    # Argon2 (pwdlib); NULL until the person sets one from their invitation.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Who invited them: a person's name, or an API key's.
    invited_by: Mapped[str] = mapped_column(String(255))
    joined_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    disabled_by: Mapped[str | None] = mapped_column(String(255))

    __table_args__ = (Index("uq_people_email_any_case", func.lower(email), unique=True),)

    @property
    def status(self) -> PersonStatus:
        if self.disabled_at is not None:
            return PersonStatus.disabled
        return PersonStatus.invited if self.password_hash is None else PersonStatus.active


class _PersonLink:
    """A single-use, expiring link mailed to a person: its token's digest, when it lapses,
    when it was used, and when it was withdrawn (a newer one was sent, or the person was
    disabled)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Invitation(_PersonLink, Base):
    __tablename__ = "invitations"

    created_by: Mapped[str] = mapped_column(String(255))


class PasswordReset(_PersonLink, Base):
    __tablename__ = "password_resets"
