"""Partner self-service links on both databases: made by conveners (URL shown once, digest
stored), listed without tokens, revoked; the page a link opens answers one thing once, through
the write path; forged, altered, expired, revoked and used links write nothing; a double submit
writes once; refused tries are rate-limited per client; a post from another site is refused."""

import hashlib
import threading
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.holds.models import Hold
from app.holds.schemas import today
from app.interviews.models import Interview, TemperatureCheck
from app.links.models import PartnerLink
from app.main import create_app
from app.types import utcnow
from tests.conftest import AuthFor
from tests.helpers import served, stored_chain


def _link(client: TestClient, headers: dict[str, str], contact_id: int, **body: Any) -> Any:
    body = {"purpose": "temperature_check"} | body
    response = client.post(f"/v1/contacts/{contact_id}/links", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def _path(link: dict[str, Any]) -> str:
    return "/p/" + str(link["url"]).rsplit("/p/", 1)[1]


def _stored(db: Database, model: type[Any]) -> list[Any]:
    with db.sessionmaker() as session:
        return list(session.scalars(select(model).order_by(model.id)))


@pytest.fixture
def chain(client: TestClient, admin: dict[str, str]) -> dict[str, Any]:
    return stored_chain(client, admin)  # Dana Ortiz at Riverbend Precision Machining


def test_a_convener_makes_a_link_shown_once_and_stored_as_a_digest(
    client: TestClient, auth: AuthFor, chain: dict[str, Any], db: Database
) -> None:
    convener = auth(Role.convener)
    contact_id = chain["contact"]["id"]
    made = _link(client, convener, contact_id, purpose="pause", expires_in_days=3)
    token = made["url"].rsplit("/p/", 1)[1]
    assert made["url"].startswith("http://testserver/p/")
    assert len(token) == 43
    assert made["status"] == "active"
    assert made["purpose"] == "pause"
    assert made["organization_id"] == chain["organization"]["id"]
    assert made["created_by"] == "test convener"
    [row] = _stored(db, PartnerLink)
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    lives = row.expires_at - row.created_at
    assert timedelta(days=3) - timedelta(seconds=5) < lives <= timedelta(days=3)

    listed = client.get(f"/v1/contacts/{contact_id}/links", headers=convener)
    assert listed.status_code == 200
    [item] = listed.json()["items"]
    assert "url" not in item
    assert "token_hash" not in item
    assert token not in listed.text
    assert item["status"] == "active"

    revoked = client.post(f"/v1/links/{made['id']}/revoke", headers=convener)
    assert revoked.status_code == 200
    assert revoked.json()["status"] == "revoked"
    again = client.post(f"/v1/links/{made['id']}/revoke", headers=convener)
    assert again.status_code == 409
    assert "already revoked" in again.json()["detail"]
    assert client.get(_path(made)).status_code == 410


def test_a_link_lives_14_days_by_default(
    client: TestClient, admin: dict[str, str], chain: dict[str, Any], db: Database
) -> None:
    _link(client, admin, chain["contact"]["id"])
    [row] = _stored(db, PartnerLink)
    assert timedelta(days=14) - timedelta(seconds=5) < row.expires_at - row.created_at


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"purpose": "gossip"}, "purpose"),
        ({}, "purpose"),
        ({"purpose": "pause", "expires_in_days": 0}, "expires_in_days"),
        ({"purpose": "pause", "expires_in_days": 91}, "expires_in_days"),
        ({"purpose": "pause", "expires_in_days": "14"}, "expires_in_days"),
        ({"purpose": "pause", "token": "mine"}, "token"),
    ],
)
def test_bad_link_requests_are_refused_naming_the_field(
    client: TestClient,
    admin: dict[str, str],
    chain: dict[str, Any],
    db: Database,
    body: dict[str, Any],
    field: str,
) -> None:
    response = client.post(f"/v1/contacts/{chain['contact']['id']}/links", json=body,
                           headers=admin)  # fmt: skip
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert _stored(db, PartnerLink) == []


def test_links_are_for_conveners_and_real_contacts(
    client: TestClient, auth: AuthFor, chain: dict[str, Any]
) -> None:
    contact_id = chain["contact"]["id"]
    for role in (Role.viewer, Role.recruiter):
        made = client.post(f"/v1/contacts/{contact_id}/links",
                           json={"purpose": "pause"}, headers=auth(role))  # fmt: skip
        assert made.status_code == 403
        # Every role reads a contact's links (never their URLs).
        assert client.get(f"/v1/contacts/{contact_id}/links", headers=auth(role)).status_code == 200
        assert client.post("/v1/links/1/revoke", headers=auth(role)).status_code == 403
    missing = client.post("/v1/contacts/999999/links", json={"purpose": "pause"},
                          headers=auth(Role.convener))  # fmt: skip
    assert missing.status_code == 404
    assert client.post("/v1/links/999999/revoke", headers=auth(Role.convener)).status_code == 404


