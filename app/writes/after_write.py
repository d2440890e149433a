"""What a write sets off, called by the write service in the write's own transaction."""

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy.orm import Session

from app.domain import Domain, Written
from app.load.service import record_risk_changes
from app.matches import state
from app.models_base import ResourceMixin
from app.webhooks import outbox

M = TypeVar("M", bound=ResourceMixin)


def after_write(session: Session, domain: Domain[M], written: Sequence[Written[M]]) -> None:
    """The consequences of a write of `domain` records, in this order:

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
    transitions = []
    if domain.moves_risk:
        transitions = record_risk_changes(session, organizations_touched(domain, written))
    outbox.send(session, outbox.announced(written, transitions))
    if domain.ranked:
        state.stamp(
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
