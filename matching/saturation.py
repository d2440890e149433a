"""Saturation: is a partner asked too little, about right, or too much for what it can give?

The idea of an engagement-frequency label (undersaturated / on target / saturated), for asks
rather than e-mails, read from the load figures and the burnout risk already computed:

- **saturated**: at high or critical risk, or its hours worked or promised reach its stated
  capacity, or its running engagements reach the most it said it can take at once, or it is
  asked `saturated_asks_per_month` times a month or more;
- **undersaturated**: none of that, at low risk, asked fewer than
  `under_asks_per_month` times a month, and (when its capacity is known) using under
  `under_utilization` of it;
- **on target**: everything in between.

A partner never interviewed has no known capacity: it is judged by its asks and risk alone,
and the reason says so. Willing partners rarely asked (interest at least `min_interest`, room
left, few asks) are the ones a convener can approach "more directly".
"""

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
from numpy.typing import NDArray

from matching.load import DAYS_PER_MONTH, Assessment, LoadFigures, RiskLevel
from matching.types import MatchingError


class SaturationLabel(IntEnum):
    undersaturated = 0
    on_target = 1
    saturated = 2

    @property
    def words(self) -> str:
        return self.name.replace("_", " ")


@dataclass(frozen=True, kw_only=True)
class SaturationParams:
    """Thresholds of the saturation labels and the willing list.

    Parameters
    ----------
    saturated_asks_per_month : float, keyword-only
        Asks a month from which a partner is saturated whatever its capacity.
    under_asks_per_month : float, keyword-only
        Asks a month under which a partner with room can be undersaturated.
    under_utilization : float, keyword-only
        Share of stated capacity in use under which a partner can be undersaturated.
    min_interest : int, keyword-only
        Interest level (1-5, latest interview) from which a partner counts as willing.
    few_asks : int, keyword-only
        Asks in the window at or under which a willing partner is "rarely asked".
    """

    saturated_asks_per_month: float = 3.0
    under_asks_per_month: float = 0.5
    under_utilization: float = 0.5
    min_interest: int = 4
    few_asks: int = 1

    def __post_init__(self) -> None:
        if not 0 < self.under_asks_per_month < self.saturated_asks_per_month:
            raise MatchingError("under_asks_per_month must be positive and under the saturated")
        if not 0 < self.under_utilization <= 1:
            raise MatchingError("under_utilization must be in (0, 1]")
        if not 1 <= self.min_interest <= 5:
            raise MatchingError("min_interest must be between 1 and 5")
        if self.few_asks < 0:
            raise MatchingError("few_asks must not be negative")


def _at_capacity(figures: LoadFigures) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """(hours worked or promised at or over capacity, running engagements at the maximum)."""
    util, cap_n, active = figures.utilization, figures.max_concurrent, figures.active_engagements
    with np.errstate(invalid="ignore"):
        hours_full = ~np.isnan(util) & (util >= 1.0)
        slots_full = ~np.isnan(cap_n) & (active > 0) & (active >= cap_n)
    return hours_full, slots_full


def labels(
    figures: LoadFigures, assessment: Assessment, *, params: SaturationParams | None = None
) -> NDArray[np.int64]:
    """Each partner's saturation label.

    Parameters
    ----------
    figures : LoadFigures
        Load of n partners, arrays of shape (n_partners,).
    assessment : Assessment
        `assess(figures)`: `level` of shape (n_partners,).
    params : SaturationParams or None, keyword-only
        Thresholds; None: the defaults.

    Returns
    -------
    ndarray of shape (n_partners,)
        `SaturationLabel` values.
    """
    p = params or SaturationParams()
    per_month = figures.asks / (figures.window_days / DAYS_PER_MONTH)
    hours_full, slots_full = _at_capacity(figures)
    saturated = (
        (assessment.level >= RiskLevel.high)
        | hours_full
        | slots_full
        | (per_month >= p.saturated_asks_per_month)
    )
    util = figures.utilization
    with np.errstate(invalid="ignore"):
        room = np.isnan(util) | (util < p.under_utilization)
    under = (
        ~saturated
        & (assessment.level == RiskLevel.low)
        & (per_month < p.under_asks_per_month)
        & room
    )
    out = np.full(figures.n, SaturationLabel.on_target, dtype=np.int64)
    out[saturated] = SaturationLabel.saturated
    out[under] = SaturationLabel.undersaturated
    return out


