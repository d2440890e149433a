"""Saturation labels and the willing list, from load figures built by hand."""

from dataclasses import replace

import numpy as np
import pytest

from matching.load import LoadFigures, assess
from matching.saturation import (
    SaturationLabel,
    SaturationParams,
    labels,
    reason,
    rule,
    willing,
)
from matching.types import MatchingError

NAN = np.nan


def figures(
    asks: list[int],
    hours: list[float],
    capacity: list[float],
    active: list[int],
    maximum: list[float],
) -> LoadFigures:
    n = len(asks)
    base = LoadFigures.empty(n, window_days=90)
    return replace(
        base,
        asks=np.array(asks, dtype=np.int64),
        distinct_programs=np.minimum(np.array(asks, dtype=np.int64), 1),
        active_engagements=np.array(active, dtype=np.int64),
        hours_committed=np.array(hours, dtype=np.float64),
        capacity_hours_per_month=np.array(capacity, dtype=np.float64),
        max_concurrent=np.array(maximum, dtype=np.float64),
    )


def test_labels_follow_asks_capacity_and_risk() -> None:
    f = figures(
        asks=[0, 4, 12, 1, 0, 2],
        hours=[0, 20, 10, 40, 0, 3],
        capacity=[10, 20, 40, 10, NAN, 2],
        active=[0, 1, 1, 1, 0, 2],
        maximum=[2, 3, 5, 3, NAN, 2],
    )
    a = assess(f)
    got = [SaturationLabel(v) for v in labels(f, a)]
    assert got == [
        SaturationLabel.undersaturated,  # unasked, room
        SaturationLabel.on_target,  # 1.3 asks a month, a third of capacity
        SaturationLabel.saturated,  # 4 asks a month
        SaturationLabel.saturated,  # 40 hours against 30 of capacity
        SaturationLabel.undersaturated,  # never interviewed, never asked: judged by asks
        SaturationLabel.saturated,  # both slots taken
    ]
    assert reason(f, a, 0, got[0]).startswith("undersaturated: 0 asks in 90 days")
    assert "capacity unknown" in reason(f, a, 4, got[4])
    assert "2 engagements running against the 2" in reason(f, a, 5, got[5])
    assert "asked 3 or more times a month" in reason(f, a, 2, got[2])


def test_the_rule_an_answer_states_is_the_one_its_labels_follow() -> None:
    """A deployment's thresholds change what the answers say the rule is, not only the labels."""
    f = figures(asks=[12], hours=[10], capacity=[40], active=[1], maximum=[5])  # 4 a month
    a = assess(f)
    strict, lenient = SaturationParams(), SaturationParams(saturated_asks_per_month=5)
    assert labels(f, a, params=strict)[0] == SaturationLabel.saturated
    assert "3 or more asks a month" in rule(strict)
    assert labels(f, a, params=lenient)[0] == SaturationLabel.on_target
    assert "5 or more asks a month" in rule(lenient)
    assert "under 0.5 asks a month and under 50% of its capacity" in rule(strict)


def test_more_asks_never_lower_the_label() -> None:
    rng = np.random.default_rng(7)
    n = 200
    asks = rng.integers(0, 15, n)
    f = figures(
        list(asks),
        list(rng.uniform(0, 50, n)),
        list(rng.uniform(0, 40, n)),
        list(rng.integers(0, 4, n)),
        list(rng.integers(1, 4, n).astype(float)),
    )
    more = replace(f, asks=f.asks + 3, distinct_programs=f.distinct_programs + 1)
    assert np.all(labels(more, assess(more)) >= labels(f, assess(f)))


def test_willing_partners_rarely_asked_most_interested_first() -> None:
    f = figures(
        asks=[0, 1, 0, 5, 0, 0],
        hours=[0, 5, 0, 0, 0, 30],
        capacity=[10, 10, 10, 10, NAN, 10],
        active=[0, 1, 0, 0, 0, 1],
        maximum=[2, 2, 2, 2, NAN, 2],
    )
    interest = np.array([4, 5, 3, 5, 5, 5], dtype=np.float64)
    found = willing(f, assess(f), interest)
    # 2: not keen enough; 3: asked often; 4: capacity unknown; 5: no hours left.
    assert found.tolist() == [1, 0]
    with pytest.raises(MatchingError):
        willing(f, assess(f), interest[:3])
    with pytest.raises(MatchingError):
        SaturationParams(min_interest=6)
