"""Idempotency-Key: a retried POST is answered from the first answer and writes once."""

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import anyio
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.auth.models import Role
from app.auth.service import digest
from app.db import Database
from app.integrations.idempotency import (
    KEEP,
    LEASE,
    IdempotencyMiddleware,
    claim,
    renew,
    request_hasher,
    secret_answers,
)
from app.integrations.models import IdempotencyKey
from app.links.models import LinkPurpose
from app.schemas import SHOWN_ONCE
from app.types import utcnow
from tests.conftest import AuthFor
from tests.helpers import organization, stored_chain


def _organizations(client: TestClient, headers: dict[str, str]) -> int:
    return len(client.get("/v1/organizations", headers=headers).json()["items"])


def test_a_retry_gets_the_first_answer_and_writes_nothing(
    client: TestClient, admin: dict[str, str]
) -> None:
    headers = admin | {"Idempotency-Key": "create-acme-1"}
    first = client.post("/v1/organizations", json=organization(), headers=headers)
    assert first.status_code == 201
    again = client.post("/v1/organizations", json=organization(), headers=headers)
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert _organizations(client, admin) == 1

    # Another key is another request.
    other = client.post(
        "/v1/organizations", json=organization(), headers=admin | {"Idempotency-Key": "2"}
    )
    assert other.status_code == 201
    assert _organizations(client, admin) == 2


def test_the_same_key_with_another_body_is_422(client: TestClient, admin: dict[str, str]) -> None:
    headers = admin | {"Idempotency-Key": "k"}
    assert client.post("/v1/organizations", json=organization(), headers=headers).status_code == 201
    changed = client.post("/v1/organizations", json=organization(name="Other"), headers=headers)
    assert changed.status_code == 422
    assert changed.json()["errors"][0] == {
        "field": "Idempotency-Key",
        "location": "header",
        "message": "was already used with a different request; use a new key",
    }
    assert _organizations(client, admin) == 1


def test_errors_are_replayed_too_but_not_server_errors(
    client: TestClient, admin: dict[str, str]
) -> None:
    headers = admin | {"Idempotency-Key": "bad"}
    bad = client.post("/v1/organizations", json={"name": "x"}, headers=headers)
    assert bad.status_code == 422
    replay = client.post("/v1/organizations", json={"name": "x"}, headers=headers)
    assert (replay.status_code, replay.json()) == (422, bad.json())
    assert replay.headers["content-type"] == "application/problem+json"


def test_keys_belong_to_one_api_key(client: TestClient, auth: AuthFor) -> None:
    body = organization()
    a = client.post(
        "/v1/organizations", json=body, headers=auth(Role.admin) | {"Idempotency-Key": "k"}
    )
    b = client.post(
        "/v1/organizations", json=body, headers=auth(Role.convener) | {"Idempotency-Key": "k"}
    )
    assert (a.status_code, b.status_code) == (201, 201)
    assert a.json()["id"] != b.json()["id"]


def test_concurrent_requests_with_one_key_write_once(
    client: TestClient, admin: dict[str, str]
) -> None:
    headers = admin | {"Idempotency-Key": "race"}

    def send(_: int) -> tuple[int, int | None]:
        response = client.post("/v1/organizations", json=organization(), headers=headers)
        return response.status_code, response.json().get("id")

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(send, range(8)))
    # Each answer is the one write (first or replayed) or "still running, retry" (409).
    assert {code for code, _ in answers} <= {201, 409}
    assert len({oid for code, oid in answers if code == 201}) == 1
    assert _organizations(client, admin) == 1


def test_a_running_request_holds_its_key(
    client: TestClient, db: Database, keys: dict[Role, str], admin: dict[str, str]
) -> None:
    body = json.dumps(organization()).encode()
    hashed = request_hasher("POST", "/v1/organizations", b"")
    hashed.update(body)
    # Another process is running the first request with this key right now.
    with db.sessionmaker.begin() as session:
        owner = digest(keys[Role.admin])
        session.add(IdempotencyKey(owner=owner, key="busy", request_hash=hashed.hexdigest()))
    headers = admin | {"Idempotency-Key": "busy", "Content-Type": "application/json"}
    response = client.post("/v1/organizations", content=body, headers=headers)
    assert response.status_code == 409
    assert response.headers["Retry-After"] == "1"
    assert _organizations(client, admin) == 0


