"""The outcomes dashboard in a real browser (Debian's chromium, headless) over the demo data,
at 1280 and 390 px: five sections with their charts and tables, a program filter and the CSV
it downloads. Then the cycle the issue asks for end to end: a partner answers a temperature
check through a self-service link on a 390 px screen, with the keyboard; the convener sees the
check-in it answered gone from the check-in list and the answer counted on the dashboard. The
dashboard's screenshots are the docs' (copied to docs/ when UPDATE_DOCS_SCREENSHOTS=1)."""

import os
import re
import shutil
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from app.auth.models import Role
from app.auth.service import create_key
from app.db import Database
from app.organizations.models import Contact, Organization
from tests.app.ui.test_browser import NARROW, OUT, WIDE, browser, server, shoot

__all__ = ["browser", "server"]  # fixtures, used by name

DOCS = Path(__file__).resolve().parents[3] / "docs"
PARTNER = "Valleyline Credit Union"  # runs an engagement, no temperature check for months
SECTIONS = ["1. Goals reached", "2. Use of resources", "3. Quality of engagement",
            "4. Impact on students", "5. Partnership dynamics"]  # fmt: skip

pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)


def log_in(page: Page, server: str, key: str, next_path: str) -> None:
    page.goto(f"{server}/ui/login?next={next_path}")
    page.get_by_label("API key").fill(key)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_the_dashboard_at_both_widths_with_a_program_filter_and_its_csv(
    server: str, demo_db: Database, browser: Browser
) -> None:
    with demo_db.sessionmaker.begin() as session:
        _, key = create_key(session, "Dana Okafor", Role.convener)
    page = browser.new_page(viewport=WIDE, accept_downloads=True)
    page.set_default_timeout(15_000)
    log_in(page, server, key, "/ui/checkins")
    page.get_by_role("link", name="Outcomes", exact=True).click()
    expect(page.get_by_role("heading", name="Outcomes", level=1)).to_be_visible()
    expect(page.locator("#scope")).to_contain_text("school year to date")
    for title in SECTIONS:
        expect(page.get_by_role("heading", name=title, level=2)).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("^Progress toward each goal"))).to_be_visible()
    expect(page.get_by_role("img", name="Mean satisfaction per month")).to_be_visible()
    expect(
        page.get_by_role("img", name="Top-20% share of asks and Gini coefficient per month")
    ).to_be_visible()
    expect(page.locator(".bar-row.status-behind").first).to_be_visible()
    shoot(page, "outcomes")
    page.set_viewport_size(NARROW)
    shoot(page, "outcomes")

    # On the phone: one program; the page and the CSV link follow the filter.
    page.get_by_label("Program", exact=True).select_option("Lincoln USD Health Academy")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"program=Lincoln\+USD\+Health\+Academy"))
    expect(page.locator("#scope")).to_contain_text("Lincoln USD Health Academy")
    expect(page.locator(".bar-row.status-behind, .bar-row.status-on-pace, "
                        ".bar-row.status-reached")).to_have_count(3)  # fmt: skip
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "category,measure,program,period,value"
    assert all(",Lincoln USD Health Academy," in line for line in lines[1:])
    page.close()

    if os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1":
        for name in ("outcomes-1280", "outcomes-390"):
            shutil.copy(OUT / f"{name}.png", DOCS / f"{name}.png")


def _satisfaction(page: Page) -> tuple[str, int]:
    """The dashboard's note under satisfaction, and the checks of the current month."""
    note = page.locator("#satisfaction-note").inner_text()
    last = page.locator("#satisfaction-table tbody tr").last.locator("td").first.inner_text()
    return note, int(last)


def test_a_partner_answers_a_check_on_a_phone_and_the_convener_sees_it(
    server: str, demo_db: Database, browser: Browser
) -> None:
    with demo_db.sessionmaker.begin() as session:
        _, key = create_key(session, "Dana Okafor", Role.convener)
        contact = session.scalar(
            select(Contact.id).join(Organization).where(Organization.name == PARTNER).limit(1)
        )
    assert contact is not None
    convener = browser.new_page(viewport=WIDE)
    convener.set_default_timeout(15_000)
    log_in(convener, server, key, "/ui/checkins?kind=no_recent_check")
    item = convener.locator("li.checkin", has=convener.get_by_role("link", name=PARTNER))
    expect(item).to_contain_text("no temperature check for")
    convener.get_by_role("link", name="Outcomes", exact=True).click()
    before_note, before_month = _satisfaction(convener)
    checks_before = int(before_note.split()[0])

    # The convener makes a link for the partner's contact (its address shown once).
    made = httpx.post(
        f"{server}/v1/contacts/{contact}/links",
        json={"purpose": "temperature_check", "expires_in_days": 7},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert made.status_code == 201, made.text

    # The partner, on a phone, no key: keyboard only, 5 of 5 and a comment.
    partner = browser.new_page(viewport=NARROW)
    partner.set_default_timeout(15_000)
    partner.goto(made.json()["url"])
    expect(partner.get_by_role("heading", name="How is the partnership going?")).to_be_visible()
    expect(partner.locator(".muted.small-print")).to_contain_text(PARTNER)
    for _ in range(15):
        if partner.evaluate("document.activeElement.name") == "satisfaction":
            break
        partner.keyboard.press("Tab")
    partner.keyboard.press("Space")
    for _ in range(4):
        partner.keyboard.press("ArrowRight")
    expect(partner.locator("input[name=satisfaction][value='5']")).to_be_checked()
    partner.keyboard.press("Tab")
    partner.keyboard.type("The interns were a real help this autumn.")
    partner.keyboard.press("Tab")
    partner.keyboard.press("Enter")
    expect(partner.get_by_role("heading", name=re.compile("^Thank you"))).to_be_visible()
    shoot(partner, "outcomes-partner-answered")
    partner.close()

    # The convener: the check-in is answered, so gone from the list...
    convener.get_by_role("link", name="Check-ins", exact=True).click()
    convener.get_by_label("What").select_option("no_recent_check")
    convener.get_by_role("button", name="Apply").click()
    expect(convener.locator("li.checkin").first).to_be_visible()
    expect(convener.locator("li.checkin", has_text=PARTNER)).to_have_count(0)
    # ...and counted on the dashboard: one check more, this month.
    convener.get_by_role("link", name="Outcomes", exact=True).click()
    after_note, after_month = _satisfaction(convener)
    assert int(after_note.split()[0]) == checks_before + 1, (before_note, after_note)
    assert after_month == before_month + 1
    convener.set_viewport_size(NARROW)
    shoot(convener, "outcomes-after-answer")
    # The partner page has the answer, with its comment.
    convener.goto(f"{server}/ui/partners/{_partner_id(demo_db)}")
    expect(convener.locator("#checks")).to_contain_text("The interns were a real help")
    convener.close()


def _partner_id(db: Database) -> int:
    with db.sessionmaker() as session:
        found = session.scalar(select(Organization.id).where(Organization.name == PARTNER))
    assert found is not None
    return found
