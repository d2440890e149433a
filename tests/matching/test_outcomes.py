"""Outcome figures on a few hand-made records, each worked out by hand in the comments."""

from datetime import date

import pytest

from matching.outcomes import (
    Ask,
    Check,
    Goal,
    NeedFacts,
    PartnerCapacity,
    Period,
    RiskMove,
    buckets,
    dynamics,
    goals_reached,
    impact,
    partners_served,
    quality,
    school_year,
    school_year_start,
    use_of_resources,
)
from matching.types import EngagementStatus, MatchingError

S = EngagementStatus
# The 2027 school year to 1 December 2026: 154 days.
FALL = Period(date(2026, 7, 1), date(2026, 12, 1))


def ask(
    id: int,
    org: int,
    status: S,
    asked: date,
    *,
    program: str = "Health Academy",
    kind: str = "job_shadow",
    **more: object,
) -> Ask:
    return Ask(
        id=id,
        organization_id=org,
        program=program,
        engagement_type=kind,
        status=status,
        asked_on=asked,
        **more,  # type: ignore[arg-type]
    )


def test_school_years_run_july_to_june_named_by_their_end() -> None:
    assert school_year(date(2026, 6, 30)) == 2026
    assert school_year(date(2026, 7, 1)) == 2027
    assert school_year_start(2027) == date(2026, 7, 1)
    assert FALL.school_years() == (2027,)
    assert Period(date(2026, 5, 1), date(2026, 8, 1)).school_years() == (2026, 2027)
    assert FALL.days == 154
    assert FALL.year_share() == pytest.approx(154 / 365)
    assert Period(date(2025, 7, 1), date(2026, 6, 30)).year_share() == 1.0
    assert FALL.previous() == Period(date(2026, 1, 28), date(2026, 6, 30))
    with pytest.raises(MatchingError):
        Period(date(2026, 2, 1), date(2026, 1, 31))


def test_months_inside_a_year_and_quarters_beyond() -> None:
    months = buckets(Period(date(2026, 7, 15), date(2026, 9, 3)))
    assert [b.label for b in months] == ["2026-07", "2026-08", "2026-09"]
    assert months[0].period == Period(date(2026, 7, 15), date(2026, 7, 31))
    assert months[-1].period == Period(date(2026, 9, 1), date(2026, 9, 3))
    quarters = buckets(Period(date(2025, 8, 1), date(2026, 12, 1)))
    assert [b.label for b in quarters] == [
        "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4",
    ]  # fmt: skip
    assert quarters[0].period == Period(date(2025, 8, 1), date(2025, 9, 30))
    assert buckets(Period(date(2026, 12, 5), date(2026, 12, 5)))[0].label == "2026-12"


