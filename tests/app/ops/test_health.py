"""Liveness and readiness: /health answers while the process runs; /health/ready answers 503
with Retry-After, within seconds, while the database is away."""

import threading
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import Database, Pool
from app.main import create_app
from app.matches.index import Built, PartnerIndex
from app.ops import health

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


def test_not_ready_until_the_partner_index_is_built(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process builds its partner index when it starts (seconds at 100k partners): it is
    not ready meanwhile, and once ready its first query finds the index built."""
    release = threading.Event()
    real_build = PartnerIndex._build

    def slow_build(self: PartnerIndex, session: Session, version: int) -> Built:
        assert release.wait(30)
        return real_build(self, session, version)

    monkeypatch.setattr(PartnerIndex, "_build", slow_build)
    monkeypatch.setattr(health, "READY_TIMEOUT_SECONDS", 0.2)
    settings = Settings(database_url=db.url, embedder="tfidf", webhook_worker=False)
    app = create_app(settings, db=db)
    with TestClient(app) as client:
        answer = client.get("/health/ready")
        assert answer.status_code == 503
        assert answer.headers["retry-after"] == "5"
        assert "partner index" in answer.json()["detail"]
        assert app.state.index.current is None
        release.set()
        app.state.index.wait(10)
        assert client.get("/health/ready").status_code == 200
        assert app.state.index.current is not None  # built before any query asked


def test_the_index_waits_for_the_first_query_when_asked_to(db: Database) -> None:
    settings = Settings(database_url=db.url, embedder="tfidf", webhook_worker=False,
                        index_warm=False)  # fmt: skip
    app = create_app(settings, db=db)
    with TestClient(app) as client:
        assert client.get("/health/ready").status_code == 200
        assert app.state.index.current is None
