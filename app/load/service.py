"""The convener's view: load and risk for every partner, one partner's timeline, concentration,
and the risk transitions that writes cause."""

import logging
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy.orm import Session, sessionmaker

from app.errors import NotFound
from app.holds import repository as holds_repository
from app.holds.schemas import ActiveHold
from app.load import repository
from app.load.models import RiskTransition
from app.load.repository import PartnerTable, midnight, window_bounds
from app.load.schemas import (
    Asker,
    ConcentrationOut,
    LoadPage,
    LoadQuery,
    Month,
    OrganizationLoad,
    PartnerLoad,
    Risk,
    Satisfaction,
    SaturationOut,
    Transition,
    WillingList,
    WillingPartner,
    WillingQuery,
)
from app.schemas import OFFSET, encode_cursor
from app.types import utcnow
from app.vocabularies import service as vocabularies
from matching import saturation
from matching.concentration import concentration
from matching.load import Assessment, IntArray, LoadFigures, RiskLevel, assess, reasons
from matching.saturation import SaturationLabel, SaturationParams
from matching.types import EngagementStatus, PartnerKind

DEFAULT_WINDOW = 90
log = logging.getLogger(__name__)


def today() -> date:
    return datetime.now(UTC).date()


@dataclass(frozen=True)
class Population:
    """Partners with their load figures and risk, index-aligned."""

    partners: PartnerTable
    figures: LoadFigures
    assessment: Assessment
    as_of: date
    saturation: IntArray

    def level(self, i: int) -> str:
        return self.assessment.level_of(i).name


def assess_partners(
    session: Session,
    window_days: int = DEFAULT_WINDOW,
    kind: PartnerKind | None = None,
    region: str | None = None,
    ids: Sequence[int] | None = None,
    as_of: date | None = None,
) -> Population:
    as_of = as_of or today()
    found = repository.partners(session, kind, region, ids)
    figures = repository.figures(session, found.ids.tolist(), as_of, window_days)
    assessment = assess(figures)
    return Population(found, figures, assessment, as_of, saturation.labels(figures, assessment))


def _optional(value: float) -> float | None:
    return None if np.isnan(value) or np.isinf(value) else float(value)


def partner_load(
    population: Population,
    i: int,
    programs: Sequence[tuple[str, int]] = (),
    days_since_completed: int | None = None,
) -> PartnerLoad:
    f, p = population.figures, population.partners.partner(i)
    concurrent = _optional(float(f.max_concurrent[i]))
    return PartnerLoad(
        organization_id=p.id,
        name=p.name,
        kind=p.kind,
        region=p.region,
        window_days=f.window_days,
        asks=int(f.asks[i]),
        distinct_programs=int(f.distinct_programs[i]),
        active_engagements=int(f.active_engagements[i]),
        hours_committed=round(float(f.hours_committed[i]), 2),
        hours_ahead=round(float(f.hours_ahead[i]), 2),
        capacity_hours=_round(_optional(float(f.capacity_hours[i]))),
        utilization=_round(_optional(float(f.utilization[i])), 3),
        max_concurrent_engagements=None if concurrent is None else int(concurrent),
        declines=int(f.declines[i]),
        days_since_last_completed=days_since_completed,
        satisfaction=Satisfaction(
            checks=int(f.checks[i]),
            mean=_round(_optional(float(f.satisfaction_mean[i]))),
            trend_per_quarter=_round(_optional(float(f.satisfaction_slope[i]))),
        ),
        risk=Risk(
            level=population.level(i),
            score=round(float(population.assessment.score[i]), 4),
            reasons=reasons(f, population.assessment, i, programs=programs),
        ),
        saturation=saturation_of(population, i),
    )


#: The saturation rule, said once for every answer that carries a label.
SATURATION_RULE = saturation.rule()


def saturation_of(population: Population, i: int) -> SaturationOut:
    label = SaturationLabel(int(population.saturation[i]))
    return SaturationOut(
        label=label.words,
        reason=saturation.reason(population.figures, population.assessment, i, label),
        rule=SATURATION_RULE,
    )


