"""Benchmarks that print figures. Run one as `python -m bench.<name>` from the repository."""

import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx
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
    return statistics.median(samples), quantile(samples, 0.95)


def quantile(values: Sequence[float], q: float) -> float:
    """The value at quantile `q` of `values` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def free_port() -> int:
    """A TCP port of 127.0.0.1 free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(
    port: int,
    process: subprocess.Popen[bytes],
    within: float = 300,
    path: str = "/health",
    every: float = 0.2,
) -> None:
    """Until the server `process` started answers 200 on `path` of `port`, asking `every`
    seconds; exits the bench if it stops or does not answer `within` seconds."""
    ends = time.monotonic() + within
    while time.monotonic() < ends:
        if process.poll() is not None:
            raise SystemExit(f"the server on port {port} exited ({process.returncode})")
        try:
            if httpx.get(f"http://127.0.0.1:{port}{path}", timeout=10).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(every)
    raise SystemExit(f"the server on port {port} did not answer {path} in {within} s")


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
