"""A real SMTP server on 127.0.0.1 (aiosmtpd, in a thread of its own) that records what it is
given and answers from a script of refusals; an app over the test database pointed at it,
whose mail worker the tests drive by hand (`send_due`), and a convener's partner chain."""

import random
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from typing import Any, Literal

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.mail.models import MailAttempt, MailMessage, MailSuppression
from app.mail.worker import MailWorker
from app.main import create_app
from app.workers import no_mail_why
from tests.conftest import AuthFor
from tests.helpers import stored_chain

Stage = Literal["rcpt", "data"]


@dataclass
class Received:
    """One message the server took: its envelope and the message as parsed."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    def text(self) -> str:
        part = self.message.get_body(("plain",))
        assert isinstance(part, EmailMessage)
        return str(part.get_content())

    def html(self) -> str:
        part = self.message.get_body(("html",))
        assert isinstance(part, EmailMessage)
        return str(part.get_content())


@dataclass
class SmtpServer:
    """aiosmtpd's Controller on a free port of 127.0.0.1. `refuse(reply, at=..., times=n)`
    makes it answer `reply` (say "451 4.3.0 try later") to the next n recipients or messages
    instead of taking them; then it takes everything again."""

    host: str = "127.0.0.1"
    port: int = 0
    received: list[Received] = field(default_factory=list)
    script: list[tuple[Stage, str]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    got_one: threading.Event = field(default_factory=threading.Event)

    def refuse(self, reply: str, *, at: Stage = "rcpt", times: int = 1) -> None:
        self.script += [(at, reply)] * times

    def _scripted(self, stage: Stage) -> str | None:
        if self.script and self.script[0][0] == stage:
            reply = self.script.pop(0)[1]
            self.refused.append(reply)
            return reply
        return None

    async def handle_RCPT(  # noqa: N802  # the names aiosmtpd calls
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if (reply := self._scripted("rcpt")) is not None:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        if (reply := self._scripted("data")) is not None:
            return reply
        content = envelope.content
        assert isinstance(content, bytes)
        parsed = message_from_bytes(content, policy=default)
        assert isinstance(parsed, EmailMessage)
        mail_from = envelope.mail_from or ""
        self.received.append(Received(mail_from, list(envelope.rcpt_tos), parsed))
        self.got_one.set()
        return "250 2.0.0 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(port=free_port())
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    yield server
    controller.stop()


def settings_for(db: Database, smtp: SmtpServer | None, **over: Any) -> Settings:
    """Test settings: the loopback server (no TLS), no worker threads unless asked, retries a
    minute apart (tests move the clock, never wait)."""
    values: dict[str, Any] = {
        "database_url": db.url,
        "embedder": "tfidf",
        "webhook_worker": False,
        "mail_worker": False,
        "smtp_host": smtp.host if smtp else None,
        "smtp_port": smtp.port if smtp else 587,
        "smtp_starttls": False,
        "smtp_timeout_seconds": 5.0,
        "mail_from": "Riverbend Partnerships <partners@riverbend-cc.example>",
        "mail_retry_base_seconds": 60.0,
        "mail_retry_max_seconds": 60.0,
    }
    return Settings(**(values | over))


@pytest.fixture
def settings(db: Database, smtp: SmtpServer) -> Settings:
    return settings_for(db, smtp)


@pytest.fixture
def app(db: Database, settings: Settings) -> FastAPI:
    """The API without worker threads: tests send with `worker.send_due` when they mean to."""
    return create_app(settings, db=db)


MakeWorker = Callable[..., MailWorker]


@pytest.fixture
def make_worker(db: Database, settings: Settings) -> Iterator[MakeWorker]:
    made: list[MailWorker] = []

    def make(settings_: Settings | None = None, **options: Any) -> MailWorker:
        # Wired as the app wires it: a partner on a do-not-ask hold is not mailed.
        options.setdefault("withheld", no_mail_why)
        worker = MailWorker(db, settings_ or settings, rng=random.Random(7), **options)
        made.append(worker)
        return worker

    yield make
    for worker in made:
        worker.stop()


@pytest.fixture
def worker(make_worker: MakeWorker) -> MailWorker:
    return make_worker()


@pytest.fixture
def convener(auth: AuthFor) -> dict[str, str]:
    return auth(Role.convener)


@pytest.fixture
def chain(client: TestClient, convener: dict[str, str]) -> dict[str, Any]:
    """Dana Ortiz <dana@riverbend.example> at Riverbend Precision Machining, and a need."""
    return stored_chain(client, convener)


SendLink = Callable[..., Any]


@pytest.fixture
def send_link(client: TestClient, convener: dict[str, str], chain: dict[str, Any]) -> SendLink:
    """POST a link with `send: true` (for the chain's contact unless told); answers the
    response (not checked)."""

    def send(contact_id: int | None = None, **body: Any) -> Any:
        contact_id = contact_id or chain["contact"]["id"]
        payload = {"purpose": "temperature_check", "send": True} | body
        return client.post(f"/v1/contacts/{contact_id}/links", json=payload, headers=convener)

    return send


def stored(db: Database, model: type[Any]) -> list[Any]:
    with db.sessionmaker() as session:
        return list(session.scalars(select(model).order_by(model.id)))


def messages(db: Database) -> list[MailMessage]:
    return stored(db, MailMessage)


def attempts(db: Database) -> list[MailAttempt]:
    return stored(db, MailAttempt)


def suppressions(db: Database) -> list[MailSuppression]:
    return stored(db, MailSuppression)


def at(value: str | datetime | None) -> datetime:
    assert value is not None
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)
