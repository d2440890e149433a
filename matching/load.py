"""Partner load over a rolling window, and the burnout risk read from it.

Every figure is an array over partners, so the whole population is assessed at once (no loop
over partners). The service fills `LoadFigures` from grouped SQL; `aggregate` fills it from raw
rows, for notebooks, simulations and to check the SQL against.

The risk model, in short: each signal becomes a pressure in [0, 1] that rises with load and
saturates; pressures combine as a noisy-OR, ``risk = 1 - prod(1 - weight * pressure)``. One
extreme signal (300% of capacity) is enough for a high risk, several moderate ones add up, and
more load can never lower the risk, because every pressure is non-decreasing in load.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import IntEnum

import numpy as np
from numpy.typing import NDArray

from matching.types import EngagementStatus, MatchingError

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

DAYS_PER_MONTH = 365.25 / 12
#: Satisfaction trends are read over this many days, whatever the load window.
TREND_DAYS = 365


class RiskLevel(IntEnum):
    low = 0
    elevated = 1
    high = 2
    critical = 3


SIGNALS = ("asks", "programs", "utilization", "concurrency", "declines", "satisfaction", "unknown")


@dataclass(frozen=True, kw_only=True)
class RiskParams:
    """Weights and thresholds of the risk model; the defaults are argued for in
    docs/load-and-burnout.md.

    Parameters
    ----------
    window_days : int, keyword-only
        Length of the load window, 1-1095 days.
    asks_per_month, programs, utilization, concurrency, declines : (float, float), keyword-only
        Each signal's pressure ramp: the value where pressure starts and where it reaches 1.
    satisfaction_drop : (float, float), keyword-only
        Ramp of satisfaction points lost per quarter.
    satisfaction_low : (float, float), keyword-only
        Ramp of mean satisfaction in the window (falling: 3 starts, 1 is full pressure).
    trend_checks : int, keyword-only
        Temperature checks from which a satisfaction trend counts in full.
    weights : tuple of float of length n_signals, keyword-only
        Weight of each signal in [0, 1], in `SIGNALS` order.
    levels : (float, float, float), keyword-only
        Risk at or above which a partner is elevated, high, critical; rising inside (0, 1).
    """

    window_days: int = 90
    # Pressure ramps: (value where pressure starts, value where it reaches 1).
    asks_per_month: tuple[float, float] = (1.0, 4.0)
    programs: tuple[float, float] = (1.0, 5.0)
    utilization: tuple[float, float] = (0.8, 1.6)
    concurrency: tuple[float, float] = (0.75, 1.5)
    declines: tuple[float, float] = (0.0, 4.0)
    # Satisfaction points lost per quarter, and mean satisfaction in the window (falling).
    satisfaction_drop: tuple[float, float] = (0.0, 1.0)
    satisfaction_low: tuple[float, float] = (3.0, 1.0)
    # A trend drawn through a few checks is weak evidence: full weight from this many checks.
    trend_checks: int = 6
    # Weight of each signal, in SIGNALS order.
    weights: tuple[float, ...] = (0.45, 0.5, 0.8, 0.6, 0.5, 0.55, 0.35)
    # Risk at or above each bound is elevated, high, critical.
    levels: tuple[float, float, float] = (0.35, 0.6, 0.9)

    def __post_init__(self) -> None:
        if not 1 <= self.window_days <= 1095:
            raise MatchingError("window_days must be between 1 and 1095")
        if len(self.weights) != len(SIGNALS) or not all(0 <= w <= 1 for w in self.weights):
            raise MatchingError(f"weights must be {len(SIGNALS)} numbers in [0, 1]")
        if not 0 < self.levels[0] < self.levels[1] < self.levels[2] < 1:
            raise MatchingError("levels must rise strictly inside (0, 1)")


@dataclass(frozen=True)
class LoadFigures:
    """Per-partner load over one window; every array has shape (n_partners,).

    Counts are exact. Each engagement's hours are spread evenly over its days:
    `hours_committed` is the hours of accepted and completed engagements that fall inside the
    window (the past), `hours_ahead` those of accepted engagements that fall in as many days
    after it (what the partner has already promised). Capacity comes from the latest interview
    and is NaN where the partner was never interviewed.
    """

    window_days: int
    asks: IntArray
    distinct_programs: IntArray
    active_engagements: IntArray
    declines: IntArray
    hours_committed: FloatArray
    hours_ahead: FloatArray
    capacity_hours_per_month: FloatArray
    max_concurrent: FloatArray
    checks: IntArray
    satisfaction_mean: FloatArray
    satisfaction_slope: FloatArray  # points per quarter over TREND_DAYS; NaN under 3 checks

    @property
    def n(self) -> int:
        return int(self.asks.shape[0])

    @property
    def capacity_hours(self) -> FloatArray:
        """Interviewed capacity pro-rated to the window (NaN: unknown)."""
        return self.capacity_hours_per_month * (self.window_days / DAYS_PER_MONTH)

    @property
    def utilization(self) -> FloatArray:
        """The busier of the window behind and the window ahead, over capacity hours; NaN when
        capacity is unknown."""
        cap = self.capacity_hours
        busiest = np.maximum(self.hours_committed, self.hours_ahead)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            util = np.where(cap > 0, busiest / cap, np.inf)
        util = np.where((cap == 0) & (busiest == 0), 0.0, util)
        return np.where(np.isnan(cap), np.nan, util)

    def take(self, idx: IntArray) -> "LoadFigures":
        """The figures of the partners at positions `idx` only.

        Parameters
        ----------
        idx : ndarray of shape (k,)
            Positions of the partners to keep, in the order wanted.

        Returns
        -------
        LoadFigures
            The same window, every array of shape (k,).
        """
        return LoadFigures(
            window_days=self.window_days,
            **{
                name: getattr(self, name)[idx]
                for name in self.__dataclass_fields__
                if name != "window_days"
            },
        )

    @classmethod
    def empty(cls, n: int, *, window_days: int) -> "LoadFigures":
        """Figures of `n` partners with no load and no interview yet.

        Parameters
        ----------
        n : int
            Number of partners.
        window_days : int, keyword-only
            Length of the window, in days.

        Returns
        -------
        LoadFigures
            Counts and hours of zero, capacity and satisfaction NaN, arrays of shape (n,).
        """
        zeros_i = np.zeros(n, dtype=np.int64)
        nans = np.full(n, np.nan)
        return cls(
            window_days=window_days,
            asks=zeros_i,
            distinct_programs=zeros_i.copy(),
            active_engagements=zeros_i.copy(),
            declines=zeros_i.copy(),
            hours_committed=np.zeros(n),
            hours_ahead=np.zeros(n),
            capacity_hours_per_month=nans,
            max_concurrent=nans.copy(),
            checks=zeros_i.copy(),
            satisfaction_mean=nans.copy(),
            satisfaction_slope=nans.copy(),
        )


@dataclass(frozen=True)
class Assessment:
    """Risk for every partner: `score` in [0, 1], `level` as RiskLevel values, and the
    pressure of each signal (shape (n, len(SIGNALS))) that the reasons are written from."""

    score: FloatArray
    level: IntArray
    pressure: FloatArray
    params: RiskParams = field(repr=False)

    def level_of(self, i: int) -> RiskLevel:
        """The risk level of partner `i`, as a RiskLevel."""
        return RiskLevel(int(self.level[i]))


def _ramp(x: FloatArray, bounds: tuple[float, float]) -> FloatArray:
    lo, hi = bounds
    with np.errstate(invalid="ignore", over="ignore"):
        out = np.clip((x - lo) / (hi - lo), 0.0, 1.0)
    return np.nan_to_num(out, nan=0.0)


def pressures(figures: LoadFigures, *, params: RiskParams) -> FloatArray:
    """Each signal's pressure in [0, 1], shape (n, len(SIGNALS)), non-decreasing in load.

    Parameters
    ----------
    figures : LoadFigures
        Load of n partners, arrays of shape (n_partners,).
    params : RiskParams, keyword-only
        The ramps each signal's pressure follows.

    Returns
    -------
    ndarray of shape (n_partners, n_signals)
        Pressure of each signal, columns in `SIGNALS` order (n_signals = len(SIGNALS)).
    """
    months = figures.window_days / DAYS_PER_MONTH
    asks = _ramp(figures.asks / months, params.asks_per_month)
    programs = _ramp(figures.distinct_programs.astype(np.float64), params.programs)
    util = figures.utilization
    utilization = np.where(np.isinf(util), 1.0, _ramp(util, params.utilization))
    cap_n = figures.max_concurrent
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = np.where(cap_n > 0, figures.active_engagements / cap_n, np.inf)
    ratio = np.where((cap_n == 0) & (figures.active_engagements == 0), 0.0, ratio)
    concurrency = np.where(np.isinf(ratio), 1.0, _ramp(ratio, params.concurrency))
    declines = _ramp(figures.declines.astype(np.float64), params.declines)
    evidence = np.minimum(1.0, figures.checks / params.trend_checks)
    drop = _ramp(-figures.satisfaction_slope, params.satisfaction_drop) * evidence
    low = _ramp(
        -figures.satisfaction_mean, (-params.satisfaction_low[0], -params.satisfaction_low[1])
    )
    satisfaction = np.maximum(drop, low)
    unknown_capacity = np.isnan(figures.capacity_hours_per_month)
    # Unknown capacity is a risk of its own, and weighs more the more the partner is asked.
    unknown = np.where(unknown_capacity, np.maximum(0.5, asks), 0.0)
    # Never leave a partner without capacity data at zero utilization pressure by accident.
    utilization = np.where(unknown_capacity, 0.0, utilization)
    concurrency = np.where(np.isnan(cap_n), 0.0, concurrency)
    return np.stack(
        [asks, programs, utilization, concurrency, declines, satisfaction, unknown], axis=1
    )


def assess(figures: LoadFigures, *, params: RiskParams | None = None) -> Assessment:
    """Risk score and level for every partner in `figures`.

    Parameters
    ----------
    figures : LoadFigures
        Load of n partners, arrays of shape (n_partners,).
    params : RiskParams or None, keyword-only
        Weights and thresholds of the risk model; None: the defaults over the figures'
        window.

    Returns
    -------
    Assessment
        `score` of shape (n_partners,) in [0, 1], `level` of shape (n_partners,) (RiskLevel
        values), `pressure` of shape (n_partners, n_signals).
    """
    params = params or RiskParams(window_days=figures.window_days)
    pressure = pressures(figures, params=params)
    weights = np.asarray(params.weights)
    score = 1.0 - np.prod(1.0 - pressure * weights, axis=1)
    level = np.searchsorted(np.asarray(params.levels), score, side="right").astype(np.int64)
    return Assessment(score=score, level=level, pressure=pressure, params=params)


@dataclass(frozen=True)
class WhatIf:
    score_before: float
    level_before: RiskLevel
    score_after: float
    level_after: RiskLevel

    @property
    def pushes_higher(self) -> bool:
        """Whether the ask would raise the partner's risk level."""
        return self.level_after > self.level_before


