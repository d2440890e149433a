"""Deliveries to a real HTTP receiver: signed per Standard Webhooks, retried, logged, handed
over across restarts, given up at the end of the window, and never in the way of a write."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from standardwebhooks.webhooks import Webhook

from app.db import Database
from app.main import create_app
from app.types import utcnow
from app.webhooks import repository
from app.webhooks.models import WebhookDelivery
from tests.app.webhooks.conftest import MakeWorker, Receiver, Reply, Subscribe, settings_for
from tests.helpers import bodies, stored_chain


def _ask(client: TestClient, headers: dict[str, str], chain: dict[str, Any] | None = None) -> Any:
    """Record an engagement through the API (and the organization and need it points at)."""
    chain = chain or stored_chain(client, headers)
    # Not for the chain's need: a partner has one open ask per need, and these tests ask twice.
    body = bodies(chain)["engagements"] | {"need_id": None}
    response = client.post("/v1/engagements", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def _deliveries(client: TestClient, headers: dict[str, str], hook: dict[str, Any]) -> Any:
    response = client.get(f"/v1/webhooks/{hook['id']}/deliveries", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _verified(received: Any, secret: str) -> Any:
    """The event, after the receiver's check of its signature."""
    assert received.headers["content-type"] == "application/json"
    return Webhook(secret).verify(received.body, received.headers)


