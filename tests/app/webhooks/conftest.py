"""A real HTTP receiver on 127.0.0.1, an app whose worker the tests drive by hand, a
convener's endpoint subscribed through the API, and a fake DNS: no test here asks the real
one, and nothing but 127.0.0.1 is ever connected to."""

import random
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.main import create_app
from app.webhooks import targets
from app.webhooks.worker import WebhookWorker
from tests.conftest import AuthFor

# A public address (example.com's) for fake names to resolve to: checked, never connected to.
PUBLIC = "93.184.215.14"


class FakeDns:
    """Answers lookups from `answers` (name -> addresses); any other name does not resolve."""

    def __init__(self) -> None:
        self.answers: dict[str, list[str]] = {}
        self.asked: list[str] = []

    def lookup(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        if host in self.answers:
            return list(self.answers[host])
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


@pytest.fixture(autouse=True)
def dns(monkeypatch: pytest.MonkeyPatch) -> FakeDns:
    fake = FakeDns()
    monkeypatch.setattr(targets, "lookup", fake.lookup)
    return fake


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: str


@dataclass
class Reply:
    status: int = 204
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class Receiver:
    """An HTTP server in a thread that records every POST and answers from a script of
    replies (then 204); HTTPS with `tls`."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.received: list[Received] = []
        self.replies: list[Reply] = []
        self.got_one = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802  # the name http.server calls
                length = int(self.headers.get("content-length", 0))
                body = self.rfile.read(length).decode()
                headers = {name.lower(): value for name, value in self.headers.items()}
                receiver.received.append(Received(self.path, headers, body))
                reply = receiver.replies.pop(0) if receiver.replies else Reply()
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
                receiver.got_one.set()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        scheme = "https" if tls else "http"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}/hooks"
        # A short poll: shutdown() waits for the next one.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def dead_url() -> str:
    """A URL on which nothing listens: connections are refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/hooks"


def settings_for(db: Database, **over: Any) -> Settings:
    """Test settings: tiny retry delays, a short timeout, no worker thread unless asked, and
    the receiver's 127.0.0.1 let through (the SSRF tests take it away again)."""
    values: dict[str, Any] = {
        "webhook_allowed_hosts": ["127.0.0.1"],
        "database_url": db.url,
        "embedder": "tfidf",
        "webhook_worker": False,
        "webhook_poll_seconds": 0.05,
        "webhook_timeout_seconds": 2.0,
        "webhook_retry_base_seconds": 0.01,
        "webhook_retry_max_seconds": 0.05,
    }
    return Settings(**(values | over))


@pytest.fixture
def app(db: Database) -> FastAPI:
    """The API without its worker thread: tests send with `worker.deliver_due` when they mean
    to (one test runs the thread)."""
    return create_app(settings_for(db), db=db)


@pytest.fixture
def convener(auth: AuthFor) -> dict[str, str]:
    """Webhooks are an admin's (the fixture keeps its old name)."""
    return auth(Role.admin)


MakeWorker = Callable[..., WebhookWorker]


@pytest.fixture
def make_worker(db: Database) -> Iterator[MakeWorker]:
    """Workers over the test database (stopped at the end); settings may be overridden."""
    made: list[WebhookWorker] = []

    def make(clock: Callable[[], datetime] | None = None, **over: Any) -> WebhookWorker:
        extra: dict[str, Any] = {"clock": clock} if clock else {}
        worker = WebhookWorker(db, settings_for(db, **over), rng=random.Random(7), **extra)
        made.append(worker)
        return worker

    yield make
    for worker in made:
        worker.stop()


@pytest.fixture
def worker(make_worker: MakeWorker) -> WebhookWorker:
    return make_worker()


Subscribe = Callable[..., dict[str, Any]]


@pytest.fixture
def subscribe(client: TestClient, convener: dict[str, str]) -> Subscribe:
    """Create an endpoint through the API; answers the created body (with its secret)."""

    def make(url: str, events: list[str] | None = None) -> dict[str, Any]:
        response = client.post(
            "/v1/webhooks",
            json={"url": url, "events": events or ["engagement.created"]},
            headers=convener,
        )
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    return make
