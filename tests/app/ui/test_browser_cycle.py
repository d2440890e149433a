"""The convener's cycle in a real browser (Debian's chromium, headless): from the check-in
list to a partner running an engagement with no recent temperature check, complete that ask
with its outcomes on the partner page, and see the check-in list no longer asking. The
screenshots of the check-in list and the partner page, 1280 and 390 px wide, are the docs'
(copied to docs/ when UPDATE_DOCS_SCREENSHOTS=1)."""

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from app.auth.models import Role
from app.auth.service import create_key
from app.db import Database
from tests.app.ui.test_browser import NARROW, OUT, WIDE, browser, server, shoot

__all__ = ["browser", "server"]  # fixtures, used by name

DOCS = Path(__file__).resolve().parents[3] / "docs"
PARTNER = "Valleyline Credit Union"
RUNNING = "Central Valley Cyber Pathways Consortium"  # its one engagement under way

pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)


def test_convener_completes_an_ask_with_outcomes_and_the_check_in_goes(
    server: str, demo_db: Database, browser: Browser
) -> None:
    with demo_db.sessionmaker.begin() as session:
        _, key = create_key(session, "Dana Okafor", Role.convener)
    page = browser.new_page(viewport=WIDE)
    page.set_default_timeout(15_000)
    page.goto(f"{server}/ui/login?next=/ui/checkins")
    page.get_by_label("API key").fill(key)
    page.keyboard.press("Enter")

    # The check-in list: the most urgent kinds first, each with its reason and due day.
    expect(page.get_by_role("heading", name="Check-ins", level=1)).to_be_visible()
    kinds = page.locator("li.checkin .tag").all_inner_texts()
    assert kinds[0].upper() == "RISK RISING"
    assert {"RISK RISING", "SATISFACTION FALLING", "AGREEMENT LAPSED"} <= {k.upper() for k in kinds}
    for width in (WIDE, NARROW):
        page.set_viewport_size(width)
        shoot(page, "checkins")
    page.set_viewport_size(NARROW)  # the rest on a phone

    # Only the check-ins: the partner runs an engagement and has not been asked how it goes.
    page.get_by_label("What").select_option("no_recent_check")
    page.get_by_role("button", name="Apply").click()
    item = page.locator("li.checkin", has=page.get_by_role("link", name=PARTNER, exact=True))
    expect(item).to_contain_text("1 running engagement and no temperature check for")

    # The partner page: its asks; complete the running one with its outcomes, keyboard only.
    item.get_by_role("link", name=PARTNER, exact=True).click()
    expect(page.get_by_role("heading", name="Asks", level=2)).to_be_visible()
    ask = page.locator("li[id^='ask-']", has_text=RUNNING)
    summary = ask.locator("summary", has_text="Complete this ask with its outcomes")
    summary.focus()
    page.keyboard.press("Enter")
    form = ask.locator("form.outcome-form")
    form.get_by_label("Students served").fill("twelve")
    form.get_by_role("button", name="Mark completed").click()
    # Mistakes come back by their fields, with what was typed kept; nothing is saved.
    expect(page.locator("[id$='-students_served-error']")).to_contain_text("valid integer")
    form = ask.locator("form.outcome-form")
    expect(form.get_by_label("Students served")).to_have_value("twelve")
    form.get_by_label("Students served").fill("12")
    form.get_by_role("button", name="Mark completed").click()
    expect(page.locator("[id$='-hours_actual-error']")).to_contain_text("hours the partner")
    form = ask.locator("form.outcome-form")
    form.get_by_label("Hours given").fill("14.5")
    form.get_by_label("Students served").fill("12")
    form.get_by_label("Hires").fill("1")
    form.get_by_label("Credentials earned").fill("3")
    form.get_by_label("What came of it").fill("One apprentice hired for the branch.")
    form.get_by_label("What came of it").focus()
    page.keyboard.press("Tab")  # to the button
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"done=completed#ask-\d+$"))
    expect(page.locator("#done")).to_have_text("Ask marked completed, with its outcomes.")
    expect(page.locator("#asks-list")).to_contain_text("12 students served; 1 hire; 3 credentials")
    expect(page.locator("#asks-list")).to_contain_text("One apprentice hired for the branch.")
    expect(page.locator("#checks")).to_contain_text("of 5")  # checks with their comments
    page.set_viewport_size(WIDE)
    shoot(page, "partner-cycle")
    page.set_viewport_size(NARROW)
    shoot(page, "partner-cycle")

    # Back on the check-in list: nothing running any more, so no check-in asked of it.
    page.get_by_role("link", name="Check-ins", exact=True).click()
    expect(page.get_by_role("heading", name="Check-ins", level=1)).to_be_visible()
    page.get_by_label("What").select_option("no_recent_check")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("li.checkin").first).to_be_visible()
    expect(page.locator("li.checkin", has_text=PARTNER)).to_have_count(0)
    page.close()

    if os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1":
        for name in ("checkins-1280", "checkins-390", "partner-cycle-1280", "partner-cycle-390"):
            shutil.copy(OUT / f"{name}.png", DOCS / f"{name}.png")
