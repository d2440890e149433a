"""Load test: API processes on PostgreSQL under many concurrent clients, then an audit.

Starts `--processes` uvicorn processes (EMBEDDER=tfidf) over a fresh PostgreSQL database holding
the demo data set, and runs `--clients` concurrent clients (one asyncio task and one API key
each) for `--duration` seconds, spread over the processes. Each client loops on a mix of:

  read    GET /v1/organizations, /v1/organizations/{id}, /v1/needs
  write   POST /v1/organizations with a unique external_id (half with an Idempotency-Key)
  match   GET /v1/needs/{id}/matches, or POST /v1/matches with a text
  import  POST /v1/import/organizations: a CSV of `--import-rows` rows, unique external_ids

A client told 503 waits its Retry-After, as a well-behaved client does. Then it prints
throughput and latency per kind, and audits the database: every acknowledged create is
stored exactly once, nothing answered with an error is stored, no answer was a 5xx other than
503, none took longer than `--max-seconds` and none went unanswered. While it runs, it samples
pg_stat_activity to show how many backends wait on a lock, and how many of those are writes
to the index change log (`index_changes`, insert-only: it should be none).
Exits 1 if the audit fails. The processes are stopped at the end, whatever happens.

    .venv/bin/python -m bench.loadtest                              # 200 clients, 2 minutes
    .venv/bin/python -m bench.loadtest --clients 50 --duration 20   # a quick look
    .venv/bin/python -m bench.loadtest --env MAX_IN_FLIGHT=16       # settings of the processes

It drops and recreates the `public` schema of the database it is given.
"""

import argparse
import asyncio
import contextlib
import io
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select, text

from app.auth.models import Role
from app.auth.service import create_key
from app.db import Database
from app.demo.loader import load
from app.needs.models import Need
from app.organizations.models import Organization
from bench import empty_database

KINDS = ("read", "write", "match", "import")
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/loadtest"
MATCH_TEXTS = (
    "Hospital that can host health-science juniors for job shadows in patient care",
    "Welding instructors for an evening apprenticeship class",
    "Software company to mentor a capstone team building a mobile app",
    "Manufacturer offering paid summer internships in CNC machining",
)


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # external ids by what the client was told: created (2xx), refused (an error answer),
    # unknown (no answer: the server may or may not have written them).
    acked: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    short_imports: int = 0  # 2xx imports that did not create every row
    # (seconds since the start when answered, latency, status): the run over time
    timeline: list[tuple[float, float, str]] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)


@dataclass(frozen=True)
class Fixture:
    keys: list[str]
    organization_ids: list[int]
    need_ids: list[int]


def prepare(url: str, clients: int) -> Fixture:
    """A fresh schema with the demo data set, and an admin key per client."""
    db = empty_database(url)
    with db.sessionmaker.begin() as session:
        load(session)
        keys = [create_key(session, f"load {i}", Role.admin)[1] for i in range(clients)]
    with db.sessionmaker() as session:
        orgs = list(session.scalars(select(Organization.id)))
        needs = list(session.scalars(select(Need.id)))
    db.dispose()
    return Fixture(keys, orgs, needs)


