"""Every write records who made it and through which door, and a partner's page says who
asked: a person signed in on a page by name, a key by its owner's name (or its own, for a
service) with "API", a partner's answer through a link by the contact's name."""

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.auth.models import Role
from app.db import Database
from app.writes.models import WriteRecord
from tests.app.people.conftest import make_person, sign_in
from tests.app.ui.html import Page
from tests.conftest import AuthFor
from tests.helpers import post, stored_chain

MAYA = "maya.chen@riverbend-cc.example"


def _log(db: Database, record_type: str, record_id: int) -> list[tuple[str, str, str, int | None]]:
    with db.sessionmaker() as session:
        rows = session.scalars(
            select(WriteRecord)
            .where(WriteRecord.record_type == record_type, WriteRecord.record_id == record_id)
            .order_by(WriteRecord.id)
        ).all()
        return [(r.action, r.door, r.by_name, r.person_id) for r in rows]


def _ask_meta(page_html: str, ask_id: int) -> str:
    return Page(page_html).text(f"ask-{ask_id}")


def test_the_partner_page_says_who_asked_and_through_which_door(
    client: TestClient, browser_for: TestClient, auth: AuthFor, db: Database
) -> None:
    admin = auth(Role.admin)
    chain = stored_chain(client, admin)
    org, need = chain["organization"]["id"], chain["need"]["id"]
    maya = make_person(db, MAYA, "Maya Chen", Role.recruiter)

    # Maya, signed in as herself, records an ask on the need's page.
    assert sign_in(browser_for, MAYA) == 303
    asked = browser_for.post(f"/ui/needs/{need}/asks", data={
        "organization_id": str(org), "program": "Riverbend CC Mechatronics Pathway",
        "hours_estimated": "40"}, follow_redirects=False)  # fmt: skip
    assert asked.status_code == 303, asked.text
    listed = client.get(f"/v1/engagements?organization_id={org}", headers=admin).json()
    [by_page] = listed["items"]
    assert _log(db, "engagements", by_page["id"]) == [("created", "page", "Maya Chen", maya.id)]

    # A key of Maya's, used by her script, and a service's key owned by nobody.
    made = client.post(f"/v1/people/{maya.id}/keys", json={"name": "Maya's script"},
                       headers=admin).json()  # fmt: skip
    body = {"organization_id": org, "program": "Harbor Point Academy",
            "engagement_type": "job_shadow"}  # fmt: skip
    by_script = post(client, {"Authorization": f"Bearer {made['key']}"}, "engagements", body)
    by_service = post(client, admin, "engagements", body | {"program": "Lincoln High"})
    assert _log(db, "engagements", by_script["id"]) == [("created", "api", "Maya Chen", maya.id)]
    assert _log(db, "engagements", by_service["id"]) == [("created", "api", "test admin", None)]

    # A change is recorded too, by whoever made it.
    answered = browser_for.post(f"/ui/partners/{org}/asks/{by_service['id']}",
                                data={"action": "accept"}, follow_redirects=False)  # fmt: skip
    assert answered.status_code in (200, 303), answered.text
    assert _log(db, "engagements", by_service["id"])[-1][:3] == ("updated", "page", "Maya Chen")

    page = browser_for.get(f"/ui/partners/{org}").text
    assert " by Maya Chen" in _ask_meta(page, by_page["id"])
    assert "(API)" not in _ask_meta(page, by_page["id"])
    assert " by Maya Chen (API)" in _ask_meta(page, by_script["id"])
    assert " by test admin (API)" in _ask_meta(page, by_service["id"])

    # The page's "who did what" lists every write of the partner's records, newest first,
    # each linked to where the record is listed.
    found = Page(page)
    said = [found.text(f"write-{i}") for i in range(1, 6)]
    assert f"ask #{by_service['id']} changed by Maya Chen" in said[0]
    assert f"ask #{by_service['id']} made by test admin (API)" in said[1]
    assert f"ask #{by_script['id']} made by Maya Chen (API)" in said[2]
    assert f"ask #{by_page['id']} made by Maya Chen" in said[3]
    assert "(API)" not in said[3]
    assert f"contact {chain['contact']['name']} made by test admin (API)" in said[4]
    assert f'href="#ask-{by_page["id"]}"' in page
    assert "profile made by test admin (API)" in found.text("write-6")
    assert "write-7" not in found.attrs  # and no other partner's writes


