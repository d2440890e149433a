"""A partner link sent by mail, through a real SMTP server on loopback: queued in the link's
transaction and sent after the commit, retried after a 4xx, bounced by a 5xx (the address then
marked and refused), unsubscribed by its link, and kept unsent when no server is set."""

import json
import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.auth.models import Role
from app.db import Database
from app.holds.schemas import today
from app.links import mail as link_mail
from app.links.models import LinkPurpose, PartnerLink
from app.mail import outbox
from app.mail.models import MailMessage, MailStatus, SuppressionReason
from app.mail.worker import MailWorker
from app.main import create_app
from app.writes import links as link_service
from tests.app.mail.conftest import (
    MakeWorker,
    SendLink,
    SmtpServer,
    at,
    attempts,
    free_port,
    messages,
    settings_for,
    stored,
    suppressions,
)
from tests.app.ui.html import Page

DANA = "dana@riverbend.example"
UNSUBSCRIBE = re.compile(r"<(http://testserver(/p/[A-Za-z0-9_-]{43}/unsubscribe))>")


def _sent(send_link: SendLink, **body: Any) -> Any:
    response = send_link(**body)
    assert response.status_code == 201, response.text
    return response.json()


def _path(url: str) -> str:
    return "/p/" + url.rsplit("/p/", 1)[1]


def _refused_for_send(response: Any) -> str:
    assert response.status_code == 422, response.text
    problem = response.json()
    assert [e["field"] for e in problem["errors"]] == ["send"]
    return str(problem["detail"])


def test_a_link_sent_by_mail_arrives_after_the_commit_and_its_token_is_not_kept(
    client: TestClient,
    send_link: SendLink,
    smtp: SmtpServer,
    worker: MailWorker,
    db: Database,
    chain: dict[str, Any],
) -> None:
    made = _sent(send_link)
    assert made["mail"] == {"id": made["mail"]["id"], "status": "pending", "to": DANA}
    assert smtp.received == []  # the request never waits on the mail server
    [queued] = messages(db)
    assert made["url"] in queued.text_body  # until it is sent

    assert worker.send_due() == 1
    [got] = smtp.received
    assert got.rcpt_tos == [DANA]
    assert got.mail_from == "partners@riverbend-cc.example"
    mail = got.message
    assert mail["To"] == f"Dana Ortiz <{DANA}>"
    assert mail["From"] == "Riverbend Partnerships <partners@riverbend-cc.example>"
    assert mail["Subject"] == "A quick check-in for Riverbend Precision Machining"
    assert re.fullmatch(r"<[0-9a-f]{32}@riverbend-cc\.example>", mail["Message-ID"])
    text, html = got.text(), got.html()
    for body in (text, html):
        assert made["url"] in body
        assert "test convener" in body  # who sent it
        assert "Hello Dana" in body
    expires = at(made["expires_at"])
    assert f"{expires.day} {expires:%B %Y}" in text  # when it expires
    assert f'href="{made["url"]}"' in html  # the button
    found = UNSUBSCRIBE.fullmatch(mail["List-Unsubscribe"].strip())
    assert found is not None
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert found.group(1) in text

    # The link in the mail opens the partner's form.
    page = client.get(_path(made["url"]))
    assert page.status_code == 200
    assert "How is the partnership going?" in page.text

    # Kept: who, what and when; not the link, nor the unsubscribe address.
    [kept] = messages(db)
    assert kept.status is MailStatus.sent
    assert kept.sent_at is not None
    assert kept.attempt_count == 1
    assert (kept.to_address, kept.subject) == (DANA, mail["Subject"])
    token = made["url"].rsplit("/p/", 1)[1]
    unsubscribe_token = found.group(2).split("/")[2]
    stored_text = kept.text_body + (kept.html_body or "") + json.dumps(kept.headers)
    assert token not in stored_text
    assert unsubscribe_token not in stored_text
    assert "(link sent; not kept)" in kept.text_body
    assert "(link sent; not kept)" in (kept.html_body or "")
    assert kept.secrets is None
    [attempt] = attempts(db)
    assert (attempt.attempt, attempt.smtp_code, attempt.error) == (1, 250, None)

    assert worker.send_due() == 0  # sent once
    assert len(smtp.received) == 1


