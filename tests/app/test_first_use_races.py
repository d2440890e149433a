"""Names that create records on first use (a program named by a need, a sector or region value
named by a record) are created race-free: every concurrent valid request succeeds and exactly
one record exists. Each request is held until all of them have read that the name is new, so
they all try to create it at once, as a CRM syncing in parallel does."""

import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.db import Database
from app.domain import VocabularyField
from app.programs.models import Program
from app.vocabularies import service as vocabularies
from app.vocabularies.models import VocabularyEntry
from tests.helpers import organization

THREADS = 6


@pytest.fixture
def all_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each request's first reading of its vocabulary values (every write reads them before it
    creates what it names) waits until every request has read them."""
    barrier = threading.Barrier(THREADS, timeout=20)
    seen = threading.local()
    original: Callable[..., list[tuple[str, str]]] = vocabularies.canonical_values

    def held(session: Any, values: Any, fields: Sequence[VocabularyField], kept: Any = None) -> Any:
        found = original(session, values, fields, kept)
        if not getattr(seen, "done", False):
            seen.done = True
            barrier.wait()
        return found

    monkeypatch.setattr(vocabularies, "canonical_values", held)


def _in_parallel(send: Callable[[int], Any]) -> list[Any]:
    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(send, range(THREADS)))


def _count(db: Database, statement: Any) -> int:
    with db.sessionmaker() as session:
        return int(session.scalar(statement) or 0)


def test_parallel_records_naming_one_new_sector_and_region_all_succeed(
    client: TestClient, admin: Mapping[str, str], db: Database, all_at_once: None
) -> None:
    def send(i: int) -> tuple[int, str]:
        body = organization(name=f"Tidepool Farm {i}", sectors=["aquaponics"],
                            region="Salt Flats")  # fmt: skip
        response = client.post("/v1/organizations", json=body, headers=dict(admin))
        return response.status_code, response.text

    answers = _in_parallel(send)
    assert [code for code, _ in answers] == [201] * THREADS, answers
    for kind, value in (("sector", "aquaponics"), ("region", "Salt Flats")):
        stored = select(func.count()).select_from(VocabularyEntry).where(
            VocabularyEntry.kind == kind, VocabularyEntry.value == value)  # fmt: skip
        assert _count(db, stored) == 1


def test_parallel_needs_naming_one_new_program_all_succeed(
    client: TestClient, admin: Mapping[str, str], db: Database, all_at_once: None
) -> None:
    def send(i: int) -> tuple[int, Any]:
        body = {"title": f"Job shadows {i}", "engagement_type": "job_shadow",
                "program": "Tidepool Aquaculture Academy", "slots": 1}  # fmt: skip
        response = client.post("/v1/needs", json=body, headers=dict(admin))
        return response.status_code, response.json()

    answers = _in_parallel(send)
    assert [code for code, _ in answers] == [201] * THREADS, answers
    assert len({body["program_id"] for _, body in answers}) == 1
    named = select(func.count()).select_from(Program).where(
        func.lower(Program.name) == "tidepool aquaculture academy")  # fmt: skip
    assert _count(db, named) == 1


def test_one_new_value_in_several_spellings_at_once_is_one_entry_in_its_first_spelling(
    client: TestClient, admin: Mapping[str, str], db: Database, all_at_once: None
) -> None:
    """Spellings of one value ("Salt Flats", "salt-flats", "SALT_FLATS") are one value; sent at
    once as new, they made one entry each. And two records naming two new values in opposite
    orders used to deadlock on PostgreSQL."""
    spellings = [
        "Salt Flats",
        "salt-flats",
        "SALT_FLATS",
        "salt  flats",
        "Salt-Flats",
        "salt flats",
    ]

    def send(i: int) -> tuple[int, Any]:
        sectors = ["aquaponics", "kelp farming"][:: 1 if i % 2 else -1]
        body = organization(name=f"Tidepool Farm {i}", sectors=sectors, region=spellings[i])
        response = client.post("/v1/organizations", json=body, headers=dict(admin))
        return response.status_code, response.json()

    answers = _in_parallel(send)
    assert [code for code, _ in answers] == [201] * THREADS, answers
    with db.sessionmaker() as session:
        regions = session.scalars(
            select(VocabularyEntry.value).where(VocabularyEntry.kind == "region",
                                                VocabularyEntry.spelling == "salt flats")
        ).all()  # fmt: skip
    assert len(regions) == 1
    # Every record stores the one spelling that entry was stored in.
    assert {body["region"] for _, body in answers} == {regions[0]}
