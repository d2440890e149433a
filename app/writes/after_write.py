"""What a write sets off, called by the write service in the write's own transaction."""

from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import Action, Domain, Written
from app.engagements.repository import slots_taken_by_need
from app.load.service import record_risk_changes
from app.matches import change_log
from app.models_base import ResourceMixin
from app.needs.domain import NEEDS
from app.needs.models import Need
from app.webhooks import outbox
from app.writes import attribution
from matching.types import TAKES_SLOT, NeedStatus

M = TypeVar("M", bound=ResourceMixin)


def after_write(session: Session, domain: Domain[M], written: Sequence[Written[M]]) -> None:
    """The consequences of a write of `domain` records, in this order:

    -. who made it and through which door is recorded (`attribution`);
    0. an ask accepted or completed that takes its need's last slot fills the need, and one
       that gives a slot back opens a filled need again (a write of that need, with its own
       consequences: the `need.filled` event);
    1. the burnout risk of every partner the write touched is re-assessed (records that are
       part of a partner's load: interviews, temperature checks, engagements), and each move
       to another level is recorded as a risk transition;
    2. the webhook outbox gets one delivery per subscribed endpoint for each event the write
       made, the risk transitions of step 1 included;
    3. the index change log gets the records that rankings read, so every process's index
       knows it is stale.

    A write that changed nothing calls nothing (an empty `written`).
    """
    if not written:
        return
    session.flush()
    attribution.record(session, domain, written)
    if domain.takes_slots:
        after_write(session, NEEDS, fill_needs(session, written))
    transitions = []
    if domain.moves_risk:
        transitions = record_risk_changes(session, organizations_touched(domain, written))
    outbox.send(session, outbox.announced(written, transitions))
    if domain.ranked:
        change_log.stamp(
            session, domain.path, [(w.row.id, domain.organization_of(w.row)) for w in written]
        )


def organizations_touched(domain: Domain[M], written: Sequence[Written[M]]) -> set[int]:
    """The organizations the records belong to, before and after the write (an engagement
    moved from one partner to another lightens the first)."""
    found: set[int] = set()
    for w in written:
        now = domain.organization_of(w.row)
        before = w.before.get(domain.organization_column) if domain.organization_column else None
        found |= {i for i in (now, before) if isinstance(i, int)}
    return found


def fill_needs(session: Session, written: Sequence[Written[M]]) -> list[Written[Need]]:
    """Needs whose slots the asks now take become filled; a filled need an ask gave a slot
    back to is open again. A need a convener closed is left as it is."""
    touched: set[int] = set()
    released: Counter[int] = Counter()
    for w in written:
        now = getattr(w.row, "need_id", None)
        before = w.before.get("need_id", now)
        was_taken = w.before.get("status", getattr(w.row, "status", None)) in TAKES_SLOT
        if w.action is Action.created:
            was_taken = False
        is_taken = w.action is not Action.deleted and getattr(w.row, "status", None) in TAKES_SLOT
        touched |= {i for i in (now, before) if isinstance(i, int)}
        if was_taken and isinstance(before, int) and (not is_taken or before != now):
            released[before] += 1
    if not touched:
        return []
    taken = slots_taken_by_need(session, sorted(touched))
    changed: list[Written[Need]] = []
    for need in session.scalars(select(Need).where(Need.id.in_(touched)).order_by(Need.id)):
        now = taken.get(need.id, 0)
        if need.status == NeedStatus.open and now >= need.slots:
            status = NeedStatus.filled
        elif need.status == NeedStatus.filled and now < need.slots <= now + released[need.id]:
            status = NeedStatus.open  # it was full until this write gave a slot back
        else:
            continue
        changed.append(Written(Action.updated, need, {"status": need.status}))
        need.status = status
    return changed