def test_a_partner_answers_a_temperature_check_once(
    client: TestClient, admin: dict[str, str], chain: dict[str, Any], db: Database
) -> None:
    link = _link(client, admin, chain["contact"]["id"])
    page = client.get(_path(link))
    assert page.status_code == 200
    assert "Hello Dana." in page.text
    assert "Riverbend Precision Machining" in page.text
    assert "Ortiz" not in page.text  # the first name only
    assert "dana@riverbend.example" not in page.text
    assert page.headers["referrer-policy"] == "same-origin"
    assert page.headers["x-robots-tag"] == "noindex"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert '<label for="f-comment">' in page.text

    done = client.post(_path(link), data={"satisfaction": "4", "comment": "Going well"})
    assert done.status_code == 200, done.text
    assert "Thank you, Dana" in done.text
    [check] = _stored(db, TemperatureCheck)
    assert (check.organization_id, check.contact_id) == (chain["organization"]["id"],
                                                          chain["contact"]["id"])  # fmt: skip
    assert (check.satisfaction, check.comment) == (4, "Going well")
    [row] = _stored(db, PartnerLink)
    assert row.used_at is not None

    reused = client.post(_path(link), data={"satisfaction": "1", "comment": "again"})
    assert reused.status_code == 410
    assert "already been used" in reused.text
    assert client.get(_path(link)).status_code == 410
    assert len(_stored(db, TemperatureCheck)) == 1
    listed = client.get(f"/v1/contacts/{chain['contact']['id']}/links", headers=admin).json()
    assert listed["items"][0]["status"] == "used"


def test_a_partner_updates_what_it_can_offer(
    client: TestClient, admin: dict[str, str], chain: dict[str, Any], db: Database
) -> None:
    link = _link(client, admin, chain["contact"]["id"], purpose="capacity_update")
    assert "Hours a month your organization can give" in client.get(_path(link)).text
    form = {"capacity_hours_per_month": "12.5", "interest_level": "5",
            "engagement_types": ["job_shadow", "mentoring"], "notes": "Not in August"}  # fmt: skip
    assert client.post(_path(link), data=form).status_code == 200
    [interview] = _stored(db, Interview)
    assert interview.self_reported is True
    assert interview.capacity_hours_per_month == 12.5
    assert interview.interest_level == 5
    assert interview.engagement_types == ["job_shadow", "mentoring"]
    read = client.get(f"/v1/interviews/{interview.id}", headers=admin).json()
    assert read["self_reported"] is True


def test_a_partner_asks_for_a_pause_which_becomes_a_hold(
    client: TestClient, admin: dict[str, str], chain: dict[str, Any], db: Database
) -> None:
    link = _link(client, admin, chain["contact"]["id"], purpose="pause")
    until = today() + timedelta(days=45)
    done = client.post(_path(link), data={"until": until.isoformat(), "reason": "Harvest season"})
    assert done.status_code == 200, done.text
    [hold] = _stored(db, Hold)
    assert (hold.organization_id, hold.until, hold.reason, hold.source.value) == (
        chain["organization"]["id"], until, "Harvest season", "partner")  # fmt: skip
    ask = {"organization_id": chain["organization"]["id"], "program": "Riverbend CC",
           "engagement_type": "job_shadow"}  # fmt: skip
    refused = client.post("/v1/engagements", json=ask, headers=admin)
    assert refused.status_code == 409
    assert "Harvest season" in refused.json()["detail"]


