"""A convener invites a colleague in a real browser (Debian's chromium, headless): signed in
with her email and password, she invites Maya from the people page; the invitation arrives at a
real SMTP server on loopback (aiosmtpd); Maya opens the link from the mail on a 390 px phone,
chooses her password (a typo first, named by its field) and lands signed in as herself."""

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import Browser, Page, expect

from app.auth.models import Role
from app.db import Database
from app.mail.worker import MailWorker
from app.main import create_app
from app.people import service as people
from tests.app.mail.conftest import SmtpServer, settings_for, smtp
from tests.app.ui.test_browser import NARROW, WIDE, both_widths, browser, shoot
from tests.helpers import served

__all__ = ["browser", "smtp"]  # fixtures, used by name

pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)

DANA = "dana.okafor@riverbend-cc.example"
MAYA = "maya.chen@riverbend-cc.example"
PASSWORD = "river bend convener"


@pytest.fixture
def site(db: Database, smtp: SmtpServer) -> Iterator[str]:
    """The app served by uvicorn, its mail handed to the loopback server."""
    with db.sessionmaker.begin() as session:
        people.ensure_person(
            session, email=DANA, name="Dana Okafor", role=Role.convener, password=PASSWORD,
            by="tests",
        )  # fmt: skip
    with served(create_app(settings_for(db, smtp), db=db)) as url:
        yield url


def sign_in(page: Page, email: str, password: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.keyboard.press("Enter")


def test_a_convener_invites_a_colleague_who_sets_a_password_from_the_mail_and_signs_in(
    site: str, db: Database, smtp: SmtpServer, browser: Browser
) -> None:
    page = browser.new_page(viewport=WIDE)
    page.set_default_timeout(15_000)
    page.goto(f"{site}/ui/login")
    shoot(page, "sign-in")
    sign_in(page, DANA, PASSWORD)
    expect(page.locator(".who")).to_contain_text("Dana Okafor (convener)")

    page.get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", name="People", level=1)).to_be_visible()
    expect(page.get_by_label("Role").locator("option")).to_have_text(
        ["viewer", "recruiter", "convener"]  # never admin, for a convener
    )
    page.get_by_label("Name").fill("Maya Chen")
    page.get_by_label("Email").fill(MAYA)
    page.get_by_label("Role").select_option("recruiter")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator("#done")).to_have_text(f"Invitation mailed to {MAYA}.")
    expect(page.locator("#people")).to_contain_text("invited by Dana Okafor, no password yet")
    both_widths(page, "people")  # the table scrolls inside its frame on a phone, not the page
    page.get_by_role("button", name="Log out").click()

    # The mail, as the worker hands it to SMTP after the commit (in a thread of its own, as
    # it runs: Playwright keeps an event loop running in this one).
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(MailWorker(db, settings_for(db, smtp)).send_due).result(30) == 1
    [mail] = smtp.received
    assert mail.rcpt_tos == [MAYA]
    assert mail.message["Subject"] == "Dana Okafor invites you to Partner Match"
    found = re.search(rf"{re.escape(site)}/ui/invite/[A-Za-z0-9_-]{{43}}", mail.text())
    assert found is not None, mail.text()

    phone = browser.new_page(viewport=NARROW)
    phone.set_default_timeout(15_000)
    phone.goto(found.group(0))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Welcome, Maya")
    phone.get_by_label("New password").fill("maya's own passphrase")
    phone.get_by_label("Confirm password").fill("maya's own passphrse")
    phone.get_by_role("button", name="Set my password and sign in").click()
    expect(phone.locator("#f-confirm-error")).to_contain_text("does not match the password")
    shoot(phone, "invitation")
    phone.get_by_label("New password").fill("maya's own passphrase")
    phone.get_by_label("Confirm password").fill("maya's own passphrase")
    phone.get_by_role("button", name="Set my password and sign in").click()
    expect(phone).to_have_url(f"{site}/ui/load")
    expect(phone.locator(".who")).to_contain_text("Maya Chen (recruiter)")

    # Signed out, she signs in with her email and the password she chose.
    phone.get_by_role("button", name="Log out").click()
    expect(phone.locator("#flash")).to_have_text("You are signed out.")
    sign_in(phone, MAYA, "maya's own passphrase")
    expect(phone.locator(".who")).to_contain_text("Maya Chen (recruiter)")
    # The link from the mail works once.
    phone.goto(found.group(0))
    expect(phone.get_by_role("heading", level=1)).to_have_text("This link has already been used")
    phone.close()
    page.close()