def test_a_write_rolled_back_queues_nothing(
    db: Database, chain: dict[str, Any], smtp: SmtpServer, worker: MailWorker
) -> None:
    woken: list[str] = []

    def wake() -> None:
        woken.append("woken")

    outbox.add_waker(wake)
    try:
        with db.sessionmaker() as session:
            link, token = link_service.create(
                session, chain["contact"]["id"], LinkPurpose.pause, days=3, by="a convener"
            )
            url = f"http://testserver/p/{token}"
            queued = link_mail.send(
                session,
                link,
                url,
                site="http://testserver",
                sender="a convener",
                mail_from="partners@riverbend-cc.example",
            )
            assert queued.status is MailStatus.pending
            session.rollback()  # what the session dependency does when the request fails
        assert messages(db) == []
        assert stored(db, PartnerLink) == []
        assert woken == []  # a rollback wakes no worker
        assert worker.send_due() == 0
        assert smtp.received == []

        with db.sessionmaker.begin() as session:  # the same, committed
            link, token = link_service.create(
                session, chain["contact"]["id"], LinkPurpose.pause, days=3, by="a convener"
            )
            link_mail.send(
                session,
                link,
                f"http://testserver/p/{token}",
                site="http://testserver",
                sender="a convener",
                mail_from="partners@riverbend-cc.example",
            )
        assert woken == ["woken"]
        assert worker.send_due() == 1
    finally:
        outbox.remove_waker(wake)


def test_a_refused_send_makes_no_link_and_no_mail(
    client: TestClient,
    convener: dict[str, str],
    send_link: SendLink,
    chain: dict[str, Any],
    db: Database,
) -> None:
    nameless = client.post(
        "/v1/contacts",
        json={"organization_id": chain["organization"]["id"], "name": "Sam Lee"},
        headers=convener,
    ).json()
    detail = _refused_for_send(send_link(contact_id=nameless["id"]))
    assert "has no email address" in detail
    assert stored(db, PartnerLink) == []
    assert messages(db) == []
    # Without `send`, the link is made as before, and nothing is mailed.
    plain = send_link(contact_id=nameless["id"], send=False)
    assert plain.status_code == 201
    assert plain.json()["mail"] is None
    assert messages(db) == []
    # `send` is a JSON boolean.
    assert send_link(send="yes").status_code == 422


def test_a_4xx_is_retried_later_and_every_attempt_is_kept(
    client: TestClient,
    convener: dict[str, str],
    send_link: SendLink,
    smtp: SmtpServer,
    worker: MailWorker,
    db: Database,
    chain: dict[str, Any],
) -> None:
    _sent(send_link)
    smtp.refuse("451 4.3.0 Mailbox busy, try again later")

    assert worker.send_due() == 1
    [waiting] = messages(db)
    assert waiting.status is MailStatus.pending
    assert waiting.attempt_count == 1
    assert waiting.last_error is not None
    assert "451" in waiting.last_error
    assert waiting.next_attempt_at is not None
    assert waiting.secrets
    assert smtp.received == []
    assert worker.send_due() == 0  # backing off: not due yet

    assert worker.send_due(now=waiting.next_attempt_at) == 1
    [got] = smtp.received
    assert got.rcpt_tos == [DANA]
    [sent] = messages(db)
    assert sent.status is MailStatus.sent
    assert [(a.attempt, a.smtp_code) for a in attempts(db)] == [(1, 451), (2, 250)]
    assert smtp.refused == ["451 4.3.0 Mailbox busy, try again later"]

    # What any key reads of it: the status, never a body.
    viewer = client.get(
        f"/v1/organizations/{chain['organization']['id']}/mail",
        headers={"Authorization": convener["Authorization"]},
    )
    assert viewer.status_code == 200
    [item] = viewer.json()["items"]
    assert (item["status"], item["attempt_count"], item["to_address"]) == ("sent", 2, DANA)
    assert item["subject"] == "A quick check-in for Riverbend Precision Machining"
    assert not {"text_body", "html_body", "headers", "secrets"} & set(item)


def test_no_server_reachable_is_retried_until_the_window_ends(
    send_link: SendLink, make_worker: MakeWorker, db: Database, chain: dict[str, Any]
) -> None:
    _sent(send_link)
    dead = settings_for(db, None, smtp_host="127.0.0.1", smtp_port=free_port())
    worker = make_worker(dead)
    assert worker.send_due() == 1
    [waiting] = messages(db)
    assert waiting.status is MailStatus.pending
    assert waiting.last_error == "could not connect to the mail server"
    [attempt] = attempts(db)
    assert attempt.smtp_code is None

    late = at(waiting.created_at) + worker.policy.window
    assert worker.send_due(now=late) == 1
    [given_up] = messages(db)
    assert given_up.status is MailStatus.failed
    assert given_up.secrets is None
    assert "(link not sent; not kept)" in given_up.text_body
    assert len(attempts(db)) == 2


