"""One million synthetic partners in one process: what it costs to build, rank and patch, and
the memory it holds, for the extrapolation in docs/performance.md ("What breaks first at 1M").

    .venv/bin/python -m bench.million --sizes 100000 1000000
"""

import argparse
import resource
import sys
import time

import numpy as np

from bench import percentiles
from bench.matching import SECTORS, synthetic, unit
from matching.load import LoadFigures
from matching.partners import build_partners, patch
from matching.ranker import Need, Partners, rank


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def one(pid: int, text: str, dim: int) -> Partners:
    return build_partners(
        ids=[pid], names=[f"Changed {pid}"], kinds=["employer"], regions=["River Valley"],
        sectors=[["energy"]], texts=[text], interest=[4.0],
        vectors=unit(np.random.default_rng(pid), 1), has_vector=[True],
        figures=LoadFigures.empty(1, window_days=90),
    )  # fmt: skip


def run(n: int, runs: int) -> None:
    rng = np.random.default_rng(11)
    before = _rss_mb()
    start = time.perf_counter()
    partners = synthetic(n, rng)
    built = time.perf_counter() - start
    held = _rss_mb() - before
    need = Need(vector=unit(rng), expertise_vector=unit(rng), skill_vectors=unit(rng, 2),
                partner_kinds=["employer", "college"], sectors=SECTORS[:2],
                region="River Valley", skills=["cnc machining", "plc"], hours=20)  # fmt: skip

    def ranking() -> None:
        rank(partners, need, limit=10)

    r50, r95 = percentiles(ranking, runs)
    stay, moved = [], []
    current = partners
    for k in range(runs):
        pid = int(rng.integers(1, n + 1))
        changed = one(pid, "welding robotics", 384)
        t = time.perf_counter()
        current = patch(current, changed, texts=["welding robotics"], moved=[False])
        stay.append((time.perf_counter() - t) * 1000)
        changed = one(pid, f"cnc plc welding {k}", 384)
        t = time.perf_counter()
        current = patch(current, changed, texts=[f"cnc plc {k}"], moved=[True])
        moved.append((time.perf_counter() - t) * 1000)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write(
        f"{n:>9} partners: build {built:6.1f} s, held {held:6.0f} MB (peak RSS {peak:6.0f} MB); "
        f"rank p50 {r50:6.1f} ms p95 {r95:6.1f} ms; patch p50 {np.median(stay):5.1f} ms "
        f"(load only) / {np.median(moved):5.1f} ms (text changed)\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    for n in args.sizes:
        run(n, args.runs)


if __name__ == "__main__":
    main()