def with_one_more_ask(
    figures: LoadFigures, hours: float | FloatArray, *, new_program: bool = True
) -> LoadFigures:
    """The figures if every partner accepted one more ask of `hours`.

    The cautious view: all its hours land in the window ahead, and, as the days pass, in the
    window behind as well (on top of what is already there), so an ask accepted today cannot
    look harmless now and tip the partner over next month.

    Parameters
    ----------
    figures : LoadFigures
        Load of n partners, arrays of shape (n_partners,).
    hours : float or ndarray of shape (n_partners,)
        Hours of the ask, one for all or one per partner; not negative.
    new_program : bool, keyword-only
        Whether the ask comes from a program that has not asked in the window.

    Returns
    -------
    LoadFigures
        The figures after the ask, arrays of shape (n_partners,).
    """
    if np.any(np.asarray(hours) < 0):
        raise MatchingError("hours must not be negative")
    return replace(
        figures,
        asks=figures.asks + 1,
        distinct_programs=figures.distinct_programs + int(new_program),
        active_engagements=figures.active_engagements + 1,
        hours_committed=figures.hours_committed + hours,
        hours_ahead=figures.hours_ahead + hours,
    )


def what_if(
    figures: LoadFigures, i: int, hours: float, *, params: RiskParams | None = None
) -> WhatIf:
    """Would one more ask of `hours` push partner `i` to a higher risk level?

    Parameters
    ----------
    figures : LoadFigures
        Load of n partners, arrays of shape (n_partners,).
    i : int
        Position of the partner asked.
    hours : float
        Hours of the ask.
    params : RiskParams or None, keyword-only
        The risk model; None: the defaults over the figures' window.

    Returns
    -------
    WhatIf
        Partner `i`'s score and level before and after the ask.
    """
    before = assess(figures, params=params)
    after = assess(with_one_more_ask(figures, hours), params=params)
    return WhatIf(
        float(before.score[i]), before.level_of(i), float(after.score[i]), after.level_of(i)
    )


