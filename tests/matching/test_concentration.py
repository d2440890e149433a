"""Concentration of asks: top-20% share, Gini and the Lorenz curve."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.concentration import concentration
from matching.types import MatchingError


def test_equal_load_is_not_concentrated() -> None:
    c = concentration([3, 3, 3, 3, 3])
    assert c.gini == pytest.approx(0)
    assert c.top20_share == pytest.approx(0.2)
    assert all(x == pytest.approx(y) for x, y in c.lorenz)


def test_one_partner_carrying_everything() -> None:
    c = concentration([0] * 9 + [50])
    assert c.top20_share == 1.0
    assert c.gini == pytest.approx(0.9)
    assert c.lorenz[0] == (0.0, 0.0)
    assert c.lorenz[-1] == (1.0, 1.0)
    assert c.partners == 10
    assert c.asks == 50


def test_eighty_twenty() -> None:
    c = concentration([16] * 2 + [1] * 8)  # 2 partners of 10 take 32 of 40 asks
    assert c.top20_share == pytest.approx(0.8)
    x, y = c.lorenz[16]  # 80% of partners (the least asked) took 20% of the asks
    assert x == pytest.approx(0.8)
    assert y == pytest.approx(0.2)


def test_no_asks_at_all() -> None:
    c = concentration([0, 0, 0])
    assert (c.gini, c.top20_share, c.asks) == (0.0, 0.0, 0)


@pytest.mark.parametrize("bad", [[-1, 2], [np.nan], [[1, 2], [3, 4]]])
def test_bad_counts_are_refused(bad: object) -> None:
    with pytest.raises(MatchingError):
        concentration(bad)  # type: ignore[arg-type]


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=200))
def test_invariants(asks: list[int]) -> None:
    c = concentration(asks)
    assert 0 <= c.gini < 1
    ys = [y for _, y in c.lorenz]
    assert all(b >= a - 1e-9 for a, b in zip(ys, ys[1:], strict=False))
    assert all(y <= x + 1e-9 for x, y in c.lorenz)  # never above the line of equality
    assert c.top20_share >= 0.2 - 1e-9 or sum(asks) == 0
