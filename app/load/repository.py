"""Grouped queries that fill `matching.load.LoadFigures` for many partners at once.

One GROUP BY over engagements, one over temperature checks and one window query for the latest
interview: a fixed number of queries whatever the number of partners. The definitions match
`matching.load.aggregate` exactly (a test holds the two to each other).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np
from sqlalchemy import Float, and_, case, cast, distinct, func, or_, select
from sqlalchemy.orm import Session

from app.engagements.models import Engagement
from app.interviews.models import Interview, TemperatureCheck
from app.load.models import RiskTransition
from app.organizations.models import Organization
from app.sql import epoch_day, greatest, least
from matching.load import TREND_DAYS, LoadFigures, slope_from_sums
from matching.types import EngagementStatus, PartnerKind

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def day_number(day: date) -> int:
    """`day` as whole days since 1970-01-01, the unit `epoch_day` gives in SQL."""
    return day.toordinal() - EPOCH_ORDINAL


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


@dataclass(frozen=True)
class Partner:
    id: int
    name: str
    kind: PartnerKind
    region: str | None


def partners(
    session: Session,
    kind: PartnerKind | None = None,
    region: str | None = None,
    ids: Sequence[int] | None = None,
) -> list[Partner]:
    """Organizations in id order, optionally filtered."""
    stmt = select(Organization.id, Organization.name, Organization.kind, Organization.region)
    if kind is not None:
        stmt = stmt.where(Organization.kind == kind)
    if region is not None:
        stmt = stmt.where(Organization.region == region)
    if ids is not None:
        stmt = stmt.where(Organization.id.in_(ids))
    return [Partner(*row) for row in session.execute(stmt.order_by(Organization.id))]


def figures(
    session: Session, partner_ids: Sequence[int], as_of: date, window_days: int
) -> LoadFigures:
    """Load figures for `partner_ids` (in that order) over the window ending on `as_of`."""
    n = len(partner_ids)
    out = LoadFigures.empty(n, window_days)
    if n == 0:
        return out
    index = {pid: i for i, pid in enumerate(partner_ids)}
    # A filter on the ids only when it narrows things: 10k bound parameters slow a query down.
    only = len(partner_ids) <= 500
    today = day_number(as_of)
    first = today - window_days + 1
    window_start = midnight(as_of - timedelta(days=window_days - 1))
    window_end = midnight(as_of + timedelta(days=1))

    e = Engagement
    start = func.coalesce(epoch_day(e.starts_on), epoch_day(e.asked_at))
    end = greatest(func.coalesce(epoch_day(e.ends_on), start), start)
    asked_in_window = and_(e.asked_at >= window_start, e.asked_at < window_end)
    accepted = e.status == EngagementStatus.accepted
    completed = e.status == EngagementStatus.completed
    hours = case(
        (and_(completed, e.hours_actual.is_not(None)), e.hours_actual), else_=e.hours_estimated
    )
    days = cast(end - start + 1, Float)
    behind = greatest(least(end, today) - greatest(start, first) + 1, 0)
    ahead = greatest(least(end, today + window_days) - greatest(start, today + 1) + 1, 0)
    stmt = select(
        e.organization_id,
        func.sum(case((asked_in_window, 1), else_=0)),
        func.count(distinct(case((asked_in_window, e.program)))),
        func.sum(case((and_(asked_in_window, e.status == EngagementStatus.declined), 1), else_=0)),
        func.sum(case((and_(accepted, start <= today, end >= today), 1), else_=0)),
        func.sum(case((or_(accepted, completed), hours * behind / days), else_=0.0)),
        func.sum(case((accepted, hours * ahead / days), else_=0.0)),
        func.max(case((and_(completed, end <= today), end))),
    ).group_by(e.organization_id)
    if only:
        stmt = stmt.where(e.organization_id.in_(partner_ids))
    rows = session.execute(stmt)
    for org, asks, programs, declines, active, committed, promised, last_done in rows:
        i = index.get(org)
        if i is None:
            continue
        out.asks[i], out.distinct_programs[i], out.declines[i] = asks, programs, declines
        out.active_engagements[i] = active
        out.hours_committed[i] = committed or 0.0
        out.hours_ahead[i] = promised or 0.0
        out.days_since_completed[i] = np.nan if last_done is None else today - last_done

    latest = (
        select(
            Interview.organization_id,
            Interview.capacity_hours_per_month,
            Interview.max_concurrent_engagements,
            func.row_number()
            .over(
                partition_by=Interview.organization_id,
                order_by=(Interview.conducted_at.desc(), Interview.id.desc()),
            )
            .label("rank"),
        )
        .where(Interview.conducted_at < window_end)
        .subquery()
    )
    interviews = select(latest.c[1], latest.c[2], latest.c[0]).where(latest.c.rank == 1)
    if only:
        interviews = interviews.where(latest.c.organization_id.in_(partner_ids))
    for capacity, concurrent, org in session.execute(interviews):
        i = index.get(org)
        if i is not None:
            out.capacity_hours_per_month[i], out.max_concurrent[i] = capacity, concurrent

    t = TemperatureCheck
    x = cast(epoch_day(t.checked_at) - today, Float)  # days before today: small, precise sums
    y = cast(t.satisfaction, Float)
    in_w = epoch_day(t.checked_at) >= first
    checks = (
        select(
            t.organization_id,
            func.count(),
            func.sum(x),
            func.sum(y),
            func.sum(x * y),
            func.sum(x * x),
            func.avg(case((in_w, y))),
        )
        .where(t.checked_at >= midnight(as_of - timedelta(days=TREND_DAYS - 1)))
        .where(t.checked_at < window_end)
        .group_by(t.organization_id)
    )
    if only:
        checks = checks.where(t.organization_id.in_(partner_ids))
    sums = np.zeros((5, n))
    for org, count, sx, sy, sxy, sxx, mean in session.execute(checks):
        i = index.get(org)
        if i is None:
            continue
        out.checks[i] = count
        sums[:, i] = (count, sx, sy, sxy, sxx)
        out.satisfaction_mean[i] = np.nan if mean is None else mean
    out.satisfaction_slope[:] = slope_from_sums(*sums)
    return out


def programs_asking(
    session: Session, partner_ids: Sequence[int], since: datetime, until: datetime
) -> dict[int, list[tuple[str, int]]]:
    """Who asked each partner in [since, until), busiest program first."""
    if not partner_ids:
        return {}
    n = func.count().label("n")
    stmt = (
        select(Engagement.organization_id, Engagement.program, n)
        .where(Engagement.organization_id.in_(partner_ids))
        .where(Engagement.asked_at >= since, Engagement.asked_at < until)
        .group_by(Engagement.organization_id, Engagement.program)
        .order_by(Engagement.organization_id, n.desc(), Engagement.program)
    )
    out: dict[int, list[tuple[str, int]]] = {}
    for org, program, count in session.execute(stmt):
        out.setdefault(org, []).append((program, count))
    return out


def engagements_of(session: Session, organization_id: int, since: datetime) -> list[Engagement]:
    """One partner's engagements asked since `since`, or still running then."""
    stmt = (
        select(Engagement)
        .where(Engagement.organization_id == organization_id)
        .where(
            or_(
                Engagement.asked_at >= since,
                Engagement.ends_on >= since.date(),
            )
        )
        .order_by(Engagement.asked_at)
    )
    return list(session.scalars(stmt))


