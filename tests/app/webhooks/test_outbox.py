"""The outbox is written in the transaction of the change, by every write path, only for
endpoints that asked, and costs no query when a flush changes nothing an event reports."""

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.db import Database
from app.engagements.models import Engagement
from app.load.models import RiskTransition
from app.needs.models import Need
from app.organizations.models import Organization
from app.webhooks import outbox
from app.webhooks.models import WebhookDelivery, WebhookEndpoint
from matching.types import EngagementStatus, NeedStatus
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


@pytest.fixture
def organization_id(db: Database) -> int:
    outbox.install()  # as create_app does; these tests write through sessions of their own
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
            secret="whsec_c2VjcmV0",
            disabled_at=datetime.now(UTC) if disabled else None,
        )
        session.add(row)
        session.flush()
        return row.id


def _engagement(organization_id: int, status: str = "asked") -> Engagement:
    return Engagement(
        organization_id=organization_id,
        program="Riverbend CC Mechatronics",
        engagement_type="job_shadow",
        status=status,
        asked_at=datetime.now(UTC),
    )


def _need(status: str = "open") -> Need:
    return Need(title="Job shadows", engagement_type="job_shadow", program="P", status=status)


def test_one_row_per_subscribed_active_endpoint(db: Database, organization_id: int) -> None:
    both = _endpoint(db, ALL)
    created_only = _endpoint(db, ["engagement.created"])
    _endpoint(db, ["need.filled"])
    _endpoint(db, ALL, disabled=True)
    with db.sessionmaker.begin() as session:
        session.add(_engagement(organization_id))
    rows = _outbox(db)
    assert [endpoint for endpoint, _ in rows] == [both, created_only]
    assert rows[0][1] == rows[1][1]  # one event, the same id and body for each endpoint
    assert rows[0][1]["id"].startswith("evt_")
    assert rows[0][1]["type"] == "engagement.created"


def test_status_changes_carry_the_previous_status(db: Database, organization_id: int) -> None:
    _endpoint(db, ["engagement.status_changed", "need.filled"])
    with db.sessionmaker.begin() as session:
        ask = _engagement(organization_id)
        need = _need()
        session.add_all([ask, need])
    with db.sessionmaker.begin() as session:
        ask = session.get_one(Engagement, ask.id)
        need = session.get_one(Need, need.id)
        ask.program = "Renamed"  # no status change: no event
        need.title = "Renamed"
    assert _outbox(db) == []
    with db.sessionmaker.begin() as session:
        ask = session.get_one(Engagement, ask.id)
        session.expire(ask)  # a blind write, without reading the old status first
        ask.status = EngagementStatus.accepted
        session.get_one(Need, need.id).status = NeedStatus.closed  # closed is not filled
    with db.sessionmaker.begin() as session:
        session.get_one(Need, need.id).status = NeedStatus.filled
        session.add(_need("filled"))  # created filled: filled too
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
        session.add(
            RiskTransition(
                organization_id=organization_id,
                from_level="elevated",
                to_level="critical",
                score=0.93,
                reasons=["asked 22 times by 6 programs in the last 90 days"],
                changed_at=changed_at,
            )
        )
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
        session.add_all(
            [
                _engagement(organization_id),
                _need("filled"),
                RiskTransition(
                    organization_id=organization_id,
                    from_level="low",
                    to_level="high",
                    score=0.7,
                    reasons=[],
                ),
            ]
        )
        session.flush()
        # Written in the same transaction as the change...
        assert len(_events(session)) == 3
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
        session.get_one(Organization, organization_id).name = "Renamed"
    assert not any("webhook_endpoints" in s for s in statements)
    with db.sessionmaker.begin() as session:
        session.add(_engagement(organization_id))  # nobody asked for engagement.created
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
        "/v1/engagements/external/crm-42", json=body | {"status": "completed"}, headers=admin
    )
    client.patch(f"/v1/needs/{chain['need']['id']}", json={"status": "filled"}, headers=admin)
    lines = [
        body | {"external_id": "crm-42", "status": "cancelled"},
        body | {"external_id": "crm-43", "status": "accepted"},
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
