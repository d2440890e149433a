"""Incremental freshness with a dense embedder: a write is patched into each process's index in
place (never a whole rebuild in the request), and the patched index answers exactly what a
freshly built one answers for the same data."""

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from app.config import Settings
from app.db import Database
from app.main import create_app
from app.matches import change_log
from app.matches import index as index_module
from app.matches.models import IndexChange
from app.types import utcnow
from tests.app.matches.test_index import WordHashEmbedder
from tests.app.ops.test_metrics import sample, scrape
from tests.helpers import organization, post

EXPERTISE = "welding inspection and certification"
NEED: dict[str, Any] = {
    "title": "Welding judges for a SkillsUSA contest",
    "description": "Certified welders to judge SMAW and GMAW plates at the regional contest.",
    "expertise_sought": EXPERTISE,
    "skills": ["welding", "blueprint reading"],
    "partner_kinds": ["employer"],
    "sectors": ["advanced_manufacturing"],
    "region": "River Valley",
    "engagement_type": "guest_instruction",
    "hours_per_partner": 6,
    "slots": 2,
    "program": "River Valley CTE",
}


def _app(db: Database) -> FastAPI:
    settings = Settings(database_url=db.url, webhook_worker=False)
    return create_app(settings, db=db, embedder=WordHashEmbedder())


@pytest.fixture
def dense(demo_db: Database) -> Iterator[TestClient]:
    with TestClient(_app(demo_db), raise_server_exceptions=False) as client:
        yield client


def matches(client: TestClient, admin: dict[str, str], need_id: int) -> list[dict[str, Any]]:
    answer = client.get(f"/v1/needs/{need_id}/matches?limit=15", headers=admin)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def builds(client: TestClient, how: str) -> float:
    return sample(scrape(client), "partnermatch_index_builds_total", how=how)


def test_writes_are_patched_in_and_answer_as_a_fresh_build_does(
    dense: TestClient, admin: dict[str, str], demo_db: Database
) -> None:
    need = post(dense, admin, "needs", NEED)
    matches(dense, admin, need["id"])
    assert builds(dense, "build") == 1

    # Every kind of write a ranking reads: a new partner, an edited profile, an interview, an
    # ask (load), a contact's skills, a temperature check, and a partner deleted.
    welder = post(dense, admin, "organizations", organization(
        name="Tri-County Welding Fabricators", description="Structural welding shop: SMAW, "
        "GMAW and flux-core; certified welding inspectors on staff."))  # fmt: skip
    assert matches(dense, admin, need["id"])[0]["name"] == "Tri-County Welding Fabricators"
    shown = matches(dense, admin, need["id"])
    second = next(m for m in shown if m["name"] != welder["name"])
    edited = dense.patch(f"/v1/organizations/{second['organization_id']}", headers=admin,
                         json={"description": "A bakery making sourdough bread."})  # fmt: skip
    assert edited.status_code == 200, edited.text
    post(dense, admin, "interviews", {
        "organization_id": welder["id"], "conducted_at": "2026-11-01T10:00:00Z",
        "business_summary": "Steel fabrication", "role_and_skills": "welding inspector",
        "interest_level": 5, "capacity_hours_per_month": 10, "max_concurrent_engagements": 2,
        "engagement_types": ["guest_instruction"]})  # fmt: skip
    post(dense, admin, "engagements", {
        "organization_id": welder["id"], "program": "Another program",
        "engagement_type": "job_shadow", "status": "accepted", "hours_estimated": 8,
        "starts_on": date.today().isoformat(),
        "ends_on": (date.today() + timedelta(days=20)).isoformat()})  # fmt: skip
    post(dense, admin, "contacts", {"organization_id": welder["id"], "name": "Ada Ortiz",
                                    "skills": ["blueprint reading"]})  # fmt: skip
    third = shown[2]["organization_id"]
    post(dense, admin, "temperature-checks", {"organization_id": third, "satisfaction": 1,
                                              "checked_at": "2026-11-20T09:00:00Z"})  # fmt: skip
    gone = shown[3]["organization_id"]
    assert dense.delete(f"/v1/organizations/{gone}?cascade=true", headers=admin).status_code == 204

    patched = matches(dense, admin, need["id"])
    assert builds(dense, "build") == 1  # never a whole rebuild in a request
    assert builds(dense, "patch") >= 2
    assert gone not in [m["organization_id"] for m in patched]
    top = next(m for m in patched if m["name"] == welder["name"])
    assert top["capacity"]["status"] != "unknown"  # the interview was read
    assert any("blueprint reading" in line for line in top["explanation"])  # the contact's skill

    with TestClient(_app(demo_db), raise_server_exceptions=False) as fresh:
        assert matches(fresh, admin, need["id"]) == patched
        assert builds(fresh, "build") == 1


