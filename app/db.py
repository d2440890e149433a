"""Engine, sessions and the declarative base shared by every model."""

import fcntl
import hashlib
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import NullPool

# Named constraints keep Alembic's batch mode on SQLite and its autogenerate comparisons stable.
#: How long a SQLite connection waits for another writer before "database is locked".
SQLITE_BUSY_SECONDS = 30

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # SQLite ignores foreign keys unless every connection asks for them.
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets readers go on while one request writes (the API serves from a thread pool).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


@dataclass(frozen=True)
class Pool:
    """How many connections a process keeps and opens, and how long a checkout may wait."""

    size: int = 10
    max_overflow: int = 10
    timeout: float = 5.0


def make_engine(url: str, pool: Pool | None = None) -> Engine:
    """An engine for `url`; for a SQLite file, its folder is made and foreign keys enforced."""
    pool = pool or Pool()
    parsed = make_url(url)
    options: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            # In memory, SQLAlchemy keeps one connection per thread: no pool to size.
            options = {"pool_size": pool.size, "max_overflow": pool.max_overflow}
            options["pool_timeout"] = pool.timeout
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS}, **options)
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=pool.size,
        max_overflow=pool.max_overflow,
        pool_timeout=pool.timeout,
        # A connection refused or a server gone answers within seconds, not a TCP timeout.
        connect_args={"connect_timeout": max(2, math.ceil(pool.timeout))},
    )


def is_unavailable(exc: BaseException) -> bool:
    """Whether `exc` says the database cannot be reached or is too busy now (no connection
    free in the pool, the server gone or refusing, SQLite locked), not that a request is wrong:
    a retry later may succeed."""
    if isinstance(exc, PoolTimeout | OperationalError):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


class Database:
    """One engine and its session factory; the app holds one, tests make their own."""

    def __init__(self, url: str, pool: Pool | None = None) -> None:
        self.url = url
        self.engine = make_engine(url, pool)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)
        self._probe: Engine | None = None

    def session(self, info: dict[str, Any] | None = None) -> Iterator[Session]:
        """The unit of work of one request: commit on success, roll back on any error.
        `info` goes to the session's `info` (what the request's settings say)."""
        with self.sessionmaker(info=info) as session:
            try:
                yield session
                session.commit()
            except Exception:
                session.rollback()
                raise

    def ping(self, timeout: float = 2.0) -> None:
        """`SELECT 1` on a connection of its own, within about `timeout` seconds; raises if the
        database cannot answer. The readiness probe: it takes no connection from the pool, so a
        busy process (every connection in use) still reads as ready."""
        if self._probe is None:
            self._probe = _probe_engine(self.url, timeout)
        with self._probe.connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()
        if self._probe is not None:
            self._probe.dispose()


def _probe_engine(url: str, timeout: float) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return create_engine(url, poolclass=NullPool, connect_args={"timeout": timeout})
    millis = max(1, round(timeout * 1000))
    return create_engine(
        url,
        poolclass=NullPool,
        connect_args={
            # libpq waits at least 2 s to connect; the statement gets the timeout itself.
            "connect_timeout": max(2, math.ceil(timeout)),
            "options": f"-c statement_timeout={millis}",
        },
    )


#: Per-process locks standing in for a file lock where SQLite has no file (":memory:").
_local_locks: dict[str, threading.Lock] = {}
_local_locks_lock = threading.Lock()


@contextmanager
def exclusive(db: Database, name: str) -> Iterator[None]:
    """Hold `name` against every other process of the deployment (and thread of this one),
    waiting for it when another holds it: one process computes what all would otherwise
    compute each (the partners' vectors after an import).

    PostgreSQL: a session advisory lock on a connection of its own; SQLite: a lock on a file
    beside the database. Either is let go when its holder dies, so a crashed holder never
    leaves the work blocked (a lease that needs no expiry)."""
    url = make_url(db.url)
    if url.get_backend_name() == "postgresql":
        key = int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big",
                             signed=True)  # fmt: skip
        with db.engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
        return
    path = url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        with _local_locks_lock:
            lock = _local_locks.setdefault(f"{db.url}|{name}", threading.Lock())
        with lock:
            yield
        return
    safe = "".join(c if c.isalnum() else "-" for c in name)
    with open(f"{path}.{safe}.lock", "a+b") as handle:
        # flock is per open file: two threads of this process each open their own and wait
        # like two processes.
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
