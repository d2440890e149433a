"""Load test: API processes on PostgreSQL under many concurrent clients, then an audit.

Starts `--processes` uvicorn processes (EMBEDDER=tfidf) over a fresh PostgreSQL database holding
the demo data set (or a new SQLite file: `--database-url sqlite:///...`), and runs two phases
(`--phases`, both by default).

mixed: `--clients` concurrent clients (one asyncio task and one API key each) for
`--duration` seconds, spread over the processes. Each client loops on a mix of:

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

new-names: `--names-clients` clients send `--names-bursts` bursts, each client one request a
burst, all at once (they wait for each other): a quarter create organizations and a quarter
needs naming the burst's new sectors and region values (`--names-per-burst` of each, sectors
listed in turns of order), a quarter asks and the needs too naming its new programs, and a
quarter accept asks of a need with `--names-slots` slots. Clients spell one name in the ways
the service reads as one (case, spacing, `_` or `-`; `--names-spellings same`: one
spelling). It prints the answers per role (a 409 of a valid request, a 5xx, a 503 saying the
database is busy must be none; an accept refused because the slots are taken is right), and
reads back: one vocabulary entry per new sector and region, one program per new name, one
spelling on the records naming it, each acknowledged record stored once, no need with more
accepted asks than slots.
Exits 1 if an audit fails. The processes are stopped at the end, whatever happens.

    .venv/bin/python -m bench.loadtest                              # 200 clients, 2 minutes
    .venv/bin/python -m bench.loadtest --clients 50 --duration 20   # a quick look
    .venv/bin/python -m bench.loadtest --env MAX_IN_FLIGHT=16       # settings of the processes
    .venv/bin/python -m bench.loadtest --phases new-names --names-clients 40
    .venv/bin/python -m bench.loadtest --phases new-names --processes 1 \\
        --database-url sqlite:////tmp/loadtest.db

It drops and recreates the `public` schema of the PostgreSQL database it is given.
"""

import argparse
import asyncio
import contextlib
import io
import os
import random
import re
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
from sqlalchemy import make_url, select, text

from app.auth.models import Role
from app.auth.service import create_key
from app.db import Database
from app.demo.loader import load
from app.engagements.models import Engagement
from app.needs.models import Need
from app.organizations.models import Organization
from app.programs.models import Program
from app.vocabularies import service as vocabularies
from app.vocabularies.models import VocabularyEntry, VocabularyKind
from app.vocabularies.models import key as spelling_key
from bench import empty_database
from matching.types import TAKES_SLOT

PHASES = ("mixed", "new-names")
UNAVAILABLE = re.compile(r"database unavailable: \(([\w.]+)\)")
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
    """A fresh schema (a SQLite file: a new file) with the demo data set, and an admin key
    per client."""
    if url.startswith("sqlite"):
        path = make_url(url).database or ""
        for suffix in ("-wal", "-shm", "-journal", ""):
            if path:
                Path(f"{path}{suffix}").unlink(missing_ok=True)
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


# The new-names phase: bursts of records naming values no record has named before.

ROLES = ("organization", "need", "ask", "accept")
#: What a request of the phase was answered. A 503 at capacity is the door's (the client
#: waits its Retry-After and sends again); a 503 saying the database is busy is a write that
#: failed in the database (a deadlock, a pool timeout): sent again too, but counted a failure.
OUTCOMES = ("2xx", "409 valid", "409 slot full", "5xx", "503 capacity", "503 database",
            "other 4xx", "no answer")  # fmt: skip


@dataclass(frozen=True)
class NewNames:
    """The values one burst names first: sectors, regions and programs."""

    sectors: tuple[str, ...]
    regions: tuple[str, ...]
    programs: tuple[str, ...]


def new_names(rng: random.Random, bursts: int, per_burst: int) -> list[NewNames]:
    """Made-up names, per burst `per_burst` of each kind. No two are a small edit apart (the
    service would refuse the second as a "did you mean" of the first)."""
    made = vocabularies.Lookup("any")

    def fresh(form: str) -> str:
        while True:
            word = "".join(rng.choice("aeiou" if k % 2 else "bcdfghklmnprstvz") for k in range(9))
            name = form.format(word.capitalize())
            if made.canonical(name) is None and not made.typo_of(name):
                made.values.append(name)
                made.by_key[spelling_key(name)] = name
                return name

    return [
        NewNames(
            sectors=tuple(fresh("{} Crafts") for _ in range(per_burst)),
            regions=tuple(fresh("{} Valley") for _ in range(per_burst)),
            programs=tuple(fresh("{} Pathway Academy") for _ in range(per_burst)),
        )
        for _ in range(bursts)
    ]


