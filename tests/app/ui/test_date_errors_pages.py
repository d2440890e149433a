"""The pages' forms say a date's format as the API does (issue 24): a date typed another way is
shown by its box with "must be a date written YYYY-MM-DD (got ...)", a date box that fills a
moment (an interview's, a check's) included, and nothing is written."""

from html import unescape

from fastapi.testclient import TestClient

from app.auth.models import Role
from app.db import Database
from tests.app.ui.conftest import LoginAs
from tests.app.ui.html import Page
from tests.app.ui.test_pages import NEED_FIELDS, is_page
from tests.helpers import organization, post

FORMAT = "must be a date written YYYY-MM-DD (got '03/15/2027')"


def test_the_need_form_says_the_format(login_as: LoginAs, db: Database) -> None:
    fields = NEED_FIELDS | {"program": "High Desert Welding", "hours_per_partner": "8",
                            "slots": "2", "starts_on": "03/15/2027"}  # fmt: skip
    response = login_as(Role.recruiter).post("/ui/needs", data=fields)
    assert is_page(response, 422)
    page = Page(response.text)
    assert FORMAT in page.text("f-starts_on-error")
    assert page.attrs["f-starts_on"]["value"] == "03/15/2027"


def test_the_partner_page_forms_say_the_format(
    client: TestClient, admin: dict[str, str], login_as: LoginAs
) -> None:
    org = post(client, admin, "organizations", organization())["id"]
    page = login_as(Role.convener)
    path = f"/ui/partners/{org}"
    for form, box, data in [
        ("hold", "until", {"until": "03/15/2027", "reason": "Busy"}),
        ("agreement", "starts_on", {"starts_on": "03/15/2027", "ends_on": "2027-08-01"}),
        # The API's field is a moment (conducted_at, checked_at); the box holds a day.
        ("interview", "conducted_on", {"interest_level": "4", "conducted_on": "03/15/2027"}),
        ("check", "checked_on", {"satisfaction": "4", "checked_on": "03/15/2027"}),
    ]:
        action = {"hold": "holds", "agreement": "agreements", "interview": "interviews",
                  "check": "temperature-checks"}[form]  # fmt: skip
        response = page.post(f"{path}/{action}", data=data)
        assert response.status_code == 422, (form, response.text)
        assert FORMAT in Page(response.text).text(f"{form}-{box}-error"), form


def test_the_outcomes_page_says_the_format(login_as: LoginAs, db: Database) -> None:
    response = login_as(Role.viewer).get("/ui/outcomes?from=03/15/2027")
    assert is_page(response, 422)
    assert f"from: {FORMAT}" in unescape(response.text)
