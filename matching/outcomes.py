"""Outcomes over a period in the playbook's five categories: goals reached, use of resources,
quality of engagement, impact on students, and partnership dynamics.

Plain facts in (asks, needs, checks, partners' capacity, risk moves, goals), plain figures out;
one function per category, so each can be checked on a handful of records by hand. The service
hands the `*_from_totals` forms at the end the asks already added up by the database (per
partner, per program and engagement type, per need, per month), never the asks themselves;
they answer what the record-by-record functions answer. Which date places a record in the
period depends on what is counted, and each function says it:

- an ask counts on the day it was **asked** (asks, declines, concentration, partners engaged,
  gained, lost and returning);
- an engagement toward a goal counts on the day it **starts** (its start date, else the day it
  was asked), since a school year's goal is about what runs in that year;
- what came of a completed engagement (hours, students, hires, credentials) counts on the day
  it **ended** (its end date, else its start, else the day it was asked);
- a slot is filled, and a need's time to fill ends, on the day the ask was **accepted** (the
  day it was answered, else the day it was asked).

"Engaged" means accepted or completed. School years run from July to June and are named by the
year they end in: the "2027" school year is 1 July 2026 to 30 June 2027.
"""

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median
from typing import Any, Literal, TypedDict

import numpy as np
import numpy.typing as npt

from matching.concentration import concentration
from matching.load import DAYS_PER_MONTH, RiskLevel, slope_from_sums
from matching.types import EngagementStatus, EngagementType, MatchingError

#: The month a school year starts in (July); it is named by the year it ends in.
SCHOOL_YEAR_START_MONTH = 7
#: Periods up to this many days are followed month by month; longer ones quarter by quarter.
MONTHLY_UP_TO_DAYS = 366
ENGAGED = (EngagementStatus.accepted, EngagementStatus.completed)
GoalStatus = Literal["reached", "on pace", "behind"]
#: The engagement type whose completions count as internships completed.
INTERNSHIP = EngagementType.internship_host
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
DayArray = npt.NDArray[np.datetime64]


def school_year(day: date) -> int:
    """The school year `day` falls in, named by the year it ends in (1 Jul 2026 -> 2027)."""
    return day.year + 1 if day.month >= SCHOOL_YEAR_START_MONTH else day.year


def school_year_start(year: int) -> date:
    """The first day of school year `year` (2027 -> 1 Jul 2026)."""
    return date(year - 1, SCHOOL_YEAR_START_MONTH, 1)


@dataclass(frozen=True)
class Period:
    """The days from `start` to `end`, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise MatchingError("a period must not end before it starts")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def previous(self) -> "Period":
        """The period of the same length just before this one."""
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def school_years(self) -> tuple[int, ...]:
        """The school years this period touches, oldest first."""
        return tuple(range(school_year(self.start), school_year(self.end) + 1))

    def year_share(self) -> float:
        """The share of the days of the school years it touches that the period covers: how
        far toward those years' goals it is fair to expect to be (1.0 for a whole year)."""
        years = self.school_years()
        days = (school_year_start(years[-1] + 1) - school_year_start(years[0])).days
        return self.days / days

    @property
    def label(self) -> str:
        """ISO 8601 interval: 2026-07-01/2026-12-01."""
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@dataclass(frozen=True)
class Bucket:
    """One month or quarter of a period (cut to the period at either end)."""

    label: str  # "2026-07" or "2026-Q3"
    period: Period