def spelling(name: str, n: int, *, varied: bool, vocabulary: bool) -> str:
    """Client `n`'s spelling of `name`: the name itself, or (varied) one of the spellings the
    service reads as the same value: case and spacing, and `_` or `-` between the words of a
    sector or region (a program's name is one whatever its case and spacing only)."""
    if not varied:
        return name
    forms = [name, name.lower(), name.upper(), "  ".join(name.split()) + " "]
    if vocabulary:
        forms += [name.lower().replace(" ", "_"), name.replace(" ", "-")]
    return forms[n % len(forms)]


def role_of(i: int, burst: int) -> str:
    """Each client takes each role in turn, so every burst has a quarter of each."""
    return ROLES[(i + burst) % len(ROLES)]


@dataclass(frozen=True)
class NamesFixture:
    """Made before the bursts: an organization per client (its asks), per burst a need with
    `--names-slots` slots and an ask of it for each client that accepts in that burst."""

    organization_ids: list[int]
    slot_need_ids: list[int]
    asks: dict[tuple[int, int], int]  # (burst, client) -> engagement id


@dataclass
class NamesTally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    outcomes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    samples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # external ids of the records created, by table and by what the client was told
    acked: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    refused: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unknown: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    accepted: Counter[int] = field(default_factory=Counter)  # need id -> accepts answered 2xx
    slot_need_ids: list[int] = field(default_factory=list)
    elapsed: float = 0.0


async def _post(http: httpx.AsyncClient, url: str, key: str, body: dict[str, Any]) -> int:
    answer = await http.post(url, json=body, headers={"Authorization": f"Bearer {key}"})
    if not answer.is_success:
        raise SystemExit(f"new-names setup: POST {url} answered {answer.status_code}: "
                         f"{answer.text[:500]}")  # fmt: skip
    new_id: int = answer.json()["id"]
    return new_id


async def names_setup(base: str, keys: list[str], args: argparse.Namespace) -> NamesFixture:
    """The organizations, slot needs and asks the bursts use, made one at a time."""
    timeout = httpx.Timeout(args.max_seconds + 5)
    async with httpx.AsyncClient(timeout=timeout) as http:
        orgs = []
        body: dict[str, Any]
        for i in range(args.names_clients):
            body = {"name": f"New Names {args.run_id} {i}", "kind": "employer",
                    "sectors": ["advanced_manufacturing"], "region": "River Valley"}  # fmt: skip
            orgs.append(await _post(http, f"{base}/v1/organizations", keys[i], body))
        needs, asks, program = [], {}, f"Slots {args.run_id}"
        for b in range(args.names_bursts):
            body = {"title": f"Slots {args.run_id} {b}", "engagement_type": "job_shadow",
                    "program": program, "slots": args.names_slots}  # fmt: skip
            needs.append(await _post(http, f"{base}/v1/needs", keys[0], body))
            for i in range(args.names_clients):
                if role_of(i, b) == "accept":
                    body = {"organization_id": orgs[i], "need_id": needs[b], "program": program,
                            "status": "asked", "engagement_type": "job_shadow",
                            "hours_estimated": 2}  # fmt: skip
                    asks[b, i] = await _post(http, f"{base}/v1/engagements", keys[i], body)
    return NamesFixture(orgs, needs, asks)