def test_a_new_day_rebuilds_in_the_background_while_answers_go_on(
    dense: TestClient, admin: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    need = post(dense, admin, "needs", NEED)
    matches(dense, admin, need["id"])
    tomorrow = date.today() + timedelta(days=1)
    monkeypatch.setattr(index_module, "today", lambda: tomorrow)
    assert matches(dense, admin, need["id"])  # answered from what was there
    app: Any = dense.app
    app.state.index.wait(60)
    assert builds(dense, "build") == 2
    assert app.state.index.current.day == tomorrow


class Recording(WordHashEmbedder):
    """Keeps every batch of texts it was asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.batches.append(list(texts))
        return super().embed(texts)

    def embedded(self, text: str) -> bool:
        return any(text in batch for batch in self.batches)


def test_a_stored_needs_vectors_are_computed_once_and_again_only_when_it_changes(
    demo_db: Database, admin: dict[str, str]
) -> None:
    first, second = Recording(), Recording()
    settings = Settings(database_url=demo_db.url, webhook_worker=False)
    app = create_app(settings, db=demo_db, embedder=first)
    with TestClient(app) as client:
        need = post(client, admin, "needs", NEED)
        matches(client, admin, need["id"])
        assert first.embedded(EXPERTISE)
        app.state.index.wait(30)
        matches(client, admin, need["id"])  # passages of the pool, now that profiles are in
        seen = len(first.batches)
        matches(client, admin, need["id"])
        assert len(first.batches) == seen  # a repeated ranking embeds nothing at all
    # Another process (or a restart) reads the need's stored vectors.
    with TestClient(create_app(settings, db=demo_db, embedder=second)) as client:
        matches(client, admin, need["id"])
        assert not second.embedded(EXPERTISE)
        changed = client.patch(f"/v1/needs/{need['id']}", headers=admin,
                               json={"title": "Pipe welding judges"})  # fmt: skip
        assert changed.status_code == 200, changed.text
        matches(client, admin, need["id"])
        assert second.embedded(EXPERTISE)  # its texts changed: embedded again


def _age_the_log(db: Database) -> None:
    """Every change-log row so far made older than the log keeps."""
    with db.engine.begin() as conn:
        conn.execute(update(IndexChange).values(changed_at=utcnow() - change_log.KEEP * 2))


def test_after_the_log_is_pruned_a_process_long_idle_rebuilds_and_a_current_one_patches(
    demo_db: Database, admin: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with (
        TestClient(_app(demo_db)) as writer,
        TestClient(_app(demo_db)) as idle,
    ):
        need = post(writer, admin, "needs", NEED)
        matches(idle, admin, need["id"])
        welder = post(writer, admin, "organizations", organization(
            name="Tri-County Welding Fabricators", description="Structural welding shop: SMAW, "
            "GMAW and flux-core; certified welding inspectors on staff."))  # fmt: skip
        # The writer reads the log (its index was built when it started, before the welder).
        assert matches(writer, admin, need["id"])[0]["name"] == welder["name"]
        # A day on, the welder's rows are old; `idle` has not read the log since.
        _age_the_log(demo_db)
        later = change_log._clock() + change_log.KEEP.total_seconds()
        monkeypatch.setattr(change_log, "_clock", lambda: later)
        assert matches(writer, admin, need["id"])[0]["name"] == welder["name"]
        app_of: Any = writer.app
        app_of.state.index.wait(60)  # a day without a look: it rebuilt, and pruned the log
        post(writer, admin, "organizations", organization(name="Later Partner"))
        with demo_db.sessionmaker.begin() as session:
            change_log.prune(session)
        with demo_db.sessionmaker() as session:
            kept = session.scalars(select(IndexChange.changed_at)).all()
        assert kept  # the later write's rows
        assert all(_aware(at) > utcnow() - change_log.KEEP for at in kept)

        # The idle process cannot patch in the welder's rows (pruned): it answers from what it
        # has, rebuilds whole in the background, then ranks the welder first.
        matches(idle, admin, need["id"])
        app: Any = idle.app
        app.state.index.wait(60)
        assert builds(idle, "build") == 2
        assert matches(idle, admin, need["id"])[0]["name"] == welder["name"]
        # The process that read the log lately patches the later write in: no other rebuild.
        builds_before = builds(writer, "build")
        assert matches(writer, admin, need["id"])[0]["name"] == welder["name"]
        assert builds(writer, "build") == builds_before


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
