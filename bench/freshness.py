"""Queries while partners change: what a write costs the next ranking, over HTTP.

For each size, a database (SQLite, or the PostgreSQL of `--database-url`) holds that many
partners with stored vectors, and real uvicorn servers run the app with the default embedder:
one in this process, or with `--processes 2` two separate processes over the same database,
queries alternating between them and every write sent to the first, so the second learns of
it only through the database (the change log). It prints:
  * steady: p50/p95 of POST /v1/matches with nothing changing,
  * after a write: p50/p95 of the first query after each write, for a write that changes a
    partner's load (an ask recorded) and one that changes its text (a profile edited); with two
    processes this query goes to the process that did not take the write,
  * under writes: p50/p95 of queries sent back to back while another thread writes once a
    second (half asks, half profile edits),
  * each server's resident memory (RSS) after it all, and the load average around the run
    (the machine may be shared: compare runs made in one sitting),
  * with `--cpu N`: the server's CPU time (user + system, from /proc) per
    GET /v1/needs/{id}/matches, over N calls for one stored need after a few warm ones (with
    one process the client's CPU is counted too: use `--processes 2`).

It runs unchanged against an older checkout, so before and after are measured in one sitting:
copy it into that checkout's bench/ (as `freshness_new.py`, say) and run it there as a module
(`cd <checkout> && python -m bench.freshness_new ...`; run as a file, the folder bench/ would
come first on the path and its `matching.py` would hide the `matching` package).

    .venv/bin/python -m bench.freshness --sizes 10000 100000
    .venv/bin/python -m bench.freshness --processes 2 \
        --database-url postgresql+psycopg://postgres@127.0.0.1/bench

A PostgreSQL run drops and recreates the `public` schema of the database it is given.
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path

import httpx
import numpy as np
import uvicorn
from sqlalchemy import insert, text

import app as app_package
from app.auth.models import Role
from app.auth.service import create_key
from app.config import Settings, settings_embedder
from app.db import Database
from app.main import create_app
from app.matches import repository
from app.matches.models import PartnerEmbedding
from app.organizations.models import Organization
from bench import empty_database, free_port, wait_ready
from matching.embeddings import text_hash

KINDS = ["employer", "college", "district", "community_org"]
SECTORS = ["advanced_manufacturing", "health_sciences", "information_technology", "energy",
           "construction", "agriculture", "education", "logistics"]  # fmt: skip
WORDS = ["cnc", "plc", "welding", "nursing", "phlebotomy", "networking", "python", "hvac", "solar",
         "electrical", "robotics", "blueprint", "carpentry", "logistics", "forklift"]  # fmt: skip
NEED = {"title": "Welding judges for a SkillsUSA contest",
        "description": "Certified welders to judge SMAW and GMAW plates at the regional contest.",
        "expertise_sought": "welding inspection and certification",
        "skills": ["welding", "blueprint"], "partner_kinds": ["employer"],
        "sectors": ["advanced_manufacturing"], "region": "Region 1",
        "engagement_type": "guest_instruction", "hours_per_partner": 6, "slots": 2,
        "program": "Bench CTE"}  # fmt: skip
QUERY = {"text": "summer internships for CNC machining and PLC maintenance students",
         "skills": ["cnc", "plc"], "sectors": ["advanced_manufacturing"], "hours": 20}  # fmt: skip


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def populate(n: int, dim: int, model: str, url: str | None) -> tuple[str, Database, str]:
    db = empty_database(url)
    url = db.url
    now = datetime.now(UTC)
    with db.engine.begin() as conn:
        for start in range(0, n, 20_000):  # PostgreSQL takes each batch as multi-row INSERTs
            conn.execute(insert(Organization), [
                {"id": i + 1, "name": f"Partner {i + 1}", "kind": KINDS[i % 4],
                 "region": f"Region {i % 5}", "sectors": [SECTORS[i % 8]],
                 "description": f"Employer in {SECTORS[i % 8]} skilled in {WORDS[i % 15]}, "
                 f"{WORDS[(i * 3) % 15]} and {WORDS[(i * 7) % 15]}; hosts interns.",
                 "version": 1, "created_at": now, "updated_at": now}
                for i in range(start, min(n, start + 20_000))
            ])  # fmt: skip
    with db.sessionmaker.begin() as session:
        profiles = repository.profiles(session)
        _, key = create_key(session, "bench", Role.admin)
    rng = np.random.default_rng(5)
    vectors = rng.normal(size=(n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    with db.engine.begin() as conn:  # stored vectors, as `partnermatch demo` leaves them
        for start in range(0, n, 20_000):
            conn.execute(insert(PartnerEmbedding), [
                {"organization_id": p.id, "model": model, "text_hash": text_hash(p.text),
                 "dim": dim, "vector": vectors[k].tobytes(), "updated_at": now}
                for k, p in enumerate(profiles[start : start + 20_000], start)
            ])  # fmt: skip
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return url, db, key


def serve(url: str, port: int) -> subprocess.Popen[bytes]:
    """`uvicorn app.main:create_app` in a process of its own, configured from the environment
    as a deployment is."""
    env = {**os.environ, "DATABASE_URL": url, "WEBHOOK_WORKER": "false",
           "RATE_LIMIT": "1000000/minute"}  # fmt: skip
    command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]  # fmt: skip
    # Run from the checkout whose `app` this script imported (`-m` puts the folder first).
    return subprocess.Popen(command, env=env, cwd=Path(app_package.__file__).parent.parent)


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def timed(call: Callable[[], None]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def pcts(values: list[float]) -> str:
    if not values:
        return "   n/a"
    q = statistics.quantiles(values, n=20) if len(values) > 1 else values * 19
    return f"p50 {statistics.median(values):7.1f} ms  p95 {q[18]:7.1f} ms  (n={len(values)})"


def run(n: int, writes: int, seconds: float, url: str | None, processes: int, cpu: int) -> None:
    embedder = settings_embedder(Settings())  # the default, as a deployment runs it
    load_before = load()
    url, db, key = populate(n, embedder.dim, embedder.name, url)
    app, server, thread, children = None, None, None, []
    ports = [free_port() for _ in range(processes)]
    if processes == 1:
        settings = Settings(database_url=url, webhook_worker=False, rate_limit="1000000/minute")
        app = create_app(settings, db=db, embedder=embedder)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=ports[0],
                                               log_level="warning"))  # fmt: skip
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
    else:
        children = [serve(url, port) for port in ports]
        for port, child in zip(ports, children, strict=True):
            wait_ready(port, child)
    try:
        rng = np.random.default_rng(1)
        auth = {"Authorization": f"Bearer {key}"}
        clients = [httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300, headers=auth)
                   for port in ports]  # fmt: skip
        turn = iter(range(10**9))

        def query(c: httpx.Client | None = None) -> None:
            """One ranking, from `c` or from the processes in turn."""
            c = c or clients[next(turn) % processes]
            answer = c.post("/v1/matches", json=QUERY)
            assert answer.status_code == 200, answer.text

        def ask(c: httpx.Client) -> None:
            org = int(rng.integers(1, n + 1))
            answer = c.post("/v1/engagements", json={
                "organization_id": org, "program": "Bench program", "engagement_type":
                "job_shadow", "status": "accepted", "hours_estimated": 4,
                "starts_on": date.today().isoformat()})  # fmt: skip
            assert answer.status_code == 201, answer.text

        def edit(c: httpx.Client) -> None:
            org = int(rng.integers(1, n + 1))
            words = f"Edited profile {rng.integers(10**9)}: {WORDS[org % 15]} and robotics."
            answer = c.patch(f"/v1/organizations/{org}", json={"description": words})
            assert answer.status_code == 200, answer.text

        firsts = [timed(partial(query, c)) for c in clients]  # each builds its index
        steady = [timed(query) for _ in range(30)]
        cpu_line = ""
        if cpu:
            need = clients[0].post("/v1/needs", json=NEED)
            assert need.status_code == 201, need.text
            path = f"/v1/needs/{need.json()['id']}/matches"

            def by_need() -> None:
                answer = clients[0].get(path)
                assert answer.status_code == 200, answer.text

            for _ in range(3):  # the need's vectors computed (and stored, where they are) once
                by_need()
            pid = children[0].pid if children else os.getpid()
            used = _cpu_seconds(pid)
            walls = [timed(by_need) for _ in range(cpu)]
            per = (_cpu_seconds(pid) - used) / cpu * 1000
            cpu_line = (f"  {'GET /v1/needs/{id}/matches':<46}{pcts(walls)}; "
                        f"CPU {per:.1f} ms per request\n")  # fmt: skip
        writer_client, other = clients[0], clients[-1]  # the same one when there is one process
        after_ask, after_edit = [], []
        for _ in range(writes):
            ask(writer_client)
            after_ask.append(timed(lambda: query(other)))
            edit(writer_client)
            after_edit.append(timed(lambda: query(other)))
        if app is not None:
            app.state.index.wait(300)
        else:  # whatever the writes set off in the background, before the next part
            time.sleep(5)

        stop = threading.Event()

        def writer() -> None:
            with httpx.Client(base_url=f"http://127.0.0.1:{ports[0]}", timeout=300,
                              headers=auth) as w:  # fmt: skip
                k = 0
                while not stop.is_set():
                    (ask if k % 2 == 0 else edit)(w)
                    k += 1
                    stop.wait(1.0)

        background = threading.Thread(target=writer, daemon=True)
        background.start()
        loaded, ends = [], time.perf_counter() + seconds
        while time.perf_counter() < ends:
            loaded.append(timed(query))
        stop.set()
        background.join(300)
        for c in clients:
            c.close()
        if server is not None and thread is not None:
            rss = [_rss_mb(os.getpid())]
            server.should_exit = True
            thread.join(10)
        else:
            rss = [_rss_mb(child.pid) for child in children]
            for child in children:
                child.terminate()
                child.wait(30)
    finally:  # a failed run leaves no server behind
        for child in children:
            if child.poll() is None:
                child.terminate()
                child.wait(30)
    db.dispose()
    where = f"{db.engine.dialect.name}, {processes} process{'es' if processes > 1 else ''}"
    other_note = ", other process" if processes > 1 else ""
    sys.stdout.write(
        f"{n:>7} partners ({embedder.name}; {where}; load average {load_before} before, "
        f"{load()} after)\n"
        f"  {'first query (builds the index)':<46}{' / '.join(f'{f:.0f}' for f in firsts)} ms\n"
        f"  steady                                        {pcts(steady)}\n"
        f"  {'first query after an ask' + other_note:<46}{pcts(after_ask)}\n"
        f"  {'first query after a profile edit' + other_note:<46}{pcts(after_edit)}\n"
        f"  {'queries, one write a second':<46}{pcts(loaded)}  ({len(loaded) / seconds:.1f}/s)\n"
        f"  {'RSS per process':<46}{' / '.join(f'{r:.0f}' for r in rss)} MB\n"
        f"{cpu_line}"
    )
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--writes", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--database-url", help="PostgreSQL (its public schema is recreated)")
    parser.add_argument("--processes", type=int, choices=[1, 2], default=1)
    parser.add_argument("--cpu", type=int, default=0, help="requests for CPU per need match")
    args = parser.parse_args()
    for n in args.sizes:
        run(n, args.writes, args.seconds, args.database_url, args.processes, args.cpu)


if __name__ == "__main__":
    main()
