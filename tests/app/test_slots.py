"""Slots are a rule of the write path: an ask that would take a slot of a need whose slots are
all taken is refused (409 naming the need and its slots), whatever the order, whoever retries,
and however many processes accept at once."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app import repository
from app.config import Settings
from app.db import Database
from app.main import create_app
from tests.helpers import organization, post

ASKS = 6


def _asks_for_a_one_slot_need(client: TestClient, admin: dict[str, str]) -> tuple[int, list[int]]:
    body = {"title": "Welding judge", "engagement_type": "other",
            "program": "Ridge Welding Academy", "slots": 1}  # fmt: skip
    need = post(client, admin, "needs", body)
    asks = []
    for i in range(ASKS):
        org = post(client, admin, "organizations", organization(name=f"Weld Shop {i}"))
        ask = post(client, admin, "engagements", {
            "organization_id": org["id"], "need_id": need["id"], "engagement_type": "other",
            "program": "Ridge Welding Academy", "status": "asked",
            "asked_at": "2026-11-02T09:00:00Z", "hours_estimated": 4,
        })  # fmt: skip
        asks.append(ask["id"])
    return need["id"], asks


def _accepted(client: TestClient, admin: dict[str, str], need_id: int) -> list[Any]:
    found = client.get("/v1/engagements", params={"need_id": need_id, "limit": 100},
                       headers=admin).json()["items"]  # fmt: skip
    return [a for a in found if a["status"] in ("accepted", "completed")]


def test_a_full_need_refuses_another_accept_and_its_retry(
    client: TestClient, admin: dict[str, str]
) -> None:
    need_id, asks = _asks_for_a_one_slot_need(client, admin)
    first = client.patch(f"/v1/engagements/{asks[0]}", json={"status": "accepted"}, headers=admin)
    assert first.status_code == 200
    for _ in range(2):  # refused, and refused again when retried as told
        second = client.patch(f"/v1/engagements/{asks[1]}", json={"status": "accepted"},
                              headers=admin)  # fmt: skip
        assert second.status_code == 409
        problem = second.json()
        assert f"need {need_id} has all its 1 slot taken" in problem["detail"]
        assert [e["field"] for e in problem["errors"]] == ["status"]
    # Completed straight from asked takes a slot too; the accepted ask may still change.
    done = client.patch(f"/v1/engagements/{asks[2]}",
                        json={"status": "completed", "hours_actual": 3}, headers=admin)  # fmt: skip
    assert done.status_code == 409
    note = client.patch(f"/v1/engagements/{asks[0]}", json={"hours_estimated": 6}, headers=admin)
    assert note.status_code == 200
    # A slot given back (declined) can be taken by another ask.
    client.patch(f"/v1/engagements/{asks[0]}", json={"status": "declined"}, headers=admin)
    again = client.patch(f"/v1/engagements/{asks[1]}", json={"status": "accepted"}, headers=admin)
    assert again.status_code == 200
    assert [a["id"] for a in _accepted(client, admin, need_id)] == [asks[1]]


def test_parallel_accepts_on_two_app_instances_fill_one_slot_once(
    db: Database, client: TestClient, admin: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    need_id, asks = _asks_for_a_one_slot_need(client, admin)
    # Every accept waits until all of them are about to take their first lock (their checks).
    barrier = threading.Barrier(ASKS, timeout=20)
    seen = threading.local()
    locking: Callable[..., None] = repository.lock

    def together(*args: Any) -> None:
        if not getattr(seen, "done", False):
            seen.done = True
            barrier.wait()
        locking(*args)

    monkeypatch.setattr(repository, "lock", together)
    other_db = Database(db.url)  # a second process's engine
    other = create_app(Settings(database_url=db.url), db=other_db)
    with TestClient(other) as second:
        clients = [client, second]

        def accept(i: int) -> tuple[int, str]:
            response = clients[i % 2].patch(f"/v1/engagements/{asks[i]}",
                                            json={"status": "accepted"}, headers=admin)  # fmt: skip
            return response.status_code, response.json().get("detail", "")

        with ThreadPoolExecutor(ASKS) as pool:
            answers = list(pool.map(accept, range(ASKS)))
    other_db.dispose()
    codes = sorted(code for code, _ in answers)
    assert codes == [200] + [409] * (ASKS - 1), answers
    assert all("slot taken" in detail for code, detail in answers if code == 409)
    assert len(_accepted(client, admin, need_id)) == 1
