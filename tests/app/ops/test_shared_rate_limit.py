"""Several API processes behind a load balancer share one rate limit through Redis: two apps
over the same database, requests alternating between them, and the fourth is refused."""

import re
import socket
import uuid
from collections.abc import Iterator

import pytest
import redis
from fastapi.testclient import TestClient

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.main import create_app

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def _redis_reachable() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=0.5):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    not _redis_reachable(), reason=f"no Redis at {REDIS_HOST}:{REDIS_PORT} to share limits through"
)


@pytest.fixture
def prefix() -> Iterator[str]:
    """A key prefix of this test alone, so runs side by side never share counts; its keys are
    removed afterwards."""
    prefix = f"pmtest-{uuid.uuid4().hex}"
    yield prefix
    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT)
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)
    client.close()


def test_two_processes_share_one_limit(db: Database, keys: dict[Role, str], prefix: str) -> None:
    settings = Settings(
        database_url=db.url,
        embedder="tfidf",
        webhook_worker=False,
        rate_limit="3/minute",
        rate_limit_storage=f"redis://{REDIS_HOST}:{REDIS_PORT}",
        rate_limit_key_prefix=prefix,
    )
    viewer = {"Authorization": f"Bearer {keys[Role.viewer]}"}
    with (
        TestClient(create_app(settings, db=db)) as one,
        TestClient(create_app(settings, db=db)) as two,
    ):
        answers = [c.get("/v1/needs", headers=viewer) for c in (one, two, one, two, one)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
        # Each answer counts down the one shared allowance, whichever process gave it.
        left = [re.search(r";r=(\d+);", a.headers["RateLimit"]) for a in answers[:3]]
        assert [int(m.group(1)) for m in left if m] == [2, 1, 0]
        assert 1 <= int(answers[3].headers["Retry-After"]) <= 60
    # The counts lived in Redis, under this test's prefix.
    assert list(redis.Redis(host=REDIS_HOST, port=REDIS_PORT).scan_iter(f"{prefix}*"))


def test_a_separate_prefix_keeps_a_separate_count(
    db: Database, keys: dict[Role, str], prefix: str
) -> None:
    viewer = {"Authorization": f"Bearer {keys[Role.viewer]}"}

    def settings(key_prefix: str) -> Settings:
        return Settings(
            database_url=db.url,
            embedder="tfidf",
            webhook_worker=False,
            rate_limit="1/minute",
            rate_limit_storage=f"redis://{REDIS_HOST}:{REDIS_PORT}",
            rate_limit_key_prefix=key_prefix,
        )

    with (
        TestClient(create_app(settings(f"{prefix}-a"), db=db)) as one,
        TestClient(create_app(settings(f"{prefix}-b"), db=db)) as other,
    ):
        assert one.get("/v1/needs", headers=viewer).status_code == 200
        assert one.get("/v1/needs", headers=viewer).status_code == 429
        assert other.get("/v1/needs", headers=viewer).status_code == 200
