"""Webhook targets end to end: hostile URLs are refused at registration (422 naming `url`).

Only 127.0.0.1 is ever connected to: other addresses are refused, or answered by a mock."""

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.db import Database
from app.main import create_app
from app.webhooks import targets
from tests.app.webhooks.conftest import PUBLIC, FakeDns, settings_for
from tests.app.webhooks.test_targets import PROBES


@pytest.fixture
def strict(db: Database) -> Iterator[TestClient]:
    """The API as deployed: nothing let through, not even the test receiver's 127.0.0.1."""
    app = create_app(settings_for(db, webhook_allowed_hosts=[]), db=db)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _create(client: TestClient, headers: dict[str, str], url: str) -> Any:
    return client.post(
        "/v1/webhooks", json={"url": url, "events": ["engagement.created"]}, headers=headers
    )


def test_every_probe_is_refused_at_registration(
    strict: TestClient, convener: dict[str, str], dns: FakeDns
) -> None:
    # One app for all the probes (test_targets runs each on its own).
    for url, reason in PROBES:
        response = _create(strict, convener, url)
        assert response.status_code == 422, (url, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        [error] = response.json()["errors"]
        assert (error["field"], error["location"]) == ("url", "body"), url
        assert error["message"].startswith(reason), (url, error)
        assert response.json()["detail"] == f"url: {error['message']}"
    assert dns.asked == []
    assert strict.get("/v1/webhooks", headers=convener).json()["items"] == []


def test_a_name_resolving_to_a_private_address_is_refused_at_registration(
    strict: TestClient, convener: dict[str, str], dns: FakeDns
) -> None:
    dns.answers["intranet.crm.example"] = [PUBLIC, "10.0.0.7"]
    response = _create(strict, convener, "https://intranet.crm.example/hooks")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "url",
            "location": "body",
            "message": "address 10.0.0.7 (of intranet.crm.example) is private",
        }
    ]
    dns.answers["hooks.crm.example"] = [PUBLIC]
    assert _create(strict, convener, "https://hooks.crm.example/hooks").status_code == 201


def test_registration_resolves_off_the_event_loop(
    strict: TestClient, convener: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()

    def slow(host: str, port: int) -> list[str]:
        started.set()
        release.wait(5)
        return [PUBLIC]

    monkeypatch.setattr(targets, "lookup", slow)
    with ThreadPoolExecutor(1) as pool:
        created = pool.submit(_create, strict, convener, "https://slow.crm.example/hooks")
        assert started.wait(5)
        began = time.perf_counter()
        # While the lookup waits, the process answers: it waits in a thread, not on the loop.
        assert strict.get("/health").status_code == 200
        assert time.perf_counter() - began < 2
        assert not created.done()
        release.set()
        assert created.result().status_code == 201