def start_servers(
    url: str,
    count: int,
    base_port: int,
    env: dict[str, str],
    app_dir: Path,
    logs: Path,
    factory: str = "app.main:create_app",
) -> list[subprocess.Popen[bytes]]:
    procs = []
    for i in range(count):
        out = (logs / f"server-{i}.log").open("wb")
        procs.append(
            subprocess.Popen(
                [
                    *(sys.executable, "-m", "uvicorn", factory, "--factory"),
                    *(
                        "--app-dir",
                        str(app_dir),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(base_port + i),
                    ),
                    *("--log-level", "warning", "--no-access-log"),
                ],
                env=os.environ | {"DATABASE_URL": url, "EMBEDDER": "tfidf"} | env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    return procs


def wait_healthy(bases: list[str], procs: list[subprocess.Popen[bytes]], within: float) -> None:
    deadline = time.monotonic() + within
    for base in bases:
        while True:
            if any(p.poll() is not None for p in procs):
                raise SystemExit("an API process exited while starting; see its log")
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"{base} did not answer /health within {within:.0f} s")
            time.sleep(0.2)


def stop_servers(procs: list[subprocess.Popen[bytes]]) -> None:
    for p in procs:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    for p in procs:
        try:
            p.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait(5)


def _csv(ids: list[str]) -> bytes:
    out = io.StringIO()
    out.write("external_id,name,kind,sectors,region,description\n")
    for ext in ids:
        out.write(f"{ext},Load Test {ext},employer,advanced_manufacturing,River Valley,"
                  "CNC shop hosting interns\n")  # fmt: skip
    return out.getvalue().encode()


async def client(
    i: int,
    http: httpx.AsyncClient,
    bases: list[str],
    fixture: Fixture,
    args: argparse.Namespace,
    deadline: float,
    tally: Tally,
) -> None:
    rng = random.Random(args.seed * 100_003 + i)
    headers = {"Authorization": f"Bearer {fixture.keys[i]}"}
    base = bases[i % len(bases)]
    weights = [args.reads, args.writes, args.matches, args.imports]
    n = 0
    while time.monotonic() < deadline:
        n += 1
        kind = rng.choices(KINDS, weights)[0]
        ext = f"lt-{args.run_id}-{i}-{n}"
        created: list[str] = []
        request: dict[str, Any]
        if kind == "read":
            path = rng.choice(
                [
                    "/v1/organizations?limit=20",
                    "/v1/needs?limit=20",
                    f"/v1/organizations/{rng.choice(fixture.organization_ids)}",
                ]  # fmt: skip
            )
            request = {"method": "GET", "url": base + path}
        elif kind == "write":
            extra = {"Idempotency-Key": ext} if n % 2 else {}
            body = {"name": f"Load Test {ext}", "kind": "employer", "external_id": ext,
                    "sectors": ["advanced_manufacturing"], "region": "River Valley"}  # fmt: skip
            request = {"method": "POST", "url": base + "/v1/organizations", "json": body}
            request["headers"] = headers | extra
            created = [ext]
        elif kind == "match":
            if rng.random() < 0.5:
                need = rng.choice(fixture.need_ids)
                request = {"method": "GET", "url": f"{base}/v1/needs/{need}/matches"}
            else:
                query = {"text": rng.choice(MATCH_TEXTS), "limit": 10}
                request = {"method": "POST", "url": base + "/v1/matches", "json": query}
        else:
            created = [f"{ext}-r{k}" for k in range(args.import_rows)]
            request = {"method": "POST", "url": base + "/v1/import/organizations",
                       "content": _csv(created),
                       "headers": headers | {"Content-Type": "text/csv"}}  # fmt: skip
        request.setdefault("headers", headers)
        started = time.perf_counter()
        retry_after = 0.0
        try:
            answer = await http.request(**request)
            status = str(answer.status_code)
            if answer.status_code == 503:
                retry_after = float(answer.headers.get("retry-after", "1"))
            if kind == "import" and answer.is_success and answer.json()["created"] != len(created):
                tally.short_imports += 1
        except httpx.TimeoutException:
            status, answer = "timeout", None
        except httpx.TransportError as exc:
            status, answer = type(exc).__name__, None
        now = time.perf_counter()
        tally.latencies[kind].append(now - started)
        tally.timeline.append((now - tally.started, now - started, status))
        tally.statuses[kind][status] += 1
        if answer is None:
            tally.unknown.extend(created)
        elif answer.is_success:
            tally.acked.extend(created)
        else:
            tally.refused.extend(created)
        if retry_after:
            await asyncio.sleep(min(retry_after, 10))


def sample_locks(url: str, stop: threading.Event, found: list[tuple[int, int, int]]) -> None:
    """Every 0.25 s: backends active, waiting on a lock, and waiting at the change log."""
    db = Database(url)
    query = text(
        "SELECT count(*) FILTER (WHERE state = 'active'),"
        " count(*) FILTER (WHERE wait_event_type = 'Lock'),"
        " count(*) FILTER (WHERE wait_event_type = 'Lock' AND query ILIKE '%index_changes%')"
        " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    with db.engine.connect() as conn:
        while not stop.wait(0.25):
            row = conn.execute(query).one()
            found.append((row[0], row[1], row[2]))
            conn.commit()
    db.dispose()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def _row(name: str, lat: list[float], statuses: Counter[str], elapsed: float) -> str:
    ok = sum(v for k, v in statuses.items() if k.startswith("2"))
    other = sum(v for k, v in statuses.items() if not k.startswith("2") and k != "503")
    ms = [f"{pct(lat, q) * 1e3:.0f}" for q in (0.5, 0.95, 0.99)] + [
        f"{max(lat, default=0) * 1e3:.0f}"
    ]
    return (
        f"| {name} | {len(lat)} | {len(lat) / elapsed:.1f} | {ok} | {statuses['503']} | {other} | "
        + " | ".join(ms)
        + " |"
    )


def report(tally: Tally, elapsed: float, args: argparse.Namespace) -> list[str]:
    """The table, and the audit's failures (none: it passed)."""
    print(f"\n{args.clients} clients, {args.processes} processes, {elapsed:.0f} s")
    print("| kind | requests | per s | 2xx | 503 | other | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    total = Counter[str]()
    everything: list[float] = []
    for kind in KINDS:
        print(_row(kind, tally.latencies[kind], tally.statuses[kind], elapsed))
        total.update(tally.statuses[kind])
        everything += tally.latencies[kind]
    print(_row("all", everything, total, elapsed))
    step = max(5.0, round(elapsed / 8))
    windows = "; ".join(
        f"{t:.0f}-{t + step:.0f}s {len(w) / step:.0f}/s max {max(w) * 1e3:.0f} ms"
        for t in range(0, int(elapsed + step), int(step))
        if (w := [lat for at, lat, _ in tally.timeline if t <= at < t + step])
    )
    print(f"over time (answers per s, slowest): {windows}")
    print("statuses: " + ", ".join(f"{k} x{v}" for k, v in sorted(total.items())))

    db = Database(args.database_url)
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT external_id, count(*) FROM organizations "
                "WHERE external_id LIKE :run GROUP BY external_id"
            ),  # fmt: skip
            {"run": f"lt-{args.run_id}-%"},
        )
        stored: Counter[str] = Counter({row[0]: row[1] for row in rows})
    db.dispose()
    acked, refused, unknown = set(tally.acked), set(tally.refused), set(tally.unknown)
    lost = acked - stored.keys()
    doubled = [k for k, v in stored.items() if v > 1]
    half_written = refused & stored.keys()
    stray = stored.keys() - acked - refused - unknown
    print(f"audit: {len(acked)} acknowledged creates, {len(stored)} stored; lost {len(lost)}, "
          f"stored twice {len(doubled)}, stored though refused {len(half_written)}, "
          f"unasked-for {len(stray)}; no answer for {len(unknown)} "
          f"({len(unknown & stored.keys())} of them stored)")  # fmt: skip
    failures = []
    if lost or doubled or half_written or stray or tally.short_imports:
        failures.append("records lost, doubled, half-written or short")
    server_errors = {k: v for k, v in total.items() if k.startswith("5") and k != "503"}
    if server_errors:
        failures.append(f"server errors: {server_errors}")
    if unknown or any(not k.isdigit() for k in total):
        failures.append("requests went unanswered (timeouts or broken connections)")
    slow = sum(1 for v in everything if v > args.max_seconds)
    if slow:
        failures.append(f"{slow} answers took longer than {args.max_seconds:.0f} s")
    return failures


async def run(args: argparse.Namespace, bases: list[str], fixture: Fixture, tally: Tally) -> float:
    # One connection per client, as separate clients have: a shared pool of 200 costs the
    # client process more CPU per request than the servers spend (its latency was the
    # client's own). Idle connections are dropped before uvicorn's 5 s keep-alive ends, or a
    # request sent as the server closes one fails with an error that says nothing of the API.
    limits = httpx.Limits(max_connections=1, keepalive_expiry=3)
    # The client gives up a little after the limit, so an answer slower than it is measured.
    timeout = httpx.Timeout(args.max_seconds + 5)
    async with contextlib.AsyncExitStack() as stack:
        https = [
            await stack.enter_async_context(httpx.AsyncClient(limits=limits, timeout=timeout))
            for _ in range(args.clients)
        ]
        tally.started = time.perf_counter()
        started = time.monotonic()
        deadline = started + args.duration
        async with asyncio.timeout(args.duration + args.max_seconds + 30):
            await asyncio.gather(
                *(
                    client(i, http, bases, fixture, args, deadline, tally)
                    for i, http in enumerate(https)
                )
            )
        return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=120, help="seconds")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--base-port", type=int, default=8710)
    parser.add_argument("--reads", type=float, default=60, help="share of reads")
    parser.add_argument("--writes", type=float, default=20)
    parser.add_argument("--matches", type=float, default=15)
    parser.add_argument("--imports", type=float, default=5)
    parser.add_argument("--import-rows", type=int, default=20)
    parser.add_argument("--max-seconds", type=float, default=30, help="slowest answer allowed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--env", action="append", default=[], metavar="NAME=VALUE", help="for the processes"
    )
    parser.add_argument(
        "--app-dir", type=Path, default=Path.cwd(), help="the code the processes serve"
    )
    parser.add_argument(
        "--factory", default="app.main:create_app", help="the app factory the processes serve"
    )
    args = parser.parse_args()
    args.run_id = f"{int(time.time()):x}"
    env = dict(item.split("=", 1) for item in args.env)

    print(f"preparing {args.database_url} (demo data, {args.clients} keys) ...")
    fixture = prepare(args.database_url, args.clients)
    logs = Path(tempfile.mkdtemp(prefix="loadtest-"))
    bases = [f"http://127.0.0.1:{args.base_port + i}" for i in range(args.processes)]
    procs = start_servers(
        args.database_url, args.processes, args.base_port, env, args.app_dir, logs, args.factory
    )
    tally = Tally()
    samples: list[tuple[int, int, int]] = []
    stop = threading.Event()
    sampler = threading.Thread(target=sample_locks, args=(args.database_url, stop, samples))
    try:
        wait_healthy(bases, procs, within=60)
        print(f"{args.processes} processes up (logs in {logs}); {args.duration:.0f} s of load ...")
        sampler.start()
        elapsed = asyncio.run(run(args, bases, fixture, tally))
    finally:
        stop.set()
        if sampler.is_alive():
            sampler.join(5)
        stop_servers(procs)
    failures = report(tally, elapsed, args)
    if samples:
        n = len(samples)
        active, waiting, at_version = (sum(s[k] for s in samples) / n for k in range(3))
        print(f"pg_stat_activity, {n} samples: on average {active:.1f} backends active, "
              f"{waiting:.1f} waiting on a lock, {at_version:.1f} of them at "
              "index_changes")  # fmt: skip
    tracebacks = sum(p.read_text(errors="replace").count("Traceback") for p in logs.glob("*.log"))
    print(f"server logs: {tracebacks} tracebacks ({logs})")
    if failures:
        print("FAILED: " + "; ".join(failures))
        raise SystemExit(1)
    print("passed: nothing lost, doubled or half-written; no 500; no answer over "
          f"{args.max_seconds:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main()
