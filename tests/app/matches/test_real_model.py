"""The real path: the bundled all-MiniLM-L6-v2, loaded offline, ranking the demo partners;
vectors stored with the hash of their text and recomputed only when that text changes."""

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import Database
from app.main import create_app
from app.matches.index import embed_all
from app.matches.models import PartnerEmbedding
from matching.embeddings import MINILM, SentenceTransformerEmbedder

#: What the model reads and ranks is the same on either database: those tests run on SQLite
#: alone (about ten seconds each); storing and reusing its vectors runs on both.
ONE_DATABASE = pytest.mark.parametrize("database", ["sqlite"], indirect=True)


@pytest.fixture(scope="module")
def minilm() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


@pytest.fixture
def model_client(demo_db: Database, minilm: SentenceTransformerEmbedder) -> Iterator[TestClient]:
    # The background work looks for profiles to embed again often, so a test waits little.
    app = create_app(Settings(database_url=demo_db.url, vector_poll_seconds=0.2), db=demo_db,
                     embedder=minilm)  # fmt: skip
    with TestClient(app) as client:
        yield client


def stored(db: Database) -> dict[int, str]:
    with db.sessionmaker() as session:
        rows = session.execute(select(PartnerEmbedding.organization_id, PartnerEmbedding.text_hash))
        return dict(rows.all())


@ONE_DATABASE
def test_the_model_ranks_by_meaning(
    model_client: TestClient, admin: dict[str, str], demo_db: Database,
    minilm: SentenceTransformerEmbedder,
) -> None:  # fmt: skip
    # The service computes every partner's vector on its own (the background work), once:
    # computing again finds nothing to do, as the texts have not changed.
    model_client.app.state.index.wait(120)  # type: ignore[attr-defined]
    assert len(stored(demo_db)) == 68
    assert embed_all(demo_db, minilm) == 0
    query = {"text": "nurses who can host clinical rotations for allied health students",
             "limit": 5, "include_at_risk": True}  # fmt: skip
    data = model_client.post("/v1/matches", json=query, headers=admin).json()
    assert data["embedder"] == MINILM
    orgs = {o["id"]: o for o in model_client.get(
        "/v1/organizations?limit=100", headers=admin).json()["items"]}  # fmt: skip
    top = [orgs[m["organization_id"]] for m in data["items"][:3]]
    assert all("health_sciences" in o["sectors"] for o in top), [o["name"] for o in top]
    assert data["items"][0]["components"]["semantic"] > 0.4


def test_only_a_changed_text_is_embedded_again(
    model_client: TestClient, admin: dict[str, str], demo_db: Database,
    minilm: SentenceTransformerEmbedder,
) -> None:  # fmt: skip
    embed_all(demo_db, minilm)
    before = stored(demo_db)
    assert len(before) == 68
    # A partner rankings show: none of the demo's resting ones.
    resting = client_held(model_client, admin)
    org_id = min(set(before) - resting)
    query = {"text": "beekeeping apprenticeships", "limit": 100, "include_at_risk": True}

    def semantic() -> float:
        items = model_client.post("/v1/matches", json=query, headers=admin).json()["items"]
        return float(next(m for m in items if m["organization_id"] == org_id)
                     ["components"]["semantic"])  # fmt: skip

    unrelated = semantic()
    beekeeping = {"description": "Commercial beekeeping and honey."}
    changed = model_client.patch(f"/v1/organizations/{org_id}", headers=admin, json=beekeeping)
    assert changed.status_code == 200
    assert semantic() > unrelated + 0.2  # the next ranking already reads the new text
    # The background work stores the new vector at its next look at the change log.
    deadline = time.monotonic() + 30
    while stored(demo_db)[org_id] == before[org_id] and time.monotonic() < deadline:
        time.sleep(0.05)
    after = stored(demo_db)
    assert after[org_id] != before[org_id]
    assert {k: v for k, v in after.items() if k != org_id} == {
        k: v for k, v in before.items() if k != org_id
    }


def client_held(client: TestClient, headers: dict[str, str]) -> set[int]:
    """The partners on a do-not-ask hold today, left out of every ranking."""
    holds = client.get("/v1/holds?active=true&limit=100", headers=headers).json()["items"]
    return {h["organization_id"] for h in holds}


def need_titled(client: TestClient, headers: dict[str, str], title: str) -> dict:  # type: ignore[type-arg]
    needs = client.get("/v1/needs?limit=100", headers=headers).json()["items"]
    return next(n for n in needs if n["title"].startswith(title))