@pytest.mark.parametrize(
    ("purpose", "form", "field", "message"),
    [
        ("temperature_check", {"comment": "no rating"}, "satisfaction", "Required"),
        ("temperature_check", {"satisfaction": "9"}, "satisfaction", "less than or equal to 5"),
        ("temperature_check", {"satisfaction": "four"}, "satisfaction", "valid integer"),
        ("capacity_update", {"interest_level": "3"}, "capacity_hours_per_month", "Required"),
        ("capacity_update", {"capacity_hours_per_month": "-4", "interest_level": "3"},
         "capacity_hours_per_month", "greater than or equal to 0"),
        ("capacity_update", {"capacity_hours_per_month": "4", "interest_level": "3",
                             "engagement_types": ["juggling"]}, "engagement_types", "Input should"),
        ("pause", {"reason": "busy"}, "until", "Required"),
        ("pause", {"until": "2020-01-01", "reason": "busy"}, "until", "must be after today"),
        ("pause", {"until": "2999-01-01", "reason": "busy"}, "until", "year must be between"),
        ("pause", {"until": (today() + timedelta(days=9)).isoformat(), "reason": "  "},
         "reason", "must not be blank"),
    ],
)  # fmt: skip
def test_a_bad_answer_shows_the_form_again_and_keeps_the_link(
    client: TestClient,
    admin: dict[str, str],
    chain: dict[str, Any],
    db: Database,
    purpose: str,
    form: dict[str, Any],
    field: str,
    message: str,
) -> None:
    link = _link(client, admin, chain["contact"]["id"], purpose=purpose)
    response = client.post(_path(link), data=form)
    assert response.status_code == 422
    assert f'id="f-{field}-error"' in response.text
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    for model in (TemperatureCheck, Interview, Hold):
        assert _stored(db, model) == []
    [row] = _stored(db, PartnerLink)
    assert row.used_at is None
    assert client.get(_path(link)).status_code == 200


def test_forged_altered_expired_and_revoked_links_open_nothing(
    client: TestClient, admin: dict[str, str], chain: dict[str, Any], db: Database
) -> None:
    contact_id = chain["contact"]["id"]
    good = _path(_link(client, admin, contact_id))
    flipped = good[:-1] + ("A" if good[-1] != "A" else "B")
    expired = _link(client, admin, contact_id)
    with db.sessionmaker.begin() as session:
        session.execute(
            update(PartnerLink)
            .where(PartnerLink.id == expired["id"])
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )
    revoked = _link(client, admin, contact_id)
    client.post(f"/v1/links/{revoked['id']}/revoke", headers=admin)
    cases = {
        "/p/" + "x" * 43: (404, "not valid"),
        flipped: (404, "not valid"),
        "/p/short": (404, "not valid"),
        good + "extra": (404, "not valid"),
        _path(expired): (410, "has expired"),
        _path(revoked): (410, "was withdrawn"),
    }
    for path, (status, words) in cases.items():
        for response in (client.get(path), client.post(path, data={"satisfaction": "5"})):
            assert response.status_code == status, path
            assert words in response.text
            assert "Riverbend" not in response.text
            assert "Dana" not in response.text
    assert _stored(db, TemperatureCheck) == []
    assert client.get(good).status_code == 200


def test_a_form_posted_from_another_site_is_refused(
    client: TestClient, admin: dict[str, str], chain: dict[str, Any], db: Database
) -> None:
    link = _link(client, admin, chain["contact"]["id"])
    evil = {"Origin": "https://evil.example"}
    response = client.post(_path(link), data={"satisfaction": "1"}, headers=evil)
    assert response.status_code == 403
    assert _stored(db, TemperatureCheck) == []
    same = {"Origin": "http://testserver"}
    assert client.post(_path(link), data={"satisfaction": "3"}, headers=same).status_code == 200


def test_refused_tries_are_limited_per_client(
    db: Database, admin: dict[str, str], chain: dict[str, Any]
) -> None:
    settings = Settings(database_url=db.url, embedder="tfidf", link_attempt_limit="3/minute")
    app = create_app(settings, db=db)
    with TestClient(app, raise_server_exceptions=False) as client:
        link = _link(client, admin, chain["contact"]["id"])
        for _ in range(3):
            assert client.get("/p/" + "y" * 43).status_code == 404
        limited = client.get(_path(link))
        assert limited.status_code == 429
        assert int(limited.headers["retry-after"]) >= 1
        assert "Too many tries" in limited.text
        assert client.post(_path(link), data={"satisfaction": "5"}).status_code == 429
    assert _stored(db, TemperatureCheck) == []


def test_a_double_submit_writes_once(
    app: FastAPI, admin: dict[str, str], chain: dict[str, Any], db: Database
) -> None:
    with TestClient(app) as client:
        link = _link(client, admin, chain["contact"]["id"])
    statuses: list[int] = []
    with served(app) as base:
        start = threading.Barrier(4)

        def submit() -> None:
            start.wait()
            answer = httpx.post(base + _path(link), data={"satisfaction": "5"},
                                headers={"Origin": base}, timeout=30)  # fmt: skip
            statuses.append(answer.status_code)

        threads = [threading.Thread(target=submit) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert sorted(statuses) == [200, 410, 410, 410]
    assert len(_stored(db, TemperatureCheck)) == 1
