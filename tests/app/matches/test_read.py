"""POST /v1/needs/read: a need typed in words read into its fields, each with the words that
gave it, and the need form filled from them; nothing is stored."""

from fastapi.testclient import TestClient

from app.auth.models import Role
from app.db import Database
from tests.conftest import AuthFor


def test_a_typed_need_is_read_into_its_fields_with_their_words(
    client: TestClient, auth: AuthFor, demo_db: Database
) -> None:
    viewer = auth(Role.viewer)
    text = ("Paid accounting internship for community college students near Fairhaven, "
            "2 slots, 40 hours, starting March 2027")  # fmt: skip
    response = client.post("/v1/needs/read", json={"text": text}, headers=viewer)
    assert response.status_code == 200, response.text
    read = response.json()
    assert read["engagement_type"] == {"value": "internship_host", "words": "internship"}
    # "community college students" are who is served: the partner wanted is assumed, and said.
    assert read["served"] == ["community college students"]
    assert read["kinds_assumed"] is True
    assert read["partner_kinds"] == [{"value": "employer", "words": ""}]
    assert read["sectors"] == [{"value": "finance", "words": "accounting"}]
    assert read["region"] == {"value": "Central Valley", "words": "Fairhaven"}
    assert read["slots"]["value"] == 2
    assert read["hours"]["value"] == 40
    assert read["starts_on"]["value"] == "2027-03-01"
    draft = read["need"]
    assert draft["title"] == text[:80].rsplit(" ", 1)[0] + "…"
    assert (draft["engagement_type"], draft["region"], draft["slots"]) == (
        "internship_host", "Central Valley", 2)  # fmt: skip
    assert any(s.startswith("read as who is served") for s in read["said"])
    # The draft is a need the recruiter can save as it is (with a program).
    body = {k: v for k, v in draft.items() if v is not None} | {"program": "Valley Accounting"}
    saved = client.post("/v1/needs", json=body, headers=auth(Role.recruiter))
    assert saved.status_code == 201, saved.text


def test_reading_refuses_what_is_not_text(client: TestClient, admin: dict[str, str]) -> None:
    for body, field in (({"text": "   "}, "text"), ({}, "text"), ({"text": "x" * 5001}, "text"),
                        ({"text": "ok", "extra": 1}, "extra")):  # fmt: skip
        response = client.post("/v1/needs/read", json=body, headers=admin)
        assert response.status_code == 422, body
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["errors"][0]["field"] == field
    assert client.post("/v1/needs/read", json={"text": "a vet"}).status_code == 401
