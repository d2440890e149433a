"""The reads behind the check-in list: per partner, its running engagements, last temperature
check, latest interview and latest risk transition; active agreements; asks still unanswered.
A fixed number of grouped queries, whatever the number of partners."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.engagements.models import Agreement, Engagement
from app.interviews.models import Interview, TemperatureCheck
from app.load.models import RiskTransition
from app.needs.models import Need
from app.repository import latest_per_organization
from matching.types import AgreementStatus, EngagementStatus

# Past this many partners a filter on their ids costs more than reading every row.
IDS_FILTER = 500


def _only(column: Any, ids: Sequence[int]) -> list[Any]:
    return [column.in_(ids)] if len(ids) <= IDS_FILTER else []


def running(session: Session, ids: Sequence[int], today: date) -> dict[int, int]:
    """Accepted engagements under way today (started, not ended), per partner."""
    e = Engagement
    stmt = (
        select(e.organization_id, func.count())
        .where(e.status == EngagementStatus.accepted, *_only(e.organization_id, ids))
        .where(or_(e.starts_on.is_(None), e.starts_on <= today))
        .where(or_(e.ends_on.is_(None), e.ends_on >= today))
        .group_by(e.organization_id)
    )
    return {int(row[0]): row[1] for row in session.execute(stmt).all()}


def last_checks(session: Session, ids: Sequence[int]) -> dict[int, datetime]:
    t = TemperatureCheck
    stmt = (
        select(t.organization_id, func.max(t.checked_at))
        .where(*_only(t.organization_id, ids))
        .group_by(t.organization_id)
    )
    return {int(row[0]): row[1] for row in session.execute(stmt).all()}


def last_interviews(session: Session, ids: Sequence[int]) -> dict[int, datetime]:
    i = Interview
    stmt = (
        select(i.organization_id, func.max(i.conducted_at))
        .where(*_only(i.organization_id, ids))
        .group_by(i.organization_id)
    )
    return {int(row[0]): row[1] for row in session.execute(stmt).all()}


def latest_transitions(
    session: Session, ids: Sequence[int]
) -> dict[int, tuple[datetime, str, str, list[str]]]:
    """Each partner's latest risk transition: (when, from level, to level, reasons)."""
    r = RiskTransition
    stmt = latest_per_organization(
        r,
        r.changed_at,
        r.from_level,
        r.to_level,
        r.reasons,
        newest_first=(r.changed_at.desc(), r.id.desc()),
        where=_only(r.organization_id, ids),
    )
    return {org: (at, before, after, reasons) for org, at, before, after, reasons in
            session.execute(stmt).all()}  # fmt: skip


def active_agreements(
    session: Session, ids: Sequence[int], ending_by: date
) -> list[tuple[int, int, date]]:
    """Active agreements ending on or before `ending_by`: (id, organization, ends_on)."""
    a = Agreement
    stmt = (
        select(a.id, a.organization_id, a.ends_on)
        .where(a.status == AgreementStatus.active, a.ends_on <= ending_by)
        .where(*_only(a.organization_id, ids))
        .order_by(a.id)
    )
    return [(i, org, end) for i, org, end in session.execute(stmt).all()]


def unanswered_asks(
    session: Session, ids: Sequence[int], asked_before: datetime
) -> list[tuple[int, int, str, str, str | None, datetime]]:
    """Asks still `asked` that were made before `asked_before`:
    (id, organization, program, engagement type, need title, asked_at)."""
    e = Engagement
    stmt = (
        select(e.id, e.organization_id, e.program, e.engagement_type, Need.title, e.asked_at)
        .outerjoin(Need, and_(Need.id == e.need_id))
        .where(e.status == EngagementStatus.asked, e.asked_at < asked_before)
        .where(*_only(e.organization_id, ids))
        .order_by(e.id)
    )
    return [(i, org, program, str(kind.value), title, at) for i, org, program, kind, title, at in
            session.execute(stmt).all()]  # fmt: skip
