"""Mail tables: the outbox of messages, every attempt to hand one to SMTP, and the addresses
no longer mailed (bouncing, or unsubscribed by their owner)."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.types import JsonList, JsonObject, UTCDateTime, str_enum, utcnow


class MailStatus(StrEnum):
    pending = "pending"  # waiting for its first or next attempt
    sent = "sent"  # the SMTP server took it
    failed = "failed"  # given up: the retry window passed, or the address may not be mailed
    bounced = "bounced"  # refused for good by the server (5xx to the recipient or the data)


class MailKind(StrEnum):
    """What a message is for. Stored as plain text: a new kind needs no migration."""

    partner_link = "partner_link"
    invitation = "invitation"  # a person invited to sign in (app.people)
    password_reset = "password_reset"
    hold_lapsing = "hold_lapsing"  # to the person who set a hold, days before it ends
    digest = "digest"  # each Monday, to conveners and admins (app.reminders.digest)


class SuppressionReason(StrEnum):
    bouncing = "bouncing"  # a server refused mail to the address for good
    unsubscribed = "unsubscribed"  # its owner asked for no more mail


class MailMessage(Base):
    """One message to one address: the outbox row, written in the transaction of the write
    that causes it, so a write rolled back sends nothing.

    The bodies are what is sent, rendered once, so every retry sends the same message (with
    the same Message-ID). `secrets` lists the parts of it that open something (a partner
    link's address, the unsubscribe address): they are struck from the bodies and headers
    once the message is sent or given up (app.mail.outbox.strike).
    """

    __tablename__ = "mail_messages"
    __table_args__ = (
        # The worker's poll: pending rows whose time has come, oldest first.
        Index("ix_mail_messages_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    to_address: Mapped[str] = mapped_column(String(320))
    to_name: Mapped[str] = mapped_column(String(255), default="")
    # Whom it is about, when a partner's contact: the partner page lists it. A contact or a
    # partner deleted takes its mail with it (and mail not yet sent is then never sent).
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    subject: Mapped[str] = mapped_column(String(500))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str | None] = mapped_column(Text)
    # Headers of this message beyond From, To, Subject, Date and Message-ID (List-Unsubscribe).
    headers: Mapped[dict[str, str]] = mapped_column(JsonObject, default=dict)
    # The Message-ID header: the same for every attempt, so a receiver can drop a duplicate.
    message_id_header: Mapped[str] = mapped_column(String(255))
    # The name of the API key whose request queued it.
    created_by: Mapped[str | None] = mapped_column(String(255))
    # The digest of the token of this message's unsubscribe address (the token is in the
    # message only); NULL: the message has no unsubscribe link.
    unsubscribe_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # What to strike once the message is out (see the class); NULL once struck.
    secrets: Mapped[list[str] | None] = mapped_column(JsonList)
    status: Mapped[MailStatus] = mapped_column(
        str_enum(MailStatus, "mail_status"), default=MailStatus.pending
    )
    attempt_count: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A worker owns the message until then (compare-and-set claim); NULL: nobody does.
    leased_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Why the last attempt failed, or why the message was given up.
    last_error: Mapped[str | None] = mapped_column(String(500))


class MailAttempt(Base):
    """One try at handing a message to the SMTP server: its reply code, or why none came."""

    __tablename__ = "mail_attempts"
    __table_args__ = (UniqueConstraint("message_id", "attempt"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Indexed by the unique constraint, whose first column it is.
    message_id: Mapped[int] = mapped_column(ForeignKey("mail_messages.id", ondelete="CASCADE"))
    attempt: Mapped[int] = mapped_column(Integer)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The server's reply code (250 taken; 4xx try later; 5xx refused), NULL: no reply.
    smtp_code: Mapped[int | None] = mapped_column(SmallInteger)
    error: Mapped[str | None] = mapped_column(String(500))
    duration_ms: Mapped[float] = mapped_column(Float)


class MailSuppression(Base):
    """An address that is not mailed, and why. Kept by address, not by contact: a bounce is
    the address's (a contact given a corrected address is mailed again; two contacts sharing
    a dead address both stop), and later mail goes to people who are no contact at all."""

    __tablename__ = "mail_suppressions"
    __table_args__ = (UniqueConstraint("address", "reason"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Lower-cased (app.mail.outbox.normalized), as every look-up is.
    address: Mapped[str] = mapped_column(String(320))
    reason: Mapped[SuppressionReason] = mapped_column(
        str_enum(SuppressionReason, "mail_suppression_reason")
    )
    # The contact who unsubscribed, or whose mail bounced; the address stays suppressed when
    # the contact is deleted.
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    # The message whose refusal (or unsubscribe link) did it.
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("mail_messages.id", ondelete="SET NULL"), index=True
    )
    # The server's refusal, for a bounce.
    detail: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
