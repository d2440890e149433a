"""Every query of the mail package: the outbox, claims and attempts, and suppressed addresses."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.mail.models import (
    MailAttempt,
    MailMessage,
    MailStatus,
    MailSuppression,
    SuppressionReason,
)
from app.ops import leases

# The outbox


def add_message(session: Session, values: dict[str, Any]) -> int:
    """Write one outbox row in the session's transaction; answers its id."""
    new_id: int = session.execute(
        insert(MailMessage).values(**values).returning(MailMessage.id)
    ).scalar_one()
    return new_id


def find_by_unsubscribe_token(session: Session, token_hash: str) -> MailMessage | None:
    stmt = select(MailMessage).where(MailMessage.unsubscribe_token_hash == token_hash)
    return session.scalars(stmt).first()


def of_organization(
    session: Session, organization_id: int, before_id: int | None, limit: int
) -> tuple[list[MailMessage], bool]:
    """A partner's mail, newest first, and whether older mail follows."""
    stmt = (
        select(MailMessage)
        .where(MailMessage.organization_id == organization_id)
        .order_by(MailMessage.id.desc())
        .limit(limit + 1)
    )
    if before_id is not None:
        stmt = stmt.where(MailMessage.id < before_id)
    rows = list(session.scalars(stmt))
    return rows[:limit], len(rows) > limit


def latest(session: Session, before_id: int | None, limit: int) -> tuple[list[MailMessage], bool]:
    """Every message, newest first (the mail page), and whether older mail follows."""
    stmt = select(MailMessage).order_by(MailMessage.id.desc()).limit(limit + 1)
    if before_id is not None:
        stmt = stmt.where(MailMessage.id < before_id)
    rows = list(session.scalars(stmt))
    return rows[:limit], len(rows) > limit


def count_all(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(MailMessage)) or 0


def get_message(session: Session, id_: int) -> MailMessage | None:
    return session.get(MailMessage, id_)


def count_of_organization(session: Session, organization_id: int) -> int:
    stmt = select(func.count()).select_from(MailMessage)
    return session.scalar(stmt.where(MailMessage.organization_id == organization_id)) or 0


def queue_depth(session: Session) -> dict[str, int]:
    """Messages by status (for the metrics), each counted on the status index."""
    counts = {}
    for status in MailStatus:
        stmt = select(func.count()).select_from(MailMessage)
        counts[status.value] = session.scalar(stmt.where(MailMessage.status == status)) or 0
    return counts


# The worker


@dataclass(frozen=True)
class Claimed:
    """What one attempt needs, read when the message was claimed."""

    id: int
    to_address: str
    to_name: str
    contact_id: int | None
    organization_id: int | None
    subject: str
    text_body: str
    html_body: str | None
    headers: dict[str, str]
    message_id_header: str
    secrets: list[str] | None
    created_at: datetime
    attempt_count: int


def due(session: Session, now: datetime, limit: int) -> list[int]:
    """Ids of pending messages whose time has come and that no worker holds, oldest due
    first."""
    stmt = (
        select(MailMessage.id)
        .where(
            MailMessage.status == MailStatus.pending,
            MailMessage.next_attempt_at <= now,
            _unleased(now),
        )
        .order_by(MailMessage.next_attempt_at, MailMessage.id)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def _unleased(now: datetime) -> Any:
    return leases.unleased(MailMessage.leased_until, now)


def claim(session: Session, id_: int, now: datetime, until: datetime) -> Claimed | None:
    """Take the message until `until` if it is still pending and nobody holds it (of several
    workers racing for it exactly one does); what its attempt needs, or None."""
    if not leases.take(session, MailMessage, id_, MailStatus.pending, now, until):
        return None
    row = session.execute(
        select(
            MailMessage.id,
            MailMessage.to_address,
            MailMessage.to_name,
            MailMessage.contact_id,
            MailMessage.organization_id,
            MailMessage.subject,
            MailMessage.text_body,
            MailMessage.html_body,
            MailMessage.headers,
            MailMessage.message_id_header,
            MailMessage.secrets,
            MailMessage.created_at,
            MailMessage.attempt_count,
        ).where(MailMessage.id == id_)
    ).one()
    return Claimed(**row._mapping)


@dataclass(frozen=True)
class Moved:
    """Where an attempt leaves a message: its status, when it is tried next, why the attempt
    failed, and (once done) its bodies and headers with the secrets struck."""

    status: MailStatus
    next_attempt_at: datetime | None
    sent_at: datetime | None
    last_error: str | None
    struck: dict[str, Any] | None = None


def record_attempt(
    session: Session, claimed: Claimed, attempt: dict[str, Any] | None, moved: Moved
) -> bool:
    """Keep the attempt (None: the message was given up without one) and move the message
    on, releasing the lease. False, and nothing written, if another worker moved it since
    this one claimed it."""
    done = session.execute(
        update(MailMessage)
        .where(
            MailMessage.id == claimed.id,
            MailMessage.status == MailStatus.pending,
            MailMessage.attempt_count == claimed.attempt_count,
        )
        .values(
            status=moved.status,
            attempt_count=claimed.attempt_count + (attempt is not None),
            next_attempt_at=moved.next_attempt_at,
            sent_at=moved.sent_at,
            last_error=moved.last_error,
            leased_until=None,
            **(moved.struck or {}),
        )
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        return False
    if attempt is not None:
        session.execute(
            insert(MailAttempt).values(
                message_id=claimed.id, attempt=claimed.attempt_count + 1, **attempt
            )
        )
    return True


# Addresses not mailed


def suppressions(session: Session, addresses: Iterable[str]) -> list[MailSuppression]:
    """The suppressions of these (normalized) addresses, oldest first."""
    wanted = sorted(set(addresses))
    if not wanted:
        return []
    stmt = (
        select(MailSuppression)
        .where(MailSuppression.address.in_(wanted))
        .order_by(MailSuppression.created_at, MailSuppression.id)
    )
    return list(session.scalars(stmt))


def suppress(
    session: Session,
    address: str,
    reason: SuppressionReason,
    *,
    contact_id: int | None,
    message_id: int | None,
    detail: str | None,
    at: datetime,
) -> bool:
    """Record that `address` is not to be mailed for `reason`, race-free: a second record of
    the same (an unsubscribe link clicked twice at once) keeps the first. Answers whether
    this call wrote it."""
    dialect = session.get_bind().dialect.name
    into = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        into(MailSuppression)
        .values(
            address=address,
            reason=reason,
            contact_id=contact_id,
            message_id=message_id,
            detail=detail,
            created_at=at,
        )
        .on_conflict_do_nothing()
        .returning(MailSuppression.id)
    )
    return session.execute(statement).scalar_one_or_none() is not None
