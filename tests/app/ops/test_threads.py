"""COMPUTE_THREADS caps the numeric libraries' thread pools of the process at startup, for the
threads that serve requests."""

import sys
import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from threadpoolctl import threadpool_info, threadpool_limits

from app.config import Settings
from app.db import Database
from app.main import create_app


@pytest.fixture
def blas_at_two() -> Iterator[None]:
    """The BLAS pools at two threads, as a process starting on two cores has them; the
    previous limits come back afterwards."""
    limits = threadpool_limits(limits=2, user_api="blas")
    yield
    limits.restore_original_limits()


@pytest.mark.usefixtures("blas_at_two")
def test_startup_limits_blas_and_torch_threads(db: Database) -> None:
    settings = Settings(
        database_url=db.url, embedder="tfidf", webhook_worker=False, compute_threads=1
    )
    with TestClient(create_app(settings, db=db)) as client:
        assert client.get("/health").status_code == 200
        seen: list[tuple[list[int], int | None]] = []

        def look() -> None:  # from a thread started afterwards, as a request thread is
            blas = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
            torch = sys.modules.get("torch")
            seen.append((blas, None if torch is None else torch.get_num_threads()))

        worker = threading.Thread(target=look)
        worker.start()
        worker.join()
        (blas, torch_threads), *_ = seen
        assert blas, "numpy loads a BLAS: threadpoolctl must see it"
        assert set(blas) == {1}
        assert torch_threads in (None, 1)
