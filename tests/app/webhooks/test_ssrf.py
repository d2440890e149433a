"""Webhook targets end to end: hostile URLs are refused at registration (422 naming `url`) and
again at every delivery without a connection, a name whose DNS answer changes after
registration (rebinding) is not connected to, and the delivery log never echoes a receiver.

Only 127.0.0.1 is ever connected to: other addresses are refused, or answered by a mock."""

import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from app.db import Database
from app.main import create_app
from app.webhooks import repository, targets
from app.webhooks.keyring import keyring_for
from app.webhooks.service import new_secret
from app.webhooks.worker import WebhookWorker
from tests.app.webhooks.conftest import PUBLIC, FakeDns, MakeWorker, Receiver, Reply, settings_for
from tests.app.webhooks.test_delivery import _ask, _deliveries
from tests.app.webhooks.test_targets import PROBES


@pytest.fixture
def strict(db: Database) -> Iterator[TestClient]:
    """The API as deployed: nothing let through, not even the test receiver's 127.0.0.1."""
    app = create_app(settings_for(db, webhook_allowed_hosts=[]), db=db)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _create(client: TestClient, headers: dict[str, str], url: str) -> Any:
    return client.post(
        "/v1/webhooks", json={"url": url, "events": ["engagement.created"]}, headers=headers
    )


def test_every_probe_is_refused_at_registration(
    strict: TestClient, convener: dict[str, str], dns: FakeDns
) -> None:
    # One app for all the probes (test_targets runs each on its own).
    for url, reason in PROBES:
        response = _create(strict, convener, url)
        assert response.status_code == 422, (url, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        [error] = response.json()["errors"]
        assert (error["field"], error["location"]) == ("url", "body"), url
        assert error["message"].startswith(reason), (url, error)
        assert response.json()["detail"] == f"url: {error['message']}"
    assert dns.asked == []
    assert strict.get("/v1/webhooks", headers=convener).json()["items"] == []


def test_a_name_resolving_to_a_private_address_is_refused_at_registration(
    strict: TestClient, convener: dict[str, str], dns: FakeDns
) -> None:
    dns.answers["intranet.crm.example"] = [PUBLIC, "10.0.0.7"]
    response = _create(strict, convener, "https://intranet.crm.example/hooks")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "url",
            "location": "body",
            "message": "address 10.0.0.7 (of intranet.crm.example) is private",
        }
    ]
    dns.answers["hooks.crm.example"] = [PUBLIC]
    assert _create(strict, convener, "https://hooks.crm.example/hooks").status_code == 201


def test_every_probe_is_refused_again_at_delivery_without_a_connection(
    db: Database, client: TestClient, convener: dict[str, str], dns: FakeDns
) -> None:
    # Endpoints stored before these rules (or by a write that skipped the API).
    keyring = keyring_for(settings_for(db))
    with db.sessionmaker.begin() as session:
        reasons = {
            repository.add_endpoint(
                session, url, ["engagement.created"], keyring.encrypt(new_secret())
            ).id: reason
            for url, reason in PROBES
        }
    _ask(client, convener)
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    # Whatever got past the checks would reach this mock, never the network.
    mock = httpx.MockTransport(answer)
    worker = WebhookWorker(
        db, settings_for(db, webhook_allowed_hosts=[]), transport=mock, batch=len(PROBES)
    )
    try:
        assert worker.deliver_due() == len(PROBES)
    finally:
        worker.stop()
    assert sent == []
    assert dns.asked == []
    for id_, reason in reasons.items():
        [delivery] = _deliveries(client, convener, {"id": id_})
        [attempt] = delivery["attempts"]
        assert attempt["status_code"] is None
        assert attempt["summary"].startswith(f"refused: {reason}"), attempt
        assert delivery["status"] == "pending"  # retried like a connection error


