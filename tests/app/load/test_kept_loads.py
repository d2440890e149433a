"""The load list from kept figures (paged in the database) answers exactly what computing
every partner in memory answers, a write shows in it at once, and a day's first list
brings the kept figures up to date in the background."""

from datetime import date, timedelta
from typing import get_args

import pytest
from fastapi.testclient import TestClient

from app.db import Database
from app.load import repository, service
from app.load.schemas import LoadQuery, Sort
from app.types import utcnow
from tests.helpers import post


def pages(db: Database, query: LoadQuery) -> list[dict[str, object]]:
    """Every page of the list, as plain data, following the cursors."""
    found: list[dict[str, object]] = []
    with db.sessionmaker() as session:
        while True:
            page = service.load_page(session, query)
            found += [item.model_dump() for item in page.items]
            if page.next_cursor is None:
                return found
            query = query.model_copy(update={"cursor": page.next_cursor})


def test_kept_figures_list_what_computing_them_lists(demo_db: Database) -> None:
    # Every sort, plain and filtered; one demo load for all of them (the demo is the cost).
    queries = [q for sort in get_args(Sort) for q in (
        LoadQuery(sort=sort, limit=7), LoadQuery(sort=sort, risk="high", limit=5),
        LoadQuery(sort=sort, kind="employer", limit=9))]  # fmt: skip
    computed = [pages(demo_db, q) for q in queries]
    assert service.refresh_kept_loads(demo_db.sessionmaker) > 0
    with demo_db.sessionmaker() as session:
        assert repository.kept_as_of(session) == service.today()
    for query, expected in zip(queries, computed, strict=True):
        assert pages(demo_db, query) == expected, query


def test_a_write_shows_in_the_kept_list_at_once(
    client: TestClient, admin: dict[str, str], demo_db: Database
) -> None:
    service.refresh_kept_loads(demo_db.sessionmaker)
    last = pages(demo_db, LoadQuery(sort="asks", limit=100))[0]  # the least asked
    for _ in range(3):
        post(client, admin, "engagements", {
            "organization_id": last["organization_id"], "program": "Kept loads test",
            "engagement_type": "job_shadow", "status": "asked", "hours_estimated": 2,
            "asked_at": utcnow().isoformat()})  # fmt: skip
    now = next(p for p in pages(demo_db, LoadQuery(sort="-asks", limit=100))
               if p["organization_id"] == last["organization_id"])  # fmt: skip
    assert now["asks"] == int(str(last["asks"])) + 3


def test_the_first_list_of_a_day_refreshes_in_the_background(
    client: TestClient, admin: dict[str, str], demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.refresh_kept_loads(demo_db.sessionmaker)
    tomorrow = date.today() + timedelta(days=1)
    monkeypatch.setattr(service, "today", lambda: tomorrow)
    answer = client.get("/v1/partners/load?limit=5", headers=admin)
    assert answer.status_code == 200, answer.text
    app = client.app
    app.state.load_keeper.wait(60)  # type: ignore[attr-defined]
    with demo_db.sessionmaker() as session:
        assert repository.kept_as_of(session) == tomorrow


def test_every_kind_of_write_keeps_the_figures_a_page_shows(
    client: TestClient, admin: dict[str, str], demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page is assessed from the kept rows alone: after an interview (capacity), a
    temperature check (satisfaction) and an ask, it shows what computing them shows."""
    service.refresh_kept_loads(demo_db.sessionmaker)
    who = pages(demo_db, LoadQuery(sort="-risk", limit=100))[3]["organization_id"]
    post(client, admin, "interviews", {
        "organization_id": who, "conducted_at": utcnow().isoformat(), "interest_level": 2,
        "capacity_hours_per_month": 3, "max_concurrent_engagements": 1,
        "engagement_types": ["mentoring"]})  # fmt: skip
    for satisfaction in (1, 2):
        post(client, admin, "temperature-checks", {
            "organization_id": who, "checked_at": utcnow().isoformat(),
            "satisfaction": satisfaction, "comment": "stretched thin"})  # fmt: skip
    post(client, admin, "engagements", {
        "organization_id": who, "program": "Kept loads test", "engagement_type": "mentoring",
        "status": "accepted", "hours_estimated": 12, "asked_at": utcnow().isoformat()})  # fmt: skip
    query = LoadQuery(sort="-risk", limit=100)
    kept = pages(demo_db, query)
    monkeypatch.setattr(repository, "kept_as_of", lambda _: None)  # compute every partner
    monkeypatch.setattr(service, "_kept_page", lambda *_: None)
    computed = pages(demo_db, query)
    assert kept == computed
    mine = next(p for p in kept if p["organization_id"] == who)
    assert mine["capacity_hours"] is not None
