"""Webhook tables: subscribed endpoints, the outbox of deliveries, and every attempt made."""

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
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base
from app.types import JsonList, UTCDateTime, str_enum, utcnow


class EventType(StrEnum):
    engagement_created = "engagement.created"
    engagement_status_changed = "engagement.status_changed"
    need_filled = "need.filled"
    partner_risk_changed = "partner.risk_changed"
    organization_hold_set = "organization.hold_set"
    organization_hold_lifted = "organization.hold_lifted"


class DeliveryStatus(StrEnum):
    pending = "pending"
    succeeded = "succeeded"
    failed = "failed"


class WebhookEndpoint(Base):
    """A receiver URL, the events it wants, and the secret deliveries to it are signed with.

    Signing needs the secret itself, so it is kept encrypted (a Fernet token, app.webhooks.
    keyring) and decrypted at each delivery; only the create answer ever shows it.
    """

    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048))
    events: Mapped[list[str]] = mapped_column(JsonList)
    # The signing secret encrypted with the first of WEBHOOK_SECRET_KEYS (164 characters).
    encrypted_secret: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Set when the receiver answered 410 Gone: nothing more is sent or queued for it.
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    disabled_reason: Mapped[str | None] = mapped_column(String(255))


class WebhookDelivery(Base):
    """One event for one endpoint: the outbox row, written in the transaction of the change.

    `payload` is the exact body sent, serialized once, so every retry signs the same bytes.
    """

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        # The worker's poll: pending rows whose time has come, oldest first.
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    endpoint_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), index=True
    )
    # The event's id, sent as `webhook-id`: the same for every endpoint and every retry, so a
    # receiver can drop duplicates.
    event_id: Mapped[str] = mapped_column(String(40))
    event_type: Mapped[EventType] = mapped_column(str_enum(EventType, "webhook_event_type"))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[DeliveryStatus] = mapped_column(
        str_enum(DeliveryStatus, "webhook_delivery_status"), default=DeliveryStatus.pending
    )
    attempt_count: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A worker owns the delivery until then (compare-and-set claim); NULL: nobody does.
    leased_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    attempts: Mapped[list["WebhookAttempt"]] = relationship(
        lazy="raise", order_by="WebhookAttempt.attempt.desc()", passive_deletes=True
    )


class WebhookAttempt(Base):
    """One try at sending a delivery: what the receiver answered, or why nothing came back."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (UniqueConstraint("delivery_id", "attempt"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Indexed by the unique constraint, whose first column it is.
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE")
    )
    attempt: Mapped[int] = mapped_column(Integer)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status_code: Mapped[int | None] = mapped_column(SmallInteger)
    error: Mapped[str | None] = mapped_column(String(500))
    duration_ms: Mapped[float] = mapped_column(Float)
    # No longer written nor shown: a receiver's answer could be what an internal service says
    # (SSRF with the answer readable). Kept until a migration drops the column.
    response_body: Mapped[str | None] = mapped_column(Text)
