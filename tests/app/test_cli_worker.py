"""`partnermatch worker`, run as an operator runs it (a real process): with the API leaving
background work to it (BACKGROUND=off), it sends the mail and the webhook the API queued,
solves the big plan the API stored, says what it runs, and stops cleanly on SIGTERM."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient
from standardwebhooks.webhooks import Webhook

from app.config import Settings
from app.db import Database
from app.main import create_app
from tests.app.mail.conftest import SmtpServer, free_port
from tests.app.webhooks.conftest import Receiver
from tests.conftest import AuthFor
from tests.helpers import bodies, stored_chain

WAIT = 30.0  # seconds: a bound on waiting for the worker, never a sleep
MAIL_FROM = "Riverbend Partnerships <partners@riverbend-cc.example>"


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(port=free_port())
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    yield server
    controller.stop()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


def _plan_status(db: Database, plan_id: int) -> str:
    from app.plans.models import Plan

    with db.sessionmaker() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        return plan.status.value


def test_the_worker_sends_what_the_api_queued_with_no_api_process(
    db: Database, auth: AuthFor, smtp: SmtpServer, receiver: Receiver
) -> None:
    from app.auth.models import Role

    admin = auth(Role.admin)
    environment = {
        "DATABASE_URL": db.url,
        "EMBEDDER": "tfidf",
        "SMTP_HOST": smtp.host,
        "SMTP_PORT": str(smtp.port),
        "SMTP_STARTTLS": "false",
        "MAIL_FROM": MAIL_FROM,
        "WEBHOOK_ALLOWED_HOSTS": "127.0.0.1",
        "WEBHOOK_SECRET_KEYS": Fernet.generate_key().decode(),
        "LOG_LEVEL": "info",  # what it did, in the assertion messages
        "PLAN_BACKGROUND_NEEDS": "1",  # every plan is solved in the background
    }
    settings = Settings.model_validate(
        {name.lower(): value for name, value in environment.items()} | {"background": "off"}
    )
    with TestClient(create_app(settings, db=db)) as client:
        hook = client.post(
            "/v1/webhooks",
            json={"url": receiver.url, "events": ["engagement.created"]},
            headers=admin,
        )
        assert hook.status_code == 201, hook.text
        chain = stored_chain(client, admin)
        ask = bodies(chain)["engagements"] | {"need_id": None}
        assert client.post("/v1/engagements", json=ask, headers=admin).status_code == 201
        link = client.post(
            f"/v1/contacts/{chain['contact']['id']}/links",
            json={"purpose": "temperature_check", "send": True},
            headers=admin,
        )
        assert link.status_code == 201, link.text
        assert link.json()["mail"]["status"] == "pending"
        plan = client.post("/v1/plans", json={}, headers=admin)
        assert plan.status_code == 202, plan.text
    # The API sent nothing, and solved nothing.
    assert smtp.received == []
    assert receiver.received == []
    assert _plan_status(db, plan.json()["id"]) == "solving"

    worker = subprocess.Popen(
        [sys.executable, "-m", "app", "worker"],
        env=os.environ | environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        mailed, delivered = smtp.got_one.wait(WAIT), receiver.got_one.wait(WAIT)
        deadline = time.monotonic() + WAIT
        while _plan_status(db, plan.json()["id"]) == "solving" and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            _, said = worker.communicate(timeout=WAIT)
        except subprocess.TimeoutExpired:  # never left running: it would send the next test's
            worker.kill()
            _, said = worker.communicate()
            pytest.fail(f"the worker did not stop within {WAIT} s of SIGTERM:\n{said}")
    assert mailed, said
    assert delivered, said
    assert worker.returncode == 0, said
    assert _plan_status(db, plan.json()["id"]) == "draft", said
    [mail] = smtp.received
    assert mail.rcpt_tos == [chain["contact"]["email"]]
    [event] = receiver.received
    assert Webhook(hook.json()["secret"]).verify(event.body, event.headers)["type"] == (
        "engagement.created"
    )
    for line in ("running:", "mail-outbox", "webhook-outbox", "plan-solver", "load-refresh",
                 "SIGTERM", "stopped"):  # fmt: skip
        assert line in said, said
