"""One write path: the same change made through any door (the API's POST, PATCH, PUT by CRM id
and DELETE, the HTTP and command-line imports, the web form, the demo loader) sends the same
webhook events, records the same risk transitions and stamps the same index changes; a write
that changes nothing does none of these and keeps the record's version."""

import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, select

from app.auth.models import Role
from app.db import Database
from app.demo.loader import load
from app.engagements.models import Engagement
from app.load.models import RiskTransition
from app.matches.models import IndexChange
from app.needs.models import Need
from app.organizations.models import Contact, Organization
from app.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.conftest import empty_tables

EVENTS = ["engagement.created", "engagement.status_changed", "need.filled", "partner.risk_changed"]
PROGRAM = "Riverbend CC Mechatronics Pathway"
ASK_XID = "crm-ask-1"
HOURS = 30.0

# A small shop that can take one engagement at a time and 2 hours a month: one accepted ask
# of 30 hours makes it busy, so the ask moves its risk.
WORLD: dict[str, Any] = {
    "organizations": [
        {
            "key": "shop",
            "external_id": "crm-org-1",
            "name": "Riverbend Precision Machining",
            "kind": "employer",
            "sectors": ["advanced_manufacturing"],
            "region": "River Valley",
            "description": "Five-axis CNC shop making aerospace brackets.",
        }
    ],
    "contacts": [
        {"key": "dana", "organization": "shop", "name": "Dana Ortiz", "skills": ["CNC"]},
    ],
    "interviews": [
        {
            "organization": "shop",
            "contact": "dana",
            "conducted_days_ago": 20,
            "business_summary": "CNC machining",
            "role_and_skills": "Plant manager",
            "interest_level": 4,
            "capacity_hours_per_month": 2,
            "max_concurrent_engagements": 1,
            "engagement_types": ["job_shadow"],
            "notes": "",
        }
    ],
    "needs": [
        {
            "key": "shadows",
            "title": "Machining job shadows",
            "engagement_type": "job_shadow",
            "program": PROGRAM,
            "hours_per_partner": HOURS,
            "slots": 3,
            "starts_offset_days": None,
            "ends_offset_days": None,
        }
    ],
    "engagements": [],
    "temperature_checks": [],
    "agreements": [],
}


def _load(db: Database, asks: Sequence[dict[str, Any]] = ()) -> None:
    with db.sessionmaker.begin() as session:
        load(session, data=WORLD | {"engagements": list(asks)})


def _subscribe(db: Database) -> None:
    with db.sessionmaker.begin() as session:
        session.add(
            WebhookEndpoint(
                url="https://crm.example/hooks", events=EVENTS, encrypted_secret="(not read)"
            )
        )


def _ids(db: Database) -> dict[str, int]:
    with db.sessionmaker() as session:
        return {
            "organization": session.scalars(select(Organization.id)).one(),
            "contact": session.scalars(select(Contact.id)).one(),
            "need": session.scalars(select(Need.id).order_by(Need.id)).first() or 0,
        }


def _body(db: Database, status: str = "accepted") -> dict[str, Any]:
    """The ask every door stores, as the API takes it."""
    ids = _ids(db)
    today = datetime.now(UTC).date()
    return {
        "external_id": ASK_XID,
        "organization_id": ids["organization"],
        "contact_id": ids["contact"],
        "need_id": ids["need"],
        "program": PROGRAM,
        "engagement_type": "job_shadow",
        "status": status,
        "asked_at": (datetime.now(UTC) - timedelta(days=1)).isoformat(),
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=20)).isoformat(),
        "hours_estimated": HOURS,
    }


def _loader_ask(status: str) -> dict[str, Any]:
    """The same ask as the demo loader's file has it (days relative to the day of loading)."""
    return {
        "organization": "shop",
        "contact": "dana",
        "need": "shadows",
        "program": PROGRAM,
        "engagement_type": "job_shadow",
        "status": status,
        "asked_days_ago": 1,
        "responded_days_ago": None,
        "starts_offset_days": 0,
        "ends_offset_days": 20,
        "hours_estimated": HOURS,
        "hours_actual": None,
    }


def _csv(body: dict[str, Any]) -> str:
    return ",".join(body) + "\n" + ",".join(str(v) for v in body.values()) + "\n"


