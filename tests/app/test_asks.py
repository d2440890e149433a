"""A partner is asked once for a need: a second open ask of the same partner for the same need
(a double click on "Record an ask", two recruiters at once) is refused, naming the first."""

from fastapi.testclient import TestClient

from app.auth.models import Role
from tests.helpers import bodies, stored_chain


def test_a_second_open_ask_for_the_same_need_is_refused_naming_the_first(
    client: TestClient, admin: dict[str, str]
) -> None:
    chain = stored_chain(client, admin)
    ask = bodies(chain)["engagements"]
    first = client.post("/v1/engagements", json=ask, headers=admin)
    assert first.status_code == 201
    again = client.post("/v1/engagements", json=ask | {"status": "proposed"}, headers=admin)
    assert again.status_code == 409
    problem = again.json()
    assert f"engagement {first.json()['id']}" in problem["detail"]
    assert [e["field"] for e in problem["errors"]] == ["need_id"]
    listed = client.get("/v1/engagements", headers=admin).json()["items"]
    assert len(listed) == 1

    # The ask itself may change; another need, or no need, is another ask.
    own = client.patch(
        f"/v1/engagements/{first.json()['id']}", json={"hours_estimated": 12}, headers=admin
    )
    assert own.status_code == 200
    other = client.post("/v1/engagements", json=ask | {"need_id": None}, headers=admin)
    assert other.status_code == 201

    # Once the partner said no, it may be asked again (the ranking leaves it out meanwhile).
    client.patch(
        f"/v1/engagements/{first.json()['id']}", json={"status": "declined"}, headers=admin
    )
    assert client.post("/v1/engagements", json=ask, headers=admin).status_code == 201


def test_a_double_click_on_record_an_ask_stores_one_ask(
    client: TestClient, admin: dict[str, str], keys: dict[Role, str]
) -> None:
    chain = stored_chain(client, admin)
    client.post("/ui/login", data={"api_key": keys[Role.recruiter]}, follow_redirects=False)
    form = {"organization_id": str(chain["organization"]["id"]), "program": "Riverbend CC"}
    path = f"/ui/needs/{chain['need']['id']}/asks"
    first = client.post(path, data=form, follow_redirects=False)
    assert first.status_code == 303
    second = client.post(path, data=form, follow_redirects=False)
    assert second.status_code == 422
    assert "already has an open ask" in second.text
    assert len(client.get("/v1/engagements", headers=admin).json()["items"]) == 1


def test_a_need_fills_when_its_slots_are_taken_and_opens_again_when_one_is_given_back(
    client: TestClient, admin: dict[str, str]
) -> None:
    chain = stored_chain(client, admin)
    need_id = chain["need"]["id"]
    client.patch(f"/v1/needs/{need_id}", json={"slots": 2}, headers=admin)
    ask = bodies(chain)["engagements"] | {"status": "accepted"}
    other = client.post(
        "/v1/organizations", json={"name": "Acme", "kind": "employer"}, headers=admin
    )
    first = client.post("/v1/engagements", json=ask, headers=admin).json()
    need = client.get(f"/v1/needs/{need_id}", headers=admin).json()
    assert need["status"] == "open"  # 1 of 2 taken

    second = ask | {"organization_id": other.json()["id"], "contact_id": None}
    assert client.post("/v1/engagements", json=second, headers=admin).status_code == 201
    assert client.get(f"/v1/needs/{need_id}", headers=admin).json()["status"] == "filled"

    client.patch(f"/v1/engagements/{first['id']}", json={"status": "cancelled"}, headers=admin)
    assert client.get(f"/v1/needs/{need_id}", headers=admin).json()["status"] == "open"

    # A need a convener closed stays closed, whatever its asks do.
    client.patch(f"/v1/needs/{need_id}", json={"status": "closed"}, headers=admin)
    client.patch(f"/v1/engagements/{first['id']}", json={"status": "accepted"}, headers=admin)
    assert client.get(f"/v1/needs/{need_id}", headers=admin).json()["status"] == "closed"


def test_an_interview_that_could_not_state_capacity_is_stored_as_unknown(
    client: TestClient, admin: dict[str, str]
) -> None:
    chain = stored_chain(client, admin)
    interview = bodies(chain)["interviews"] | {
        "capacity_hours_per_month": None,
        "max_concurrent_engagements": None,
    }
    response = client.post("/v1/interviews", json=interview, headers=admin)
    assert response.status_code == 201, response.text
    assert response.json()["capacity_hours_per_month"] is None
    org = chain["organization"]["id"]
    load = client.get(f"/v1/organizations/{org}/load", headers=admin).json()["load"]
    assert (load["capacity_hours"], load["utilization"]) == (None, None)
    matches = client.get(f"/v1/needs/{chain['need']['id']}/matches", headers=admin)
    assert matches.status_code == 200
