"""Do-not-ask holds over the API on both databases: set, read, lift, bad input, roles; a held
partner left out of rankings and named with its date and reason; an ask of it refused while
the hold is in force and let through once it lapses on its own date."""

import json
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.auth.models import Role
from app.db import Database
from app.holds import schemas as hold_schemas
from app.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.conftest import AuthFor
from tests.helpers import bodies, organization, post, stored_chain

TODAY = hold_schemas.today()
UNTIL = TODAY + timedelta(days=90)
REASON = "Imaging unit short-staffed through the winter"
ADMIN_NAME = "test admin"  # the name of the `admin` fixture's key


def _hold(client: TestClient, headers: dict[str, str], org_id: int, **over: Any) -> Any:
    body = {"organization_id": org_id, "until": UNTIL.isoformat(), "reason": REASON} | over
    return post(client, headers, "holds", body)


def test_a_convener_sets_a_hold_and_everyone_can_read_it(client: TestClient, auth: AuthFor) -> None:
    convener = auth(Role.convener)
    org = post(client, convener, "organizations", organization())
    hold = _hold(client, convener, org["id"])
    assert hold["starts_on"] == TODAY.isoformat()
    assert (hold["until"], hold["reason"], hold["source"]) == (UNTIL.isoformat(), REASON,
                                                               "convener")  # fmt: skip
    assert hold["status"] == "active"
    assert hold["lifted_at"] is None

    viewer = auth(Role.viewer)
    assert client.get(f"/v1/holds/{hold['id']}", headers=viewer).json()["status"] == "active"
    listed = client.get(f"/v1/holds?organization_id={org['id']}&active=true", headers=viewer)
    assert [h["id"] for h in listed.json()["items"]] == [hold["id"]]
    load = client.get(f"/v1/organizations/{org['id']}/load", headers=viewer).json()
    assert load["hold"] == {"id": hold["id"], "starts_on": TODAY.isoformat(),
                            "until": UNTIL.isoformat(), "reason": REASON,
                            "source": "convener"}  # fmt: skip


@pytest.mark.parametrize(
    ("role", "allowed"), [(Role.viewer, False), (Role.recruiter, False), (Role.convener, True)]
)
def test_only_conveners_set_or_lift_holds(
    client: TestClient, auth: AuthFor, role: Role, allowed: bool
) -> None:
    org = post(client, auth(Role.admin), "organizations", organization())
    body = {"organization_id": org["id"], "until": UNTIL.isoformat(), "reason": REASON}
    response = client.post("/v1/holds", json=body, headers=auth(role))
    assert response.status_code == (201 if allowed else 403), response.text
    hold = _hold(client, auth(Role.admin), org["id"])
    lifted = client.post(f"/v1/holds/{hold['id']}/lift", headers=auth(role))
    assert lifted.status_code == (200 if allowed else 403)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"until": TODAY.isoformat()}, "until", "must be after today"),
        ({"until": (TODAY - timedelta(days=3)).isoformat()}, "until", "must be after today"),
        ({"until": (TODAY + timedelta(days=731)).isoformat()}, "until", "at most 730 days"),
        ({"until": "next spring"}, "until", "must be a date written YYYY-MM-DD"),
        ({"until": None}, "until", "must be a date written YYYY-MM-DD (got null)"),
        ({"reason": "   "}, "reason", "must not be blank"),
        ({"reason": ""}, "reason", "at least 1 character"),
        ({"reason": "x" * 2001}, "reason", "at most 2000"),
        ({"source": "robot"}, "source", "'convener' or 'partner'"),
        ({"starts_on": UNTIL.isoformat()}, "until", "must be after starts_on"),
        ({"organization_id": 999_999}, "organization_id", "organization 999999 does not exist"),
        ({"organization_id": "1"}, "organization_id", "valid integer"),
        ({"lifted_at": "2026-01-01T00:00:00Z"}, "lifted_at", "Extra inputs"),
    ],
)
def test_bad_holds_are_refused_naming_the_field(
    client: TestClient, admin: dict[str, str], change: dict[str, Any], field: str, message: str
) -> None:
    org = post(client, admin, "organizations", organization())
    body = {"organization_id": org["id"], "until": UNTIL.isoformat(), "reason": REASON} | change
    response = client.post("/v1/holds", json=body, headers=admin)
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert error["field"] == field
    assert message in error["message"]
    assert client.get("/v1/holds", headers=admin).json()["items"] == []


def test_missing_until_or_reason_is_required(client: TestClient, admin: dict[str, str]) -> None:
    org = post(client, admin, "organizations", organization())
    response = client.post("/v1/holds", json={"organization_id": org["id"]}, headers=admin)
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"until", "reason"}


