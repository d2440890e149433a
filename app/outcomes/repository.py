"""The reads behind the outcomes dashboard, as the plain facts `matching.outcomes` takes: asks,
needs, temperature checks, stated capacity, risk moves and goals, for the partners and programs
in view. A fixed number of queries whatever the period."""

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, String, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.engagements.models import Engagement
from app.interviews.models import Interview, TemperatureCheck
from app.load.models import RiskTransition
from app.load.repository import midnight
from app.needs.models import Need
from app.organizations.models import Organization
from app.programs.models import Program
from app.repository import latest_per_organization
from app.sql import epoch_day
from matching.outcomes import Ask, Check, Goal, NeedFacts, PartnerCapacity, RiskMove
from matching.types import EngagementStatus

# Past this many partners a filter on their ids costs more than reading the region's rows.
IDS_FILTER = 500

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
EPOCH = date(1970, 1, 1).toordinal()


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
    stmt = select(n.id, n.program, n.slots, n.created_at, n.ends_on).order_by(n.id)
    if program_id is not None:
        stmt = stmt.where(n.program_id == program_id)
    if region is not None:
        stmt = stmt.where(n.region == region)
    return [
        NeedFacts(id=id_, program=program, slots=slots, recorded_on=created.date(), ends_on=ends)
        for id_, program, slots, created, ends in session.execute(stmt).all()
    ]


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
