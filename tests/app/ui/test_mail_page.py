"""The mail page: without SMTP_HOST a convener reads the invitation she sent there and its link
works; with a mail server a waiting message's text (its live link) is hidden until it is sent
and struck; a password reset's link is for admins only; recruiters get a 403 page."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.mail.outbox import STRUCK
from app.mail.worker import MailWorker
from app.main import create_app
from app.ui.session import HOME
from tests.app.mail.conftest import SmtpServer, messages, settings_for, smtp
from tests.app.people.conftest import PASSWORD, make_person, quick_hashes, sign_in
from tests.app.ui.html import Page
from tests.app.ui.test_pages import is_page
from tests.conftest import SAME_SITE

__all__ = ["quick_hashes", "smtp"]  # fixtures, used by name

DANA = "dana.okafor@riverbend-cc.example"
MAYA = "maya.chen@riverbend-cc.example"
LIVE = re.compile(r'href="http://testserver(/ui/invite/[A-Za-z0-9_-]{43})"')


@contextmanager
def convener_browser(db: Database, settings: Settings) -> Iterator[TestClient]:
    """Dana, a convener, signed in on an app with `settings`; she has just invited Maya."""
    make_person(db, DANA, "Dana Okafor", Role.convener)
    app = create_app(settings, db=db)
    with TestClient(app, raise_server_exceptions=False, headers=SAME_SITE) as client:
        assert sign_in(client, DANA) == 303
        invited = client.post(
            "/ui/people", data={"name": "Maya Chen", "email": MAYA, "role": "recruiter"}
        )
        assert invited.status_code == 200, invited.text
        yield client


def test_caught_mail_is_read_on_the_page_and_its_link_sets_a_password(db: Database) -> None:
    with convener_browser(db, settings_for(db, None)) as client:
        listing = client.get("/ui/mail")
        assert listing.status_code == 200
        page = Page(listing.text)
        assert "SMTP_HOST is not set. Links below work." in page.text("caught")
        [mail] = messages(db)
        row = page.text(f"mail-{mail.id}")
        for shown in ("Maya Chen", MAYA, "invitation", "Dana Okafor invites you", "waiting"):
            assert shown in row
        assert '<a href="/ui/mail">Mail</a>' in listing.text.replace(' aria-current="page"', "")

        opened = client.get(f"/ui/mail/{mail.id}")
        assert opened.status_code == 200
        assert opened.headers["cache-control"] == "no-store"
        assert "as a recruiter" in Page(opened.text).text("body")
        found = LIVE.search(opened.text)
        assert found is not None, opened.text

        # A reset link opens someone's account: a convener does not read it, even caught.
        assert client.post("/ui/reset", data={"email": DANA}).status_code == 200
        reset = max(m.id for m in messages(db))
        hidden = Page(client.get(f"/ui/mail/{reset}").text)
        assert "only an admin reads it here" in hidden.text("hidden")

        # Maya's link, followed from the page: she chooses a password and is signed in.
        assert "Welcome, Maya" in client.get(found.group(1)).text
        chosen = client.post(
            found.group(1),
            data={"password": PASSWORD, "confirm": PASSWORD},
            follow_redirects=False,
        )
        assert (chosen.status_code, chosen.headers["location"]) == (303, HOME)
        assert "Maya Chen" in client.get(HOME).text
        # A recruiter gets the 403 page, and no Mail link.
        assert is_page(client.get("/ui/mail"), 403)
        assert is_page(client.get(f"/ui/mail/{mail.id}"), 403)
        assert 'href="/ui/mail"' not in client.get(HOME).text


def test_with_a_mail_server_a_waiting_body_is_hidden_until_sent(
    db: Database, smtp: SmtpServer
) -> None:
    settings = settings_for(db, smtp)
    with convener_browser(db, settings) as client:
        [mail] = messages(db)
        assert "caught" not in Page(client.get("/ui/mail").text).attrs
        waiting = client.get(f"/ui/mail/{mail.id}")
        assert "its text is shown once it is sent" in Page(waiting.text).text("hidden")
        assert "/ui/invite/" not in waiting.text

        assert MailWorker(db, settings).send_due() == 1
        sent = Page(client.get(f"/ui/mail/{mail.id}").text)
        assert "sent" in sent.text("facts")
        assert STRUCK[True] in sent.text("body")
        assert "/ui/invite/" not in sent.text("body")
