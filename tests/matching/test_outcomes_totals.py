"""The figures from totals answer what the record-by-record functions answer on the records
those totals add up: the totals worked out here in Python, as the repository has the database
work them out, on random records and on the hand-made ones of test_outcomes.py."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
import pytest

from matching.outcomes import (
    ENGAGED,
    Ask,
    BucketAsks,
    Check,
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
    dynamics,
    dynamics_from_totals,
    goals_reached,
    goals_reached_from_totals,
    impact,
    impact_from_totals,
    partners_served,
    partners_served_from_totals,
    quality,
    quality_from_totals,
    use_of_resources,
    use_of_resources_from_totals,
)
from matching.types import EngagementStatus, EngagementType, MatchingError

S = EngagementStatus
FALL = Period(date(2026, 7, 1), date(2026, 12, 1))


def partner_totals(asks: Sequence[Ask], period: Period) -> PartnerTotals:
    made = [a for a in asks if a.asked_on <= period.end]
    ids = sorted({a.organization_id for a in made})

    def per(f: object) -> list[object]:
        return [f(pid) for pid in ids]  # type: ignore[operator]

    def of(pid: int) -> list[Ask]:
        return [a for a in made if a.organization_id == pid]

    def now(pid: int) -> list[Ask]:
        return [a for a in of(pid) if a.asked_on in period]

    def done(pid: int) -> list[Ask]:
        return [a for a in of(pid) if a.completed and a.end_day in period]

    def engaged_days(pid: int) -> list[date]:
        return [a.asked_on for a in of(pid) if a.engaged]

    return PartnerTotals(
        ids=np.array(ids, dtype=np.int64),
        asks=np.array(per(lambda p: len(now(p))), dtype=np.int64),
        declined=np.array(per(lambda p: sum(a.status == S.declined for a in now(p)))),
        engaged=np.array(per(lambda p: sum(a.engaged for a in now(p))), dtype=np.int64),
        completed=np.array(per(lambda p: len(done(p))), dtype=np.int64),
        hours=np.array(per(lambda p: sum(a.hours_actual or 0.0 for a in done(p)))),
        first_engaged=np.array(per(lambda p: min(engaged_days(p), default=None)),
                               dtype="datetime64[D]"),
        last_engaged=np.array(per(lambda p: max(engaged_days(p), default=None)),
                              dtype="datetime64[D]"),
    )  # fmt: skip


def program_totals(asks: Sequence[Ask], period: Period) -> list[ProgramTotals]:
    rows: defaultdict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * 7)
    for a in asks:
        if a.asked_on > period.end or not a.engaged:
            continue
        row = rows[a.program, str(a.engagement_type)]
        if a.start_day in period:
            row[0] += 1
            row[1] += (a.students_served or 0) if a.completed else 0
        if a.completed and a.end_day in period:
            row[2] += 1
            row[3] += a.students_served is not None
            row[4] += a.students_served or 0
            row[5] += a.hires or 0
            row[6] += a.credentials_earned or 0
    return [
        ProgramTotals(
            program=program, engagement_type=kind, started=r[0], started_students=r[1],
            completed=r[2], reporting=r[3], students_served=r[4], hires=r[5],
            credentials_earned=r[6],
        )
        for (program, kind), r in rows.items()
    ]  # fmt: skip


def need_totals(asks: Sequence[Ask], period: Period) -> list[NeedTotals]:
    by_need: defaultdict[int, list[Ask]] = defaultdict(list)
    for a in asks:
        if a.need_id is not None and a.asked_on <= period.end:
            by_need[a.need_id].append(a)
    return [
        NeedTotals(
            need_id=need,
            first_asked=min(a.asked_on for a in own),
            accepted=sum(a.engaged and a.accepted_on <= period.end for a in own),
            first_accepted=min((a.accepted_on for a in own if a.engaged), default=None),
        )
        for need, own in by_need.items()
    ]


def bucket_asks(asks: Sequence[Ask], period: Period) -> BucketAsks:
    starts = [b.period.start for b in buckets(period)]
    per_partner: defaultdict[tuple[int, int], int] = defaultdict(int)
    for a in asks:
        if a.asked_on in period:
            per_partner[sum(s <= a.asked_on for s in starts) - 1, a.organization_id] += 1
    counts: defaultdict[tuple[int, int], int] = defaultdict(int)
    for (bucket, _), n in per_partner.items():
        counts[bucket, n] += 1
    keys = sorted(counts)
    return BucketAsks(
        bucket=np.array([b for b, _ in keys], dtype=np.int64),
        asks=np.array([n for _, n in keys], dtype=np.int64),
        partners=np.array([counts[k] for k in keys], dtype=np.int64),
    )


def check_sums(checks: Sequence[Check], period: Period) -> CheckSums:
    starts = [b.period.start for b in buckets(period)]
    out = np.zeros((5, len(starts)), dtype=np.int64)
    for c in checks:
        if c.checked_on in period:
            x, y = (c.checked_on - period.start).days, c.satisfaction
            out[:, sum(s <= c.checked_on for s in starts) - 1] += [1, x, y, x * y, x * x]
    return CheckSums(checks=out[0], x=out[1], y=out[2], xy=out[3], xx=out[4])


def random_records(
    seed: int,
) -> tuple[list[Ask], list[Check], list[NeedFacts], list[RiskMove], list[int]]:
    rng = np.random.default_rng(seed)
    first = date(2024, 1, 1)

    def day() -> date:
        return first + timedelta(days=int(rng.integers(0, 1200)))

    def maybe(value: object) -> object:
        return None if rng.random() < 0.3 else value

    population = list(range(1, 31))
    needs = [
        NeedFacts(id=n, program="P1", slots=int(rng.integers(1, 4)), recorded_on=day(),
                  ends_on=maybe(day()))  # type: ignore[arg-type]
        for n in range(1, 8)
    ]  # fmt: skip
    asks = []
    for i in range(int(rng.integers(0, 300))):
        asked = day()
        starts = maybe(asked + timedelta(days=int(rng.integers(0, 30))))
        ends = maybe((starts or asked) + timedelta(days=int(rng.integers(0, 200))))  # type: ignore[operator]
        asks.append(
            Ask(
                id=i, organization_id=int(rng.choice(population[:20])),
                program=f"P{rng.integers(1, 4)}",
                engagement_type=list(EngagementType)[int(rng.integers(0, 3))].value,
                status=list(S)[int(rng.integers(0, len(S)))], asked_on=asked,
                responded_on=maybe(asked + timedelta(days=int(rng.integers(0, 40)))),  # type: ignore[arg-type]
                starts_on=starts, ends_on=ends,  # type: ignore[arg-type]
                need_id=maybe(int(rng.integers(1, 8))),  # type: ignore[arg-type]
                hours_actual=maybe(float(rng.integers(0, 80)) / 4),  # type: ignore[arg-type]
                students_served=maybe(int(rng.integers(0, 20))),  # type: ignore[arg-type]
                hires=maybe(int(rng.integers(0, 3))),  # type: ignore[arg-type]
                credentials_earned=maybe(int(rng.integers(0, 3))),  # type: ignore[arg-type]
            )
        )  # fmt: skip
    checks = [Check(int(rng.choice(population)), day(), int(rng.integers(1, 6)))
              for _ in range(60)]  # fmt: skip
    levels = ["low", "elevated", "high", "critical"]
    moves = [RiskMove(int(rng.choice(population)), day(), str(rng.choice(levels)),
                      str(rng.choice(levels))) for _ in range(20)]  # fmt: skip
    return asks, checks, needs, moves, population


PERIODS = [
    FALL,
    Period(date(2025, 1, 1), date(2025, 12, 31)),  # a year: months
    Period(date(2024, 2, 10), date(2026, 11, 30)),  # quarters, the first cut
    Period(date(2025, 3, 3), date(2025, 3, 3)),  # one day
    Period(date(2020, 1, 1), date(2020, 6, 30)),  # before every record
]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.label)
def test_figures_from_totals_are_those_from_records(seed: int, period: Period) -> None:
    asks, checks, needs, moves, population = random_records(seed)
    goals = [Goal(program=f"P{k}", year=y, engagement_type=t.value, count=5, students=20)
             for k in (1, 2) for y in range(2024, 2028)
             for t in list(EngagementType)[:3]]  # fmt: skip
    capacity = [PartnerCapacity(p, None if p % 3 else float(p)) for p in population]
    partners = partner_totals(asks, period)
    by_program = program_totals(asks, period)

    served = partners_served_from_totals(partners)
    assert served.tolist() == sorted(partners_served(asks, period))
    assert goals_reached_from_totals(
        needs, need_totals(asks, period), by_program, goals, period=period
    ) == goals_reached(needs, asks, goals, period=period)
    assert use_of_resources_from_totals(
        partners, capacity, period=period, population=population
    ) == use_of_resources(asks, capacity, period=period, population=population)
    assert quality_from_totals(partners, check_sums(checks, period), period=period) == quality(
        asks, checks, period=period
    )
    assert impact_from_totals(by_program) == impact(asks, period=period)
    assert dynamics_from_totals(
        partners, bucket_asks(asks, period), moves, period=period, population=population
    ) == dynamics(asks, moves, period=period, population=population)


def test_gained_and_lost_come_from_first_and_last_engagements() -> None:
    period = Period(date(2026, 9, 1), date(2026, 10, 31))  # before it: 2 Jul - 31 Aug
    day = np.datetime64
    partners = PartnerTotals(
        ids=np.array([1, 2, 3, 4]),
        asks=np.array([1, 1, 0, 0]),
        declined=np.zeros(4, dtype=np.int64),
        engaged=np.array([1, 1, 0, 0]),
        completed=np.zeros(4, dtype=np.int64),
        hours=np.zeros(4),
        # 1: engaged since 2025 (returning); 2: first engaged in the period (gained);
        # 3: last engaged in August (lost); 4: never engaged.
        first_engaged=np.array([day("2025-03-01"), day("2026-09-20"), day("2026-07-05"), "NaT"],
                               dtype="datetime64[D]"),
        last_engaged=np.array([day("2026-09-02"), day("2026-09-20"), day("2026-08-31"), "NaT"],
                              dtype="datetime64[D]"),
    )  # fmt: skip
    no_asks = BucketAsks(bucket=np.zeros(0, np.int64), asks=np.zeros(0, np.int64),
                         partners=np.zeros(0, np.int64))  # fmt: skip
    found = dynamics_from_totals(partners, no_asks, [], period=period, population=range(1, 6))
    assert (found.gained, found.lost) == ([2], [3])
    assert [p.asks for p in found.over_time] == [0, 0]
    sums = CheckSums(**{k: np.zeros(2, dtype=np.int64) for k in ("checks", "x", "y", "xy", "xx")})
    q = quality_from_totals(partners, sums, period=period)
    assert (q.engaged_partners, q.returning_partners, q.repeat_partners) == (2, 1, 0)
    assert ENGAGED == (S.accepted, S.completed)


def test_totals_of_unequal_lengths_or_too_many_partners_are_refused() -> None:
    with pytest.raises(MatchingError, match="arrays of one length"):
        BucketAsks(bucket=np.zeros(2, np.int64), asks=np.zeros(3, np.int64),
                   partners=np.zeros(2, np.int64))  # fmt: skip
    many = BucketAsks(bucket=np.zeros(1, np.int64), asks=np.ones(1, np.int64),
                      partners=np.array([3]))  # fmt: skip
    empty = partner_totals([], FALL)
    with pytest.raises(MatchingError, match="more partners asked"):
        dynamics_from_totals(empty, many, [], period=FALL, population=[1, 2])
    sums = CheckSums(**{k: np.zeros(1, dtype=np.int64) for k in ("checks", "x", "y", "xy", "xx")})
    with pytest.raises(MatchingError, match="6 buckets"):
        quality_from_totals(empty, sums, period=FALL)
