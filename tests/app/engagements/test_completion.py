"""Completing an ask counts at once (issue 24): its hours are hours worked and it is the
partner's last finished engagement, dated the day it was completed, in the load answers and on
the partner's page; its planned days after that day end there."""

import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.auth.models import Role
from app.db import Database
from app.load import service
from app.types import utcnow
from tests.helpers import post, stored_chain

TODAY = utcnow().date()


def day(offset: int) -> str:
    """The day `offset` days from today, as the API writes it."""
    return (TODAY + timedelta(days=offset)).isoformat()


def partner_with_a_running_ask(client: TestClient, admin: dict[str, str]) -> tuple[int, int]:
    """The issue's partner: an engagement finished 220 days ago, and an accepted ask for a
    need that started 10 days ago and is planned to end in 60 days (24 hours estimated)."""
    chain = stored_chain(client, admin)
    org = chain["organization"]["id"]
    base: dict[str, Any] = {"organization_id": org, "program": "Riverbend CC Mechatronics Pathway",
                            "engagement_type": "internship_host"}  # fmt: skip
    post(client, admin, "engagements", base | {
        "status": "completed", "asked_at": f"{day(-300)}T09:00:00Z", "starts_on": day(-230),
        "ends_on": day(-220), "hours_estimated": 8, "hours_actual": 8})  # fmt: skip
    ask = post(client, admin, "engagements", base | {
        "need_id": chain["need"]["id"], "status": "accepted",
        "asked_at": f"{day(-20)}T09:00:00Z", "starts_on": day(-10), "ends_on": day(60),
        "hours_estimated": 24})  # fmt: skip
    return org, ask["id"]


def load_of(client: TestClient, admin: dict[str, str], org: int) -> dict[str, Any]:
    answer = client.get(f"/v1/organizations/{org}/load", headers=admin)
    assert answer.status_code == 200, answer.text
    load: dict[str, Any] = answer.json()["load"]
    return load


def listed(client: TestClient, admin: dict[str, str], org: int) -> dict[str, Any]:
    answer = client.get("/v1/partners/load?limit=100", headers=admin)
    assert answer.status_code == 200, answer.text
    return next(i for i in answer.json()["items"] if i["organization_id"] == org)


def test_completing_an_ask_counts_in_the_load_answers(
    db: Database, client: TestClient, admin: dict[str, str]
) -> None:
    org, ask = partner_with_a_running_ask(client, admin)
    service.refresh_kept_loads(db.sessionmaker)  # the list reads the kept figures
    before = load_of(client, admin, org)
    assert before["hours_committed"] < 4  # 11 of its 71 days behind
    assert before["days_since_last_completed"] == 220
    assert listed(client, admin, org)["hours_committed"] == before["hours_committed"]

    completing = {"status": "completed", "hours_actual": 14}
    done = client.patch(f"/v1/engagements/{ask}", json=completing, headers=admin)
    assert done.status_code == 200, done.text
    assert (done.json()["starts_on"], done.json()["ends_on"]) == (day(-10), day(0))

    after = load_of(client, admin, org)
    assert after["hours_committed"] == 14
    assert after["hours_ahead"] == 0
    assert after["days_since_last_completed"] == 0
    row = listed(client, admin, org)
    assert (row["hours_committed"], row["days_since_last_completed"]) == (14, 0)


