"""The outcomes dashboard: the filters resolved (a program by id or name, a known region, a
period defaulting to the school year to date), the totals the repository has the database add
up handed to `matching.outcomes`, and the answer shaped as JSON or as a tidy CSV.

Who is in view: the partners of the region (every partner without one). A program narrows the
asks to its own; its partner figures (capacity, satisfaction, risk moves) then cover the
partners it asked, or whose engagement for it ended, in the period. Goals are those of the
program asked for, or of the programs run in the region, or of every program, each compared
with all its asks (a program's goal is not split by the partners' regions); slots are those of
the needs of the program and region.
"""

import csv
import difflib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.errors import invalid
from app.integrations.bulk import neutralised
from app.load.service import today as today_utc
from app.outcomes import repository
from app.outcomes.schemas import (
    MAX_DAYS,
    ConcentrationPointOut,
    DynamicsOut,
    GoalOut,
    GoalsReachedOut,
    ImpactOut,
    ImpactRowOut,
    OutcomesOut,
    OutcomesQuery,
    PartnerRef,
    PeriodOut,
    ProgramOut,
    QualityOut,
    ResourcesOut,
    RiskMovesOut,
    SatisfactionPointOut,
)
from app.programs.domain import find_by_name
from app.programs.models import Program
from app.repository import get
from app.schemas import MAX_ID
from app.vocabularies import service as vocabularies
from matching import outcomes as figures
from matching.outcomes import MONTHLY_UP_TO_DAYS, Period, school_year, school_year_start

#: How each category is counted, said once for the API, the page and the CSV's readers.
DEFINITIONS = {
    "goals_reached": (
        "Needs being recruited for: posted by the period's end (on the day recorded, or of "
        "their first ask if older) and not ended before it starts. Slots filled: accepted or "
        "completed asks for them, accepted by the period's end. Time to fill: days from posting "
        "to the first accepted ask, for needs first filled in the period (median). Goals: those "
        "of the school years (July to June, named by the year they end in) the period touches, "
        "against the program's accepted and completed asks of that type starting in the period, "
        "and the students served by the completed ones."
    ),
    "use_of_resources": (
        "Hours given: hours of completed engagements ending in the period. Capacity: the hours "
        "a month each partner stated in its latest interview, over the period's days; its use "
        "counts the hours of partners that stated one. Concentration: the share of asks made "
        "in the period (and of hours given) taken by the busiest 20% of partners, and the Gini "
        "coefficient, every partner in view counted."
    ),
    "quality": (
        "Satisfaction: temperature checks taken in the period (mean, least-squares trend in "
        "points a quarter from three checks, mean per month or quarter). Declines: asks made "
        "in the period that were declined, of all asks made in it. Partners engaged: with an "
        "accepted or completed ask made in the period; returning: engaged before it too; "
        "repeat: engaged twice or more in it."
    ),
    "impact": (
        "Completed engagements ending in the period: the students served, internships "
        "completed (internship host), hires and credentials earned they recorded. A figure "
        "not recorded is not counted; 'reporting' says how many recorded students served."
    ),
    "dynamics": (
        "Per month (per quarter for periods over a year): asks made, partners asked, and the "
        "top-20% share and Gini of asks over every partner in view. Gained: partners whose "
        "first accepted or completed ask was made in the period. Lost: engaged in the period "
        "of the same length just before, not in this one. Risk moves: risk level changes "
        "recorded in the period, by the level moved to."
    ),
}
EVERY_PROGRAM = "all programs"


def period_of(query: OutcomesQuery, today: date) -> Period:
    """The period asked for: `to` defaults to today, `from` to 1 July of the school year `to`
    falls in (the school year to date)."""
    end = query.to or today
    start = query.from_ or school_year_start(school_year(end))
    if start > end:
        raise invalid("from", f"must be on or before to ({end.isoformat()})", "query")
    if (end - start).days >= MAX_DAYS:
        raise invalid("from", "a period may be at most ten years long", "query")
    return Period(start, end)


def find_program(session: Session, ref: str) -> Program:
    """A program by id (digits) or by name, whatever its case; 422 naming `program` when no
    program answers, with the names spelled like it."""
    text = " ".join(ref.split())
    if text.isdigit() and 1 <= int(text) <= MAX_ID:
        found = get(session, Program, int(text))
        if found is not None:
            return found
    found = find_by_name(session, text)
    if found is not None:
        return found
    if text.isdigit():
        raise invalid("program", f"no program has id {text}", "query")
    known = {name.casefold(): name for name in repository.program_names(session)}
    near = [known[k] for k in difflib.get_close_matches(text.casefold(), list(known), n=3)]
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise invalid("program", f"{text!r} is not a known program{hint}", "query")


