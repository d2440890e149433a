"""The web pages through the ASGI app, on both databases: the session cookie and its checks,
roles, the load and partner pages against the API's own figures, the need form's per-field
errors, recording an ask, and bad input shown as a page, never a 500."""

import re
import threading
from collections.abc import Sequence
from datetime import timedelta
from html import unescape
from typing import Any

import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from app.auth.models import Role, WebSession
from app.config import Settings
from app.db import Database
from app.engagements.models import Engagement
from app.main import create_app
from app.needs.models import Need
from app.organizations.models import Organization
from app.plans.models import Plan
from app.types import utcnow
from tests.app.matches.test_index import WordHashEmbedder
from tests.app.ui.conftest import LoginAs
from tests.app.ui.html import Page
from tests.conftest import SAME_SITE, AuthFor

HEAVY = {
    "Meridian Health System", "Castellan Aerostructures", "Riverbend Community College",
    "Kestrel Cloud Systems", "Sunridge Power & Light", "Tidewater Construction Group",
    "Larkspur Biologics",
}  # fmt: skip
JOB_SHADOWS = "Spring job-shadow days for Health Academy juniors"


def organization_id(db: Database, name: str) -> int:
    with db.sessionmaker() as session:
        found = session.scalar(select(Organization.id).where(Organization.name == name))
    assert found is not None
    return found


def need_id(db: Database, title: str) -> int:
    with db.sessionmaker() as session:
        found = session.scalar(select(Need.id).where(Need.title == title))
    assert found is not None
    return found


def count(db: Database, model: Any) -> int:
    with db.sessionmaker() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def row_names(html: str) -> list[str]:
    """Partner names of the load table's rows, in order."""
    found = re.findall(r'<th scope="row"><a href="/ui/partners/\d+">([^<]+)</a><span', html)
    return [unescape(name) for name in found]


def is_page(response: Any, status: int) -> bool:
    """An HTML page (not problem+json) with this status."""
    html = str(response.headers["content-type"]).startswith("text/html")
    return bool(response.status_code == status and html)


# ---------------------------------------------------------------------------- session


