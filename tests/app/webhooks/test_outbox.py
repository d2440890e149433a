"""The outbox is written in the transaction of the change by the write path, only for
endpoints that asked, and costs no query when a write changes nothing an event reports."""

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.db import Database
from app.engagements.domain import ENGAGEMENTS
from app.engagements.schemas import EngagementCreate, EngagementUpdate
from app.load.models import RiskTransition
from app.needs.domain import NEEDS
from app.needs.schemas import NeedCreate, NeedUpdate
from app.organizations.domain import ORGANIZATIONS
from app.organizations.models import Organization
from app.organizations.schemas import OrganizationUpdate
from app.webhooks import outbox
from app.webhooks.models import WebhookDelivery, WebhookEndpoint
from app.writes.service import WriteService
from matching.types import EngagementStatus, EngagementType, NeedStatus
from tests.app.webhooks.conftest import Subscribe
from tests.helpers import bodies, organization, stored_chain

ALL = ["engagement.created", "engagement.status_changed", "need.filled", "partner.risk_changed"]


def _events(session: Session) -> list[tuple[int, dict[str, Any]]]:
    """(endpoint, event) of every outbox row, oldest first."""
    rows = session.execute(
        select(WebhookDelivery.endpoint_id, WebhookDelivery.payload).order_by(WebhookDelivery.id)
    )
    return [(endpoint_id, json.loads(payload)) for endpoint_id, payload in rows]


def _outbox(db: Database) -> list[tuple[int, dict[str, Any]]]:
    with db.sessionmaker() as session:
        return _events(session)


ASKS = WriteService(ENGAGEMENTS)
NEED_WRITES = WriteService(NEEDS)


@pytest.fixture
def organization_id(db: Database) -> int:
    with db.sessionmaker.begin() as session:
        org = Organization(name="Riverbend Precision", kind="employer")
        session.add(org)
        session.flush()
        return org.id


def _endpoint(db: Database, events: list[str], disabled: bool = False) -> int:
    with db.sessionmaker.begin() as session:
        row = WebhookEndpoint(
            url="https://crm.example/hooks",
            events=events,
            encrypted_secret="(the outbox never reads it)",
            disabled_at=datetime.now(UTC) if disabled else None,
        )
        session.add(row)
        session.flush()
        return row.id


def _engagement(organization_id: int, status: str = "asked") -> EngagementCreate:
    return EngagementCreate(
        organization_id=organization_id,
        program="Riverbend CC Mechatronics",
        engagement_type=EngagementType.job_shadow,
        status=EngagementStatus(status),
        asked_at=datetime.now(UTC),
    )


def _need(status: str = "open") -> NeedCreate:
    return NeedCreate(
        title="Job shadows",
        engagement_type=EngagementType.job_shadow,
        program="P",
        status=NeedStatus(status),
    )


def test_one_row_per_subscribed_active_endpoint(db: Database, organization_id: int) -> None:
    both = _endpoint(db, ALL)
    created_only = _endpoint(db, ["engagement.created"])
    _endpoint(db, ["need.filled"])
    _endpoint(db, ALL, disabled=True)
    with db.sessionmaker.begin() as session:
        ASKS.create(session, _engagement(organization_id))
    rows = _outbox(db)
    assert [endpoint for endpoint, _ in rows] == [both, created_only]
    assert rows[0][1] == rows[1][1]  # one event, the same id and body for each endpoint
    assert rows[0][1]["id"].startswith("evt_")
    assert rows[0][1]["type"] == "engagement.created"


def test_status_changes_carry_the_previous_status(db: Database, organization_id: int) -> None:
    _endpoint(db, ["engagement.status_changed", "need.filled"])
    with db.sessionmaker.begin() as session:
        ask = ASKS.create(session, _engagement(organization_id))
        need = NEED_WRITES.create(session, _need())
    with db.sessionmaker.begin() as session:
        ASKS.update(
            session, ask.id, EngagementUpdate.model_validate({"program": "Renamed"})
        )  # no status change
        NEED_WRITES.update(session, need.id, NeedUpdate.model_validate({"title": "Renamed"}))
    assert _outbox(db) == []
    with db.sessionmaker.begin() as session:
        ASKS.update(session, ask.id, EngagementUpdate.model_validate({"status": "accepted"}))
        NEED_WRITES.update(
            session, need.id, NeedUpdate.model_validate({"status": "closed"})
        )  # not filled
    with db.sessionmaker.begin() as session:
        NEED_WRITES.update(session, need.id, NeedUpdate.model_validate({"status": "filled"}))
        NEED_WRITES.create(session, _need("filled"))  # created filled: filled too
    events = [event for _, event in _outbox(db)]
    assert [e["type"] for e in events] == [
        "engagement.status_changed",
        "need.filled",
        "need.filled",
    ]
    changed = events[0]["data"]
    assert (changed["previous_status"], changed["status"]) == ("asked", "accepted")
    assert changed["id"] == ask.id
    assert changed["version"] == 3
    filled = [e["data"] for e in events[1:]]
    assert need.id in {d["id"] for d in filled}
    assert {d["status"] for d in filled} == {"filled"}


