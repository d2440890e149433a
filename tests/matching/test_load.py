"""The load and risk model: definitions on small hand-made cases, and invariants (scores in
[0, 1], more load never lowers risk, an unasked partner is low) over generated populations."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from matching.load import (
    EngagementRows,
    LoadFigures,
    RiskLevel,
    RiskParams,
    aggregate,
    assess,
    days_since_completed,
    reasons,
    what_if,
    with_one_more_ask,
)
from matching.types import MatchingError

TODAY = date(2026, 11, 23)
T = float(TODAY.toordinal())
NAN = float("nan")


def rows(*engagements: tuple[int, int, str, float, float, float, float, float]) -> EngagementRows:
    """(partner, program, status, asked days ago, start days ago, end days ago, est, actual);
    a NaN start/end/actual means none."""
    cols = list(zip(*engagements, strict=True)) if engagements else [()] * 8
    return EngagementRows(
        partner=np.array(cols[0], dtype=np.int64),
        program=np.array(cols[1], dtype=np.int64),
        status=list(cols[2]),
        asked_day=T - np.array(cols[3], dtype=np.float64),
        start_day=T - np.array(cols[4], dtype=np.float64),
        end_day=T - np.array(cols[5], dtype=np.float64),
        hours_estimated=np.array(cols[6], dtype=np.float64),
        hours_actual=np.array(cols[7], dtype=np.float64),
    )


def figures_for(
    n: int,
    engagement_rows: EngagementRows,
    capacity: list[float],
    concurrent: list[float],
    checks: Sequence[tuple[int, float, float]] = (),
    window: int = 90,
) -> LoadFigures:
    cp = np.array([c[0] for c in checks], dtype=np.int64)
    cd = T - np.array([c[1] for c in checks], dtype=np.float64)
    cs = np.array([c[2] for c in checks], dtype=np.float64)
    return aggregate(
        n,
        engagement_rows,
        capacity_hours_per_month=np.array(capacity),
        max_concurrent=np.array(concurrent),
        check_partner=cp,
        check_day=cd,
        check_satisfaction=cs,
        as_of=TODAY,
        window_days=window,
    )


def test_counts_inside_the_window_only() -> None:
    engagement_rows = rows(
        (0, 1, "asked", 10, NAN, NAN, 5, NAN),
        (0, 2, "declined", 30, NAN, NAN, 5, NAN),
        (0, 2, "completed", 200, 190, 180, 20, 25),  # outside a 90-day window
        (1, 3, "accepted", 89, 60, -30, 90, NAN),  # asked on the window's first day
    )
    f = figures_for(2, engagement_rows, [10, 10], [2, 2])
    assert f.asks.tolist() == [2, 1]
    assert f.distinct_programs.tolist() == [2, 1]
    assert f.declines.tolist() == [1, 0]
    assert f.active_engagements.tolist() == [0, 1]
    since = days_since_completed(2, engagement_rows, TODAY)
    assert since[0] == 180
    assert np.isnan(since[1])


def test_hours_are_spread_over_the_engagement_and_cut_to_the_window() -> None:
    # 100 hours over 100 days (139..40 days ago): 50 of those days are in the last 90
    f = figures_for(1, rows((0, 1, "accepted", 150, 139, 40, 100, NAN)), [30], [3])
    assert f.hours_committed[0] == pytest.approx(100 * 50 / 100)
    assert f.hours_ahead[0] == 0
    # 200 hours over 200 days from 9 days ago: 10 days behind, the next 90 ahead
    a = figures_for(1, rows((0, 1, "accepted", 20, 9, -190, 200, NAN)), [30], [3])
    assert a.hours_committed[0] == pytest.approx(10)
    assert a.hours_ahead[0] == pytest.approx(90)
    # a promise counts ahead only while it is accepted, not once completed
    done = figures_for(1, rows((0, 1, "completed", 20, 9, -190, 200, NAN)), [30], [3])
    assert done.hours_ahead[0] == 0
    # a completed engagement counts its actual hours, not the estimate
    g = figures_for(1, rows((0, 1, "completed", 20, 10, 10, 8, 12)), [30], [3])
    assert g.hours_committed[0] == pytest.approx(12)
    # declined and cancelled asks commit nothing
    h = figures_for(1, rows((0, 1, "declined", 20, 10, 10, 8, NAN)), [30], [3])
    assert h.hours_committed[0] == 0


def test_utilization_and_unknown_capacity() -> None:
    f = figures_for(
        3,
        rows((0, 1, "accepted", 5, 5, 5, 30, NAN), (2, 1, "accepted", 5, 5, 5, 30, NAN)),
        [10, NAN, 0],
        [1, NAN, 0],
    )
    # 10 h/month over 90 days is ~29.6 h of capacity
    assert f.utilization[0] == pytest.approx(30 / (10 * 90 / (365.25 / 12)))
    assert np.isnan(f.utilization[1])
    assert np.isinf(f.utilization[2])  # hours against a stated capacity of zero


def test_satisfaction_trend_is_a_least_squares_slope() -> None:
    checks = [(0, 300, 5.0), (0, 200, 4.0), (0, 100, 3.0), (0, 10, 2.0)]
    f = figures_for(1, rows(), [10], [1], checks)
    days = np.array([-300, -200, -100, -10.0])
    expected = np.polyfit(days, [5, 4, 3, 2], 1)[0] * 365.25 / 4
    assert f.satisfaction_slope[0] == pytest.approx(expected)
    assert f.satisfaction_mean[0] == 2.0  # only the last check is inside 90 days


def test_an_unasked_partner_is_low_with_zero_figures() -> None:
    f = figures_for(1, rows(), [10], [2])
    a = assess(f)
    assert a.level_of(0) is RiskLevel.low
    assert a.score[0] == 0
    assert f.asks[0] == 0
    assert f.hours_committed[0] == 0
    assert reasons(f, a, 0) == []


def test_unknown_capacity_is_a_reason_of_its_own() -> None:
    f = figures_for(1, rows(), [NAN], [NAN])
    a = assess(f)
    assert a.score[0] > 0
    assert any("capacity unknown" in r for r in reasons(f, a, 0))


def test_a_heavy_hitter_is_critical_and_the_reasons_name_who_asked() -> None:
    many = [(0, p % 6, "accepted", 5 + p, 10, -20, 12, NAN) for p in range(12)]
    declined = [(0, p % 6, "declined", 3 + p, NAN, NAN, 10, NAN) for p in range(5)]
    checks = [(0, 300, 5.0), (0, 200, 4.0), (0, 60, 3.0), (0, 5, 2.0)]
    f = figures_for(1, rows(*many, *declined), [10], [3], checks)
    a = assess(f)
    assert a.level_of(0) is RiskLevel.critical
    said = reasons(f, a, 0, programs=[("Lincoln USD Health Academy", 5), ("Riverbend CC", 4)])
    assert "Lincoln USD Health Academy (5)" in said[0] or any("Lincoln" in r for r in said)
    assert any("declined 5 of 17" in r for r in said)
    assert any("running now against the 3" in r for r in said)
    assert any("satisfaction falling" in r for r in said)


def test_what_if_says_when_one_more_ask_tips_a_partner_over() -> None:
    busy = [(0, p, "accepted", 5, 10, -20, 25, NAN) for p in range(3)]
    f = figures_for(2, rows(*busy), [30, 30], [4, 4])
    tipped = what_if(f, 0, hours=40)
    assert tipped.level_after > tipped.level_before
    assert tipped.pushes_higher
    calm = what_if(f, 1, hours=2)
    assert not calm.pushes_higher


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(MatchingError):
        RiskParams(window_days=0)
    with pytest.raises(MatchingError):
        RiskParams(weights=(1.0, 2.0))
    f = figures_for(1, rows(), [10], [2])
    with pytest.raises(MatchingError):
        with_one_more_ask(f, -1.0)


# --- invariants over generated populations -------------------------------------------------

N = 12
counts = arrays(np.int64, N, elements=st.integers(0, 40))
hours = arrays(np.float64, N, elements=st.floats(0, 500))
maybe_cap = arrays(np.float64, N, elements=st.one_of(st.just(np.nan), st.floats(0, 80)))
maybe_n = arrays(np.float64, N, elements=st.one_of(st.just(np.nan), st.integers(0, 8).map(float)))
slope = arrays(np.float64, N, elements=st.one_of(st.just(np.nan), st.floats(-3, 3)))
mean = arrays(np.float64, N, elements=st.one_of(st.just(np.nan), st.floats(1, 5)))


@st.composite
def populations(draw: st.DrawFn) -> LoadFigures:
    asks = draw(counts)
    return LoadFigures(
        window_days=draw(st.integers(1, 1095)),
        asks=asks,
        distinct_programs=np.minimum(draw(counts), asks),
        active_engagements=draw(counts),
        declines=np.minimum(draw(counts), asks),
        hours_committed=draw(hours),
        hours_ahead=draw(hours),
        capacity_hours_per_month=draw(maybe_cap),
        max_concurrent=draw(maybe_n),
        checks=draw(counts),
        satisfaction_mean=draw(mean),
        satisfaction_slope=draw(slope),
    )


@settings(max_examples=200, deadline=None)
@given(populations())
def test_scores_are_in_unit_range_and_levels_follow_scores(f: LoadFigures) -> None:
    a = assess(f)
    assert np.all((a.score >= 0) & (a.score <= 1))
    assert np.all((a.pressure >= 0) & (a.pressure <= 1))
    order = np.argsort(a.score, kind="stable")
    assert np.all(np.diff(a.level[order]) >= 0)


@settings(max_examples=200, deadline=None)
@given(
    populations(),
    st.sampled_from(
        [
            "asks",
            "distinct_programs",
            "active_engagements",
            "declines",
            "hours_committed",
            "hours_ahead",
        ]
    ),
    st.integers(1, 20),
)
def test_more_load_never_lowers_risk(f: LoadFigures, name: str, more: int) -> None:
    heavier = replace(f, **{name: getattr(f, name) + more})
    assert np.all(assess(heavier).score >= assess(f).score - 1e-12)


@settings(max_examples=100, deadline=None)
@given(populations(), st.floats(0, 200))
def test_assessment_is_deterministic_and_one_more_ask_never_helps(
    f: LoadFigures, extra: float
) -> None:
    assert np.array_equal(assess(f).score, assess(f).score)
    assert np.all(assess(with_one_more_ask(f, extra)).score >= assess(f).score - 1e-12)
