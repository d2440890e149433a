"""The reads behind the outcomes dashboard: the asks added up in SQL (per partner, per program
and engagement type, per need, per month or quarter), temperature checks added up per month,
and the plain facts `matching.outcomes` takes beside them (needs, stated capacity, risk moves,
goals), for the partners and programs in view. A fixed number of queries whatever the period,
each answering with totals, never with the asks themselves.

Days are UTC days on both databases: an ask made at 23:30 UTC on 30 June is June's. A time is
in the period when it is from the first day's midnight to the midnight after the last.
"""

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    case,
    func,
    literal_column,
    or_,
    select,
    true,
    type_coerce,
)
from sqlalchemy.orm import Session

from app.engagements.models import Engagement
from app.interviews.models import Interview, TemperatureCheck
from app.load.models import RiskTransition
from app.load.repository import midnight
from app.needs.models import Need
from app.organizations.models import Organization
from app.programs.models import Program
from app.repository import latest_per_organization
from app.sql import epoch_day, no_index
from matching.outcomes import (
    ENGAGED,
    BucketAsks,
    CheckSums,
    Goal,
    NeedFacts,
    NeedTotals,
    PartnerCapacity,
    PartnerTotals,
    Period,
    ProgramTotals,
    RiskMove,
    buckets,
)
from matching.types import EngagementStatus

# Past this many partners a filter on their ids costs more than reading the region's rows.
IDS_FILTER = 500
EPOCH = date(1970, 1, 1).toordinal()

_E = Engagement.__table__.c


def partner_ids(session: Session, region: str | None) -> list[int]:
    """Every partner in the region (all of them without one), in id order."""
    stmt = select(Organization.id).order_by(Organization.id)
    if region is not None:
        stmt = stmt.where(Organization.region == region)
    return list(session.scalars(stmt))


