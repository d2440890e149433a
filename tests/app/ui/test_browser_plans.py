"""A convener steers a recruitment plan on the page alone, in a real browser (Debian's
chromium, headless) on a 390 px phone screen: runs a plan for one program, locks one ask,
asks an alternate instead of another, drops a third and considers it again, each solving the
rest again and saying what changed; marks it reviewed, reads what committing will ask, and
commits. A recruiter sees the plan without the controls. No step scrolls sideways."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from app.auth.models import Role
from app.auth.service import create_key
from app.db import Database
from tests.app.ui.test_browser import NARROW, browser, server, shoot

__all__ = ["browser", "server"]  # fixtures, used by name

PROGRAM = "Carver City Schools Software Academy"

pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)


def login(page: Page, server: str, key: str, path: str) -> None:
    page.goto(f"{server}/ui/login?next={path}")
    page.get_by_label("API key").fill(key)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))


def cards(page: Page) -> list[str]:
    """The partners asked, as 'need id/partner name' (one per assignment card)."""
    out = []
    for card in page.locator("li.assignment:not(.dropped)").all():
        need = (card.get_attribute("id") or "").split("-")[1]
        out.append(f"{need}/{card.locator('.a-head a').inner_text()}")
    return out


def test_a_convener_makes_steers_and_commits_a_plan_on_the_page(
    server: str, demo_db: Database, browser: Browser
) -> None:
    with demo_db.sessionmaker.begin() as session:
        _, key = create_key(session, "Dana Okafor", Role.convener)
        _, reader = create_key(session, "Ana Ruiz", Role.recruiter)
    page = browser.new_page(viewport=NARROW)
    page.set_default_timeout(20_000)
    login(page, server, key, "/ui/plans")

    # Choose a program; weak fits allowed so each ask has alternates to steer with.
    page.get_by_label("Program", exact=True).select_option(PROGRAM)
    page.get_by_label(re.compile("Allow weak fits")).check()
    shoot(page, "plans-form")
    page.get_by_role("button", name="Run the plan").click()
    expect(page).to_have_url(re.compile(r"/ui/plans/\d+$"))
    plan_url = page.url
    expect(page.get_by_role("heading", name=re.compile(r"^Plan \d+ \(draft\)"))).to_be_visible()
    asked = cards(page)
    assert len(asked) >= 3, asked
    expect(page.locator("#summary")).to_contain_text(re.compile(r"\d+ asks? of \d+ partners?"))
    shoot(page, "plan")

    # Lock the first ask: it stays, marked, and nothing else had to move.
    first = page.locator("li.assignment").first
    first_id = first.get_attribute("id")
    first.get_by_role("button", name="Lock").click()
    expect(page.locator("#changes")).to_contain_text("Solved again")
    locked = page.locator(f"#{first_id}")
    expect(locked.locator(".badge.locked")).to_have_text("locked")
    expect(locked.get_by_role("button", name="Unlock")).to_be_visible()

    # Ask an alternate instead of an unlocked ask: the page names who is out and who is in.
    other = (
        page.locator("li.assignment:not(.dropped)", has=page.locator("select"))
        .filter(has_not=page.locator(".badge.locked"))
        .first
    )
    was = other.locator(".a-head a").inner_text()
    choice = other.locator("select")
    instead = choice.locator("option").first.inner_text().rsplit(" (", 1)[0]
    other.get_by_role("button", name="Ask instead").click()
    changes = page.locator("#changes")
    expect(changes).to_contain_text(f"{was} no longer asked")
    expect(changes).to_contain_text(f"{instead} asked")
    swapped = page.locator("li.assignment", has=page.get_by_role("link", name=instead, exact=True))
    expect(swapped.first.locator(".badge.locked")).to_be_visible()
    shoot(page, "plan-steered")

    # Drop an ask: it is listed as left out by the convener, and can be considered again.
    drop = (
        page.locator("li.assignment:not(.dropped)")
        .filter(has_not=page.locator(".badge.locked"))
        .first
    )
    dropped = drop.locator(".a-head a").inner_text()
    drop.get_by_role("button", name="Drop").click()
    expect(page.locator("#changes")).to_contain_text(f"{dropped} no longer asked")
    # (the partner swapped out is left out too: a swap is a drop and a lock)
    left_out = page.locator("li.assignment.dropped")
    expect(left_out).to_have_count(2)
    expect(left_out.filter(has_text=was)).to_have_count(1)
    left_out.filter(has_text=dropped).get_by_role("button", name="Consider again").click()
    expect(page.locator("li.assignment.dropped")).to_have_count(1)

    # Review, then commit: the summary said how many asks, and that many are made.
    page.get_by_role("button", name="Mark reviewed").click()
    expect(page.get_by_role("heading", name=re.compile(r"\(reviewed\)"))).to_be_visible()
    summary = page.locator("#summary").inner_text()
    asks = int(re.search(r"(\d+) asks? of", summary).group(1))  # type: ignore[union-attr]
    page.get_by_role("button", name="Commit the plan").click()
    expect(page.locator("#committed")).to_have_text(f"Committed: {asks} asks made.")
    expect(page.get_by_role("heading", name=re.compile(r"\(committed\)"))).to_be_visible()
    expect(page.get_by_role("button", name="Drop")).to_have_count(0)
    shoot(page, "plan-committed")

    # A recruiter reads the same plan, with no controls.
    reader_page = browser.new_page(viewport=NARROW)
    reader_page.set_default_timeout(20_000)
    path = plan_url.split(server, 1)[1]
    login(reader_page, server, reader, path)
    expect(reader_page.locator("li.assignment").first).to_be_visible()
    expect(reader_page.get_by_role("button", name="Lock")).to_have_count(0)
    expect(reader_page.get_by_role("button", name="Commit the plan")).to_have_count(0)