def test_slots_time_to_fill_and_goals_against_actuals() -> None:
    needs = [
        # Posted 1 Sep, 3 slots: accepted 11 Sep (10 days), 20 Sep, and 3 Dec (after the period).
        NeedFacts(id=1, program="Health Academy", slots=3, recorded_on=date(2026, 9, 1)),
        # Recorded today, but asked for on 1 Aug: posted 1 Aug; accepted 31 Aug (30 days).
        NeedFacts(id=2, program="Health Academy", slots=2, recorded_on=date(2026, 12, 1)),
        # Ended before the period: not recruited for in it.
        NeedFacts(
            id=3,
            program="Health Academy",
            slots=4,
            recorded_on=date(2026, 1, 5),
            ends_on=date(2026, 5, 30),
        ),  # fmt: skip
    ]
    asks = [
        ask(1, 10, S.accepted, date(2026, 9, 5), need_id=1, responded_on=date(2026, 9, 11)),
        ask(
            2,
            11,
            S.completed,
            date(2026, 9, 15),
            need_id=1,
            responded_on=date(2026, 9, 20),
            students_served=6,
        ),  # fmt: skip
        ask(3, 12, S.accepted, date(2026, 11, 30), need_id=1, responded_on=date(2026, 12, 3)),
        ask(4, 13, S.declined, date(2026, 9, 2), need_id=1),
        ask(5, 14, S.accepted, date(2026, 8, 1), need_id=2, responded_on=date(2026, 8, 31)),
        # Toward the internship goal: one starting in the period, one starting next June.
        ask(
            6,
            15,
            S.completed,
            date(2026, 8, 1),
            kind="internship_host",
            starts_on=date(2026, 9, 1),
            ends_on=date(2026, 10, 1),
            students_served=2,
        ),  # fmt: skip
        ask(
            7, 16, S.accepted, date(2026, 11, 1), kind="internship_host", starts_on=date(2027, 6, 1)
        ),  # fmt: skip
        ask(8, 17, S.cancelled, date(2026, 9, 1), kind="internship_host"),
    ]
    goals = [
        Goal(
            program="Health Academy", year=2027, engagement_type="job_shadow", count=4, students=20
        ),  # fmt: skip
        Goal(
            program="Health Academy",
            year=2027,
            engagement_type="internship_host",
            count=1,
            students=2,
        ),  # fmt: skip
        Goal(
            program="Health Academy", year=2026, engagement_type="job_shadow", count=9, students=0
        ),  # last school year: not this period's
    ]
    found = goals_reached(needs, asks, goals, period=FALL)
    assert found.needs == 2
    assert found.slots == 5
    assert found.slots_filled == 3  # need 1: two by 1 Dec; need 2: one
    assert found.fill_rate == pytest.approx(0.6)
    assert found.needs_filled_first == 2
    assert found.median_days_to_fill == 20.0  # median of 10 and 30
    rows = {r.engagement_type: r for r in found.goals}
    shadows = rows["job_shadow"]
    # Asks 1, 2 and 5 start in the period (their asked day); 3 too; the declined one does not.
    assert (shadows.goal_count, shadows.actual_count) == (4, 4)
    assert (shadows.goal_students, shadows.actual_students) == (20, 6)
    # 154 of 365 days: 4 * 0.42 = 1.7 -> 2 engagements and 20 * 0.42 = 8.4 -> 8 students due.
    assert (shadows.expected_count, shadows.expected_students) == (2, 8)
    assert shadows.status == "reached"  # 4 of 4 engagements
    assert shadows.students_status == "behind"  # 6 of the 8 students due
    internships = rows["internship_host"]
    assert (internships.actual_count, internships.actual_students) == (1, 2)
    assert (internships.status, internships.students_status) == ("reached", "reached")
    assert internships.years == (2027,)
    more = goals_reached(needs, [*asks, ask(9, 18, S.completed, date(2026, 9, 3),
                                            students_served=2)], goals, period=FALL)  # fmt: skip
    assert {r.engagement_type: r.students_status for r in more.goals}["job_shadow"] == "on pace"
    # Fewer engagements than due: behind; a goal of students alone is judged by them.
    later = Period(date(2026, 7, 1), date(2027, 3, 1))  # 244 days: 3 of 4 due
    assert {
        r.engagement_type: r.status
        for r in goals_reached(needs, asks[:2], goals, period=later).goals
    }["job_shadow"] == "behind"
    only = [
        Goal(
            program="Health Academy", year=2027, engagement_type="job_shadow", count=0, students=10
        )
    ]
    [row] = goals_reached(needs, asks, only, period=FALL).goals
    assert (row.status, row.students_status) == ("on pace", "on pace")  # 6 of 10, 4 due


def test_hours_against_capacity_and_concentration() -> None:
    partners = [
        PartnerCapacity(1, 10.0),
        PartnerCapacity(2, 20.0),
        PartnerCapacity(3, None),  # never said
        PartnerCapacity(4, 0.0),
        PartnerCapacity(5, None),
    ]
    asks = [
        ask(1, 1, S.completed, date(2026, 8, 1), ends_on=date(2026, 9, 1), hours_actual=30.0),
        ask(2, 2, S.completed, date(2026, 8, 1), ends_on=date(2026, 10, 1), hours_actual=12.0),
        ask(3, 3, S.completed, date(2026, 8, 1), hours_actual=8.0),
        # Asked and ended before the period: neither its ask nor its hours count.
        ask(4, 1, S.completed, date(2026, 5, 1), ends_on=date(2026, 6, 1), hours_actual=99.0),
        ask(5, 1, S.declined, date(2026, 9, 1)),
        ask(6, 1, S.asked, date(2026, 10, 1)),
    ]
    found = use_of_resources(asks, partners, period=FALL)
    assert found.hours_given == 50.0
    assert found.hours_given_known == 42.0
    # 30 hours a month for 154 days of 30.4375: 151.8 hours.
    assert found.capacity_hours == pytest.approx(30 * 154 / 30.4375)
    assert found.capacity_use == pytest.approx(42 / (30 * 154 / 30.4375))
    assert (found.partners_with_capacity, found.partners_capacity_unknown) == (3, 2)
    # Asks in the period per partner: 3, 1, 1, 0, 0: the busiest 20% (one partner) took 3 of 5.
    assert found.asks == 5
    assert found.top20_share_asks == pytest.approx(0.6)
    # Gini of (0, 0, 1, 1, 3): sum |xi - xj| / (2 n^2 mean) = 28 / (2 * 25 * 1) = 0.56.
    assert found.gini_asks == pytest.approx(0.56)
    assert found.hours_partners == 3
    assert found.top20_share_hours == pytest.approx(30 / 50)


