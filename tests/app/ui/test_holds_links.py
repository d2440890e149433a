"""Do-not-ask holds and self-service links on a partner's page, on both databases: a convener
sets a hold (errors by their field, nothing written), sees the partner left out of a need's
matches with the reason, lifts it; makes a link whose address is shown once, and revokes it;
viewers see the lists without forms, lower roles posting get a 403 page."""

import re
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.auth.models import Role
from app.db import Database
from app.holds.models import Hold
from app.holds.schemas import today
from app.links.models import PartnerLink
from app.mail.models import MailMessage
from tests.app.ui.conftest import LoginAs
from tests.app.ui.html import Page
from tests.helpers import organization, post, stored_chain

UNTIL = today() + timedelta(days=60)
REASON = "Plant retooling through the winter; asked for a break"
TOKEN_URL = re.compile(r"http://testserver/p/([A-Za-z0-9_-]{43})")


def count(db: Database, model: Any) -> int:
    with db.sessionmaker() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_convener_sets_a_hold_sees_it_in_the_matches_and_lifts_it(
    db: Database, client: TestClient, admin: dict[str, str], login_as: LoginAs
) -> None:
    chain = stored_chain(client, admin)
    org, need = chain["organization"], chain["need"]
    page = login_as(Role.convener)
    path = f"/ui/partners/{org['id']}"
    html = page.get(path).text
    assert "Never put on hold." in html
    assert f'action="{path}/holds"' in html
    # Before the hold, the need page offers the partner.
    assert f'id="match-{org["id"]}"' in page.get(f"/ui/needs/{need['id']}").text

    # A date in the past and a blank reason: both named by their field, nothing written.
    bad = page.post(f"{path}/holds", data={"until": "2020-01-01", "reason": "   "})
    assert bad.status_code == 422
    found = Page(bad.text)
    assert f"must be after today ({today().isoformat()})" in found.text("hold-until-error")
    assert found.attrs["hold-until"]["aria-invalid"] == "true"
    assert found.attrs["hold-until"]["value"] == "2020-01-01"  # what was typed stays
    assert "blank" in found.text("hold-reason-error")
    assert found.attrs["hold-reason"]["aria-invalid"] == "true"
    assert "Nothing was saved." in bad.text
    missing = Page(page.post(f"{path}/holds", data={"reason": "Busy"}).text)
    assert missing.text("hold-until-error") == "Error: Required"
    assert count(db, Hold) == 0

    done = page.post(
        f"{path}/holds",
        data={"until": UNTIL.isoformat(), "reason": REASON},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == f"{path}?done=hold#holds"
    shown = Page(page.get(done.headers["location"]).text)
    assert "Hold set" in shown.text("done")
    assert f"On a do-not-ask hold until {UNTIL.strftime('%d %b %Y')}: {REASON}" in shown.text(
        "held"
    )
    with db.sessionmaker() as session:
        hold = session.scalars(select(Hold)).one()
    assert (hold.until, hold.reason, hold.source.value) == (UNTIL, REASON, "convener")
    assert "set by a convener" in shown.text(f"hold-{hold.id}")

    # The need page and the free-text search leave it out, and say why.
    note = f"left out: {org['name']} is on a do-not-ask hold until {UNTIL.isoformat()}: {REASON}"
    need_page = page.get(f"/ui/needs/{need['id']}").text
    assert f'id="match-{org["id"]}"' not in need_page
    assert note in need_page
    search = page.get("/ui/search", params={"text": "CNC machining internships"}).text
    assert note in search

    # Lifted: back in the matches; its history says when and by whom.
    lifted = page.post(f"{path}/holds/{hold.id}/lift", follow_redirects=False)
    assert lifted.headers["location"] == f"{path}?done=lifted#holds"
    shown = Page(page.get(lifted.headers["location"]).text)
    assert "held" not in shown.attrs
    item = shown.text(f"hold-{hold.id}")
    assert f"lifted {today().strftime('%d %b %Y')} by test convener" in item
    assert "Lift this hold" not in item
    assert f'id="match-{org["id"]}"' in page.get(f"/ui/needs/{need['id']}").text

    # Lifting it again is refused by the hold, and changes nothing.
    again = page.post(f"{path}/holds/{hold.id}/lift")
    assert again.status_code == 409
    assert "already ended: lifted" in Page(again.text).text(f"hold-{hold.id}")
    # Another partner's hold is not reachable from this page.
    other = post(client, admin, "organizations", organization(name="Other Co"))["id"]
    theirs = post(
        client, admin, "holds", {"organization_id": other, "until": UNTIL.isoformat(),
                                 "reason": "Theirs"},
    )  # fmt: skip
    assert page.post(f"{path}/holds/{theirs['id']}/lift").status_code == 404
    with db.sessionmaker() as session:
        assert session.get(Hold, theirs["id"]).lifted_at is None  # type: ignore[union-attr]


def test_a_convener_makes_a_link_shown_once_and_revokes_it(
    db: Database, client: TestClient, admin: dict[str, str], login_as: LoginAs
) -> None:
    chain = stored_chain(client, admin)
    org, contact = chain["organization"], chain["contact"]
    other = post(client, admin, "organizations", organization(name="Other Co"))
    stranger = post(client, admin, "contacts", {"organization_id": other["id"], "name": "Ann"})
    page = login_as(Role.convener)
    path = f"/ui/partners/{org['id']}"
    assert "No link made for this partner's contacts." in page.get(path).text

    bad = page.post(f"{path}/links", data={"expires_in_days": "0"})
    assert bad.status_code == 422
    found = Page(bad.text)
    assert found.text("link-contact_id-error") == "Error: Required"
    assert found.text("link-purpose-error") == "Error: Required"
    assert "greater than or equal to 1" in found.text("link-expires_in_days-error")
    assert found.attrs["link-expires_in_days"]["value"] == "0"
    # A contact of another partner is named as the field at fault, not made.
    foreign = page.post(
        f"{path}/links", data={"contact_id": str(stranger["id"]), "purpose": "pause"}
    )
    assert foreign.status_code == 422
    found = Page(foreign.text)
    assert f"is not a contact of {org['name']}" in found.text("link-contact_id-error")
    assert found.attrs["link-contact_id"]["aria-invalid"] == "true"
    unknown = page.post(f"{path}/links", data={"contact_id": "999999", "purpose": "pause"})
    assert unknown.status_code == 422
    assert count(db, PartnerLink) == 0

    made = page.post(
        f"{path}/links",
        data={"contact_id": str(contact["id"]), "purpose": "temperature_check",
              "expires_in_days": "7"},
    )  # fmt: skip
    assert made.status_code == 201
    assert made.headers["cache-control"] == "no-store"
    answer = Page(made.text)
    url = answer.text("link-url")
    token = TOKEN_URL.fullmatch(url)
    assert token is not None
    assert "readonly" in answer.attrs["link-url"]
    assert "This address is shown once." in answer.text("shown-once")
    # The partner's page lists the link, and never its address again.
    listed = page.get(path).text
    assert token.group(1) not in listed
    with db.sessionmaker() as session:
        link = session.scalars(select(PartnerLink)).one()
    item = Page(listed).text(f"link-{link.id}")
    assert "temperature check for Dana Ortiz active" in item
    assert "by test convener" in item
    assert link.created_by == "test convener"
    assert round((link.expires_at - link.created_at) / timedelta(days=1)) == 7
    client.cookies.clear()
    assert client.get(f"/p/{token.group(1)}").status_code == 200  # it opens the partner's form

    page = login_as(Role.convener)
    revoked = page.post(f"{path}/links/{link.id}/revoke", follow_redirects=False)
    assert revoked.headers["location"] == f"{path}?done=revoked#links"
    assert "revoked" in Page(page.get(path).text).text(f"link-{link.id}")
    again = page.post(f"{path}/links/{link.id}/revoke")
    assert again.status_code == 409
    assert "already revoked" in Page(again.text).text(f"link-{link.id}")
    client.cookies.clear()
    assert client.get(f"/p/{token.group(1)}").status_code == 410
    # Another partner's link is not reachable from this page.
    page = login_as(Role.convener)
    theirs = post(client, admin, f"contacts/{stranger['id']}/links", {"purpose": "pause"})
    assert page.post(f"{path}/links/{theirs['id']}/revoke").status_code == 404
    with db.sessionmaker() as session:
        assert session.get(PartnerLink, theirs["id"]).revoked_at is None  # type: ignore[union-attr]


def test_roles_hold_on_holds_and_links(
    db: Database, client: TestClient, admin: dict[str, str], login_as: LoginAs
) -> None:
    chain = stored_chain(client, admin)
    org, contact = chain["organization"], chain["contact"]
    hold = post(
        client, admin, "holds", {"organization_id": org["id"], "until": UNTIL.isoformat(),
                                 "reason": REASON},
    )  # fmt: skip
    link = post(client, admin, f"contacts/{contact['id']}/links", {"purpose": "pause"})
    path = f"/ui/partners/{org['id']}"
    link_body = {"contact_id": str(contact["id"]), "purpose": "pause"}
    hold_body = {"until": UNTIL.isoformat(), "reason": "Again"}
    for role in (Role.viewer, Role.recruiter):
        page = login_as(role)
        text = page.get(path).text
        html = Page(text)
        # The lists are there; the forms and buttons are not.
        assert REASON in html.text(f"hold-{hold['id']}")
        assert "pause for Dana Ortiz active" in html.text(f"link-{link['id']}")
        assert "set-hold" not in html.attrs
        assert "make-link" not in html.attrs
        assert "/lift" not in text
        assert "/revoke" not in text
        for action, body in (
            ("holds", hold_body),
            (f"holds/{hold['id']}/lift", {}),
            ("links", link_body),
            (f"links/{link['id']}/revoke", {}),
        ):
            refused = page.post(f"{path}/{action}", data=body)
            assert refused.status_code == 403, action
            assert "needs the convener role" in refused.text
    # Another site's form is refused, even for a convener.
    convener = login_as(Role.convener)
    evil = {"Origin": "https://evil.example"}
    assert convener.post(f"{path}/holds", data=hold_body, headers=evil).status_code == 403
    assert convener.post(f"{path}/holds/{hold['id']}/lift", headers=evil).status_code == 403
    assert convener.post(f"{path}/links", data=link_body, headers=evil).status_code == 403
    assert convener.post(f"{path}/links/{link['id']}/revoke", headers=evil).status_code == 403
    assert (count(db, Hold), count(db, PartnerLink)) == (1, 1)
    with db.sessionmaker() as session:
        assert session.get(Hold, hold["id"]).lifted_at is None  # type: ignore[union-attr]
        assert session.get(PartnerLink, link["id"]).revoked_at is None  # type: ignore[union-attr]


def test_a_convener_mails_an_ask_from_the_partner_page(
    db: Database, client: TestClient, admin: dict[str, str], login_as: LoginAs
) -> None:
    chain = stored_chain(client, admin)  # Dana Ortiz <dana@riverbend.example>
    org = chain["organization"]
    body = {"organization_id": org["id"], "need_id": chain["need"]["id"],
            "program": "Riverbend CC Mechatronics Pathway", "engagement_type": "internship_host",
            "status": "asked", "asked_at": "2026-11-02T09:00:00Z"}  # fmt: skip
    named = post(client, admin, "engagements", body | {"contact_id": chain["contact"]["id"]})
    unnamed = post(client, admin, "engagements", body | {"need_id": None})
    page = login_as(Role.convener)
    path = f"/ui/partners/{org['id']}"
    html = page.get(path).text
    assert f'action="{path}/asks/{named["id"]}/mail"' in html
    assert "Mail it to Dana Ortiz" in html
    assert f'action="{path}/asks/{unnamed["id"]}/mail"' not in html  # no contact to mail

    done = page.post(f"{path}/asks/{named['id']}/mail", follow_redirects=False)
    assert done.status_code == 303, done.text
    assert done.headers["location"] == f"{path}?done=mailed#ask-{named['id']}"
    assert "Ask mailed" in Page(page.get(done.headers["location"]).text).text("done")
    with db.sessionmaker() as session:
        [link] = session.scalars(select(PartnerLink)).all()
        [mail] = session.scalars(select(MailMessage)).all()
    assert (link.purpose.value, link.engagement_id) == ("ask", named["id"])
    assert mail.to_address == "dana@riverbend.example"
    assert "Mechatronics summer internships" in mail.subject

    # An ask with no contact is refused on the page, naming why; nothing is made.
    refused = page.post(f"{path}/asks/{unnamed['id']}/mail")
    assert refused.status_code == 422
    assert "names no contact" in refused.text
    assert count(db, PartnerLink) == 1
    # Another partner's ask is not this page's to mail; a viewer may not mail at all.
    other = post(client, admin, "organizations", organization(name="Harbor Fab"))
    assert page.post(f"/ui/partners/{other['id']}/asks/{named['id']}/mail").status_code == 404
    assert login_as(Role.viewer).post(f"{path}/asks/{named['id']}/mail").status_code == 403
    assert count(db, PartnerLink) == 1


def test_a_convener_mails_a_check_in_link_from_the_partner_page(
    db: Database, client: TestClient, admin: dict[str, str], login_as: LoginAs
) -> None:
    chain = stored_chain(client, admin)  # Dana Ortiz <dana@riverbend.example>
    org, contact = chain["organization"], chain["contact"]
    page = login_as(Role.convener)
    path = f"/ui/partners/{org['id']}"
    form = Page(page.get(path).text)
    assert form.attrs["link-send"]["type"] == "checkbox"
    body = {"contact_id": str(contact["id"]), "purpose": "temperature_check",
            "expires_in_days": "14", "send": "true"}  # fmt: skip

    made = page.post(f"{path}/links", data=body)
    assert made.status_code == 201, made.text
    said = Page(made.text).text("mailed")
    assert "on its way to Dana Ortiz at dana@riverbend.example" in said
    token = TOKEN_URL.search(made.text)
    assert token is not None  # still shown once, as without the mail
    with db.sessionmaker() as session:
        [link] = session.scalars(select(PartnerLink)).all()
        [mail] = session.scalars(select(MailMessage)).all()
    assert link.purpose.value == "temperature_check"
    assert mail.to_address == "dana@riverbend.example"
    assert mail.contact_id == contact["id"]
    assert token.group(0) in mail.text_body  # the mail carries the same one-use address
    # The partner's page lists what was sent to whom.
    assert "dana@riverbend.example" in Page(page.get(path).text).text(f"mail-{mail.id}")

    # Unticked: made, shown, not mailed.
    plain = page.post(f"{path}/links", data=body | {"send": ""})
    assert plain.status_code == 201
    assert 'id="mailed"' not in plain.text
    assert (count(db, PartnerLink), count(db, MailMessage)) == (2, 1)

    # On a do-not-ask hold nothing is mailed to the partner: refused at the box, nothing made.
    post(client, admin, "holds",
         {"organization_id": org["id"], "until": UNTIL.isoformat(), "reason": REASON})  # fmt: skip
    refused = page.post(f"{path}/links", data=body)
    assert refused.status_code == 422
    found = Page(refused.text)
    assert "do-not-ask hold" in found.text("link-send-error")
    assert found.attrs["link-send"]["aria-describedby"] == "link-send-error"
    assert "checked" in found.attrs["link-send"]  # what was ticked stays ticked
    assert (count(db, PartnerLink), count(db, MailMessage)) == (2, 1)
