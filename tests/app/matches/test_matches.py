"""Matches over the API on both databases (TF-IDF embedder): shapes, filters, bad input, and
that a write through the API is seen by the very next ranking."""

import pytest
from fastapi.testclient import TestClient

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.main import create_app
from tests.conftest import AuthFor
from tests.helpers import organization, post


def names(response_json: dict) -> list[str]:  # type: ignore[type-arg]
    return [m["name"] for m in response_json["items"]]


def test_need_matches_have_the_documented_shape(
    client: TestClient, auth: AuthFor, demo_db: Database
) -> None:
    needs = client.get("/v1/needs?limit=100", headers=auth(Role.viewer)).json()["items"]
    need = next(n for n in needs if n["status"] == "open" and n["partner_kinds"] == ["employer"])
    body = client.get(f"/v1/needs/{need['id']}/matches?limit=7", headers=auth(Role.viewer))
    assert body.status_code == 200, body.text
    data = body.json()
    assert data["embedder"].startswith("tfidf")
    assert len(data["items"]) == 7
    scores = [m["score"] for m in data["items"]]
    assert scores == sorted(scores, reverse=True)
    for m in data["items"]:
        assert set(m["components"]) == {"semantic", "fit", "interest", "capacity",
                                        "burnout_penalty"}  # fmt: skip
        assert 0 <= m["score"] <= 1
        assert m["burnout_level"] != "critical"  # left out by default
        assert m["explanation"]
        if m["capacity"]["status"] == "unknown":
            assert m["capacity"]["hours_left"] is None
            assert any("capacity unknown" in r for r in m["explanation"])
    path = f"/v1/needs/{need['id']}/matches?limit=7"
    everyone = client.get(path + "&include_at_risk=true", headers=auth(Role.viewer)).json()
    held = [m["name"] for m in everyone["items"] if m["burnout_level"] == "critical"]
    if held:  # who was left out is named, not just counted
        [note] = [n for n in data["notes"] if n.startswith("left out at critical burnout risk")]
        assert all(name in note for name in held)
    else:
        assert not any("critical burnout risk" in n for n in data["notes"])


def test_critical_partners_only_when_asked_and_marked(
    client: TestClient, admin: dict[str, str], demo_db: Database
) -> None:
    query = {"text": "hospital nursing clinical rotations and patient care", "limit": 100}
    default = client.post("/v1/matches", json=query, headers=admin).json()
    assert "Meridian Health System" not in names(default)
    everyone = client.post("/v1/matches", json=query | {"include_at_risk": True},
                           headers=admin).json()  # fmt: skip
    meridian = next(m for m in everyone["items"] if m["name"] == "Meridian Health System")
    assert meridian["burnout_level"] == "critical"
    assert meridian["components"]["burnout_penalty"] > 0
    assert any(r.startswith("burnout risk critical") for r in meridian["explanation"])


def test_hard_filters(client: TestClient, admin: dict[str, str], demo_db: Database) -> None:
    q = {"text": "welding and fabrication", "partner_kinds": ["college"],
         "region": "River Valley", "limit": 20}  # fmt: skip
    items = client.post("/v1/matches", json=q, headers=admin).json()["items"]
    assert items
    assert {m["kind"] for m in items} == {"college"}
    assert {m["region"] for m in items} == {"River Valley"}
    need_id = client.get("/v1/needs?limit=1", headers=admin).json()["items"][0]["id"]
    listed = client.get(
        f"/v1/needs/{need_id}/matches?partner_kinds=district&partner_kinds=agency", headers=admin
    ).json()["items"]
    assert {m["kind"] for m in listed} <= {"district", "agency"}


def test_a_need_without_open_slots_still_ranks_and_says_so(
    client: TestClient, admin: dict[str, str]
) -> None:
    post(client, admin, "organizations", organization())
    need = post(client, admin, "needs", {"title": "Advisory seat", "program": "P",
                                         "engagement_type": "advisory_board",
                                         "status": "filled"})  # fmt: skip
    data = client.get(f"/v1/needs/{need['id']}/matches", headers=admin).json()
    assert len(data["items"]) == 1
    assert any("no open slots" in note for note in data["notes"])