def test_a_risk_transition_is_an_event(db: Database, organization_id: int) -> None:
    _endpoint(db, ["partner.risk_changed"])
    changed_at = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)
    with db.sessionmaker.begin() as session:
        moved = RiskTransition(
            organization_id=organization_id,
            from_level="elevated",
            to_level="critical",
            score=0.93,
            reasons=["asked 22 times by 6 programs in the last 90 days"],
            changed_at=changed_at,
        )
        session.add(moved)
        session.flush()
        outbox.send(session, outbox.announced([], [moved]))
    [(_, event)] = _outbox(db)
    assert event["type"] == "partner.risk_changed"
    assert event["data"] == {
        "organization_id": organization_id,
        "from_level": "elevated",
        "to_level": "critical",
        "score": 0.93,
        "reasons": ["asked 22 times by 6 programs in the last 90 days"],
        "changed_at": "2026-11-23T15:30:00Z",
    }


def test_a_rolled_back_write_leaves_no_outbox_row(db: Database, organization_id: int) -> None:
    _endpoint(db, ALL)
    with db.sessionmaker() as session:
        ASKS.create(session, _engagement(organization_id))
        NEED_WRITES.create(session, _need("filled"))
        # Written in the same transaction as the change...
        assert len(_events(session)) == 2
        assert _outbox(db) == []  # ...and invisible to others until it commits
        session.rollback()
    assert _outbox(db) == []


@pytest.fixture
def statements(db: Database) -> Iterator[list[str]]:
    """Every SQL statement the test database runs while the fixture is in use."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


def test_no_query_without_a_change_and_no_row_without_a_subscriber(
    db: Database, organization_id: int, statements: list[str]
) -> None:
    _endpoint(db, ["need.filled"])
    statements.clear()
    with db.sessionmaker.begin() as session:
        WriteService(ORGANIZATIONS).update(
            session, organization_id, OrganizationUpdate.model_validate({"name": "R"})
        )
    assert not any("webhook_endpoints" in s for s in statements)
    with db.sessionmaker.begin() as session:
        ASKS.create(session, _engagement(organization_id))  # nobody asked for engagement.created
    assert sum("webhook_endpoints" in s for s in statements) == 1
    assert not any("INSERT INTO webhook_deliveries" in s for s in statements)
    assert _outbox(db) == []


def test_every_write_path_fills_the_outbox(
    db: Database, client: TestClient, admin: dict[str, str], subscribe: Subscribe
) -> None:
    subscribe("https://crm.example/hooks", ALL)
    chain = stored_chain(client, admin)
    body = bodies(chain)["engagements"]
    created = client.post("/v1/engagements", json=body, headers=admin).json()
    client.patch(f"/v1/engagements/{created['id']}", json={"status": "accepted"}, headers=admin)
    client.put(
        "/v1/engagements/external/crm-42",
        json=body | {"status": "completed", "hours_actual": 3},
        headers=admin,
    )
    client.patch(f"/v1/needs/{chain['need']['id']}", json={"status": "filled"}, headers=admin)
    lines = [
        body | {"external_id": "crm-42", "status": "cancelled"},
        # Not for the need: the partner has an open ask for it already.
        body | {"external_id": "crm-43", "status": "accepted", "need_id": None},
    ]
    imported = client.post(
        "/v1/import/engagements",
        content="\n".join(json.dumps(line) for line in lines),
        headers=admin | {"Content-Type": "application/x-ndjson"},
    )
    assert imported.status_code == 200, imported.text
    assert imported.json()["rejected"] == []
    types = [event["type"] for _, event in _outbox(db)]
    assert types[:4] == [
        "engagement.created",  # POST
        "engagement.status_changed",  # PATCH
        "engagement.created",  # PUT by CRM id
        "need.filled",  # PATCH
    ]
    assert sorted(types[4:]) == ["engagement.created", "engagement.status_changed"]  # import


def test_a_write_that_moves_a_partners_risk_sends_the_transition(
    db: Database, client: TestClient, admin: dict[str, str], subscribe: Subscribe
) -> None:
    subscribe("https://crm.example/hooks", ["partner.risk_changed"])
    org = client.post("/v1/organizations", json=organization(), headers=admin).json()
    for program in ("A", "B", "C"):  # three programs asking at once: no longer low
        ask = {"organization_id": org["id"], "program": program, "engagement_type": "job_shadow"}
        assert client.post("/v1/engagements", json=ask, headers=admin).status_code == 201
    [(_, event)] = _outbox(db)
    assert event["type"] == "partner.risk_changed"
    assert event["data"]["organization_id"] == org["id"]
    assert (event["data"]["from_level"], event["data"]["to_level"]) == ("low", "elevated")
    assert event["data"]["reasons"]
    history = client.get(f"/v1/organizations/{org['id']}/load", headers=admin).json()
    assert history["risk_history"][0]["score"] == event["data"]["score"]
