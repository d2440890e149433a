"""all-MiniLM-L6-v2 on torch against its int8 ONNX export, side by side in one run: export
time and file size, texts per second on the ranking eval set's partner and need texts, how close
the vectors are (cosine, top-10 neighbours), and NDCG@10 of the full scorer with each.

    .venv/bin/python -m bench.embedders                   # cache in a temporary folder
    .venv/bin/python -m bench.embedders --rounds 3 --threads 2

Throughput rounds alternate between the two models, so both see the same machine load.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from evaluation.ranking import EvalSet, evaluate, need_text, partner_text, scorer_ranker
from matching.embeddings import Embedder, SentenceTransformerEmbedder
from matching.onnx_embedder import OnnxEmbedder

EVAL = Path(__file__).parent / "data" / "ranking_eval"


def rate(embedder: Embedder, texts: list[str]) -> float:
    start = time.perf_counter()
    embedder.embed(texts)
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    data = EvalSet.load(EVAL)
    texts = [partner_text(p) for p in data.partners] + [need_text(n) for n in data.needs]
    words = statistics.mean(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        onnx = OnnxEmbedder(cache_dir=Path(cache), threads=args.threads)
        print(f"export (torch trace + int8 quantisation): {time.perf_counter() - start:.1f} s, "
              f"{onnx.path.stat().st_size / 1e6:.1f} MB, {onnx.threads} threads")  # fmt: skip
        start = time.perf_counter()
        OnnxEmbedder(cache_dir=Path(cache), threads=args.threads)
        print(f"second start, from the cache: {time.perf_counter() - start:.2f} s")
        torch = SentenceTransformerEmbedder()
        models: list[Embedder] = [torch, onnx]
        for m in models:
            m.embed(texts[:32])  # warm up
        rates: dict[str, list[float]] = {m.name: [] for m in models}
        for _ in range(args.rounds):
            for m in models:
                rates[m.name].append(rate(m, texts))
        print(f"texts/s, {len(texts)} eval texts of ~{words:.0f} words, {args.rounds} rounds:")
        for m in models:
            print(f"  {m.name:<52} {statistics.median(rates[m.name]):7.1f}  "
                  f"({', '.join(f'{r:.1f}' for r in rates[m.name])})")  # fmt: skip
        ratio = statistics.median(rates[onnx.name]) / statistics.median(rates[torch.name])
        print(f"  onnx int8 / torch: {ratio:.2f}x")

        fast, exact = onnx.embed(texts), torch.embed(texts)
        cosine = np.sum(fast * exact, axis=1)
        sims = [v @ v.T for v in (fast, exact)]
        for s in sims:
            np.fill_diagonal(s, -np.inf)
        top = [np.argsort(-s, axis=1)[:, :10] for s in sims]
        overlap = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(*top, strict=True)])
        print(f"cosine to torch: mean {cosine.mean():.4f}, min {cosine.min():.4f}; "
              f"top-10 neighbour overlap {overlap:.3f}")  # fmt: skip
        for m in models:
            scores = evaluate(data, scorer_ranker(data, m))
            print(f"  full scorer with {m.name:<52} NDCG@10 {scores['ndcg@10']:.3f}  "
                  f"MRR {scores['mrr']:.3f}  recall@10 {scores['recall@10']:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
