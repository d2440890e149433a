"""The dashboard's previous path, ask by ask: every ask in view made by the period's end read
as a record and counted in Python by the record-level functions of `matching.outcomes`.

The service does not use it. It is the reference the aggregate path is held to
(tests/app/outcomes/test_equivalence.py) and the "old" side of `python -m bench.outcomes`;
delete it with those once the aggregate path has served a while.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import ColumnElement, String, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.engagements.models import Engagement
from app.interviews.models import TemperatureCheck
from app.load.repository import midnight
from app.organizations.models import Organization
from app.outcomes import repository
from app.outcomes.repository import _among
from app.outcomes.schemas import OutcomesOut, OutcomesQuery
from app.outcomes.service import Categories, View, answer, view_of
from app.sql import epoch_day
from matching import outcomes as figures
from matching.outcomes import Ask, Check
from matching.types import EngagementStatus

EPOCH = repository.EPOCH

_E = Engagement.__table__.c
# Days as whole numbers and enums as text: turning 200k values into date and enum objects in
# the driver costs more than the query; the few distinct days are turned into dates once.
_ASK_COLUMNS = (
    _E.id,
    _E.organization_id,
    _E.program,
    type_coerce(_E.engagement_type, String),
    type_coerce(_E.status, String),
    epoch_day(_E.asked_at),
    epoch_day(_E.responded_at),
    epoch_day(_E.starts_on),
    epoch_day(_E.ends_on),
    _E.need_id,
    _E.hours_actual,
    _E.students_served,
    _E.hires,
    _E.credentials_earned,
)


def _asks(session: Session, *where: ColumnElement[bool]) -> list[Ask]:
    rows = session.execute(select(*_ASK_COLUMNS).where(*where).order_by(_E.id)).all()
    days: dict[int, date] = {}
    statuses = {s.value: s for s in EngagementStatus}

    def day(n: int) -> date:
        if n not in days:
            days[n] = date.fromordinal(EPOCH + n)
        return days[n]

    def maybe(n: int | None) -> date | None:
        return None if n is None else day(n)

    return [
        Ask(
            id=id_, organization_id=org, program=program, engagement_type=kind,
            status=statuses[status], asked_on=day(asked), responded_on=maybe(responded),
            starts_on=maybe(starts), ends_on=maybe(ends),
            need_id=need, hours_actual=hours, students_served=students, hires=hires,
            credentials_earned=credentials,
        )
        for (id_, org, program, kind, status, asked, responded, starts, ends, need, hours,
             students, hires, credentials) in rows
    ]  # fmt: skip


def asks(session: Session, *, until: date, region: str | None, program_id: int | None) -> list[Ask]:
    """Asks made up to `until` (included), any earlier date, of partners in the region and of
    the program, when given."""
    where: list[ColumnElement[bool]] = [_E.asked_at < midnight(until + timedelta(days=1))]
    if program_id is not None:
        where.append(_E.program_id == program_id)
    if region is not None:
        in_region = select(Organization.id).where(Organization.region == region)
        where.append(_E.organization_id.in_(in_region))
    return _asks(session, *where)


def asks_of_programs_and_needs(
    session: Session, *, until: date, program_ids: Sequence[int], need_ids: Sequence[int]
) -> list[Ask]:
    """Asks made up to `until` by these programs or for these needs, of any partner."""
    if not program_ids and not need_ids:
        return []
    return _asks(
        session,
        _E.asked_at < midnight(until + timedelta(days=1)),
        or_(_E.program_id.in_(program_ids), _E.need_id.in_(need_ids)),
    )


def checks(
    session: Session, start: date, end: date, *, region: str | None, ids: Sequence[int]
) -> list[Check]:
    """Temperature checks of these partners from `start` to `end`."""
    t = TemperatureCheck
    stmt = select(t.organization_id, t.checked_at, t.satisfaction).where(
        t.checked_at >= midnight(start),
        t.checked_at < midnight(end + timedelta(days=1)),
        *_among(t.organization_id, region, ids),
    )
    wanted = set(ids)
    return [Check(org, at.date(), score) for org, at, score in session.execute(stmt).all()
            if org in wanted]  # fmt: skip


def outcomes(session: Session, query: OutcomesQuery, *, today: date | None = None) -> OutcomesOut:
    """`service.outcomes` as it was answered before the totals: ask by ask."""
    view = view_of(session, query, today=today)
    return answer(session, view, categories(session, view))


def categories(session: Session, view: View) -> Categories:
    """`service.categories` from every ask in view, as records."""
    period, region, program_id = view.period, view.region, view.program_id
    population = repository.partner_ids(session, region)
    asked = asks(session, until=period.end, region=region, program_id=program_id)
    scope = sorted(figures.partners_served(asked, period)) if program_id else population
    programs = repository.programs(session, program_id=program_id, region=region)
    needs = repository.needs(session, until=period.end, program_id=program_id, region=region)
    goal_asks = asked
    if program_id is not None or region is not None:
        goal_asks = asks_of_programs_and_needs(
            session,
            until=period.end,
            program_ids=[pid for pid, _, _ in programs],
            need_ids=[n.id for n in needs],
        )
    goals = figures.goals_reached(needs, goal_asks, repository.goals_of(programs), period=period)
    capacity = repository.capacities(session, period.end, region=region, ids=scope)
    found = checks(session, period.start, period.end, region=region, ids=scope)
    moves = repository.risk_moves(session, period.start, period.end, region=region, ids=scope)
    return Categories(
        goals=goals,
        resources=figures.use_of_resources(asked, capacity, period=period, population=population),
        quality=figures.quality(asked, found, period=period),
        impact=figures.impact(asked, period=period),
        dynamics=figures.dynamics(asked, moves, period=period, population=population),
        program_ids={name: pid for pid, name, _ in programs},
    )
