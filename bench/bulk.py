"""How fast bulk import runs: rows per second, with and without computing embeddings.

Builds CSV files of organizations from the ranking eval set's 344 partner profiles (each row's
description mixes two profiles, so no two texts are alike), then imports them:

(a) N rows through `Importer` writing rows only, (b) the same through `POST /v1/import`,
(d) 5N rows, rows only, with the process's peak memory before and after (a file is read a
row at a time, so memory should not grow with it), and (c) N rows with every organization's
MiniLM vector computed a batch at a time (what `partnermatch import` does; last, as loading
the model raises the peak memory), once with the int8 ONNX model (the default) and once on
torch (EMBEDDER=minilm-torch).

    .venv/bin/python -m bench.bulk                    # N = 10,000, SQLite files under /tmp
    .venv/bin/python -m bench.bulk --rows 2000        # a quicker look
    .venv/bin/python -m bench.bulk --only-vectors     # (c) alone
    .venv/bin/python -m bench.bulk --database-url postgresql+psycopg://postgres@127.0.0.1/test

The PostgreSQL run drops and recreates the `public` schema of the database it is given.
"""

import argparse
import csv
import json
import os
import resource
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from app.auth.models import Role
from app.auth.service import create_key
from app.config import Settings
from app.db import Database
from app.integrations.bulk import Bulk, FileFormat, Importer
from app.main import create_app
from app.matches.index import embed_all
from bench import empty_database
from matching.embeddings import make_embedder

PARTNERS = Path(__file__).parent / "data" / "ranking_eval" / "partners.json"


def write_csv(path: Path, rows: int) -> None:
    profiles = json.loads(PARTNERS.read_text())
    with path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["external_id", "name", "kind", "sectors", "region", "description"])
        for i in range(rows):
            p, q = profiles[i % len(profiles)], profiles[(i * 7 + 3) % len(profiles)]
            out.writerow([
                f"crm-{i:06d}", f"{p['name']} #{i}", p["kind"], ";".join(p["sectors"]),
                p["region"] or "", f"{p['description']} {q['description']}",
            ])  # fmt: skip


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_import(
    db: Database, file: Path, embedder_name: str | None = None
) -> tuple[float, float, float]:
    """Seconds the import took, how many of them went to computing vectors, and the CPU
    seconds this process spent on it (every thread: the model's too)."""
    embedder = make_embedder(embedder_name) if embedder_name else None
    embedding = 0.0

    def embed(ids: list[int]) -> None:
        nonlocal embedding
        if embedder is not None:
            start = time.perf_counter()
            embed_all(db, embedder, ids)
            embedding += time.perf_counter() - start

    if embedder is not None:
        embedder.embed(["warm up"])  # the model loads once, before the clock starts
    start, cpu = time.perf_counter(), time.process_time()
    with file.open("rb") as data:
        report = Importer(db, Bulk.organizations, on_batch=embed).run(data, FileFormat.csv)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if report.rejected or report.created != report.rows:
        raise SystemExit(f"import went wrong: {report.rejected[:3]}")
    return elapsed, embedding, cpu


def rows_only(url: str | None, folder: Path, small: Path, large: Path, n: int) -> None:
    """(a), (b) and (d): rows without vectors."""
    db = empty_database(url, "a", folder)
    seconds, _, _ = timed_import(db, small)
    print(f"(a) rows only, Importer:      {n / seconds:8.0f} rows/s  ({seconds:.1f} s)")
    db.dispose()

    db = empty_database(url, "b", folder)
    settings = Settings(database_url=db.url, embedder="tfidf", webhook_worker=False)
    with db.sessionmaker.begin() as session:
        _, key = create_key(session, "bench", Role.admin)
    with TestClient(create_app(settings, db=db)) as client:
        start = time.perf_counter()
        answer = client.post(
            "/v1/import/organizations",
            content=small.read_bytes(),
            headers={"Authorization": f"Bearer {key}", "Content-Type": "text/csv"},
        )
        seconds = time.perf_counter() - start
        assert answer.json()["created"] == n, answer.text
    print(f"(b) rows only, POST /v1/import: {n / seconds:6.0f} rows/s  ({seconds:.1f} s)")
    db.dispose()

    db = empty_database(url, "d", folder)
    before = peak_mb()
    seconds, _, _ = timed_import(db, large)
    print(f"(d) {5 * n} rows only:       {5 * n / seconds:8.0f} rows/s  ({seconds:.1f} s); "
          f"peak memory {before:.0f} MB before, {peak_mb():.0f} MB after")  # fmt: skip
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--only-vectors", action="store_true", help="run (c) alone")
    parser.add_argument("--embedders", nargs="+", default=["minilm", "minilm-torch"])
    args = parser.parse_args()
    n = args.rows
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small, large = folder / "small.csv", folder / "large.csv"
        write_csv(small, n)
        write_csv(large, 5 * n)
        print(f"files: {n} rows ({small.stat().st_size / 1e6:.1f} MB), "
              f"{5 * n} rows ({large.stat().st_size / 1e6:.1f} MB)")  # fmt: skip

        if not args.only_vectors:
            rows_only(args.database_url, folder, small, large, n)
        for kind in args.embedders:
            db = empty_database(args.database_url, f"c-{kind}", folder)
            seconds, embedding, cpu = timed_import(db, small, kind)
            label = f"(c) rows + {kind} vectors:"
            load = "/".join(f"{x:.1f}" for x in os.getloadavg())
            # CPU per row bounds the rate on cores of its own, whatever else the machine runs.
            print(
                f"{label:<34} {n / seconds:6.0f} rows/s  ({seconds:.1f} s, {embedding:.1f} s "
                f"of it embedding: {n / embedding:.0f} texts/s); CPU {1000 * cpu / n:.1f} ms "
                f"a row, at most {2 * n / cpu:.0f} rows/s on 2 idle cores; load {load}"
            )
            db.dispose()


if __name__ == "__main__":
    main()
