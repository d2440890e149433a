"""The real path: the bundled all-MiniLM-L6-v2, loaded offline, ranking the demo partners;
vectors stored with the hash of their text and recomputed only when that text changes."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import Database
from app.main import create_app
from app.matches.index import embed_all
from app.matches.models import PartnerEmbedding
from matching.embeddings import MINILM, SentenceTransformerEmbedder


@pytest.fixture(scope="module")
def minilm() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


@pytest.fixture
def model_client(demo_db: Database, minilm: SentenceTransformerEmbedder) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=demo_db.url), db=demo_db, embedder=minilm)
    with TestClient(app) as client:
        yield client


def stored(db: Database) -> dict[int, str]:
    with db.sessionmaker() as session:
        rows = session.execute(select(PartnerEmbedding.organization_id, PartnerEmbedding.text_hash))
        return dict(rows.all())


def test_the_model_ranks_by_meaning(
    model_client: TestClient, admin: dict[str, str], demo_db: Database,
    minilm: SentenceTransformerEmbedder,
) -> None:  # fmt: skip
    assert embed_all(demo_db, minilm) == 68  # the first time, every partner
    assert embed_all(demo_db, minilm) == 0  # then nothing: the texts have not changed
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
    org_id = min(before)
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
    after = stored(demo_db)
    assert after[org_id] != before[org_id]
    assert {k: v for k, v in after.items() if k != org_id} == {
        k: v for k, v in before.items() if k != org_id
    }