def test_claims_expire_and_abandoned_ones_are_taken_over(
    db: Database, keys: dict[Role, str]
) -> None:
    now, owner = utcnow(), digest(keys[Role.admin])
    first = claim(db, owner, "k", "hash", now)
    assert first.row_id is not None
    assert claim(db, owner, "k", "hash", now + timedelta(seconds=1)).conflict == "busy"
    taken = claim(db, owner, "k", "hash", now + LEASE + timedelta(seconds=1))
    assert taken.row_id == first.row_id
    # After 24 hours the key is forgotten: a new request may use it.
    later = claim(db, owner, "k", "another", now + KEEP + LEASE + timedelta(seconds=2))
    assert later.row_id is not None
    # Nothing is kept for a key that does not authenticate.
    assert claim(db, digest("pm_wrong"), "k", "hash", now).unknown_key


def test_bad_keys_are_refused(client: TestClient, admin: dict[str, str]) -> None:
    response = client.post(
        "/v1/organizations", json=organization(), headers=admin | {"Idempotency-Key": "x" * 256}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert _organizations(client, admin) == 0


def test_without_a_key_or_on_other_methods_nothing_changes(
    client: TestClient, admin: dict[str, str]
) -> None:
    for _ in range(2):
        client.post("/v1/organizations", json=organization(), headers=admin)
    assert _organizations(client, admin) == 2
    listed = client.get("/v1/organizations", headers=admin | {"Idempotency-Key": "k"})
    assert "Idempotent-Replayed" not in listed.headers


# Answers that show a secret once


def _stored(db: Database) -> list[IdempotencyKey]:
    with db.sessionmaker() as session:
        return list(session.scalars(select(IdempotencyKey)))


def test_a_new_api_key_is_never_kept_for_replays(
    client: TestClient, db: Database, admin: dict[str, str]
) -> None:
    headers = admin | {"Idempotency-Key": "new-key-1"}
    body = {"name": "CRM sync", "role": "recruiter"}
    first = client.post("/v1/keys", json=body, headers=headers)
    assert first.status_code == 201
    plain, key_id = first.json()["key"], first.json()["id"]
    [row] = _stored(db)
    assert plain.encode() not in (row.response_body or b"")
    assert plain not in json.dumps(row.response_headers)

    replay = client.post("/v1/keys", json=body, headers=headers)
    assert replay.status_code == 409
    assert replay.headers["content-type"] == "application/problem+json"
    assert plain not in replay.text
    detail = replay.json()["detail"]
    assert f"/v1/keys id {key_id}" in detail
    assert "shown only once" in detail
    assert "Retry-After" not in replay.headers  # retrying will not bring it back
    names = [k["name"] for k in client.get("/v1/keys", headers=admin).json()]
    assert names.count("CRM sync") == 1  # nothing made twice


def test_a_webhook_secret_is_never_kept_for_replays(
    client: TestClient, db: Database, admin: dict[str, str]
) -> None:
    headers = admin | {"Idempotency-Key": "hook-1"}
    body = {"url": "https://crm.example/hooks", "events": ["need.filled"]}
    first = client.post("/v1/webhooks", json=body, headers=headers)
    assert first.status_code == 201
    secret = first.json()["secret"]
    assert all(secret.encode() not in (row.response_body or b"") for row in _stored(db))
    replay = client.post("/v1/webhooks", json=body, headers=headers)
    assert replay.status_code == 409
    assert secret not in replay.text
    # Where the record is, so a client that lost the secret can delete it and subscribe again.
    assert replay.headers["Location"] == first.headers["Location"]
    assert first.headers["Location"] in replay.json()["detail"]
    assert len(client.get("/v1/webhooks", headers=admin).json()["items"]) == 1


def test_errors_of_secret_routes_are_replayed_as_usual(
    client: TestClient, admin: dict[str, str]
) -> None:
    headers = admin | {"Idempotency-Key": "bad-key"}
    bad = client.post("/v1/keys", json={"name": "x", "role": "owner"}, headers=headers)
    assert bad.status_code == 422
    replay = client.post("/v1/keys", json={"name": "x", "role": "owner"}, headers=headers)
    assert (replay.status_code, replay.json()) == (422, bad.json())
    assert replay.headers["Idempotent-Replayed"] == "true"


def test_a_secret_kept_before_this_rule_is_not_replayed_and_is_dropped(
    client: TestClient, db: Database, keys: dict[Role, str], admin: dict[str, str]
) -> None:
    request = json.dumps({"name": "old", "role": "viewer"}).encode()
    hashed = request_hasher("POST", "/v1/keys", b"")
    hashed.update(request)
    answer = {"id": 41, "name": "old", "role": "viewer", "key": "pm_leaked-before-the-fix"}
    with db.sessionmaker.begin() as session:
        session.add(
            IdempotencyKey(
                owner=digest(keys[Role.admin]),
                key="legacy",
                request_hash=hashed.hexdigest(),
                status_code=201,
                response_headers=["content-type:application/json"],
                response_body=json.dumps(answer).encode(),
            )
        )
    headers = admin | {"Idempotency-Key": "legacy", "Content-Type": "application/json"}
    replay = client.post("/v1/keys", content=request, headers=headers)
    assert replay.status_code == 409
    assert "pm_leaked" not in replay.text
    assert "/v1/keys id 41" in replay.json()["detail"]
    [row] = _stored(db)
    assert b"pm_leaked" not in (row.response_body or b"")


@pytest.mark.parametrize("purpose", list(LinkPurpose))
def test_a_partner_link_url_is_never_kept_for_replays(
    client: TestClient, db: Database, admin: dict[str, str], auth: AuthFor, purpose: LinkPurpose
) -> None:
    """The link's URL holds its token: a stored answer would open the contact's page (and, for
    a pause link, set a hold) for anyone reading the table during 24 hours."""
    chain = stored_chain(client, admin)
    contact_id = chain["contact"]["id"]
    headers = auth(Role.convener) | {"Idempotency-Key": f"link-{purpose.value}"}
    body: dict[str, object] = {"purpose": purpose.value, "expires_in_days": 7}
    if purpose is LinkPurpose.ask:  # an ask link answers one ask
        ask = client.post("/v1/engagements", headers=admin, json={
            "organization_id": chain["organization"]["id"], "program": "Lincoln High",
            "engagement_type": "job_shadow", "status": "asked"})  # fmt: skip
        body["engagement_id"] = ask.json()["id"]
    first = client.post(f"/v1/contacts/{contact_id}/links", json=body, headers=headers)
    assert first.status_code == 201, first.text
    url, link_id = first.json()["url"], first.json()["id"]
    token = url.rsplit("/p/", 1)[1]
    [row] = [r for r in _stored(db) if r.key == headers["Idempotency-Key"]]
    assert token.encode() not in (row.response_body or b"")
    assert token not in json.dumps(row.response_headers)
    kept = json.loads(row.response_body or b"")
    assert "url" not in kept
    assert kept["id"] == link_id  # the record is kept, so a repeat can name it

    replay = client.post(f"/v1/contacts/{contact_id}/links", json=body, headers=headers)
    assert replay.status_code == 409
    assert replay.headers["content-type"] == "application/problem+json"
    assert token not in replay.text
    detail = replay.json()["detail"]
    assert "shown only once" in detail
    assert f"/v1/contacts/{contact_id}/links id {link_id}" in detail
    listed = client.get(f"/v1/contacts/{contact_id}/links", headers=headers)
    assert len(listed.json()["items"]) == 1  # nothing made twice


SECRET_NAMES = {"secret", "key", "token", "password"}


def test_every_route_that_answers_a_secret_is_kept_out_of_replays(app: FastAPI) -> None:
    """A route whose answer shows a secret once marks the field (`shown_once`), or its answer
    would be kept 24 hours for replays. Read from the OpenAPI document: every POST's 2xx
    answer, its marked fields, and the fields whose name or description say they hold a
    secret shown once, which must be marked."""
    document = app.openapi()
    schemas = document["components"]["schemas"]
    marked: dict[str, tuple[str, ...]] = {}
    for path, operations in document["paths"].items():
        post = operations.get("post", {})
        for code, answer in post.get("responses", {}).items():
            schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
            if "$ref" in schema:
                schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
            properties = schema.get("properties", {}) if code.startswith("2") else {}
            fields = tuple(sorted(n for n, p in properties.items() if p.get(SHOWN_ONCE)))
            if fields:
                marked[path] = fields
            for name, prop in properties.items():
                says = "shown only" in prop.get("description", "").lower()
                if says or name in SECRET_NAMES:
                    assert prop.get(SHOWN_ONCE), f"{path} {code}: {name} is not marked shown_once"
    assert marked == {
        "/v1/contacts/{id}/links": ("url",),
        "/v1/keys": ("key",),
        "/v1/people/{id}/keys": ("key",),
        "/v1/webhooks": ("secret",),
    }
    assert secret_answers(app.routes) == marked


# Claims of a process that died


def test_a_claim_left_by_a_dead_process_is_taken_over_within_a_minute(
    db: Database, keys: dict[Role, str]
) -> None:
    now, owner = utcnow(), digest(keys[Role.admin])
    first = claim(db, owner, "k", "hash", now)
    assert claim(db, owner, "k", "hash", now + timedelta(seconds=1)).conflict == "busy"
    # Its process died: nothing renews the claim, and a retry a minute later runs.
    assert claim(db, owner, "k", "hash", now + timedelta(minutes=1)).row_id == first.row_id


def test_a_renewed_claim_is_kept(db: Database, keys: dict[Role, str]) -> None:
    now, owner = utcnow(), digest(keys[Role.admin])
    first = claim(db, owner, "k", "hash", now)
    assert first.row_id is not None
    beat = now + LEASE - timedelta(seconds=1)
    renew(db, [first.row_id], beat)
    assert claim(db, owner, "k", "hash", now + LEASE + timedelta(seconds=1)).conflict == "busy"
    taken = claim(db, owner, "k", "hash", beat + LEASE + timedelta(seconds=1))
    assert taken.row_id == first.row_id


def test_a_slow_request_keeps_its_key_for_as_long_as_it_runs(
    db: Database, admin: dict[str, str]
) -> None:
    entered, release = threading.Event(), threading.Event()
    runs: list[int] = []

    async def slow(request: Request) -> JSONResponse:
        await request.body()
        runs.append(1)
        entered.set()
        await anyio.to_thread.run_sync(release.wait, 10)
        return JSONResponse({"runs": len(runs)}, status_code=201)

    inner = Starlette(routes=[Route("/v1/slow", slow, methods=["POST"])])
    # A lease of 1 s renewed every 0.1 s: the request outlives two leases.
    app = IdempotencyMiddleware(inner, db=db, lease=timedelta(seconds=1), beat=0.1)
    headers = admin | {"Idempotency-Key": "slow"}
    with TestClient(app) as client, ThreadPoolExecutor(1) as pool:
        first = pool.submit(client.post, "/v1/slow", json={}, headers=headers)
        assert entered.wait(5)
        time.sleep(2.5)
        second = client.post("/v1/slow", json={}, headers=headers)
        assert second.status_code == 409  # still running: not taken over
        release.set()
        assert first.result(10).status_code == 201
        again = client.post("/v1/slow", json={}, headers=headers)
        assert (again.status_code, again.headers["Idempotent-Replayed"]) == (201, "true")
    assert runs == [1]
