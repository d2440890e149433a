"""How long the outcomes dashboard takes: 10k partners, 200k engagements over a year, 40
programs with goals (the data of bench/load.py).

Prints p50/p95 of the service (the reads and `matching.outcomes`) for the school year to date,
for one program, for one region and for a whole year, and of GET /v1/outcomes and
/v1/outcomes.csv through the ASGI app.

    .venv/bin/python -m bench.outcomes                  # SQLite file under /tmp
    .venv/bin/python -m bench.outcomes --database-url postgresql+psycopg://postgres@127.0.0.1/test
    .venv/bin/python -m bench.outcomes --partners 1000 --engagements 20000   # a quicker look

The PostgreSQL run drops and recreates the `public` schema of the database it is given.
"""

import argparse
import sys
import time
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from app.auth.models import Role
from app.auth.service import create_key
from app.config import Settings
from app.main import create_app
from app.outcomes import service
from app.outcomes.schemas import OutcomesQuery
from bench import empty_database, percentiles
from bench.load import populate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument("--engagements", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--database-url")
    args = parser.parse_args()

    db = empty_database(args.database_url)
    started = time.perf_counter()
    populate(db, args.partners, args.engagements)
    sys.stdout.write(
        f"{db.engine.dialect.name}: {args.partners} partners, {args.engagements} engagements "
        f"(loaded in {time.perf_counter() - started:.0f} s)\n"
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

            def run(query: OutcomesQuery = query) -> None:
                service.outcomes(session, query)

            p50, p95 = percentiles(run, args.runs)
            sys.stdout.write(f"  {'service, ' + label:<36} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms\n")
    with db.sessionmaker.begin() as session:
        _, key = create_key(session, "bench", Role.viewer)
    with TestClient(create_app(Settings(database_url=db.url, embedder="tfidf"), db=db)) as client:
        headers = {"Authorization": f"Bearer {key}"}
        for path in ("/v1/outcomes", "/v1/outcomes.csv"):

            def get(path: str = path) -> None:
                response = client.get(path, headers=headers)
                assert response.status_code == 200, response.text

            p50, p95 = percentiles(get, args.runs)
            label = f"GET {path} (ASGI)"
            sys.stdout.write(f"  {label:<36} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms\n")
    db.dispose()


if __name__ == "__main__":
    main()
