"""/metrics as an operator reads it: a request made shows up under its route template and
status class, the partner index's builds and the webhook queue are counted, and the scrape needs
no key and is never rate limited."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.main import create_app
from app.webhooks.worker import WebhookWorker
from tests.helpers import organization, post

NEED = {
    "title": "Welding internships",
    "program": "Riverbend CC Mechatronics Pathway",
    "engagement_type": "internship_host",
    "region": "River Valley",
    "skills": ["MIG welding"],
    "slots": 2,
}


def _settings(db: Database, **over: object) -> Settings:
    return Settings.model_validate(
        {"database_url": db.url, "embedder": "tfidf", "webhook_worker": False, **over}
    )


def scrape(client: TestClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of /metrics by name and labels."""
    answer = client.get("/metrics")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain; version=")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(answer.text)
        for s in family.samples
    }


def sample(
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture
def client(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(_settings(db), db=db), raise_server_exceptions=False) as c:
        yield c


def test_a_request_is_counted_under_its_route_template(
    client: TestClient, admin: dict[str, str]
) -> None:
    need = post(client, admin, "needs", NEED)
    assert client.get(f"/v1/needs/{need['id']}", headers=admin).status_code == 200
    assert client.get(f"/v1/needs/{need['id']}", headers=admin).status_code == 200
    assert client.get("/v1/needs/987654", headers=admin).status_code == 404
    assert client.get("/no/such/page/17").status_code == 404

    samples = scrape(client)
    route = "/v1/needs/{id}"
    total = "partnermatch_http_requests_total"
    assert sample(samples, total, method="GET", route=route, status="2xx") == 2
    assert sample(samples, total, method="GET", route=route, status="4xx") == 1
    assert sample(samples, total, method="POST", route="/v1/needs", status="2xx") == 1
    assert sample(samples, total, method="GET", route="<unmatched>", status="4xx") == 1
    latency = "partnermatch_http_request_duration_seconds_count"
    assert sample(samples, latency, method="GET", route=route, status="2xx") == 2
    # Never a raw path: no series names an id.
    routes = {dict(labels).get("route", "") for _, labels in samples}
    assert routes == {"", "/v1/needs", "/v1/needs/{id}", "<unmatched>"}
    # The scrape itself is the one request in flight.
    assert sample(samples, "partnermatch_http_requests_in_flight") == 1


def test_metrics_need_no_key_and_are_never_rate_limited(
    db: Database, admin: dict[str, str]
) -> None:
    with TestClient(create_app(_settings(db, rate_limit="2/minute"), db=db)) as client:
        statuses = [client.get("/v1/needs", headers=admin).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        for _ in range(5):
            samples = scrape(client)  # no Authorization header, and past the key's limit
        # The 429, answered before the router, still counts under the route it was for.
        total = "partnermatch_http_requests_total"
        assert sample(samples, total, method="GET", route="/v1/needs", status="4xx") == 1
        assert sample(samples, total, method="GET", route="/v1/needs", status="2xx") == 2


def test_openmetrics_when_prometheus_asks_for_it(client: TestClient) -> None:
    accept = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"
    answer = client.get("/metrics", headers={"Accept": accept})
    assert answer.headers["content-type"].startswith("application/openmetrics-text")
    assert answer.text.endswith("# EOF\n")


def test_metrics_can_be_turned_off(db: Database) -> None:
    with TestClient(create_app(_settings(db, metrics_enabled=False), db=db)) as client:
        assert client.get("/metrics").status_code == 404
        assert client.get("/health").status_code == 200


def test_index_builds_are_counted_and_timed(client: TestClient, admin: dict[str, str]) -> None:
    post(client, admin, "organizations", organization(name="Castellan Aerostructures"))
    need = post(client, admin, "needs", NEED)
    app: Any = client.app
    app.state.index.wait(30)
    before = scrape(client)
    # Built once when the process started.
    assert sample(before, "partnermatch_index_builds_total", how="build") == 1

    assert client.get(f"/v1/needs/{need['id']}/matches", headers=admin).status_code == 200
    assert client.get(f"/v1/needs/{need['id']}/matches", headers=admin).status_code == 200
    after = scrape(client)
    # The first read built it again (TF-IDF is fitted to the partners, one was added since),
    # the second reused it.
    assert sample(after, "partnermatch_index_builds_total", how="build") == 2
    assert sample(after, "partnermatch_index_build_duration_seconds_count", how="build") == 2
    assert sample(after, "partnermatch_index_build_duration_seconds_sum", how="build") > 0
    assert sample(after, "partnermatch_index_pending_vectors") == 0
    assert sample(after, "partnermatch_index_last_build_timestamp_seconds") > 0

    post(client, admin, "organizations", organization(name="Meridian Health System"))
    assert client.get(f"/v1/needs/{need['id']}/matches", headers=admin).status_code == 200
    # A write: TF-IDF is fitted to the partners' texts, so it builds whole again.
    assert sample(scrape(client), "partnermatch_index_builds_total", how="build") == 3


def test_the_webhook_queue_and_failed_attempts_are_shown(
    db: Database, keys: dict[Role, str]
) -> None:
    settings = _settings(db, webhook_allowed_hosts=["127.0.0.1"])
    app = create_app(settings, db=db)
    convener = {"Authorization": f"Bearer {keys[Role.admin]}"}  # webhooks are an admin's
    with TestClient(app) as client:
        post(
            client,
            convener,
            "webhooks",
            {"url": "http://127.0.0.1:1/hook", "events": ["need.filled"]},
        )
        post(client, convener, "needs", NEED | {"status": "filled"})
        samples = scrape(client)
        deliveries = "partnermatch_webhook_deliveries"
        assert sample(samples, deliveries, status="pending") == 1
        assert sample(samples, deliveries, status="failed") == 0

        # One pass of the worker: nothing listens on port 1, so the attempt fails, to retry.
        worker = WebhookWorker(db, settings, on_attempt=app.state.metrics.webhook_attempt)
        assert worker.deliver_due() == 1
        worker.client.close()
        samples = scrape(client)
        attempts = "partnermatch_webhook_attempts_total"
        assert sample(samples, attempts, outcome="retry") == 1
        assert sample(samples, attempts, outcome="succeeded") == 0
        assert sample(samples, deliveries, status="pending") == 1  # still queued for a retry
