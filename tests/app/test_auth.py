"""API keys: bearer auth on every /v1 route, roles, revocation, and the admin key routes."""

import re
import threading

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, text, update

from app.auth.models import ApiKey, Role
from app.db import Database
from tests.conftest import AuthFor
from tests.helpers import bodies, stored_chain


def test_open_routes_need_no_key(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize("header", [None, "Bearer pm_wrong", "Basic dXNlcjpwYXNz", "Bearer "])
def test_missing_or_wrong_key_is_401(client: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    response = client.get("/v1/needs", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.headers["content-type"] == "application/problem+json"


def test_every_v1_route_refuses_a_request_without_a_valid_key(
    app: FastAPI, client: TestClient
) -> None:
    paths = {p: ops for p, ops in app.openapi()["paths"].items() if p.startswith("/v1/")}
    assert sum(len(ops) for ops in paths.values()) > 40
    for template, operations in paths.items():
        path = re.sub(r"\{[^}]+\}", "1", template)
        for method in operations:
            for headers in ({}, {"Authorization": "Bearer pm_wrong", "Idempotency-Key": "k"}):
                response = client.request(method, path, headers=headers)
                assert response.status_code == 401, (method, path, headers, response.text)


# (role, method, path) -> allowed?  viewer reads; recruiter also writes needs and engagements;
# convener writes all data; admin also manages keys.
MATRIX = [
    (Role.viewer, "GET", "needs", True),
    (Role.viewer, "POST", "needs", False),
    (Role.recruiter, "POST", "needs", True),
    (Role.recruiter, "POST", "engagements", True),
    (Role.recruiter, "POST", "organizations", False),
    (Role.recruiter, "POST", "interviews", True),
    (Role.convener, "POST", "organizations", True),
    (Role.convener, "POST", "agreements", True),
    (Role.convener, "GET", "keys", False),
    (Role.admin, "GET", "keys", True),
]


@pytest.mark.parametrize(("role", "method", "path", "allowed"), MATRIX)
def test_roles(
    client: TestClient,
    auth: AuthFor,
    admin: dict[str, str],
    role: Role,
    method: str,
    path: str,
    allowed: bool,
) -> None:
    chain = stored_chain(client, admin)
    body = bodies(chain).get(path) if method == "POST" else None
    response = client.request(method, f"/v1/{path}", json=body, headers=auth(role))
    if allowed:
        assert response.status_code in (200, 201), response.text
    else:
        assert response.status_code == 403
        assert role.value in response.json()["detail"]


def test_recruiter_cannot_delete_a_need(
    client: TestClient, auth: AuthFor, admin: dict[str, str]
) -> None:
    need = stored_chain(client, admin)["need"]
    assert client.delete(f"/v1/needs/{need['id']}", headers=auth(Role.recruiter)).status_code == 403
    assert client.delete(f"/v1/needs/{need['id']}", headers=auth(Role.convener)).status_code == 204


def test_key_lifecycle_over_the_api(
    client: TestClient, admin: dict[str, str], db: Database
) -> None:
    created = client.post(
        "/v1/keys", json={"name": "hubspot sync", "role": "convener"}, headers=admin
    )
    assert created.status_code == 201
    key = created.json()["key"]
    mine = {"Authorization": f"Bearer {key}"}
    assert client.get("/v1/organizations", headers=mine).status_code == 200

    listed = client.get("/v1/keys", headers=admin).json()
    assert all("key" not in row and "key_hash" not in row for row in listed)
    with db.sessionmaker() as session:
        stored = session.scalars(select(ApiKey.key_hash)).all()
    assert key not in stored
    assert all(len(h) == 64 for h in stored)

    revoked = client.delete(f"/v1/keys/{created.json()['id']}", headers=admin)
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"]
    assert client.get("/v1/organizations", headers=mine).status_code == 401


def test_a_request_never_waits_on_another_writer_to_note_its_keys_last_use(
    client: TestClient, auth: AuthFor, db: Database
) -> None:
    """Noting when a key was last used is a hint written on a connection of its own: with
    another writer holding the lock it needs (SQLite's one writer; the key's row in
    PostgreSQL) for longer than a client waits, a read still answers at once, unnoted."""
    headers = auth(Role.viewer)
    with db.sessionmaker.begin() as session:  # as if the key had not been used for a while
        session.execute(update(ApiKey).values(last_used_at=None))
    answered: list[int] = []
    with db.engine.connect() as holder:
        if db.engine.dialect.name == "sqlite":
            holder.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock, held
        else:
            holder.begin()
            holder.execute(text("SELECT id FROM api_keys FOR UPDATE"))  # every key's row
        reader = threading.Thread(
            target=lambda: answered.append(client.get("/v1/organizations", headers=headers)
                                           .status_code))  # fmt: skip
        reader.start()
        reader.join(8)  # far under SQLite's 30 s busy timeout
        waited = reader.is_alive()
        holder.rollback()
    reader.join(60)
    assert not waited, "the read waited on the lock the hint needed"
    assert answered == [200]
