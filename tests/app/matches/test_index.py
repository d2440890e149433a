"""The per-process index: many missing vectors are computed in the background while the
partners rank without meaning; weights come from settings. A small deterministic embedder
stands in for the model here (tests/app/matches/test_real_model.py runs the real one)."""

import gc
import hashlib
import threading
from collections.abc import Sequence

import numpy as np
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import func, insert, select

from app.config import Settings
from app.db import Database
from app.main import create_app
from app.matches import index as index_module
from app.matches import repository as matches_repository
from app.matches.models import PartnerEmbedding
from app.organizations.models import Organization
from app.types import utcnow


class WordHashEmbedder:
    """Words hashed into 64 dimensions: deterministic, instant, and dense like the model."""

    name = "test-word-hash-64"
    dim = 64
    dense = True

    def __init__(self) -> None:
        self.calls: list[int] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        unit: np.ndarray = np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)
        return unit


class GatedEmbedder(WordHashEmbedder):
    """Holds a batch of partner texts (ten or more at once) until the gate opens, so a query
    can meet their vectors missing; a query's own few texts pass."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = threading.Event()
        self.gate = threading.Event()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) >= 10:
            self.inside.set()
            self.gate.wait(30)
        return super().embed(texts)


def test_many_missing_vectors_are_computed_in_the_background(
    db: Database, admin: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "SYNC_LIMIT", 5)
    now = utcnow()
    with db.engine.begin() as conn:
        conn.execute(insert(Organization), [
            {"name": f"Partner {i}", "kind": "employer", "sectors": [], "version": 1,
             "description": "orchard apples" if i == 7 else "general contractor",
             "created_at": now, "updated_at": now}
            for i in range(40)
        ])  # fmt: skip
    embedder = GatedEmbedder()
    # The first query builds the index (not the start): it meets the missing vectors, which
    # the background work is computing (held at the gate).
    app = create_app(Settings(database_url=db.url, index_warm=False), db=db, embedder=embedder)
    with TestClient(app) as client:
        try:
            assert embedder.inside.wait(30)  # the background work is computing them
            first = client.post("/v1/matches", json={"text": "orchard apples", "limit": 40},
                                headers=admin).json()  # fmt: skip
        finally:
            embedder.gate.set()
        assert len(first["items"]) == 40  # answered at once, meaning or not
        assert any("still being embedded" in note for note in first["notes"])
        app.state.index.wait(30)
        later = client.post("/v1/matches", json={"text": "orchard apples", "limit": 3},
                            headers=admin).json()  # fmt: skip
        assert not any("still being embedded" in note for note in later["notes"])
        assert later["items"][0]["name"] == "Partner 7"
    with db.sessionmaker() as session:
        stored = session.scalar(select(func.count()).select_from(PartnerEmbedding))
    assert stored == 40
    assert 40 in embedder.calls  # one background batch, not one text at a time


def test_weights_are_settings_and_must_sum_to_one() -> None:
    with pytest.raises(ValidationError, match="must sum to 1"):
        Settings(weight_semantic=0.9)
    Settings(weight_semantic=0.7, weight_fit=0.1, weight_interest=0.1, weight_capacity=0.1)


def test_the_cycle_collector_is_paused_only_while_builds_run() -> None:
    """Builds side by side keep the collector paused until the last one ends, and a collector
    someone else turned off stays off."""
    assert gc.isenabled()
    first, second = index_module.no_cycle_collection(), index_module.no_cycle_collection()
    first.__enter__()
    second.__enter__()
    assert not gc.isenabled()
    first.__exit__(None, None, None)
    assert not gc.isenabled()  # the other build still runs
    second.__exit__(None, None, None)
    assert gc.isenabled()
    gc.disable()
    try:
        with index_module.no_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_build_leaves_the_collector_on_even_when_it_fails(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(matches_repository, "profiles", broken)
    index = index_module.PartnerIndex(db, WordHashEmbedder())
    with db.sessionmaker() as session, pytest.raises(RuntimeError):
        index.get(session)
    assert gc.isenabled()


def test_a_query_writes_no_vector_and_the_background_work_stores_them(
    db: Database, admin: dict[str, str]
) -> None:
    """With the background work in another process (BACKGROUND=off here), a query embeds the
    few vectors it meets missing for itself and stores none; that process's worker stores
    them when it reads the change log the write stamped."""
    from app.matches.vectors import VectorWorker

    embedder = WordHashEmbedder()
    app = create_app(Settings(database_url=db.url, background="off"), db=db, embedder=embedder)
    with TestClient(app) as client:
        made = [client.post("/v1/organizations", headers=admin, json={
            "name": f"Orchard {i}", "kind": "employer", "sectors": ["agriculture"],
            "description": "apple orchard and packing shed"}) for i in range(3)]  # fmt: skip
        assert all(r.status_code == 201 for r in made)
        found = client.post("/v1/matches", json={"text": "apple orchard", "limit": 3},
                            headers=admin).json()  # fmt: skip
        assert found["items"][0]["components"]["semantic"] > 0.5  # read by meaning already
    with db.sessionmaker() as session:
        assert session.scalar(select(func.count()).select_from(PartnerEmbedding)) == 0

    worker = VectorWorker(db, embedder, every=60)  # the worker process's
    worker.embed_due()  # its first pass: every missing vector
    with db.sessionmaker() as session:
        assert session.scalar(select(func.count()).select_from(PartnerEmbedding)) == 3
    # A profile changed later is found by its next pass through the change log alone.
    with TestClient(app) as client:
        assert client.patch(f"/v1/organizations/{made[0].json()['id']}", headers=admin,
                            json={"description": "cherry orchard"}).status_code == 200  # fmt: skip
    calls = len(embedder.calls)
    worker.embed_due()
    assert embedder.calls[calls:] == [1]  # that one text, no other