class Effects:
    """A write's consequences as the database shows them, past the moment this was made."""

    def __init__(self, db: Database) -> None:
        self.db = db
        with db.sessionmaker() as session:
            self.mark = (
                session.scalar(select(func.max(WebhookDelivery.id))) or 0,
                session.scalar(select(func.max(RiskTransition.id))) or 0,
                session.scalar(select(func.max(IndexChange.id))) or 0,
            )

    def since(self) -> dict[str, list[tuple[object, ...]]]:
        deliveries, transitions, changes = self.mark
        with self.db.sessionmaker() as session:
            payloads = session.scalars(
                select(WebhookDelivery.payload).where(WebhookDelivery.id > deliveries)
            )
            events = [json.loads(p) for p in payloads]
            moved = session.execute(
                select(RiskTransition.from_level, RiskTransition.to_level)
                .where(RiskTransition.id > transitions)
                .order_by(RiskTransition.id)
            ).all()
            stamps = session.execute(
                select(IndexChange.kind, IndexChange.organization_id)
                .where(IndexChange.id > changes, IndexChange.kind == "engagements")
                .order_by(IndexChange.id)
            ).all()
        return {
            "events": sorted(
                (e["type"], e["data"].get("status") or e["data"].get("to_level", ""))
                for e in events
            ),
            "transitions": [tuple(t) for t in moved],
            "stamps": [tuple(s) for s in stamps],
        }


def _back_to_the_world(db: Database) -> None:
    """Forget the asks and what they caused, keeping the partner, its need and the hook."""
    with db.sessionmaker.begin() as session:
        for model in (Engagement, RiskTransition, WebhookDelivery):
            session.execute(delete(model))


def _cli_import(db: Database, tmp_path: Path, text: str) -> str:
    path = tmp_path / "asks.csv"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "app", "import", str(path), "--resource", "engagements",
         "--no-embed"],
        env=os.environ | {"DATABASE_URL": db.url},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def world(db: Database) -> Database:
    _load(db)
    _subscribe(db)
    return db


Door = Callable[[TestClient, dict[str, str], Database, Path, dict[str, Any]], None]


def _post(client: TestClient, admin: dict[str, str], _: Database, __: Path, body: Any) -> None:
    response = client.post("/v1/engagements", json=body, headers=admin)
    assert response.status_code == 201, response.text


def _put(client: TestClient, admin: dict[str, str], _: Database, __: Path, body: Any) -> None:
    response = client.put(f"/v1/engagements/external/{ASK_XID}", json=body, headers=admin)
    assert response.status_code in (200, 201), response.text


def _patch(client: TestClient, admin: dict[str, str], _: Database, __: Path, body: Any) -> None:
    ask = client.get(f"/v1/engagements/external/{ASK_XID}", headers=admin).json()
    response = client.patch(f"/v1/engagements/{ask['id']}", json=body, headers=admin)
    assert response.status_code == 200, response.text


