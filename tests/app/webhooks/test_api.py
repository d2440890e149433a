"""The webhook endpoint routes: the secret shown once, bad input, roles, listing, deleting."""

import base64
from typing import Any

from fastapi.testclient import TestClient

from app.auth.models import Role
from tests.app.webhooks.conftest import Subscribe
from tests.conftest import AuthFor

URL = "https://crm.example/hooks/partner-match"


def test_the_secret_is_shown_only_at_creation(client: TestClient, convener: dict[str, str]) -> None:
    created = client.post(
        "/v1/webhooks",
        json={"url": URL, "events": ["need.filled", "engagement.created", "need.filled"]},
        headers=convener,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["Location"] == f"/v1/webhooks/{body['id']}"
    assert body["url"] == URL
    assert body["events"] == ["need.filled", "engagement.created"]  # duplicates dropped
    assert body["active"] is True
    assert body["disabled_at"] is None
    secret = body["secret"]
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32

    again = client.post(
        "/v1/webhooks", json={"url": URL, "events": ["need.filled"]}, headers=convener
    )
    assert again.json()["secret"] != secret  # each endpoint its own

    got = client.get(f"/v1/webhooks/{body['id']}", headers=convener)
    assert got.status_code == 200
    assert got.json() == {k: v for k, v in body.items() if k != "secret"}
    listed = client.get("/v1/webhooks", headers=convener).json()
    assert [item["id"] for item in listed["items"]] == [body["id"], again.json()["id"]]
    assert listed["next_cursor"] is None
    assert secret not in client.get("/v1/webhooks", headers=convener).text
    assert all("secret" not in item for item in listed["items"])


def test_endpoints_list_by_cursor(client: TestClient, convener: dict[str, str]) -> None:
    ids = [
        client.post(
            "/v1/webhooks", json={"url": URL, "events": ["need.filled"]}, headers=convener
        ).json()["id"]
        for _ in range(3)
    ]
    first = client.get("/v1/webhooks?limit=2", headers=convener).json()
    assert [i["id"] for i in first["items"]] == ids[:2]
    rest = client.get(f"/v1/webhooks?limit=2&cursor={first['next_cursor']}", headers=convener)
    assert [i["id"] for i in rest.json()["items"]] == ids[2:]
    assert rest.json()["next_cursor"] is None


BAD_INPUT: list[tuple[dict[str, Any], str]] = [
    ({"url": "ftp://crm.example/hooks", "events": ["need.filled"]}, "url"),
    ({"url": "crm.example/hooks", "events": ["need.filled"]}, "url"),
    ({"url": "https://", "events": ["need.filled"]}, "url"),
    ({"url": "https://crm.example/a b", "events": ["need.filled"]}, "url"),
    ({"url": "https://crm.example/" + "x" * 2048, "events": ["need.filled"]}, "url"),
    ({"url": "https://crm.example:70000/", "events": ["need.filled"]}, "url"),
    ({"events": ["need.filled"]}, "url"),
    ({"url": URL, "events": []}, "events"),
    ({"url": URL}, "events"),
    ({"url": URL, "events": ["need.created"]}, "events[0]"),
    ({"url": URL, "events": ["need.filled", "*"]}, "events[1]"),
    ({"url": URL, "events": "need.filled"}, "events"),
    ({"url": URL, "events": ["need.filled"], "secret": "whsec_mine"}, "secret"),
]


def test_bad_input_is_422_naming_the_field(client: TestClient, convener: dict[str, str]) -> None:
    # One app for all the cases: building an app costs more than the requests.
    for body, field in BAD_INPUT:
        response = client.post("/v1/webhooks", json=body, headers=convener)
        assert response.status_code == 422, (body, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert [e["field"] for e in response.json()["errors"]] == [field], body
    assert client.get("/v1/webhooks", headers=convener).json()["items"] == []


def test_everyone_but_admins_gets_403(
    client: TestClient, auth: AuthFor, subscribe: Subscribe
) -> None:
    hook = subscribe(URL)
    for role in (Role.viewer, Role.recruiter, Role.convener):
        for method, path in [
            ("POST", "/v1/webhooks"),
            ("GET", "/v1/webhooks"),
            ("GET", f"/v1/webhooks/{hook['id']}"),
            ("GET", f"/v1/webhooks/{hook['id']}/deliveries"),
            ("DELETE", f"/v1/webhooks/{hook['id']}"),
        ]:
            body = {"url": URL, "events": ["need.filled"]} if method == "POST" else None
            response = client.request(method, path, json=body, headers=auth(role))
            assert response.status_code == 403, (role, method, path)
            assert response.json()["detail"].startswith("this action needs the admin role")
    assert client.get("/v1/webhooks").status_code == 401


def test_admins_may_do_what_conveners_do(client: TestClient, admin: dict[str, str]) -> None:
    created = client.post(
        "/v1/webhooks", json={"url": URL, "events": ["need.filled"]}, headers=admin
    )
    assert created.status_code == 201
    assert client.delete(f"/v1/webhooks/{created.json()['id']}", headers=admin).status_code == 204


def test_delete_and_unknown_ids(
    client: TestClient, convener: dict[str, str], subscribe: Subscribe
) -> None:
    hook = subscribe(URL)
    assert client.delete(f"/v1/webhooks/{hook['id']}", headers=convener).status_code == 204
    for path in (f"/v1/webhooks/{hook['id']}", f"/v1/webhooks/{hook['id']}/deliveries"):
        missing = client.get(path, headers=convener)
        assert missing.status_code == 404
        assert missing.json()["detail"] == f"webhook {hook['id']} does not exist"
    assert client.delete(f"/v1/webhooks/{hook['id']}", headers=convener).status_code == 404
