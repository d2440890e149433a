"""Sectors and regions are vocabularies: every door writes one canonical value ("high desert"
is "High Desert"); a value never seen is added as new for a convener to keep or merge, unless
it is a near-miss spelling of a known one ("did you mean"); a merge rewrites the records; a
restricted vocabulary refuses what it does not list; a filter on an unknown region says so;
conveners describe values and the terms typed needs are read with."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.main import create_app
from tests.conftest import AuthFor
from tests.helpers import organization, post

CSV = {"Content-Type": "text/csv"}


def _need(**over: Any) -> dict[str, Any]:
    return {
        "title": "CNA clinical hosts",
        "engagement_type": "job_shadow",
        "program": "Lincoln USD Health Academy",
        "sectors": ["healthcare"],
        "region": "High Desert",
    } | over


def _values(client: TestClient, headers: dict[str, str], kind: str) -> dict[str, Any]:
    response = client.get(f"/v1/vocabularies/{kind}", headers=headers)
    assert response.status_code == 200, response.text
    return {e["value"]: e for e in response.json()["items"]}


def test_case_spacing_and_separators_are_one_value(
    client: TestClient, admin: dict[str, str]
) -> None:
    first = post(
        client,
        admin,
        "organizations",
        organization(region="High Desert", sectors=["health_sciences"]),
    )
    spelled = organization(
        name="Mesa Clinic",
        region="  high   desert ",
        sectors=["Health-Sciences", "health sciences"],
    )
    second = post(client, admin, "organizations", spelled)
    assert (first["region"], second["region"]) == ("High Desert", "High Desert")
    assert second["sectors"] == ["health_sciences"]
    regions = _values(client, admin, "region")
    assert list(regions) == ["High Desert"]
    assert regions["High Desert"]["status"] == "new"
    # Filters take any spelling too.
    listed = client.get("/v1/organizations", params={"region": "HIGH DESERT"}, headers=admin)
    assert len(listed.json()["items"]) == 2


def test_a_convener_keeps_a_new_value(client: TestClient, auth: AuthFor) -> None:
    convener = auth(Role.convener)
    post(client, convener, "organizations", organization(region="Foothills"))
    path = "/v1/vocabularies/region/foothills/keep"
    assert client.post(path, headers=auth(Role.recruiter)).status_code == 403
    kept = client.post(path, headers=convener)
    assert kept.status_code == 200
    assert kept.json() == {"value": "Foothills", "aliases": [], "status": "kept",
                           "description": "", "terms": []}  # fmt: skip
    new = client.get("/v1/vocabularies/region", params={"status": "new"}, headers=convener)
    assert new.json()["items"] == []


def test_a_merge_makes_an_alias_and_rewrites_the_records(client: TestClient, auth: AuthFor) -> None:
    convener = auth(Role.convener)
    org = post(client, convener, "organizations",
               organization(sectors=["health_sciences", "energy"], region="Capital"))  # fmt: skip
    need = post(client, convener, "needs", _need(region="Capital Region"))
    program = post(client, convener, "programs", {"name": "Capital Nursing", "region": "Capital"})

    merged = client.post(
        "/v1/vocabularies/sector/healthcare/merge", json={"into": "Health Sciences"},
        headers=convener,
    )  # fmt: skip
    assert merged.status_code == 200, merged.text
    answer = merged.json()
    # health_sciences is a shipped sector: kept, described, with its terms.
    assert answer["entry"]["description"] == "health care"
    assert "nursing" in answer["entry"]["terms"]
    answer["entry"] = {k: answer["entry"][k] for k in ("value", "aliases", "status")}
    assert answer == {
        "merged": "healthcare",
        "entry": {"value": "health_sciences", "aliases": ["healthcare"], "status": "kept"},
        "rewritten": {"organizations": 0, "needs": 1},
    }
    stored = client.get(f"/v1/needs/{need['id']}", headers=convener).json()
    assert stored["sectors"] == ["health_sciences"]
    # The alias is written as its value from now on, by every door.
    later = post(client, convener, "needs", _need(sectors=["Healthcare"]))
    assert later["sectors"] == ["health_sciences"]

    regions = client.post(
        "/v1/vocabularies/region/Capital/merge", json={"into": "capital region"}, headers=convener
    )
    assert regions.json()["rewritten"] == {"organizations": 1, "needs": 0, "programs": 1}
    assert client.get(f"/v1/organizations/{org['id']}", headers=convener).json()["region"] == (
        "Capital Region"
    )
    assert client.get(f"/v1/programs/{program['id']}", headers=convener).json()["region"] == (
        "Capital Region"
    )
    assert list(_values(client, convener, "region")) == ["Capital Region", "High Desert"]


def test_merge_bad_input(client: TestClient, auth: AuthFor) -> None:
    convener = auth(Role.convener)
    post(client, convener, "organizations", organization(region="High Desert"))
    post(client, convener, "organizations", organization(region="North Coast"))
    itself = client.post(
        "/v1/vocabularies/region/high-desert/merge", json={"into": "High Desert"}, headers=convener
    )
    assert itself.status_code == 422
    assert itself.json()["errors"][0]["field"] == "into"
    assert "into itself" in itself.json()["errors"][0]["message"]
    unknown = client.post(
        "/v1/vocabularies/region/High Dessert/merge", json={"into": "North Coast"},
        headers=convener,
    )  # fmt: skip
    assert unknown.status_code == 404
    assert "did you mean High Desert" in unknown.json()["detail"]
    nowhere = client.post(
        "/v1/vocabularies/region/High Desert/merge", json={"into": "Atlantis"}, headers=convener
    )
    assert nowhere.status_code == 422
    assert nowhere.json()["errors"][0]["field"] == "into"
    blank = client.post(
        "/v1/vocabularies/region/High Desert/merge", json={"into": " "}, headers=convener
    )
    assert blank.status_code == 422
    assert client.post(
        "/v1/vocabularies/region/High Desert/merge", json={"into": "North Coast"},
        headers=auth(Role.recruiter),
    ).status_code == 403  # fmt: skip
    assert client.get("/v1/vocabularies/color", headers=convener).status_code == 422
    # Nothing changed.
    assert set(_values(client, convener, "region")) == {"High Desert", "North Coast"}


def test_a_filter_on_an_unknown_region_says_so(client: TestClient, admin: dict[str, str]) -> None:
    post(client, admin, "organizations", organization(region="High Desert"))
    need = post(client, admin, "needs", _need())
    for path in ("/v1/needs", "/v1/partners/load", f"/v1/needs/{need['id']}/matches"):
        response = client.get(path, params={"region": "High Dessert"}, headers=admin)
        assert response.status_code == 422, path
        error = response.json()["errors"][0]
        assert (error["field"], error["location"]) == ("region", "query")
        assert error["message"] == "'High Dessert' is not a known region; did you mean High Desert?"
    adhoc = client.post("/v1/matches", json={"text": "nurses", "region": "Atlantis"}, headers=admin)
    assert adhoc.status_code == 422
    assert "the known regions are: High Desert" in adhoc.json()["errors"][0]["message"]
    ok = client.get("/v1/needs", params={"region": "high desert"}, headers=admin)
    assert [n["id"] for n in ok.json()["items"]] == [need["id"]]


def test_imports_write_canonical_values(client: TestClient, admin: dict[str, str]) -> None:
    post(client, admin, "organizations", organization(region="High Desert"))
    rows = (
        "external_id,name,kind,sectors,region\n"
        "a,Mesa Clinic,employer,Health_Sciences;health-sciences,high desert\n"
        "b,Dune Solar,employer,energy,HIGH-DESERT\n"
    )
    report = client.post("/v1/import/organizations", content=rows.encode(), headers=admin | CSV)
    assert report.json()["created"] == 2
    stored = client.get("/v1/organizations", params={"region": "High Desert"}, headers=admin)
    by_name = {o["name"]: o for o in stored.json()["items"]}
    # health_sciences is a shipped sector: every spelling of it is written as it.
    assert by_name["Mesa Clinic"]["sectors"] == ["health_sciences"]
    assert by_name["Dune Solar"]["region"] == "High Desert"
    sectors = _values(client, admin, "sector")
    assert {"advanced_manufacturing", "health_sciences", "energy"} <= set(sectors)
    assert "Health_Sciences" not in sectors


@pytest.fixture
def restricted(db: Database) -> Iterator[TestClient]:
    settings = Settings(database_url=db.url, embedder="tfidf", restricted_vocabularies=["region"])
    with TestClient(create_app(settings, db=db), raise_server_exceptions=False) as c:
        yield c


def test_a_restricted_vocabulary_refuses_values_it_does_not_list(
    restricted: TestClient, auth: AuthFor
) -> None:
    convener = auth(Role.convener)
    added = restricted.post(
        "/v1/vocabularies/region", json={"value": "High Desert", "aliases": ["Mojave"]},
        headers=convener,
    )  # fmt: skip
    assert added.status_code == 201
    assert added.json() == {"value": "High Desert", "aliases": ["Mojave"], "status": "kept",
                            "description": "", "terms": []}  # fmt: skip
    post(restricted, convener, "vocabularies/region", {"value": "North Coast"})
    listed = restricted.get("/v1/vocabularies/region", headers=convener).json()
    assert listed["restricted"] is True

    refused = restricted.post(
        "/v1/organizations", json=organization(region="Atlantis"), headers=convener
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0] == {
        "field": "region",
        "location": "body",
        "message": "'Atlantis' is not a known region; "
        "the allowed values are: High Desert, North Coast",
    }
    # Known spellings and aliases pass; sectors stay open.
    alias = post(restricted, convener, "organizations",
                 organization(region="mojave", sectors=["quantum"]))  # fmt: skip
    assert (alias["region"], alias["sectors"]) == ("High Desert", ["quantum"])
    assert (
        restricted.get("/v1/vocabularies/region", headers=convener).json()["items"][0]["value"]
        == "High Desert"
    )

    rows = "name,kind,region\nGood,employer,north coast\nBad,employer,Atlantis\n"
    report = restricted.post(
        "/v1/import/organizations", content=rows.encode(), headers=convener | CSV
    ).json()
    assert report["created"] == 1
    assert report["rejected"] == [
        {
            "line": 3,
            "field": "region",
            "message": "'Atlantis' is not a known region; "
            "the allowed values are: High Desert, North Coast",
        }
    ]
    regions = [e["value"] for e in restricted.get(
        "/v1/vocabularies/region", headers=convener).json()["items"]]  # fmt: skip
    assert regions == ["High Desert", "North Coast"]


def test_a_near_miss_spelling_is_refused_on_write_unless_the_caller_says_it_is_new(
    client: TestClient, admin: dict[str, str]
) -> None:
    """ "High Dessert" on a write was stored as a new region while the same typo in a filter was
    refused: a write now says "did you mean", naming the field, unless `new_values=allow`."""
    post(client, admin, "organizations", organization(region="High Desert"))
    typo = client.post("/v1/organizations", json=organization(name="Mesa Clinic",
                       region="High Dessert"), headers=admin)  # fmt: skip
    assert typo.status_code == 422, typo.text
    [error] = typo.json()["errors"]
    assert error["field"] == "region"
    assert error["message"].startswith(
        "'High Dessert' is not a known region; did you mean High Desert?"
    )
    sector = client.post("/v1/needs", json=_need(sectors=["helth sciences"]), headers=admin)
    assert sector.status_code == 422
    assert "did you mean health_sciences?" in sector.json()["errors"][0]["message"]
    # Nothing was written by the refused requests.
    assert "High Dessert" not in _values(client, admin, "region")
    # Said to be new, it is written as a new value.
    allowed = client.post("/v1/organizations", params={"new_values": "allow"},
                          json=organization(name="Mesa Clinic", region="High Dessert"),
                          headers=admin)  # fmt: skip
    assert allowed.status_code == 201, allowed.text
    assert _values(client, admin, "region")["High Dessert"]["status"] == "new"
    # A value far from every known one is new without saying so; a bad answer is a 422.
    far = client.post("/v1/organizations", json=organization(name="Far", region="Tidewater"),
                      headers=admin)  # fmt: skip
    assert far.status_code == 201, far.text
    bad = client.post("/v1/organizations", params={"new_values": "yes"},
                      json=organization(name="Bad", region="Mesa"), headers=admin)  # fmt: skip
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "new_values"


def test_an_edit_of_other_fields_does_not_question_a_value_already_stored(
    client: TestClient, admin: dict[str, str], db: Database
) -> None:
    """A partner stored with a region spelled a letter off a known one (written before the
    check, or by a loader that wrote rows directly) can still have its description edited;
    only a value the write itself brings is asked "did you mean"."""
    from sqlalchemy import update

    from app.organizations.models import Organization

    post(client, admin, "organizations", organization(region="High Desert"))
    old = post(client, admin, "organizations", organization(name="Old Row", region="Far Away"))
    with db.engine.begin() as conn:  # as an older release or a direct load left it
        conn.execute(update(Organization).where(Organization.id == old["id"])
                     .values(region="High Deserts"))  # fmt: skip
    edited = client.patch(f"/v1/organizations/{old['id']}", headers=admin,
                          json={"description": "Now with a description."})  # fmt: skip
    assert edited.status_code == 200, edited.text
    assert edited.json()["region"] == "High Deserts"
    moved = client.patch(f"/v1/organizations/{old['id']}", headers=admin,
                         json={"region": "High Dessert"})  # fmt: skip
    assert moved.status_code == 422
    assert "did you mean High Desert" in moved.json()["errors"][0]["message"]


def test_an_import_reports_a_near_miss_spelling_on_its_row(
    client: TestClient, admin: dict[str, str]
) -> None:
    post(client, admin, "organizations", organization(region="High Desert"))
    rows = (
        "external_id,name,kind,sectors,region\n"
        "a,Mesa Clinic,employer,health_sciences,High Dessert\n"
        "b,Dune Solar,employer,energy,High Desert\n"
    )
    report = client.post("/v1/import/organizations", content=rows.encode(), headers=admin | CSV)
    body = report.json()
    assert body["created"] == 1
    [rejected] = body["rejected"]
    assert (rejected["line"], rejected["field"]) == (2, "region")
    assert "did you mean High Desert?" in rejected["message"]
    again = client.post("/v1/import/organizations", params={"new_values": "allow"},
                        content=rows.encode(), headers=admin | CSV)  # fmt: skip
    assert again.json()["rejected"] == []


def test_a_convener_describes_a_region_and_its_towns_are_read_in_typed_needs(
    client: TestClient, auth: AuthFor
) -> None:
    convener, recruiter = auth(Role.convener), auth(Role.recruiter)
    post(client, convener, "organizations", organization(region="High Desert"))
    described = client.patch(
        "/v1/vocabularies/region/high desert",
        json={"description": "Mines, solar and data centers",
              "terms": ["Red Mesa", "Juniper Flats"]},
        headers=convener,
    )  # fmt: skip
    assert described.status_code == 200, described.text
    assert described.json()["terms"] == ["Red Mesa", "Juniper Flats"]
    assert client.patch("/v1/vocabularies/region/High Desert", json={"terms": []},
                        headers=recruiter).status_code == 403  # fmt: skip
    read = client.post("/v1/needs/read", json={"text": "welding job shadows near Juniper Flats"},
                       headers=recruiter).json()  # fmt: skip
    assert read["region"] == {"value": "High Desert", "words": "Juniper Flats"}
    assert read["need"]["region"] == "High Desert"


def test_nul_in_a_description_or_a_term_is_refused_naming_the_field(
    client: TestClient, admin: dict[str, str]
) -> None:
    """PostgreSQL refuses NUL in text and in JSON: it was a 500 there (found by the schema
    fuzzer), and stored as sent on SQLite."""
    for body, field in (({"terms": ["salt\x00flats"]}, "terms"),
                        ({"description": "flats\x00"}, "description")):  # fmt: skip
        made = client.post("/v1/vocabularies/region",
                           json={"value": "Salt Flats"} | body, headers=admin)  # fmt: skip
        assert made.status_code == 422, made.text
        assert made.json()["errors"][0]["field"].startswith(field)
