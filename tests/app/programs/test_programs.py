"""Programs are records: who asks, by id or (as before) by name, one program whatever the
case of its name; a renamed program is renamed on its needs and asks; the organization
running a program is never recommended to it."""

from typing import Any

from fastapi.testclient import TestClient

from app.auth.models import Role
from tests.conftest import AuthFor
from tests.helpers import bodies, organization, post, stored_chain

CSV = {"Content-Type": "text/csv"}


def _need(**over: Any) -> dict[str, Any]:
    return {
        "title": "Teacher externships in advanced manufacturing",
        "engagement_type": "teacher_externship",
        "program": "Capital Region Teacher Externship Initiative",
        "hours_per_partner": 20,
        "partner_kinds": ["employer", "district", "college"],
        "sectors": ["advanced_manufacturing"],
    } | over


def test_a_need_naming_a_new_program_creates_it_and_reads_back_both(
    client: TestClient, admin: dict[str, str]
) -> None:
    need = post(client, admin, "needs", _need())
    assert isinstance(need["program_id"], int)
    program = client.get(f"/v1/programs/{need['program_id']}", headers=admin).json()
    assert program["name"] == "Capital Region Teacher Externship Initiative"
    assert program["goals"] == {}
    assert program["organization_id"] is None

    # Another spelling of the same name is the same program, spelled as stored.
    again = post(
        client, admin, "needs", _need(program="capital region  teacher externship initiative")
    )
    assert again["program_id"] == need["program_id"]
    assert again["program"] == "Capital Region Teacher Externship Initiative"
    assert len(client.get("/v1/programs", headers=admin).json()["items"]) == 1

    # By id alone: the name is filled in.
    by_id = post(client, admin, "needs", _need(program=None, program_id=need["program_id"]))
    assert by_id["program"] == "Capital Region Teacher Externship Initiative"


def test_program_bad_input(client: TestClient, admin: dict[str, str]) -> None:
    neither = client.post("/v1/needs", json=_need(program=None), headers=admin)
    assert neither.status_code == 422
    assert neither.json()["errors"][0]["field"] == "program"
    assert "program_id" in neither.json()["errors"][0]["message"]

    blank = client.post("/v1/programs", json={"name": "   "}, headers=admin)
    assert blank.status_code == 422
    assert blank.json()["errors"][0]["field"] == "name"
    missing = client.post("/v1/needs", json=_need(program_id=999_999, program=None), headers=admin)
    assert missing.status_code == 422
    assert missing.json()["errors"][0] == {
        "field": "program_id", "location": "body", "message": "program 999999 does not exist"
    }  # fmt: skip

    first = post(client, admin, "programs", {"name": "Lincoln USD Health Academy"})
    twice = client.post("/v1/programs", json={"name": "LINCOLN usd health academy"}, headers=admin)
    assert twice.status_code == 409
    assert f"program {first['id']}" in twice.json()["detail"]
    other = post(client, admin, "programs", {"name": "Riverbend CC Mechatronics Pathway"})
    clash = client.post(
        "/v1/needs", json=_need(program="Lincoln USD Health Academy", program_id=other["id"]),
        headers=admin,
    )  # fmt: skip
    assert clash.status_code == 422
    assert clash.json()["errors"][0]["field"] == "program"

    for goals, field in (
        ({"2027": {"job_shadow": {"count": -1}}}, "count"),
        ({"2027": {"job_shadow": {"students": 2_000_000}}}, "students"),
        ({"2027": {"spaceship": {"count": 1}}}, "2027"),
        ({"27": {"job_shadow": {"count": 1}}}, "goals"),
        ({"1066": {"job_shadow": {"count": 1}}}, "goals"),
        ({"2027": {"job_shadow": {"count": "4"}}}, "count"),
    ):
        bad = client.post("/v1/programs", json={"name": "Goals", "goals": goals}, headers=admin)
        assert bad.status_code == 422, goals
        assert field in bad.json()["errors"][0]["field"], (goals, bad.json())


def test_goals_are_stored_per_year_and_type(client: TestClient, admin: dict[str, str]) -> None:
    goals = {"2027": {"job_shadow": {"count": 12, "students": 48}, "mentoring": {"count": 3}}}
    program = post(client, admin, "programs", {"name": "Health Careers", "goals": goals})
    assert program["goals"] == {
        "2027": {
            "job_shadow": {"count": 12, "students": 48},
            "mentoring": {"count": 3, "students": 0},
        }
    }
    # The same body again through the CRM door changes nothing.
    put = client.put("/v1/programs/external/sf-p1", json={"name": "Clinic Pathway"}, headers=admin)
    assert put.status_code == 201
    same = client.put("/v1/programs/external/sf-p1", json={"name": "Clinic Pathway"}, headers=admin)
    assert same.status_code == 200
    assert same.headers["ETag"] == put.headers["ETag"]


def test_lists_filter_by_program_id(client: TestClient, admin: dict[str, str]) -> None:
    chain = stored_chain(client, admin)
    other = post(client, admin, "needs", _need())
    ask = bodies(chain)["engagements"]
    post(client, admin, "engagements", ask)
    mine = chain["need"]["program_id"]
    needs = client.get("/v1/needs", params={"program_id": mine}, headers=admin).json()["items"]
    assert [n["id"] for n in needs] == [chain["need"]["id"]]
    theirs = client.get(
        "/v1/needs", params={"program_id": other["program_id"]}, headers=admin
    ).json()["items"]
    assert [n["id"] for n in theirs] == [other["id"]]
    asks = client.get("/v1/engagements", params={"program_id": mine}, headers=admin).json()
    assert len(asks["items"]) == 1
    assert asks["items"][0]["program_id"] == mine
    none = client.get(
        "/v1/engagements", params={"program_id": other["program_id"]}, headers=admin
    ).json()
    assert none["items"] == []


