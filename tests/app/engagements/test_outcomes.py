"""What came of an ask: outcome figures are stored, bounded and exported; an ask marked
completed without the hours actually given is refused, naming hours_actual."""

import csv
import io

import pytest
from fastapi.testclient import TestClient

from tests.helpers import bodies, stored_chain

OUTCOMES = {"students_served": 24, "hires": 2, "credentials_earned": 5,
            "outcome_note": "Two juniors hired for the summer."}  # fmt: skip


def test_completing_an_ask_records_its_outcomes_and_hours(
    client: TestClient, admin: dict[str, str]
) -> None:
    ask = client.post("/v1/engagements", json=bodies(stored_chain(client, admin))["engagements"],
                      headers=admin).json()  # fmt: skip
    path = f"/v1/engagements/{ask['id']}"

    refused = client.patch(path, json={"status": "completed"} | OUTCOMES, headers=admin)
    assert refused.status_code == 422
    problem = refused.json()
    assert [e["field"] for e in problem["errors"]] == ["hours_actual"]
    assert "hours the partner actually gave" in problem["detail"]
    assert client.get(path, headers=admin).json()["status"] == "asked"  # nothing written

    done = client.patch(
        path, json={"status": "completed", "hours_actual": 7.5} | OUTCOMES, headers=admin
    )
    assert done.status_code == 200, done.text
    assert done.json() | OUTCOMES == done.json()
    assert done.json()["hours_actual"] == 7.5
    # Zero hours is an answer, and other fields of the completed ask stay editable.
    assert client.patch(path, json={"hours_actual": 0}, headers=admin).status_code == 200
    assert client.patch(path, json={"hires": 3}, headers=admin).json()["hires"] == 3
    cleared = client.patch(path, json={"hours_actual": None}, headers=admin)
    assert cleared.status_code == 422

    exported = client.get("/v1/export/engagements.csv", headers=admin).text
    row = next(csv.DictReader(io.StringIO(exported)))
    assert (row["students_served"], row["hires"], row["credentials_earned"]) == ("24", "3", "5")
    assert row["outcome_note"] == OUTCOMES["outcome_note"]


def test_a_new_completed_ask_without_hours_is_refused(
    client: TestClient, admin: dict[str, str]
) -> None:
    body = bodies(stored_chain(client, admin))["engagements"] | {"status": "completed"}
    response = client.post("/v1/engagements", json=body, headers=admin)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "hours_actual"
    assert client.get("/v1/engagements", headers=admin).json()["items"] == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("students_served", -1), ("hires", 100_001), ("credentials_earned", 2.5),
     ("students_served", "12"), ("outcome_note", "x" * 2001), ("outcome_note", "a\x00b")],
)  # fmt: skip
def test_bad_outcomes_are_refused_naming_the_field(
    client: TestClient, admin: dict[str, str], field: str, value: object
) -> None:
    body = bodies(stored_chain(client, admin))["engagements"]
    response = client.post(
        "/v1/engagements",
        json=body | {"status": "completed", "hours_actual": 3, field: value},
        headers=admin,
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_outcomes_import_from_csv(client: TestClient, admin: dict[str, str]) -> None:
    chain = stored_chain(client, admin)
    header = "organization_id,program,engagement_type,status,hours_actual,students_served,hires"
    rows = [
        f"{chain['organization']['id']},Riverbend CC,job_shadow,completed,4,30,1",
        f"{chain['organization']['id']},Riverbend CC,job_shadow,completed,,30,1",
    ]
    imported = client.post(
        "/v1/import/engagements",
        content="\n".join([header, *rows]),
        headers=admin | {"Content-Type": "text/csv"},
    )
    assert imported.status_code == 200, imported.text
    report = imported.json()
    assert report["created"] == 1
    assert [r["field"] for r in report["rejected"]] == ["hours_actual"]
    stored = client.get("/v1/engagements", headers=admin).json()["items"]
    assert (stored[0]["students_served"], stored[0]["hires"]) == (30, 1)
