"""The pages in a real browser: Debian's chromium, headless, driven by Playwright, against the
app served by uvicorn over the demo data. A recruiter logs in with the keyboard, sees the demo's
heavy hitters flagged, opens one, finds partners for a need, records an ask and sees that
partner's load go up. Screenshots at 1280 and 390 px wide go to test-output/ for a person to
look at (the docs' come from here).

The browser is never downloaded: `make test` installs Debian's chromium when it is missing.
Without it these tests fail, unless SKIP_BROWSER_TESTS=1 says to skip them on purpose.
"""

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright

from app.auth.models import Role
from app.auth.service import create_key
from app.config import Settings
from app.db import Database
from app.main import create_app
from app.matches.index import embed_all
from matching.embeddings import make_embedder
from tests.helpers import served

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
OUT = Path(__file__).resolve().parents[3] / "test-output"
WIDE: ViewportSize = {"width": 1280, "height": 900}
NARROW: ViewportSize = {"width": 390, "height": 844}
HEAVY = ["Meridian Health System", "Castellan Aerostructures", "Riverbend Community College",
         "Kestrel Cloud Systems", "Sunridge Power & Light", "Tidewater Construction Group",
         "Larkspur Biologics"]  # fmt: skip
NEED = "Spring job-shadow days for Health Academy juniors"
# TF-IDF keeps the run fast; UI_TEST_EMBEDDER=minilm ranks with the real model (the docs'
# screenshots were taken so).
EMBEDDER = os.environ.get("UI_TEST_EMBEDDER", "tfidf")

# The flow is one story on one database; SQLite is enough (the pages' PostgreSQL runs are in
# test_pages.py).
pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)


