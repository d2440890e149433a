"""Saturation on the load answers, and the willing partners rarely asked, over the API."""

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from app.auth.models import Role
from tests.conftest import AuthFor
from tests.helpers import organization, post

NOW = datetime.now(UTC)


def test_load_answers_label_saturation_and_list_the_willing(
    client: TestClient, admin: dict[str, str]
) -> None:
    keen = post(client, admin, "organizations", organization(name="Keen Unasked Co"))["id"]
    busy = post(client, admin, "organizations", organization(name="Busy Co"))["id"]
    shy = post(client, admin, "organizations", organization(name="Shy Co"))["id"]
    for org, interest in ((keen, 5), (busy, 5), (shy, 2)):
        post(
            client,
            admin,
            "interviews",
            {
                "organization_id": org,
                "interest_level": interest,
                "conducted_at": (NOW - timedelta(days=10)).isoformat(),
                "capacity_hours_per_month": 10,
                "max_concurrent_engagements": 2,
            },
        )
    for n in range(10):
        post(
            client,
            admin,
            "engagements",
            {
                "organization_id": busy,
                "program": f"P{n % 3}",
                "engagement_type": "mentoring",
                "status": "declined",
                "asked_at": (NOW - timedelta(days=n + 1)).isoformat(),
            },
        )

    items = client.get("/v1/partners/load?sort=name", headers=admin).json()["items"]
    by_name = {i["name"]: i["saturation"] for i in items}
    assert by_name["Busy Co"]["label"] == "saturated"
    assert "asked 3 or more times a month" in by_name["Busy Co"]["reason"]
    assert by_name["Keen Unasked Co"]["label"] == "undersaturated"
    assert by_name["Keen Unasked Co"]["reason"].startswith("undersaturated: 0 asks in 90 days")
    assert "undersaturated:" in by_name["Shy Co"]["rule"]
    one = client.get(f"/v1/organizations/{busy}/load", headers=admin).json()
    assert one["load"]["saturation"]["label"] == "saturated"

    willing = client.get("/v1/partners/willing", headers=admin).json()
    assert [w["name"] for w in willing["items"]] == ["Keen Unasked Co"]
    first = willing["items"][0]
    assert (first["interest_level"], first["asks"], first["hours_left"]) == (5, 0, 29.57)
    assert "approach directly" in first["reason"]
    assert "interest 4 or more" in willing["rule"]
    assert client.get("/v1/partners/willing?region=Nowhere", headers=admin).json()["items"] == []


def test_willing_roles_and_bad_input(client: TestClient, auth: AuthFor) -> None:
    assert client.get("/v1/partners/willing").status_code == 401
    viewer = auth(Role.viewer)
    assert client.get("/v1/partners/willing", headers=viewer).status_code == 200
    for query, field in (
        ("limit=0", "limit"),
        ("window_days=0", "window_days"),
        ("kind=robot", "kind"),
        ("extra=1", "extra"),
    ):
        answer = client.get(f"/v1/partners/willing?{query}", headers=viewer)
        assert answer.status_code == 422, query
        assert answer.json()["errors"][0]["field"] == field
