"""Bad input of every kind: 4xx problem+json naming the field at fault, and nothing written."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.db import Database
from app.models import Base
from tests.helpers import bodies, stored_chain


def row_counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in Base.metadata.sorted_tables
        }


CASES: list[tuple[str, str, Any, int, str]] = [
    # (resource, field to spoil, bad value, status, field named in the answer)
    ("interviews", "interest_level", 6, 422, "interest_level"),
    ("interviews", "interest_level", 0, 422, "interest_level"),
    ("interviews", "interest_level", "very", 422, "interest_level"),
    ("interviews", "capacity_hours_per_month", -1, 422, "capacity_hours_per_month"),
    ("interviews", "conducted_at", "2026-10-01T14:00:00", 422, "conducted_at"),  # no zone
    ("interviews", "engagement_types", ["internship_host", "karaoke"], 422, "engagement_types[1]"),
    ("interviews", "organization_id", 987654, 422, "organization_id"),
    ("interviews", "contact_id", 987654, 422, "contact_id"),
    ("organizations", "kind", "robot", 422, "kind"),
    ("organizations", "name", "", 422, "name"),
    ("organizations", "name", "   ", 422, "name"),
    ("organizations", "name", "x" * 255 + " ", 422, "name"),  # limits apply to what was sent
    ("organizations", "name", "nul\x00byte", 422, "name"),
    ("organizations", "sectors", "energy", 422, "sectors"),
    ("organizations", "unexpected", 1, 422, "unexpected"),
    ("needs", "slots", 0, 422, "slots"),
    ("needs", "engagement_type", "sleepover", 422, "engagement_type"),
    ("needs", "hours_per_partner", 1e300, 422, "hours_per_partner"),
    ("engagements", "need_id", 987654, 422, "need_id"),
    ("engagements", "status", "maybe", 422, "status"),
    (
        "engagements",
        "responded_at",
        "2026-11-01T09:00:00Z",
        422,
        "responded_at",
    ),  # before asked_at: named
    ("temperature-checks", "satisfaction", 9, 422, "satisfaction"),
    ("agreements", "ends_on", "2027-01-01", 422, "ends_on"),  # before starts_on: named
    ("contacts", "email", "not-an-email", 422, "email"),
]


@pytest.mark.parametrize(("path", "field", "value", "status", "named"), CASES)
def test_bad_field_is_named_and_nothing_is_written(
    client: TestClient,
    admin: dict[str, str],
    db: Database,
    path: str,
    field: str,
    value: Any,
    status: int,
    named: str,
) -> None:
    body = bodies(stored_chain(client, admin))[path] | {field: value}
    before = row_counts(db)
    response = client.post(f"/v1/{path}", json=body, headers=admin)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert problem["title"]
    assert problem["detail"]
    assert named in [e["field"] for e in problem["errors"]]
    assert row_counts(db) == before


def test_contact_from_another_organization_is_refused(
    client: TestClient, admin: dict[str, str], db: Database
) -> None:
    chain = stored_chain(client, admin)
    other = client.post(
        "/v1/organizations", json={"name": "Other", "kind": "college"}, headers=admin
    ).json()
    body = bodies(chain)["engagements"] | {"organization_id": other["id"]}
    before = row_counts(db)
    response = client.post("/v1/engagements", json=body, headers=admin)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "contact_id"
    assert row_counts(db) == before


def test_malformed_json_is_400(client: TestClient, admin: dict[str, str]) -> None:
    response = client.post(
        "/v1/organizations",
        content=b'{"name": "x", ',
        headers=admin | {"content-type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "body"


def test_oversized_body_is_413_unread(client: TestClient, admin: dict[str, str]) -> None:
    big = b'{"name": "' + b"x" * 2_000_000 + b'", "kind": "employer"}'
    response = client.post(
        "/v1/organizations", content=big, headers=admin | {"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"

    def chunks() -> Any:  # no Content-Length: counted as it streams
        yield b'{"name": "'
        for _ in range(40):
            yield b"x" * 50_000
        yield b'", "kind": "employer"}'

    streamed = client.post(
        "/v1/organizations", content=chunks(), headers=admin | {"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    assert client.get("/v1/organizations", headers=admin).json()["items"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("cursor=bm9wZQ", "cursor"),
        ("cursor=%25%25", "cursor"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("kind=robot", "kind"),
        ("colour=blue", "colour"),
    ],
)
def test_bad_list_query_names_the_parameter(
    client: TestClient, admin: dict[str, str], query: str, field: str
) -> None:
    response = client.get(f"/v1/organizations?{query}", headers=admin)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0] == {
        "field": field,
        "location": "query",
        "message": response.json()["errors"][0]["message"],
    }


@pytest.mark.parametrize(
    "path", ["/v1/organizations/0", "/v1/needs/abc", "/v1/contacts/99999999999"]
)
def test_bad_ids_are_422_not_500(client: TestClient, admin: dict[str, str], path: str) -> None:
    response = client.get(path, headers=admin)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "id"


def test_unknown_id_is_404(client: TestClient, admin: dict[str, str]) -> None:
    for method in ("GET", "PATCH", "DELETE"):
        response = client.request(
            method, "/v1/agreements/4242", headers=admin, json={} if method == "PATCH" else None
        )
        assert response.status_code == 404, method
        assert response.json()["detail"] == "agreement 4242 does not exist"


def test_errors_are_said_as_a_person_would_and_all_at_once(
    client: TestClient, admin: dict[str, str]
) -> None:
    blank = client.post("/v1/organizations", json={"name": "  ", "kind": "employer"}, headers=admin)
    assert blank.status_code == 422
    assert blank.json()["errors"] == [
        {"field": "name", "location": "body", "message": "must not be blank"}
    ]
    form = client.post(
        "/v1/organizations", data={"name": "Acme", "kind": "employer"}, headers=admin
    )
    assert form.status_code == 422
    assert "Content-Type: application/json" in form.json()["errors"][0]["message"]
    need = {"title": "Shadows", "program": "P", "engagement_type": "job_shadow", "slots": 0,
            "starts_on": "2027-06-10", "ends_on": "2027-06-01"}  # fmt: skip
    both = client.post("/v1/needs", json=need, headers=admin)
    assert both.status_code == 422
    assert {e["field"] for e in both.json()["errors"]} == {"slots", "ends_on"}


@pytest.mark.parametrize(
    ("website", "ok"),
    [("not a url", False), ("ftp://acme.example", False), ("https://", False),
     ("https://www.acme.example/about", True), ("www.acme.example", True)],
)  # fmt: skip
def test_a_website_must_be_a_web_address(
    website: str, ok: bool, client: TestClient, admin: dict[str, str]
) -> None:
    body = {"name": "Acme", "kind": "employer", "website": website}
    response = client.post("/v1/organizations", json=body, headers=admin)
    assert response.status_code == (201 if ok else 422), response.text
    if not ok:
        assert [e["field"] for e in response.json()["errors"]] == ["website"]


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/v1/needs", "GET, POST"),
        ("PUT", "/v1/needs/3", "DELETE, GET, PATCH"),
        ("POST", "/health", "GET"),
    ],
)
def test_a_method_a_route_lacks_is_refused_with_the_methods_it_has(
    client: TestClient, method: str, path: str, allow: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["allow"] == allow
