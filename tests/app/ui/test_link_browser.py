"""A partner answers a temperature check through a self-service link in Debian's chromium on a
390 px wide screen, with the keyboard alone and no API key: a first try without a rating is
shown back with the message by its field, the answer is stored for the partner, and the link
then says plainly that it was used. The form's screenshot goes to docs/ for the docs pages."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from app.auth.models import Role
from app.auth.service import create_key
from app.config import Settings
from app.db import Database
from app.interviews.models import TemperatureCheck
from app.main import create_app
from tests.app.ui.test_browser import NARROW, browser, shoot  # noqa: F401 - the fixture
from tests.helpers import served, stored_chain

DOCS = Path(__file__).resolve().parents[3] / "docs"

pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)


@pytest.fixture
def server(db: Database) -> Iterator[str]:
    settings = Settings(database_url=db.url, embedder="tfidf", webhook_worker=False)
    with served(create_app(settings, db=db)) as url:
        yield url


def _tab_to(page: Page, selector: str, limit: int = 15) -> None:
    """Press Tab until `selector` has the focus (the order a keyboard user meets things)."""
    for _ in range(limit):
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_a_partner_answers_a_temperature_check_on_a_phone(
    server: str,
    db: Database,
    browser: Browser,  # noqa: F811 - the fixture
) -> None:
    with db.sessionmaker.begin() as session:
        _, key = create_key(session, "Maya Chen (convener)", Role.convener)
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=server, headers=headers) as api:
        # httpx.Client makes the same calls as the TestClient the helper is typed for.
        chain = stored_chain(api, headers)  # type: ignore[arg-type]
        made = api.post(
            f"/v1/contacts/{chain['contact']['id']}/links",
            json={"purpose": "temperature_check", "expires_in_days": 7},
        )
    assert made.status_code == 201, made.text
    url = made.json()["url"]

    page = browser.new_page(viewport=NARROW)
    page.set_default_timeout(15_000)
    page.goto(url)
    expect(page.get_by_role("heading", name="How is the partnership going?")).to_be_visible()
    expect(page.locator(".lead")).to_contain_text("Hello Dana.")

    # Sent without a rating: the form comes back, the message by its field, the comment kept.
    _tab_to(page, "textarea[name=comment]")
    page.keyboard.type("Students came prepared")
    _tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#f-satisfaction-error")).to_contain_text("Required")
    comment = page.get_by_label("Anything you would like us to know? (optional)")
    expect(comment).to_have_value("Students came prepared")

    # The link still works after a refused try. Keyboard only: into the 1-5 scale, pick 4
    # with the arrow keys, a comment, send.
    page.goto(url)
    _tab_to(page, "input[name=satisfaction]")
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(page.locator("input[name=satisfaction][value='4']")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("Students came prepared; three asks in one month was a lot.")
    shoot(page, "partner-link")
    page.screenshot(path=DOCS / "partner-link-390.png", full_page=True)
    _tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Thank you, Dana")).to_be_visible()
    shoot(page, "partner-link-done")

    with db.sessionmaker() as session:
        [check] = session.scalars(select(TemperatureCheck)).all()
    assert check.satisfaction == 4
    assert check.organization_id == chain["organization"]["id"]
    assert (check.comment or "").startswith("Students came prepared")

    # The same link again: used, says so, and writes nothing.
    page.goto(url)
    expect(page.get_by_role("heading", name="This link has already been used")).to_be_visible()
    page.close()
