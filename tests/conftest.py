"""Fixtures: a migrated database per backend (SQLite always, PostgreSQL when TEST_DATABASE_URL
is set), emptied after each test, an app over it, and API keys for every role."""

import functools
import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import fastapi.dependencies.models
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Row, Table, make_url, text

from app.auth.models import Role
from app.auth.service import create_key
from app.config import Settings
from app.db import Database
from app.demo.loader import load
from app.main import create_app
from app.migrate import upgrade
from app.models import Base

# Collect young garbage less often: a worker's heap holds a million objects and more (models,
# apps, generated strategies), and every collection that reaches it stops all threads. Measured on
# tests/app/ui, matches and plans (2 workers): 23-31 s of collections a worker, 11-14 s with this;
# the run took 148 s instead of 156 s.
gc.set_threshold(10_000, 20, 20)

PG_URL = os.environ.get("TEST_DATABASE_URL")
PG_SKIP_REASON = "PostgreSQL tests skipped: set TEST_DATABASE_URL to run them"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The schemathesis tests last: each keeps its operation's generated strategies alive
    # (45,000 objects an operation; 4.6 million in a worker after 100 of them), and every full
    # garbage collection after that stops all threads for seconds, long enough for a served
    # app's answer or a browser's page to time out. Last, they slow only themselves.
    items.sort(key=lambda item: "slow" in item.keywords)
    if PG_URL:
        return
    skip = pytest.mark.skip(reason=PG_SKIP_REASON)
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not PG_URL:
        terminalreporter.write_line(
            f"NOTE: {PG_SKIP_REASON} (make test does not; .ci/run does)", yellow=True, bold=True
        )


WORKER = os.environ.get("PYTEST_XDIST_WORKER")  # "gw0", "gw1"... when run with -n


@pytest.fixture(autouse=True)
def forget_apps() -> Iterator[None]:
    """After each test, empty FastAPI's caches of endpoint callables (lru_caches of 4,096 in
    fastapi.dependencies.models). Routes defined inside create_app close over their app, so those
    caches kept a few hundred apps of earlier tests alive in a worker, 60,000 objects each: the
    heap grew past 5 million objects a sixth of the way through the suite and every full garbage
    collection stopped all threads for seconds (4 s measured), long enough for a served app's
    request (GET /openapi.json, a page's form post) to time out. One app per process in service."""
    yield
    for cached in vars(fastapi.dependencies.models).values():
        if isinstance(cached, functools._lru_cache_wrapper):
            cached.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """MODEL_CACHE_DIR for the run: no test writes to the user's cache, and the ONNX export of
    the model (~30 s) is made at most once per run, by the first test of any worker that needs
    it (the export holds a file lock; the others wait and find it)."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if WORKER else base) / "models"
    folder.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MODEL_CACHE_DIR", str(folder))
        yield folder


def worker_database(url: str) -> str:
    """Each pytest-xdist worker gets a database of its own next to TEST_DATABASE_URL's
    ("test" -> "test_gw0"), made when missing; without workers, TEST_DATABASE_URL itself."""
    if not WORKER:
        return url
    base = make_url(url)
    name = f"{base.database}_{WORKER}"
    # The maintenance database is there on every server, whether or not the named one is.
    admin = Database(base.set(database="postgres").render_as_string(hide_password=False))
    try:
        with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            found = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).first()
            if found is None:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def fresh_database(backend: str, tmp_dir: Path) -> Database:
    """An empty database of `backend` brought to the newest schema by Alembic."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_dir / 'test.db'}"
    else:
        assert PG_URL
        url = worker_database(PG_URL)
        db = Database(url)
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        db.dispose()
    upgrade(url)
    db = Database(url)
    with db.engine.connect() as conn:
        # What the migrations themselves wrote (the shipped sector vocabulary): put back after
        # every test, as a deployment always has it.
        _SEEDED[url] = {t.name: [dict(r._mapping) for r in conn.execute(t.select())]
                        for t in Base.metadata.sorted_tables}  # fmt: skip
    return db


