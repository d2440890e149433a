"""CPU time and wall time per match request with COMPUTE_THREADS=1 and with a thread per core
(torch's own default), the real model, the demo data, four clients at once.

Each setting runs in a fresh process (the limits are process-wide): the app over a SQLite copy
of the demo data, `POST /v1/matches` (a need's text, embedded by the model, then ranked) sent
through the ASGI app by four threads, as the thread pool runs requests side by side.

    .venv/bin/python -m bench.threads                  # both settings, 200 requests each
    .venv/bin/python -m bench.threads --one 2 --requests 50
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fastapi.testclient import TestClient

from app.auth.models import Role
from app.auth.service import create_key
from app.config import Settings
from app.db import Database
from app.demo.loader import load
from app.main import create_app
from app.matches.index import embed_all
from app.migrate import upgrade
from matching.embeddings import make_embedder

CLIENTS = 4
QUERY = {"text": "welding internships for high school juniors, blueprint reading", "limit": 10}


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def one(threads: int, requests: int) -> None:
    """Measure in this process with COMPUTE_THREADS=`threads`."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        db = Database(url)
        with db.sessionmaker.begin() as session:
            load(session)
            _, key = create_key(session, "bench", Role.admin)
        embedder = make_embedder("minilm")
        embed_all(db, embedder)
        settings = Settings(
            database_url=url,
            webhook_worker=False,
            rate_limit="100000/minute",
            compute_threads=threads,
        )
        app = create_app(settings, db=db, embedder=embedder)
        headers = {"Authorization": f"Bearer {key}"}
        with TestClient(app) as client:
            for _ in range(5):  # warm up: the index, the model's first calls
                assert client.post("/v1/matches", json=QUERY, headers=headers).status_code == 200

            def ask(_: int) -> int:
                return client.post("/v1/matches", json=QUERY, headers=headers).status_code

            cpu, wall = cpu_seconds(), time.perf_counter()
            with ThreadPoolExecutor(CLIENTS) as pool:
                statuses = list(pool.map(ask, range(requests)))
            cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
        assert set(statuses) == {200}, statuses
        print(
            f"| {threads} | {requests} | {1000 * cpu / requests:.1f} ms | "
            f"{1000 * wall / requests:.1f} ms | {requests / wall:.1f} |"
        )
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--one", type=int, help="one setting, in this process")
    args = parser.parse_args()
    if args.one is not None:
        one(args.one, args.requests)
        return
    print(f"{os.cpu_count()} cores, {CLIENTS} clients at once, POST /v1/matches by text")
    print("| torch/BLAS threads | requests | CPU per request | wall per request | requests/s |")
    print("|---|---|---|---|---|")
    # torch's own default is a thread per core.
    for threads in (os.cpu_count() or 1, 1):
        command = [sys.executable, "-m", "bench.threads", "--one", str(threads)]
        subprocess.run([*command, "--requests", str(args.requests)], check=True)


if __name__ == "__main__":
    main()