@ONE_DATABASE
def test_relevance_decides_who_is_a_candidate(
    model_client: TestClient, admin: dict[str, str], demo_db: Database,
    minilm: SentenceTransformerEmbedder,
) -> None:  # fmt: skip
    """The issue's first complaint: code-review mentors for an IT pathway were led by a trades
    collective and a nursing home. Whoever leads now is of a kind the need asks for, and no
    partner that works only in health care (or is a community org) makes the top 5."""
    embed_all(demo_db, minilm)
    need = need_titled(model_client, admin, "Code-review mentors")
    orgs = {o["id"]: o for o in model_client.get(
        "/v1/organizations?limit=100", headers=admin).json()["items"]}  # fmt: skip
    data = model_client.get(f"/v1/needs/{need['id']}/matches?limit=5", headers=admin).json()
    top = [orgs[m["organization_id"]] for m in data["items"]]
    assert len(top) == 5
    assert all(o["kind"] in need["partner_kinds"] for o in top), [o["name"] for o in top]
    assert not [o["name"] for o in top if o["sectors"] == ["health_sciences"]]
    # Few partners fit this need well (the IT heavy hitters are at critical risk): it says so.
    fits = [m["fit"] for m in data["items"]]
    assert fits == sorted(fits, key=lambda f: f != "good")  # good ones first
    assert data["good_matches"] == fits.count("good") < 5
    assert data["note"] is not None
    assert "this need well" in data["note"] or "no partner fits" in data["note"]
    assert data["note"] in data["notes"]
    for m in data["items"]:
        weak = any(r.startswith("a weak match") for r in m["explanation"])
        assert weak == (m["fit"] == "weak")

    # One eager interview (interest 5, 40 hours, every slot free, says it mentors) for a nursing
    # home does not lift it past the partners that fit, interviewed or not.
    home = next(o for o in orgs.values() if o["sectors"] == ["health_sciences"]
                and o["kind"] == "employer" and o["region"] != need["region"])  # fmt: skip
    eager = {"organization_id": home["id"], "conducted_at": datetime.now(UTC).isoformat(),
             "interest_level": 5, "capacity_hours_per_month": 40,
             "max_concurrent_engagements": 6, "engagement_types": ["mentoring"]}  # fmt: skip
    assert model_client.post("/v1/interviews", json=eager, headers=admin).status_code == 201
    after = model_client.get(f"/v1/needs/{need['id']}/matches?limit=20", headers=admin).json()
    names = [m["name"] for m in after["items"]]
    unknown = [m["name"] for m in after["items"] if m["capacity_unknown"]
               and "information_technology" in orgs[m["organization_id"]]["sectors"]]  # fmt: skip
    assert unknown, names  # a never-interviewed IT partner is a candidate
    assert home["name"] not in names[:5]
    if home["name"] in names:
        assert names.index(unknown[0]) < names.index(home["name"])


@ONE_DATABASE
def test_free_text_search_finds_healthcare_hosts(
    model_client: TestClient, admin: dict[str, str], demo_db: Database,
    minilm: SentenceTransformerEmbedder,
) -> None:  # fmt: skip
    embed_all(demo_db, minilm)
    query = {"text": "CNA clinical hosts: skilled nursing or hospital sites where certified "
             "nursing assistant students complete their clinical hours", "limit": 5}  # fmt: skip
    data = model_client.post("/v1/matches", json=query, headers=admin).json()
    orgs = {o["id"]: o for o in model_client.get(
        "/v1/organizations?limit=100", headers=admin).json()["items"]}  # fmt: skip
    top = [orgs[m["organization_id"]] for m in data["items"]]
    hosts = [o["kind"] == "employer" and "health_sciences" in o["sectors"] for o in top]
    assert hosts[:2] == [True, True], [o["name"] for o in top]


@ONE_DATABASE
def test_plain_words_are_read_for_the_type_kinds_and_sectors_they_name(
    model_client: TestClient, admin: dict[str, str], demo_db: Database,
    minilm: SentenceTransformerEmbedder,
) -> None:  # fmt: skip
    """A recruiter types a sentence and states no field: the words say mentoring, a company
    and software, the answer says so, and the top of the list is IT employers (before the
    words were read, a school district and a trades collective led it)."""
    embed_all(demo_db, minilm)
    query = {"text": "someone from a software company to review student code and mentor",
             "limit": 5}  # fmt: skip
    data = model_client.post("/v1/matches", json=query, headers=admin).json()
    notes = " | ".join(data["notes"])
    assert "read as mentoring from “mentor”" in notes
    assert "looking for employers (“company”)" in notes
    assert "field read: information technology (“software”)" in notes
    orgs = {o["id"]: o for o in model_client.get(
        "/v1/organizations?limit=100", headers=admin).json()["items"]}  # fmt: skip
    top = [orgs[m["organization_id"]] for m in data["items"][:3]]
    assert all(o["kind"] == "employer" and "information_technology" in o["sectors"] for o in top), [
        o["name"] for o in top
    ]


@ONE_DATABASE
def test_a_stored_need_naming_no_sector_has_them_read_from_its_words(
    model_client: TestClient, admin: dict[str, str], demo_db: Database,
    minilm: SentenceTransformerEmbedder,
) -> None:  # fmt: skip
    """A need filed with a title, a description and a type but no sectors: two are read from
    its words and said; the kinds it leaves open stay open (no employers assumed)."""
    embed_all(demo_db, minilm)
    body = {"title": "Clinical hours for CNA students",
            "description": "Skilled nursing or hospital sites where our certified nursing "
                           "assistant students complete their clinical hours.",
            "engagement_type": "work_based_learning", "program": "Valley CNA Pathway"}  # fmt: skip
    created = model_client.post("/v1/needs", json=body, headers=admin)
    assert created.status_code == 201, created.text
    data = model_client.get(
        f"/v1/needs/{created.json()['id']}/matches?limit=5", headers=admin
    ).json()
    [said] = [n for n in data["notes"] if n.startswith("sectors read from the words")]
    assert "health sciences (“" in said  # the label in the sentence; the value in `sectors`
    assert not any(n.startswith(("looking for", "read as")) for n in data["notes"])
    orgs = {o["id"]: o for o in model_client.get(
        "/v1/organizations?limit=100", headers=admin).json()["items"]}  # fmt: skip
    top = [orgs[m["organization_id"]] for m in data["items"][:3]]
    assert all("health_sciences" in o["sectors"] for o in top), [o["name"] for o in top]


