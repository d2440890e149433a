"""Benchmarks that print figures. Run one as `python -m bench.<name>` from the repository."""

import statistics
import time
from collections.abc import Callable


def percentiles(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """p50 and p95 of `fn`'s wall time in milliseconds over `runs` calls, after one warm-up."""
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(runs - 1, round(0.95 * (runs - 1)))]
