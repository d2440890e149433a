"""Bulk import and export: per-row reports, atomic imports, bad files, lossless round trips."""

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.integrations.bulk import Bulk, FileFormat, Importer, Rejected
from app.main import create_app
from app.organizations.models import Organization
from app.writes.service import WriteService
from tests.conftest import AuthFor

CSV = {"Content-Type": "text/csv"}
JSONL = {"Content-Type": "application/x-ndjson"}

ORGS = """external_id,name,kind,sectors,region,description
sf-1,Acme Tool,employer,advanced_manufacturing;energy,River Valley,CNC shop
sf-2,Valley College,college,health_sciences,River Valley,
sf-3,Lakeside Health,employer,health_sciences,Lakeside,"Hospital, clinics
and a lab"
"""


def _import(
    client: TestClient, headers: dict[str, str], resource: str, body: str, **params: Any
) -> Any:
    response = client.post(
        f"/v1/import/{resource}", content=body.encode(), params=params, headers=headers | CSV
    )
    return response


def _all(client: TestClient, headers: dict[str, str], path: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 100} | ({"cursor": cursor} if cursor else {})
        page = client.get(f"/v1/{path}", params=params, headers=headers).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def test_csv_import_creates_then_updates_by_external_id(
    client: TestClient, admin: dict[str, str]
) -> None:
    first = _import(client, admin, "organizations", ORGS)
    assert first.status_code == 200, first.text
    assert first.json() | {"rejected": []} == {
        "resource": "organizations",
        "atomic": False,
        "written": True,
        "rows": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "rejected_rows": 0,
        "rejected": [],
        "vectors_pending": 0,  # the tests' TF-IDF embedder stores no vectors to wait for
    }
    stored = {o["external_id"]: o for o in _all(client, admin, "organizations")}
    assert stored["sf-1"]["sectors"] == ["advanced_manufacturing", "energy"]
    assert stored["sf-3"]["description"] == "Hospital, clinics\nand a lab"
    assert stored["sf-2"]["description"] == ""  # an empty cell takes the default

    changed = ORGS.replace("Acme Tool,", "Acme Tool & Die,")
    second = _import(client, admin, "organizations", changed).json()
    # Only the renamed row is written; the two others are as stored.
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 1, 2)
    names = {o["external_id"]: o["name"] for o in _all(client, admin, "organizations")}
    assert names["sf-1"] == "Acme Tool & Die"
    assert len(names) == 3


BAD_ROWS = """external_id,name,kind,sectors
a,Good One,employer,energy
b,,employer,
c,Bad Kind,spaceship,
d,Good Two,college,
a,Same Id,employer,
e,Too,many,cells,here
"""


def test_bad_rows_are_reported_and_good_rows_written(
    client: TestClient, admin: dict[str, str]
) -> None:
    report = _import(client, admin, "organizations", BAD_ROWS).json()
    assert (report["rows"], report["created"], report["rejected_rows"]) == (6, 2, 4)
    assert [r["line"] for r in report["rejected"]] == [3, 4, 6, 7]  # in the file's order
    by_line = {r["line"]: r for r in report["rejected"]}
    assert by_line[3]["field"] == "name"
    assert by_line[4]["field"] == "kind"
    assert "employer" in by_line[4]["message"]  # says what would have been right
    assert by_line[6] == {"line": 6, "field": "external_id", "message": "'a' is also on line 2"}
    assert by_line[7]["field"] == "row"
    assert {o["name"] for o in _all(client, admin, "organizations")} == {"Good One", "Good Two"}


def test_atomic_import_writes_nothing_when_a_row_is_bad(
    client: TestClient, admin: dict[str, str]
) -> None:
    response = _import(client, admin, "organizations", BAD_ROWS, atomic="true")
    assert response.status_code == 422
    problem = response.json()
    assert "nothing was written" in problem["detail"]
    assert any(e["location"] == "line 4" and e["field"] == "kind" for e in problem["errors"])
    assert _all(client, admin, "organizations") == []

    good = _import(client, admin, "organizations", ORGS, atomic="true")
    assert good.status_code == 200
    assert good.json()["created"] == 3


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("", "empty"),
        ("external_id;name;kind\nx;Acme;employer\n", "commas"),
        ("external_id,kind\nx,employer\n", "missing required column(s): name"),
        ("name,kind,colour\nAcme,employer,red\n", "unknown column(s) 'colour'"),
        ("name,kind,name\nAcme,employer,Acme\n", "named twice"),
    ],
)
def test_a_bad_header_refuses_the_file(
    client: TestClient, admin: dict[str, str], body: str, words: str
) -> None:
    response = _import(client, admin, "organizations", body)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "header"
    assert words in response.json()["detail"]
    assert _all(client, admin, "organizations") == []