def rule(params: SaturationParams | None = None) -> str:
    """The rule `labels` applies with these thresholds, in one sentence for the answers."""
    p = params or SaturationParams()
    return (
        "saturated: high or critical risk, hours worked or promised at or over stated "
        "capacity, running engagements at the most it can take at once, or "
        f"{p.saturated_asks_per_month:g} or more asks a month; undersaturated: none of that, "
        f"low risk, under {p.under_asks_per_month:g} asks a month and under "
        f"{p.under_utilization:.0%} of its capacity in use (capacity unknown: judged by asks "
        "and risk alone); on target: between"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _per_month(asks: int, window_days: int) -> str:
    rate = asks / (window_days / DAYS_PER_MONTH)
    return f"{asks} ask{'' if asks == 1 else 's'} in {window_days} days ({rate:.1f} a month)"


def reason(
    figures: LoadFigures,
    assessment: Assessment,
    i: int,
    label: int,
    *,
    params: SaturationParams | None = None,
) -> str:
    """Why partner `i` has its label, in one sentence.

    Parameters
    ----------
    figures : LoadFigures
        Load of n partners, arrays of shape (n_partners,).
    assessment : Assessment
        `assess(figures)`.
    i : int
        Position of the partner.
    label : int
        Its `SaturationLabel`, from `labels`.
    params : SaturationParams or None, keyword-only
        The thresholds `labels` used.

    Returns
    -------
    str
    """
    p = params or SaturationParams()
    asks = _per_month(int(figures.asks[i]), figures.window_days)
    util = float(figures.utilization[i])
    known = not np.isnan(util)
    use = f"{util:.0%} of stated capacity in use" if known else "capacity unknown (no interview)"
    level = RiskLevel(int(assessment.level[i])).name
    if label == SaturationLabel.saturated:
        why = []
        if assessment.level[i] >= RiskLevel.high:
            why.append(f"{level} burnout risk")
        hours_full, slots_full = _at_capacity(figures)
        if hours_full[i]:
            why.append(f"{util:.0%} of stated capacity in use")
        if slots_full[i]:
            why.append(
                f"{_count(int(figures.active_engagements[i]), 'engagement')} running against the "
                f"{int(figures.max_concurrent[i])} it can take at once"
            )
        per_month = figures.asks[i] / (figures.window_days / DAYS_PER_MONTH)
        if per_month >= p.saturated_asks_per_month:
            why.append(f"asked {p.saturated_asks_per_month:g} or more times a month")
        return f"saturated: {'; '.join(why)}; {asks}; ask others first"
    if label == SaturationLabel.undersaturated:
        return f"undersaturated: {asks}, {use}, {level} risk; room for more asks"
    return f"on target: {asks}, {use}, {level} risk"


def willing(
    figures: LoadFigures,
    assessment: Assessment,
    interest: NDArray[np.float64],
    *,
    params: SaturationParams | None = None,
) -> NDArray[np.int64]:
    """Willing partners rarely asked: interest at least `min_interest`, room left (capacity
    known, hours under it, a free slot), at low or elevated risk, and `few_asks` asks or
    fewer in the window. Most interested first, then the least asked, then the most room.

    Parameters
    ----------
    figures : LoadFigures
        Load of n partners, arrays of shape (n_partners,).
    assessment : Assessment
        `assess(figures)`.
    interest : ndarray of shape (n_partners,)
        Latest interview's interest level (1-5); NaN: never interviewed.
    params : SaturationParams or None, keyword-only

    Returns
    -------
    ndarray of shape (n_found,)
        Positions of the partners found, best first.
    """
    p = params or SaturationParams()
    if interest.shape != (figures.n,):
        raise MatchingError("interest must have one value per partner")
    util = figures.utilization
    cap_n = figures.max_concurrent
    with np.errstate(invalid="ignore"):
        room = (~np.isnan(util) & (util < 1.0)) & (
            np.isnan(cap_n) | (figures.active_engagements < cap_n)
        )
        keen = ~np.isnan(interest) & (interest >= p.min_interest)
    found = np.flatnonzero(
        keen & room & (assessment.level <= RiskLevel.elevated) & (figures.asks <= p.few_asks)
    )
    order = np.lexsort((found, util[found], figures.asks[found], -interest[found]))
    return found[order].astype(np.int64)