def test_a_name_rebound_to_loopback_after_registration_is_not_connected_to(
    strict: TestClient,
    convener: dict[str, str],
    dns: FakeDns,
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    port = receiver.server.server_address[1]
    # The attacker's name answers a public address while it is checked at registration...
    dns.answers["hooks.crm.example"] = [PUBLIC]
    created = _create(strict, convener, f"http://hooks.crm.example:{port}/hooks")
    assert created.status_code == 201, created.text
    _ask(strict, convener)
    # ... and this machine (where the receiver stands for redis or the database) afterwards.
    dns.answers["hooks.crm.example"] = ["127.0.0.1"]
    assert make_worker(webhook_allowed_hosts=[]).deliver_due() == 1
    assert receiver.received == []
    [delivery] = _deliveries(strict, convener, created.json())
    [attempt] = delivery["attempts"]
    assert attempt["status_code"] is None
    assert attempt["summary"] == "refused: address 127.0.0.1 (of hooks.crm.example) is loopback"


def test_delivery_connects_to_the_resolved_address_with_the_original_host(
    convener: dict[str, str],
    client: TestClient,
    subscribe: Any,
    dns: FakeDns,
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    # The system resolver knows nothing of this name: only the checked answer is used.
    dns.answers["receiver.crm.example"] = ["127.0.0.1"]
    port = receiver.server.server_address[1]
    subscribe(f"http://receiver.crm.example:{port}/hooks")
    _ask(client, convener)
    worker = make_worker(webhook_allowed_hosts=["receiver.crm.example"])
    assert worker.deliver_due() == 1
    [received] = receiver.received
    assert received.headers["host"] == f"receiver.crm.example:{port}"
    assert dns.asked.count("receiver.crm.example") == 2  # at registration, then at delivery


def test_the_log_keeps_a_summary_never_the_receivers_answer(
    client: TestClient,
    convener: dict[str, str],
    subscribe: Any,
    receiver: Receiver,
    dead_url: str,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe(receiver.url)
    down = subscribe(dead_url)
    _ask(client, convener)
    receiver.replies = [Reply(500, {"X-Debug": "token=hunter2"}, b"db password is hunter2")]
    assert make_worker().deliver_due() == 2
    [delivery] = _deliveries(client, convener, hook)
    [attempt] = delivery["attempts"]
    assert attempt["status_code"] == 500
    assert attempt["summary"] == "HTTP 500 Internal Server Error"
    assert attempt["error"] is None
    assert "response_body" not in attempt
    listed = client.get(f"/v1/webhooks/{hook['id']}/deliveries", headers=convener).text
    assert "hunter2" not in listed
    [refused] = _deliveries(client, convener, down)[0]["attempts"]
    assert (refused["status_code"], refused["summary"]) == (None, "connection refused")


@pytest.fixture
def banner_url() -> Iterator[str]:
    """A TCP service on 127.0.0.1 that is not HTTP (as redis or a database would be): it
    answers any connection with a line of its own and closes."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(5)

    def serve() -> None:
        try:
            conn, _ = server.accept()
        except OSError:
            return
        with conn:
            conn.recv(65536)
            # The blank line makes h11 read it as a status line, and quote it in its error.
            conn.sendall(b"-ERR unknown command, internal-secret-banner\r\n\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/"
    server.close()
    thread.join(5)


def test_a_service_that_is_not_http_is_not_echoed(
    client: TestClient,
    convener: dict[str, str],
    subscribe: Any,
    banner_url: str,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe(banner_url)
    _ask(client, convener)
    assert make_worker().deliver_due() == 1
    [attempt] = _deliveries(client, convener, hook)[0]["attempts"]
    assert attempt["status_code"] is None
    assert attempt["summary"] == "the answer was not HTTP"
    assert (
        "banner" not in client.get(f"/v1/webhooks/{hook['id']}/deliveries", headers=convener).text
    )


def test_registration_resolves_off_the_event_loop(
    strict: TestClient, convener: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()

    def slow(host: str, port: int) -> list[str]:
        started.set()
        release.wait(5)
        return [PUBLIC]

    monkeypatch.setattr(targets, "lookup", slow)
    with ThreadPoolExecutor(1) as pool:
        created = pool.submit(_create, strict, convener, "https://slow.crm.example/hooks")
        assert started.wait(5)
        began = time.perf_counter()
        # While the lookup waits, the process answers: it waits in a thread, not on the loop.
        assert strict.get("/health").status_code == 200
        assert time.perf_counter() - began < 2
        assert not created.done()
        release.set()
        assert created.result().status_code == 201


def _certificates(tmp_path: Path, name: str) -> tuple[Path, Path, Path]:
    """A throwaway CA and a certificate it signed for `name` (and no address): (CA, cert,
    key), made by the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=tmp_path, check=True, capture_output=True)

    curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *curve, "-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
            "-subj", "/CN=Partner Match test CA")  # fmt: skip
    openssl("req", *curve, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", f"/CN={name}")
    (tmp_path / "san.ext").write_text(f"subjectAltName=DNS:{name}\n")
    openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", "leaf.pem", "-days", "1", "-extfile", "san.ext")  # fmt: skip
    return tmp_path / "ca.pem", tmp_path / "leaf.pem", tmp_path / "leaf.key"


def test_tls_is_verified_against_the_name_while_connecting_to_the_checked_address(
    tmp_path: Path,
    db: Database,
    client: TestClient,
    convener: dict[str, str],
    subscribe: Any,
    dns: FakeDns,
) -> None:
    ca, cert, key = _certificates(tmp_path, "receiver.crm.example")
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    names: list[str | None] = []
    server_tls.sni_callback = lambda _sock, name, _ctx: names.append(name)
    receiver = Receiver(server_tls)
    try:
        port = receiver.server.server_address[1]
        # Both names resolve to the receiver; its certificate is for the first only.
        dns.answers["receiver.crm.example"] = dns.answers["other.crm.example"] = ["127.0.0.1"]
        good = subscribe(f"https://receiver.crm.example:{port}/hooks")
        bad = subscribe(f"https://other.crm.example:{port}/hooks")
        _ask(client, convener)
        inner = httpx.HTTPTransport(verify=ssl.create_default_context(cafile=ca))
        settings = settings_for(
            db, webhook_allowed_hosts=["receiver.crm.example", "other.crm.example"]
        )
        worker = WebhookWorker(db, settings, transport=inner)
        try:
            assert worker.deliver_due() == 2
        finally:
            worker.stop()
    finally:
        receiver.close()
    # Connected to 127.0.0.1, yet the certificate (which names no address) was checked
    # against the name in the URL, which was also sent as SNI.
    [delivered] = _deliveries(client, convener, good)[0]["attempts"]
    assert delivered["summary"] == "HTTP 204 No Content"
    assert len(receiver.received) == 1
    assert "receiver.crm.example" in names
    # And a name the certificate does not cover fails verification: it is not switched off.
    [failed] = _deliveries(client, convener, bad)[0]["attempts"]
    assert failed["summary"] == "TLS certificate not valid for the host"