@dataclass(frozen=True)
class EngagementRows:
    """Raw engagements as columns of equal length (dates as `date.toordinal()` floats)."""

    partner: IntArray
    program: IntArray
    status: Sequence[str]
    asked_day: FloatArray
    start_day: FloatArray
    end_day: FloatArray
    hours_estimated: FloatArray
    hours_actual: FloatArray


def spread_days(rows: EngagementRows) -> tuple[FloatArray, FloatArray]:
    """The first and last day each engagement's hours are spread over (both inclusive).

    No start: the day it was asked. No end: its start, so all its hours fall on one day.

    Parameters
    ----------
    rows : EngagementRows
        Raw engagements, columns of shape (n_engagements,).

    Returns
    -------
    (ndarray of shape (n_engagements,), ndarray of shape (n_engagements,))
        First and last day, as `date.toordinal()` floats.
    """
    start = np.where(np.isnan(rows.start_day), rows.asked_day, rows.start_day)
    end = np.where(np.isnan(rows.end_day), start, rows.end_day)
    return start, np.maximum(end, start)


def aggregate(
    n_partners: int,
    rows: EngagementRows,
    capacity_hours_per_month: FloatArray,
    max_concurrent: FloatArray,
    check_partner: IntArray,
    check_day: FloatArray,
    check_satisfaction: FloatArray,
    as_of: date,
    *,
    window_days: int = 90,
) -> LoadFigures:
    """Load figures from raw rows, with the same definitions the service's SQL uses.

    `as_of` is the last day of the window; the window holds the `window_days` days up to and
    including it.

    Parameters
    ----------
    n_partners : int
        Number of partners; partners are numbered 0 to n_partners - 1 in `rows`.
    rows : EngagementRows
        Raw engagements, columns of shape (n_engagements,).
    capacity_hours_per_month : ndarray of shape (n_partners,)
        Stated capacity from the latest interview (NaN: never interviewed).
    max_concurrent : ndarray of shape (n_partners,)
        Engagements each partner said it can take at once (NaN: never interviewed).
    check_partner : ndarray of shape (n_checks,)
        The partner of each temperature check.
    check_day : ndarray of shape (n_checks,)
        The day of each check, as `date.toordinal()` floats.
    check_satisfaction : ndarray of shape (n_checks,)
        Satisfaction of each check, 1-5.
    as_of : date
        Last day of the window.
    window_days : int, keyword-only
        Length of the window, 1-1095 days.

    Returns
    -------
    LoadFigures
        Every array of shape (n_partners,).
    """
    if not 1 <= window_days <= 1095:
        raise MatchingError("window_days must be between 1 and 1095")
    n = n_partners
    today = float(as_of.toordinal())
    first = today - window_days + 1
    status = np.asarray(rows.status)
    in_window = (rows.asked_day >= first) & (rows.asked_day <= today)
    asks = np.bincount(rows.partner[in_window], minlength=n).astype(np.int64)
    pairs = np.unique(np.stack([rows.partner[in_window], rows.program[in_window]]), axis=1)
    programs = np.bincount(pairs[0], minlength=n).astype(np.int64)
    declined = in_window & (status == EngagementStatus.declined.value)
    declines = np.bincount(rows.partner[declined], minlength=n).astype(np.int64)
    accepted = status == EngagementStatus.accepted.value
    completed = status == EngagementStatus.completed.value
    start, end = spread_days(rows)
    active = accepted & (start <= today) & (end >= today)
    active_n = np.bincount(rows.partner[active], minlength=n).astype(np.int64)
    hours = np.where(
        completed & ~np.isnan(rows.hours_actual), rows.hours_actual, rows.hours_estimated
    )
    days = end - start + 1
    behind = np.clip(np.minimum(end, today) - np.maximum(start, first) + 1, 0, None)
    committed = _sum_by(rows.partner, np.where(accepted | completed, hours * behind / days, 0), n)
    last = today + window_days
    ahead = np.clip(np.minimum(end, last) - np.maximum(start, today + 1) + 1, 0, None)
    promised = _sum_by(rows.partner, np.where(accepted, hours * ahead / days, 0), n)
    recent = (check_day > today - TREND_DAYS) & (check_day <= today)
    # Days relative to today keep the sums of squares small and precise.
    mean, slope, count = _satisfaction(
        n,
        check_partner[recent],
        check_day[recent] - today,
        check_satisfaction[recent],
        first - today,
    )
    return LoadFigures(
        window_days=window_days,
        asks=asks,
        distinct_programs=programs,
        active_engagements=active_n,
        declines=declines,
        hours_committed=committed,
        hours_ahead=promised,
        capacity_hours_per_month=np.asarray(capacity_hours_per_month, dtype=np.float64),
        max_concurrent=np.asarray(max_concurrent, dtype=np.float64),
        checks=count,
        satisfaction_mean=mean,
        satisfaction_slope=slope,
    )


