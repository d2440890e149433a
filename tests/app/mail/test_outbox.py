"""The outbox's edges: names that would add a header, addresses the mail format refuses,
secrets struck from HTML too, claims with a lease, the metrics, and the unsubscribe token
masked in the access log."""

import random
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.config import Settings
from app.db import Database
from app.mail import outbox, repository
from app.mail.models import MailKind, MailStatus
from app.mail.worker import MailWorker
from app.ops.logs import mask
from app.types import utcnow
from tests.app.mail.conftest import (
    MakeWorker,
    SendLink,
    SmtpServer,
    at,
    messages,
)


def test_a_name_with_line_breaks_adds_no_header(
    db: Database, smtp: SmtpServer, worker: MailWorker
) -> None:
    with db.sessionmaker.begin() as session:
        outbox.queue(
            session,
            kind=MailKind.partner_link,
            to=outbox.Recipient("dana@riverbend.example", "Dana\r\nBcc: eve@evil.example"),
            subject="Hello\r\nBcc: eve@evil.example",
            template="partner_link",
            context={
                "subject": "s",
                "first_name": "Dana",
                "organization": "Riverbend",
                "sender": "a convener",
                "ask": "for a quick check-in",
                "intro": "",
                "button": "Open",
                "url": "http://testserver/p/x",
                "expires_on": "soon",
                "to_address": "dana@riverbend.example",
                "unsubscribe_url": "http://testserver/p/y/unsubscribe",
            },
            mail_from="partners@riverbend-cc.example",
        )
    assert worker.send_due() == 1
    [got] = smtp.received
    assert got.rcpt_tos == ["dana@riverbend.example"]
    assert got.message["Bcc"] is None
    assert got.message["To"] == '"Dana Bcc: eve@evil.example" <dana@riverbend.example>'
    assert got.message["Subject"] == "Hello Bcc: eve@evil.example"


def test_an_address_the_mail_format_refuses_is_refused_naming_send(
    client: TestClient,
    convener: dict[str, str],
    chain: dict[str, Any],
    send_link: SendLink,
    db: Database,
) -> None:
    contact = client.post(
        "/v1/contacts",
        json={
            "organization_id": chain["organization"]["id"],
            "name": "José Ruiz",
            "email": "josé@riverbend.example",  # a non-ASCII local part: no SMTPUTF8 here
        },
        headers=convener,
    )
    assert contact.status_code == 201, contact.text
    refused = send_link(contact_id=contact.json()["id"])
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "send"
    assert "cannot be mailed" in refused.json()["detail"]
    assert messages(db) == []


def test_secrets_are_struck_from_html_escaped_text_and_headers() -> None:
    secret = "http://testserver/p/abc?x=1&y=2"
    struck = outbox.strike(
        [secret],
        f"open {secret}",
        f'<a href="http://testserver/p/abc?x=1&amp;y=2">open</a> {secret}',
        {"List-Unsubscribe": f"<{secret}>"},
        sent=True,
    )
    kept = "".join(str(v) for v in struck.values())
    assert "abc" not in kept
    assert struck["text_body"] == "open (link sent; not kept)"
    assert struck["headers"] == {"List-Unsubscribe": "<(link sent; not kept)>"}
    assert struck["secrets"] is None


def test_a_claimed_message_is_sent_once_and_taken_over_when_its_lease_runs_out(
    send_link: SendLink, smtp: SmtpServer, make_worker: MakeWorker, db: Database
) -> None:
    assert send_link().status_code == 201
    [queued] = messages(db)
    now = utcnow()
    first, second = make_worker(), make_worker()
    with db.sessionmaker.begin() as session:  # the first claims it, then dies
        assert repository.claim(session, queued.id, now, now + first.lease) is not None
    assert second.send_due(now=now) == 0
    assert smtp.received == []
    assert second.send_due(now=now + first.lease + timedelta(seconds=1)) == 1
    assert len(smtp.received) == 1
    [sent] = messages(db)
    assert sent.status is MailStatus.sent
    assert first.send_due(now=now + 2 * first.lease) == 0


def test_metrics_show_the_mail_queue_and_the_attempts(
    client: TestClient,
    send_link: SendLink,
    smtp: SmtpServer,
    db: Database,
    settings: Settings,
) -> None:
    metrics = client.app.state.metrics  # type: ignore[attr-defined]
    worker = MailWorker(db, settings, rng=random.Random(7), on_attempt=metrics.mail_attempt)
    assert send_link().status_code == 201
    assert send_link(purpose="pause").status_code == 201
    smtp.refuse("451 4.3.0 try later")
    assert worker.send_due() == 2  # one retried, one sent
    body = client.get("/metrics").text
    assert 'partnermatch_mail_messages{status="pending"} 1.0' in body
    assert 'partnermatch_mail_messages{status="sent"} 1.0' in body
    assert 'partnermatch_mail_messages{status="bounced"} 0.0' in body
    assert 'partnermatch_mail_attempts_total{outcome="retry"} 1.0' in body
    assert 'partnermatch_mail_attempts_total{outcome="sent"} 1.0' in body
    [waiting] = [m for m in messages(db) if m.status is MailStatus.pending]
    assert worker.send_due(now=at(waiting.next_attempt_at)) == 1
    assert 'partnermatch_mail_attempts_total{outcome="sent"} 2.0' in client.get("/metrics").text


def test_the_unsubscribe_token_is_masked_in_the_access_log() -> None:
    token = "Zr3kQ9-xY_abcdefghijklmnopqrstuvwxyz0123456"
    line = mask(f'127.0.0.1 - "POST /p/{token}/unsubscribe HTTP/1.1" 200')
    assert token not in line
    assert "/p/Zr3k***/unsubscribe" in line


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"smtp_username": "u", "smtp_password": "p", "smtp_starttls": False}, "in clear"),
        ({"smtp_username": "u"}, "go together"),
        ({"mail_from": "not an address"}, "MAIL_FROM"),
        ({"mail_from": "a@b.org, c@d.org"}, "MAIL_FROM"),
    ],
)
def test_settings_refuse_mail_settings_that_cannot_work(
    values: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        Settings(**values)


def test_a_blank_smtp_host_means_none() -> None:
    assert Settings(smtp_host="  ").smtp_host is None