def test_a_signed_delivery_end_to_end_with_one_retry(
    client: TestClient,
    convener: dict[str, str],
    subscribe: Subscribe,
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe(receiver.url)
    engagement = _ask(client, convener)
    receiver.replies = [Reply(500, body=b"database is down")]
    # Backoff of half a minute to a minute: well inside the receiver's 5-minute tolerance.
    worker = make_worker(webhook_retry_base_seconds=60, webhook_retry_max_seconds=60)

    assert worker.deliver_due() == 1
    [pending] = _deliveries(client, convener, hook)
    assert pending["status"] == "pending"
    assert pending["attempt_count"] == 1
    [failed] = pending["attempts"]
    assert failed["status_code"] == 500
    assert failed["summary"] == "HTTP 500 Internal Server Error"  # not what it said
    assert failed["error"] is None
    assert worker.deliver_due() == 0  # not due yet: backing off

    due = pending["next_attempt_at"]
    assert worker.deliver_due(now=utcnow().fromisoformat(due)) == 1
    [delivered] = _deliveries(client, convener, hook)
    assert delivered["status"] == "succeeded"
    assert delivered["completed_at"] is not None
    assert delivered["next_attempt_at"] is None
    assert [(a["attempt"], a["status_code"]) for a in delivered["attempts"]] == [(2, 204), (1, 500)]

    # Both attempts reached the receiver, correctly signed, as the same message.
    first, second = receiver.received
    events = [_verified(r, hook["secret"]) for r in (first, second)]
    assert events[0] == events[1] == delivered["payload"]
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == events[0]["id"]
    assert events[0]["type"] == "engagement.created"
    assert events[0]["data"] == engagement  # the engagement as the API reads it
    assert first.path == "/hooks"
    with pytest.raises(Exception, match="signature"):
        Webhook("whsec_" + "A" * 44).verify(first.body, first.headers)


def test_the_lifespan_worker_delivers_soon_after_the_commit(
    db: Database, convener: dict[str, str], receiver: Receiver
) -> None:
    settings = settings_for(db, webhook_worker=True, webhook_poll_seconds=30)
    with TestClient(create_app(settings, db=db)) as client:
        created = client.post(
            "/v1/webhooks",
            json={"url": receiver.url, "events": ["engagement.created"]},
            headers=convener,
        )
        secret = created.json()["secret"]
        _ask(client, convener)
        # The commit wakes the worker: far sooner than its 30 s poll.
        assert receiver.got_one.wait(5)
    [received] = receiver.received
    assert _verified(received, secret)["type"] == "engagement.created"


def test_410_gone_gives_up_and_disables_the_endpoint(
    client: TestClient,
    convener: dict[str, str],
    subscribe: Subscribe,
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe(receiver.url)
    chain = stored_chain(client, convener)
    _ask(client, convener, chain)
    _ask(client, convener, chain)
    receiver.replies = [Reply(410)]

    assert make_worker().deliver_due() == 1  # the second is given up with its endpoint
    assert len(receiver.received) == 1
    stopped = client.get(f"/v1/webhooks/{hook['id']}", headers=convener).json()
    assert stopped["active"] is False
    assert stopped["disabled_at"] is not None
    assert "410" in stopped["disabled_reason"]
    newest, oldest = _deliveries(client, convener, hook)
    assert oldest["status"] == newest["status"] == "failed"
    assert [a["status_code"] for a in oldest["attempts"]] == [410]
    assert newest["attempts"] == []

    # Nothing more is queued for it.
    _ask(client, convener, chain)
    assert len(_deliveries(client, convener, hook)) == 2


@pytest.mark.parametrize(
    ("code", "retry_after", "wait"),
    [(429, "120", 120), (503, "Sun, 06 Nov 1994 08:49:37 GMT", 0.01), (429, "3600", 3600)],
)
def test_retry_after_is_honoured(
    client: TestClient,
    convener: dict[str, str],
    subscribe: Subscribe,
    receiver: Receiver,
    make_worker: MakeWorker,
    code: int,
    retry_after: str,
    wait: float,
) -> None:
    hook = subscribe(receiver.url)
    _ask(client, convener)
    receiver.replies = [Reply(code, {"Retry-After": retry_after})]
    now = utcnow()
    make_worker(webhook_retry_max_seconds=5).deliver_due(now=now)
    [delivery] = _deliveries(client, convener, hook)
    assert delivery["status"] == "pending"
    # Past dates mean "now" (then never sooner than the base); the cap is for backoff only.
    expected = now + timedelta(seconds=wait)
    assert utcnow().fromisoformat(delivery["next_attempt_at"]) == expected


def test_a_receiver_that_is_down_never_fails_the_write(
    client: TestClient,
    convener: dict[str, str],
    subscribe: Subscribe,
    dead_url: str,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe(dead_url)
    _ask(client, convener)  # 201: the write does not wait for the receiver
    worker = make_worker()
    assert worker.deliver_due() == 1
    [delivery] = _deliveries(client, convener, hook)
    assert delivery["status"] == "pending"
    [attempt] = delivery["attempts"]
    assert attempt["status_code"] is None
    assert attempt["error"] == attempt["summary"] == "connection refused"


def test_redirects_are_not_followed(
    client: TestClient,
    convener: dict[str, str],
    subscribe: Subscribe,
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe(receiver.url)
    _ask(client, convener)
    receiver.replies = [Reply(307, {"Location": receiver.url + "/elsewhere"})]
    make_worker().deliver_due()
    assert len(receiver.received) == 1
    [delivery] = _deliveries(client, convener, hook)
    assert delivery["status"] == "pending"
    assert delivery["attempts"][0]["status_code"] == 307
    assert delivery["attempts"][0]["summary"] == "HTTP 307 Temporary Redirect"


def test_a_delivery_pending_at_shutdown_is_sent_by_the_next_process(
    db: Database,
    client: TestClient,
    convener: dict[str, str],
    subscribe: Subscribe,
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe(receiver.url)
    _ask(client, convener)
    receiver.replies = [Reply(502)]
    before = make_worker()
    before.deliver_due()
    before.stop()

    # A new process: its own engine over the same database, its worker started by the lifespan.
    again = Database(db.url)
    try:
        settings = settings_for(db, webhook_worker=True)
        with TestClient(create_app(settings, db=again)):
            for _ in range(100):
                if len(receiver.received) == 2:
                    break
                receiver.got_one.clear()
                receiver.got_one.wait(0.1)
    finally:
        again.dispose()
    assert len(receiver.received) == 2
    _verified(receiver.received[1], hook["secret"])
    [delivery] = _deliveries(client, convener, hook)
    assert (delivery["status"], delivery["attempt_count"]) == ("succeeded", 2)


def test_a_lease_keeps_other_workers_off_until_it_ends(
    db: Database,
    client: TestClient,
    convener: dict[str, str],
    subscribe: Subscribe,
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    subscribe(receiver.url)
    _ask(client, convener)
    now = utcnow()
    with db.sessionmaker.begin() as session:
        [id_] = repository.due(session, now, 10)
        # A worker claims it and dies before recording anything.
        assert repository.claim(session, id_, now, now + timedelta(minutes=1)) is not None
        assert repository.claim(session, id_, now, now + timedelta(minutes=1)) is None
    worker = make_worker()
    assert worker.deliver_due(now=now + timedelta(seconds=59)) == 0
    assert receiver.received == []
    assert worker.deliver_due(now=now + timedelta(seconds=61)) == 1
    assert len(receiver.received) == 1


def test_retries_stop_when_the_window_has_passed(
    db: Database,
    client: TestClient,
    convener: dict[str, str],
    subscribe: Subscribe,
    dead_url: str,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe(dead_url)
    _ask(client, convener)
    with db.sessionmaker() as session:
        created = session.scalars(select(WebhookDelivery.created_at)).one()
    clock = [created]
    worker = make_worker(
        clock=lambda: clock[0],
        webhook_retry_base_seconds=600,
        webhook_retry_max_seconds=3000,
        webhook_retry_window_hours=1,
    )
    end = created + timedelta(hours=1)
    times = []
    while worker.deliver_due():
        [delivery] = _deliveries(client, convener, hook)
        if delivery["next_attempt_at"] is None:
            break
        clock[0] = utcnow().fromisoformat(delivery["next_attempt_at"])
        times.append(clock[0])
    assert times[-1] == end  # the last try falls at the window's end, not past it
    assert all(a < b for a, b in zip(times, times[1:], strict=False))
    [delivery] = _deliveries(client, convener, hook)
    assert delivery["status"] == "failed"
    assert delivery["attempt_count"] == len(times) + 1
    assert utcnow().fromisoformat(delivery["completed_at"]) == end
    assert worker.deliver_due(now=end + timedelta(days=1)) == 0


def test_deliveries_list_newest_first_by_cursor_and_status(
    client: TestClient,
    convener: dict[str, str],
    subscribe: Subscribe,
) -> None:
    hook = subscribe("https://crm.example/hooks", ["engagement.created"])
    chain = stored_chain(client, convener)
    asked = [_ask(client, convener, chain)["id"] for _ in range(3)]
    path = f"/v1/webhooks/{hook['id']}/deliveries"
    first = client.get(f"{path}?limit=2", headers=convener).json()
    rest = client.get(f"{path}?limit=2&cursor={first['next_cursor']}", headers=convener).json()
    assert rest["next_cursor"] is None
    pages = first["items"] + rest["items"]
    assert [d["payload"]["data"]["id"] for d in pages] == asked[::-1]
    assert client.get(f"{path}?status=succeeded", headers=convener).json()["items"] == []
    assert len(client.get(f"{path}?status=pending", headers=convener).json()["items"]) == 3
    assert client.get(f"{path}?status=sent", headers=convener).status_code == 422


def test_two_workers_never_send_the_same_delivery(
    db: Database,
    client: TestClient,
    convener: dict[str, str],
    subscribe: Subscribe,
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe(receiver.url)
    chain = stored_chain(client, convener)
    for _ in range(12):
        _ask(client, convener, chain)
    workers = [make_worker(), make_worker()]
    with ThreadPoolExecutor(2) as pool:
        made = list(pool.map(lambda w: w.deliver_due(), workers))
    assert sum(made) == 12
    ids = [r.headers["webhook-id"] for r in receiver.received]
    assert len(ids) == len(set(ids)) == 12
    delivered = _deliveries(client, convener, hook)
    assert {(d["status"], d["attempt_count"]) for d in delivered} == {("succeeded", 1)}