def test_completing_an_ask_on_the_partner_page_shows_there(
    client: TestClient, admin: dict[str, str], keys: dict[Role, str]
) -> None:
    org, ask = partner_with_a_running_ask(client, admin)
    login = client.post("/ui/login", data={"api_key": keys[Role.recruiter]}, follow_redirects=False)
    assert login.status_code == 303, login.text
    path = f"/ui/partners/{org}"
    assert figure(client.get(path).text, "Hours worked") == "4"
    assert figure(client.get(path).text, "Last finished an engagement") == "220 days ago"

    done = client.post(
        f"{path}/asks/{ask}",
        data={"action": "complete", "hours_actual": "14"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    shown = client.get(done.headers["location"])
    assert "Ask marked completed, with its outcomes." in shown.text
    assert figure(shown.text, "Hours worked") == "14"
    assert figure(shown.text, "Last finished an engagement") == "0 days ago"


def figure(html: str, label: str) -> str:
    """The value the partner page shows beside `label`."""
    found = re.search(rf"<dt>{label}</dt><dd[^>]*>(.*?)</dd>", html)
    assert found is not None, label
    return found.group(1).strip()


def write(client: TestClient, admin: dict[str, str], path: str, **body: Any) -> Any:
    """PUT to a CRM id's path (an upsert), else PATCH; the record as stored."""
    answer = client.request(
        "PUT" if "external" in path else "PATCH", path, json=body, headers=admin
    )
    assert answer.status_code in (200, 201), answer.text
    return answer.json()


def test_only_days_after_the_completion_day_move(client: TestClient, admin: dict[str, str]) -> None:
    org, _ = partner_with_a_running_ask(client, admin)
    base = {"organization_id": org, "program": "Riverbend CC", "engagement_type": "job_shadow"}
    # Ended on its planned day, recorded late: its days are as planned.
    late = post(client, admin, "engagements", base | {
        "status": "accepted", "starts_on": day(-40), "ends_on": day(-30)})  # fmt: skip
    stored = write(
        client, admin, f"/v1/engagements/{late['id']}", status="completed", hours_actual=3
    )
    assert (stored["starts_on"], stored["ends_on"]) == (day(-40), day(-30))
    # Done before it was to start: it took place today.
    early = post(client, admin, "engagements", base | {"starts_on": day(5), "ends_on": day(6)})
    stored = write(
        client, admin, f"/v1/engagements/{early['id']}", status="completed", hours_actual=2
    )
    assert (stored["starts_on"], stored["ends_on"]) == (day(0), day(0))
    # No end planned: it ended the day it was completed.
    open_ended = post(client, admin, "engagements", base | {"status": "accepted",
                                                            "starts_on": day(-3)})  # fmt: skip
    stored = write(
        client, admin, f"/v1/engagements/{open_ended['id']}", status="completed", hours_actual=2
    )
    assert (stored["starts_on"], stored["ends_on"]) == (day(-3), day(0))
    # A record of an ask completed long ago, with no end: its one day stays its start.
    history = post(client, admin, "engagements", base | {
        "status": "completed", "hours_actual": 1, "starts_on": day(-100)})  # fmt: skip
    assert history["ends_on"] is None


def test_a_sync_sending_the_planned_end_again_keeps_the_completion_day(
    client: TestClient, admin: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CRM that keeps sending a completed ask with its planned end does not move the day it
    ended, nor write the ask again, on the days that follow."""
    org, _ = partner_with_a_running_ask(client, admin)
    path = "/v1/engagements/external/crm-ask-1"
    body = {"organization_id": org, "program": "Riverbend CC", "engagement_type": "job_shadow",
            "status": "accepted", "asked_at": f"{day(-20)}T09:00:00Z", "starts_on": day(-10),
            "ends_on": day(60), "hours_estimated": 5}  # fmt: skip
    write(client, admin, path, **body)
    first = write(client, admin, path, **body | {"status": "completed", "hours_actual": 6})
    assert first["ends_on"] == day(0)

    later = TODAY + timedelta(days=3)
    monkeypatch.setattr("app.engagements.domain.today", lambda: later)
    again = write(client, admin, path, **body | {"status": "completed", "hours_actual": 6})
    assert (again["ends_on"], again["version"]) == (day(0), first["version"])
    # A completed ask whose end is corrected to another day gone by takes it.
    fixed = write(client, admin, path, **body | {"status": "completed", "hours_actual": 6,
                                                     "ends_on": day(-1)})  # fmt: skip
    assert fixed["ends_on"] == day(-1)