def names_request(
    i: int, b: int, names: NewNames, fixture: NamesFixture, args: argparse.Namespace
) -> tuple[str, str, dict[str, Any], str | None]:
    """Client `i`'s request in burst `b`: (method, path, body, the table of the record it
    creates). Sectors are named in turns of order, as two CRMs may list them."""
    role, varied = role_of(i, b), args.names_spellings == "varied"
    turn = i // len(ROLES)  # which of the burst's names, and which spelling
    sectors = [spelling(s, turn + k, varied=varied, vocabulary=True)
               for k, s in enumerate(names.sectors)]  # fmt: skip
    sectors = sectors[turn % len(sectors) :] + sectors[: turn % len(sectors)]
    region = spelling(names.regions[turn % len(names.regions)], turn, varied=varied,
                      vocabulary=True)  # fmt: skip
    program = spelling(names.programs[turn % len(names.programs)], turn, varied=varied,
                       vocabulary=False)  # fmt: skip
    ext = f"nn-{args.run_id}-{b}-{i}"
    body: dict[str, Any]
    if role == "organization":
        body = {"name": f"New Names {ext}", "kind": "employer", "external_id": ext,
                "sectors": sectors, "region": region}  # fmt: skip
        return "POST", "/v1/organizations", body, "organizations"
    if role == "need":
        body = {"title": f"Job shadows {ext}", "engagement_type": "job_shadow",
                "external_id": ext, "program": program, "sectors": sectors, "region": region,
                "slots": 3}  # fmt: skip
        return "POST", "/v1/needs", body, "needs"
    if role == "ask":
        body = {"organization_id": fixture.organization_ids[i], "program": program,
                "engagement_type": "job_shadow", "status": "asked", "external_id": ext,
                "hours_estimated": 2}  # fmt: skip
        return "POST", "/v1/engagements", body, "engagements"
    ask = fixture.asks[b, i]
    return "PATCH", f"/v1/engagements/{ask}", {"status": "accepted"}, None


def _outcome(role: str, status: str, detail: str) -> str:
    if not status.isdigit():
        return "no answer"
    code = int(status)
    if 200 <= code < 300:
        return "2xx"
    if code == 409:
        # An accept of a need whose slots are taken is refused, rightly; any other is not.
        full = role == "accept" and "slot" in detail and "taken" in detail
        return "409 slot full" if full else "409 valid"
    if code == 503:
        return "503 capacity" if "capacity" in detail else "503 database"
    return "5xx" if code >= 500 else "other 4xx"


async def names_client(
    i: int,
    http: httpx.AsyncClient,
    base: str,
    key: str,
    plan: tuple[list[NewNames], NamesFixture],
    args: argparse.Namespace,
    barrier: asyncio.Barrier,
    tally: NamesTally,
) -> None:
    names, fixture = plan
    headers = {"Authorization": f"Bearer {key}"}
    for b, burst in enumerate(names):
        role = role_of(i, b)
        method, path, body, table = names_request(i, b, burst, fixture, args)
        await barrier.wait()  # every client sends its request of the burst at once
        while True:
            started = time.perf_counter()
            detail, retry_after = "", 0.0
            try:
                answer = await http.request(method, base + path, json=body, headers=headers)
                status = str(answer.status_code)
                if not answer.is_success:
                    detail = answer.text
                if answer.status_code == 503:
                    retry_after = float(answer.headers.get("retry-after", "1"))
            except httpx.TimeoutException:
                status = "timeout"
            except httpx.TransportError as exc:
                status = type(exc).__name__
            tally.latencies[role].append(time.perf_counter() - started)
            outcome = _outcome(role, status, detail)
            tally.outcomes[role][outcome] += 1
            seen, said = tally.samples[outcome], f"{status} {detail[:400]}"
            shown = outcome in ("2xx", "409 slot full", "503 capacity")
            if not shown and len(seen) < 3 and not any(said in s for s in seen):
                seen.append(f"{role} {method} {path} -> {said}")
            if outcome.startswith("503"):
                await asyncio.sleep(min(retry_after, 10))
                continue
            break
        if table is not None:
            told = {"2xx": tally.acked, "no answer": tally.unknown}.get(outcome, tally.refused)
            told[table].append(str(body["external_id"]))
        elif outcome == "2xx":
            tally.accepted[fixture.slot_need_ids[b]] += 1


async def run_new_names(
    args: argparse.Namespace, bases: list[str], keys: list[str], names: list[NewNames]
) -> NamesTally:
    fixture = await names_setup(bases[0], keys, args)
    tally = NamesTally(slot_need_ids=fixture.slot_need_ids)
    barrier = asyncio.Barrier(args.names_clients)
    limits = httpx.Limits(max_connections=1, keepalive_expiry=3)
    timeout = httpx.Timeout(args.max_seconds + 5)
    async with contextlib.AsyncExitStack() as stack:
        https = [
            await stack.enter_async_context(httpx.AsyncClient(limits=limits, timeout=timeout))
            for _ in range(args.names_clients)
        ]
        plan = (names, fixture)
        started = time.monotonic()
        async with asyncio.timeout(args.names_bursts * (args.max_seconds + 30)):
            await asyncio.gather(
                *(
                    names_client(
                        i, http, bases[i % len(bases)], keys[i], plan, args, barrier, tally
                    )
                    for i, http in enumerate(https)
                )
            )
        tally.elapsed = time.monotonic() - started
    return tally


