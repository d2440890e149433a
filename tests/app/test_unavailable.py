"""A busy or unreachable database, or a burst past what a process takes at once, answers 503
problem+json with Retry-After: never a 500, never a wait until the client gives up."""

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from pydantic import ValidationError
from sqlalchemy import event, func, select, text
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from app.config import Settings
from app.db import Database, Pool
from app.main import create_app
from app.middleware import ConcurrencyLimit
from app.organizations.models import Organization
from tests.helpers import organization

CLOSED_PORT_URL = "postgresql+psycopg://postgres@127.0.0.1:1/nothing"


def _settings(url: str, **over: Any) -> Settings:
    return Settings(database_url=url, embedder="tfidf", webhook_worker=False, **over)


def assert_503(response: Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) >= 1
    assert response.json()["status"] == 503


def _organizations(db: Database) -> int:
    with db.sessionmaker() as session:
        return session.scalar(select(func.count()).select_from(Organization)) or 0


@pytest.fixture
def tight(db: Database) -> Iterator[Database]:
    """The test database through a pool of one connection that waits half a second."""
    tight = Database(db.url, Pool(size=1, max_overflow=0, timeout=0.5))
    yield tight
    tight.dispose()


def test_no_free_connection_is_503_at_once(tight: Database, admin: dict[str, str]) -> None:
    app = create_app(_settings(tight.url), db=tight)
    with TestClient(app, raise_server_exceptions=False) as client:
        with tight.engine.connect() as held:  # another request holding the only connection
            held.execute(text("SELECT 1"))
            started = time.monotonic()
            assert_503(client.get("/v1/organizations", headers=admin))
            assert_503(client.post("/v1/organizations", json=organization(), headers=admin))
            # Idempotency-Key claims its key in a middleware, before the route.
            keyed = admin | {"Idempotency-Key": "busy-1"}
            assert_503(client.post("/v1/organizations", json=organization(), headers=keyed))
            assert time.monotonic() - started < 10
            assert client.get("/health").status_code == 200
        # The connection is back: the same requests succeed, the keyed one once.
        assert client.get("/v1/organizations", headers=admin).status_code == 200
        assert (
            client.post("/v1/organizations", json=organization(), headers=keyed).status_code == 201
        )
    assert _organizations(tight) == 1


def test_an_unreachable_database_is_503(admin: dict[str, str]) -> None:
    down = Database(CLOSED_PORT_URL, Pool(timeout=1))
    app = create_app(_settings(CLOSED_PORT_URL), db=down)
    with TestClient(app, raise_server_exceptions=False) as client:
        assert_503(client.get("/v1/organizations", headers=admin))
        keyed = admin | {"Idempotency-Key": "down-1"}
        assert_503(client.post("/v1/organizations", json=organization(), headers=keyed))
        assert client.get("/health").status_code == 200
    down.dispose()


def _drop_connection_at(app_db: Database, admin_db: Database, table: str) -> None:
    """Terminate the server process of the app's connection just before its first statement
    on `table`: the database goes away in the middle of the request."""

    dropped = threading.Event()  # once: the next request gets a fresh connection

    def before_execute(conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if f"{table} " not in statement or dropped.is_set():
            return
        dropped.set()
        pid = conn.connection.dbapi_connection.info.backend_pid
        with admin_db.engine.connect() as admin:
            admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

    event.listen(app_db.engine, "before_cursor_execute", before_execute)


@pytest.mark.parametrize(
    "database", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
@pytest.mark.parametrize(
    ("method", "path", "table"),
    [("GET", "/v1/organizations", "organizations"), ("POST", "/v1/organizations", "organizations")],
)
def test_a_connection_dropped_mid_request_is_503(
    db: Database, admin: dict[str, str], method: str, path: str, table: str
) -> None:
    app_db = Database(db.url)
    _drop_connection_at(app_db, db, table)
    # The index is built by the request (the first statement on the table is the request's).
    app = create_app(_settings(db.url, index_warm=False), db=app_db)
    with TestClient(app, raise_server_exceptions=False) as client:
        body = organization() if method == "POST" else None
        assert_503(client.request(method, path, json=body, headers=admin))
        assert _organizations(db) == 0  # nothing half-written
        # The pool drops the dead connection; the next request gets a live one.
        assert client.get("/v1/organizations", headers=admin).status_code == 200
    app_db.dispose()


def _slow_app(limit: int, wait: float) -> tuple[Starlette, threading.Event]:
    go_on = threading.Event()

    def slow(_: Any) -> PlainTextResponse:
        go_on.wait(10)
        return PlainTextResponse("done")

    def health(_: Any) -> PlainTextResponse:
        return PlainTextResponse("ok")

    inner = Starlette(routes=[Route("/slow", slow), Route("/health", health)])
    inner.add_middleware(ConcurrencyLimit, limit=limit, wait=wait)
    return inner, go_on


def test_past_the_limit_a_request_waits_then_is_503() -> None:
    app, go_on = _slow_app(limit=1, wait=0.3)
    with TestClient(app) as client:
        first: list[Response] = []
        holder = threading.Thread(target=lambda: first.append(client.get("/slow")))
        holder.start()
        time.sleep(0.2)  # the first request is in, holding the only place
        started = time.monotonic()
        assert_503(client.get("/slow"))
        assert 0.25 < time.monotonic() - started < 5
        assert client.get("/health").status_code == 200  # liveness never waits
        go_on.set()
        holder.join(10)
        assert first[0].status_code == 200
        assert client.get("/slow").status_code == 200  # the place was given back


def test_a_request_waiting_at_the_door_gets_in_when_a_place_frees() -> None:
    app, go_on = _slow_app(limit=1, wait=5)
    with TestClient(app) as client:
        holder = threading.Thread(target=lambda: client.get("/slow"))
        holder.start()
        time.sleep(0.2)
        threading.Timer(0.3, go_on.set).start()
        assert client.get("/slow").status_code == 200
        holder.join(10)


def test_the_pool_must_hold_the_requests_in_flight() -> None:
    with pytest.raises(ValidationError, match="MAX_IN_FLIGHT"):
        Settings(db_pool_size=5, db_max_overflow=5, max_in_flight=20)
