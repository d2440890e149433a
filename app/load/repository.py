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
from sqlalchemy import (
    Executable,
    Float,
    String,
    and_,
    case,
    cast,
    delete,
    distinct,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.engagements.models import Engagement
from app.interviews.models import Interview, TemperatureCheck
from app.load.models import KeptLoad, KeptLoadsState, RiskTransition
from app.organizations.models import Organization
from app.repository import latest_per_organization
from app.sql import epoch_day, greatest, least, no_index
from matching.load import TREND_DAYS, IntArray, LoadFigures, slope_from_sums
from matching.types import EngagementStatus, PartnerKind

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def day_number(day: date) -> int:
    """`day` as whole days since 1970-01-01, the unit `epoch_day` gives in SQL."""
    return day.toordinal() - EPOCH_ORDINAL


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def window_bounds(as_of: date, window_days: int) -> tuple[datetime, datetime]:
    """[start, end) of the `window_days` days up to and including `as_of`, in UTC."""
    return midnight(as_of - timedelta(days=window_days - 1)), midnight(as_of + timedelta(days=1))


def _hours_start(e: type[Engagement]) -> Any:
    """The day an engagement's hours start: its start date, or the day it was asked."""
    return func.coalesce(epoch_day(e.starts_on), epoch_day(e.asked_at))


@dataclass(frozen=True)
class Partner:
    id: int
    name: str
    kind: PartnerKind
    region: str | None


@dataclass(frozen=True)
class PartnerTable:
    """Organizations as columns, in id order: cheap for 10k rows, where objects are not."""

    ids: IntArray
    names: list[str]
    kinds: list[str]
    regions: list[str | None]

    def __len__(self) -> int:
        return len(self.names)

    def partner(self, i: int) -> Partner:
        return Partner(int(self.ids[i]), self.names[i], PartnerKind(self.kinds[i]), self.regions[i])


def partners(
    session: Session,
    kind: PartnerKind | None = None,
    region: str | None = None,
    ids: Sequence[int] | None = None,
) -> PartnerTable:
    """Organizations in id order, optionally filtered."""
    o = Organization
    # The kind as plain text: converting 10k values to enum members costs more than the query.
    stmt = select(o.id, o.name, type_coerce(o.kind, String), o.region).order_by(o.id)
    if kind is not None:
        stmt = stmt.where(o.kind == kind)
    if region is not None:
        stmt = stmt.where(o.region == region)
    if ids is not None:
        stmt = stmt.where(o.id.in_(ids))
    rows = session.execute(stmt).all()
    columns = list(zip(*rows, strict=True)) if rows else [(), (), (), ()]
    return PartnerTable(
        ids=np.asarray(columns[0], dtype=np.int64),
        names=list(columns[1]),
        kinds=list(columns[2]),
        regions=list(columns[3]),
    )


def _grouped(session: Session, stmt: Executable, index: dict[int, int]) -> tuple[IntArray, Any]:
    """Rows of a query grouped by organization, as (positions in `index`, columns)."""
    rows = [row for row in session.execute(stmt).all() if row[0] in index]
    at = np.fromiter((index[row[0]] for row in rows), dtype=np.int64, count=len(rows))
    return at, list(zip(*rows, strict=True))[1:] if rows else []


def _by_organization(session: Session, column: Any) -> Any:
    # SQLite would walk the organization_id index and fetch rows one by one, several times
    # slower than a scan and a sort; a unary plus (SQLite only) hides the index from it.
    return no_index(column) if session.get_bind().dialect.name == "sqlite" else column


def figures(
    session: Session, partner_ids: Sequence[int], as_of: date, window_days: int
) -> LoadFigures:
    """Load figures for `partner_ids` (in that order) over the window ending on `as_of`."""
    n = len(partner_ids)
    out = LoadFigures.empty(n, window_days=window_days)
    if n == 0:
        return out
    index = {int(pid): i for i, pid in enumerate(partner_ids)}
    # A filter on the ids only when it narrows things: 10k bound parameters slow a query down.
    only = n <= 500
    today = day_number(as_of)
    first = today - window_days + 1
    first_day = as_of - timedelta(days=window_days - 1)
    window_start, window_end = window_bounds(as_of, window_days)
    e = Engagement
    org = _by_organization(session, e.organization_id)

    # Asks inside the window: a range on the asked_at index.
    asks = (
        select(
            e.organization_id,
            func.count(),
            func.count(distinct(e.program)),
            func.sum(case((e.status == EngagementStatus.declined, 1), else_=0)),
        )
        .where(e.asked_at >= window_start, e.asked_at < window_end)
        .group_by(org)
    )
    if only:
        asks = asks.where(e.organization_id.in_(partner_ids))
    at, cols = _grouped(session, asks, index)
    if cols:
        out.asks[at], out.distinct_programs[at], out.declines[at] = cols

    # Accepted and completed engagements whose days reach into the window: running ones and
    # their hours behind and ahead. Rows that end before the window cannot count, so they are
    # left out up front (a superset of the rows that count: the sums below are exact).
    start = _hours_start(e)
    hours = case(
        (and_(e.status == EngagementStatus.completed, e.hours_actual.is_not(None)), e.hours_actual),
        else_=e.hours_estimated,
    )
    spans = (
        select(
            e.organization_id.label("org"),
            e.status.label("status"),
            start.label("s"),
            epoch_day(e.ends_on).label("ed"),
            hours.label("h"),
        )
        .where(e.status.in_([EngagementStatus.accepted, EngagementStatus.completed]))
        .where(or_(e.ends_on >= first_day, e.starts_on >= first_day, e.asked_at >= window_start))
    )
    if only:
        spans = spans.where(e.organization_id.in_(partner_ids))
    sp = spans.subquery()
    s, h = sp.c.s, sp.c.h
    end = greatest(func.coalesce(sp.c.ed, s), s)
    days = cast(end - s + 1, Float)
    accepted = sp.c.status == EngagementStatus.accepted
    behind = greatest(least(end, today) - greatest(s, first) + 1, 0)
    ahead = greatest(least(end, today + window_days) - greatest(s, today + 1) + 1, 0)
    load = select(
        sp.c.org,
        func.sum(case((and_(accepted, s <= today, end >= today), 1), else_=0)),
        func.sum(h * behind / days),
        func.sum(case((accepted, h * ahead / days), else_=0.0)),
    ).group_by(_by_organization(session, sp.c.org))
    at, cols = _grouped(session, load, index)
    if cols:
        out.active_engagements[at] = cols[0]
        out.hours_committed[at] = np.asarray(cols[1], dtype=np.float64)
        out.hours_ahead[at] = np.asarray(cols[2], dtype=np.float64)

    # Capacity from each partner's latest interview.
    interviews = latest_per_organization(
        Interview,
        Interview.capacity_hours_per_month,
        Interview.max_concurrent_engagements,
        newest_first=(Interview.conducted_at.desc(), Interview.id.desc()),
        where=[Interview.conducted_at < window_end]
        + ([Interview.organization_id.in_(partner_ids)] if only else []),
    )
    at, cols = _grouped(session, interviews, index)
    if cols:
        out.capacity_hours_per_month[at], out.max_concurrent[at] = cols

    # Satisfaction: sums for a least-squares trend over a year, and the mean in the window.
    t = TemperatureCheck
    x = cast(epoch_day(t.checked_at) - today, Float)  # days before today: small, precise sums
    y = cast(t.satisfaction, Float)
    checks = (
        select(
            t.organization_id,
            func.count(),
            func.sum(x),
            func.sum(y),
            func.sum(x * y),
            func.sum(x * x),
            func.avg(case((t.checked_at >= window_start, y))),
        )
        .where(t.checked_at >= midnight(as_of - timedelta(days=TREND_DAYS - 1)))
        .where(t.checked_at < window_end)
        .group_by(_by_organization(session, t.organization_id))
    )
    if only:
        checks = checks.where(t.organization_id.in_(partner_ids))
    at, cols = _grouped(session, checks, index)
    if cols:
        out.checks[at] = cols[0]
        sums = np.zeros((5, n))
        sums[:, at] = np.asarray(cols[:5], dtype=np.float64)
        out.satisfaction_slope[:] = slope_from_sums(*sums)
        out.satisfaction_mean[at] = np.asarray(
            [np.nan if m is None else m for m in cols[5]], dtype=np.float64
        )
    return out


def days_since_completed(
    session: Session, partner_ids: Sequence[int], as_of: date
) -> dict[int, int]:
    """Days since each partner's last completed engagement ended (partners with none left out)."""
    if not partner_ids:
        return {}
    e = Engagement
    start = _hours_start(e)
    end = greatest(func.coalesce(epoch_day(e.ends_on), start), start)
    today = day_number(as_of)
    stmt = (
        select(e.organization_id, func.max(end))
        .where(e.organization_id.in_(partner_ids), e.status == EngagementStatus.completed)
        .where(end <= today)
        .group_by(e.organization_id)
    )
    return {org: today - last for org, last in session.execute(stmt).all()}


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
    latest = latest_per_organization(
        RiskTransition,
        RiskTransition.to_level,
        newest_first=(RiskTransition.changed_at.desc(), RiskTransition.id.desc()),
        where=[RiskTransition.organization_id.in_(partner_ids)],
    )
    rows = session.execute(latest)
    return {org: level for org, level in rows}  # noqa: C416 - rows, not pairs, to mypy


def add_transitions(session: Session, rows: Sequence[dict[str, Any]]) -> list[RiskTransition]:
    added = [RiskTransition(**row) for row in rows]
    session.add_all(added)
    session.flush()
    return added


def transitions_of(session: Session, organization_id: int) -> list[RiskTransition]:
    stmt = (
        select(RiskTransition)
        .where(RiskTransition.organization_id == organization_id)
        .order_by(RiskTransition.changed_at.desc(), RiskTransition.id.desc())
    )
    return list(session.scalars(stmt))


#: Kept rows written per statement (SQLite allows 32,766 bound values).
KEEP_BATCH = 2_000
_KEPT_SORT: dict[str, Any] = {
    "risk": func.coalesce(KeptLoad.risk_score, 0.0),
    "asks": func.coalesce(KeptLoad.asks, 0),
    "programs": func.coalesce(KeptLoad.distinct_programs, 0),
    "hours": func.coalesce(KeptLoad.hours_committed, 0.0),
    "utilization": KeptLoad.utilization,  # None (capacity unknown) goes last either way
    "declines": func.coalesce(KeptLoad.declines, 0),
    "name": func.lower(Organization.name),
}


def keep_loads(
    session: Session, rows: Sequence[dict[str, Any]], *, unless_kept_after: datetime | None = None
) -> None:
    """Insert or replace kept loads (one dict per partner, KeptLoad's columns); with
    `unless_kept_after`, a row kept after that moment (by a write) is left as it is."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    newer = None if unless_kept_after is None else KeptLoad.updated_at < unless_kept_after
    for start in range(0, len(rows), KEEP_BATCH):
        stmt = insert(KeptLoad).values(list(rows[start : start + KEEP_BATCH]))
        columns = [c.name for c in KeptLoad.__table__.columns if c.name != "organization_id"]
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=[KeptLoad.organization_id],
                set_={c: stmt.excluded[c] for c in columns},
                where=newer,
            )
        )


def kept_figures(session: Session, partner_ids: Sequence[int], window_days: int) -> LoadFigures:
    """The kept figures of `partner_ids` (in that order); a partner without a kept row has
    had no load and no interview: zeros, capacity unknown."""
    out = LoadFigures.empty(len(partner_ids), window_days=window_days)
    if not partner_ids:
        return out
    at = {int(pid): i for i, pid in enumerate(partner_ids)}
    k = KeptLoad
    columns = (
        "asks", "distinct_programs", "declines", "active_engagements", "hours_committed",
        "hours_ahead", "capacity_hours_per_month", "max_concurrent", "checks",
        "satisfaction_mean", "satisfaction_slope",
    )  # fmt: skip
    stmt = select(k.organization_id, *(getattr(k, c) for c in columns)).where(
        k.organization_id.in_(partner_ids)
    )
    for org, *values in session.execute(stmt).all():
        i = at[int(org)]
        for name, value in zip(columns, values, strict=True):
            array = getattr(out, name)
            if value is None:  # unknown; an integer column is never None once refreshed
                value = np.nan if array.dtype.kind == "f" else 0
            array[i] = value
    return out


def kept_as_of(session: Session) -> date | None:
    """The day every partner's kept load was last refreshed whole (None: never)."""
    return session.scalar(select(KeptLoadsState.as_of).where(KeptLoadsState.id == 1))


def set_kept_as_of(session: Session, day: date) -> None:
    state = session.get(KeptLoadsState, 1)
    if state is None:
        session.add(KeptLoadsState(id=1, as_of=day))
    elif state.as_of < day:
        state.as_of = day
    session.flush()


def kept_page(
    session: Session,
    *,
    kind: PartnerKind | None,
    region: str | None,
    risk: str | None,
    sort: str,
    offset: int,
    limit: int,
) -> tuple[list[int], bool]:
    """A page of partner ids in the order of `sort` over the kept loads ('-' first:
    descending; unknown values last; ties by id), and whether more follow. A partner without
    a kept row has had no load at all: zeros, risk `low`."""
    o, k = Organization, KeptLoad
    column = _KEPT_SORT[sort.lstrip("-")]
    order = column.desc() if sort.startswith("-") else column.asc()
    stmt = (
        select(o.id)
        .outerjoin(k, k.organization_id == o.id)
        .order_by(column.is_(None), order, o.id)
        .offset(offset)
        .limit(limit + 1)
    )
    if kind is not None:
        stmt = stmt.where(o.kind == kind)
    if region is not None:
        stmt = stmt.where(o.region == region)
    if risk is not None:
        level = func.coalesce(k.risk_level, "low")
        stmt = stmt.where(level == risk)
    ids = list(session.scalars(stmt))
    return ids[:limit], len(ids) > limit


def delete_transitions(session: Session) -> None:
    """Every recorded risk transition (a history replayed from the records replaces them)."""
    session.execute(delete(RiskTransition))


def latest_interest(session: Session, partner_ids: Sequence[int]) -> dict[int, int]:
    """Each partner's interest level (1-5) in its latest interview (never interviewed: left out)."""
    only = len(partner_ids) <= 500
    stmt = latest_per_organization(
        Interview,
        Interview.interest_level,
        newest_first=(Interview.conducted_at.desc(), Interview.id.desc()),
        where=[Interview.organization_id.in_(partner_ids)] if only else [],
    )
    return {int(org): int(level) for org, level in session.execute(stmt).all()}