#: Per database: the rows the migrations left in every table.
_SEEDED: dict[str, dict[str, list[dict[str, object]]]] = {}


@pytest.fixture(scope="session", params=BACKENDS)
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    db = fresh_database(request.param, tmp_path_factory.mktemp(request.param))
    yield db
    db.dispose()


def empty_tables(db: Database) -> None:
    """Every table as the migrations left it."""
    with db.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
    put_back(db, _SEEDED.get(db.url, {}))


def put_back(db: Database, rows: dict[str, list[dict[str, object]]]) -> None:
    """Insert `rows` (by table name) as they were, ids included."""
    with db.engine.begin() as conn:
        for table in Base.metadata.sorted_tables:
            if rows.get(table.name):
                conn.execute(table.insert(), rows[table.name])
            if conn.dialect.name == "postgresql" and "id" in table.c and rows.get(table.name):
                # Ids given explicitly: the next one made must follow them, as after a load.
                conn.execute(
                    text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :top)"),
                    {"t": table.name, "top": max(int(str(r["id"])) for r in rows[table.name])},
                )


@pytest.fixture
def db(database: Database) -> Iterator[Database]:
    """The session's database, emptied after each test (tests commit for real)."""
    yield database
    empty_tables(database)


#: Per database: the rows the demo load left in every table, to put back instead of loading the
#: demo again through the write path for each test (about 3 s each, a fifth of the suite).
_DEMO_ROWS: dict[str, dict[str, list[dict[str, object]]]] = {}


def _key(table: Table, row: Row[Any]) -> tuple[object, ...]:
    return tuple(row._mapping[c.name] for c in table.primary_key.columns)


def _keys_of_rows(db: Database) -> dict[str, set[tuple[object, ...]]]:
    with db.engine.connect() as conn:
        return {t.name: {_key(t, r) for r in conn.execute(t.select())}
                for t in Base.metadata.sorted_tables}  # fmt: skip


@pytest.fixture
def demo_db(db: Database) -> Database:
    """The test database holding the demo data set: loaded through the loader by the first test
    that asks on this database, its rows put back as they were for the next ones."""
    rows = _DEMO_ROWS.get(db.url)
    if rows is None:
        before = _keys_of_rows(db)  # what other fixtures (API keys...) wrote first
        with db.sessionmaker.begin() as session:
            load(session)
        with db.engine.connect() as conn:
            _DEMO_ROWS[db.url] = {
                t.name: [dict(r._mapping) for r in conn.execute(t.select())
                         if _key(t, r) not in before[t.name]]
                for t in Base.metadata.sorted_tables
            }  # fmt: skip
        return db
    put_back(db, rows)
    return db


@pytest.fixture
def app(db: Database) -> FastAPI:
    # TF-IDF keeps API tests fast; tests/app/matches runs the real model.
    return create_app(Settings(database_url=db.url, embedder="tfidf"), db=db)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    # A browser says where a form comes from; the pages refuse a post that does not.
    with TestClient(app, raise_server_exceptions=False, headers=SAME_SITE) as c:
        yield c


#: What a browser sends with a form posted from these pages.
SAME_SITE = {"Origin": "http://testserver"}


@pytest.fixture
def keys(db: Database) -> dict[Role, str]:
    """One live API key per role."""
    with db.sessionmaker.begin() as session:
        return {role: create_key(session, f"test {role.value}", role)[1] for role in Role}


AuthFor = Callable[[Role], dict[str, str]]


@pytest.fixture
def auth(keys: dict[Role, str]) -> AuthFor:
    """Headers for a key of the given role."""
    return lambda role: {"Authorization": f"Bearer {keys[role]}"}


@pytest.fixture
def admin(auth: AuthFor) -> dict[str, str]:
    return auth(Role.admin)
