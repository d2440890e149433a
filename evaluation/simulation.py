"""A year of asks simulated under two recruiting policies, to see how load concentrates.

`top_ranked` always asks the best-fitting partner; `capacity_aware` asks the best fit among
partners that one more ask would not push to a higher risk level (and never a critical one),
falling back to the least-risk partner. Partners answer like people: the busier they are, the
more often they decline, and their satisfaction drops as they pass their capacity. The load
model and risk levels are `matching.load`'s own.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from matching.load import (
    EngagementRows,
    LoadFigures,
    RiskLevel,
    aggregate,
    assess,
    with_one_more_ask,
)
from matching.types import EngagementStatus, MatchingError

Policy = Literal["top_ranked", "capacity_aware"]
# How likely a partner at each risk level is to accept an ask.
ACCEPT = np.array([0.9, 0.75, 0.45, 0.15])


@dataclass(frozen=True)
class World:
    """Partners with a fit to each sector, stated capacity, and a stream of needs."""

    fit: NDArray[np.float64]  # (n_partners, n_sectors)
    capacity_hours_per_month: NDArray[np.float64]
    max_concurrent: NDArray[np.float64]
    need_day: NDArray[np.int64]  # (n_needs,) day of the year the ask is made
    need_sector: NDArray[np.int64]
    need_program: NDArray[np.int64]
    need_hours: NDArray[np.float64]
    need_days: NDArray[np.int64]  # how long the engagement runs


def make_world(
    *, n_partners: int = 200, asks_per_year: int = 900, n_sectors: int = 6, seed: int = 7
) -> World:
    """A reproducible population where a few partners fit most needs best (famous names).

    Parameters
    ----------
    n_partners : int, keyword-only
        Partners, at least 2.
    asks_per_year : int, keyword-only
        Needs asked over the year, at least 1.
    n_sectors : int, keyword-only
        Sectors needs come from.
    seed : int, keyword-only
        Seed of the random generator.

    Returns
    -------
    World
        `fit` of shape (n_partners, n_sectors), capacity arrays of shape (n_partners,), and
        the needs as arrays of shape (asks_per_year,), by day.
    """
    if n_partners < 2 or asks_per_year < 1:
        raise MatchingError("need at least two partners and one ask")
    rng = np.random.default_rng(seed)
    fame = rng.pareto(2.5, n_partners)  # a long tail: a handful of partners everyone knows
    home = rng.integers(0, n_sectors, n_partners)
    fit = 0.3 * rng.random((n_partners, n_sectors)) + 0.4 * np.eye(n_sectors)[home]
    fit += 0.3 * fame[:, None] / fame.max()
    n = asks_per_year
    return World(
        fit=fit,
        capacity_hours_per_month=rng.choice([4.0, 8.0, 12.0, 20.0, 30.0, 40.0], n_partners),
        max_concurrent=rng.integers(1, 5, n_partners).astype(np.float64),
        need_day=np.sort(rng.integers(0, 365, n)),
        need_sector=rng.integers(0, n_sectors, n),
        need_program=rng.integers(0, 12, n),
        need_hours=rng.choice([4.0, 8.0, 16.0, 24.0, 40.0], n),
        need_days=rng.integers(7, 90, n),
    )


@dataclass
class SimulationResult:
    policy: Policy
    asks: NDArray[np.int64]  # asks per partner over the year
    accepted: int
    declined: int
    ever_critical: int  # partners that were critical at some point
    critical_by_month: list[int] = field(default_factory=list)


def simulate(
    world: World, policy: Policy, *, seed: int = 11, window_days: int = 90
) -> SimulationResult:
    """Run the year; every ask is answered on the day it is made.

    Parameters
    ----------
    world : World
        Partners and the year's needs (see `make_world`).
    policy : {"top_ranked", "capacity_aware"}
        Whom each need asks.
    seed : int, keyword-only
        Seed of the partners' answers and the needs' noise.
    window_days : int, keyword-only
        Window of the load figures and risk.

    Returns
    -------
    SimulationResult
        `asks` of shape (n_partners,), accepted and declined totals, partners ever critical,
        and the critical partners at each month's start.
    """

    rng = np.random.default_rng(seed)
    n = world.fit.shape[0]
    start = date(2026, 1, 1).toordinal()
    cols: dict[str, list[float]] = {k: [] for k in ("p", "prog", "asked", "s", "e", "h")}
    status: list[str] = []
    check_p: list[int] = []
    check_d: list[float] = []
    check_s: list[float] = []
    critical_ever = np.zeros(n, dtype=bool)
    by_month: list[int] = []
    accepted = declined = 0
    month_seen = -1

    def figures_on(day: int) -> LoadFigures:
        rows = EngagementRows(
            partner=np.asarray(cols["p"], dtype=np.int64),
            program=np.asarray(cols["prog"], dtype=np.int64),
            status=status,
            asked_day=np.asarray(cols["asked"]),
            start_day=np.asarray(cols["s"]),
            end_day=np.asarray(cols["e"]),
            hours_estimated=np.asarray(cols["h"]),
            hours_actual=np.full(len(status), np.nan),
        )
        return aggregate(
            n, rows,
            capacity_hours_per_month=world.capacity_hours_per_month,
            max_concurrent=world.max_concurrent,
            check_partner=np.asarray(check_p, dtype=np.int64),
            check_day=np.asarray(check_d),
            check_satisfaction=np.asarray(check_s),
            as_of=date.fromordinal(start + day),
            window_days=window_days,
        )  # fmt: skip

    for k in range(world.need_day.size):
        day = int(world.need_day[k])
        figures = figures_on(day)
        risk = assess(figures)
        critical_ever |= risk.level == RiskLevel.critical
        month = (date.fromordinal(start) + timedelta(days=day)).month
        if month != month_seen:  # monthly temperature checks, and a tally of critical partners
            month_seen = month
            by_month.append(int(np.sum(risk.level == RiskLevel.critical)))
            util = np.nan_to_num(figures.utilization, nan=0.0, posinf=3.0)
            mood = 5 - 3 * np.minimum(1, util / 1.5) + rng.normal(0, 0.3, n)
            asked = figures.asks > 0
            check_p += list(np.flatnonzero(asked))
            check_d += [float(start + day)] * int(asked.sum())
            check_s += list(np.clip(np.round(mood[asked]), 1, 5))

        # each need wants something a little different from its sector's average
        fit = world.fit[:, world.need_sector[k]] + rng.normal(0, 0.05, n)
        hours = float(world.need_hours[k])
        if policy == "top_ranked":
            choice = int(np.argmax(fit))
        else:
            after = assess(with_one_more_ask(figures, hours)).level
            ok = (after == risk.level) & (risk.level < RiskLevel.critical)
            choice = (
                int(np.argmax(np.where(ok, fit, -np.inf)))
                if ok.any()
                else int(np.lexsort((-fit, risk.score))[0])
            )
        yes = rng.random() < ACCEPT[risk.level[choice]]
        accepted += int(yes)
        declined += int(not yes)
        cols["p"].append(choice)
        cols["prog"].append(int(world.need_program[k]))
        cols["asked"].append(float(start + day))
        cols["s"].append(float(start + day))
        cols["e"].append(float(start + day + int(world.need_days[k]) - 1))
        cols["h"].append(hours)
        status.append((EngagementStatus.accepted if yes else EngagementStatus.declined).value)

    asks = np.bincount(np.asarray(cols["p"], dtype=np.int64), minlength=n).astype(np.int64)
    return SimulationResult(policy, asks, accepted, declined, int(critical_ever.sum()), by_month)