def test_an_empty_json_lines_file_is_refused(client: TestClient, admin: dict[str, str]) -> None:
    response = client.post("/v1/import/needs", content=b"\n \n", headers=admin | JSONL)
    assert response.status_code == 422
    assert "empty" in response.json()["detail"]


def test_text_that_is_not_utf8_refuses_the_file(client: TestClient, admin: dict[str, str]) -> None:
    body = "name,kind\nAcme,employer\nCaf\xe9,employer\n".encode("latin-1")
    response = client.post("/v1/import/organizations", content=body, headers=admin | CSV)
    assert response.status_code == 422
    assert "line 3 is not UTF-8" in response.json()["detail"]
    assert _all(client, admin, "organizations") == []


def test_an_excel_byte_order_mark_is_fine(client: TestClient, admin: dict[str, str]) -> None:
    body = "\ufeffname,kind\nAcme,employer\n".encode()
    response = client.post("/v1/import/organizations", content=body, headers=admin | CSV)
    assert response.json()["created"] == 1


def test_unknown_media_type_is_415(client: TestClient, admin: dict[str, str]) -> None:
    response = client.post(
        "/v1/import/organizations",
        content=b"name,kind\n",
        headers=admin | {"Content-Type": "application/pdf"},
    )
    assert response.status_code == 415
    assert response.json()["errors"][0]["field"] == "Content-Type"
    by_query = client.post(
        "/v1/import/organizations?format=csv",
        content=b"name,kind\nAcme,employer\n",
        headers=admin | {"Content-Type": "application/octet-stream"},
    )
    assert by_query.json()["created"] == 1
    # Bytes without ?format=: a leading `{` is JSON lines, anything else CSV.
    for body in (b'{"name": "Lines", "kind": "agency"}\n', b"name,kind\nComma,college\n"):
        guessed = client.post(
            "/v1/import/organizations",
            content=body,
            headers=admin | {"Content-Type": "application/octet-stream"},
        )
        assert guessed.json()["created"] == 1, guessed.text
    names = {o["name"] for o in _all(client, admin, "organizations")}
    assert {"Lines", "Comma"} <= names


def test_an_oversized_file_is_413_and_nothing_is_written(
    db: Database, keys: dict[Role, str]
) -> None:
    app = create_app(
        Settings(
            database_url=db.url, embedder="tfidf", max_import_bytes=4096, webhook_worker=False
        ),
        db=db,
    )
    body = "name,kind\n" + "Acme,employer\n" * 1000

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts what streams in
        data = body.encode()
        for start in range(0, len(data), 1000):
            yield data[start : start + 1000]

    admin = {"Authorization": f"Bearer {keys[Role.admin]}"}
    with TestClient(app) as client:
        declared = client.post("/v1/import/organizations", content=body, headers=admin | CSV)
        assert declared.status_code == 413
        streamed = client.post("/v1/import/organizations", content=chunks(), headers=admin | CSV)
        assert streamed.status_code == 413
        assert streamed.headers["content-type"] == "application/problem+json"
        assert _all(client, admin, "organizations") == []


def test_jsonl_contacts_name_their_organization_by_crm_id(
    client: TestClient, admin: dict[str, str]
) -> None:
    _import(client, admin, "organizations", ORGS)
    lines = [
        {
            "external_id": "c1",
            "organization_external_id": "sf-1",
            "name": "Dana",
            "skills": ["cnc"],
        },
        {"external_id": "c2", "organization_external_id": "nope", "name": "Sam"},
        "not an object",
        {"external_id": "c3", "organization_external_id": "sf-2", "name": "Lee", "age": 40},
    ]
    body = "\n".join(json.dumps(line) for line in lines) + "\n{broken\n"
    report = client.post("/v1/import/contacts", content=body, headers=admin | JSONL).json()
    assert report["created"] == 1
    rejected = {(r["line"], r["field"]) for r in report["rejected"]}
    assert rejected == {(2, "organization_external_id"), (3, "row"), (4, "age"), (5, "row")}
    [contact] = _all(client, admin, "contacts")
    assert (contact["organization_external_id"], contact["skills"]) == ("sf-1", ["cnc"])


def test_an_unknown_parameter_is_refused(client: TestClient, admin: dict[str, str]) -> None:
    response = _import(client, admin, "organizations", ORGS, atomik="true")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "atomik"
    assert _all(client, admin, "organizations") == []