def test_a_5xx_to_the_recipient_bounces_marks_the_address_and_later_sends_are_refused(
    client: TestClient,
    keys: dict[Role, str],
    send_link: SendLink,
    smtp: SmtpServer,
    worker: MailWorker,
    db: Database,
    chain: dict[str, Any],
) -> None:
    _sent(send_link)
    smtp.refuse("550 5.1.1 <dana@riverbend.example>: Recipient address rejected")

    assert worker.send_due() == 1
    [bounced] = messages(db)
    assert bounced.status is MailStatus.bounced
    assert bounced.last_error is not None
    assert "550 5.1.1" in bounced.last_error
    assert bounced.secrets is None  # given up for good: the link is struck
    [attempt] = attempts(db)
    assert attempt.smtp_code == 550
    [mark] = suppressions(db)
    assert (mark.address, mark.reason, mark.contact_id) == (
        DANA,
        SuppressionReason.bouncing,
        chain["contact"]["id"],
    )
    assert worker.send_due(now=at(bounced.created_at) + worker.policy.window) == 0  # not retried

    # The partner page shows it, where contacts are listed and in the mail sent.
    client.post("/ui/login", data={"api_key": keys[Role.viewer]}, follow_redirects=False)
    page = client.get(f"/ui/partners/{chain['organization']['id']}")
    client.cookies.clear()
    assert page.status_code == 200
    shown = Page(page.text)
    profile = page.text.split('id="profile-title"', 1)[1].split("</section>", 1)[0]
    assert "mail bouncing since" in profile  # where contacts are listed
    item = shown.text(f"mail-{bounced.id}")
    assert item.startswith("A quick check-in for Riverbend Precision Machining to Dana Ortiz")
    assert "bounced" in item
    assert "refused for good by the mail server" in item
    assert "Recipient address rejected" in item  # the last error

    # A second link to send to the address is refused, and nothing of it is kept.
    links_before = len(stored(db, PartnerLink))
    detail = _refused_for_send(send_link())
    assert "bouncing" in detail
    assert len(stored(db, PartnerLink)) == links_before
    assert len(messages(db)) == 1


@pytest.mark.parametrize(
    ("reply", "address_marked"),
    [
        ("554 5.7.1 Message rejected as spam", False),
        ("552 5.2.2 Mailbox full", True),
        ("550 Requested action not taken: mailbox unavailable", True),
    ],
)
def test_a_5xx_to_the_message_bounces_and_marks_the_address_when_it_is_about_it(
    send_link: SendLink,
    smtp: SmtpServer,
    worker: MailWorker,
    db: Database,
    reply: str,
    address_marked: bool,
) -> None:
    _sent(send_link)
    smtp.refuse(reply, at="data")
    assert worker.send_due() == 1
    [bounced] = messages(db)
    assert bounced.status is MailStatus.bounced
    assert [a.smtp_code for a in attempts(db)] == [int(reply[:3])]
    assert bool(suppressions(db)) is address_marked


def test_the_unsubscribe_link_stops_later_mail(
    client: TestClient,
    send_link: SendLink,
    smtp: SmtpServer,
    worker: MailWorker,
    db: Database,
) -> None:
    _sent(send_link)
    assert worker.send_due() == 1
    found = UNSUBSCRIBE.fullmatch(smtp.received[0].message["List-Unsubscribe"].strip())
    assert found is not None
    path = found.group(2)
    _sent(send_link, purpose="capacity_update")  # queued before the unsubscribe

    # Opening it only asks (a mail scanner following links unsubscribes nobody).
    asked = client.get(path)
    assert asked.status_code == 200
    assert "Stop mail from Partner Match?" in asked.text
    assert DANA in asked.text
    assert asked.headers["X-Robots-Tag"] == "noindex"
    assert suppressions(db) == []

    # A one-click post from a mailbox provider (RFC 8058): another origin, no cookie.
    done = client.post(
        path,
        data={"List-Unsubscribe": "One-Click"},
        headers={"Origin": "https://mail.provider.example"},
    )
    assert done.status_code == 200
    assert "You are unsubscribed" in done.text
    [mark] = suppressions(db)
    assert (mark.address, mark.reason) == (DANA, SuppressionReason.unsubscribed)
    again = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200
    assert len(suppressions(db)) == 1
    assert "You are unsubscribed" in client.get(path).text

    # The message queued before it is given up, not sent; later sends are refused.
    assert worker.send_due() == 1
    assert len(smtp.received) == 1
    first, second = messages(db)
    assert second.status is MailStatus.failed
    assert second.last_error is not None
    assert "unsubscribed" in second.last_error
    assert second.attempt_count == 0  # no SMTP attempt was made
    assert second.secrets is None
    detail = _refused_for_send(send_link())
    assert "unsubscribed" in detail

    # A token nobody issued opens nothing.
    unknown = client.get("/p/" + "A" * 43 + "/unsubscribe")
    assert unknown.status_code == 404
    assert client.post("/p/" + "A" * 43 + "/unsubscribe").status_code == 404