def _r(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _refs(session: Session, ids: Sequence[int]) -> list[PartnerRef]:
    found = repository.names(session, ids)
    return sorted(
        (PartnerRef(organization_id=i, name=found[i]) for i in ids if i in found),
        key=lambda p: p.name.casefold(),
    )


@dataclass(frozen=True)
class View:
    """What the filters resolve to: the day answered for, the period, region and program."""

    as_of: date
    period: Period
    region: str | None
    program: Program | None

    @property
    def program_id(self) -> int | None:
        return None if self.program is None else self.program.id


@dataclass(frozen=True)
class Categories:
    """The five categories' figures, and the ids of the programs whose goals they hold."""

    goals: figures.GoalsReached
    resources: figures.Resources
    quality: figures.Quality
    impact: tuple[figures.ImpactRow, list[figures.ImpactRow]]
    dynamics: figures.Dynamics
    program_ids: dict[str, int]


def view_of(session: Session, query: OutcomesQuery, *, today: date | None = None) -> View:
    """The filters resolved (422 naming the one that answers nothing)."""
    as_of = today or today_utc()
    period = period_of(query, as_of)
    region = query.region and vocabularies.known(session, "region", query.region, "region")
    program = None if query.program is None else find_program(session, query.program)
    return View(as_of, period, region, program)


def outcomes(session: Session, query: OutcomesQuery, *, today: date | None = None) -> OutcomesOut:
    """The five categories of outcomes for the filters asked."""
    view = view_of(session, query, today=today)
    return answer(session, view, categories(session, view))


def categories(session: Session, view: View) -> Categories:
    """The figures from totals the database adds up: the asks in view are never read one by
    one (see `repository`)."""
    period, region, program_id = view.period, view.region, view.program_id
    population = repository.partner_ids(session, region)
    partners = repository.partner_totals(session, period, region=region, program_id=program_id)
    scope = population
    if program_id is not None:
        scope = figures.partners_served_from_totals(partners).tolist()
    programs = repository.programs(session, program_id=program_id, region=region)
    needs = repository.needs(session, until=period.end, program_id=program_id, region=region)
    asked = repository.need_totals(session, period.end, program_id=program_id, region=region)
    by_program = repository.program_totals(session, period, region=region, program_id=program_id)
    started = by_program
    if program_id is not None or region is not None:
        started = repository.program_totals_of_programs_and_needs(
            session,
            period,
            program_ids=[pid for pid, _, _ in programs],
            need_program_id=program_id,
            need_region=region,
        )
    goals = repository.goals_of(programs)
    capacity = repository.capacities(session, period.end, region=region, ids=scope)
    checks = repository.check_sums(session, period, region=region, program_id=program_id)
    moves = repository.risk_moves(session, period.start, period.end, region=region, ids=scope)
    asks = repository.asks_by_bucket(session, period, region=region, program_id=program_id)
    return Categories(
        goals=figures.goals_reached_from_totals(needs, asked, started, goals, period=period),
        resources=figures.use_of_resources_from_totals(
            partners, capacity, period=period, population=population
        ),
        quality=figures.quality_from_totals(partners, checks, period=period),
        impact=figures.impact_from_totals(by_program),
        dynamics=figures.dynamics_from_totals(
            partners, asks, moves, period=period, population=population
        ),
        program_ids={name: pid for pid, name, _ in programs},
    )


def answer(session: Session, view: View, found: Categories) -> OutcomesOut:
    """The figures shaped for the API (rounded; partners gained and lost named)."""
    period, program = view.period, view.program
    goals, resources, quality, dynamics = (
        found.goals,
        found.resources,
        found.quality,
        found.dynamics,
    )
    total, by_program = found.impact
    years = [str(y) for y in period.school_years()]
    return OutcomesOut(
        as_of=view.as_of,
        period=PeriodOut(
            from_=period.start,
            to=period.end,
            days=period.days,
            school_years=years,
            year_share=round(period.year_share(), 4),
            step="month" if period.days <= MONTHLY_UP_TO_DAYS else "quarter",
        ),
        program=None if program is None else ProgramOut(id=program.id, name=program.name),
        region=view.region,
        goals_reached=GoalsReachedOut(
            needs=goals.needs,
            slots=goals.slots,
            slots_filled=goals.slots_filled,
            fill_rate=_r(goals.fill_rate),
            needs_filled_first=goals.needs_filled_first,
            median_days_to_fill=goals.median_days_to_fill,
            goals=[
                GoalOut(
                    program=g.program,
                    program_id=found.program_ids[g.program],
                    engagement_type=g.engagement_type,
                    school_years=years,
                    goal_count=g.goal_count,
                    actual_count=g.actual_count,
                    goal_students=g.goal_students,
                    actual_students=g.actual_students,
                    expected_count=g.expected_count,
                    expected_students=g.expected_students,
                    status=g.status,
                    students_status=g.students_status,
                )
                for g in goals.goals
            ],
        ),
        use_of_resources=ResourcesOut(
            hours_given=round(resources.hours_given, 1),
            hours_given_known=round(resources.hours_given_known, 1),
            capacity_hours=round(resources.capacity_hours, 1),
            capacity_use=_r(resources.capacity_use),
            partners_with_capacity=resources.partners_with_capacity,
            partners_capacity_unknown=resources.partners_capacity_unknown,
            asks=resources.asks,
            top20_share_asks=round(resources.top20_share_asks, 4),
            gini_asks=round(resources.gini_asks, 4),
            partners_giving_hours=resources.hours_partners,
            top20_share_hours=round(resources.top20_share_hours, 4),
            gini_hours=round(resources.gini_hours, 4),
        ),
        quality=QualityOut(
            checks=quality.checks,
            satisfaction_mean=_r(quality.satisfaction_mean, 2),
            satisfaction_trend_per_quarter=_r(quality.satisfaction_trend, 2),
            satisfaction_over_time=[
                SatisfactionPointOut(period=p.label, checks=p.checks, mean=_r(p.mean, 2))
                for p in quality.satisfaction_by_bucket
            ],
            asks=quality.asks,
            declined=quality.declined,
            decline_share=_r(quality.decline_share),
            partners_engaged=quality.engaged_partners,
            partners_returning=quality.returning_partners,
            partners_repeat=quality.repeat_partners,
        ),
        impact=ImpactOut(
            **_impact(total).model_dump(), by_program=[_impact(row) for row in by_program]
        ),
        dynamics=DynamicsOut(
            over_time=[
                ConcentrationPointOut(
                    period=p.label,
                    asks=p.asks,
                    partners_asked=p.partners_asked,
                    top20_share=_r(p.top20_share),
                    gini=_r(p.gini),
                )
                for p in dynamics.over_time
            ],
            partners_gained=_refs(session, dynamics.gained),
            partners_lost=_refs(session, dynamics.lost),
            risk_moves=RiskMovesOut(
                by_level=dynamics.moves_by_level, up=dynamics.moves_up, down=dynamics.moves_down
            ),
        ),
        definitions=DEFINITIONS,
    )


def _impact(row: figures.ImpactRow) -> ImpactRowOut:
    return ImpactRowOut(
        program=row.program,
        completed=row.completed,
        reporting=row.reporting,
        students_served=row.students_served,
        internships_completed=row.internships_completed,
        hires=row.hires,
        credentials_earned=row.credentials_earned,
    )


# ---------------------------------------------------------------------------- CSV

CSV_COLUMNS = ("category", "measure", "program", "period", "value")
Row = tuple[str, str, str, str, float | int | None]


def csv_rows(out: OutcomesOut) -> Iterator[Row]:
    """The answer as a long table: one figure a row (category, measure, program, period,
    value); `program` is the program a figure is about, else the one asked for, else "all
    programs"; `period` the whole period (from/to) or one month or quarter of it."""
    who = out.program.name if out.program else EVERY_PROGRAM
    whole = f"{out.period.from_.isoformat()}/{out.period.to.isoformat()}"
    g = out.goals_reached
    for measure in ("needs", "slots", "slots_filled", "fill_rate", "needs_filled_first",
                    "median_days_to_fill"):  # fmt: skip
        yield "goals_reached", measure, who, whole, getattr(g, measure)
    for goal in g.goals:
        kind = goal.engagement_type
        for measure in ("goal_count", "actual_count", "expected_count", "goal_students",
                        "actual_students", "expected_students"):  # fmt: skip
            yield "goals_reached", f"{measure}.{kind}", goal.program, whole, getattr(goal, measure)
    for measure, value in out.use_of_resources.model_dump().items():
        yield "use_of_resources", measure, who, whole, value
    q = out.quality
    for measure, value in q.model_dump(exclude={"satisfaction_over_time"}).items():
        yield "quality", measure, who, whole, value
    for point in q.satisfaction_over_time:
        yield "quality", "checks", who, point.period, point.checks
        yield "quality", "satisfaction_mean", who, point.period, point.mean
    for row in (out.impact, *out.impact.by_program):
        for measure, value in row.model_dump(exclude={"program", "by_program"}).items():
            yield "impact", measure, row.program or who, whole, value
    d = out.dynamics
    for c in d.over_time:
        for measure in ("asks", "partners_asked", "top20_share", "gini"):
            yield "dynamics", measure, who, c.period, getattr(c, measure)
    yield "dynamics", "partners_gained", who, whole, len(d.partners_gained)
    yield "dynamics", "partners_lost", who, whole, len(d.partners_lost)
    for level, count in d.risk_moves.by_level.items():
        yield "dynamics", f"risk_moves_to.{level}", who, whole, count
    yield "dynamics", "risk_moves_up", who, whole, d.risk_moves.up
    yield "dynamics", "risk_moves_down", who, whole, d.risk_moves.down


def csv_text(out: OutcomesOut) -> str:
    """The CSV file: a header and `csv_rows`, no cell a spreadsheet would run as a formula
    (a program may be named "=HYPERLINK(...)")."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(out):
        writer.writerow(
            [neutralised(c) if isinstance(c, str) else ("" if c is None else c) for c in row]
        )
    return buffer.getvalue()


def csv_filename(out: OutcomesOut) -> str:
    return f"outcomes-{out.period.from_.isoformat()}-{out.period.to.isoformat()}.csv"