def test_roles(client: TestClient, auth: AuthFor) -> None:
    need = "title,engagement_type,program\nGuest talks,guest_instruction,IT Academy\n"
    assert _import(client, auth(Role.viewer), "needs", need).status_code == 403
    assert _import(client, auth(Role.recruiter), "needs", need).status_code == 200
    assert _import(client, auth(Role.recruiter), "organizations", ORGS).status_code == 403
    assert client.get("/v1/export/needs.csv", headers=auth(Role.viewer)).status_code == 200
    assert client.get("/v1/export/needs.csv").status_code == 401
    assert client.get("/v1/export/keys.csv", headers=auth(Role.admin)).status_code == 422


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_then_import_loses_nothing(client: TestClient, admin: dict[str, str]) -> None:
    _import(client, admin, "organizations", ORGS)
    orgs = {o["external_id"]: o["id"] for o in _all(client, admin, "organizations")}
    plain = client.post(
        "/v1/organizations", json={"name": "No CRM id", "kind": "agency"}, headers=admin
    ).json()
    contacts = [
        {"organization_id": orgs["sf-1"], "external_id": "c1", "name": "Dana", "skills": ["a b"]},
        {"organization_id": plain["id"], "external_id": "c2", "name": "Sam", "title": "Chief"},
    ]
    for body in contacts:
        assert client.post("/v1/contacts", json=body, headers=admin).status_code == 201
    exported = client.get("/v1/export/contacts.csv", headers=admin)
    assert exported.headers["content-type"].startswith("text/csv")
    rows = _rows(exported.text)
    # By CRM id where the organization has one, else by id.
    assert (rows[0]["organization_id"], rows[0]["organization_external_id"]) == ("", "sf-1")
    assert (rows[1]["organization_id"], rows[1]["organization_external_id"]) == (
        str(plain["id"]),
        "",
    )

    # Re-importing the export changes nothing, and a second export is the same file.
    again = _import(client, admin, "contacts", exported.text).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert again["rejected"] == []
    assert client.get("/v1/export/contacts.csv", headers=admin).text == exported.text

    # Deleted and imported again from the export: the same records (new ids).
    for c in _all(client, admin, "contacts"):
        client.delete(f"/v1/contacts/{c['id']}", headers=admin)
    header, *lines = exported.text.splitlines()
    without_ids = "\n".join([header] + ["," + line.partition(",")[2] for line in lines])
    restored = _import(client, admin, "contacts", without_ids + "\n").json()
    assert restored["created"] == 2, restored
    after = _rows(client.get("/v1/export/contacts.csv", headers=admin).text)
    assert [{k: v for k, v in r.items() if k != "id"} for r in after] == [
        {k: v for k, v in r.items() if k != "id"} for r in rows
    ]


def test_import_by_id_needs_a_record_with_that_id(
    client: TestClient, admin: dict[str, str]
) -> None:
    report = _import(client, admin, "organizations", "id,name,kind\n999,Ghost,employer\n").json()
    assert report["rejected"] == [
        {
            "line": 2,
            "field": "id",
            "message": "no organization 999; leave id empty to create a record",
        }
    ]


def test_rows_are_written_a_batch_at_a_time(db: Database) -> None:
    body = "external_id,name,kind\n" + "".join(f"x{i},Org {i},employer\n" for i in range(1200))
    progress: list[int] = []
    batches: list[int] = []
    importer = Importer(
        db,
        Bulk.organizations,
        batch_size=500,
        progress=progress.append,
        on_batch=lambda ids: batches.append(len(ids)),
    )
    report = importer.run(io.BytesIO(body.encode()), FileFormat.csv)
    assert (report.rows, report.created) == (1200, 1200)
    assert progress == [500, 500, 200]
    assert batches == [500, 500, 200]


def test_a_batch_that_collides_is_written_row_by_row(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = "external_id,name,kind\nsf-2,Written meanwhile,agency\n"
    Importer(db, Bulk.organizations).run(io.BytesIO(before.encode()), FileFormat.csv)
    # A look-up that misses records written after it looked (as when another writer races
    # the import): the batch's insert collides with the stored record.
    monkeypatch.setattr(WriteService, "_existing_by_external_id", lambda *_: {})
    body = "external_id,name,kind\nsf-1,One,employer\nsf-2,Two,employer\nsf-3,Three,college\n"
    report = Importer(db, Bulk.organizations).run(io.BytesIO(body.encode()), FileFormat.csv)
    # The batch failed as a whole; row by row, only the colliding row is refused.
    assert (report.rows, report.created, report.updated) == (3, 2, 0)
    assert report.rejected == [Rejected(3, "row", "conflicts with a record written meanwhile")]
    with db.sessionmaker() as session:
        names = set(session.scalars(select(Organization.name)))
    assert names == {"Written meanwhile", "One", "Three"}
