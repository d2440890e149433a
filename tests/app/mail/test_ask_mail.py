"""An ask mailed to a partner's contact, answered with one click (on both databases): the mail
names what is asked and carries a yes and a no button; the button opens the partner's page
with the answer chosen and changes nothing until it is sent (mail scanners follow links); the
answer changes the ask through the write path, once; an ask answered or withdrawn elsewhere
closes its link; a link naming no ask, or an ask it may not answer, is refused naming
`engagement_id`, with nothing made."""

import threading
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import Database
from app.engagements.models import Engagement
from app.links.models import PartnerLink
from app.mail.worker import MailWorker
from matching.types import EngagementStatus
from tests.app.mail.conftest import SendLink, SmtpServer, messages, stored
from tests.helpers import organization, post, served

DANA = "dana@riverbend.example"


def _ask(client: TestClient, headers: dict[str, str], chain: dict[str, Any], **over: Any) -> Any:
    body = {
        "organization_id": chain["organization"]["id"],
        "contact_id": chain["contact"]["id"],
        "need_id": chain["need"]["id"],
        "program": "Riverbend CC Mechatronics Pathway",
        "engagement_type": "internship_host",
        "status": "asked",
        "asked_at": "2026-11-02T09:00:00Z",
        "starts_on": "2027-06-01",
        "ends_on": "2027-08-15",
        "hours_estimated": 80,
    } | over
    return post(client, headers, "engagements", body)


def _path(url: str) -> str:
    return "/p/" + url.rsplit("/p/", 1)[1]


def _status(db: Database, id_: int) -> EngagementStatus:
    with db.sessionmaker() as session:
        ask = session.get(Engagement, id_)
        assert ask is not None
        return ask.status


def test_a_partner_says_yes_to_an_ask_mailed_to_it_with_one_click(
    client: TestClient,
    convener: dict[str, str],
    chain: dict[str, Any],
    send_link: SendLink,
    smtp: SmtpServer,
    worker: MailWorker,
    db: Database,
) -> None:
    ask = _ask(client, convener, chain)
    made = send_link(purpose="ask", engagement_id=ask["id"])
    assert made.status_code == 201, made.text
    link = made.json()
    assert (link["purpose"], link["engagement_id"]) == ("ask", ask["id"])

    assert worker.send_due() == 1
    [got] = smtp.received
    mail = got.message
    # A subject this long is folded after "Subject:", and Python 3.11's parser keeps the
    # fold's space (CPython gh-124452, fixed in 3.13); a mail client unfolds it.
    assert mail["Subject"].strip() == (
        "Can Riverbend Precision Machining help? Mechatronics summer internships"
    )
    text, html = got.text(), got.html()
    accept, decline = f"{link['url']}?answer=accept", f"{link['url']}?answer=decline"
    for body in (text, html):
        assert "Program: Riverbend CC Mechatronics Pathway" in body
        assert "Kind of work: internship host" in body
        assert "When: 1 June 2027 to 15 August 2027" in body
        assert "Time asked: about 80 hours" in body
    assert accept in text
    assert decline in text
    assert f'href="{accept}"' in html
    assert f'href="{decline}"' in html

    # Following the button (as a mail scanner would) answers nothing: the page asks to send.
    page = client.get(_path(accept))
    assert page.status_code == 200, page.text
    assert "Mechatronics summer internships" in page.text
    assert 'value="accept" id="f-answer" checked' in page.text
    assert _status(db, ask["id"]) is EngagementStatus.asked

    done = client.post(_path(link["url"]), data={"answer": "accept"})
    assert done.status_code == 200, done.text
    assert "said yes to “Mechatronics summer internships”" in done.text
    assert _status(db, ask["id"]) is EngagementStatus.accepted
    seen = client.get(f"/v1/engagements/{ask['id']}", headers=convener).json()
    assert seen["responded_at"] is not None
    [row] = stored(db, PartnerLink)
    assert row.used_at is not None

    again = client.post(_path(link["url"]), data={"answer": "decline"})
    assert again.status_code == 410
    assert _status(db, ask["id"]) is EngagementStatus.accepted
    # The partner's page says who answered and through which door.
    partner = client.get(f"/v1/organizations/{chain['organization']['id']}", headers=convener)
    assert partner.status_code == 200


def test_a_partner_says_no_and_an_unchosen_answer_is_asked_for(
    client: TestClient,
    convener: dict[str, str],
    chain: dict[str, Any],
    send_link: SendLink,
    db: Database,
) -> None:
    ask = _ask(client, convener, chain)
    link = send_link(purpose="ask", engagement_id=ask["id"], send=False).json()
    nothing = client.post(_path(link["url"]), data={})
    assert nothing.status_code == 422
    assert "Required" in nothing.text
    forged = client.post(_path(link["url"]), data={"answer": "accept'; drop table"})
    assert forged.status_code == 422
    assert _status(db, ask["id"]) is EngagementStatus.asked
    done = client.post(_path(link["url"]), data={"answer": "decline"})
    assert done.status_code == 200, done.text
    assert "said no to “Mechatronics summer internships” this time" in done.text
    assert _status(db, ask["id"]) is EngagementStatus.declined


