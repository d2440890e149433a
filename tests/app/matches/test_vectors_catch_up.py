"""Vectors catch up where people can see it (issue 26): an organizations import says how many
profiles wait to be read and /metrics counts them down; two processes reading the same new
profiles compute each vector once (the second waits for the first, then finds them stored)."""

import threading
from collections.abc import Sequence

import numpy as np
from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select

from app.config import Settings
from app.db import Database
from app.main import create_app
from app.matches.index import embed_all, outdated
from app.matches.models import PartnerEmbedding
from app.organizations.models import Organization
from app.types import utcnow
from tests.app.matches.test_index import WordHashEmbedder

CSV = "external_id,name,kind,sectors,region,description\n" + "".join(
    f"crm-{i},Partner {i},employer,energy,River Valley,solar installer number {i}\n"
    for i in range(30)
)


def waiting_on_metrics(client: TestClient) -> float:
    text = client.get("/metrics").text
    line = next(x for x in text.splitlines() if x.startswith("partnermatch_vectors_waiting "))
    return float(line.split()[1])


def test_an_import_says_how_many_profiles_wait_and_metrics_count_them_down(
    db: Database, admin: dict[str, str]
) -> None:
    embedder = WordHashEmbedder()
    app = create_app(Settings(database_url=db.url, webhook_worker=False), db=db,
                     embedder=embedder)  # fmt: skip
    with TestClient(app) as client:
        headers = admin | {"Content-Type": "text/csv"}
        first = client.post("/v1/import/organizations", content=CSV, headers=headers)
        assert first.status_code == 200, first.text
        assert first.json()["created"] == 30
        assert first.json()["vectors_pending"] == 30
        app.state.index.wait(30)
        assert waiting_on_metrics(client) == 0
        again = client.post("/v1/import/organizations", content=CSV, headers=headers)
        assert again.json()["unchanged"] == 30
        assert again.json()["vectors_pending"] == 0
        contacts = client.post(
            "/v1/import/contacts", content="external_id,organization_id,name\n",
            headers=headers,
        )  # fmt: skip
        assert contacts.json()["vectors_pending"] is None  # no profiles in a contacts file
    with db.sessionmaker() as session:
        assert session.scalar(select(func.count()).select_from(PartnerEmbedding)) == 30


class HeldEmbedder(WordHashEmbedder):
    """Says when it is first called, then waits to be let go."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = threading.Event()
        self.go_on = threading.Event()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.inside.set()
        self.go_on.wait(30)
        return super().embed(texts)


def test_two_processes_compute_each_new_vector_once(db: Database) -> None:
    now = utcnow()
    with db.engine.begin() as conn:
        conn.execute(insert(Organization), [
            {"name": f"Partner {i}", "kind": "employer", "sectors": [], "version": 1,
             "description": f"general contractor {i}", "created_at": now, "updated_at": now}
            for i in range(40)
        ])  # fmt: skip
    first, second = HeldEmbedder(), WordHashEmbedder()
    other = Database(db.url)  # another process's engine on the same database
    done: dict[str, int] = {}
    a = threading.Thread(target=lambda: done.__setitem__("a", embed_all(db, first)))
    b = threading.Thread(target=lambda: done.__setitem__("b", embed_all(other, second)))
    try:
        a.start()
        assert first.inside.wait(30)  # the first is computing, holding the lock
        b.start()
        b.join(0.5)
        # The second waits for the first instead of computing the same vectors beside it.
        assert b.is_alive()
        assert second.calls == []
        first.go_on.set()
        a.join(30)
        b.join(30)
    finally:
        first.go_on.set()
        other.dispose()
    assert done == {"a": 40, "b": 0}
    assert second.calls == []
    assert outdated(db, first) == []