def test_a_write_is_seen_by_the_next_ranking(client: TestClient, admin: dict[str, str]) -> None:
    post(client, admin, "organizations", organization(name="Alpha Machining"))
    q = {"text": "commercial beekeeping and honey extraction apprenticeships", "limit": 3}
    before = client.post("/v1/matches", json=q, headers=admin).json()
    assert "Golden Comb Apiaries" not in names(before)
    apiary = organization(
        name="Golden Comb Apiaries",
        sectors=["agriculture"],
        description="Commercial beekeeping: 4,000 hives, honey extraction and pollination.",
    )
    post(client, admin, "organizations", apiary)
    after = client.post("/v1/matches", json=q, headers=admin).json()
    assert names(after)[0] == "Golden Comb Apiaries"
    org_id = after["items"][0]["organization_id"]
    assert client.delete(f"/v1/organizations/{org_id}", headers=admin).status_code == 204
    gone = client.post("/v1/matches", json=q, headers=admin).json()
    assert "Golden Comb Apiaries" not in names(gone)


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "field"),
    [
        ("GET", "/v1/needs/424242/matches", None, 404, None),
        ("GET", "/v1/needs/1/matches?limit=0", None, 422, "limit"),
        ("GET", "/v1/needs/1/matches?limit=101", None, 422, "limit"),
        ("GET", "/v1/needs/1/matches?partner_kinds=robot", None, 422, "partner_kinds[0]"),
        ("POST", "/v1/matches", {"text": ""}, 422, "text"),
        ("POST", "/v1/matches", {"text": "   "}, 422, "text"),
        ("POST", "/v1/matches", {"text": "x", "limit": 500}, 422, "limit"),
        ("POST", "/v1/matches", {"limit": 5}, 422, "text"),
    ],
)
def test_bad_input(
    client: TestClient,
    admin: dict[str, str],
    method: str,
    path: str,
    body: dict[str, object] | None,
    status: int,
    field: str | None,
) -> None:
    response = client.request(method, path, json=body, headers=admin)
    assert response.status_code == status, response.text
    if field:
        assert response.json()["errors"][0]["field"] == field


def test_a_write_through_one_process_is_seen_by_the_next_ranking_of_another(
    db: Database, client: TestClient, admin: dict[str, str]
) -> None:
    other = create_app(Settings(database_url=db.url, embedder="tfidf", webhook_worker=False), db=db)
    q = {"text": "commercial beekeeping and honey extraction apprenticeships", "limit": 3}
    post(client, admin, "organizations", organization(name="Alpha Machining"))
    with TestClient(other) as second:
        assert "Golden Comb Apiaries" not in names(
            second.post("/v1/matches", json=q, headers=admin).json()
        )
        apiary = organization(
            name="Golden Comb Apiaries",
            sectors=["agriculture"],
            description="Commercial beekeeping: 4,000 hives, honey extraction and pollination.",
        )
        post(client, admin, "organizations", apiary)  # through the first process
        after = second.post("/v1/matches", json=q, headers=admin).json()
    assert names(after)[0] == "Golden Comb Apiaries"


def test_room_is_judged_over_the_needs_own_dates(
    client: TestClient, admin: dict[str, str], demo_db: Database
) -> None:
    """A need that starts next year is not judged against the next 90 days' load."""
    needs = client.get("/v1/needs?limit=100", headers=admin).json()["items"]
    need = next(n for n in needs if n["starts_on"] is None)  # open or filled: it still ranks
    now = client.get(f"/v1/needs/{need['id']}/matches?limit=100&include_at_risk=true",
                     headers=admin).json()["items"]  # fmt: skip
    busy = {m["organization_id"]: m for m in now if m["capacity"]["status"] in ("over", "tight")}
    assert busy  # the demo's heavy hitters are loaded now
    later = {"starts_on": "2030-06-01", "ends_on": "2030-08-31"}
    changed = client.patch(f"/v1/needs/{need['id']}", json=later, headers=admin)
    assert changed.status_code == 200, changed.text
    then = client.get(f"/v1/needs/{need['id']}/matches?limit=100&include_at_risk=true",
                      headers=admin).json()["items"]  # fmt: skip
    for m in then:
        if m["organization_id"] in busy:
            assert m["capacity"]["status"] != "over", m
            before = busy[m["organization_id"]]["capacity"]
            assert m["capacity"]["hours_left"] > before["hours_left"]
            assert any("in the need's 92-day window" in r for r in m["explanation"])


def test_a_partner_already_asked_for_a_need_is_left_out_and_named(
    client: TestClient, admin: dict[str, str], demo_db: Database
) -> None:
    needs = client.get("/v1/needs?limit=100&status=open", headers=admin).json()["items"]
    need = needs[0]
    first = client.get(f"/v1/needs/{need['id']}/matches?limit=5", headers=admin).json()
    top = first["items"][0]
    ask = {"organization_id": top["organization_id"], "need_id": need["id"],
           "program": need["program"], "engagement_type": need["engagement_type"]}  # fmt: skip
    assert client.post("/v1/engagements", json=ask, headers=admin).status_code == 201
    again = client.get(f"/v1/needs/{need['id']}/matches?limit=5", headers=admin).json()
    assert top["organization_id"] not in [m["organization_id"] for m in again["items"]]
    [note] = [n for n in again["notes"] if n.startswith("already asked for this need")]
    assert f"{top['name']} (asked)" in note


def test_free_text_states_its_type_or_has_it_read_from_the_words(
    client: TestClient, admin: dict[str, str], demo_db: Database
) -> None:
    q = {"text": "Hospital job shadows for health-science juniors", "limit": 5}
    read = client.post("/v1/matches", json=q, headers=admin).json()
    assert "read as job shadow from “job shadows”" in read["notes"]
    stated = client.post(
        "/v1/matches", json=q | {"engagement_type": "mentoring"}, headers=admin
    ).json()
    assert not any(n.startswith("read as") for n in stated["notes"])
    wrong = client.post("/v1/matches", json=q | {"engagement_type": "shadowing"}, headers=admin)
    assert wrong.status_code == 422
    assert [e["field"] for e in wrong.json()["errors"]] == ["engagement_type"]