def checks_of(session: Session, organization_id: int, since: datetime) -> list[TemperatureCheck]:
    stmt = (
        select(TemperatureCheck)
        .where(TemperatureCheck.organization_id == organization_id)
        .where(TemperatureCheck.checked_at >= since)
        .order_by(TemperatureCheck.checked_at)
    )
    return list(session.scalars(stmt))


def latest_levels(session: Session, partner_ids: Sequence[int]) -> dict[int, str]:
    """Each partner's risk level as last recorded (partners never recorded are left out)."""
    if not partner_ids:
        return {}
    ranked = (
        select(
            RiskTransition.organization_id,
            RiskTransition.to_level,
            func.row_number()
            .over(
                partition_by=RiskTransition.organization_id,
                order_by=(RiskTransition.changed_at.desc(), RiskTransition.id.desc()),
            )
            .label("rank"),
        )
        .where(RiskTransition.organization_id.in_(partner_ids))
        .subquery()
    )
    rows = session.execute(select(ranked.c[0], ranked.c[1]).where(ranked.c.rank == 1))
    return {org: level for org, level in rows}  # noqa: C416 - rows, not pairs, to mypy


def add_transitions(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    session.add_all(RiskTransition(**row) for row in rows)
    session.flush()


def transitions_of(session: Session, organization_id: int) -> list[RiskTransition]:
    stmt = (
        select(RiskTransition)
        .where(RiskTransition.organization_id == organization_id)
        .order_by(RiskTransition.changed_at.desc(), RiskTransition.id.desc())
    )
    return list(session.scalars(stmt))
