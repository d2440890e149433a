"""People and their mail in a real browser (Debian's chromium, headless), the mail arriving
at a real SMTP server on loopback (aiosmtpd): a convener invites a colleague, who opens the
link on a 390 px phone, chooses her password (a typo first, named by its field) and lands
signed in as herself; a partner's contact says yes to an ask from the mail; a reset mail sets
a new password once."""

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from app.auth.models import Role
from app.auth.service import create_key
from app.db import Database
from app.mail.worker import MailWorker
from app.main import create_app
from app.people import service as people
from tests.app.mail.conftest import Received, SmtpServer, settings_for, smtp
from tests.app.ui.test_browser import NARROW, WIDE, both_widths, browser, shoot
from tests.helpers import served, stored_chain

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


def _one_mail_sent(db: Database, smtp: SmtpServer, to: str) -> Received:
    """The one message waiting, as the worker hands it to SMTP after the commit (in a thread
    of its own, as it runs: Playwright keeps an event loop running in this one)."""
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(MailWorker(db, settings_for(db, smtp)).send_due).result(30) == 1
    [mail] = smtp.received
    assert mail.rcpt_tos == [to]
    return mail


def _open_from(browser: Browser, mail: Received, link: str) -> Page:
    """A phone-sized page opened on the first address of the mail's text matching `link`."""
    found = re.search(link, mail.text())
    assert found is not None, mail.text()
    phone = browser.new_page(viewport=NARROW)
    phone.set_default_timeout(15_000)
    phone.goto(found.group(0))
    return phone


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

    mail = _one_mail_sent(db, smtp, MAYA)
    assert mail.message["Subject"] == "Dana Okafor invites you to Partner Match"
    invite = rf"{re.escape(site)}/ui/invite/[A-Za-z0-9_-]{{43}}"
    phone = _open_from(browser, mail, invite)
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
    phone.goto(re.search(invite, mail.text()).group(0))  # type: ignore[union-attr]
    expect(phone.get_by_role("heading", level=1)).to_have_text("This link has already been used")
    phone.close()
    page.close()


def test_a_partner_says_yes_to_an_ask_from_the_mail_on_a_phone(
    site: str, db: Database, smtp: SmtpServer, browser: Browser
) -> None:
    """Dana mails an ask from the partner's page; its contact opens the mail's "Yes" button on
    a phone, sees what is asked with yes chosen, sends it, and the ask is accepted: the
    partner's page says so, answered by the contact through the link."""
    with db.sessionmaker.begin() as session:
        _, key = create_key(session, "CRM sync", Role.convener)
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=site, headers=headers) as api:
        chain = stored_chain(api, headers)  # type: ignore[arg-type]
        ask = api.post("/v1/engagements", json={
            "organization_id": chain["organization"]["id"],
            "contact_id": chain["contact"]["id"], "need_id": chain["need"]["id"],
            "program": "Riverbend CC Mechatronics Pathway", "engagement_type": "internship_host",
            "status": "asked", "asked_at": "2026-11-02T09:00:00Z", "starts_on": "2027-06-01",
            "ends_on": "2027-08-15", "hours_estimated": 80,
        })  # fmt: skip
    assert ask.status_code == 201, ask.text
    partner = f"{site}/ui/partners/{chain['organization']['id']}"

    page = browser.new_page(viewport=WIDE)
    page.set_default_timeout(15_000)
    page.goto(f"{site}/ui/login")
    sign_in(page, DANA, PASSWORD)
    expect(page.locator(".who")).to_contain_text("Dana Okafor (convener)")
    page.goto(partner)
    page.get_by_role("button", name="Mail it to Dana Ortiz").click()
    expect(page.locator("#done")).to_contain_text("Ask mailed")

    mail = _one_mail_sent(db, smtp, "dana@riverbend.example")
    phone = _open_from(browser, mail, rf"{re.escape(site)}/p/[A-Za-z0-9_-]{{43}}\?answer=accept")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Can you help?")
    expect(phone.locator(".ask-details")).to_contain_text("Mechatronics summer internships")
    expect(phone.locator(".ask-details")).to_contain_text("When: 1 June 2027 to 15 August 2027")
    expect(phone.get_by_label("Yes, we can help")).to_be_checked()
    shoot(phone, "ask-answer")
    phone.get_by_role("button", name="Send my answer").click()
    expect(phone.locator("body")).to_contain_text("said yes to “Mechatronics summer internships”")

    page.goto(partner)
    asked = page.locator(f"#ask-{ask.json()['id']}")
    expect(asked.locator(".status")).to_have_text("accepted")
    expect(asked).to_contain_text("answered")


def test_a_reset_mail_sets_a_new_password_once(
    site: str, db: Database, smtp: SmtpServer, browser: Browser
) -> None:
    """Dana forgot her password: from the sign-in page she asks for a link, chooses a new
    password from the mail on a phone and is signed in; the old password no longer works, and
    the link opened again says it was used."""
    page = browser.new_page(viewport=NARROW)
    page.set_default_timeout(15_000)
    page.goto(f"{site}/ui/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill(DANA.upper())  # any case
    page.get_by_role("button", name="Mail me a link").click()
    expect(page.locator("#sent")).to_contain_text("a mail with a link to choose a new password")

    mail = _one_mail_sent(db, smtp, DANA)
    reset = rf"{re.escape(site)}/ui/reset/[A-Za-z0-9_-]{{43}}"
    phone = _open_from(browser, mail, reset)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    phone.get_by_label("New password").fill("a brand new passphrase")
    phone.get_by_label("Confirm password").fill("a brand new passphrase")
    phone.get_by_role("button", name="Set the new password").click()
    expect(phone).to_have_url(f"{site}/ui/load")
    expect(phone.locator(".who")).to_contain_text("Dana Okafor (convener)")

    phone.goto(re.search(reset, mail.text()).group(0))  # type: ignore[union-attr]
    expect(phone.get_by_role("heading", level=1)).to_have_text("This link has already been used")
    other = browser.new_page(viewport=NARROW)  # a browser of its own: no session
    other.set_default_timeout(15_000)
    other.goto(f"{site}/ui/login")
    sign_in(other, DANA, PASSWORD)  # the old password
    expect(other.locator("#f-password-error")).to_contain_text("Wrong email or password")
    sign_in(other, DANA, "a brand new passphrase")
    expect(other.locator(".who")).to_contain_text("Dana Okafor (convener)")
