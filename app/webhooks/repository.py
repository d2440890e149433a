"""Every query of the webhooks package: endpoints, the outbox, claims and attempts."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from app.db import Base
from app.ops import leases
from app.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)

# Endpoints


def add_endpoint(
    session: Session, url: str, events: Sequence[str], encrypted_secret: str
) -> WebhookEndpoint:
    row = WebhookEndpoint(url=url, events=list(events), encrypted_secret=encrypted_secret)
    session.add(row)
    session.flush()
    return row


def get_endpoint(session: Session, id_: int) -> WebhookEndpoint | None:
    return session.get(WebhookEndpoint, id_)


def endpoints_page(
    session: Session, after_id: int | None, limit: int
) -> tuple[list[WebhookEndpoint], bool]:
    """Up to `limit` endpoints in id order after `after_id`, and whether more follow."""
    stmt = select(WebhookEndpoint).order_by(WebhookEndpoint.id).limit(limit + 1)
    if after_id is not None:
        stmt = stmt.where(WebhookEndpoint.id > after_id)
    rows = list(session.scalars(stmt))
    return rows[:limit], len(rows) > limit


def delete_endpoint(session: Session, row: WebhookEndpoint) -> None:
    # Its deliveries and their attempts go with it (ON DELETE CASCADE).
    session.delete(row)
    session.flush()


def encrypted_secrets(session: Session) -> list[tuple[int, str]]:
    """(id, encrypted secret) of every endpoint, disabled ones too, in id order."""
    stmt = select(WebhookEndpoint.id, WebhookEndpoint.encrypted_secret).order_by(WebhookEndpoint.id)
    return [(id_, stored) for id_, stored in session.execute(stmt)]


def set_encrypted_secret(session: Session, id_: int, encrypted_secret: str) -> None:
    session.execute(
        update(WebhookEndpoint)
        .where(WebhookEndpoint.id == id_)
        .values(encrypted_secret=encrypted_secret)
        .execution_options(synchronize_session=False)
    )


def subscriptions(session: Session) -> list[tuple[int, list[str]]]:
    """(id, event types) of every active endpoint."""
    stmt = (
        select(WebhookEndpoint.id, WebhookEndpoint.events)
        .where(WebhookEndpoint.disabled_at.is_(None))
        .order_by(WebhookEndpoint.id)
    )
    return [(id_, list(events)) for id_, events in session.execute(stmt)]


# The outbox


def enqueue(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Write outbox rows with a core INSERT: this runs inside a flush, where adding ORM
    objects to the session is not allowed."""
    session.execute(insert(Base.metadata.tables[WebhookDelivery.__tablename__]), list(rows))


def deliveries_page(
    session: Session,
    endpoint_id: int,
    status: DeliveryStatus | None,
    before_id: int | None,
    limit: int,
) -> tuple[list[WebhookDelivery], bool]:
    """An endpoint's deliveries, newest first, with their attempts; and whether more follow."""
    stmt = (
        select(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint_id)
        .options(selectinload(WebhookDelivery.attempts))
        .order_by(WebhookDelivery.id.desc())
        .limit(limit + 1)
    )
    if status is not None:
        stmt = stmt.where(WebhookDelivery.status == status)
    if before_id is not None:
        stmt = stmt.where(WebhookDelivery.id < before_id)
    rows = list(session.scalars(stmt))
    return rows[:limit], len(rows) > limit


# The worker


@dataclass(frozen=True)
class Claimed:
    """What one attempt needs to know, read when the delivery was claimed."""

    id: int
    endpoint_id: int
    url: str
    # Decrypted only when the delivery is signed, right before it is sent.
    encrypted_secret: str
    event_id: str
    payload: str
    created_at: datetime
    attempt_count: int


def due(session: Session, now: datetime, limit: int) -> list[int]:
    """Ids of pending deliveries to active endpoints whose time has come and that no worker
    holds, oldest due first."""
    stmt = (
        select(WebhookDelivery.id)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(
            WebhookDelivery.status == DeliveryStatus.pending,
            WebhookDelivery.next_attempt_at <= now,
            _unleased(now),
            WebhookEndpoint.disabled_at.is_(None),
        )
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def queue_depth(session: Session) -> dict[str, int]:
    """Deliveries pending and failed (for the metrics), each counted on the status index."""
    counts = {DeliveryStatus.pending.value: 0, DeliveryStatus.failed.value: 0}
    for status in (DeliveryStatus.pending, DeliveryStatus.failed):
        stmt = select(func.count()).select_from(WebhookDelivery)
        counts[status.value] = session.scalar(stmt.where(WebhookDelivery.status == status)) or 0
    return counts


def _unleased(now: datetime) -> Any:
    return leases.unleased(WebhookDelivery.leased_until, now)


def claim(session: Session, id_: int, now: datetime, until: datetime) -> Claimed | None:
    """Take the delivery until `until` if it is still pending and nobody holds it (of several
    workers racing for it exactly one does); what its attempt needs, or None."""
    if not leases.take(session, WebhookDelivery, id_, DeliveryStatus.pending, now, until):
        return None
    row = session.execute(
        select(
            WebhookDelivery.id,
            WebhookDelivery.endpoint_id,
            WebhookEndpoint.url,
            WebhookEndpoint.encrypted_secret,
            WebhookDelivery.event_id,
            WebhookDelivery.payload,
            WebhookDelivery.created_at,
            WebhookDelivery.attempt_count,
        )
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(WebhookDelivery.id == id_)
    ).one()
    return Claimed(*row)


def record_attempt(
    session: Session,
    claimed: Claimed,
    attempt: dict[str, Any],
    status: DeliveryStatus,
    next_attempt_at: datetime | None,
    completed_at: datetime | None,
) -> bool:
    """Log the attempt and move the delivery on, releasing the lease. False (and nothing
    written) if another worker recorded an attempt since this one claimed it, or the
    delivery was given up meanwhile (its endpoint disabled)."""
    moved = session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.id == claimed.id,
            WebhookDelivery.status == DeliveryStatus.pending,
            WebhookDelivery.attempt_count == claimed.attempt_count,
        )
        .values(
            status=status,
            attempt_count=claimed.attempt_count + 1,
            next_attempt_at=next_attempt_at,
            completed_at=completed_at,
            leased_until=None,
        )
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        return False
    session.execute(
        insert(WebhookAttempt).values(
            delivery_id=claimed.id, attempt=claimed.attempt_count + 1, **attempt
        )
    )
    return True


def disable_endpoint(session: Session, endpoint_id: int, now: datetime, reason: str) -> int:
    """Stop an endpoint: mark it disabled and give up its other pending deliveries. Answers
    how many deliveries were given up."""
    session.execute(
        update(WebhookEndpoint)
        .where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.disabled_at.is_(None))
        .values(disabled_at=now, disabled_reason=reason[:255])
        .execution_options(synchronize_session=False)
    )
    dropped = session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.endpoint_id == endpoint_id,
            WebhookDelivery.status == DeliveryStatus.pending,
        )
        .values(
            status=DeliveryStatus.failed,
            next_attempt_at=None,
            completed_at=now,
            leased_until=None,
        )
        .execution_options(synchronize_session=False)
    )
    return int(dropped.rowcount)  # type: ignore[attr-defined]
