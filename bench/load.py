"""How long the load table takes for every partner: 10k partners, 200k engagements.

Prints p50/p95 of (a) the grouped SQL that fills the figures, (b) the vectorised risk model on
them, (c) both together as the service runs them, and (d) a GET /v1/partners/load page through
the ASGI app. Target: (c) within 300 ms.

With `--pages`, it measures pages of GET /v1/partners/load alone, once the kept loads are
refreshed as a day's first list sets off: the first page, a deep page (a cursor half way
down), and a page sorted by hours and filtered by kind and region. Targets: p95 within 100 ms
at 10k partners, 300 ms at 100k. It runs unchanged against an older checkout without kept loads,
where every page computes every partner: copy it into that checkout's bench/ and run it there
as a module (`python -m bench.load_new --pages`).

    .venv/bin/python -m bench.load                     # SQLite file under /tmp
    .venv/bin/python -m bench.load --database-url postgresql+psycopg://postgres@127.0.0.1/test
    .venv/bin/python -m bench.load --partners 1000 --engagements 20000   # a quicker look
    .venv/bin/python -m bench.load --pages --partners 100000 --engagements 2000000 \
        --database-url postgresql+psycopg://postgres@127.0.0.1/test

The PostgreSQL run drops and recreates the `public` schema of the database it is given.
"""

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta

import numpy as np
from fastapi.testclient import TestClient
from sqlalchemy import insert, text

from app.auth.models import Role
from app.auth.service import create_key
from app.config import Settings
from app.db import Database
from app.engagements.models import Engagement
from app.interviews.models import Interview, TemperatureCheck
from app.load import repository
from app.load.service import assess_partners, today
from app.main import create_app
from app.organizations.models import Organization
from app.schemas import encode_cursor
from bench import empty_database, percentiles
from matching.load import assess
from matching.types import EngagementStatus, EngagementType, PartnerKind

PROGRAMS = [f"Program {i:02d}" for i in range(40)]
STATUSES = [s.value for s in EngagementStatus]
STATUS_P = [0.05, 0.1, 0.25, 0.2, 0.35, 0.05]


