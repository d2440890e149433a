"""Ranking latency for 1k, 10k and 100k synthetic partners, and embedding throughput.

For each size it prints p50/p95 of:
  * floor: a bare numpy matrix product of the same size (partners x 384) and a top-10,
  * in-process: `matching.ranker.rank` (meaning by field in one product, its lexical part in
    one pass over the need's word columns, fit, passages and the what-if on the pool of
    candidates, top 10 with explanations), and the same without the lexical part (before it),
  * over HTTP: POST /v1/matches to a real uvicorn server on 127.0.0.1 (query embedding with the
    real model included), on a SQLite database holding that many partners and their vectors:
    a query stating its fields, and a need typed in words stating none (every field read).
Then texts per second for profile-length texts, with the bundled model and with TF-IDF.

    .venv/bin/python -m bench.matching                 # all of it (a few minutes)
    .venv/bin/python -m bench.matching --sizes 1000 10000 --no-http
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import numpy as np
import uvicorn
from sqlalchemy import insert

from app.auth.models import Role
from app.auth.service import create_key
from app.config import Settings
from app.db import Database
from app.main import create_app
from app.matches import repository
from app.matches.models import PartnerEmbedding
from app.migrate import upgrade
from app.organizations.models import Organization
from bench import free_port, percentiles
from matching.embeddings import Embedder, SentenceTransformerEmbedder, TfidfEmbedder, text_hash
from matching.load import LoadFigures
from matching.ranker import KINDS, Need, Partners, Weights, Window, build_partners, rank

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REGIONS = ["Capital Region", "North Coast", "Central Valley", "River Valley", "High Desert"]
SECTORS = ["advanced_manufacturing", "health_sciences", "information_technology", "construction",
           "energy", "biotech", "agriculture", "transportation_logistics"]  # fmt: skip
WORDS = (
    "cnc welding plc nursing phlebotomy cloud security network solar wind battery hvac "
    "framing concrete lab assay pcr logistics forklift cdl accounting payroll robotics "
    "machining quality lean sterile imaging dental pharmacy coding python data"
).split()
PROFILE = (
    "Regional employer in {s}: a plant of 240 staff running two shifts, with an "
    "apprenticeship program and a maintenance team skilled in {a}, {b} and {c}. Open to "
    "job shadows and summer interns; the plant manager sits on a college advisory board."
)


def synthetic(n: int, rng: np.random.Generator, dim: int = 384) -> Partners:
    vectors = rng.normal(size=(n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    figures = LoadFigures.empty(n, window_days=90)
    figures.capacity_hours_per_month[:] = rng.choice([4, 8, 20, 40, np.nan], n)
    figures.max_concurrent[:] = rng.integers(1, 5, n)
    figures.asks[:] = rng.poisson(2, n)
    figures.distinct_programs[:] = np.minimum(figures.asks, rng.integers(0, 5, n))
    figures.active_engagements[:] = rng.integers(0, 4, n)
    figures.hours_committed[:] = rng.gamma(2, 10, n)
    texts = [" ".join(rng.choice(WORDS, 12)) for _ in range(n)]
    types = [["internship_host", "job_shadow"], ["mentoring"], []]
    return build_partners(
        ids=list(range(1, n + 1)), names=[f"Partner {i}" for i in range(n)],
        kinds=[KINDS[i % len(KINDS)].value for i in range(n)],
        regions=[REGIONS[i % 5] for i in range(n)],
        sectors=[[SECTORS[i % 8], SECTORS[(i * 7) % 8]] for i in range(n)],
        texts=texts, interest=rng.integers(1, 6, n).astype(float).tolist(),
        vectors=vectors, has_vector=[True] * n, figures=figures,
        engagement_types=[types[i % 3] for i in range(n)],
    )  # fmt: skip


def unit(rng: np.random.Generator, *shape: int) -> np.ndarray:
    v: np.ndarray = rng.normal(size=(*shape, 384)).astype(np.float32)
    v /= np.linalg.norm(v, axis=-1, keepdims=True)
    return v


def in_process(sizes: list[int], runs: int) -> None:
    rng = np.random.default_rng(3)
    sys.stdout.write("ranking, in process (top 10 of n partners)\n")
    for n in sizes:
        partners = synthetic(n, rng)
        q = unit(rng)
        # Every field the service embeds: full text, expertise sought, two skills; a need
        # with dates (what partners promised inside them), and five passages per pool partner.
        need = Need(vector=q, expertise_vector=unit(rng), skill_vectors=unit(rng, 2),
                    partner_kinds=["employer", "college"], sectors=SECTORS[:2],
                    region="River Valley", skills=["cnc machining", "plc"], hours=20,
                    engagement_type="internship_host",
                    text="Summer internships in CNC machining\nPLC maintenance\ncnc machining\nplc",
                    window=Window(days=92, booked=rng.gamma(2, 5, n)))  # fmt: skip
        bank = unit(rng, 1000, 5)
        vectors = partners.vectors

        def floor(vectors: np.ndarray = vectors, q: np.ndarray = q) -> None:
            sims = vectors @ q
            np.argpartition(-sims, 10)[:10]

        def ranked(
            p: Partners = partners,
            w: Need = need,
            bank: np.ndarray = bank,
            weights: Weights = Weights(),  # noqa: B008 - frozen
        ) -> None:
            rank(p, w, limit=10, passages=lambda idx: [bank[i % 1000] for i in idx],
                 weights=weights)  # fmt: skip

        # The floor, and rank before (no lexical part) and after, interleaved run by run so all
        # three see the same load from whatever else the machine runs.
        def before() -> None:
            ranked(weights=Weights(lexical=0.0))

        calls: dict[str, Callable[[], None]] = {"floor": floor, "before": before, "after": ranked}
        times: dict[str, list[float]] = {name: [] for name in calls}
        for call in calls.values():
            call()  # warm-up
        for _ in range(runs):
            for name, call in calls.items():
                start = time.perf_counter()
                call()
                times[name].append((time.perf_counter() - start) * 1000)
        (f50, f95), (b50, b95), (r50, r95) = (_p50_p95(times[k]) for k in calls)
        sys.stdout.write(
            f"  {n:>7} partners   floor p50 {f50:6.2f} ms p95 {f95:6.2f} ms   "
            f"rank without lexical p50 {b50:6.2f} ms p95 {b95:6.2f} ms ({b95 / f95:.1f}x)   "
            f"with p50 {r50:6.2f} ms p95 {r95:6.2f} ms ({r95 / f95:.1f}x floor at p95)\n"
        )


def _p50_p95(ms: list[float]) -> tuple[float, float]:
    """As `bench.percentiles` reads them."""
    ms = sorted(ms)
    return statistics.median(ms), ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]


def over_http(sizes: list[int], runs: int, embedder: Embedder) -> None:
    sys.stdout.write("ranking, over HTTP (POST /v1/matches, uvicorn on 127.0.0.1, SQLite)\n")
    rng = np.random.default_rng(5)
    for n in sizes:
        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
        upgrade(url)
        db = Database(url)
        now = datetime.now(UTC)
        with db.engine.begin() as conn:
            conn.execute(insert(Organization), [
                {"id": i + 1, "name": f"Partner {i + 1}", "kind": KINDS[i % len(KINDS)].value,
                 "region": REGIONS[i % 5], "sectors": [SECTORS[i % 8]],
                 "description": PROFILE.format(s=SECTORS[i % 8], a=WORDS[i % 31],
                                               b=WORDS[(i * 3) % 31], c=WORDS[(i * 7) % 31]),
                 "version": 1, "created_at": now, "updated_at": now}
                for i in range(n)
            ])  # fmt: skip
        with db.sessionmaker.begin() as session:
            profiles = repository.profiles(session)
            _, key = create_key(session, "bench", Role.viewer)
        vectors = rng.normal(size=(n, embedder.dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        with db.engine.begin() as conn:  # stored vectors, as `partnermatch demo` leaves them
            conn.execute(insert(PartnerEmbedding), [
                {"organization_id": p.id, "model": embedder.name, "text_hash": text_hash(p.text),
                 "dim": embedder.dim, "vector": vectors[k].tobytes(), "updated_at": now}
                for k, p in enumerate(profiles)
            ])  # fmt: skip
        port = free_port()
        app = create_app(Settings(database_url=url), db=db, embedder=embedder)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                               log_level="warning"))  # fmt: skip
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60,
                          headers={"Authorization": f"Bearer {key}"}) as client:  # fmt: skip
            body: dict[str, object] = {
                "text": "summer internships for CNC machining and PLC maintenance students",
                "skills": ["cnc", "plc"],
                "sectors": ["advanced_manufacturing"],
                "hours": 20,
            }
            start = time.perf_counter()
            first = client.post("/v1/matches", json=body)
            built = (time.perf_counter() - start) * 1000
            assert first.status_code == 200, first.text

            def call(body: dict[str, object] = body) -> None:
                assert client.post("/v1/matches", json=body).status_code == 200

            p50, p95 = percentiles(call, runs)
            # A need typed in words, stating no field: everything is read from the words.
            typed: dict[str, object] = {
                "text": "paid summer internships for two CNC machining and PLC maintenance "
                "students near Riverbend, 20 hours each, starting June 2027"
            }
            assert client.post("/v1/matches", json=typed).status_code == 200

            def call_typed(body: dict[str, object] = typed) -> None:
                call(body)

            typed_p50, typed_p95 = percentiles(call_typed, runs)
        server.should_exit = True
        thread.join(10)
        db.dispose()
        sys.stdout.write(f"  {n:>7} partners   first query (builds the index) {built:7.0f} ms   "
                         f"then p50 {p50:6.1f} ms p95 {p95:6.1f} ms; typed in words "
                         f"p50 {typed_p50:6.1f} ms p95 {typed_p95:6.1f} ms\n")  # fmt: skip


def throughput(embedder: Embedder, texts: int = 512) -> None:
    rng = np.random.default_rng(9)
    batch = [PROFILE.format(s=SECTORS[i % 8], a=rng.choice(WORDS), b=rng.choice(WORDS),
                            c=rng.choice(WORDS)) for i in range(texts)]  # fmt: skip
    embedder.embed(batch[:16])
    start = time.perf_counter()
    embedder.embed(batch)
    rate = texts / (time.perf_counter() - start)
    words = statistics.mean(len(t.split()) for t in batch)
    sys.stdout.write(
        f"  {embedder.name:<42} {rate:8.0f} texts/s  ({texts} texts of ~{words:.0f} words)\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--no-http", action="store_true")
    args = parser.parse_args()
    in_process(args.sizes, args.runs)
    model = SentenceTransformerEmbedder()
    if not args.no_http:
        over_http(args.sizes, max(10, args.runs // 2), model)
    sys.stdout.write("embedding throughput (2 CPU cores)\n")
    throughput(model)
    throughput(TfidfEmbedder())


if __name__ == "__main__":
    main()
