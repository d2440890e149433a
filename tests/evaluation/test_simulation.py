"""The year-of-asks simulation behind the load-concentration notebook."""

import numpy as np
import pytest

from evaluation.simulation import make_world, simulate
from matching.concentration import concentration
from matching.types import MatchingError


def test_capacity_aware_asking_spreads_load_and_burns_out_fewer_partners() -> None:
    world = make_world(n_partners=120, asks_per_year=500, seed=3)
    top = simulate(world, "top_ranked")
    aware = simulate(world, "capacity_aware")
    assert top.asks.sum() == aware.asks.sum() == 500
    assert concentration(aware.asks).gini < concentration(top.asks).gini
    assert aware.ever_critical < top.ever_critical
    assert aware.declined < top.declined  # overloaded partners say no


def test_simulation_is_reproducible() -> None:
    world = make_world(n_partners=50, asks_per_year=100, seed=5)
    a, b = simulate(world, "capacity_aware", seed=1), simulate(world, "capacity_aware", seed=1)
    assert np.array_equal(a.asks, b.asks)
    assert a.critical_by_month == b.critical_by_month


def test_bad_world_is_refused() -> None:
    with pytest.raises(MatchingError):
        make_world(n_partners=1)
