"""Organizations: filters, cursor pagination, external ids, and delete with or without cascade."""

from fastapi.testclient import TestClient

from tests.helpers import bodies, organization, post, stored_chain


def test_filters_by_kind_region_and_sector(client: TestClient, admin: dict[str, str]) -> None:
    post(
        client,
        admin,
        "organizations",
        organization(name="A", kind="employer", region="North Coast", sectors=["energy"]),
    )
    post(
        client,
        admin,
        "organizations",
        organization(name="B", kind="college", region="North Coast", sectors=["energy"]),
    )
    post(
        client,
        admin,
        "organizations",
        organization(
            name="C", kind="employer", region="High Desert", sectors=["biotech", "energy"]
        ),
    )

    def names(query: str) -> list[str]:
        response = client.get(f"/v1/organizations?{query}", headers=admin)
        assert response.status_code == 200, response.text
        return [o["name"] for o in response.json()["items"]]

    assert names("kind=employer") == ["A", "C"]
    assert names("region=North%20Coast") == ["A", "B"]
    assert names("sector=biotech") == ["C"]
    assert names("sector=energy&kind=employer") == ["A", "C"]
    assert names("sector=energ") == []  # a whole sector, not a substring


def test_cursor_pagination_visits_every_record_once(
    client: TestClient, admin: dict[str, str]
) -> None:
    made = [
        post(client, admin, "organizations", organization(name=f"Org {i}"))["id"] for i in range(7)
    ]
    seen, cursor, pages = [], None, 0
    while True:
        query = "limit=3" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(f"/v1/organizations?{query}", headers=admin).json()
        seen += [o["id"] for o in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == made
    assert pages == 3


def test_external_id_is_unique(client: TestClient, admin: dict[str, str]) -> None:
    post(client, admin, "organizations", organization(external_id="001A"))
    again = client.post("/v1/organizations", json=organization(external_id="001A"), headers=admin)
    assert again.status_code == 409
    assert again.json()["errors"][0]["field"] == "external_id"
    found = client.get("/v1/organizations?external_id=001A", headers=admin).json()["items"]
    assert len(found) == 1


def test_delete_with_engagements_needs_cascade(client: TestClient, admin: dict[str, str]) -> None:
    chain = stored_chain(client, admin)
    org_id = chain["organization"]["id"]
    for path in ("engagements", "interviews", "temperature-checks", "agreements"):
        post(client, admin, path, bodies(chain)[path])

    refused = client.delete(f"/v1/organizations/{org_id}", headers=admin)
    assert refused.status_code == 409
    assert "cascade=true" in refused.json()["detail"]
    assert client.get(f"/v1/organizations/{org_id}", headers=admin).status_code == 200
    assert len(client.get("/v1/engagements", headers=admin).json()["items"]) == 1

    assert (
        client.delete(f"/v1/organizations/{org_id}?cascade=true", headers=admin).status_code == 204
    )
    assert client.get(f"/v1/organizations/{org_id}", headers=admin).status_code == 404
    for path in ("engagements", "interviews", "temperature-checks", "agreements", "contacts"):
        assert client.get(f"/v1/{path}", headers=admin).json()["items"] == [], path
    # the need belonged to no organization and stays
    assert client.get(f"/v1/needs/{chain['need']['id']}", headers=admin).status_code == 200


def test_delete_without_engagements_needs_no_cascade(
    client: TestClient, admin: dict[str, str]
) -> None:
    org = post(client, admin, "organizations", organization())
    post(client, admin, "contacts", {"organization_id": org["id"], "name": "Pat Kim"})
    assert client.delete(f"/v1/organizations/{org['id']}", headers=admin).status_code == 204
    assert client.get("/v1/contacts", headers=admin).json()["items"] == []