def test_gini_matches_its_textbook_formula() -> None:
    # (0, 0, 1, 1, 3): mean absolute difference over all ordered pairs / (2 * mean).
    values = [0, 0, 1, 1, 3]
    pairs = sum(abs(a - b) for a in values for b in values)
    textbook = pairs / (2 * len(values) ** 2 * (sum(values) / len(values)))
    asks = [ask(i, org, S.asked, date(2026, 9, 1)) for i, org in enumerate([3, 4, 5, 5, 5])]
    found = use_of_resources(asks, [PartnerCapacity(p, None) for p in range(1, 6)], period=FALL)
    assert found.gini_asks == pytest.approx(textbook)
    assert textbook == pytest.approx(0.56)


def test_satisfaction_declines_and_partners_returning() -> None:
    checks = [
        Check(1, date(2026, 7, 10), 5),
        Check(1, date(2026, 9, 10), 4),
        Check(2, date(2026, 9, 20), 3),
        Check(2, date(2026, 11, 10), 2),
        Check(3, date(2026, 6, 30), 1),  # the day before the period
    ]
    asks = [
        ask(1, 1, S.accepted, date(2025, 10, 1)),  # partner 1 was engaged before
        ask(2, 1, S.completed, date(2026, 8, 1)),
        ask(3, 1, S.accepted, date(2026, 9, 1)),
        ask(4, 2, S.accepted, date(2026, 10, 1)),
        ask(5, 2, S.declined, date(2026, 10, 2)),
        ask(6, 3, S.declined, date(2026, 10, 3)),
        ask(7, 3, S.asked, date(2026, 11, 3)),
        ask(8, 4, S.declined, date(2026, 3, 1)),  # before the period
    ]
    found = quality(asks, checks, period=FALL)
    assert found.checks == 4
    assert found.satisfaction_mean == pytest.approx(3.5)
    # Days 9, 71, 81, 132 after 1 July scored 5, 4, 3, 2: least-squares slope -189.5 / 7644.75
    # points a day, times 91.3125 days a quarter.
    assert found.satisfaction_trend == pytest.approx(-189.5 / 7644.75 * 91.3125)
    assert found.satisfaction_trend == pytest.approx(-2.26, abs=0.01)
    by_month = {p.label: (p.checks, p.mean) for p in found.satisfaction_by_bucket}
    assert by_month["2026-07"] == (1, 5.0)
    assert by_month["2026-09"] == (2, 3.5)
    assert by_month["2026-08"] == (0, None)
    assert found.asks == 6
    assert found.declined == 2
    assert found.decline_share == pytest.approx(2 / 6)
    assert found.engaged_partners == 2  # partners 1 and 2
    assert found.returning_partners == 1  # partner 1
    assert found.repeat_partners == 1  # partner 1, twice


def test_no_checks_no_mean_no_trend() -> None:
    found = quality([], [Check(1, date(2026, 7, 2), 4), Check(1, date(2026, 8, 2), 2)],
                    period=FALL)  # fmt: skip
    assert found.satisfaction_mean == 3.0
    assert found.satisfaction_trend is None  # two checks draw no trend
    assert found.decline_share is None
    assert quality([], [], period=FALL).satisfaction_mean is None


