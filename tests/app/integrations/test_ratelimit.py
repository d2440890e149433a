"""Rate limits per API key: headers on every answer, 429 with Retry-After past the limit."""

import re

import pytest
from fastapi.testclient import TestClient

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.main import create_app
from tests.conftest import SAME_SITE


def test_each_key_has_its_own_limit(db: Database, keys: dict[Role, str]) -> None:
    settings = Settings(
        database_url=db.url, embedder="tfidf", rate_limit="3/minute", webhook_worker=False
    )
    viewer = {"Authorization": f"Bearer {keys[Role.viewer]}"}
    admin = {"Authorization": f"Bearer {keys[Role.admin]}"}
    with TestClient(create_app(settings, db=db)) as client:
        answers = [client.get("/v1/needs", headers=viewer) for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 200]
        assert answers[0].headers["RateLimit-Policy"] == '"default";q=3;w=60'
        remaining = [re.search(r"r=(\d+)", a.headers["RateLimit"]) for a in answers]
        assert [int(m.group(1)) for m in remaining if m] == [2, 1, 0]

        refused = client.get("/v1/needs", headers=viewer)
        assert refused.status_code == 429
        assert refused.headers["content-type"] == "application/problem+json"
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        assert "RateLimit" in refused.headers
        # Writes are refused too, and write nothing.
        posted = client.post("/v1/needs", json={}, headers=viewer)
        assert posted.status_code == 429

        # Another key is not held back, and the open endpoints have no limit.
        assert client.get("/v1/needs", headers=admin).status_code == 200
        assert all(client.get("/health").status_code == 200 for _ in range(5))


def test_a_bad_rate_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="RATE_LIMIT 'lots' is not a rate"):
        Settings(rate_limit="lots")


def test_the_pages_spend_the_same_allowance_as_the_key(db: Database, keys: dict[Role, str]) -> None:
    settings = Settings(
        database_url=db.url, embedder="tfidf", rate_limit="3/minute", webhook_worker=False
    )
    with TestClient(create_app(settings, db=db), headers=SAME_SITE) as client:
        login = client.post(
            "/ui/login", data={"api_key": keys[Role.viewer]}, follow_redirects=False
        )
        assert login.status_code == 303  # the login form spends the address's allowance
        assert client.get("/ui/needs").status_code == 200
        headers = {"Authorization": f"Bearer {keys[Role.viewer]}"}
        assert client.get("/v1/needs", headers=headers).status_code == 200
        assert client.get("/v1/needs", headers=headers).status_code == 200
        refused = client.get("/ui/needs")  # the fourth request of the same key this minute
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        client.cookies.clear()
        guesses = [
            client.post("/ui/login", data={"api_key": f"pm_guess{i}"}).status_code for i in range(3)
        ]
        assert guesses == [401, 401, 429]  # one login before, from the same address