def willing_partners(session: Session, query: WillingQuery) -> WillingList:
    """Willing partners rarely asked, for a convener to approach directly."""
    population = assess_partners(session, query.window_days, query.kind, query.region)
    f, a = population.figures, population.assessment
    ids = population.partners.ids.tolist()
    interest_by_id = repository.latest_interest(session, ids)
    interest = np.array([interest_by_id.get(pid, np.nan) for pid in ids], dtype=np.float64)
    params = SaturationParams()
    found = saturation.willing(f, a, interest, params=params)[: query.limit]
    items = []
    for i in found.tolist():
        p = population.partners.partner(i)
        capacity = float(f.capacity_hours[i])
        used = max(float(f.hours_committed[i]), float(f.hours_ahead[i]))
        concurrent = _optional(float(f.max_concurrent[i]))
        level = int(interest[i])
        asks = int(f.asks[i])
        items.append(
            WillingPartner(
                organization_id=p.id,
                name=p.name,
                kind=p.kind,
                region=p.region,
                interest_level=level,
                asks=asks,
                active_engagements=int(f.active_engagements[i]),
                max_concurrent_engagements=None if concurrent is None else int(concurrent),
                capacity_hours=round(capacity, 2),
                hours_left=round(max(capacity - used, 0.0), 2),
                utilization=round(float(f.utilization[i]), 3),
                risk_level=population.level(i),
                reason=(
                    f"interest {level} of 5, asked {asks} time{'' if asks == 1 else 's'} in "
                    f"{query.window_days} days, {max(capacity - used, 0):.0f} of "
                    f"{capacity:.0f} capacity hours left: approach directly"
                ),
            )
        )
    rule = (
        f"interest {params.min_interest} or more in the latest interview, hours and a slot "
        f"left against stated capacity, low or elevated risk, and {params.few_asks} ask or "
        f"fewer in the last {query.window_days} days"
    )
    return WillingList(rule=rule, window_days=query.window_days, items=items)


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _sort_key(population: Population, sort: str) -> np.ndarray:
    """Row order for `sort` ('-' first: descending); unknown values go last either way."""
    f, a = population.figures, population.assessment
    name = sort.lstrip("-")
    descending = sort.startswith("-")
    if name == "name":
        keys = np.array([n.casefold() for n in population.partners.names])
        order = np.argsort(keys, kind="stable")
        return order[::-1] if descending else order
    column = {
        "risk": a.score,
        "asks": f.asks,
        "programs": f.distinct_programs,
        "hours": f.hours_committed,
        "utilization": f.utilization,
        "declines": f.declines,
    }[name].astype(np.float64)
    missing = np.isnan(column)
    value = np.where(missing, 0.0, -column if descending else column)
    # lexsort: last key first. Missing last, then the value, then the id for a stable order.
    return np.lexsort((population.partners.ids, value, missing))


def _known_region(session: Session, region: str | None) -> str | None:
    """A region filter in canonical form; 422 for a region no one names."""
    return None if region is None else vocabularies.known(session, "region", region, "region")


def kept_rows(population: Population) -> list[dict[str, Any]]:
    """The kept-load rows of a population over the default window."""
    f, a = population.figures, population.assessment
    utilization = f.utilization
    now = utcnow()
    return [
        {
            "organization_id": pid,
            "as_of": population.as_of,
            "risk_level": population.level(i),
            "risk_score": float(a.score[i]),
            "asks": int(f.asks[i]),
            "distinct_programs": int(f.distinct_programs[i]),
            "hours_committed": float(f.hours_committed[i]),
            # inf (busy with no stated hours) sorts as the largest; NaN (unknown) as None.
            "utilization": None if np.isnan(utilization[i]) else min(float(utilization[i]), 1e300),
            "declines": int(f.declines[i]),
            "active_engagements": int(f.active_engagements[i]),
            "hours_ahead": float(f.hours_ahead[i]),
            "capacity_hours_per_month": _optional(float(f.capacity_hours_per_month[i])),
            "max_concurrent": _optional(float(f.max_concurrent[i])),
            "checks": int(f.checks[i]),
            "satisfaction_mean": _optional(float(f.satisfaction_mean[i])),
            "satisfaction_slope": _optional(float(f.satisfaction_slope[i])),
            "updated_at": now,
        }
        for i, pid in enumerate(population.partners.ids.tolist())
    ]


_refreshing = threading.Lock()


def refresh_kept_loads(sessions: sessionmaker[Session]) -> int:
    """Keep every partner's load as of today (the windows moved with the date), then mark the
    day refreshed; a row a write kept meanwhile is left as it is. Answers how many."""
    if not _refreshing.acquire(blocking=False):
        return 0  # one refresh per process at a time
    try:
        started = utcnow()
        with sessions.begin() as session:
            population = assess_partners(session, DEFAULT_WINDOW)
            repository.keep_loads(session, kept_rows(population), unless_kept_after=started)
            repository.set_kept_as_of(session, population.as_of)
        return len(population.partners)
    finally:
        _refreshing.release()


