"""The outbox: a flush that creates an engagement, changes an engagement's status, fills a need
or records a risk transition writes one delivery row per subscribed endpoint, in the same
transaction as the change, whatever wrote it (API, upsert, import, demo loader). A commit that
wrote any wakes the delivery workers of this process."""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

from sqlalchemy import event
from sqlalchemy.orm import Session, attributes

from app.engagements.models import Engagement
from app.engagements.schemas import EngagementRead
from app.load.models import RiskTransition
from app.needs.models import Need
from app.needs.schemas import NeedRead
from app.types import utcnow
from app.webhooks import repository
from app.webhooks.models import DeliveryStatus, EventType
from app.webhooks.schemas import Event, RiskChanged
from matching.types import NeedStatus

_WROTE = "webhook_outbox_written"

_wakers: set[Callable[[], None]] = set()
_wakers_lock = threading.Lock()


def add_waker(wake: Callable[[], None]) -> None:
    """Call `wake` after every commit that wrote outbox rows (a worker's early wake-up)."""
    with _wakers_lock:
        _wakers.add(wake)


def remove_waker(wake: Callable[[], None]) -> None:
    with _wakers_lock:
        _wakers.discard(wake)


@dataclass(frozen=True)
class Change:
    """Something a flush did that an event reports; `data` is read only if someone listens."""

    type: EventType
    row: Any
    previous_status: str | None = None

    def data(self) -> dict[str, Any]:
        if isinstance(self.row, Engagement):
            data = EngagementRead.model_validate(self.row).model_dump(mode="json")
            if self.type is EventType.engagement_status_changed:
                data["previous_status"] = self.previous_status
            return data
        if isinstance(self.row, Need):
            return NeedRead.model_validate(self.row).model_dump(mode="json")
        return RiskChanged.model_validate(self.row).model_dump(mode="json")


def _status_change(row: Engagement | Need) -> tuple[str, str] | None:
    """(old, new) if this flush moved the row's status."""
    history = attributes.get_history(row, "status")
    if not history.added or not history.deleted or history.added[0] == history.deleted[0]:
        return None
    return str(history.deleted[0]), str(history.added[0])


def changes(session: Session) -> list[Change]:
    """The events a flush makes, read from the session before it forgets what changed."""
    found: list[Change] = []
    for row in session.new:
        if isinstance(row, Engagement):
            found.append(Change(EventType.engagement_created, row))
        elif isinstance(row, Need) and row.status == NeedStatus.filled:
            found.append(Change(EventType.need_filled, row))
        elif isinstance(row, RiskTransition):
            found.append(Change(EventType.partner_risk_changed, row))
    for row in session.dirty:
        if not isinstance(row, Engagement | Need):
            continue
        moved = _status_change(row)
        if moved is None:
            continue
        if isinstance(row, Engagement):
            found.append(Change(EventType.engagement_status_changed, row, moved[0]))
        elif moved[1] == NeedStatus.filled:
            found.append(Change(EventType.need_filled, row))
    return found


def _after_flush(session: Session, _context: Any) -> None:
    found = changes(session)
    if not found:
        return  # the common case costs no query
    subscribed = repository.subscriptions(session)
    now = utcnow()
    rows = []
    for change in found:
        targets = [id_ for id_, events in subscribed if change.type in events]
        if not targets:
            continue
        event_id = f"evt_{uuid4().hex}"
        body = Event(id=event_id, type=change.type, created_at=now, data=change.data())
        payload = body.model_dump_json()
        rows += [
            {
                "endpoint_id": endpoint_id,
                "event_id": event_id,
                "event_type": change.type.value,
                "payload": payload,
                "created_at": now,
                "status": DeliveryStatus.pending.value,
                "attempt_count": 0,
                "next_attempt_at": now,
            }
            for endpoint_id in targets
        ]
    if rows:
        repository.enqueue(session, rows)
        session.info[_WROTE] = True


def _after_commit(session: Session) -> None:
    if session.info.pop(_WROTE, False):
        with _wakers_lock:
            wakers = list(_wakers)
        for wake in wakers:
            wake()


def _after_rollback(session: Session) -> None:
    session.info.pop(_WROTE, None)


def _keep_old_status(_target: Any, _value: Any, _old: Any, _initiator: Any) -> None:
    pass


def install() -> None:
    """Listen on every Session in this process (idempotent)."""
    if event.contains(Session, "after_flush", _after_flush):
        return
    # Load the old status when a new one is set, even on a record whose status was not read
    # (an import setting fields blindly), so status_changed can always say what it was.
    for column in (Engagement.status, Need.status):
        event.listen(column, "set", _keep_old_status, active_history=True)
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "after_commit", _after_commit)
    event.listen(Session, "after_rollback", _after_rollback)