@pytest.fixture
def server(demo_db: Database) -> Iterator[str]:
    """The app over the demo data, served by uvicorn on 127.0.0.1 in a thread."""
    settings = Settings(database_url=demo_db.url, embedder=EMBEDDER, webhook_worker=False)
    embedder = make_embedder(EMBEDDER)
    embed_all(demo_db, embedder)  # as `make demo` does before it serves (TF-IDF stores none)
    with served(create_app(settings, db=demo_db, embedder=embedder)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if os.environ.get("SKIP_BROWSER_TESTS") == "1":
        pytest.skip("SKIP_BROWSER_TESTS=1: browser tests skipped on purpose")
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: `make test` installs Debian's chromium "
            "(apt-get install chromium); set SKIP_BROWSER_TESTS=1 to skip these tests"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


UNLABELLED = """[...document.querySelectorAll('input, select, textarea')]
    .filter(e => e.type !== 'hidden' && e.labels.length === 0 && !e.getAttribute('aria-label'))
    .map(e => e.name)"""


def shoot(page: Page, name: str) -> None:
    """A full-page screenshot at the page's current width; no sideways scrolling, and a label
    on every form field."""
    assert page.evaluate(UNLABELLED) == [], f"{name} has form fields without a label"
    OUT.mkdir(exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=OUT / f"{name}-{width}.png", full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than the {width}px window"


def both_widths(page: Page, name: str) -> None:
    shoot(page, name)
    page.set_viewport_size(NARROW)
    shoot(page, name)
    page.set_viewport_size(WIDE)


def test_recruiter_finds_partners_and_records_an_ask(
    server: str, demo_db: Database, browser: Browser
) -> None:
    with demo_db.sessionmaker.begin() as session:
        _, key = create_key(session, "Ana Ruiz", Role.recruiter)
    page = browser.new_page(viewport=WIDE)
    page.set_default_timeout(15_000)

    # Not logged in: the load page sends to the login form, which has the focus. Keyboard only.
    page.goto(f"{server}/ui/load?sort=-risk")
    expect(page).to_have_url(re.compile(r"/ui/login\?next="))
    shoot(page, "login")
    for _ in range(10):  # whatever has the focus first, Tab reaches the key's box
        if page.evaluate("document.activeElement && document.activeElement.id") == "f-api_key":
            break
        page.keyboard.press("Tab")
    page.keyboard.type(key)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/ui/load\?sort=-risk$"))

    # The load page: the first Tab reaches "Skip to content", which moves the focus past the
    # navigation; the seven heavy hitters are flagged critical, in words.
    expect(page.get_by_role("heading", name="Partner load", level=1)).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    for name in HEAVY:
        row = page.locator("tr", has=page.get_by_role("link", name=name, exact=True))
        expect(row.locator(".risk")).to_have_text(re.compile(r"^critical"))
    expect(page.get_by_role("img", name="Lorenz curve of asks")).to_be_visible()
    both_widths(page, "load")

    # Filter by kind with the GET form: only colleges remain.
    page.get_by_label("Kind").select_option("college")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"kind=college"))
    kinds = page.locator("table.load tbody .kind").all_inner_texts()
    assert kinds
    assert set(kinds) == {"college"}
    page.get_by_role("link", name="Clear").click()

    # One heavy hitter's page: reasons, timeline, who asked.
    page.get_by_role("link", name="Meridian Health System", exact=True).click()
    expect(page.get_by_role("heading", name="Why critical risk")).to_be_visible()
    expect(page.get_by_role("img", name="Asks, hours and satisfaction per month")).to_be_visible()
    expect(page.get_by_role("heading", name="Who asked (12 months)")).to_be_visible()
    both_widths(page, "partner")

    # The needs list, then the need: ranked partners with room.
    page.get_by_role("link", name="Needs", exact=True).click()
    expect(page.get_by_role("heading", name="Needs", level=1)).to_be_visible()
    shoot(page, "needs")
    page.get_by_role("link", name=NEED).click()
    expect(page.get_by_role("heading", name=f"Find partners: {NEED}")).to_be_visible()
    first = page.locator("li.match").first
    partner = first.locator("h3").inner_text()
    before = int(first.locator(".asks").get_attribute("data-asks") or "-1")
    both_widths(page, "find-partners")

    # Record an ask of the best partner, from the keyboard; the page comes back with its load.
    first.get_by_role("button", name=re.compile("Record an ask")).focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"asked=\d+.*#asked$"))
    banner = page.locator("#asked")
    expect(banner).to_contain_text(partner)
    expect(page.locator("#asks-after")).to_have_text(str(before + 1))
    expect(banner).to_contain_text(f"(was {before})")
    shoot(page, "ask-recorded")

    # The partner's own page says the same.
    banner.get_by_role("link", name=partner).click()
    expect(page.locator("#asks")).to_have_text(str(before + 1))

    # Free-text search.
    page.get_by_role("link", name="Find partners", exact=True).click()
    page.get_by_label("What is needed").fill("welding instructors for an evening class")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("li.match").first).to_be_visible()
    both_widths(page, "search")

    # A new need with mistakes: each message sits by its field; what was typed stays.
    page.goto(f"{server}/ui/needs/new")
    page.get_by_label("Title").fill("Welding certification judges")
    page.get_by_label("Partners needed").fill("0")
    page.get_by_role("button", name="Create need").click()
    expect(page.locator("#f-slots-error")).to_contain_text("greater than or equal to 1")
    expect(page.locator("#f-program-error")).to_contain_text("Required")
    expect(page.get_by_label("Title")).to_have_value("Welding certification judges")
    page.set_viewport_size(NARROW)
    shoot(page, "need-form-errors")
    page.close()


def test_a_filled_need_says_so_on_its_page(
    server: str, demo_db: Database, browser: Browser
) -> None:
    with demo_db.sessionmaker.begin() as session:
        _, key = create_key(session, "Ana Ruiz", Role.recruiter)
    page = browser.new_page(viewport=WIDE)
    page.set_default_timeout(15_000)
    page.goto(f"{server}/ui/needs?status=filled")  # sent to the login form first
    page.fill("#f-api_key", key)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/ui/needs\?status=filled$"))
    rows = page.locator("table tbody tr")
    expect(rows.first).to_contain_text("filled")
    rows.first.locator("a").first.click()
    slots = page.locator("dt:text('Slots') + dd")
    expect(slots).to_contain_text("0 open of")
    expect(slots).to_contain_text("(filled)")
    expect(page.locator("body")).to_contain_text("this need has no open slots (filled")
    both_widths(page, "need-filled")
