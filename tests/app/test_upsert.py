"""Sync by CRM id: upsert and read by external id, references by the organization's CRM id,
ETags from the version column and writes refused (412) when If-Match is stale."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.auth.models import Role
from tests.conftest import AuthFor
from tests.helpers import organization, post


def _count(client: TestClient, headers: dict[str, str], path: str) -> int:
    return len(client.get(f"/v1/{path}", params={"limit": 100}, headers=headers).json()["items"])


def test_put_creates_then_replaces_by_external_id(
    client: TestClient, admin: dict[str, str]
) -> None:
    first = client.put(
        "/v1/organizations/external/sf-001", json=organization(name="Acme"), headers=admin
    )
    assert first.status_code == 201, first.text
    created = first.json()
    assert created["external_id"] == "sf-001"
    assert first.headers["Location"] == f"/v1/organizations/{created['id']}"
    assert first.headers["ETag"] == '"1"'

    # A replace: fields left out go back to their defaults, the id stays.
    second = client.put(
        "/v1/organizations/external/sf-001",
        json={"name": "Acme Tool & Die", "kind": "employer"},
        headers=admin,
    )
    assert second.status_code == 200, second.text
    replaced = second.json()
    assert replaced["id"] == created["id"]
    assert (replaced["name"], replaced["region"], replaced["sectors"]) == (
        "Acme Tool & Die",
        None,
        [],
    )
    assert second.headers["ETag"] == '"2"'
    assert _count(client, admin, "organizations") == 1

    got = client.get("/v1/organizations/external/sf-001", headers=admin)
    assert got.status_code == 200
    assert got.json()["name"] == "Acme Tool & Die"
    assert got.headers["ETag"] == '"2"'


def test_external_ids_may_hold_slashes(client: TestClient, admin: dict[str, str]) -> None:
    put = client.put("/v1/organizations/external/hs/0042", json=organization(), headers=admin)
    assert put.status_code == 201, put.text
    assert client.get("/v1/organizations/external/hs/0042", headers=admin).status_code == 200


def test_put_refuses_a_body_naming_another_external_id(
    client: TestClient, admin: dict[str, str]
) -> None:
    response = client.put(
        "/v1/organizations/external/sf-001",
        json=organization(external_id="sf-002"),
        headers=admin,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "external_id"
    assert _count(client, admin, "organizations") == 0


def test_unknown_external_id_is_404(client: TestClient, admin: dict[str, str]) -> None:
    response = client.get("/v1/needs/external/nope", headers=admin)
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]


def test_contacts_and_engagements_name_their_organization_by_crm_id(
    client: TestClient, admin: dict[str, str]
) -> None:
    org = post(client, admin, "organizations", organization(external_id="hub-7"))
    contact = client.put(
        "/v1/contacts/external/c-1",
        json={"organization_external_id": "hub-7", "name": "Dana Ortiz"},
        headers=admin,
    )
    assert contact.status_code == 201, contact.text
    assert contact.json()["organization_id"] == org["id"]
    assert contact.json()["organization_external_id"] == "hub-7"

    ask = post(
        client,
        admin,
        "engagements",
        {
            "organization_external_id": "hub-7",
            "program": "Welding Pathway",
            "engagement_type": "job_shadow",
        },
    )
    assert ask["organization_id"] == org["id"]
    assert ask["organization_external_id"] == "hub-7"

    # Plain ids still work, and reads show the organization's CRM id either way.
    by_id = post(client, admin, "contacts", {"organization_id": org["id"], "name": "Sam Lee"})
    assert by_id["organization_external_id"] == "hub-7"


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"name": "Dana"}, "organization_id", "organization_external_id"),
        ({"name": "Dana", "organization_external_id": "nope"}, "organization_external_id", "nope"),
    ],
)
def test_a_contact_needs_an_organization_that_exists(
    client: TestClient, admin: dict[str, str], body: dict[str, Any], field: str, words: str
) -> None:
    response = client.post("/v1/contacts", json=body, headers=admin)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field
    assert words in response.json()["detail"]
    assert _count(client, admin, "contacts") == 0


def test_both_references_must_agree(client: TestClient, admin: dict[str, str]) -> None:
    a = post(client, admin, "organizations", organization(external_id="a"))
    post(client, admin, "organizations", organization(external_id="b", name="Other"))
    response = client.post(
        "/v1/contacts",
        json={"organization_id": a["id"], "organization_external_id": "b", "name": "Dana"},
        headers=admin,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "organization_external_id"


def test_patch_moves_a_contact_by_the_new_organizations_crm_id(
    client: TestClient, admin: dict[str, str]
) -> None:
    a = post(client, admin, "organizations", organization(external_id="a"))
    b = post(client, admin, "organizations", organization(external_id="b", name="Other"))
    contact = post(client, admin, "contacts", {"organization_id": a["id"], "name": "Dana"})
    moved = client.patch(
        f"/v1/contacts/{contact['id']}", json={"organization_external_id": "b"}, headers=admin
    )
    assert moved.status_code == 200, moved.text
    assert (moved.json()["organization_id"], moved.json()["organization_external_id"]) == (
        b["id"],
        "b",
    )
    back = client.patch(
        f"/v1/contacts/{contact['id']}", json={"organization_id": a["id"]}, headers=admin
    )
    assert back.json()["organization_external_id"] == "a"


def test_stale_if_match_is_412_and_writes_nothing(
    client: TestClient, admin: dict[str, str]
) -> None:
    org = post(client, admin, "organizations", organization())
    url = f"/v1/organizations/{org['id']}"
    etag = client.get(url, headers=admin).headers["ETag"]

    first = client.patch(url, json={"name": "First"}, headers=admin | {"If-Match": etag})
    assert first.status_code == 200
    assert first.headers["ETag"] != etag

    # A second writer that read the same version loses, and the record keeps the first change.
    second = client.patch(url, json={"name": "Second"}, headers=admin | {"If-Match": etag})
    assert second.status_code == 412
    assert second.headers["content-type"] == "application/problem+json"
    assert client.get(url, headers=admin).json()["name"] == "First"

    stale_put = client.put(
        "/v1/organizations/external/x",
        json=organization(),
        headers=admin | {"If-Match": '"1"'},
    )
    assert stale_put.status_code == 412  # If-Match on a record that does not exist
    assert _count(client, admin, "organizations") == 1

    refused = client.delete(url, headers=admin | {"If-Match": etag})
    assert refused.status_code == 412
    current = client.get(url, headers=admin).headers["ETag"]
    assert client.delete(url, headers=admin | {"If-Match": current}).status_code == 204


def test_if_match_star_and_if_none_match_star(client: TestClient, admin: dict[str, str]) -> None:
    url = "/v1/needs/external/n-1"
    need = {"title": "Guest lectures", "engagement_type": "guest_instruction", "program": "IT"}
    assert client.put(url, json=need, headers=admin | {"If-Match": "*"}).status_code == 412
    assert client.put(url, json=need, headers=admin | {"If-None-Match": "*"}).status_code == 201
    again = client.put(url, json=need, headers=admin | {"If-None-Match": "*"})
    assert again.status_code == 412
    changed = need | {"slots": 4}
    replaced = client.put(url, json=changed, headers=admin | {"If-Match": "*"})
    assert replaced.status_code == 200
    assert replaced.json()["slots"] == 4


def test_upsert_needs_the_resources_write_role(client: TestClient, auth: AuthFor) -> None:
    body = {"title": "Guest lectures", "engagement_type": "guest_instruction", "program": "IT"}
    viewer = client.put("/v1/needs/external/n-1", json=body, headers=auth(Role.viewer))
    assert viewer.status_code == 403
    recruiter = client.put("/v1/needs/external/n-1", json=body, headers=auth(Role.recruiter))
    assert recruiter.status_code == 201
    org = client.put(
        "/v1/organizations/external/o", json=organization(), headers=auth(Role.recruiter)
    )
    assert org.status_code == 403


@pytest.mark.parametrize("form", ['"1"', "1", 'W/"1"', '"7", "1"'])
def test_if_match_takes_the_tag_as_clients_write_it(
    form: str, client: TestClient, admin: dict[str, str]
) -> None:
    org = client.post(
        "/v1/organizations", json={"name": "Acme", "kind": "employer"}, headers=admin
    ).json()
    changed = client.patch(
        f"/v1/organizations/{org['id']}",
        json={"name": "Acme Co"},
        headers=admin | {"If-Match": form},
    )
    assert changed.status_code == 200, changed.text
    stale = client.patch(
        f"/v1/organizations/{org['id']}",
        json={"name": "Acme 2"},
        headers=admin | {"If-Match": form},
    )
    assert stale.status_code == 412
    assert 'not the current version "2"' in stale.json()["detail"]