def _spread(counts: list[int]) -> str:
    return f"{min(counts, default=0)}..{max(counts, default=0)}"


def _names_row(name: str, lat: list[float], outcomes: Counter[str]) -> str:
    ms = [f"{pct(lat, q) * 1e3:.0f}" for q in (0.5, 0.95)]
    counts = [str(outcomes[o]) for o in OUTCOMES]
    return f"| {name} | {len(lat)} | {' | '.join(counts)} | {' | '.join(ms)} |"


def names_report(tally: NamesTally, names: list[NewNames], args: argparse.Namespace) -> list[str]:
    """The new-names table, what the database holds after it, and the failures (none: it
    passed)."""
    spellings = "varied spellings" if args.names_spellings == "varied" else "one spelling"
    print(f"\nnew-names: {args.names_clients} clients, {args.processes} processes, "
          f"{args.names_bursts} bursts, {args.names_per_burst} new sectors, regions and "
          f"programs a burst ({spellings}), {tally.elapsed:.0f} s")  # fmt: skip
    print("| role | requests | " + " | ".join(OUTCOMES) + " | p50 ms | p95 ms |")
    print("|---" * (len(OUTCOMES) + 4) + "|")
    total = Counter[str]()
    everything: list[float] = []
    for role in ROLES:
        print(_names_row(role, tally.latencies[role], tally.outcomes[role]))
        total.update(tally.outcomes[role])
        everything += tally.latencies[role]
    print(_names_row("all", everything, total))
    for outcome, samples in tally.samples.items():
        for sample in samples:
            print(f"  e.g. {outcome}: {sample}")

    sectors = [n for burst in names for n in burst.sectors]
    regions = [n for burst in names for n in burst.regions]
    programs = [n for burst in names for n in burst.programs]
    db = Database(args.database_url)
    with db.sessionmaker() as session:
        entries = session.execute(select(VocabularyEntry.kind, VocabularyEntry.value)).all()
        program_names = list(session.scalars(select(Program.name)))
        prefix = f"nn-{args.run_id}-%"
        orgs = session.execute(
            select(Organization.external_id, Organization.sectors, Organization.region)
            .where(Organization.external_id.like(prefix))
        ).all()  # fmt: skip
        needs = session.execute(
            select(Need.external_id, Need.sectors, Need.region, Need.program_id)
            .where(Need.external_id.like(prefix))
        ).all()  # fmt: skip
        asks = session.execute(
            select(Engagement.external_id, Engagement.program_id)
            .where(Engagement.external_id.like(prefix))
        ).all()  # fmt: skip
        taken = Counter(
            session.scalars(
                select(Engagement.need_id).where(
                    Engagement.need_id.in_(tally.slot_need_ids), Engagement.status.in_(TAKES_SLOT)
                )
            )
        )
    db.dispose()

    def entries_of(kind: str, name: str) -> list[str]:
        wanted = spelling_key(name)
        return [v for k, v in entries if k == kind and spelling_key(v) == wanted]

    def programs_of(name: str) -> list[str]:
        wanted = " ".join(name.split()).lower()
        return [p for p in program_names if " ".join(p.split()).lower() == wanted]

    stored_as = [(VocabularyKind.sector.value, n, entries_of(VocabularyKind.sector, n))
                 for n in sectors]  # fmt: skip
    stored_as += [(VocabularyKind.region.value, n, entries_of(VocabularyKind.region, n))
                  for n in regions]  # fmt: skip
    stored_as += [("program", n, programs_of(n)) for n in programs]
    per = {kind: [len(found) for k, _, found in stored_as if k == kind]
           for kind in ("sector", "region", "program")}  # fmt: skip
    print(f"read back: vocabulary entries per new sector {_spread(per['sector'])}, per new "
          f"region {_spread(per['region'])}; programs per new program name "
          f"{_spread(per['program'])} ({len(sectors)} sectors, {len(regions)} regions, "
          f"{len(programs)} programs named; must be exactly 1 each)")  # fmt: skip
    for kind, name, found in [row for row in stored_as if len(row[2]) != 1][:3]:
        print(f"  e.g. {kind} {name!r} is stored {len(found)} times: "
              + ", ".join(repr(v) for v in found))  # fmt: skip
    # One value, one spelling: every record naming a new value stores it as its entry has it.
    stored: dict[str, set[str]] = defaultdict(set)
    for _, record_sectors, region in [*((o[0], o[1], o[2]) for o in orgs),
                                      *((n[0], n[1], n[2]) for n in needs)]:  # fmt: skip
        for value in [*(record_sectors or []), *([region] if region else [])]:
            stored[spelling_key(value)].add(value)
    spelled = [len(stored[spelling_key(n)]) for n in [*sectors, *regions]]
    program_ids: dict[str, set[int]] = defaultdict(set)
    needs_by_id = {n[0]: n[3] for n in needs}
    asks_by_id = {a[0]: a[1] for a in asks}
    for b, burst in enumerate(names):
        for i in range(args.names_clients):
            ext = f"nn-{args.run_id}-{b}-{i}"
            program = burst.programs[(i // len(ROLES)) % len(burst.programs)]
            program_id = needs_by_id.get(ext, asks_by_id.get(ext))
            if program_id is not None:
                program_ids[program].add(program_id)
    print(f"read back: spellings stored on records per new sector or region "
          f"{_spread(spelled)} (must be 1); programs the needs and asks naming one new program "
          f"point to {_spread([len(program_ids[p]) for p in programs])} (must be 1)")  # fmt: skip

    failures = []
    kept = {"organizations": [o[0] for o in orgs], "needs": [n[0] for n in needs],
            "engagements": [a[0] for a in asks]}  # fmt: skip
    lost = doubled = half_written = 0
    for table, ids in kept.items():
        counts = Counter(ids)
        lost += len(set(tally.acked[table]) - counts.keys())
        doubled += sum(1 for v in counts.values() if v > 1)
        half_written += len(set(tally.refused[table]) & counts.keys())
    acked = sum(len(v) for v in tally.acked.values())
    print(f"read back: {acked} acknowledged creates; lost {lost}, stored twice {doubled}, "
          f"stored though refused {half_written}")  # fmt: skip
    over = {need: n for need, n in taken.items() if n > args.names_slots}
    slot_needs = tally.slot_need_ids
    differ = {n: (taken[n], tally.accepted[n]) for n in slot_needs if taken[n] != tally.accepted[n]}
    print(f"slots: {len(slot_needs)} needs of {args.names_slots} slots; accepts answered 2xx per "
          f"need {_spread([tally.accepted[n] for n in slot_needs])}, accepted stored per need "
          f"{_spread([taken[n] for n in slot_needs])} (must equal the 2xx and be at most "
          f"{args.names_slots})")  # fmt: skip
    if total["409 valid"]:
        failures.append(f"{total['409 valid']} valid requests answered 409")
    if total["5xx"]:
        failures.append(f"{total['5xx']} answers were 5xx other than 503")
    if total["503 database"]:
        failures.append(f"{total['503 database']} answers were 503 'the database is busy'")
    if total["no answer"]:
        failures.append(f"{total['no answer']} requests went unanswered")
    if any(len(found) != 1 for _, _, found in stored_as):
        failures.append("a new name was stored other than exactly once")
    if any(n > 1 for n in spelled) or any(len(ids) > 1 for ids in program_ids.values()):
        failures.append("records naming one new value store it differently")
    if lost or doubled or half_written:
        failures.append("records lost, doubled or half-written")
    if over or differ:
        failures.append(f"slots overfilled {over} or accepts stored unlike answered {differ}")
    slow = sum(1 for v in everything if v > args.max_seconds)
    if slow:
        failures.append(f"{slow} answers took longer than {args.max_seconds:.0f} s")
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL, help="PostgreSQL, or sqlite:///")
    parser.add_argument(
        "--phases", default=",".join(PHASES), help=f"which, comma-separated: {', '.join(PHASES)}"
    )
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=120, help="seconds")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--base-port", type=int, default=8710)
    parser.add_argument("--reads", type=float, default=60, help="share of reads")
    parser.add_argument("--writes", type=float, default=20)
    parser.add_argument("--matches", type=float, default=15)
    parser.add_argument("--imports", type=float, default=5)
    parser.add_argument("--import-rows", type=int, default=20)
    parser.add_argument("--names-clients", type=int, default=40, help="new-names: clients")
    parser.add_argument("--names-bursts", type=int, default=10, help="new-names: bursts")
    parser.add_argument(
        "--names-per-burst", type=int, default=2, help="new-names: new names of each kind a burst"
    )
    parser.add_argument(
        "--names-slots", type=int, default=2, help="new-names: slots of each need accepted at once"
    )
    parser.add_argument(
        "--names-spellings",
        choices=("varied", "same"),
        default="varied",
        help="new-names: clients spell one new name in different case, spacing, _ or -",
    )
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
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    if not phases or set(phases) - set(PHASES):
        parser.error(f"--phases takes {', '.join(PHASES)}, comma-separated")
    if "new-names" in phases and args.names_clients < len(ROLES):
        parser.error(f"--names-clients must be at least {len(ROLES)}")
    args.run_id = f"{int(time.time()):x}"
    env = dict(item.split("=", 1) for item in args.env)
    clients = max(args.clients if "mixed" in phases else 0,
                  args.names_clients if "new-names" in phases else 0)  # fmt: skip
    names = new_names(random.Random(args.seed), args.names_bursts, args.names_per_burst)

    print(f"preparing {args.database_url} (demo data, {clients} keys) ...")
    fixture = prepare(args.database_url, clients)
    logs = Path(tempfile.mkdtemp(prefix="loadtest-"))
    bases = [f"http://127.0.0.1:{args.base_port + i}" for i in range(args.processes)]
    procs = start_servers(
        args.database_url, args.processes, args.base_port, env, args.app_dir, logs, args.factory
    )
    tally = Tally()
    names_tally: NamesTally | None = None
    elapsed = 0.0
    samples: list[tuple[int, int, int]] = []
    stop = threading.Event()
    sampler = threading.Thread(target=sample_locks, args=(args.database_url, stop, samples))
    try:
        wait_healthy(bases, procs, within=60)
        print(f"{args.processes} processes up (logs in {logs}); phases: {', '.join(phases)}")
        if args.database_url.startswith("postgresql"):
            sampler.start()
        if "mixed" in phases:
            print(f"mixed: {args.duration:.0f} s of load ...")
            elapsed = asyncio.run(run(args, bases, fixture, tally))
        if "new-names" in phases:
            print(f"new-names: {args.names_clients} clients, {args.names_bursts} bursts ...")
            names_tally = asyncio.run(run_new_names(args, bases, fixture.keys, names))
    finally:
        stop.set()
        if sampler.is_alive():
            sampler.join(5)
        stop_servers(procs)
    failures = report(tally, elapsed, args) if "mixed" in phases else []
    if names_tally is not None:
        failures += [f"new-names: {f}" for f in names_report(names_tally, names, args)]
    if samples:
        n = len(samples)
        active, waiting, at_version = (sum(s[k] for s in samples) / n for k in range(3))
        print(f"pg_stat_activity, {n} samples: on average {active:.1f} backends active, "
              f"{waiting:.1f} waiting on a lock, {at_version:.1f} of them at "
              "index_changes")  # fmt: skip
    written = [p.read_text(errors="replace") for p in logs.glob("*.log")]
    tracebacks = sum(log.count("Traceback") for log in written)
    # What the 503s saying "the database is busy" were: deadlocks, pool or lock timeouts.
    unavailable = Counter(e for log in written for e in UNAVAILABLE.findall(log))
    causes = ", ".join(f"{e} x{n}" for e, n in unavailable.most_common())
    print(f"server logs: {tracebacks} tracebacks; 'database unavailable' "
          f"{sum(unavailable.values())} ({causes or 'none'}) ({logs})")  # fmt: skip
    if failures:
        print("FAILED: " + "; ".join(failures))
        raise SystemExit(1)
    print("passed: nothing lost, doubled or half-written; no 500; no answer over "
          f"{args.max_seconds:.0f} s"
          + ("; no valid write refused 409, each new name stored once, no slot overfilled"
             if names_tally is not None else ""))  # fmt: skip


if __name__ == "__main__":
    main()
