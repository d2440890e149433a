"""STARTTLS and SMTP auth from the settings, against the loopback server speaking TLS with a
certificate of its own (a private CA given as SMTP_CA_FILE): the credentials go only over
TLS, a server without STARTTLS gets no message (and no password), and refused credentials are
retried, never a bounce."""

import asyncio
import ipaddress
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.db import Database
from app.mail.models import MailStatus
from tests.app.mail.conftest import (
    MakeWorker,
    SendLink,
    SmtpServer,
    attempts,
    free_port,
    messages,
    settings_for,
)

USER, PASSWORD = "relay-user", "relay-password"


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (it is its own CA), and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "loopback test relay")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "relay.pem", folder / "relay.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class Logins:
    """The authenticator: records each login and whether it came over TLS."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, bool]] = []

    def __call__(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        self.seen.append((data.login.decode(), session.ssl is not None))
        ok = (data.login.decode(), data.password.decode()) == (USER, PASSWORD)
        return AuthResult(success=ok, handled=False)


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    return _certificate(tmp_path)


@pytest.fixture
def logins() -> Logins:
    return Logins()


class ClosingController(Controller):
    """aiosmtpd's Controller that closes its connections' sockets itself when stopped. A
    handshake the client refused (the untrusted certificate) otherwise leaves the server's
    socket for the garbage collector, which warned of it in whichever test ran next, and a
    full collection to clear it in teardown cost seconds in a long-lived test worker."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.connections: list[SMTP] = []

    def factory(self) -> SMTP:
        made: SMTP = super().factory()  # type: ignore[no-untyped-call]
        self.connections.append(made)
        return made

    async def _close_all(self) -> None:
        for made in self.connections:
            for transport in (made._original_transport, made.transport):
                if isinstance(transport, asyncio.Transport):
                    transport.abort()
        # An aborted transport closes its socket in the loop's next round: let it come.
        for _ in range(3):
            await asyncio.sleep(0)

    def stop(self, no_assert: bool = False) -> None:
        if self.loop.is_running():
            asyncio.run_coroutine_threadsafe(self._close_all(), self.loop).result(timeout=10)
        super().stop(no_assert=no_assert)


@pytest.fixture
def tls_smtp(certificate: tuple[Path, Path], logins: Logins) -> Iterator[SmtpServer]:
    """The recording server, offering STARTTLS (required) and AUTH only over it."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    server = SmtpServer(port=free_port())
    controller = ClosingController(
        server,
        hostname=server.host,
        port=server.port,
        server_hostname="relay.test",
        tls_context=context,
        require_starttls=True,
        authenticator=logins,
        auth_require_tls=True,
    )
    controller.start()
    yield server
    controller.stop()


def test_starttls_and_auth_from_the_settings(
    send_link: SendLink,
    tls_smtp: SmtpServer,
    logins: Logins,
    certificate: tuple[Path, Path],
    make_worker: MakeWorker,
    db: Database,
) -> None:
    assert send_link().status_code == 201
    settings = settings_for(
        db,
        tls_smtp,
        smtp_starttls=True,
        smtp_ca_file=certificate[0],
        smtp_username=USER,
        smtp_password=PASSWORD,
    )
    assert make_worker(settings).send_due() == 1
    [got] = tls_smtp.received
    assert got.rcpt_tos == ["dana@riverbend.example"]
    assert logins.seen == [(USER, True)]  # logged in over TLS
    [sent] = messages(db)
    assert sent.status is MailStatus.sent


def test_refused_credentials_are_retried_not_bounced(
    send_link: SendLink,
    tls_smtp: SmtpServer,
    certificate: tuple[Path, Path],
    make_worker: MakeWorker,
    db: Database,
) -> None:
    assert send_link().status_code == 201
    settings = settings_for(
        db,
        tls_smtp,
        smtp_starttls=True,
        smtp_ca_file=certificate[0],
        smtp_username=USER,
        smtp_password="not the password",
    )
    assert make_worker(settings).send_due() == 1
    [waiting] = messages(db)
    assert waiting.status is MailStatus.pending
    assert waiting.last_error is not None
    assert waiting.last_error.startswith("refused the credentials (SMTP_USERNAME, SMTP_PASSWORD)")
    [attempt] = attempts(db)
    assert attempt.smtp_code == 535
    assert tls_smtp.received == []


def test_a_server_without_starttls_gets_nothing(
    send_link: SendLink, smtp: SmtpServer, make_worker: MakeWorker, db: Database
) -> None:
    """The plain loopback server offers no STARTTLS: with SMTP_STARTTLS the worker stops
    there, before any password or message is sent."""
    assert send_link().status_code == 201
    settings = settings_for(
        db, smtp, smtp_starttls=True, smtp_username=USER, smtp_password=PASSWORD
    )
    assert make_worker(settings).send_due() == 1
    [waiting] = messages(db)
    assert waiting.status is MailStatus.pending
    assert waiting.last_error is not None
    assert "STARTTLS" in waiting.last_error
    assert smtp.received == []


def test_a_certificate_not_trusted_is_refused(
    send_link: SendLink, tls_smtp: SmtpServer, make_worker: MakeWorker, db: Database
) -> None:
    assert send_link().status_code == 201
    settings = settings_for(db, tls_smtp, smtp_starttls=True)  # the system's CAs only
    assert make_worker(settings).send_due() == 1
    [waiting] = messages(db)
    assert waiting.status is MailStatus.pending
    assert waiting.last_error == "the mail server's TLS certificate is not valid for it"
    assert tls_smtp.received == []