def buckets(period: Period) -> list[Bucket]:
    """The months of `period` (quarters when it is longer than `MONTHLY_UP_TO_DAYS` days),
    oldest first, the first and last cut to the period."""
    months = 1 if period.days <= MONTHLY_UP_TO_DAYS else 3
    out = []
    year, month = period.start.year, period.start.month
    month -= (month - 1) % months  # a quarter starts in January, April, July or October
    while date(year, month, 1) <= period.end:
        following = (year + (month + months - 1) // 12, (month + months - 1) % 12 + 1)
        first, last = date(year, month, 1), date(*following, 1) - timedelta(days=1)
        label = f"{year}-{month:02d}" if months == 1 else f"{year}-Q{(month - 1) // 3 + 1}"
        out.append(Bucket(label, Period(max(first, period.start), min(last, period.end))))
        year, month = following
    return out


# ---------------------------------------------------------------------------- facts in


@dataclass(frozen=True, kw_only=True, slots=True)
class Ask:
    """An engagement (an ask) and what came of it. Outcome numbers are None when not said."""

    id: int
    organization_id: int
    program: str
    engagement_type: str
    status: EngagementStatus
    asked_on: date
    responded_on: date | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    need_id: int | None = None
    hours_actual: float | None = None
    students_served: int | None = None
    hires: int | None = None
    credentials_earned: int | None = None

    @property
    def engaged(self) -> bool:
        return self.status in ENGAGED

    @property
    def completed(self) -> bool:
        return self.status == EngagementStatus.completed

    @property
    def start_day(self) -> date:
        return self.starts_on or self.asked_on

    @property
    def end_day(self) -> date:
        return self.ends_on or self.starts_on or self.asked_on

    @property
    def accepted_on(self) -> date:
        return self.responded_on or self.asked_on


@dataclass(frozen=True, kw_only=True)
class NeedFacts:
    """A need: its slots, the day it was recorded and the day it ends (None: open-ended)."""

    id: int
    program: str
    slots: int
    recorded_on: date
    ends_on: date | None = None


@dataclass(frozen=True)
class Check:
    organization_id: int
    checked_on: date
    satisfaction: int


@dataclass(frozen=True)
class PartnerCapacity:
    """A partner and the hours a month it said it can give (None: never said)."""

    organization_id: int
    hours_per_month: float | None


@dataclass(frozen=True)
class RiskMove:
    organization_id: int
    changed_on: date
    from_level: str
    to_level: str


@dataclass(frozen=True, kw_only=True)
class Goal:
    """What a program means to reach with one engagement type in one school year."""

    program: str
    year: int
    engagement_type: str
    count: int
    students: int


def partners_served(asks: Iterable[Ask], period: Period) -> set[int]:
    """Partners asked in the period, or whose completed engagement ended in it: those a
    program's partner figures (capacity, satisfaction, risk moves) cover."""
    return {
        a.organization_id
        for a in asks
        if a.asked_on in period or (a.completed and a.end_day in period)
    }


# ---------------------------------------------------------------------------- 1. goals reached


@dataclass(frozen=True, kw_only=True)
class GoalRow:
    """One program's goal for one engagement type, summed over the school years asked for,
    against the engaged asks that started in the period and the students the completed ones
    served."""

    program: str
    engagement_type: str
    years: tuple[int, ...]
    goal_count: int
    actual_count: int
    goal_students: int
    actual_students: int
    year_share: float  # of the school years' days the period covers

    @property
    def expected_count(self) -> int:
        """The share of the goal due by the period's end, in whole engagements (half up)."""
        return int(self.goal_count * self.year_share + 0.5)

    @property
    def expected_students(self) -> int:
        return int(self.goal_students * self.year_share + 0.5)

    @property
    def status(self) -> GoalStatus:
        """How the engagements stand (the students, when only they have a goal): `reached`,
        `on pace` (at least the share due by the period's end) or `behind`."""
        if not self.goal_count and self.goal_students:
            return self.students_status or "reached"
        return _status(self.actual_count, self.goal_count, self.expected_count)

    @property
    def students_status(self) -> GoalStatus | None:
        """How the students served stand; None when there is no students goal."""
        if not self.goal_students:
            return None
        return _status(self.actual_students, self.goal_students, self.expected_students)


def _status(actual: int, goal: int, due: int) -> GoalStatus:
    if actual >= goal:
        return "reached"
    return "on pace" if actual >= due else "behind"


@dataclass(frozen=True, kw_only=True)
class GoalsReached:
    needs: int  # needs being recruited for during the period
    slots: int
    slots_filled: int
    needs_filled_first: int  # needs whose first acceptance fell in the period
    median_days_to_fill: float | None
    goals: list[GoalRow]

    @property
    def fill_rate(self) -> float | None:
        return self.slots_filled / self.slots if self.slots else None


def goals_reached(
    needs: Sequence[NeedFacts], asks: Sequence[Ask], goals: Sequence[Goal], *, period: Period
) -> GoalsReached:
    """Slots filled, time to fill, and goals against actuals.

    A need is recruited for during the period when it was posted by the period's end and does
    not end before its start; it is posted on the day it was recorded or, if an ask for it is
    older (records imported from elsewhere), on the day of that ask. Its slots are filled by
    engaged asks accepted by the period's end (at most its slots). Its time to fill runs from
    the day it was posted to the day its first ask was accepted, for needs whose first
    acceptance falls in the period; the answer is the median in days.

    Goals: those of the school years the period touches, summed per program and engagement
    type; actual counts are the program's engaged asks of that type starting in the period,
    and actual students the students served by the completed ones among them. A goal is on
    pace when both figures reach the share of it due by the period's end (the share of the
    school years' days the period covers, rounded to whole numbers).

    Parameters
    ----------
    needs : sequence of NeedFacts
        The needs in view.
    asks : sequence of Ask
        Asks for those needs and the asks of the programs whose goals are given, any date.
    goals : sequence of Goal
        Goals of the programs in view, any year (those outside the period are left out).
    period : Period, keyword-only

    Returns
    -------
    GoalsReached
    """
    by_need: defaultdict[int, list[Ask]] = defaultdict(list)
    for a in asks:
        if a.need_id is not None:
            by_need[a.need_id].append(a)
    slots = filled = 0
    days_to_fill: list[int] = []
    recruiting = 0
    for need in needs:
        own = by_need.get(need.id, [])
        posted = min([need.recorded_on, *(a.asked_on for a in own)])
        if posted > period.end or (need.ends_on is not None and need.ends_on < period.start):
            continue
        recruiting += 1
        slots += need.slots
        accepted = sorted(a.accepted_on for a in own if a.engaged)
        filled += min(need.slots, sum(day <= period.end for day in accepted))
        if accepted and accepted[0] in period:
            days_to_fill.append(max((accepted[0] - posted).days, 0))

    targets = _targets(goals, period)
    done: Counter[tuple[str, str]] = Counter()
    students: Counter[tuple[str, str]] = Counter()
    for a in asks:
        key = (a.program, str(a.engagement_type))
        if key in targets and a.engaged and a.start_day in period:
            done[key] += 1
            if a.completed:
                students[key] += a.students_served or 0
    return GoalsReached(
        needs=recruiting,
        slots=slots,
        slots_filled=filled,
        needs_filled_first=len(days_to_fill),
        median_days_to_fill=float(median(days_to_fill)) if days_to_fill else None,
        goals=_goal_rows(targets, done, students, period),
    )


def _targets(goals: Sequence[Goal], period: Period) -> dict[tuple[str, str], list[int]]:
    """(count, students) per (program, engagement type), summed over the period's years."""
    years = period.school_years()
    targets: dict[tuple[str, str], list[int]] = {}
    for g in goals:
        if g.year in years:
            target = targets.setdefault((g.program, g.engagement_type), [0, 0])
            target[0] += g.count
            target[1] += g.students
    return targets


def _goal_rows(
    targets: dict[tuple[str, str], list[int]],
    done: Mapping[tuple[str, str], int],
    students: Mapping[tuple[str, str], int],
    period: Period,
) -> list[GoalRow]:
    return [
        GoalRow(
            program=program,
            engagement_type=kind,
            years=period.school_years(),
            goal_count=count,
            actual_count=done.get((program, kind), 0),
            goal_students=pupils,
            actual_students=students.get((program, kind), 0),
            year_share=period.year_share(),
        )
        for (program, kind), (count, pupils) in sorted(targets.items())
        if count or pupils
    ]


# ---------------------------------------------------------------------------- 2. resources


@dataclass(frozen=True, kw_only=True)
class Resources:
    hours_given: float  # by completed engagements ending in the period
    hours_given_known: float  # of those, by partners that stated a capacity
    capacity_hours: float  # stated capacity of the partners in view over the period
    partners_with_capacity: int
    partners_capacity_unknown: int
    asks: int
    top20_share_asks: float
    gini_asks: float
    hours_partners: int  # partners that gave hours
    top20_share_hours: float
    gini_hours: float

    @property
    def capacity_use(self) -> float | None:
        return self.hours_given_known / self.capacity_hours if self.capacity_hours else None


def use_of_resources(
    asks: Sequence[Ask],
    partners: Sequence[PartnerCapacity],
    *,
    period: Period,
    population: Iterable[int] | None = None,
) -> Resources:
    """Hours given against stated capacity, and how concentrated the asks and hours are.

    Hours given: `hours_actual` of completed asks ending in the period. Capacity: each partner's
    hours a month over the period's days (a month being 365.25 / 12 days); its use is the hours
    given by partners that stated a capacity over that capacity. Concentration: the share of
    asks (asked in the period) and of hours taken by the busiest 20% of partners, and the Gini
    coefficient, over `population` (every partner counted, the unasked at zero).

    Parameters
    ----------
    asks : sequence of Ask
        Asks in view, any date.
    partners : sequence of PartnerCapacity
        The partners whose capacity is weighed against the hours.
    period : Period, keyword-only
    population : iterable of int, keyword-only
        Partner ids the concentration is taken over; default: those of `partners`.

    Returns
    -------
    Resources
    """
    capacity = {p.organization_id: p.hours_per_month for p in partners}
    ids = sorted(set(population) if population is not None else set(capacity))
    index = {pid: i for i, pid in enumerate(ids)}
    asked = np.zeros(len(ids))
    hours = np.zeros(len(ids))
    given = given_known = 0.0
    for a in asks:
        if a.asked_on in period and a.organization_id in index:
            asked[index[a.organization_id]] += 1
        if a.completed and a.end_day in period:
            worked = a.hours_actual or 0.0
            given += worked
            if capacity.get(a.organization_id) is not None:
                given_known += worked
            if a.organization_id in index:
                hours[index[a.organization_id]] += worked
    stated = [h for h in capacity.values() if h is not None]
    months = period.days / DAYS_PER_MONTH
    by_asks, by_hours = concentration(asked), concentration(hours)
    return Resources(
        hours_given=given,
        hours_given_known=given_known,
        capacity_hours=sum(stated) * months,
        partners_with_capacity=len(stated),
        partners_capacity_unknown=len(capacity) - len(stated),
        asks=int(asked.sum()),
        top20_share_asks=by_asks.top20_share,
        gini_asks=by_asks.gini,
        hours_partners=int(np.count_nonzero(hours)),
        top20_share_hours=by_hours.top20_share,
        gini_hours=by_hours.gini,
    )


# ---------------------------------------------------------------------------- 3. quality


@dataclass(frozen=True)
class SatisfactionPoint:
    label: str
    checks: int
    mean: float | None


@dataclass(frozen=True, kw_only=True)
class Quality:
    checks: int
    satisfaction_mean: float | None
    satisfaction_trend: float | None  # points per quarter; None under three checks
    satisfaction_by_bucket: list[SatisfactionPoint]
    asks: int
    declined: int
    engaged_partners: int
    returning_partners: int  # engaged in the period and engaged before it
    repeat_partners: int  # two or more engagements in the period

    @property
    def decline_share(self) -> float | None:
        return self.declined / self.asks if self.asks else None


def quality(asks: Sequence[Ask], checks: Sequence[Check], *, period: Period) -> Quality:
    """Satisfaction, declines and partners returning.

    Satisfaction: temperature checks in the period: their mean, the least-squares trend in
    points per quarter (as the risk model reads it; none under three checks), and the mean of
    each month (or quarter). Declines: asks made in the period that were declined, of all asks
    made in it. Partners engaged: with an engaged ask asked in the period; returning: of those,
    the ones also engaged in an ask made before the period; repeat: two or more in it.

    Parameters
    ----------
    asks : sequence of Ask
        Asks in view, any date up to the period's end (earlier ones tell who is returning).
    checks : sequence of Check
        Temperature checks of the partners in view, any date.
    period : Period, keyword-only

    Returns
    -------
    Quality
    """
    inside = [c for c in checks if c.checked_on in period]
    x = np.array([(c.checked_on - period.start).days for c in inside], dtype=np.float64)
    y = np.array([c.satisfaction for c in inside], dtype=np.float64)
    one = np.ones(1)
    trend = slope_from_sums(
        one * len(inside), one * x.sum(), one * y.sum(), one * (x * y).sum(), one * (x * x).sum()
    )[0]
    cuts = buckets(period)
    starts = [b.period.start for b in cuts]
    scores: list[list[int]] = [[] for _ in cuts]
    for c in inside:
        scores[bisect_right(starts, c.checked_on) - 1].append(c.satisfaction)
    points = [
        SatisfactionPoint(b.label, len(s), float(np.mean(s)) if s else None)
        for b, s in zip(cuts, scores, strict=True)
    ]
    made = [a for a in asks if a.asked_on in period]
    engaged = Counter(a.organization_id for a in made if a.engaged)
    before = {a.organization_id for a in asks if a.engaged and a.asked_on < period.start}
    return Quality(
        checks=len(inside),
        satisfaction_mean=float(y.mean()) if inside else None,
        satisfaction_trend=None if np.isnan(trend) else float(trend),
        satisfaction_by_bucket=points,
        asks=len(made),
        declined=sum(a.status == EngagementStatus.declined for a in made),
        engaged_partners=len(engaged),
        returning_partners=len(engaged.keys() & before),
        repeat_partners=sum(n >= 2 for n in engaged.values()),
    )


# ---------------------------------------------------------------------------- 4. impact


@dataclass(frozen=True, kw_only=True)
class ImpactRow:
    """What came of the completed engagements of one program (or of all in view)."""

    program: str | None
    completed: int
    reporting: int  # completed engagements that said how many students they served
    students_served: int
    internships_completed: int
    hires: int
    credentials_earned: int


def impact(asks: Sequence[Ask], *, period: Period) -> tuple[ImpactRow, list[ImpactRow]]:
    """Students served, internships completed, hires and credentials earned.

    Counted over the completed engagements ending in the period; a figure not said is not
    counted (it is not zero), and `reporting` says how many said how many students they served.
    Internships completed: completed engagements of type `internship_host`.

    Parameters
    ----------
    asks : sequence of Ask
        Asks in view, any date.
    period : Period, keyword-only

    Returns
    -------
    (ImpactRow, list of ImpactRow)
        The totals (program None), and one row per program, by name.
    """
    done = [a for a in asks if a.completed and a.end_day in period]

    def row(program: str | None, rows: list[Ask]) -> ImpactRow:
        return ImpactRow(
            program=program,
            completed=len(rows),
            reporting=sum(a.students_served is not None for a in rows),
            students_served=sum(a.students_served or 0 for a in rows),
            internships_completed=sum(a.engagement_type == INTERNSHIP for a in rows),
            hires=sum(a.hires or 0 for a in rows),
            credentials_earned=sum(a.credentials_earned or 0 for a in rows),
        )

    by_program: defaultdict[str, list[Ask]] = defaultdict(list)
    for a in done:
        by_program[a.program].append(a)
    return row(None, done), [row(p, by_program[p]) for p in sorted(by_program)]


# ---------------------------------------------------------------------------- 5. dynamics


@dataclass(frozen=True, kw_only=True)
class ConcentrationPoint:
    label: str
    asks: int
    partners_asked: int
    top20_share: float | None  # None: no asks in it
    gini: float | None


@dataclass(frozen=True, kw_only=True)
class Dynamics:
    over_time: list[ConcentrationPoint]
    gained: list[int]  # partners whose first engagement was asked in the period
    lost: list[int]  # engaged in the period before, not in this one
    moves_by_level: dict[str, int]  # risk moves in the period, by the level moved to
    moves_up: int
    moves_down: int


def dynamics(
    asks: Sequence[Ask],
    moves: Sequence[RiskMove],
    *,
    period: Period,
    population: Iterable[int],
) -> Dynamics:
    """Concentration over time, partners gained and lost, and risk moves.

    Each month (quarter, for periods over a year): the asks made in it, the partners asked,
    and the top-20% share and Gini of asks over `population` (every partner counted, the
    unasked at zero). Gained: partners whose first engaged ask was asked in the period. Lost:
    partners engaged in an ask made in the period of the same length just before, with none
    made in this one. Risk moves: transitions recorded in the period, by the level moved to,
    and how many went up or down.

    Parameters
    ----------
    asks : sequence of Ask
        Asks in view, any date up to the period's end.
    moves : sequence of RiskMove
        Risk transitions of the partners in view, any date.
    period : Period, keyword-only
    population : iterable of int, keyword-only
        Partner ids the concentration is taken over.

    Returns
    -------
    Dynamics
    """
    ids = sorted(set(population))
    index = {pid: i for i, pid in enumerate(ids)}
    cuts = buckets(period)
    starts = [b.period.start for b in cuts]
    counts = np.zeros((len(cuts), len(ids)))
    for a in asks:
        if a.asked_on in period and a.organization_id in index:
            counts[bisect_right(starts, a.asked_on) - 1, index[a.organization_id]] += 1
    over_time = [_point(b.label, row) for b, row in zip(cuts, counts, strict=True)]
    first: dict[int, date] = {}
    for a in asks:
        if a.engaged and a.asked_on < first.get(a.organization_id, date.max):
            first[a.organization_id] = a.asked_on
    before = period.previous()
    engaged_now = {a.organization_id for a in asks if a.engaged and a.asked_on in period}
    engaged_before = {a.organization_id for a in asks if a.engaged and a.asked_on in before}
    return Dynamics(
        over_time=over_time,
        gained=sorted(pid for pid, day in first.items() if day in period),
        lost=sorted(engaged_before - engaged_now),
        **_moves(moves, period),
    )


def _point(label: str, asks_per_partner: FloatArray) -> ConcentrationPoint:
    c = concentration(asks_per_partner)
    return ConcentrationPoint(
        label=label,
        asks=c.asks,
        partners_asked=int(np.count_nonzero(asks_per_partner)),
        top20_share=c.top20_share if c.asks else None,
        gini=c.gini if c.asks else None,
    )


class _Moves(TypedDict):
    moves_by_level: dict[str, int]
    moves_up: int
    moves_down: int


def _moves(moves: Sequence[RiskMove], period: Period) -> _Moves:
    """Risk moves in the period by the level moved to, and how many went up or down."""
    inside = [m for m in moves if m.changed_on in period]
    order = {level.name: level.value for level in RiskLevel}
    return _Moves(
        moves_by_level={
            level.name: sum(m.to_level == level.name for m in inside) for level in RiskLevel
        },
        moves_up=sum(order.get(m.to_level, 0) > order.get(m.from_level, 0) for m in inside),
        moves_down=sum(order.get(m.to_level, 0) < order.get(m.from_level, 0) for m in inside),
    )


# ---------------------------------------------------------------------------- from totals
#
# The service never reads the asks one by one: the database adds them up (per partner, per
# program and engagement type, per need, per month or quarter) and the functions below take
# those totals. Each answers what its record-by-record namesake above answers on the asks the
# totals add up; tests/app/outcomes/test_equivalence.py holds them to it on both databases.


def _same_length(owner: object, **arrays: npt.NDArray[Any]) -> None:
    lengths = {name: a.shape for name, a in arrays.items()}
    if any(a.ndim != 1 for a in arrays.values()) or len(set(lengths.values())) > 1:
        raise MatchingError(f"{type(owner).__name__} needs arrays of one length: {lengths}")


@dataclass(frozen=True, kw_only=True, eq=False)
class PartnerTotals:
    """The asks in view made by the period's end, added up per partner: arrays of shape
    (n_partners,), one entry a partner with an ask, aligned with `ids`.

    Attributes
    ----------
    ids : int array
        Organization ids, each once.
    asks : int array
        Asks made in the period.
    declined, engaged : int arrays
        Of those, the declined ones and the engaged (accepted or completed) ones.
    completed : int array
        Completed engagements ending in the period, made any day.
    hours : float array
        Their `hours_actual` (not said: 0).
    first_engaged, last_engaged : datetime64[D] arrays
        The day its first and its last engaged ask were made (NaT: never engaged).
    """

    ids: IntArray
    asks: IntArray
    declined: IntArray
    engaged: IntArray
    completed: IntArray
    hours: FloatArray
    first_engaged: DayArray
    last_engaged: DayArray

    def __post_init__(self) -> None:
        _same_length(self, **{f: getattr(self, f) for f in self.__dataclass_fields__})


@dataclass(frozen=True, kw_only=True)
class ProgramTotals:
    """The engaged asks in view made by the period's end, of one program and engagement type:
    those starting in the period (toward goals) and the completed ones ending in it (impact)."""

    program: str
    engagement_type: str
    started: int
    started_students: int  # students served by the completed ones among `started`
    completed: int  # completed, ending in the period
    reporting: int  # of those, the ones that said how many students they served
    students_served: int
    hires: int
    credentials_earned: int


@dataclass(frozen=True, kw_only=True)
class NeedTotals:
    """The asks for one need made by the period's end."""

    need_id: int
    first_asked: date
    accepted: int  # engaged asks accepted (answered, else asked) by the period's end
    first_accepted: date | None  # the earliest acceptance of an engaged ask (None: none)


@dataclass(frozen=True, kw_only=True, eq=False)
class BucketAsks:
    """How often partners were asked in each month (or quarter) of the period, as counts of
    counts: `partners[k]` partners were asked `asks[k]` times (at least once) in bucket
    `bucket[k]`, an index into `buckets(period)`. Arrays of shape (k,)."""

    bucket: IntArray
    asks: IntArray
    partners: IntArray

    def __post_init__(self) -> None:
        _same_length(self, bucket=self.bucket, asks=self.asks, partners=self.partners)


@dataclass(frozen=True, kw_only=True, eq=False)
class CheckSums:
    """Temperature checks in the period added up per month (or quarter): arrays of shape
    (n_buckets,) aligned with `buckets(period)`. With x a check's days since the period's
    start and y its score: how many, and the sums of x, y, x*y and x*x."""

    checks: IntArray
    x: IntArray
    y: IntArray
    xy: IntArray
    xx: IntArray

    def __post_init__(self) -> None:
        _same_length(self, checks=self.checks, x=self.x, y=self.y, xy=self.xy, xx=self.xx)


def _spread(ids: IntArray, values: npt.NDArray[Any], onto: IntArray) -> FloatArray:
    """`values` of `ids` placed at the positions of the same ids in sorted `onto` (0 elsewhere;
    ids not in `onto` are dropped)."""
    out = np.zeros(len(onto))
    at = np.searchsorted(onto, ids)
    found = at < len(onto)
    found[found] = onto[at[found]] == ids[found]
    out[at[found]] = values[found]
    return out


def _day(day: date) -> np.datetime64:
    return np.datetime64(day, "D")


def _within(days: DayArray, period: Period) -> npt.NDArray[np.bool_]:
    """Which days fall in the period (NaT never does)."""
    return (days >= _day(period.start)) & (days <= _day(period.end))


def partners_served_from_totals(partners: PartnerTotals) -> IntArray:
    """`partners_served` from per-partner totals: the ids asked in the period or with a
    completed engagement ending in it, sorted."""
    return np.sort(partners.ids[(partners.asks > 0) | (partners.completed > 0)])


def goals_reached_from_totals(
    needs: Sequence[NeedFacts],
    asked: Sequence[NeedTotals],
    started: Sequence[ProgramTotals],
    goals: Sequence[Goal],
    *,
    period: Period,
) -> GoalsReached:
    """`goals_reached` from totals: what the asks for each need add up to, and the engaged
    asks starting in the period per program and engagement type.

    Parameters
    ----------
    needs : sequence of NeedFacts
        The needs in view.
    asked : sequence of NeedTotals
        The asks for those needs (a need without asks has none).
    started : sequence of ProgramTotals
        The asks of the programs whose goals are given (others are left out).
    goals : sequence of Goal
    period : Period, keyword-only

    Returns
    -------
    GoalsReached
    """
    by_need = {t.need_id: t for t in asked}
    slots = filled = recruiting = 0
    days_to_fill: list[int] = []
    for need in needs:
        own = by_need.get(need.id)
        posted = need.recorded_on if own is None else min(need.recorded_on, own.first_asked)
        if posted > period.end or (need.ends_on is not None and need.ends_on < period.start):
            continue
        recruiting += 1
        slots += need.slots
        if own is None:
            continue
        filled += min(need.slots, own.accepted)
        if own.first_accepted is not None and own.first_accepted in period:
            days_to_fill.append(max((own.first_accepted - posted).days, 0))
    keys = [(t.program, t.engagement_type) for t in started]
    return GoalsReached(
        needs=recruiting,
        slots=slots,
        slots_filled=filled,
        needs_filled_first=len(days_to_fill),
        median_days_to_fill=float(median(days_to_fill)) if days_to_fill else None,
        goals=_goal_rows(
            _targets(goals, period),
            Counter(dict(zip(keys, (t.started for t in started), strict=True))),
            Counter(dict(zip(keys, (t.started_students for t in started), strict=True))),
            period,
        ),
    )


def use_of_resources_from_totals(
    partners: PartnerTotals,
    capacity: Sequence[PartnerCapacity],
    *,
    period: Period,
    population: Iterable[int] | None = None,
) -> Resources:
    """`use_of_resources` from per-partner totals.

    Parameters
    ----------
    partners : PartnerTotals
        The asks in view per partner.
    capacity : sequence of PartnerCapacity
        The partners whose capacity is weighed against the hours.
    period : Period, keyword-only
    population : iterable of int, keyword-only
        Partner ids the concentration is taken over; default: those of `capacity`.

    Returns
    -------
    Resources
    """
    stated_by = {p.organization_id: p.hours_per_month for p in capacity}
    ids = np.array(sorted(set(population) if population is not None else set(stated_by)),
                   dtype=np.int64)  # fmt: skip
    asked = _spread(partners.ids, partners.asks, ids)
    hours = _spread(partners.ids, partners.hours, ids)
    said = np.array([pid for pid, h in stated_by.items() if h is not None], dtype=np.int64)
    stated = [h for h in stated_by.values() if h is not None]
    months = period.days / DAYS_PER_MONTH
    by_asks, by_hours = concentration(asked), concentration(hours)
    return Resources(
        hours_given=float(partners.hours.sum()),
        hours_given_known=float(partners.hours[np.isin(partners.ids, said)].sum()),
        capacity_hours=sum(stated) * months,
        partners_with_capacity=len(stated),
        partners_capacity_unknown=len(stated_by) - len(stated),
        asks=int(asked.sum()),
        top20_share_asks=by_asks.top20_share,
        gini_asks=by_asks.gini,
        hours_partners=int(np.count_nonzero(hours)),
        top20_share_hours=by_hours.top20_share,
        gini_hours=by_hours.gini,
    )


def quality_from_totals(partners: PartnerTotals, checks: CheckSums, *, period: Period) -> Quality:
    """`quality` from per-partner totals and the checks' sums per month (or quarter).

    Parameters
    ----------
    partners : PartnerTotals
        The asks in view per partner (first engagements tell who is returning).
    checks : CheckSums
        Temperature checks of the partners in view in the period, per bucket.
    period : Period, keyword-only

    Returns
    -------
    Quality
    """
    cuts = buckets(period)
    if len(checks.checks) != len(cuts):
        raise MatchingError(f"CheckSums needs {len(cuts)} buckets, one per month or quarter")
    count = int(checks.checks.sum())
    one = np.ones(1)
    trend = slope_from_sums(
        one * count,
        one * float(checks.x.sum()),
        one * float(checks.y.sum()),
        one * float(checks.xy.sum()),
        one * float(checks.xx.sum()),
    )[0]
    points = [
        SatisfactionPoint(b.label, int(n), int(y) / int(n) if n else None)
        for b, n, y in zip(cuts, checks.checks, checks.y, strict=True)
    ]
    engaged = partners.engaged > 0
    return Quality(
        checks=count,
        satisfaction_mean=int(checks.y.sum()) / count if count else None,
        satisfaction_trend=None if np.isnan(trend) else float(trend),
        satisfaction_by_bucket=points,
        asks=int(partners.asks.sum()),
        declined=int(partners.declined.sum()),
        engaged_partners=int(engaged.sum()),
        returning_partners=int((engaged & (partners.first_engaged < _day(period.start))).sum()),
        repeat_partners=int((partners.engaged >= 2).sum()),
    )


def impact_from_totals(rows: Sequence[ProgramTotals]) -> tuple[ImpactRow, list[ImpactRow]]:
    """`impact` from the totals per program and engagement type.

    Returns
    -------
    (ImpactRow, list of ImpactRow)
        The totals (program None), and one row per program with a completed engagement
        ending in the period, by name.
    """

    def row(program: str | None, of: Sequence[ProgramTotals]) -> ImpactRow:
        return ImpactRow(
            program=program,
            completed=sum(t.completed for t in of),
            reporting=sum(t.reporting for t in of),
            students_served=sum(t.students_served for t in of),
            internships_completed=sum(t.completed for t in of if t.engagement_type == INTERNSHIP),
            hires=sum(t.hires for t in of),
            credentials_earned=sum(t.credentials_earned for t in of),
        )

    by_program: defaultdict[str, list[ProgramTotals]] = defaultdict(list)
    for t in rows:
        if t.completed:
            by_program[t.program].append(t)
    return row(None, rows), [row(p, by_program[p]) for p in sorted(by_program)]


def dynamics_from_totals(
    partners: PartnerTotals,
    asks: BucketAsks,
    moves: Sequence[RiskMove],
    *,
    period: Period,
    population: Iterable[int],
) -> Dynamics:
    """`dynamics` from per-partner totals and the counts of asks per month (or quarter).

    Gained: first engaged ask made in the period; lost: last engaged ask (by the period's end)
    made in the period just before, which is being engaged then and not since.

    Parameters
    ----------
    partners : PartnerTotals
        The asks in view per partner.
    asks : BucketAsks
        How often partners were asked in each month or quarter of the period.
    moves : sequence of RiskMove
        Risk transitions of the partners in view, any date.
    period : Period, keyword-only
    population : iterable of int, keyword-only
        Partner ids the concentration is taken over.

    Returns
    -------
    Dynamics
    """
    everyone = len(set(population))
    over_time = []
    for i, b in enumerate(buckets(period)):
        own = asks.bucket == i
        asked = int(asks.partners[own].sum())
        if asked > everyone:
            raise MatchingError("more partners asked than in the population")
        row = np.concatenate(
            [np.zeros(everyone - asked), np.repeat(asks.asks[own].astype(np.float64),
                                                   asks.partners[own])]
        )  # fmt: skip
        over_time.append(_point(b.label, row))
    return Dynamics(
        over_time=over_time,
        gained=sorted(int(i) for i in partners.ids[_within(partners.first_engaged, period)]),
        lost=sorted(
            int(i) for i in partners.ids[_within(partners.last_engaged, period.previous())]
        ),
        **_moves(moves, period),
    )