def test_an_ask_settled_elsewhere_closes_its_link(
    client: TestClient,
    convener: dict[str, str],
    chain: dict[str, Any],
    send_link: SendLink,
    db: Database,
) -> None:
    ask = _ask(client, convener, chain)
    link = send_link(purpose="ask", engagement_id=ask["id"], send=False).json()
    withdrawn = client.patch(f"/v1/engagements/{ask['id']}", json={"status": "cancelled"},
                             headers=convener | {"If-Match": f'"{ask["version"]}"'})  # fmt: skip
    assert withdrawn.status_code == 200, withdrawn.text
    page = client.get(_path(link["url"]))
    assert page.status_code == 410
    assert "This ask has been settled" in page.text
    late = client.post(_path(link["url"]), data={"answer": "accept"})
    assert late.status_code == 410
    assert _status(db, ask["id"]) is EngagementStatus.cancelled


def test_a_need_filled_meanwhile_keeps_the_ask_open_and_says_why(
    client: TestClient,
    convener: dict[str, str],
    chain: dict[str, Any],
    send_link: SendLink,
    db: Database,
) -> None:
    one_slot = {"title": "One welding shadow", "slots": 1, "engagement_type": "job_shadow",
                "program": "Riverbend CC Mechatronics Pathway"}  # fmt: skip
    need = post(client, convener, "needs", one_slot)
    other = post(client, convener, "organizations", organization(name="Harbor Fab"))
    first = _ask(client, convener, chain, organization_id=other["id"], contact_id=None,
                 need_id=need["id"], engagement_type="job_shadow")  # fmt: skip
    second = _ask(client, convener, chain, need_id=need["id"], engagement_type="job_shadow")
    link = send_link(purpose="ask", engagement_id=second["id"], send=False).json()
    taken = client.patch(f"/v1/engagements/{first['id']}", json={"status": "accepted"},
                         headers=convener | {"If-Match": f'"{first["version"]}"'})  # fmt: skip
    assert taken.status_code == 200, taken.text
    late = client.post(_path(link["url"]), data={"answer": "accept"})
    assert 400 <= late.status_code < 500, late.text
    assert "slot" in late.text
    assert _status(db, second["id"]) is EngagementStatus.asked
    [row] = [r for r in stored(db, PartnerLink) if r.engagement_id == second["id"]]
    assert row.used_at is None  # nothing written: the partner may still say no
    declined = client.post(_path(link["url"]), data={"answer": "decline"})
    assert declined.status_code == 200, declined.text


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("missing", "name it"),
        ("other_purpose", "only a link of purpose ask"),
        ("unknown", "there is no ask"),
        ("other_partner", "another partner than the one"),
        ("answered", "is accepted"),
    ],
)
def test_a_link_that_cannot_answer_its_ask_is_refused_naming_engagement_id(
    client: TestClient,
    convener: dict[str, str],
    chain: dict[str, Any],
    send_link: SendLink,
    db: Database,
    case: str,
    message: str,
) -> None:
    if case == "other_partner":
        other = post(client, convener, "organizations", organization(name="Harbor Fab"))
        ask = _ask(client, convener, chain, organization_id=other["id"], contact_id=None)
    elif case == "answered":
        ask = _ask(client, convener, chain, status="accepted",
                   responded_at="2026-11-03T09:00:00Z")  # fmt: skip
    else:
        ask = _ask(client, convener, chain)
    body: dict[str, Any] = {
        "missing": {"purpose": "ask"},
        "other_purpose": {"purpose": "pause", "engagement_id": ask["id"]},
        "unknown": {"purpose": "ask", "engagement_id": ask["id"] + 1000},
    }.get(case, {"purpose": "ask", "engagement_id": ask["id"]})
    refused = send_link(**body)
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert [e["field"] for e in problem["errors"]] == ["engagement_id"]
    assert message in problem["detail"]
    assert stored(db, PartnerLink) == []
    assert messages(db) == []


def test_two_links_answering_one_ask_at_once_settle_it_once(
    app: FastAPI, convener: dict[str, str], chain: dict[str, Any], db: Database
) -> None:
    """The same ask sent to two contacts' links (or twice to one), answered yes and no at the
    same moment: one answer stands, the other is told the ask was settled; the ask is what
    the answer that stood said."""
    with TestClient(app) as client:
        ask = _ask(client, convener, chain)
        second = post(client, convener, "contacts", {"organization_id": chain["organization"]["id"],
                                                     "name": "Lee Park"})  # fmt: skip
        links = [post(client, convener, f"contacts/{contact}/links",
                      {"purpose": "ask", "engagement_id": ask["id"]})
                 for contact in (chain["contact"]["id"], second["id"])]  # fmt: skip
    answers: dict[str, int] = {}
    with served(app) as base:
        start = threading.Barrier(2)

        def submit(link: dict[str, Any], answer: str) -> None:
            start.wait()
            said = httpx.post(base + _path(link["url"]), data={"answer": answer},
                              headers={"Origin": base}, timeout=30)  # fmt: skip
            answers[answer] = said.status_code

        threads = [threading.Thread(target=submit, args=(link, answer))
                   for link, answer in zip(links, ("accept", "decline"), strict=True)]  # fmt: skip
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert sorted(answers.values()) == [200, 410]
    stood = next(a for a, code in answers.items() if code == 200)
    expected = EngagementStatus.accepted if stood == "accept" else EngagementStatus.declined
    assert _status(db, ask["id"]) is expected
