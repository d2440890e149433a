"""A do-not-ask hold in a real browser (Debian's chromium, headless) on a 390 px phone screen:
a convener puts the partner a need ranks first on hold from its page (a mistake first, shown
by its field), sees it left out of the need's matches with the reason, makes a self-service
link for one of its contacts (the address shown once), and lifts the hold. The screenshots of
the holds and links, the need's note and the link's answer are the docs' (copied to docs/
when UPDATE_DOCS_SCREENSHOTS=1)."""

import os
import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from app.auth.models import Role
from app.auth.service import create_key
from app.db import Database
from app.holds.schemas import today
from tests.app.ui.test_browser import NARROW, NEED, OUT, browser, server, shoot

__all__ = ["browser", "server"]  # fixtures, used by name

DOCS = Path(__file__).resolve().parents[3] / "docs"
REASON = "Clinic expansion opens in March; the manager asked for no requests until then."
SHOTS = ("holds-section-390", "need-note-390", "link-made-390")

pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)


def snap(page: Page, selector: str, name: str) -> None:
    """The part of the page a reader needs, for the docs (the whole page is checked and
    kept by `shoot`)."""
    page.locator(selector).screenshot(path=OUT / f"{name}.png")


def test_convener_holds_the_top_partner_sees_it_left_out_and_lifts_it(
    server: str, demo_db: Database, browser: Browser
) -> None:
    with demo_db.sessionmaker.begin() as session:
        _, key = create_key(session, "Dana Okafor", Role.convener)
    page = browser.new_page(viewport=NARROW)
    page.set_default_timeout(15_000)
    page.goto(f"{server}/ui/login?next=/ui/needs")
    page.get_by_label("API key").fill(key)
    page.keyboard.press("Enter")

    # The need's best match, before any hold.
    page.get_by_role("link", name=NEED).click()
    need_url = page.url
    top = page.locator("li.match h3 a").first
    partner = top.inner_text()
    top.click()
    expect(page.get_by_role("heading", name="Do-not-ask holds", level=2)).to_be_visible()
    partner_url = page.url

    # A date already past and a blank reason: named by their fields, nothing saved.
    holds = page.locator("#holds")
    holds.locator("summary", has_text="Put on a do-not-ask hold").click()
    holds.get_by_label("Until").fill("2020-01-15")
    holds.get_by_role("button", name="Put on hold").click()
    expect(page.locator("#hold-until-error")).to_contain_text("must be after today")
    expect(page.locator("#hold-reason-error")).to_contain_text("Required")
    expect(page.locator("#hold-until")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#hold-until")).to_have_value("2020-01-15")
    expect(holds).to_contain_text("Nothing was saved.")

    until = today() + timedelta(days=100)
    holds = page.locator("#holds")
    holds.get_by_label("Until").fill(until.isoformat())
    holds.get_by_label("Reason").fill(REASON)
    holds.get_by_role("button", name="Put on hold").click()
    expect(page).to_have_url(re.compile(r"done=hold#holds$"))
    expect(page.locator("#held")).to_contain_text(
        f"On a do-not-ask hold until {until.strftime('%d %b %Y')}: {REASON}"
    )
    expect(page.locator("#holds li").first).to_contain_text("set by a convener")
    shoot(page, "partner-holds")
    snap(page, "#holds", "holds-section-390")

    # The need's matches leave it out, and say why.
    page.goto(need_url)
    expect(page.locator("li.match h3 a", has_text=partner)).to_have_count(0)
    note = f"left out: {partner} is on a do-not-ask hold until {until.isoformat()}: {REASON}"
    expect(page.locator("ul.notes")).to_contain_text(note)
    shoot(page, "need-held")
    snap(page, "ul.notes", "need-note-390")

    # A pause link for one of its contacts: the address is shown once, to copy.
    page.goto(partner_url)
    links = page.locator("#links")
    links.locator("summary", has_text="Make a link for a contact").click()
    contact = links.get_by_label("Send to").locator("option").nth(1).inner_text()
    links.get_by_label("Send to").select_option(index=1)
    links.get_by_label("To answer").select_option("temperature_check")
    links.get_by_role("button", name="Make the link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Link made for")
    expect(page.locator("#shown-once")).to_contain_text("This address is shown once.")
    address = page.get_by_label("The link's address")
    expect(address).to_have_value(re.compile(rf"^{re.escape(server)}/p/[A-Za-z0-9_-]{{43}}$"))
    token = address.input_value().rsplit("/", 1)[1]
    shoot(page, "link-made")
    page.get_by_role("link", name=f"Back to {partner}").click()
    expect(page.locator("#links li").first).to_contain_text(
        f"temperature check for {contact.split(',')[0]}"
    )
    assert token not in page.content()  # never shown again

    # Lifted: the page says so, and by whom; the need offers the partner again.
    page.locator("#holds").get_by_role("button", name="Lift this hold").click()
    expect(page).to_have_url(re.compile(r"done=lifted#holds$"))
    expect(page.locator("#done")).to_contain_text("Hold lifted")
    expect(page.locator("#held")).to_have_count(0)
    expect(page.locator("#holds li").first).to_contain_text("by Dana Okafor")
    page.goto(need_url)
    expect(page.locator("li.match h3 a", has_text=partner)).to_have_count(1)
    page.close()

    if os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1":
        for name in SHOTS:
            shutil.copy(OUT / f"{name}.png", DOCS / f"{name}.png")
