"""A date or a moment the API cannot read is a 422 naming the field and saying the format
(YYYY-MM-DD, or ISO 8601 with a time zone), quoting what was sent cut short; in bodies of every
resource that holds one and in query strings alike, on both databases (issue 24)."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.schemas import QUOTED_CHARS, quoted
from tests.helpers import bodies, post, stored_chain

DATE = "must be a date written YYYY-MM-DD"
MOMENT = "must be a date and time written in ISO 8601, such as 2027-03-15T09:30:00Z"
US_DAY = "03/15/2027"


def refused(response: Any, field: str, location: str = "body") -> str:
    """The one error's message, after checking it is a 422 problem naming `field`."""
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert (error["field"], error["location"]) == (field, location)
    assert error["message"] in response.json()["detail"]
    return str(error["message"])


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("needs", "starts_on"),
        ("needs", "ends_on"),
        ("engagements", "starts_on"),
        ("agreements", "starts_on"),
        ("agreements", "ends_on"),
    ],
)
def test_a_date_in_another_format_says_the_format(
    client: TestClient, admin: dict[str, str], path: str, field: str
) -> None:
    body = bodies(stored_chain(client, admin))[path] | {field: US_DAY}
    response = client.post(f"/v1/{path}", json=body, headers=admin)
    assert refused(response, field) == f"{DATE} (got '03/15/2027')"


def test_a_hold_and_a_change_of_dates_say_the_format_too(
    client: TestClient, admin: dict[str, str]
) -> None:
    chain = stored_chain(client, admin)
    hold = {"organization_id": chain["organization"]["id"], "until": "15.03.2027", "reason": "x"}
    response = client.post("/v1/holds", json=hold, headers=admin)
    assert refused(response, "until") == f"{DATE} (got '15.03.2027')"
    need = chain["need"]["id"]
    response = client.patch(f"/v1/needs/{need}", json={"ends_on": "Aug 15"}, headers=admin)
    assert refused(response, "ends_on") == f"{DATE} (got 'Aug 15')"


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        (20270315, f"{DATE} (got 20270315)"),
        ("0", f"{DATE} (got '0')"),  # never read as seconds since 1970
        ("2027-03-15T00:00:00", f"{DATE} (got '2027-03-15T00:00:00')"),
        ("2026-02-30", f"{DATE} (day value is outside expected range; got '2026-02-30')"),
    ],
)
def test_numbers_and_impossible_days_are_refused_with_the_format(
    client: TestClient, admin: dict[str, str], sent: object, expected: str
) -> None:
    body = bodies(stored_chain(client, admin))["needs"] | {"starts_on": sent}
    response = client.post("/v1/needs", json=body, headers=admin)
    assert refused(response, "starts_on") == expected


def test_a_query_date_says_the_format(client: TestClient, admin: dict[str, str]) -> None:
    for path in ("/v1/outcomes", "/v1/outcomes.csv"):
        response = client.get(f"{path}?from={US_DAY}", headers=admin)
        assert refused(response, "from", "query") == f"{DATE} (got '03/15/2027')"


def test_huge_input_is_quoted_cut_short(client: TestClient, admin: dict[str, str]) -> None:
    body = bodies(stored_chain(client, admin))["needs"] | {"starts_on": "9" * 50_000}
    response = client.post("/v1/needs", json=body, headers=admin)
    message = refused(response, "starts_on")
    assert message == f"{DATE} (got '{'9' * QUOTED_CHARS}…')"
    assert len(response.text) < 1000


@pytest.mark.parametrize(
    ("path", "field", "sent", "expected"),
    [
        ("interviews", "conducted_at", "03/15/2027 10:00", f"{MOMENT} (got '03/15/2027 10:00')"),
        ("engagements", "asked_at", "1700000000", f"{MOMENT} (got '1700000000')"),
        (
            "temperature-checks",
            "checked_at",
            "2026-11-01T10:00:00",
            f"{MOMENT} or 2027-03-15T09:30:00-05:00, with its time zone "
            "(got '2026-11-01T10:00:00')",
        ),
    ],
)
def test_a_moment_in_another_format_says_iso_8601(
    client: TestClient, admin: dict[str, str], path: str, field: str, sent: str, expected: str
) -> None:
    body = bodies(stored_chain(client, admin))[path] | {field: sent}
    response = client.post(f"/v1/{path}", json=body, headers=admin)
    assert refused(response, field) == expected


def test_dates_written_right_are_still_taken(client: TestClient, admin: dict[str, str]) -> None:
    chain = stored_chain(client, admin)
    body = bodies(chain)["needs"] | {"starts_on": "2027-03-15", "ends_on": "2027-04-01"}
    assert post(client, admin, "needs", body)["starts_on"] == "2027-03-15"
    check = bodies(chain)["temperature-checks"] | {"checked_at": "2026-11-01T10:00:00+02:00"}
    assert post(client, admin, "temperature-checks", check)["checked_at"].startswith(
        "2026-11-01T08:00:00"
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("03/15/2027", "'03/15/2027'"),
        ("x" * 41, f"'{'x' * 40}…'"),
        (None, "null"),
        (True, "true"),
        ([1] * 30, "[" + "1, " * 13 + "…"),
    ],
)
def test_quoted_values_are_short(value: object, shown: str) -> None:
    assert quoted(value) == shown
