"""Liveness and readiness: /health answers while the process runs; /health/ready answers 503
with Retry-After, within seconds, while the database is away."""

import time

from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database, Pool
from app.main import create_app

CLOSED_PORT_URL = "postgresql+psycopg://postgres@127.0.0.1:1/nothing"


def test_ready_when_the_database_answers(db: Database) -> None:
    settings = Settings(database_url=db.url, embedder="tfidf", webhook_worker=False)
    with TestClient(create_app(settings, db=db)) as client:
        answer = client.get("/health/ready")
        assert answer.status_code == 200
        assert answer.json() == {"status": "ready"}
        assert client.get("/health").json() == {"status": "ok"}


def test_not_ready_while_the_database_is_away() -> None:
    down = Database(CLOSED_PORT_URL, Pool(timeout=1))
    settings = Settings(database_url=CLOSED_PORT_URL, embedder="tfidf", webhook_worker=False)
    with TestClient(create_app(settings, db=down), raise_server_exceptions=False) as client:
        started = time.monotonic()
        answer = client.get("/health/ready")
        assert time.monotonic() - started < 5
        assert answer.status_code == 503
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.headers["retry-after"] == "5"
        assert answer.json()["status"] == 503
        assert "database" in answer.json()["detail"]
        # Liveness never asks the database: the process is alive, only not ready.
        assert client.get("/health").status_code == 200
    down.dispose()
