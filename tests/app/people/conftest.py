"""People's tests: the app over the test database with the loopback SMTP server of the mail
tests (its worker driven by hand), low attempt limits, and cheap Argon2 parameters (the real
ones cost 0.2 s a hash on 2 cores; the test of timing asks for `real_hashes`)."""

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.mail.worker import MailWorker
from app.main import create_app
from app.people import passwords
from app.people import service as people
from app.people.models import Person
from tests.app.mail.conftest import SmtpServer, make_worker, settings_for, smtp, worker
from tests.conftest import SAME_SITE

__all__ = ["make_worker", "smtp", "worker"]  # fixtures, used by name

#: What the test settings allow before "too many attempts".
ACCOUNT_LIMIT, ADDRESS_LIMIT = 4, 8
PASSWORD = "correct horse battery"
LINK = re.compile(r"http://testserver(/ui/(?:invite|reset)/[A-Za-z0-9_-]{43})")


@pytest.fixture
def real_hashes() -> None:
    """Argon2 with the parameters the service ships with."""


@pytest.fixture(autouse=True)
def quick_hashes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if "real_hashes" not in request.fixturenames:
        cheap = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=64, parallelism=1),))
        monkeypatch.setattr(passwords, "_hasher", cheap)
    passwords._dummy_hash.cache_clear()
    yield
    passwords._dummy_hash.cache_clear()


@pytest.fixture
def settings(db: Database, smtp: SmtpServer) -> Settings:
    return settings_for(
        db,
        smtp,
        sign_in_account_limit=f"{ACCOUNT_LIMIT}/15 minutes",
        sign_in_address_limit=f"{ADDRESS_LIMIT}/15 minutes",
    )


@pytest.fixture
def app(db: Database, settings: Settings) -> FastAPI:
    return create_app(settings, db=db)


@pytest.fixture
def browser_for(app: FastAPI) -> Iterator[TestClient]:
    """Another browser (a cookie jar of its own) on the same app."""
    with TestClient(app, raise_server_exceptions=False, headers=SAME_SITE) as other:
        yield other


def make_person(db: Database, email: str, name: str, role: Role) -> Person:
    """A person who signs in with PASSWORD."""
    with db.sessionmaker.begin() as session:
        person, _ = people.ensure_person(
            session, email=email, name=name, role=role, password=PASSWORD, by="tests"
        )
        return person


def mailed_link(smtp: SmtpServer, worker: MailWorker) -> str:
    """The path of the link in the newest message the server took, after sending what is due."""
    worker.send_due()
    assert smtp.received, "no mail arrived"
    found = LINK.search(smtp.received[-1].text())
    assert found is not None, smtp.received[-1].text()
    return found.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> int:
    """Sign in through the form; the status it answered (303 when signed in)."""
    response = client.post(
        "/ui/login", data={"email": email, "password": password}, follow_redirects=False
    )
    return response.status_code