@pytest.mark.parametrize(
    ("method", "path", "wanted"),
    [
        ("GET", "/ui/load?kind=college", "/ui/login?next=%2Fui%2Fload%3Fkind%3Dcollege"),
        ("GET", "/ui/partners/1", "/ui/login?next=%2Fui%2Fpartners%2F1"),
        ("GET", "/ui/needs", "/ui/login?next=%2Fui%2Fneeds"),
        ("GET", "/ui/load", "/ui/login"),
        ("POST", "/ui/needs", "/ui/login"),
        ("POST", "/ui/needs/1/asks", "/ui/login"),
    ],
)
def test_every_page_needs_a_session(
    client: TestClient, method: str, path: str, wanted: str
) -> None:
    response = client.request(method, path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == wanted


def test_login_sets_a_strict_http_only_cookie_and_returns_to_the_page(
    client: TestClient, keys: dict[Role, str]
) -> None:
    form = client.get("/ui/login?next=/ui/needs%3Fstatus%3Dopen")
    assert is_page(form, 200)
    field = Page(form.text).attrs["f-api_key"]
    assert field["type"] == "password"
    assert field["name"] == "api_key"
    assert 'for="f-api_key"' in form.text
    response = client.post(
        "/ui/login",
        data={"api_key": keys[Role.viewer], "next": "/ui/needs?status=open"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/ui/needs?status=open"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("pm_session=")
    for part in ("HttpOnly", "SameSite=strict", "Path=/ui", "Max-Age=28800"):
        assert part in cookie
    assert client.get("/ui/needs?status=open").status_code == 200


@pytest.mark.parametrize("key", ["pm_wrong", ""])
def test_a_bad_key_is_refused_next_to_the_field_and_never_echoed(
    client: TestClient, key: str
) -> None:
    response = client.post("/ui/login", data={"api_key": key}, follow_redirects=False)
    assert is_page(response, 401 if key else 422)
    page = Page(response.text)
    field = page.attrs["f-api_key"]
    assert field["aria-invalid"] == "true"
    assert "f-api_key-error" in field["aria-describedby"]
    assert field["value"] == ""
    expected = "Unknown or revoked API key." if key else "Enter your API key."
    assert expected in page.text("f-api_key-error")
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize(
    "next_path",
    ["https://evil.example/ui/load", "//evil.example/ui/load", "/v1/organizations",
     "/\\evil.example", "javascript:alert(1)", "/ui/login?next=/ui/needs", "/uinot"],
)  # fmt: skip
def test_login_goes_only_to_pages_of_this_site(
    client: TestClient, keys: dict[Role, str], next_path: str
) -> None:
    response = client.post(
        "/ui/login",
        data={"api_key": keys[Role.viewer], "next": next_path},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/ui/load"


def test_revoking_the_key_ends_the_session_and_logout_clears_it(
    login_as: LoginAs, admin: dict[str, str]
) -> None:
    client = login_as(Role.recruiter)
    assert client.get("/ui/load", follow_redirects=False).status_code == 200
    keys = client.get("/v1/keys", headers=admin).json()
    recruiter = next(k for k in keys if k["role"] == "recruiter")
    assert client.delete(f"/v1/keys/{recruiter['id']}", headers=admin).status_code == 200
    assert client.get("/ui/load", follow_redirects=False).status_code == 303

    client = login_as(Role.viewer)
    response = client.post("/ui/logout", follow_redirects=False)
    assert response.status_code == 303
    assert 'pm_session=""' in response.headers["set-cookie"]
    assert "Max-Age=0" in response.headers["set-cookie"]
    assert client.get("/ui/load", follow_redirects=False).status_code == 303


def test_the_cookie_names_a_session_of_its_own_never_the_key(
    login_as: LoginAs, keys: dict[Role, str], db: Database
) -> None:
    """The cookie used to be the API key itself: logging out did not end it, and a copied
    cookie worked as `Authorization: Bearer`. Now it names a session record."""
    client = login_as(Role.admin)
    token = client.cookies.get("pm_session")
    assert token
    assert token != keys[Role.admin]
    # A copied cookie is no API credential.
    copied = client.get("/v1/organizations", headers={"Authorization": f"Bearer {token}"})
    assert copied.status_code == 401
    with db.sessionmaker() as session:
        stored = session.scalars(select(WebSession.token_hash)).all()
    assert token not in stored
    assert len(stored) == 1
    # Logging out ends the session on the server: the same cookie sent again is refused.
    client.post("/ui/logout", follow_redirects=False)
    client.cookies.set("pm_session", token, path="/ui")
    assert client.get("/ui/load", follow_redirects=False).status_code == 303
    # An expired session is refused too; a new login starts another.
    client = login_as(Role.viewer)
    with db.sessionmaker.begin() as session:
        session.execute(update(WebSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert client.get("/ui/load", follow_redirects=False).status_code == 303
    assert login_as(Role.viewer).get("/ui/load", follow_redirects=False).status_code == 200


def test_a_form_posted_from_another_site_is_refused(login_as: LoginAs, db: Database) -> None:
    client = login_as(Role.recruiter)
    response = client.post(
        "/ui/needs",
        data={"title": "x", "program": "y", "engagement_type": "mentoring"},
        headers={"Origin": "https://evil.example"},
    )
    assert is_page(response, 403)
    assert count(db, Need) == 0
    client.cookies.clear()
    login = client.post(
        "/ui/login",
        data={"api_key": "pm_anything"},
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert is_page(login, 403)


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "null"},
        # Another site's Referer and no Origin (accepted before: only Origin was read).
        {"Referer": "https://evil.example/page", "Sec-Fetch-Site": "same-origin"},
        # Nothing says where the form came from.
        {},
    ],
)
def test_a_form_without_our_origin_is_refused_when_the_browser_says_it_came_from_elsewhere(
    login_as: LoginAs, db: Database, headers: dict[str, str]
) -> None:
    client = login_as(Role.recruiter)
    del client.headers["Origin"]  # what the test's browser would send, and nothing else
    body = {"title": "x", "program": "y", "engagement_type": "mentoring"}
    assert is_page(client.post("/ui/needs", data=body, headers=headers), 403)
    assert count(db, Need) == 0
    logout = client.post("/ui/logout", headers=headers, follow_redirects=False)
    assert is_page(logout, 403)
    assert "set-cookie" not in logout.headers  # still logged in
    # Our own Referer (an old browser sending no Origin) or Sec-Fetch-Site is enough.
    ours = {"Referer": "http://testserver/ui/needs/new"}
    made = client.post("/ui/needs", data=body, headers=ours, follow_redirects=False)
    assert made.status_code == 303  # created
    same = {"Sec-Fetch-Site": "same-origin"}
    assert client.post("/ui/logout", headers=same, follow_redirects=False).status_code == 303


# ---------------------------------------------------------------------------- partner load


def test_load_page_flags_the_heavy_hitters_and_draws_the_concentration(
    demo_db: Database, login_as: LoginAs, admin: dict[str, str]
) -> None:
    client = login_as(Role.viewer)
    response = client.get("/ui/load")
    assert is_page(response, 200)
    html = response.text
    names = row_names(html)
    assert len(names) == 25  # a page, not the whole table
    assert HEAVY <= set(names[:7])
    for name in HEAVY:
        escaped = re.escape(name.replace("&", "&amp;"))
        pattern = rf'<tr data-partner="\d+">\s*<th scope="row"><a [^>]+>{escaped}</a>.*?</tr>'
        row = re.search(pattern, html, re.S)
        assert row is not None, name
        assert '<span class="risk risk-critical">' in row.group(0)
        assert ">critical <span" in row.group(0)  # the level in words, not colour alone
    api = client.get("/v1/insights/concentration", headers=admin).json()
    page = Page(html)
    assert page.text("top20") == f"{api['top20_share'] * 100:.0f}%"
    assert page.text("gini") == f"{api['gini']:.2f}"
    assert page.attrs["lorenz-title"]["tag"] == "title"
    assert "The least-asked 80% of partners took" in page.text("lorenz-desc")


def test_load_page_filters_sorts_and_pages_like_the_api(
    demo_db: Database, login_as: LoginAs, admin: dict[str, str]
) -> None:
    client = login_as(Role.viewer)
    # Boxes left at "any" arrive empty and are ignored.
    html = client.get("/ui/load?kind=college&region=&risk=&sort=name").text
    api = client.get("/v1/partners/load?kind=college&sort=name", headers=admin).json()
    assert row_names(html) == [p["name"] for p in api["items"]]
    assert 'aria-sort="ascending"' in html

    region = "River Valley"
    html = client.get(f"/ui/load?region={region}&sort=-asks").text
    api = client.get(f"/v1/partners/load?region={region}&sort=-asks", headers=admin).json()
    assert row_names(html) == [p["name"] for p in api["items"]]

    first = client.get("/ui/load?sort=name").text
    following = re.search(r'<a href="([^"]+)" rel="next">', first)
    assert following is not None
    second = client.get(following.group(1).replace("&amp;", "&")).text
    assert "Rows 26–50" in second
    everyone = client.get("/v1/partners/load?sort=name&limit=50", headers=admin).json()["items"]
    assert row_names(second) == [p["name"] for p in everyone[25:50]]
    assert 'rel="prev"' in second


def test_load_page_shows_hours_promised_ahead_where_they_set_utilisation(
    demo_db: Database, login_as: LoginAs, admin: dict[str, str]
) -> None:
    # Utilisation is the larger of hours behind and hours promised ahead; a partner whose
    # hours all lie ahead must not read "0 / 30" beside a full bar with nothing to explain it.
    client = login_as(Role.viewer)
    html = client.get("/ui/load?sort=name").text
    api = client.get("/v1/partners/load?sort=name&limit=25", headers=admin).json()["items"]
    ahead = [p for p in api if p["hours_ahead"] > p["hours_committed"]]
    assert ahead, "the demo data has partners with accepted asks still to come"
    for p in ahead:
        row = re.search(rf'<tr data-partner="{p["organization_id"]}">.*?</tr>', html, re.S)
        assert row is not None, p["name"]
        assert f"{p['hours_ahead']:.0f} promised ahead" in row.group(0)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/ui/load?sort=bogus", 422),
        ("/ui/load?window_days=0", 422),
        ("/ui/load?kind=spaceship", 422),
        ("/ui/load?cursor=not-a-cursor", 422),
        ("/ui/load?unknown=1", 422),
        ("/ui/partners/abc", 422),
        ("/ui/partners/99999", 404),
        ("/ui/partners/99999999999999", 422),
        ("/ui/needs?cursor=zzz", 422),
        ("/ui/needs/99999", 404),
        ("/ui/needs/1?limit=1000", 404),
        ("/ui/search?text=x&hours=-1", 422),
        ("/ui/nowhere", 404),
    ],
)
def test_bad_input_is_a_page_not_a_500(login_as: LoginAs, path: str, status: int) -> None:
    response = login_as(Role.viewer).get(path)
    assert is_page(response, status), response.text
    assert "<h1>" in response.text


def test_partner_page_shows_profile_timeline_askers_reasons_and_history(
    demo_db: Database, login_as: LoginAs, admin: dict[str, str]
) -> None:
    oid = organization_id(demo_db, "Meridian Health System")
    client = login_as(Role.viewer)
    response = client.get(f"/ui/partners/{oid}")
    assert is_page(response, 200)
    html, page = response.text, Page(response.text)
    api = client.get(f"/v1/organizations/{oid}/load", headers=admin).json()
    assert "<h1>Meridian Health System" in html
    assert page.text("risk-title") == "Why critical risk"
    for reason in api["load"]["risk"]["reasons"]:
        assert reason.replace("&", "&amp;") in html
    assert page.text("asks") == str(api["load"]["asks"])
    assert page.attrs["tl-title"]["tag"] == "title"
    assert len(re.findall(r"<circle ", html)) >= 1  # satisfaction points
    assert api["askers"][0]["program"] in html
    assert "Latest interview" in html
    assert html.count('<tr><th scope="row">20') == 12  # the 12 months as a table

    html = client.get(f"/ui/partners/{oid}?window_days=365").text
    yearly = client.get(f"/v1/organizations/{oid}/load?window_days=365", headers=admin).json()
    assert Page(html).text("asks") == str(yearly["load"]["asks"])


# ---------------------------------------------------------------------------- needs


def test_needs_list_shows_open_slots_and_pages(demo_db: Database, login_as: LoginAs) -> None:
    client = login_as(Role.recruiter)
    html = client.get("/ui/needs").text
    assert html.count('<th scope="row"><a href="/ui/needs/') == 25
    assert 'href="/ui/needs/new"' in html
    following = re.search(r'<a href="([^"]+)" rel="next">', html)
    assert following is not None
    rest = client.get(following.group(1)).text
    assert rest.count('<th scope="row"><a href="/ui/needs/') == 5
    assert "First page" in rest
    # Open slots are the slots less the accepted and completed asks, as the API counts them.
    nid = need_id(demo_db, "Summer mechatronics internships (10 weeks)")
    row = re.search(rf'<a href="/ui/needs/{nid}">.*?</tr>', html + rest, re.S)
    assert row is not None
    with demo_db.sessionmaker() as session:
        taken = session.scalar(
            select(func.count()).where(
                Engagement.need_id == nid, Engagement.status.in_(["accepted", "completed"])
            )
        )
    assert taken
    assert f'<strong>{max(6 - taken, 0)}</strong> <span class="muted">of 6</span>' in row.group(0)
    filtered = client.get("/ui/needs?status=filled&engagement_type=&region=").text
    assert "status-open" not in filtered


NEED_FIELDS = {
    "title": "Welding certification judges",
    "program": "",
    "description": "Judges for the spring certification day.",
    "skills": "MIG welding, blueprint reading",
    "sectors": "advanced_manufacturing",
    "partner_kinds": ["employer", "college"],
    "region": "High Desert",
    "engagement_type": "guest_instruction",
    "hours_per_partner": "lots",
    "slots": "0",
    "starts_on": "2027-03-01",
    "ends_on": "2027-03-02",
    "status": "open",
}


def test_need_form_shows_each_error_next_to_its_field_and_keeps_what_was_typed(
    login_as: LoginAs, db: Database
) -> None:
    client = login_as(Role.recruiter)
    response = client.post("/ui/needs", data=NEED_FIELDS)
    assert is_page(response, 422)
    page = Page(response.text)
    for field, message in [
        ("program", "Required"),
        ("hours_per_partner", "Input should be a valid number"),
        ("slots", "Input should be greater than or equal to 1"),
    ]:
        assert message in page.text(f"f-{field}-error"), field
        assert f"f-{field}-error" in page.attrs[f"f-{field}"]["aria-describedby"]
        assert page.attrs[f"f-{field}"]["aria-invalid"] == "true"
    assert "aria-invalid" not in page.attrs["f-title"]
    assert page.attrs["f-title"]["value"] == NEED_FIELDS["title"]
    assert page.attrs["f-hours_per_partner"]["value"] == "lots"
    assert page.attrs["f-skills"]["value"] == NEED_FIELDS["skills"]
    assert 'value="college" checked' in response.text
    assert "Please correct these" in response.text

    # A rule between two fields lands on the field it names.
    dates = NEED_FIELDS | {"program": "High Desert Welding", "hours_per_partner": "8",
                           "slots": "2", "ends_on": "2027-02-01"}  # fmt: skip
    page = Page(client.post("/ui/needs", data=dates).text)
    assert "ends_on must not be before starts_on" in page.text("f-ends_on-error")
    assert count(db, Need) == 0


def test_need_form_creates_the_same_need_as_the_api(
    login_as: LoginAs, db: Database, admin: dict[str, str]
) -> None:
    client = login_as(Role.recruiter)
    fields = NEED_FIELDS | {"program": "High Desert Welding", "hours_per_partner": "8",
                            "slots": "2", "region": ""}  # fmt: skip
    response = client.post("/ui/needs", data=fields, follow_redirects=False)
    assert response.status_code == 303
    match = re.fullmatch(r"/ui/needs/(\d+)\?created=1", response.headers["location"])
    assert match is not None
    need = client.get(f"/v1/needs/{match.group(1)}", headers=admin).json()
    assert need["skills"] == ["MIG welding", "blueprint reading"]
    assert need["partner_kinds"] == ["employer", "college"]
    assert need["region"] is None
    assert need["slots"] == 2
    assert need["hours_per_partner"] == 8
    page = client.get(response.headers["location"])
    assert is_page(page, 200)
    assert "The need was created" in page.text


def test_a_need_described_in_words_fills_the_form_for_the_recruiter_to_correct(
    login_as: LoginAs, demo_db: Database
) -> None:
    client = login_as(Role.recruiter)
    before = count(demo_db, Need)
    text = "a vet clinic that can host two FFA students for job shadows near Fairhaven"
    response = client.post("/ui/needs/read", data={"described": text})
    assert is_page(response, 200)
    page = Page(response.text)
    assert page.attrs["f-title"]["value"] == text
    assert page.attrs["f-sectors"]["value"] == "animal_science"
    assert page.attrs["f-region"]["value"] == "Central Valley"
    # Two students, one clinic: the partners needed stay 1.
    assert page.attrs["f-slots"]["value"] == "1"
    assert 'value="job_shadow" selected' in response.text
    assert 'value="employer" checked' in response.text
    assert "region read: Central Valley (“Fairhaven”)" in response.text
    assert count(demo_db, Need) == before  # reading stores nothing
    empty = client.post("/ui/needs/read", data={"described": "  "})
    assert is_page(empty, 422)
    assert "Describe the need" in Page(empty.text).text("f-described-error")
    assert is_page(login_as(Role.viewer).post("/ui/needs/read", data={"described": text}), 403)


def test_a_viewer_sees_no_write_actions_and_gets_403_pages(
    demo_db: Database, login_as: LoginAs
) -> None:
    client = login_as(Role.viewer)
    nid = need_id(demo_db, JOB_SHADOWS)
    assert 'href="/ui/needs/new"' not in client.get("/ui/needs").text
    html = client.get(f"/ui/needs/{nid}").text
    assert "Record an ask" not in html
    assert '<form class="ask"' not in html
    assert is_page(client.get("/ui/needs/new"), 403)
    before = count(demo_db, Engagement), count(demo_db, Need)
    refused = client.post(f"/ui/needs/{nid}/asks", data={"organization_id": "1", "program": "P"})
    assert is_page(refused, 403)
    assert "needs the recruiter role" in refused.text
    refused = client.post("/ui/needs", data=NEED_FIELDS | {"program": "P", "slots": "1"})
    assert is_page(refused, 403)
    assert (count(demo_db, Engagement), count(demo_db, Need)) == before


def test_recording_an_ask_changes_the_partners_load_at_once(
    demo_db: Database, login_as: LoginAs, admin: dict[str, str]
) -> None:
    client = login_as(Role.recruiter)
    nid = need_id(demo_db, JOB_SHADOWS)
    html = client.get(f"/ui/needs/{nid}").text
    first = re.search(r'<li class="match" id="match-(\d+)">', html)
    assert first is not None
    oid = int(first.group(1))
    before = client.get(f"/v1/organizations/{oid}/load", headers=admin).json()["load"]["asks"]
    response = client.post(
        f"/ui/needs/{nid}/asks",
        data={"organization_id": str(oid), "program": "Lincoln USD Health Academy",
              "hours_estimated": "6"},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.endswith("#asked")
    assert f"before={before}" in location
    page = Page(client.get(location).text)
    assert page.text("asks-after") == str(before + 1)
    assert f"(was {before})" in page.text("asked")
    load = client.get(f"/v1/organizations/{oid}/load", headers=admin).json()["load"]
    assert load["asks"] == before + 1
    asked = client.get(f"/v1/engagements?need_id={nid}&organization_id={oid}", headers=admin)
    newest = asked.json()["items"][-1]
    assert newest["engagement_type"] == "job_shadow"
    assert newest["status"] == "asked"
    assert newest["hours_estimated"] == 6
    assert newest["program"] == "Lincoln USD Health Academy"


def test_a_bad_ask_is_shown_on_its_row_and_writes_nothing(
    demo_db: Database, login_as: LoginAs
) -> None:
    client = login_as(Role.recruiter)
    nid = need_id(demo_db, JOB_SHADOWS)
    oid = int(re.findall(r'id="match-(\d+)"', client.get(f"/ui/needs/{nid}").text)[0])
    before = count(demo_db, Engagement)
    response = client.post(
        f"/ui/needs/{nid}/asks",
        data={"organization_id": str(oid), "program": "  ", "hours_estimated": "-3"},
    )
    assert is_page(response, 422)
    page = Page(response.text)
    assert "greater than or equal to 0" in page.text(f"f-hours-p{oid}-error")
    assert page.attrs[f"f-hours-p{oid}"]["value"] == "-3"
    assert page.text(f"f-program-p{oid}-error")
    missing = client.post(
        f"/ui/needs/{nid}/asks", data={"organization_id": "99999", "program": "P"}
    )
    assert is_page(missing, 422)
    assert "organization 99999 does not exist" in missing.text
    assert count(demo_db, Engagement) == before


def test_search_ranks_partners_for_words_typed_in(demo_db: Database, login_as: LoginAs) -> None:
    client = login_as(Role.viewer)
    assert is_page(client.get("/ui/search"), 200)
    blank = client.get("/ui/search?text=+&partner_kinds=employer")
    assert is_page(blank, 422)
    assert "f-text-error" in Page(blank.text).attrs["f-text"]["aria-describedby"]
    found = client.get(
        "/ui/search?text=welding+instructors&partner_kinds=college&region=&hours=&limit=10"
    )
    assert is_page(found, 200)
    kinds = re.findall(r'<span class="muted">(\w+)(?: · [^<]+)?</span>\s*<span class="score">',
                       found.text)  # fmt: skip
    assert kinds
    assert set(kinds) == {"college"}
    assert "Record an ask" not in found.text
    # What the words say is read and said in the page's words; a type chosen is not read.
    read = client.get("/ui/search?text=Patient+care+job+shadows+for+juniors&engagement_type=")
    assert is_page(read, 200)
    assert "read as job shadow from “job shadows”" in read.text
    assert "(name one, or tick Partner kinds, to look elsewhere)" in read.text
    chosen = client.get("/ui/search?text=Hospital+job+shadows&engagement_type=mentoring")
    assert "read as job shadow" not in chosen.text
    assert '<option value="mentoring" selected>' in chosen.text
    wrong = client.get("/ui/search?text=Hospital+job+shadows&engagement_type=nap")
    assert is_page(wrong, 422)
    assert (
        "f-engagement_type-error" in Page(wrong.text).attrs["f-engagement_type"]["aria-describedby"]
    )


def test_pages_stay_out_of_the_api_document_and_carry_safe_headers(
    app: FastAPI, login_as: LoginAs
) -> None:
    assert not [p for p in app.openapi()["paths"] if p.startswith("/ui")]
    client = login_as(Role.viewer)
    page = client.get("/ui/needs")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    css = client.get("/ui/static/ui.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")


def test_bearer_api_answers_stay_json(client: TestClient, auth: AuthFor) -> None:
    """Errors outside /ui are still problem+json: the page wrapper is for pages only."""
    response = client.get("/v1/organizations/99999", headers=auth(Role.viewer))
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


class StuckEmbedder(WordHashEmbedder):
    """Holds the background batch until told to go on; a query's texts pass at once."""

    def __init__(self) -> None:
        super().__init__()
        self.go_on = threading.Event()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if threading.current_thread().name == "partner-vectors":
            assert self.go_on.wait(30)
        return super().embed(texts)


def test_find_partners_answers_while_the_partners_are_being_embedded(
    demo_db: Database, keys: dict[Role, str]
) -> None:
    embedder = StuckEmbedder()
    settings = Settings(database_url=demo_db.url, webhook_worker=False)
    app = create_app(settings, db=demo_db, embedder=embedder)
    with TestClient(app, headers=SAME_SITE) as client:
        client.post("/ui/login", data={"api_key": keys[Role.viewer]})
        page = client.get(f"/ui/needs/{need_id(demo_db, JOB_SHADOWS)}")
        assert is_page(page, 200)
        assert "68 partners&#39; profiles are still being embedded" in page.text
        assert page.text.count('<li class="match"') == 10
        embedder.go_on.set()
        app.state.index.wait(30)


def test_the_plans_page_offers_its_form_to_conveners_only(login_as: LoginAs) -> None:
    recruiter = login_as(Role.recruiter).get("/ui/plans")
    assert is_page(recruiter, 200)
    assert 'id="run"' not in recruiter.text
    assert "Plans are made by conveners" in recruiter.text
    convener = login_as(Role.convener).get("/ui/plans")
    assert 'id="run"' in convener.text


def test_steering_a_plan_on_the_page_names_what_cannot_be_done(
    demo_db: Database, login_as: LoginAs
) -> None:
    """A plan's controls post to the page, not the API: a lock the data refuses comes back on
    the plan's page with the reason (409, nothing changed); recruiters may not steer; a bad
    action is named; every control solves again and the page says what changed."""
    convener = login_as(Role.convener)
    made = convener.post(
        "/ui/plans", data={"program": "Lincoln USD Health Academy", "allow_weak": "true"},
        follow_redirects=False,
    )  # fmt: skip
    assert made.status_code == 303, made.text
    url = made.headers["location"]
    page = convener.get(url)
    assert is_page(page, 200)
    assert 'id="commit"' in page.text
    assert "Committing makes <strong>" in page.text
    first = re.search(r'id="a-(\d+)-(\d+)"', page.text)
    assert first is not None
    need_id, org_id = first.groups()
    # A partner that is no candidate for the need cannot be locked in: said on the page.
    refused = convener.post(
        f"{url}/edit", data={"action": "lock", "need_id": need_id, "organization_id": "999999"},
        follow_redirects=False,
    )  # fmt: skip
    assert is_page(refused, 409)
    assert "a lock can no longer be kept" in refused.text
    assert f'id="a-{need_id}-{org_id}"' in refused.text  # the plan as it was
    bad = convener.post(
        f"{url}/edit", data={"action": "burn", "need_id": need_id, "organization_id": org_id}
    )
    assert bad.status_code == 422
    assert "action" in bad.text
    dropped = convener.post(
        f"{url}/edit",
        data={"action": "drop", "need_id": need_id, "organization_id": org_id},
    )
    assert is_page(dropped, 200)
    assert f'id="a-{need_id}-{org_id}"' not in dropped.text
    assert "Solved again." in dropped.text
    assert "no longer asked" in dropped.text
    assert "Left out by you" in dropped.text
    recruiter = login_as(Role.recruiter)  # the same client, signed in again
    assert "Lock</button>" not in recruiter.get(url).text
    forbidden = recruiter.post(
        f"{url}/edit", data={"action": "drop", "need_id": need_id, "organization_id": org_id}
    )
    assert forbidden.status_code == 403


def test_a_plan_still_solving_says_so_and_refreshes_until_ready(
    demo_db: Database, login_as: LoginAs
) -> None:
    """A big plan solved in the background: its page shows the progress and reloads itself
    (no script needed); once solved, it stops reloading and offers the controls."""
    convener = login_as(Role.convener)
    made = convener.post("/ui/plans", data={"program": "Lincoln USD Health Academy"},
                         follow_redirects=False)  # fmt: skip
    url = made.headers["location"]
    plan_id = int(url.rsplit("/", 1)[1])
    with demo_db.sessionmaker.begin() as session:
        session.execute(
            update(Plan).where(Plan.id == plan_id).values(status="solving", progress=0.4)
        )
    solving = convener.get(url)
    assert is_page(solving, 200)
    assert '<meta http-equiv="refresh" content="2">' in solving.text
    assert "Solving: 40% done" in solving.text
    assert 'id="commit"' not in solving.text
    with demo_db.sessionmaker.begin() as session:
        session.execute(update(Plan).where(Plan.id == plan_id).values(status="draft"))
    ready = convener.get(url)
    assert 'http-equiv="refresh"' not in ready.text
    assert 'id="commit"' in ready.text