def test_a_partners_answer_through_its_link_is_the_contacts(
    client: TestClient, auth: AuthFor, db: Database
) -> None:
    convener = auth(Role.convener)
    chain = stored_chain(client, auth(Role.admin))
    contact = chain["contact"]["id"]
    link = post(client, convener, f"contacts/{contact}/links", {"purpose": "temperature_check"})
    token = link["url"].rsplit("/p/", 1)[1]
    answered = client.post(f"/p/{token}", data={"satisfaction": "4", "comment": "Going well"},
                           follow_redirects=False)  # fmt: skip
    assert answered.status_code == 200, answered.text
    with db.sessionmaker() as session:
        rows = session.scalars(
            select(WriteRecord).where(WriteRecord.record_type == "temperature-checks")
        ).all()
        assert [(r.door, r.by_name, r.person_id) for r in rows] == [
            ("link", "Dana Ortiz, " + chain["organization"]["name"], None)
        ]


def test_a_name_is_shown_as_text_never_as_markup(
    client: TestClient, browser_for: TestClient, auth: AuthFor, db: Database
) -> None:
    admin = auth(Role.admin)
    chain = stored_chain(client, admin)
    org, need = chain["organization"]["id"], chain["need"]["id"]
    make_person(db, MAYA, "<b>Maya</b> Chen", Role.recruiter)
    assert sign_in(browser_for, MAYA) == 303
    form = {"organization_id": str(org), "program": "Riverbend CC"}
    browser_for.post(f"/ui/needs/{need}/asks", data=form, follow_redirects=False)
    page = browser_for.get(f"/ui/partners/{org}").text
    assert "by &lt;b&gt;Maya&lt;/b&gt; Chen" in page
    assert "<b>Maya</b>" not in page


def test_a_records_history_says_who_wrote_it_when_and_through_which_door(
    client: TestClient, auth: AuthFor, db: Database
) -> None:
    """An ask made through the API and answered by the partner through an ask link: its
    history lists both writes, newest first, with the door and the name; a record that does
    not exist has no history (404), and a viewer may read it."""
    admin, convener = auth(Role.admin), auth(Role.convener)
    chain = stored_chain(client, admin)
    ask = post(client, admin, "engagements", {
        "organization_id": chain["organization"]["id"], "contact_id": chain["contact"]["id"],
        "program": "Harbor Point Academy", "engagement_type": "job_shadow", "status": "asked",
    })  # fmt: skip
    link = post(client, convener, f"contacts/{chain['contact']['id']}/links",
                {"purpose": "ask", "engagement_id": ask["id"]})  # fmt: skip
    token = link["url"].rsplit("/p/", 1)[1]
    answered = client.post(f"/p/{token}", data={"answer": "accept"})
    assert answered.status_code == 200, answered.text
    found = client.get(f"/v1/engagements/{ask['id']}/history", headers=auth(Role.viewer))
    assert found.status_code == 200, found.text
    items = found.json()["items"]
    assert [(i["action"], i["door"], i["by_name"]) for i in items] == [
        ("updated", "link", "Dana Ortiz, " + chain["organization"]["name"]),
        ("created", "api", "test admin"),
    ]
    assert items[0]["at"] >= items[1]["at"]
    assert client.get(f"/v1/engagements/{ask['id'] + 999}/history",
                      headers=admin).status_code == 404  # fmt: skip
    assert client.get(f"/v1/engagements/{ask['id']}/history").status_code == 401