def test_students_internships_hires_and_credentials() -> None:
    asks = [
        ask(
            1,
            1,
            S.completed,
            date(2026, 8, 1),
            kind="internship_host",
            ends_on=date(2026, 9, 1),
            students_served=2,
            hires=1,
            credentials_earned=2,
        ),  # fmt: skip
        ask(
            2,
            2,
            S.completed,
            date(2026, 8, 1),
            program="Welding",
            ends_on=date(2026, 10, 1),
            students_served=12,
            hires=0,
            credentials_earned=5,
        ),  # fmt: skip
        # Completed without saying its students: counted, but not as reporting.
        ask(3, 3, S.completed, date(2026, 8, 1), program="Welding", ends_on=date(2026, 10, 2)),
        # Not completed, or completed after the period: left out.
        ask(4, 4, S.accepted, date(2026, 8, 1), kind="internship_host", students_served=9),
        ask(5, 5, S.completed, date(2026, 8, 1), ends_on=date(2026, 12, 2), students_served=9),
    ]
    total, rows = impact(asks, period=FALL)
    assert total.completed == 3
    assert total.reporting == 2
    assert total.students_served == 14
    assert total.internships_completed == 1
    assert (total.hires, total.credentials_earned) == (1, 7)
    assert [r.program for r in rows] == ["Health Academy", "Welding"]
    assert (rows[1].completed, rows[1].students_served, rows[1].hires) == (2, 12, 0)


def test_concentration_over_time_partners_gained_lost_and_risk_moves() -> None:
    period = Period(date(2026, 9, 1), date(2026, 10, 31))  # before it: 2 Jul - 31 Aug
    asks = [
        # September: partner 1 asked 3 times, partner 2 once, of 5 partners.
        *(ask(i, 1, S.accepted, date(2026, 9, 2 + i)) for i in range(3)),
        ask(3, 2, S.accepted, date(2026, 9, 20)),
        # October: partners 2 and 3 once each.
        ask(4, 2, S.declined, date(2026, 10, 1)),
        ask(5, 3, S.accepted, date(2026, 10, 5)),
        # Partner 4 was engaged in August and not since: lost. Partner 1 engaged back in 2025.
        ask(6, 4, S.completed, date(2026, 8, 1)),
        ask(7, 1, S.completed, date(2025, 3, 1)),
    ]
    moves = [
        RiskMove(1, date(2026, 9, 10), "low", "high"),
        RiskMove(1, date(2026, 10, 10), "high", "critical"),
        RiskMove(2, date(2026, 10, 11), "elevated", "low"),
        RiskMove(3, date(2026, 8, 11), "low", "elevated"),  # before the period
    ]
    found = dynamics(asks, moves, period=period, population=range(1, 6))
    sept, october = found.over_time
    assert (sept.label, sept.asks, sept.partners_asked) == ("2026-09", 4, 2)
    assert sept.top20_share == pytest.approx(0.75)  # one partner of five took 3 of 4
    # Gini of (0, 0, 0, 1, 3): 1 - 2 * area under the Lorenz curve = 0.7.
    assert sept.gini == pytest.approx(0.7)
    assert october.asks == 2
    assert october.top20_share == pytest.approx(0.5)
    assert found.gained == [2, 3]  # partner 1's first engagement was in 2025
    assert found.lost == [4]
    assert found.moves_by_level == {"low": 1, "elevated": 0, "high": 1, "critical": 1}
    assert (found.moves_up, found.moves_down) == (2, 1)


def test_a_month_without_asks_has_no_concentration() -> None:
    found = dynamics([], [], period=Period(date(2026, 9, 1), date(2026, 9, 30)),
                     population=[1, 2])  # fmt: skip
    [point] = found.over_time
    assert point.asks == 0
    assert point.top20_share is None
    assert point.gini is None


def test_partners_served_are_those_asked_or_finishing_in_the_period() -> None:
    asks = [
        ask(1, 1, S.declined, date(2026, 9, 1)),
        ask(2, 2, S.completed, date(2026, 3, 1), ends_on=date(2026, 8, 1)),
        ask(3, 3, S.accepted, date(2026, 3, 1), ends_on=date(2026, 8, 1)),  # not completed
        ask(4, 4, S.completed, date(2026, 3, 1), ends_on=date(2026, 4, 1)),
    ]
    assert partners_served(asks, FALL) == {1, 2}
