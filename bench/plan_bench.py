"""How long a recruitment plan takes, how much memory, and what it does against the greedy.

Synthetic populations: partners with a skewed popularity (a few are everyone's top answer)
and a skewed history of asks; each need's candidates are a top-N drawn by popularity, as the
ranker's top-N per need would be. Each size runs in a process of its own, so its peak memory
(max RSS) is its own. Prints, per size: seconds in all and in the solver (HiGHS: the LP,
and the repair of what the hours rows leave fractional), peak MB, and plan vs greedy: slots
filled, mean relevance, partners pushed to high/critical, Gini and top-20% share of asks
after, most asks of one partner.

    .venv/bin/python -m bench.plan_bench                 # 100x1k, 1k x 10k, 5k x 100k
    .venv/bin/python -m bench.plan_bench --sizes 100x1000
"""

import argparse
import multiprocessing as mp
import resource
import time
from dataclasses import replace
from typing import Any

import numpy as np

from matching.load import LoadFigures
from matching.plan import Edges, PlanNeed, PlanPartners, greedy, solve

PROGRAMS = 12


def population(n_needs: int, n_partners: int, top_n: int, seed: int = 0) -> tuple[
    list[PlanNeed], PlanPartners, Edges
]:  # fmt: skip
    rng = np.random.default_rng(seed)
    popularity = 1.0 / (np.arange(n_partners) + 1.0) ** 0.5
    popularity /= popularity.sum()
    asks = rng.poisson(4.0 * popularity * n_partners**0.5 / popularity.max() ** 0.5 / 10)
    figures = replace(
        LoadFigures.empty(n_partners, window_days=90),
        asks=asks.astype(np.int64),
        distinct_programs=np.minimum(asks, rng.integers(1, 4, n_partners)).astype(np.int64),
        capacity_hours_per_month=np.where(
            rng.random(n_partners) < 0.85, rng.choice([4.0, 8.0, 16.0, 40.0], n_partners), np.nan
        ),
        max_concurrent=rng.choice([1.0, 2.0, 3.0, 5.0], n_partners),
    )
    needs = [
        PlanNeed(
            id=i, title=f"need {i}", open_slots=int(rng.integers(1, 5)),
            hours=float(rng.choice([2.0, 6.0, 12.0, 20.0])), program=f"program {i % PROGRAMS}",
            sectors=(f"sector {i % 9}",), region=f"region {i % 5}",
            engagement_type=("job_shadow", "mentoring", "internship_host")[i % 3],
        )
        for i in range(n_needs)
    ]  # fmt: skip
    # Each need's top-N: drawn by popularity without repeats (Gumbel top-k), relevance falling
    # with rank plus noise, so near-equal candidates exist.
    keys = np.log(popularity)[None, :] + rng.gumbel(size=(1, n_partners))
    partner_ix = np.empty((n_needs, top_n), dtype=np.int64)
    for i in range(n_needs):
        noisy = keys[0] + rng.gumbel(size=n_partners) * 2.0
        partner_ix[i] = np.argpartition(-noisy, top_n)[:top_n]
    base = np.clip(rng.normal(0.72, 0.08, (n_needs, 1)), 0.3, 0.95)
    relevance = np.clip(base - 0.012 * np.arange(top_n)[None, :] + rng.normal(0, 0.02,
                        (n_needs, top_n)), 0.0, 1.0)  # fmt: skip
    edges = Edges.build(
        np.repeat(np.arange(n_needs), top_n), partner_ix.ravel(), relevance.ravel(),
        hours_left=np.full(n_needs * top_n, np.nan),
    )  # fmt: skip
    ids = np.arange(n_partners, dtype=np.int64) + 1
    return needs, PlanPartners(ids, [f"P{i}" for i in ids], figures), edges


def run(size: tuple[int, int, int], queue: "mp.Queue[dict[str, Any]]") -> None:
    n_needs, n_partners, top_n = size
    t0 = time.perf_counter()
    needs, partners, edges = population(n_needs, n_partners, top_n)
    built = time.perf_counter() - t0
    t1 = time.perf_counter()
    plan = solve(needs, partners, edges)
    seconds = time.perf_counter() - t1
    t2 = time.perf_counter()
    base = greedy(needs, partners, edges)
    greedy_seconds = time.perf_counter() - t2
    queue.put(
        {
            "size": f"{n_needs} x {n_partners}",
            "edges": edges.n,
            "build": built,
            "seconds": seconds,
            "solver": plan.solver_seconds,
            "rounds": plan.rounds,
            "fractional": int(plan.timings.get("fractional_edges", 0)),
            "repair": {0.0: "none", 1.0: "exact", 2.0: "greedy"}[plan.timings.get("repair", 0.0)],
            "greedy_seconds": greedy_seconds,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "plan": plan.outcome,
            "greedy": base.outcome,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100x1000,1000x10000,5000x100000")
    parser.add_argument("--top-n", type=int, default=20, help="candidates per need")
    args = parser.parse_args()
    context = mp.get_context("spawn")
    print(
        "| needs x partners | edges | plan s | solver s (share) | rounds | LP edges left "
        "fractional (repair) | peak MB | greedy s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    outcomes = []
    for text in args.sizes.split(","):
        n, p = (int(x) for x in text.split("x"))
        queue: mp.Queue[dict[str, Any]] = context.Queue()
        proc = context.Process(target=run, args=((n, p, args.top_n), queue))
        proc.start()
        r = queue.get()
        proc.join()
        share = r["solver"] / r["seconds"] if r["seconds"] else 0.0
        print(
            f"| {r['size']} | {r['edges']:,} | {r['seconds']:.2f} | {r['solver']:.2f} "
            f"({share:.0%}) | {r['rounds']} | {r['fractional']} ({r['repair']}) | "
            f"{r['peak_mb']:.0f} | {r['greedy_seconds']:.2f} |",
            flush=True,
        )
        outcomes.append(r)
    print()
    print(
        "| needs x partners | who | slots filled | mean relevance | pushed to high+ "
        "| Gini after | top-20% after | most asks of one partner |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in outcomes:
        for who in ("plan", "greedy"):
            o = r[who]
            print(
                f"| {r['size']} | {who} | {o.slots_filled} / {o.slots_open} | "
                f"{o.mean_relevance:.3f} | {o.pushed_high} | {o.gini_after:.3f} | "
                f"{o.top20_after:.3f} | {o.max_asks_per_partner} |"
            )
        ratio = r["plan"].mean_relevance / max(r["greedy"].mean_relevance, 1e-9)
        print(f"| {r['size']} | plan / greedy relevance | | {ratio:.1%} | | | | |")


if __name__ == "__main__":
    main()