def populate(db: Database, partners: int, engagements: int, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    now = datetime.now(UTC)
    kinds = [k.value for k in PartnerKind]
    regions = ["Capital Region", "North Coast", "Central Valley", "River Valley", "High Desert"]
    with db.engine.begin() as conn:
        conn.execute(insert(Organization), [
            {"id": i + 1, "name": f"Partner {i + 1}", "kind": kinds[i % len(kinds)],
             "region": regions[i % 5], "sectors": [], "description": "", "version": 1,
             "created_at": now, "updated_at": now}
            for i in range(partners)
        ])  # fmt: skip
        interviewed = rng.random(partners) < 0.7
        conn.execute(insert(Interview), [
            {"organization_id": int(i) + 1,
             "conducted_at": now - timedelta(days=int(rng.integers(1, 400))),
             "interest_level": int(rng.integers(1, 6)),
             "capacity_hours_per_month": float(rng.choice([4, 8, 12, 20, 40])),
             "max_concurrent_engagements": int(rng.integers(1, 5)), "engagement_types": [],
             "business_summary": "", "role_and_skills": "", "version": 1,
             "created_at": now, "updated_at": now}
            for i in np.flatnonzero(interviewed)
        ])  # fmt: skip
        # Pareto-distributed popularity: a few partners get most of the asks.
        weight = rng.pareto(1.2, partners) + 0.05
        who = rng.choice(partners, engagements, p=weight / weight.sum())
        asked = rng.integers(0, 365, engagements)
        length = rng.integers(1, 120, engagements)
        status = rng.choice(STATUSES, engagements, p=STATUS_P)
        types = [t.value for t in EngagementType]
        program_ids: list[int | None] = [None] * len(PROGRAMS)
        if hasattr(Engagement, "program_id"):  # an ask names its program (not in older releases)
            from app.programs.models import Program  # noqa: PLC0415
            from matching.outcomes import school_year  # noqa: PLC0415

            # Who asks: each program wants a few engagements of a few types this school year
            # (bench/outcomes.py reads the goals).
            year = str(school_year(now.date()))
            conn.execute(insert(Program), [
                {"id": k + 1, "name": name, "region": regions[k % 5], "version": 1,
                 "goals": {year: {t.value: {"count": 20, "students": 100}
                                  for t in list(EngagementType)[k % 7: k % 7 + 3]}},
                 "created_at": now, "updated_at": now}
                for k, name in enumerate(PROGRAMS)
            ])  # fmt: skip
            program_ids = list(range(1, len(PROGRAMS) + 1))
            from app.vocabularies.models import VocabularyEntry  # noqa: PLC0415

            conn.execute(insert(VocabularyEntry), [  # the regions a filter may name
                {"kind": "region", "value": r, "aliases": [], "status": "kept", "version": 1,
                 "created_at": now, "updated_at": now}
                for r in regions
            ])  # fmt: skip
        batch = []
        for k in range(engagements):
            ask = now - timedelta(days=int(asked[k]))
            start = (ask + timedelta(days=14)).date()
            batch.append({
                "organization_id": int(who[k]) + 1, "program": PROGRAMS[k % len(PROGRAMS)],
                **({"program_id": program_ids[k % len(PROGRAMS)]} if program_ids[0] else {}),
                "engagement_type": types[k % len(types)], "status": str(status[k]), "asked_at": ask,
                "starts_on": start, "ends_on": start + timedelta(days=int(length[k])),
                "hours_estimated": float(rng.choice([2, 4, 8, 20, 40])), "version": 1,
                "created_at": now, "updated_at": now,
            })  # fmt: skip
            if len(batch) == 20_000:
                conn.execute(insert(Engagement), batch)
                batch = []
        if batch:
            conn.execute(insert(Engagement), batch)
        checks = partners * 3
        conn.execute(insert(TemperatureCheck), [
            {"organization_id": int(rng.integers(1, partners + 1)),
             "checked_at": now - timedelta(days=int(rng.integers(0, 365))),
             "satisfaction": int(rng.integers(1, 6)), "version": 1,
             "created_at": now, "updated_at": now}
            for _ in range(checks)
        ])  # fmt: skip
    if db.engine.dialect.name == "postgresql":  # plans from real row counts
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def pages(db: Database, partners: int, runs: int) -> None:
    """p50/p95 of three kinds of load-list page, over the kept loads where there are any."""
    from app.load import service  # noqa: PLC0415

    refresh = getattr(service, "refresh_kept_loads", None)  # not in older releases
    if refresh is not None:
        started = time.perf_counter()
        refresh(db.sessionmaker)
        sys.stdout.write(f"  kept loads refreshed in {time.perf_counter() - started:.1f} s\n")
    else:
        sys.stdout.write("  no kept loads in this release: every page computes every partner\n")
    with db.sessionmaker.begin() as session:
        _, key = create_key(session, "bench", Role.viewer)
    deep = encode_cursor(partners // 2, "at")
    asks = {
        "first page": "limit=50",
        "deep page (cursor)": f"limit=50&cursor={deep}",
        "sorted + filtered": "limit=50&sort=-hours&kind=employer&region=North%20Coast",
    }
    settings = Settings(database_url=db.url, embedder="tfidf", webhook_worker=False)
    with TestClient(create_app(settings, db=db)) as client:
        headers = {"Authorization": f"Bearer {key}"}
        for label, ask in asks.items():

            def page(ask: str = ask) -> None:
                response = client.get(f"/v1/partners/load?{ask}", headers=headers)
                assert response.status_code == 200, response.text
                assert response.json()["items"], response.text

            p50, p95 = percentiles(page, runs)
            sys.stdout.write(f"  {label:<28} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms  "
                             f"(load average {load()})\n")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument("--engagements", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database-url")
    parser.add_argument("--pages", action="store_true", help="load-list pages alone")
    args = parser.parse_args()

    db = empty_database(args.database_url)
    started = time.perf_counter()
    populate(db, args.partners, args.engagements)
    loaded = time.perf_counter() - started
    sys.stdout.write(
        f"{db.engine.dialect.name}: {args.partners} partners, {args.engagements} engagements, "
        f"{args.partners * 3} temperature checks (loaded in {loaded:.0f} s; "
        f"load average {load()})\n"
    )
    if args.pages:
        pages(db, args.partners, args.runs)
        db.dispose()
        return
    with db.sessionmaker() as session:
        ids = repository.partners(session).ids.tolist()
        figures = repository.figures(session, ids, today(), 90)
        rows = [
            ("grouped SQL (figures)", lambda: repository.figures(session, ids, today(), 90)),
            ("risk model (numpy)", lambda: assess(figures)),
            ("load for all partners", lambda: assess_partners(session, 90)),
        ]
        for label, fn in rows:
            p50, p95 = percentiles(fn, args.runs)
            sys.stdout.write(f"  {label:<28} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms\n")
    with db.sessionmaker.begin() as session:
        _, key = create_key(session, "bench", Role.viewer)
    with TestClient(create_app(Settings(database_url=db.url, embedder="tfidf"), db=db)) as client:
        headers = {"Authorization": f"Bearer {key}"}

        def page() -> None:
            response = client.get("/v1/partners/load?limit=50", headers=headers)
            assert response.status_code == 200, response.text

        p50, p95 = percentiles(page, args.runs)
        sys.stdout.write(
            f"  {'GET /v1/partners/load (ASGI)':<28} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms\n"
        )
    db.dispose()


if __name__ == "__main__":
    main()