def test_a_lifted_hold_is_kept_as_history_and_never_deleted(
    client: TestClient, admin: dict[str, str]
) -> None:
    chain = stored_chain(client, admin)
    org_id = chain["organization"]["id"]
    hold = _hold(client, admin, org_id)
    assert hold["lifted_by"] is None
    lifted = client.post(f"/v1/holds/{hold['id']}/lift", headers=admin)
    assert lifted.status_code == 200
    assert lifted.json()["status"] == "lifted"
    assert lifted.json()["lifted_at"]
    assert lifted.json()["lifted_by"] == ADMIN_NAME
    again = client.post(f"/v1/holds/{hold['id']}/lift", headers=admin)
    assert again.status_code == 409
    assert "already ended: lifted" in again.json()["detail"]
    assert client.delete(f"/v1/holds/{hold['id']}", headers=admin).status_code == 405
    assert client.patch(f"/v1/holds/{hold['id']}", json={}, headers=admin).status_code == 405
    everything = client.get(f"/v1/holds?organization_id={org_id}", headers=admin).json()
    assert [h["status"] for h in everything["items"]] == ["lifted"]
    assert client.get("/v1/holds?active=true", headers=admin).json()["items"] == []
    load = client.get(f"/v1/organizations/{org_id}/load", headers=admin).json()
    assert load["hold"] is None
    # Lifted: the partner may be asked again.
    ask = client.post("/v1/engagements", json=bodies(chain)["engagements"], headers=admin)
    assert ask.status_code == 201, ask.text


def test_an_ask_of_a_held_partner_is_refused_until_the_hold_lapses(
    client: TestClient, admin: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    chain = stored_chain(client, admin)
    org_id = chain["organization"]["id"]
    hold = _hold(client, admin, org_id)
    ask = bodies(chain)["engagements"] | {"asked_at": f"{TODAY.isoformat()}T09:00:00Z"}

    refused = client.post("/v1/engagements", json=ask, headers=admin)
    assert refused.status_code == 409, refused.text
    detail = refused.json()["detail"]
    assert f"do-not-ask hold until {UNTIL.isoformat()} (hold {hold['id']}): {REASON}" in detail
    assert refused.json()["errors"][0]["field"] == "organization_id"
    upsert = client.put("/v1/engagements/external/crm-1", json=ask, headers=admin)
    assert upsert.status_code == 409
    imported = client.post(
        "/v1/import/engagements",
        content=_jsonl(ask),
        headers=admin | {"Content-Type": "application/x-ndjson"},
    ).json()
    assert (imported["created"], imported["rejected_rows"]) == (0, 1)
    assert "do-not-ask hold" in imported["rejected"][0]["message"]
    assert client.get("/v1/engagements", headers=admin).json()["items"] == []

    # An ask made before the hold began (a CRM's history) is not refused.
    before = ask | {"asked_at": f"{(TODAY - timedelta(days=30)).isoformat()}T09:00:00Z",
                    "status": "completed", "hours_actual": 4}  # fmt: skip
    assert client.post("/v1/engagements", json=before, headers=admin).status_code == 201

    # The day the hold ends it lapses by itself: nothing was written, the ask goes through.
    monkeypatch.setattr(hold_schemas, "today", lambda: UNTIL)
    assert client.get(f"/v1/holds/{hold['id']}", headers=admin).json()["status"] == "lapsed"
    later = ask | {"asked_at": f"{UNTIL.isoformat()}T09:00:00Z"}
    allowed = client.post("/v1/engagements", json=later, headers=admin)
    assert allowed.status_code == 201, allowed.text
    lift = client.post(f"/v1/holds/{hold['id']}/lift", headers=admin)
    assert lift.status_code == 409
    assert "lapsed" in lift.json()["detail"]


def _jsonl(row: dict[str, Any]) -> bytes:
    return (json.dumps(row) + "\n").encode()


def test_a_scheduled_hold_is_not_in_force_yet(client: TestClient, admin: dict[str, str]) -> None:
    chain = stored_chain(client, admin)
    org_id = chain["organization"]["id"]
    starts = TODAY + timedelta(days=10)
    hold = _hold(client, admin, org_id, starts_on=starts.isoformat())
    assert hold["status"] == "scheduled"
    ask = bodies(chain)["engagements"] | {"asked_at": f"{TODAY.isoformat()}T09:00:00Z"}
    assert client.post("/v1/engagements", json=ask, headers=admin).status_code == 201


def test_rankings_leave_a_held_partner_out_and_say_why(
    client: TestClient, admin: dict[str, str], demo_db: Database
) -> None:
    query = {"text": "hospital nursing clinical rotations and patient care", "limit": 20}
    before = client.post("/v1/matches", json=query, headers=admin).json()
    top = before["items"][0]
    hold = _hold(client, admin, top["organization_id"], reason="Busy with accreditation")

    after = client.post("/v1/matches", json=query, headers=admin).json()
    assert top["organization_id"] not in [m["organization_id"] for m in after["items"]]
    sentence = (
        f"left out: {top['name']} is on a do-not-ask hold until {UNTIL.isoformat()}: "
        "Busy with accreditation"
    )
    assert sentence in after["notes"]

    needs = client.get("/v1/needs?limit=100", headers=admin).json()["items"]
    need = next(n for n in needs if n["title"].startswith("Clinical placements"))
    ranked = client.get(f"/v1/needs/{need['id']}/matches?limit=50", headers=admin).json()
    assert top["organization_id"] not in [m["organization_id"] for m in ranked["items"]]
    assert sentence in ranked["notes"]

    # Lifted: back in the ranking, and no longer named.
    client.post(f"/v1/holds/{hold['id']}/lift", headers=admin)
    again = client.post("/v1/matches", json=query, headers=admin).json()
    assert again["items"][0]["organization_id"] == top["organization_id"]
    # (the demo's own resting partners are still named)
    assert not any(top["name"] in n for n in again["notes"])
    assert any("do-not-ask" in n for n in again["notes"])


def _subscribe(db: Database, events: list[str]) -> None:
    with db.sessionmaker.begin() as session:
        session.add(
            WebhookEndpoint(
                url="https://crm.example/hooks", events=events, encrypted_secret="(not read)"
            )
        )


def _deliveries(db: Database) -> list[WebhookDelivery]:
    with db.sessionmaker() as session:
        return list(session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)))