def test_a_renamed_program_is_renamed_on_its_needs_and_asks(
    client: TestClient, admin: dict[str, str]
) -> None:
    chain = stored_chain(client, admin)
    ask = post(client, admin, "engagements", bodies(chain)["engagements"])
    program_id = chain["need"]["program_id"]
    renamed = client.patch(
        f"/v1/programs/{program_id}", json={"name": "Riverbend Mechatronics"}, headers=admin
    )
    assert renamed.status_code == 200
    need = client.get(f"/v1/needs/{chain['need']['id']}", headers=admin).json()
    assert (need["program"], need["program_id"]) == ("Riverbend Mechatronics", program_id)
    asked = client.get(f"/v1/engagements/{ask['id']}", headers=admin).json()
    assert asked["program"] == "Riverbend Mechatronics"

    # Moving a need to another program by name: the id follows.
    moved = client.patch(
        f"/v1/needs/{chain['need']['id']}", json={"program": "Summer Earn & Learn"}, headers=admin
    ).json()
    assert moved["program_id"] != program_id
    assert moved["program"] == "Summer Earn & Learn"


def test_a_program_with_needs_is_deleted_only_with_them(
    client: TestClient, admin: dict[str, str]
) -> None:
    chain = stored_chain(client, admin)
    program_id = chain["need"]["program_id"]
    refused = client.delete(f"/v1/programs/{program_id}", headers=admin)
    assert refused.status_code == 409
    assert "1 need(s)" in refused.json()["detail"]
    gone = client.delete(f"/v1/programs/{program_id}", params={"cascade": True}, headers=admin)
    assert gone.status_code == 204
    assert client.get(f"/v1/needs/{chain['need']['id']}", headers=admin).status_code == 404


def test_roles(client: TestClient, auth: AuthFor) -> None:
    """Conveners run programs: a recruiter reads them but changes none by any door (a renamed
    program or another owning organization changes who rankings leave out)."""
    body = {"name": "Statewide Clean Energy Apprenticeship Network"}
    recruiter = auth(Role.recruiter)
    for role in (Role.viewer, Role.recruiter):
        assert client.post("/v1/programs", json=body, headers=auth(role)).status_code == 403
    made = client.post("/v1/programs", json=body, headers=auth(Role.convener))
    assert made.status_code == 201
    path = f"/v1/programs/{made.json()['id']}"
    assert client.get(path, headers=recruiter).status_code == 200
    assert client.patch(path, json={"name": "Mine now"}, headers=recruiter).status_code == 403
    upsert = client.put("/v1/programs/external/crm-1", json=body | {"name": "P2"},
                        headers=recruiter)  # fmt: skip
    assert upsert.status_code == 403
    imported = client.post("/v1/import/programs", content=b"name\nP3\n",
                           headers=recruiter | {"Content-Type": "text/csv"})  # fmt: skip
    assert imported.status_code == 403
    assert client.delete(path, headers=recruiter).status_code == 403
    # A need a recruiter files naming a program not on file still creates it (its first use).
    need = {"title": "Welding judges", "engagement_type": "other", "program": "New Welding"}
    assert client.post("/v1/needs", json=need, headers=recruiter).status_code == 201
    names = [p["name"] for p in client.get("/v1/programs", headers=recruiter).json()["items"]]
    assert "New Welding" in names
    assert client.delete(path, headers=auth(Role.convener)).status_code == 204


def test_imports_and_old_files_name_programs_by_name(
    client: TestClient, admin: dict[str, str]
) -> None:
    rows = (
        "external_id,title,engagement_type,program\n"
        "n-1,Welding judges,other,High Desert Welding\n"
        "n-2,Welding mentors,mentoring,high desert welding\n"
        "n-3,No program,mentoring,\n"
    )
    report = client.post("/v1/import/needs", content=rows.encode(), headers=admin | CSV).json()
    assert report["created"] == 2
    assert report["rejected"] == [
        {
            "line": 4,
            "field": "program",
            "message": "Required: give program (its name) or program_id",
        }
    ]
    programs = client.get("/v1/programs", headers=admin).json()["items"]
    assert [p["name"] for p in programs] == ["High Desert Welding"]
    # The export names the program (ids differ between databases); it imports back unchanged.
    exported = client.get("/v1/export/needs.csv", headers=admin).text
    header, first = exported.splitlines()[:2]
    cells = dict(zip(header.split(","), first.split(","), strict=False))
    assert cells["program"] == "High Desert Welding"
    assert cells["program_id"] == ""
    again = client.post("/v1/import/needs", content=exported.encode(), headers=admin | CSV)
    assert again.json()["unchanged"] == 2


def test_the_programs_own_organization_is_never_recommended_to_it(
    client: TestClient, admin: dict[str, str]
) -> None:
    district = post(
        client, admin, "organizations",
        organization(name="Capital Unified School District", kind="district",
                     description="CNC machining and mechatronics teachers."),
    )  # fmt: skip
    post(client, admin, "organizations", organization())
    program = post(
        client, admin, "programs",
        {"name": "Capital Region Teacher Externship Initiative",
         "organization_id": district["id"]},
    )  # fmt: skip
    need = post(client, admin, "needs", _need(program_id=program["id"], program=None))
    matches = client.get(f"/v1/needs/{need['id']}/matches", headers=admin).json()
    assert district["id"] not in [m["organization_id"] for m in matches["items"]]
    assert matches["items"], matches
    assert (
        "the asking program's own organization, so left out: Capital Unified School District "
        "(it runs Capital Region Teacher Externship Initiative)"
    ) in matches["notes"]
