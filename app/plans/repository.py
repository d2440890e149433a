"""The plan's reads: the needs chosen, how many of their slots are still open, plans."""

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.engagements.models import Engagement
from app.needs.models import Need
from app.plans.models import Plan
from matching.types import EngagementStatus, NeedStatus

#: Asks that hold a slot: accepted or done, or still waiting for an answer.
HOLDING = (
    EngagementStatus.proposed,
    EngagementStatus.asked,
    EngagementStatus.accepted,
    EngagementStatus.completed,
)


def needs_by_id(session: Session, ids: Sequence[int]) -> list[Need]:
    if not ids:
        return []
    return list(session.scalars(select(Need).where(Need.id.in_(ids)).order_by(Need.id)))


def needs_where(
    session: Session, program: str | None, region: str | None, status: NeedStatus | None
) -> list[Need]:
    stmt = select(Need).order_by(Need.id)
    if program is not None:
        stmt = stmt.where(Need.program == program)
    if region is not None:
        stmt = stmt.where(Need.region == region)
    if status is not None:
        stmt = stmt.where(Need.status == status)
    return list(session.scalars(stmt))


def slots_held(session: Session, need_ids: Sequence[int]) -> dict[int, int]:
    """need id -> asks holding one of its slots (accepted, completed, or awaiting an answer)."""
    if not need_ids:
        return {}
    stmt = (
        select(Engagement.need_id, func.count())
        .where(Engagement.need_id.in_(need_ids), Engagement.status.in_(HOLDING))
        .group_by(Engagement.need_id)
    )
    return {need: n for need, n in session.execute(stmt).all() if need is not None}


def open_asks(session: Session, pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The (need, organization) pairs among `pairs` that already have an ask, open or
    declined: the tool never asks twice."""
    if not pairs:
        return set()
    need_ids = sorted({n for n, _ in pairs})
    stmt = select(Engagement.need_id, Engagement.organization_id).where(
        Engagement.need_id.in_(need_ids),
        Engagement.status.in_(
            [
                EngagementStatus.proposed,
                EngagementStatus.asked,
                EngagementStatus.accepted,
                EngagementStatus.declined,
            ]
        ),
    )
    found = {(int(n), int(o)) for n, o in session.execute(stmt).all() if n is not None}
    return found & set(pairs)


def get(session: Session, plan_id: int) -> Plan | None:
    return session.get(Plan, plan_id)


def recent(session: Session, limit: int = 20) -> list[Plan]:
    """The latest plans, newest first."""
    return list(session.scalars(select(Plan).order_by(Plan.id.desc()).limit(limit)))
