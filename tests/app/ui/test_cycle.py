"""The convener's cycle on the pages, on both databases: a partner's page lists its asks,
checks with comments, agreements and interviews; its forms record an interview, a check and
an agreement and accept, decline or complete an ask through the write service (errors by
their field, nothing written); roles hold; the check-in list shows what is due."""

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.auth.models import Role
from app.db import Database
from app.engagements.models import Agreement, Engagement
from app.interviews.models import Interview, TemperatureCheck
from tests.app.ui.conftest import LoginAs
from tests.app.ui.html import Page
from tests.helpers import organization, post

NOW = datetime.now(UTC)


def count(db: Database, model: Any) -> int:
    with db.sessionmaker() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def setup_partner(client: TestClient, admin: dict[str, str]) -> tuple[int, int, int]:
    org = post(client, admin, "organizations", organization())["id"]
    base = {
        "organization_id": org,
        "program": "Harbor Point Academy",
        "engagement_type": "job_shadow",
    }
    asked = post(
        client, admin, "engagements", base | {"asked_at": (NOW - timedelta(days=20)).isoformat()}
    )
    running = post(
        client, admin, "engagements", base | {"status": "accepted", "program": "Riverbend CC"}
    )
    return org, asked["id"], running["id"]


def test_the_partner_page_records_the_whole_cycle(
    db: Database, client: TestClient, admin: dict[str, str], login_as: LoginAs
) -> None:
    org, asked, running = setup_partner(client, admin)
    page = login_as(Role.convener)
    path = f"/ui/partners/{org}"
    html = page.get(path).text
    assert "Harbor Point Academy" in html
    assert f'action="/ui/partners/{org}/asks/{asked}"' in html
    assert "No temperature check on file." in html
    assert "Ask unanswered" in html  # its check-in, on its page

    # A temperature check with a mistake: the error sits by its field, nothing is written.
    bad = page.post(f"{path}/temperature-checks", data={"satisfaction": "", "comment": "Busy"})
    assert bad.status_code == 422
    found = Page(bad.text)
    assert "Required" in found.text("check-satisfaction-error")
    assert found.attrs["check-satisfaction"]["aria-invalid"] == "true"
    assert "Busy" in bad.text  # what was typed stays
    assert count(db, TemperatureCheck) == 0
    done = page.post(
        f"{path}/temperature-checks",
        data={
            "satisfaction": "2",
            "comment": "Too many asks this term",
            "checked_on": NOW.date().isoformat(),
        },
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == f"{path}?done=check#checks"
    shown = page.get(done.headers["location"]).text
    assert "Temperature check recorded." in shown
    assert "Too many asks this term" in shown

    # An interview and an agreement.
    bad = page.post(f"{path}/interviews", data={"interest_level": "4", "conducted_on": "someday"})
    assert bad.status_code == 422
    assert Page(bad.text).text("interview-conducted_on-error")
    ok = page.post(
        f"{path}/interviews",
        data={
            "interest_level": "4",
            "conducted_on": "2026-10-01",
            "capacity_hours_per_month": "12",
            "engagement_types": ["job_shadow", "mentoring"],
            "notes": "Prefers spring",
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303
    bad = page.post(f"{path}/agreements", data={"starts_on": "2026-12-01", "ends_on": "2026-01-01"})
    assert bad.status_code == 422
    assert "must not be before" in Page(bad.text).text("agreement-ends_on-error")
    ok = page.post(
        f"{path}/agreements",
        data={
            "roles": "Hosts job shadows",
            "starts_on": "2026-09-01",
            "ends_on": "2027-06-30",
            "status": "active",
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303
    shown = page.get(path).text
    assert "Prefers spring" in shown
    assert "Hosts job shadows" in shown
    assert (count(db, Interview), count(db, Agreement)) == (1, 1)

    # Accept the ask; complete the running one: without hours it asks for them.
    ok = page.post(f"{path}/asks/{asked}", data={"action": "accept"}, follow_redirects=False)
    assert ok.status_code == 303
    bad = page.post(f"{path}/asks/{running}", data={"action": "complete", "students_served": "30"})
    assert bad.status_code == 422
    assert "hours the partner actually gave" in Page(bad.text).text(
        f"ask-{running}-hours_actual-error"
    )
    bad = page.post(
        f"{path}/asks/{running}", data={"action": "complete", "hours_actual": "6", "hires": "-2"}
    )
    assert bad.status_code == 422
    assert "greater than or equal to 0" in Page(bad.text).text(f"ask-{running}-hires-error")
    ok = page.post(
        f"{path}/asks/{running}",
        data={
            "action": "complete",
            "hours_actual": "6",
            "students_served": "30",
            "hires": "1",
            "credentials_earned": "4",
            "outcome_note": "One hired",
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303
    with db.sessionmaker() as session:
        stored = {e.id: e for e in session.scalars(select(Engagement))}
    assert stored[asked].status == "accepted"
    assert stored[asked].responded_at is not None
    done_ask = stored[running]
    assert (done_ask.status, done_ask.hours_actual, done_ask.students_served) == (
        "completed",
        6,
        30,
    )
    assert (done_ask.hires, done_ask.credentials_earned, done_ask.outcome_note) == (
        1,
        4,
        "One hired",
    )
    shown = page.get(f"{path}?done=completed").text
    assert "30 students served; 1 hire; 4 credentials earned" in shown
    assert "Ask marked completed" in shown
    # An unknown action is named, and an ask of another partner is not reachable from here.
    nap = page.post(f"{path}/asks/{asked}", data={"action": "nap"})
    assert nap.status_code == 422
    assert "Nothing was saved." in nap.text
    assert "Input should be" in nap.text
    cancel = page.post(f"{path}/asks/{asked}", data={"action": "cancel"}, follow_redirects=False)
    assert cancel.headers["location"] == f"{path}?done=cancelled#ask-{asked}"
    other = post(client, admin, "organizations", organization(name="Other Co"))["id"]
    assert (
        page.post(f"/ui/partners/{other}/asks/{asked}", data={"action": "decline"}).status_code
        == 404
    )


def test_roles_hold_on_the_cycle_forms(
    db: Database, client: TestClient, admin: dict[str, str], login_as: LoginAs
) -> None:
    org, asked, _ = setup_partner(client, admin)
    path = f"/ui/partners/{org}"
    viewer = login_as(Role.viewer)
    html = viewer.get(path).text
    assert "Record a temperature check" not in html
    assert f"/asks/{asked}" not in html
    assert viewer.post(f"{path}/temperature-checks", data={"satisfaction": "3"}).status_code == 403
    assert viewer.post(f"{path}/asks/{asked}", data={"action": "accept"}).status_code == 403
    recruiter = login_as(Role.recruiter)
    html = recruiter.get(path).text
    assert f"/asks/{asked}" in html  # recruiters answer asks, as over the API
    assert "Record an interview" in html  # recruiters interview the partners they recruit
    assert "Record a temperature check" not in html
    assert count(db, TemperatureCheck) + count(db, Interview) == 0
    # Another site's form is refused.
    convener = login_as(Role.convener)
    cross = convener.post(
        f"{path}/temperature-checks",
        data={"satisfaction": "3"},
        headers={"Origin": "https://evil.example"},
    )
    assert cross.status_code == 403
    assert count(db, TemperatureCheck) == 0
    assert (
        convener.post(
            "/ui/partners/999999/temperature-checks", data={"satisfaction": "3"}
        ).status_code
        == 404
    )


def test_the_check_in_list_page(
    client: TestClient, admin: dict[str, str], login_as: LoginAs
) -> None:
    org, asked, _ = setup_partner(client, admin)
    page = login_as(Role.viewer)
    html = page.get("/ui/checkins").text
    assert "<h1>Check-ins</h1>" in html
    assert f'href="/ui/partners/{org}#ask-{asked}"' in html
    assert "asked by Harbor Point Academy 20 days ago" in html
    assert "6 days overdue" in html
    assert 'aria-current="page">Check-ins' in html
    filtered = page.get("/ui/checkins?kind=agreement_lapsed").text
    assert "Nothing is due for these filters." in filtered
    bad = page.get("/ui/checkins?limit=0")
    assert bad.status_code == 422
    assert "limit" in bad.text
    client.cookies.clear()
    assert client.get("/ui/checkins", follow_redirects=False).status_code == 303