def names(session: Session, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    stmt = select(Organization.id, Organization.name).where(Organization.id.in_(ids))
    return {int(pid): str(name) for pid, name in session.execute(stmt).all()}


# ---------------------------------------------------------------------------- asks added up


def _before(day: date) -> datetime:
    """The midnight (UTC) ending `day`: a time before it is on `day` or earlier."""
    return midnight(day + timedelta(days=1))


def _unindexed(column: Any) -> Any:
    """The column, of its type, as a value SQLite's planner will not look up in an index."""
    return type_coerce(no_index(column), column.type)


def _asked_by(until: date, *, scan: bool = False) -> ColumnElement[bool]:
    """Made by the end of `until`; with `scan`, said so that SQLite does not answer it from an
    index (for queries that read most of the table: through it in the table's order)."""
    asked_at = _unindexed(_E.asked_at) if scan else _E.asked_at
    made: ColumnElement[bool] = asked_at < _before(until)
    return made


def _asked_from(day: date) -> ColumnElement[bool]:
    return _E.asked_at >= midnight(day)


def _started_in(period: Period) -> ColumnElement[bool]:
    """Starts in the period: on its start date, else on the day it was asked."""
    asked = and_(_asked_from(period.start), _asked_by(period.end))
    return or_(_E.starts_on.between(period.start, period.end), and_(_E.starts_on.is_(None), asked))


def _ended_in(period: Period) -> ColumnElement[bool]:
    """Ends in the period: on its end date, else its start date, else the day it was asked."""
    return or_(
        _E.ends_on.between(period.start, period.end),
        and_(_E.ends_on.is_(None), _started_in(period)),
    )


_ENGAGED = _E.status.in_(ENGAGED)
_COMPLETED = _E.status == EngagementStatus.completed


def _only(*statuses: EngagementStatus) -> ColumnElement[bool]:
    """A filter on status SQLite does not answer from its index: a third of the table or more,
    fetched row by row in the index's order, costs more than reading the table through."""
    return no_index(_E.status).in_([s.value for s in statuses])


def _in_view(
    until: date, region: str | None, program_id: int | None, *, scan: bool = False
) -> list[ColumnElement[bool]]:
    """The asks in view: made by `until`, of partners in the region and of the program, when
    given (`scan`: see `_asked_by`)."""
    where = [_asked_by(until, scan=scan)]
    if program_id is not None:
        where.append(_E.program_id == program_id)
    if region is not None:
        where.append(_E.organization_id.in_(_region(region)))
    return where


def _region(region: str) -> Select[Any]:
    return select(Organization.id).where(Organization.region == region)


def _sum(value: Any, when: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(value).filter(when), 0)


def _columns(rows: Sequence[Any], width: int) -> list[tuple[Any, ...]]:
    return list(zip(*rows, strict=True)) if rows else [()] * width


def partner_totals(
    session: Session, period: Period, *, region: str | None, program_id: int | None
) -> PartnerTotals:
    """The asks in view made by the period's end, added up per partner: asks, declines and
    engagements made in the period, completed engagements ending in it and their hours, and
    the days of the first and last engaged asks (over every earlier year too, as an aggregate:
    who is returning, gained or lost depends on them)."""
    made = _asked_from(period.start)
    # Grouped apart from the partner index: SQLite would otherwise walk that index and fetch
    # every ask from the table in its order (twice as slow); this query then reads only the
    # (asked_at, organization_id, program, status) index.
    asks = (
        select(
            _E.organization_id,
            func.count().filter(made),
            func.count().filter(and_(made, _E.status == EngagementStatus.declined)),
            func.count().filter(and_(made, _ENGAGED)),
            # The day of the earliest time, not the earliest of the days: one date a partner.
            epoch_day(func.min(_E.asked_at).filter(_ENGAGED)),
            epoch_day(func.max(_E.asked_at).filter(_ENGAGED)),
        )
        .where(*_in_view(period.end, region, program_id))
        .group_by(no_index(_E.organization_id))
    )
    done = (
        select(_E.organization_id, func.count(), _sum(_E.hours_actual, true()))
        .where(
            *_in_view(period.end, region, program_id, scan=True),
            _only(EngagementStatus.completed),
            _ended_in(period),
        )
        .group_by(no_index(_E.organization_id))
    )
    ids, asked, declined, engaged, first, last = _columns(session.execute(asks).all(), 6)
    done_ids, completed, hours = _columns(session.execute(done).all(), 3)
    order = np.argsort(np.array(ids, dtype=np.int64))
    sorted_ids = np.array(ids, dtype=np.int64)[order]
    # A partner with a completed ask has an ask: `done_ids` are among `ids`.
    at = np.searchsorted(sorted_ids, np.array(done_ids, dtype=np.int64))
    completed_by = np.zeros(len(ids), dtype=np.int64)
    hours_by = np.zeros(len(ids))
    completed_by[at] = completed
    hours_by[at] = hours
    return PartnerTotals(
        ids=sorted_ids,
        asks=np.array(asked, dtype=np.int64)[order],
        declined=np.array(declined, dtype=np.int64)[order],
        engaged=np.array(engaged, dtype=np.int64)[order],
        completed=completed_by,
        hours=hours_by,
        # Whole days since 1970-01-01; None (never engaged) becomes NaT.
        first_engaged=np.array(first, dtype="datetime64[D]")[order],
        last_engaged=np.array(last, dtype="datetime64[D]")[order],
    )


def _bucket(column: Any, period: Period) -> Any:
    """The index in `buckets(period)` of the month (or quarter) a time of the period is in:
    comparisons with the buckets' first midnights, the same on both databases."""
    starts = [b.period.start for b in buckets(period)]
    if len(starts) == 1:
        return literal_column("0", Integer)
    return case(
        *[(column < midnight(day), literal_column(str(i), Integer))
          for i, day in enumerate(starts[1:])],
        else_=literal_column(str(len(starts) - 1), Integer),
    )  # fmt: skip


def asks_by_bucket(
    session: Session, period: Period, *, region: str | None, program_id: int | None
) -> BucketAsks:
    """How many partners were asked how many times in each month (or quarter) of the period:
    the asks in view counted per partner and month, then those counts counted."""
    per_partner = (
        select(_bucket(_E.asked_at, period).label("bucket"), _E.organization_id)
        .where(*_in_view(period.end, region, program_id), _asked_from(period.start))
        .subquery()
    )
    counts = (
        select(per_partner.c.bucket, func.count().label("asks"))
        .group_by(per_partner.c.bucket, per_partner.c.organization_id)
        .subquery()
    )
    stmt = select(counts.c.bucket, counts.c.asks, func.count()).group_by(
        counts.c.bucket, counts.c.asks
    )
    bucket, asks, partners = _columns(session.execute(stmt).all(), 3)
    return BucketAsks(
        bucket=np.array(bucket, dtype=np.int64),
        asks=np.array(asks, dtype=np.int64),
        partners=np.array(partners, dtype=np.int64),
    )


def _program_totals(
    session: Session, period: Period, *where: ColumnElement[bool]
) -> list[ProgramTotals]:
    """The engaged asks `where` says, per program and engagement type."""
    started = _started_in(period)
    done = and_(_COMPLETED, _ended_in(period))
    stmt = (
        select(
            _E.program,
            type_coerce(_E.engagement_type, String),
            func.count().filter(started),
            _sum(_E.students_served, and_(started, _COMPLETED)),
            func.count().filter(done),
            func.count().filter(and_(done, _E.students_served.is_not(None))),
            _sum(_E.students_served, done),
            _sum(_E.hires, done),
            _sum(_E.credentials_earned, done),
        )
        # The asks neither starting nor ending in the period add nothing: left out before the
        # grouping, which is most of the cost.
        .where(*where, _only(*ENGAGED), or_(started, done))
        .group_by(_unindexed(_E.program), _E.engagement_type)
    )
    return [
        ProgramTotals(
            program=program, engagement_type=kind, started=int(started),
            started_students=int(pupils), completed=int(completed), reporting=int(reporting),
            students_served=int(students), hires=int(hires), credentials_earned=int(credentials),
        )
        for (program, kind, started, pupils, completed, reporting, students, hires,
             credentials) in session.execute(stmt).all()
    ]  # fmt: skip


def program_totals(
    session: Session, period: Period, *, region: str | None, program_id: int | None
) -> list[ProgramTotals]:
    """The engaged asks in view made by the period's end, per program and engagement type:
    those starting in the period, and the completed ones ending in it with their outcomes."""
    return _program_totals(session, period, *_in_view(period.end, region, program_id, scan=True))


def program_totals_of_programs_and_needs(
    session: Session,
    period: Period,
    *,
    program_ids: Sequence[int],
    need_program_id: int | None,
    need_region: str | None,
) -> list[ProgramTotals]:
    """`program_totals` of the asks made by these programs or for the needs of the program and
    region (those `needs` reads), of any partner."""
    needs_in_view = select(Need.id).where(*_needs_where(need_program_id, need_region))
    return _program_totals(
        session,
        period,
        _asked_by(period.end, scan=True),
        or_(_E.program_id.in_(program_ids), _E.need_id.in_(needs_in_view)),
    )


def need_totals(
    session: Session, until: date, *, program_id: int | None, region: str | None
) -> list[NeedTotals]:
    """The asks made by `until` for each need of the program and region (those `needs` reads):
    the day of the first, how many engaged ones were accepted by `until`, and the day of the
    first acceptance."""
    accepted_at = func.coalesce(_E.responded_at, _E.asked_at)
    stmt = (
        select(
            _E.need_id,
            epoch_day(func.min(_E.asked_at)),
            func.count().filter(and_(_ENGAGED, accepted_at < _before(until))),
            epoch_day(func.min(accepted_at).filter(_ENGAGED)),
        )
        .where(
            _asked_by(until),
            _E.need_id.in_(select(Need.id).where(*_needs_where(program_id, region))),
        )
        .group_by(_E.need_id)
    )
    return [
        NeedTotals(
            need_id=int(need),
            first_asked=_date(first),
            accepted=int(accepted),
            first_accepted=None if first_accepted is None else _date(first_accepted),
        )
        for need, first, accepted, first_accepted in session.execute(stmt).all()
    ]


def _date(epoch_days: int) -> date:
    return date.fromordinal(EPOCH + int(epoch_days))


def _scope(
    column: Any, period: Period, *, region: str | None, program_id: int | None
) -> list[ColumnElement[bool]]:
    """The partners a figure covers: of a program, those it asked in the period or whose
    completed engagement for it ended in it (`partners_served`); else the region's."""
    if program_id is not None:
        served = select(_E.organization_id).where(
            *_in_view(period.end, region, program_id),
            or_(_asked_from(period.start), and_(_COMPLETED, _ended_in(period))),
        )
        return [column.in_(served)]
    return [] if region is None else [column.in_(_region(region))]


def check_sums(
    session: Session, period: Period, *, region: str | None, program_id: int | None
) -> CheckSums:
    """Temperature checks in the period of the partners in view (see `_scope`), added up per
    month (or quarter): how many, and the sums of the days since the period's start x, of the
    scores y, of x*y and of x*x."""
    t = TemperatureCheck.__table__.c
    x = epoch_day(t.checked_at) - literal_column(str(period.start.toordinal() - EPOCH), Integer)
    each = (
        select(
            _bucket(t.checked_at, period).label("bucket"),
            x.label("x"),
            t.satisfaction.label("y"),
        )
        .where(
            t.checked_at >= midnight(period.start),
            t.checked_at < _before(period.end),
            *_scope(t.organization_id, period, region=region, program_id=program_id),
        )
        .subquery()
    )
    c = each.c
    stmt = select(
        c.bucket,
        func.count(),
        func.sum(c.x),
        func.sum(c.y),
        func.sum(c.x * c.y),
        func.sum(c.x * c.x),
    ).group_by(c.bucket)
    out = np.zeros((5, len(buckets(period))), dtype=np.int64)
    for bucket, *sums in session.execute(stmt).all():
        out[:, int(bucket)] = [int(v) for v in sums]
    return CheckSums(checks=out[0], x=out[1], y=out[2], xy=out[3], xx=out[4])


# ---------------------------------------------------------------------------- plain facts


def program_names(session: Session) -> list[str]:
    return list(session.scalars(select(Program.name).order_by(Program.name)))


def programs(
    session: Session, *, program_id: int | None, region: str | None
) -> list[tuple[int, str, dict[str, Any]]]:
    """(id, name, goals) of the program asked for, or of the programs run in the region, or of
    every program."""
    stmt = select(Program.id, Program.name, Program.goals).order_by(Program.name)
    if program_id is not None:
        stmt = stmt.where(Program.id == program_id)
    elif region is not None:
        stmt = stmt.where(Program.region == region)
    return [(pid, name, goals or {}) for pid, name, goals in session.execute(stmt).all()]


def goals_of(rows: Sequence[tuple[int, str, dict[str, Any]]]) -> list[Goal]:
    """The goals stored on programs ({"2027": {"job_shadow": {"count": 12, "students": 48}}})
    as one Goal per program, year and engagement type."""
    return [
        Goal(
            program=name,
            year=int(year),
            engagement_type=kind,
            count=int(goal.get("count", 0)),
            students=int(goal.get("students", 0)),
        )
        for _, name, goals in rows
        for year, by_type in goals.items()
        for kind, goal in by_type.items()
    ]


def needs(
    session: Session, *, until: date, program_id: int | None, region: str | None
) -> list[NeedFacts]:
    """Needs of the program and in the region, when given (recorded any day: a need imported
    after its asks is posted on its first ask's day, which `matching` works out)."""
    n = Need
    stmt = (
        select(n.id, n.program, n.slots, n.created_at, n.ends_on)
        .where(*_needs_where(program_id, region))
        .order_by(n.id)
    )
    return [
        NeedFacts(id=id_, program=program, slots=slots, recorded_on=created.date(), ends_on=ends)
        for id_, program, slots, created, ends in session.execute(stmt).all()
    ]


def _needs_where(program_id: int | None, region: str | None) -> list[ColumnElement[bool]]:
    where = []
    if program_id is not None:
        where.append(Need.program_id == program_id)
    if region is not None:
        where.append(Need.region == region)
    return where


def _among(column: Any, region: str | None, ids: Sequence[int] | None) -> list[Any]:
    """A filter on partners: the ids given (when few), else the region's, else none; callers
    keep only the ids given from what comes back."""
    if ids is not None and len(ids) <= IDS_FILTER:
        return [column.in_(ids)]
    if region is not None:
        return [column.in_(select(Organization.id).where(Organization.region == region))]
    return []


def capacities(
    session: Session, until: date, *, region: str | None, ids: Sequence[int]
) -> list[PartnerCapacity]:
    """Each partner's hours a month from its latest interview up to `until` (None: none)."""
    i = Interview
    latest = latest_per_organization(
        i,
        i.capacity_hours_per_month,
        newest_first=(i.conducted_at.desc(), i.id.desc()),
        where=[i.conducted_at < midnight(until + timedelta(days=1)),
               *_among(i.organization_id, region, ids)],
    )  # fmt: skip
    hours = {int(org): value for org, value in session.execute(latest).all()}
    return [PartnerCapacity(pid, hours.get(pid)) for pid in ids]


def risk_moves(
    session: Session, start: date, end: date, *, region: str | None, ids: Sequence[int]
) -> list[RiskMove]:
    """Risk transitions of these partners from `start` to `end`."""
    r = RiskTransition
    stmt = select(r.organization_id, r.changed_at, r.from_level, r.to_level).where(
        r.changed_at >= midnight(start),
        r.changed_at < midnight(end + timedelta(days=1)),
        *_among(r.organization_id, region, ids),
    )
    wanted = set(ids)
    return [RiskMove(org, at.date(), a, b) for org, at, a, b in session.execute(stmt).all()
            if org in wanted]  # fmt: skip