def days_since_completed(n_partners: int, rows: EngagementRows, as_of: date) -> FloatArray:
    """Days from the end of each partner's last completed engagement to `as_of` (NaN: none).

    Not a risk signal (rest is not load); shown beside the figures so a convener can see who
    has just finished something.

    Parameters
    ----------
    n_partners : int
        Number of partners; partners are numbered 0 to n_partners - 1 in `rows`.
    rows : EngagementRows
        Raw engagements, columns of shape (n_engagements,).
    as_of : date
        The day counted to.

    Returns
    -------
    ndarray of shape (n_partners,)
        Days since the last completed engagement ended; NaN where none has.
    """
    today = float(as_of.toordinal())
    _, end = spread_days(rows)
    done = (np.asarray(rows.status) == EngagementStatus.completed.value) & (end <= today)
    last = np.full(n_partners, -np.inf)
    np.maximum.at(last, rows.partner[done], end[done])
    return np.where(np.isinf(last), np.nan, today - last)


def _sum_by(partner: IntArray, weights: FloatArray, n: int) -> FloatArray:
    """Per-partner sums of `weights`, shape (n,)."""
    return np.bincount(partner, weights=weights, minlength=n).astype(np.float64)


def _satisfaction(
    n: int, partner: IntArray, day: FloatArray, score: FloatArray, window_first: float
) -> tuple[FloatArray, FloatArray, IntArray]:
    """Mean satisfaction inside the window, and the least-squares slope (points per quarter)
    over the trend period, from per-partner sums (the same sums SQL can group)."""
    count = np.bincount(partner, minlength=n).astype(np.int64)
    in_window = day >= window_first
    w_n = np.bincount(partner[in_window], minlength=n)
    w_sum = _sum_by(partner[in_window], score[in_window], n)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        mean = np.where(w_n > 0, w_sum / w_n, np.nan)
    slope = slope_from_sums(
        count.astype(np.float64),
        _sum_by(partner, day, n),
        _sum_by(partner, score, n),
        _sum_by(partner, day * score, n),
        _sum_by(partner, day * day, n),
    )
    return mean, slope, count