def test_a_hold_is_announced_to_webhook_subscribers(
    client: TestClient, admin: dict[str, str], db: Database
) -> None:
    _subscribe(db, ["organization.hold_set"])
    org = post(client, admin, "organizations", organization())
    hold = _hold(client, admin, org["id"])
    client.post(f"/v1/holds/{hold['id']}/lift", headers=admin)  # not subscribed to lifts
    rows = _deliveries(db)
    assert [r.event_type.value for r in rows] == ["organization.hold_set"]
    assert f'"until":"{UNTIL.isoformat()}"' in rows[0].payload


def test_a_lifted_hold_is_announced_once_to_its_subscribers(
    client: TestClient, admin: dict[str, str], db: Database
) -> None:
    _subscribe(db, ["organization.hold_lifted"])
    org = post(client, admin, "organizations", organization())
    hold = _hold(client, admin, org["id"])
    assert _deliveries(db) == []  # setting it is another event
    client.post(f"/v1/holds/{hold['id']}/lift", headers=admin)
    assert client.post(f"/v1/holds/{hold['id']}/lift", headers=admin).status_code == 409
    rows = _deliveries(db)
    assert [r.event_type.value for r in rows] == ["organization.hold_lifted"]
    data = json.loads(rows[0].payload)["data"]
    assert (data["id"], data["status"], data["lifted_by"]) == (hold["id"], "lifted", ADMIN_NAME)
    assert data["lifted_at"] is not None


def test_dates_are_dates(client: TestClient, admin: dict[str, str]) -> None:
    org = post(client, admin, "organizations", organization())
    body = {"organization_id": org["id"], "until": 20270301, "reason": REASON}
    response = client.post("/v1/holds", json=body, headers=admin)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "until"
    assert isinstance(date.fromisoformat(UNTIL.isoformat()), date)


def test_a_held_partner_far_from_the_need_is_counted_not_named(
    client: TestClient, admin: dict[str, str], demo_db: Database
) -> None:
    """A recruiter looking for software mentors is not told about a hospital's hold by name:
    only held partners that could have been shown are named; the others are counted."""
    hospital = client.post(
        "/v1/matches",
        json={"text": "hospital nursing clinical rotations and patient care", "limit": 5},
        headers=admin,
    ).json()["items"][0]
    _hold(client, admin, hospital["organization_id"], reason="Busy with accreditation")
    found = client.post(
        "/v1/matches",
        json={"text": "software developers to mentor our app club", "limit": 5},
        headers=admin,
    ).json()
    assert not any(hospital["name"] in n for n in found["notes"])
    assert any(n.endswith("on a do-not-ask hold, further from this need") for n in found["notes"])