def test_without_smtp_host_mail_is_kept_not_sent_and_said_once(
    db: Database,
    convener: dict[str, str],
    chain: dict[str, Any],
    make_worker: MakeWorker,
    caplog: pytest.LogCaptureFixture,
) -> None:
    unset = settings_for(db, None)
    assert unset.smtp_host is None
    with TestClient(create_app(unset, db=db)) as client:
        response = client.post(
            f"/v1/contacts/{chain['contact']['id']}/links",
            json={"purpose": "pause", "send": True},
            headers=convener,
        )
    assert response.status_code == 201, response.text
    assert response.json()["mail"]["status"] == "pending"
    worker = make_worker(unset)
    with caplog.at_level(logging.WARNING, logger="app.mail.worker"):
        assert worker.send_due() == 0
        assert worker.send_due() == 0
    said = [r.getMessage() for r in caplog.records if r.name == "app.mail.worker"]
    assert said == ["SMTP_HOST is not set: mail is kept in the outbox, not sent (1 waiting)"]
    [kept] = messages(db)
    assert kept.status is MailStatus.pending
    assert kept.attempt_count == 0
    assert attempts(db) == []


def test_the_lifespan_worker_sends_soon_after_the_commit(
    db: Database, convener: dict[str, str], chain: dict[str, Any], smtp: SmtpServer
) -> None:
    # A 30 s poll: only the commit's wake-up makes it send within the wait below.
    settings = settings_for(db, smtp, mail_worker=True, mail_poll_seconds=30)
    with TestClient(create_app(settings, db=db)) as client:
        response = client.post(
            f"/v1/contacts/{chain['contact']['id']}/links",
            json={"purpose": "pause", "send": True},
            headers=convener,
        )
        assert response.status_code == 201, response.text
        assert smtp.got_one.wait(20)
    [got] = smtp.received
    assert got.rcpt_tos == [DANA]
    with db.sessionmaker() as session:
        status = session.scalars(select(MailMessage.status)).one()
    assert status is MailStatus.sent


def test_no_mail_goes_to_a_partner_on_a_do_not_ask_hold(
    client: TestClient,
    convener: dict[str, str],
    send_link: SendLink,
    chain: dict[str, Any],
    db: Database,
) -> None:
    until = (today() + timedelta(days=30)).isoformat()
    hold = client.post(
        "/v1/holds",
        json={
            "organization_id": chain["organization"]["id"],
            "until": until,
            "reason": "Plant retooling this quarter",
        },
        headers=convener,
    )
    assert hold.status_code == 201, hold.text
    detail = _refused_for_send(send_link())
    assert "do-not-ask hold" in detail
    assert "Plant retooling this quarter" in detail
    assert messages(db) == []
    assert send_link(send=False).status_code == 201  # the link itself may still be made


def test_mail_queued_before_a_do_not_ask_hold_is_not_sent(
    client: TestClient,
    convener: dict[str, str],
    send_link: SendLink,
    smtp: SmtpServer,
    worker: MailWorker,
    chain: dict[str, Any],
    db: Database,
) -> None:
    _sent(send_link)  # queued while the partner could be asked
    hold = client.post(
        "/v1/holds",
        json={
            "organization_id": chain["organization"]["id"],
            "until": (today() + timedelta(days=30)).isoformat(),
            "reason": "Plant retooling this quarter",
        },
        headers=convener,
    )
    assert hold.status_code == 201, hold.text

    assert worker.send_due() == 1  # taken, and given up without an attempt
    assert smtp.received == []
    [kept] = messages(db)
    assert kept.status is MailStatus.failed
    assert kept.last_error is not None
    assert "do-not-ask hold" in kept.last_error
    assert "Riverbend Precision Machining" in kept.last_error
    assert attempts(db) == []
    assert worker.send_due() == 0  # and never tried again
