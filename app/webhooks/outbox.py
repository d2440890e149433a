"""The outbox: the write path calls `send` with the events a write made (an engagement created
or moved to another status, a need filled, a hold set or lifted, a partner moved to another
risk level), and one delivery row per subscribed endpoint is written in the same transaction
as the change. A commit that wrote any wakes the delivery workers of this process."""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any
from uuid import uuid4

from sqlalchemy.orm import Session

from app.domain import Action, Written
from app.engagements.models import Engagement
from app.engagements.schemas import EngagementRead
from app.holds.models import Hold
from app.holds.repository import status_of
from app.holds.schemas import HoldRead
from app.load.models import RiskTransition
from app.needs.models import Need
from app.needs.schemas import NeedRead
from app.ops.background import Wakers
from app.types import utcnow
from app.webhooks import repository
from app.webhooks.models import DeliveryStatus, EventType
from app.webhooks.schemas import Event, RiskChanged
from matching.types import NeedStatus

#: The delivery workers of this process, woken by a commit that wrote outbox rows.
WAKERS = Wakers()
add_waker = WAKERS.add
remove_waker = WAKERS.remove


@dataclass(frozen=True)
class Change:
    """Something a write did that an event reports; `data` is read only if someone listens."""

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
        if isinstance(self.row, Hold):
            fields = {n: getattr(self.row, n) for n in HoldRead.model_fields if n != "status"}
            read = HoldRead.model_validate(fields | {"status": status_of(self.row)})
            return read.model_dump(mode="json")
        return RiskChanged.model_validate(self.row).model_dump(mode="json")


def announced(
    written: Sequence[Written[Any]], transitions: Sequence[RiskTransition] = ()
) -> list[Change]:
    """The events a write makes: asks created or moved to another status, needs filled,
    partners put on a do-not-ask hold or taken off one early, and partners moved to another
    risk level. A hold that lapses on its date is no write, so it announces nothing."""
    found: list[Change] = []
    for w in written:
        row = w.row
        if isinstance(row, Engagement):
            if w.action is Action.created:
                found.append(Change(EventType.engagement_created, row))
            elif w.action is Action.updated and "status" in w.before:
                previous = w.before["status"]
                found.append(
                    Change(EventType.engagement_status_changed, row, str(_value(previous)))
                )
        elif isinstance(row, Need) and w.action is not Action.deleted:
            if w.moved("status") and row.status == NeedStatus.filled:
                found.append(Change(EventType.need_filled, row))
        elif isinstance(row, Hold) and w.action is Action.created:
            found.append(Change(EventType.organization_hold_set, row))
        elif isinstance(row, Hold) and w.action is Action.updated and "lifted_at" in w.before:
            found.append(Change(EventType.organization_hold_lifted, row))
    found += [Change(EventType.partner_risk_changed, t) for t in transitions]
    return found


def _value(status: object) -> object:
    return status.value if isinstance(status, Enum) else status


def send(session: Session, changes: Sequence[Change]) -> int:
    """Write one delivery row per subscribed endpoint for each change, in the session's
    transaction; the delivery workers of this process are woken when it commits. Answers how
    many rows were written (no query at all when there is nothing to announce)."""
    if not changes:
        return 0
    subscribed = repository.subscriptions(session)
    now = utcnow()
    rows = []
    for change in changes:
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
        # This session only, once: a rolled-back transaction wakes no one.
        WAKERS.after_commit(session)
    return len(rows)