def _import(client: TestClient, admin: dict[str, str], _: Database, __: Path, body: Any) -> None:
    response = client.post(
        "/v1/import/engagements", content=_csv(body), headers=admin | {"Content-Type": "text/csv"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["rejected"] == []


def _cli(_: TestClient, __: dict[str, str], db: Database, tmp: Path, body: Any) -> None:
    _cli_import(db, tmp, _csv(body))


CREATE_DOORS: dict[str, Door] = {"POST": _post, "PUT": _put, "import": _import, "CLI": _cli}
UPDATE_DOORS: dict[str, Door] = {"PATCH": _patch, "PUT": _put, "import": _import, "CLI": _cli}


def test_the_ask_used_below_has_every_kind_of_consequence(
    world: Database, client: TestClient, admin: dict[str, str], tmp_path: Path
) -> None:
    """The premise of the tests below: this one change sends an event, moves the partner's
    risk (with its own event) and stamps the index change log."""
    effects = Effects(world)
    _post(client, admin, world, tmp_path, _body(world))
    org = _ids(world)["organization"]
    seen = effects.since()
    assert ("engagement.created", "accepted") in seen["events"]
    assert [kind for kind, _ in seen["events"]].count("partner.risk_changed") == 1
    assert len(seen["transitions"]) == 1
    assert seen["transitions"][0][0] == "low"
    assert seen["stamps"] == [("engagements", org)]


@pytest.mark.parametrize("door", list(CREATE_DOORS))
def test_creating_an_ask_through_any_door_has_the_same_consequences(
    door: str, world: Database, client: TestClient, admin: dict[str, str], tmp_path: Path
) -> None:
    effects = Effects(world)
    _post(client, admin, world, tmp_path, _body(world))
    expected = effects.since()
    _back_to_the_world(world)

    effects = Effects(world)
    CREATE_DOORS[door](client, admin, world, tmp_path, _body(world))
    assert effects.since() == expected


@pytest.mark.parametrize("door", list(UPDATE_DOORS))
def test_accepting_an_ask_through_any_door_has_the_same_consequences(
    door: str, world: Database, client: TestClient, admin: dict[str, str], tmp_path: Path
) -> None:
    asked = _body(world, "asked")
    _post(client, admin, world, tmp_path, asked)
    effects = Effects(world)
    _patch(client, admin, world, tmp_path, {"status": "accepted"})
    expected = effects.since()
    assert ("engagement.status_changed", "accepted") in expected["events"]
    assert expected["transitions"]
    _back_to_the_world(world)

    _post(client, admin, world, tmp_path, asked)
    effects = Effects(world)
    body = {"status": "accepted"} if door == "PATCH" else asked | {"status": "accepted"}
    UPDATE_DOORS[door](client, admin, world, tmp_path, body)
    assert effects.since() == expected


@pytest.mark.parametrize("door", list(UPDATE_DOORS))
def test_a_write_that_changes_nothing_has_no_consequence(
    door: str, world: Database, client: TestClient, admin: dict[str, str], tmp_path: Path
) -> None:
    body = _body(world)
    _post(client, admin, world, tmp_path, body)
    before = client.get(f"/v1/engagements/external/{ASK_XID}", headers=admin)

    effects = Effects(world)
    same = {"status": "accepted", "hours_estimated": HOURS} if door == "PATCH" else body
    UPDATE_DOORS[door](client, admin, world, tmp_path, same)
    assert effects.since() == {"events": [], "transitions": [], "stamps": []}
    after = client.get(f"/v1/engagements/external/{ASK_XID}", headers=admin)
    assert after.headers["ETag"] == before.headers["ETag"]
    assert after.json()["updated_at"] == before.json()["updated_at"]


def test_deleting_an_ask_lightens_the_partner_and_is_stamped(
    world: Database, client: TestClient, admin: dict[str, str], tmp_path: Path
) -> None:
    _post(client, admin, world, tmp_path, _body(world))
    ask = client.get(f"/v1/engagements/external/{ASK_XID}", headers=admin).json()
    effects = Effects(world)
    assert client.delete(f"/v1/engagements/{ask['id']}", headers=admin).status_code == 204
    seen = effects.since()
    assert [to for _, to in seen["transitions"]] == ["low"]
    assert seen["events"] == [("partner.risk_changed", "low")]
    assert seen["stamps"] == [("engagements", ask["organization_id"])]


def test_the_web_form_and_the_demo_loader_have_the_same_consequences_as_the_api(
    db: Database, client: TestClient, admin: dict[str, str], keys: dict[Role, str]
) -> None:
    """The web form records asks with status `asked`; the loader writes a whole world at once,
    and its asks have the same consequences as the same asks posted after it."""
    programs = ["Riverbend CC Mechatronics", "Lincoln USD CTE", "Valley Adult Ed", "Metro IT"]
    # A need of each program, so the one partner may be asked for each.
    needs = [
        WORLD["needs"][0] | {"key": f"need-{i}", "program": program}
        for i, program in enumerate(programs)
    ]
    with db.sessionmaker.begin() as session:
        load(session, data=WORLD | {"needs": needs})
    _subscribe(db)
    with db.sessionmaker() as session:
        need_ids = list(session.scalars(select(Need.id).order_by(Need.id)))
    effects = Effects(db)
    for program, need_id in zip(programs, need_ids, strict=True):  # four programs: not low
        body = _body(db, "asked") | {"external_id": None, "program": program, "need_id": need_id}
        assert client.post("/v1/engagements", json=body, headers=admin).status_code == 201
    expected = effects.since()
    assert ("partner.risk_changed", "elevated") in expected["events"]
    _back_to_the_world(db)

    client.post("/ui/login", data={"api_key": keys[Role.recruiter]}, follow_redirects=False)
    ids = _ids(db)
    effects = Effects(db)
    for program, need_id in zip(programs, need_ids, strict=True):
        response = client.post(
            f"/ui/needs/{need_id}/asks",
            data={"organization_id": str(ids["organization"]), "program": program,
                  "hours_estimated": str(HOURS)},
            follow_redirects=False,
        )  # fmt: skip
        assert response.status_code == 303, response.text
    assert effects.since() == expected

    empty_tables(db)
    _subscribe(db)
    effects = Effects(db)
    asks = [
        _loader_ask("asked") | {"program": need["program"], "need": need["key"]} for need in needs
    ]
    with db.sessionmaker.begin() as session:
        load(session, data=WORLD | {"needs": needs, "engagements": asks})
    loaded = effects.since()
    assert (loaded["events"], loaded["transitions"]) == (
        expected["events"],
        expected["transitions"],
    )
    assert len(loaded["stamps"]) == len(expected["stamps"])  # new ids: a new world


def test_an_export_imported_again_changes_nothing(
    world: Database, client: TestClient, admin: dict[str, str], tmp_path: Path
) -> None:
    _post(client, admin, world, tmp_path, _body(world))
    exported = client.get("/v1/export/engagements.csv", headers=admin).text
    effects = Effects(world)
    report = client.post(
        "/v1/import/engagements", content=exported, headers=admin | {"Content-Type": "text/csv"}
    ).json()
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 0, 1)
    assert "1 unchanged" in _cli_import(world, tmp_path, exported)
    assert effects.since() == {"events": [], "transitions": [], "stamps": []}
