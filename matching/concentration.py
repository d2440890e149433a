"""How concentrated asks are across partners: top-20% share, Gini coefficient, Lorenz curve."""

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from matching.types import MatchingError


@dataclass(frozen=True)
class Concentration:
    partners: int
    asks: int
    top20_share: float
    gini: float
    lorenz: list[tuple[float, float]]


def concentration(asks_per_partner: ArrayLike, *, points: int = 21) -> Concentration:
    """Concentration of `asks_per_partner` (shape (n,), one count per partner, zeros included).

    `top20_share` is the share of asks taken by the busiest ceil(20%) of partners. `gini` is 0
    when every partner is asked equally and approaches 1 when one partner takes every ask.
    `lorenz` gives `points` (x, y) pairs: the least-asked share x of partners took share y of
    asks, from (0, 0) to (1, 1). With no asks at all, the curve is the diagonal and Gini is 0.

    Parameters
    ----------
    asks_per_partner : array-like of shape (n_partners,)
        Asks per partner, finite and non-negative, zeros included.
    points : int, keyword-only
        Points of the Lorenz curve, at least 2.

    Returns
    -------
    Concentration
        Partners, asks, top-20% share and Gini, and `lorenz`, a list of `points` (x, y) pairs.
    """
    counts = np.sort(np.asarray(asks_per_partner, dtype=np.float64))
    if counts.ndim != 1:
        raise MatchingError("asks_per_partner must be one-dimensional")
    if np.any(counts < 0) or not np.all(np.isfinite(counts)):
        raise MatchingError("asks_per_partner must be finite and non-negative")
    if points < 2:
        raise MatchingError("points must be at least 2")
    n, total = counts.size, float(counts.sum())
    xs = np.linspace(0.0, 1.0, points)
    if n == 0 or total == 0:
        return Concentration(n, int(total), 0.0, 0.0, [(round(float(x), 6),) * 2 for x in xs])
    cum = np.concatenate([[0.0], np.cumsum(counts) / total])
    grid = np.linspace(0.0, 1.0, n + 1)
    ys = np.interp(xs, grid, cum)
    top = int(np.ceil(0.2 * n))
    # Gini from the sorted counts: 1 - 2 * (area under the Lorenz curve), exactly.
    area = float(np.sum(cum[:-1] + cum[1:]) / (2 * n))
    gini = max(0.0, 1.0 - 2.0 * area)
    return Concentration(
        partners=n,
        asks=int(total),
        top20_share=float(counts[-top:].sum() / total),
        gini=gini,
        lorenz=[(round(float(x), 6), round(float(y), 6)) for x, y in zip(xs, ys, strict=True)],
    )
