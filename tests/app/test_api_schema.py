"""Property-based tests of the whole API from its OpenAPI document (schemathesis): generated
valid and invalid requests, authenticated as admin, must never produce a server error, an
undocumented status or a response that breaks the documented schema."""

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings

from app.auth.models import ApiKey, Role
from app.auth.service import digest, is_live
from app.config import Settings
from app.db import Database
from app.main import create_app
from tests.helpers import RESOURCES, bodies

FUZZ_KEY = "pm_schemathesis-fuzzing-key"
# A key id far from the small ids the fuzzer tries, so DELETE /v1/keys/{id} never revokes it.
FUZZ_KEY_ID = 2_000_000_000
# Per operation and database (both run): 40 requests an operation, and make test in budget.
EXAMPLES_PER_OPERATION = 20


def _seed(app: FastAPI) -> None:
    """A few records of every kind, so generated ids sometimes hit something real."""
    from fastapi.testclient import TestClient

    headers = {"Authorization": f"Bearer {FUZZ_KEY}"}
    with TestClient(app) as client:
        for _ in range(3):
            org = client.post(
                "/v1/organizations", json={"name": "Seed", "kind": "employer"}, headers=headers
            ).json()
            contact = client.post(
                "/v1/contacts",
                json={"organization_id": org["id"], "name": "Seed Person"},
                headers=headers,
            ).json()
            need = client.post(
                "/v1/needs",
                json={"title": "Seed need", "program": "Seed", "engagement_type": "job_shadow"},
                headers=headers,
            ).json()
            chain = {"organization": org, "contact": contact, "need": need}
            for path in RESOURCES:
                if path not in ("organizations", "needs", "contacts"):
                    client.post(f"/v1/{path}", json=bodies(chain)[path], headers=headers)


@pytest.fixture
def fuzz_app(db: Database) -> FastAPI:
    """The app over the test database, with the fuzzing key and some records in it."""
    with db.sessionmaker.begin() as session:
        session.add(
            ApiKey(
                id=FUZZ_KEY_ID,
                name="fuzz",
                role=Role.admin,
                prefix=FUZZ_KEY[:10],
                key_hash=digest(FUZZ_KEY),
            )
        )
    # One key sends every fuzzed request: lift its rate limit (tests/app/integrations tests it).
    # No delivery worker: generated webhook URLs may name any public address, and tests send
    # traffic to this machine only (tests/app/webhooks delivers to a local receiver).
    settings = Settings(
        database_url=db.url,
        embedder="tfidf",
        rate_limit="1000000/minute",
        webhook_worker=False,
    )
    app = create_app(settings, db=db)
    _seed(app)
    return app


@schemathesis.serializer("application/x-ndjson")
def _json_lines(_ctx: Any, value: Any) -> bytes | None:
    """The import's JSON lines body: the generated text as it is. A value that is not text
    (a negative case) has no JSON-lines form of its own: it is sent as no body at all."""
    if isinstance(value, bytes):
        return value
    return value.encode() if isinstance(value, str) else None


CONFIG = schemathesis.Config.from_dict(
    {
        "headers": {"Authorization": f"Bearer {FUZZ_KEY}"},
        "generation": {"max-examples": EXAMPLES_PER_OPERATION, "database": "none"},
        "suppress-health-check": ["too_slow", "filter_too_much"],
        "checks": {
            # FastAPI answers schema-violating input with 422; malformed JSON is our 400.
            "negative_data_rejection": {"expected-statuses": [400, 401, 403, 404, 409, 413, 422]},
            # A schema cannot say which ids exist or which cursors were issued: a schema-valid
            # request naming an unknown organization_id or cursor is rightly a 422 naming it.
            # A schema-valid If-Match naming another version is rightly 412.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", 401, 403, 404, 409, 412, 422]
            },
        },
    }
)
# The document does not depend on the database; each test sends its requests to `fuzz_app`.
schema = schemathesis.openapi.from_dict(
    create_app(Settings(database_url="sqlite://", embedder="tfidf")).openapi(), config=CONFIG
)


@pytest.mark.slow
@schema.parametrize()
# One app and database for all of an operation's examples, on purpose: state carries over.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_api_conforms_to_its_schema(case: Any, fuzz_app: FastAPI) -> None:
    # Checks that send requests of their own (unauthenticated, other methods) use these.
    case.operation.app = case.operation.schema.app = fuzz_app
    # The key given here, not only in the config: for an operation with a generated header
    # parameter (Idempotency-Key, If-Match) schemathesis would take the configured one for a
    # generated one, and its ignored-auth check would report the valid key's 2xx.
    case.call_and_validate(headers={"Authorization": f"Bearer {FUZZ_KEY}"})
    # 401 is an accepted answer above, so a revoked key would let every later case pass
    # unchecked: make sure the fuzzer never reached it.
    db: Database = fuzz_app.state.db
    with db.sessionmaker() as session:
        assert is_live(session, digest(FUZZ_KEY)), "the fuzzer revoked its own API key"
