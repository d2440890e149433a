"""How long the outcomes dashboard takes: 10k partners, 200k engagements over a year, 40
programs with goals (the data of bench/load.py).

Prints p50/p95 of the service (the reads and `matching.outcomes`) for the school year to date,
for one program, for one region and for a whole year, and of GET /v1/outcomes and
/v1/outcomes.csv through the ASGI app, each with the load average (the machine may be shared).
Each figure is taken for the totals the database adds up ("new", what the service runs) and,
right before it, for the previous path that read every ask ("old", `app.outcomes.reference`),
so both come from the same sitting; `--path` keeps one.

    .venv/bin/python -m bench.outcomes                  # SQLite file under /tmp
    .venv/bin/python -m bench.outcomes --database-url postgresql+psycopg://postgres@127.0.0.1/test
    .venv/bin/python -m bench.outcomes --partners 1000 --engagements 20000   # a quicker look

The PostgreSQL run drops and recreates the `public` schema of the database it is given.
"""

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.auth.models import Role
from app.auth.service import create_key
from app.config import Settings
from app.main import create_app
from app.outcomes import reference, service
from app.outcomes.schemas import OutcomesOut, OutcomesQuery
from bench import empty_database, percentiles
from bench.load import load, populate

Outcomes = Callable[..., OutcomesOut]
PATHS: dict[str, Outcomes] = {"old": reference.outcomes, "new": service.outcomes}


@contextmanager
def answered_by(outcomes: Outcomes) -> Iterator[None]:
    """The routes answer through `outcomes` meanwhile (they call `service.outcomes`)."""
    kept = service.outcomes
    service.outcomes = outcomes
    try:
        yield
    finally:
        service.outcomes = kept


def line(label: str, path: str, p50: float, p95: float) -> None:
    sys.stdout.write(f"  {label:<34} {path}  p50 {p50:7.1f} ms   p95 {p95:7.1f} ms"
                     f"  (load average {load()})\n")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument("--engagements", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--database-url")
    parser.add_argument("--path", choices=["old", "new", "both"], default="both")
    args = parser.parse_args()
    paths = list(PATHS) if args.path == "both" else [args.path]

    db = empty_database(args.database_url)
    started = time.perf_counter()
    populate(db, args.partners, args.engagements)
    sys.stdout.write(
        f"{db.engine.dialect.name}: {args.partners} partners, {args.engagements} engagements "
        f"(loaded in {time.perf_counter() - started:.0f} s; load average {load()})\n"
    )
    today = datetime.now(UTC).date()
    year_ago = (today - timedelta(days=364)).isoformat()
    cases = [
        ("school year to date", {}),
        ("one program", {"program": "Program 07"}),
        ("one region", {"region": "High Desert"}),
        ("a whole year", {"from": year_ago}),
    ]
    # `populate` keeps the partners' regions in the vocabulary, as a convener would have.
    with db.sessionmaker() as session:
        for label, params in cases:
            query = OutcomesQuery.model_validate(params)
            answers = []
            for path in paths:

                def run(
                    query: OutcomesQuery = query,
                    outcomes: Outcomes = PATHS[path],
                    session: Session = session,
                ) -> None:
                    outcomes(session, query)

                p50, p95 = percentiles(run, args.runs)
                line(f"service, {label}", path, p50, p95)
                answers.append(PATHS[path](session, query).model_dump())
            if len(answers) == 2 and answers[0] != answers[1]:
                sys.stdout.write("    the two paths answered differently!\n")
    with db.sessionmaker.begin() as session:
        _, key = create_key(session, "bench", Role.viewer)
    with TestClient(create_app(Settings(database_url=db.url, embedder="tfidf"), db=db)) as client:
        headers = {"Authorization": f"Bearer {key}"}
        for route in ("/v1/outcomes", "/v1/outcomes.csv"):
            for path in paths:

                def get(route: str = route) -> None:
                    response = client.get(route, headers=headers)
                    assert response.status_code == 200, response.text

                with answered_by(PATHS[path]):
                    p50, p95 = percentiles(get, args.runs)
                line(f"GET {route} (ASGI)", path, p50, p95)
    db.dispose()


if __name__ == "__main__":
    main()