def _kept_page(
    session: Session, query: LoadQuery, refresh: Callable[[], None] | None
) -> tuple[Population, list[int], bool] | None:
    """The page from the kept loads, when they are current (default window only); when they
    are not, `refresh` is called (a refresh in the background) and None answered."""
    if query.window_days != DEFAULT_WINDOW:
        return None
    if repository.kept_as_of(session) != today():
        if refresh is not None:
            refresh()  # meanwhile, computed in memory
        return None
    ids, more = repository.kept_page(
        session, kind=query.kind, region=query.region, risk=query.risk, sort=query.sort,
        offset=query.offset(), limit=query.limit,
    )  # fmt: skip
    # The kept rows are the exact figures as of today (the write path keeps the rows of the
    # partners every write touches, the day's refresh all the others): assessed in memory.
    found = repository.partners(session, ids=ids)
    figures = repository.kept_figures(session, found.ids.tolist(), DEFAULT_WINDOW)
    assessment = assess(figures)
    population = Population(
        found, figures, assessment, today(), saturation.labels(figures, assessment)
    )
    at = {pid: i for i, pid in enumerate(found.ids.tolist())}
    return population, [at[pid] for pid in ids if pid in at], more


def load_page(
    session: Session, query: LoadQuery, refresh: Callable[[], None] | None = None
) -> LoadPage:
    """One page of the load table, sorted and filtered as asked: from the kept loads, paged in
    the database, when they are current; else every partner computed in memory (and `refresh`
    called to bring the kept loads up to date)."""
    start = query.offset()
    region = _known_region(session, query.region)
    query = query.model_copy(update={"region": region})
    kept = _kept_page(session, query, refresh)
    if kept is not None:
        population, positions, more = kept
        rows = np.asarray(positions, dtype=np.int64)
    else:
        population = assess_partners(session, query.window_days, query.kind, query.region)
        order = _sort_key(population, query.sort)
        if query.risk is not None:
            wanted = RiskLevel[query.risk]
            order = order[population.assessment.level[order] == wanted]
        rows = order[start : start + query.limit]
        more = start + query.limit < len(order)
    since, until = window_bounds(population.as_of, query.window_days)
    ids = population.partners.ids[rows].tolist()
    programs = repository.programs_asking(session, ids, since, until)
    rested = repository.days_since_completed(session, ids, population.as_of)
    items = [
        partner_load(population, int(i), programs.get(pid, []), rested.get(pid))
        for i, pid in zip(rows, ids, strict=True)
    ]
    cursor = encode_cursor(start + query.limit, OFFSET) if more else None
    return LoadPage(items=items, next_cursor=cursor)