@ONE_DATABASE
def test_words_for_work_no_partner_does_find_no_good_fit(
    model_client: TestClient, admin: dict[str, str], demo_db: Database,
    minilm: SentenceTransformerEmbedder,
) -> None:  # fmt: skip
    """No demo partner cooks: the answer says first that nobody on file does the work and whom
    to recruit, then that nothing fits well, and marks every partner weak (an electrical
    contractor was called a good fit for culinary students: its kind and the sector read from
    a first ranking matched, though its profile reads far from the words)."""
    embed_all(demo_db, minilm)
    query = {"text": "A chef to teach knife skills to our culinary arts students", "limit": 5}
    data = model_client.post("/v1/matches", json=query, headers=admin).json()
    gap = "no partner on file does hospitality, culinary and tourism work: recruit employers"
    assert data["notes"][0].startswith(gap), data["notes"]
    assert data["field_gap"] == data["notes"][0]
    assert data["notes"][1] == "no partner fits this need well; all of these are weak matches"
    assert [m["fit"] for m in data["items"]] == ["weak"] * 5
    # A sentence some partners do fit still finds them, and every one called good reads
    # at least related to it.
    query = {"text": "Nurses to mentor our CNA students", "limit": 5}
    items = model_client.post("/v1/matches", json=query, headers=admin).json()["items"]
    good = [m for m in items if m["fit"] == "good"]
    assert good
    assert all("reads far from" not in " ".join(m["explanation"]) for m in good)


@ONE_DATABASE
def test_a_workplace_named_in_words_may_be_an_agencys_and_a_specialty_may_be_read_by_meaning(
    model_client: TestClient, admin: dict[str, str], demo_db: Database,
    minilm: SentenceTransformerEmbedder,
) -> None:  # fmt: skip
    """Two misses of the typed set, on partners added to the demo: a need naming a workplace
    ("a maintenance shop") asks for whoever runs it, and a public agency runs some (it was
    refused as "an agency; the need asks for employer"); a hospital whose profile speaks of
    its respiratory therapists does the clinical work a respiratory care program asks for,
    though its words never say "clinical" (it was labelled weak, and the answer said nothing
    fits)."""
    made = [
        {"name": "Gull Point Transit District", "kind": "agency", "region": "North Coast",
         "sectors": ["transportation_logistics", "public_service"],
         "description": "The public agency running the North Coast's buses and ferries. Its "
                        "maintenance shop in Port Alder keeps 60 diesel buses and two ferries "
                        "running and trains its own diesel mechanics."},
        {"name": "Harbor Light Hospital", "kind": "employer", "region": "North Coast",
         "sectors": ["health_sciences"],
         "description": "A 90-bed hospital in Port Alder, short of respiratory therapists. "
                        "Its respiratory therapists precept students on the wards and in the "
                        "ICU."},
    ]  # fmt: skip
    ids = {}
    for org in made:
        answer = model_client.post("/v1/organizations", json=org, headers=admin)
        assert answer.status_code == 201, answer.text
        ids[org["name"]] = answer.json()["id"]
    embed_all(demo_db, minilm)

    def fit(text: str, name: str) -> dict:  # type: ignore[type-arg]
        data = model_client.post("/v1/matches", json={"text": text, "limit": 10}, headers=admin)
        assert data.status_code == 200, data.text
        found = {m["organization_id"]: m for m in data.json()["items"]}
        assert ids[name] in found, [m["name"] for m in data.json()["items"]]
        return found[ids[name]]  # type: ignore[no-any-return]

    shop = fit("Port Alder diesel students need WBL in a bus or ferry maintenance shop",
               "Gull Point Transit District")  # fmt: skip
    assert shop["fit"] == "good", shop["explanation"]
    assert "an agency: a public employer, as the need asks for employer" in shop["explanation"]
    rotation = fit("Our CC's respiratory care students need a clinical rotation site on the "
                   "North Coast for spring. Must have an RT department willing to precept.",
                   "Harbor Light Hospital")  # fmt: skip
    assert rotation["fit"] == "good", " | ".join(rotation["explanation"])
    assert "their profile reads near clinical, though not in those words" in rotation["explanation"]
    # "CC's" left an "s" among the words the profile shares with the need.
    shared = next(r for r in rotation["explanation"] if r.startswith("their profile uses"))
    assert "s" not in shared.removeprefix("their profile uses the need's words ").split(", ")
