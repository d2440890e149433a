"""Benchmarks that print figures. Run one as `python -m bench.<name>` from the repository."""

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from app.db import Database
from app.migrate import upgrade


def percentiles(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """p50 and p95 of `fn`'s wall time in milliseconds over `runs` calls, after one warm-up."""
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(runs - 1, round(0.95 * (runs - 1)))]


def empty_database(url: str | None, name: str = "bench", folder: Path | None = None) -> Database:
    """A migrated, empty database: `url` with its `public` schema dropped and made again (it
    must be a PostgreSQL database the bench may wipe), or None for a SQLite file `name`.db in
    `folder` (default: a new temporary folder)."""
    if url is None:
        url = f"sqlite:///{(folder or Path(tempfile.mkdtemp())) / name}.db"
    elif url.startswith("postgresql"):
        wiped = Database(url)
        with wiped.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        wiped.dispose()
    upgrade(url)
    return Database(url)