def slope_from_sums(
    n: FloatArray, sx: FloatArray, sy: FloatArray, sxy: FloatArray, sxx: FloatArray
) -> FloatArray:
    """Least-squares slope per quarter (91.3 days) from sums over days x and scores y.

    NaN under three points or when every point is on one day. Days should be small numbers
    (e.g. days before today) so the sums keep their precision.

    Parameters
    ----------
    n : ndarray of shape (n_partners,)
        Number of points per partner.
    sx, sy : ndarray of shape (n_partners,)
        Sums of days x and of scores y.
    sxy, sxx : ndarray of shape (n_partners,)
        Sums of x * y and of x * x.

    Returns
    -------
    ndarray of shape (n_partners,)
        Slope in points per quarter; NaN where it cannot be drawn.
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        denom = n * sxx - sx * sx
        slope = (n * sxy - sx * sy) / denom
    ok = (n >= 3) & (np.abs(denom) > 1e-9 * np.maximum(1.0, n * sxx))
    return np.where(ok, slope * (365.25 / 4), np.nan)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def concurrency_note(active: int, maximum: float) -> str:
    """How many engagements a partner is running, against its stated maximum.

    Parameters
    ----------
    active : int
        Engagements running now.
    maximum : float
        Engagements the partner said it can take at once; NaN: unknown.

    Returns
    -------
    str
        One clause, such as "2 engagements running now against the 3 they said they can take
        at once".
    """
    running = f"{_count(active, 'engagement')} running now"
    if np.isnan(maximum):
        return running
    return f"{running} against the {int(maximum)} they said they can take at once"


def reasons(
    figures: LoadFigures,
    assessment: Assessment,
    i: int,
    *,
    programs: Sequence[tuple[str, int]] = (),
    threshold: float = 0.12,
) -> list[str]:
    """Sentences a convener would act on, strongest first, for partner `i`.

    `programs` names who asked in the window, with counts, busiest first. Signals whose
    weighted pressure is under `threshold` are left out; unknown capacity is always said.

    Parameters
    ----------
    figures : LoadFigures
        Load of n partners, arrays of shape (n_partners,).
    assessment : Assessment
        `assess(figures)`: `pressure` of shape (n_partners, n_signals).
    i : int
        Position of the partner.
    programs : sequence of (str, int), keyword-only
        Who asked partner `i` in the window and how often, busiest first.
    threshold : float, keyword-only
        Weighted pressure under which a signal is not said.

    Returns
    -------
    list of str
        The reasons, strongest first; empty when nothing weighs.
    """
    w = figures.window_days
    weighted = assessment.pressure[i] * np.asarray(assessment.params.weights)
    out: list[tuple[float, str]] = []
    asks, n_prog = int(figures.asks[i]), int(figures.distinct_programs[i])
    if weighted[0] >= threshold or weighted[1] >= threshold:
        names = ", ".join(f"{name} ({k})" for name, k in programs[:4])
        more = f" and {len(programs) - 4} more" if len(programs) > 4 else ""
        who = f": {names}{more}" if names else ""
        out.append(
            (
                max(weighted[0], weighted[1]),
                f"asked {_count(asks, 'time')} by {_count(n_prog, 'program')} "
                f"in the last {w} days{who}",
            )
        )
    util = float(figures.take(np.array([i])).utilization[0])  # this partner's only
    if weighted[2] >= threshold:
        cap = float(figures.capacity_hours[i])
        pct = "no stated capacity" if cap == 0 else f"{util:.0%} of capacity"
        out.append(
            (
                weighted[2],
                f"{figures.hours_committed[i]:.0f} hours worked in the last {w} days and "
                f"{figures.hours_ahead[i]:.0f} already promised for the next {w}, against "
                f"{cap:.0f} hours of stated capacity per {w} days ({pct} at the busier end)",
            )
        )
    if weighted[3] >= threshold:
        out.append(
            (
                weighted[3],
                concurrency_note(
                    int(figures.active_engagements[i]), float(figures.max_concurrent[i])
                ),
            )
        )
    if weighted[4] >= threshold:
        out.append(
            (
                weighted[4],
                f"declined {int(figures.declines[i])} of {_count(asks, 'ask')} "
                f"in the last {w} days",
            )
        )
    if weighted[5] >= threshold:
        slope, mean = float(figures.satisfaction_slope[i]), float(figures.satisfaction_mean[i])
        parts = []
        if not np.isnan(slope) and slope < 0:
            parts.append(
                f"satisfaction falling about {-slope:.1f} points a quarter "
                f"over {int(figures.checks[i])} temperature checks"
            )
        if not np.isnan(mean):
            parts.append(f"averaging {mean:.1f} of 5 in the last {w} days")
        out.append((weighted[5], "; ".join(parts) or "satisfaction is low"))
    if np.isnan(figures.capacity_hours_per_month[i]):
        out.append((weighted[6], "no interview on file: capacity unknown, not unlimited"))
    out.sort(key=lambda item: -item[0])
    return [text for _, text in out]
