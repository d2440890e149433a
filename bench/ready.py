"""How soon a new API process can serve, at scale: a database holds `--partners` partners with
stored vectors (as `bench.freshness` fills it), and a process is started with the default
embedder, as a deployment starts one, `--runs` times. For each start it prints the seconds until
the process first answers (`/health`), until `/health/ready` says ready (the partner index built:
INDEX_WARM, the default), and the milliseconds of the first match query after that, with the
load average. `--cold` starts the processes with INDEX_WARM=false: ready as soon as they answer,
the first query building the index.

    .venv/bin/python -m bench.ready --partners 100000 \
        --database-url postgresql+psycopg://postgres@127.0.0.1/bench

A PostgreSQL run drops and recreates the `public` schema of the database it is given.
"""

import argparse
import os
import time

import httpx

from app.config import Settings, settings_embedder
from bench import free_port, wait_ready
from bench.freshness import load, populate, serve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default=None, help="PostgreSQL to wipe (else SQLite)")
    parser.add_argument("--cold", action="store_true", help="INDEX_WARM=false")
    args = parser.parse_args()
    embedder = settings_embedder(Settings())
    print(f"filling {args.partners:,} partners ...", flush=True)
    url, db, key = populate(args.partners, embedder.dim, embedder.name, args.database_url)
    db.dispose()
    if args.cold:
        os.environ["INDEX_WARM"] = "false"
    query = {"text": "welding internship for high school juniors", "limit": 10}
    for run in range(args.runs):
        port = free_port()
        before = load()
        started = time.monotonic()
        process = serve(url, port)
        try:
            wait_ready(port, process, 600, every=0.05)
            answering = time.monotonic() - started
            wait_ready(port, process, 600, path="/health/ready", every=0.05)
            ready = time.monotonic() - started
            asked = time.perf_counter()
            answer = httpx.post(f"http://127.0.0.1:{port}/v1/matches", json=query, timeout=300,
                                headers={"Authorization": f"Bearer {key}"})  # fmt: skip
            first = (time.perf_counter() - asked) * 1000
            assert answer.status_code == 200, answer.text
        finally:
            process.terminate()
            process.wait(60)
        print(f"run {run + 1}: answers {answering:5.1f} s, ready {ready:5.1f} s after start; "
              f"first query {first:7.0f} ms  (load {before} -> {load()})", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