def organization_load(session: Session, organization_id: int, window_days: int) -> OrganizationLoad:
    """One partner's current load, a 12-month timeline, who asked, and its risk history."""
    population = assess_partners(session, window_days, ids=[organization_id])
    if not len(population.partners):
        raise NotFound(f"organization {organization_id} does not exist")
    as_of = population.as_of
    since, until = window_bounds(as_of, window_days)
    programs = repository.programs_asking(session, [organization_id], since, until)
    rested = repository.days_since_completed(session, [organization_id], as_of)
    load = partner_load(
        population, 0, programs.get(organization_id, []), rested.get(organization_id)
    )

    months = _last_months(as_of, 12)
    year_start = midnight(months[0])
    asks: Counter[str] = Counter()
    by_program: dict[str, Counter[str]] = defaultdict(Counter)
    hours: defaultdict[str, float] = defaultdict(float)
    askers: dict[str, list[datetime]] = defaultdict(list)
    for e in repository.engagements_of(session, organization_id, year_start):
        if e.asked_at >= year_start:
            key = e.asked_at.strftime("%Y-%m")
            asks[key] += 1
            by_program[key][e.program] += 1
            askers[e.program].append(e.asked_at)
        if e.status in (EngagementStatus.accepted, EngagementStatus.completed):
            _spread_hours(
                hours,
                e.starts_on or e.asked_at.date(),
                e.ends_on,
                e.hours_actual
                if e.status == EngagementStatus.completed and e.hours_actual is not None
                else e.hours_estimated,
            )
    satisfaction: dict[str, list[int]] = defaultdict(list)
    for check in repository.checks_of(session, organization_id, year_start):
        satisfaction[check.checked_at.strftime("%Y-%m")].append(check.satisfaction)
    timeline = [
        Month(
            month=(key := m.strftime("%Y-%m")),
            asks=asks[key],
            hours=round(hours[key], 2),
            satisfaction=round(float(np.mean(satisfaction[key])), 2) if satisfaction[key] else None,
            programs=dict(by_program[key].most_common()),
        )
        for m in months
    ]
    ranked = sorted(askers.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    hold = holds_repository.active_holds(session, [organization_id]).get(organization_id)
    return OrganizationLoad(
        hold=ActiveHold.model_validate(hold) if hold else None,
        load=load,
        timeline=timeline,
        askers=[Asker(program=p, asks=len(t), last_asked_at=max(t)) for p, t in ranked],
        risk_history=[
            Transition.model_validate(t)
            for t in repository.transitions_of(session, organization_id)
        ],
    )


def _last_months(as_of: date, count: int) -> list[date]:
    """The first days of the `count` months up to and including `as_of`'s, oldest first."""
    year, month = as_of.year, as_of.month
    out = []
    for _ in range(count):
        out.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def _spread_hours(
    into: defaultdict[str, float], start: date, end: date | None, total: float
) -> None:
    """Add `total` hours spread evenly over start..end (inclusive) to `into` by month."""
    end = max(end or start, start)
    days = (end - start).days + 1
    day = start
    while day <= end:
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        stop = min(end, following - timedelta(days=1))
        into[day.strftime("%Y-%m")] += total * ((stop - day).days + 1) / days
        day = following


def concentration_of(
    session: Session, window_days: int, kind: PartnerKind | None, region: str | None
) -> ConcentrationOut:
    population = assess_partners(session, window_days, kind, _known_region(session, region))
    c = concentration(population.figures.asks)
    return ConcentrationOut(
        partners=c.partners,
        asks=c.asks,
        top20_share=round(c.top20_share, 4),
        gini=round(c.gini, 4),
        lorenz=[[x, y] for x, y in c.lorenz],
    )


def record_risk_changes(session: Session, organization_ids: Iterable[int]) -> list[RiskTransition]:
    """Record a transition for each partner whose level differs from the last one recorded
    (a partner never recorded counts as `low`). Answers the transitions recorded."""
    ids = sorted(set(organization_ids))
    if not ids:
        return []
    session.flush()
    population = assess_partners(session, DEFAULT_WINDOW, ids=ids)
    repository.keep_loads(session, kept_rows(population))  # the load list reads them
    previous = repository.latest_levels(session, ids)
    since, until = window_bounds(population.as_of, DEFAULT_WINDOW)
    pids = population.partners.ids.tolist()
    changed = [i for i, pid in enumerate(pids) if population.level(i) != previous.get(pid, "low")]
    if not changed:
        return []
    programs = repository.programs_asking(session, [pids[i] for i in changed], since, until)
    return repository.add_transitions(
        session,
        [
            {
                "organization_id": pids[i],
                "from_level": previous.get(pids[i], "low"),
                "to_level": population.level(i),
                "score": round(float(population.assessment.score[i]), 4),
                "reasons": reasons(
                    population.figures,
                    population.assessment,
                    i,
                    programs=programs.get(pids[i], []),
                ),
            }
            for i in changed
        ],
    )


def replay_risk_history(session: Session, *, first: date, last: date, step_days: int = 7) -> int:
    """The risk history the records would have made as they happened: every partner assessed
    every `step_days` days from `first` to `last` (`last` always included), a transition dated
    each time a level moved; the transitions recorded before are replaced. For records written
    all at once with their dates in the past (the demo data). Each day reads the asks, hours
    and checks up to it; capacity comes from the latest interview whatever its date. Answers
    how many transitions were recorded."""
    repository.delete_transitions(session)
    days = [first + timedelta(days=d) for d in range(0, (last - first).days, step_days)]
    rows: list[dict[str, Any]] = []
    previous: dict[int, str] = {}
    for day in [*days, last]:
        population = assess_partners(session, DEFAULT_WINDOW, as_of=day)
        for i, pid in enumerate(population.partners.ids.tolist()):
            level = population.level(i)
            if level == previous.get(pid, "low"):
                continue
            rows.append({
                "organization_id": pid, "from_level": previous.get(pid, "low"),
                "to_level": level, "score": round(float(population.assessment.score[i]), 4),
                "reasons": reasons(population.figures, population.assessment, i),
                "changed_at": midnight(day) + timedelta(hours=12),
            })  # fmt: skip
            previous[pid] = level
    repository.add_transitions(session, rows)
    return len(rows)
