"""The OpenAPI document as client generators read it: stable, unique snake_case operationIds, one
tag per operation, and request-body examples that the API itself accepts."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from app import openapi as openapi_module
from app.config import Settings
from app.engagements.schemas import AgreementCreate, EngagementCreate
from app.interviews.schemas import InterviewCreate, TemperatureCheckCreate
from app.main import create_app
from app.matches.schemas import AdhocQuery
from app.needs.schemas import NeedCreate
from app.organizations.schemas import ContactCreate, OrganizationCreate
from tests.helpers import served

# Generated clients name their functions after these: renaming one breaks every client, so it
# must be a deliberate act (change this list with it). Operations may be added freely.
CORE_OPERATION_IDS = {
    "health",
    *(
        f"{verb}_{noun}"
        for noun in ("organization", "contact", "need", "engagement")
        for verb in ("create", "get", "update", "delete", "upsert")
    ),
    *(f"get_{noun}_by_external_id" for noun in ("organization", "contact", "need", "engagement")),
    *(
        f"{verb}_{noun}"
        for noun in ("interview", "temperature_check", "agreement")
        for verb in ("create", "get", "update", "delete")
    ),
    *(
        f"list_{nouns}"
        for nouns in (
            "organizations",
            "contacts",
            "needs",
            "engagements",
            "interviews",
            "temperature_checks",
            "agreements",
        )
    ),
    "list_partner_load",
    "get_partner_load",
    "get_concentration",
    "match_need",
    "match_text",
    "list_keys",
    "create_key",
    "revoke_key",
    "import_records",
    "export_records",
}
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}

# The bodies with examples, in an order where each one's references already exist.
EXAMPLE_BODIES: dict[str, type[BaseModel]] = {
    model.__name__: model
    for model in (
        OrganizationCreate,
        ContactCreate,
        NeedCreate,
        EngagementCreate,
        AgreementCreate,
        InterviewCreate,
        TemperatureCheckCreate,
        AdhocQuery,
    )
}
RESOURCES_WITH_EXAMPLES = (
    "Organization",
    "Contact",
    "Need",
    "Engagement",
    "Agreement",
    "Interview",
    "TemperatureCheck",
)


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    """The document as served: what a generator downloads (no database behind it)."""
    app = create_app(Settings(database_url="sqlite://", embedder="tfidf"))
    response = TestClient(app).get("/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def _schemas(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    schemas: dict[str, dict[str, Any]] = spec["components"]["schemas"]
    return schemas


def _body_ref(operation: dict[str, Any]) -> str | None:
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = schema.get("schema", {}).get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _examples(spec: dict[str, Any], name: str) -> list[dict[str, Any]]:
    examples: list[dict[str, Any]] = _schemas(spec)[name].get("examples", [])
    return examples


def test_operation_ids_are_unique_snake_case_and_keep_their_names(spec: dict[str, Any]) -> None:
    ids = [operation.get("operationId") for _, _, operation in _operations(spec)]
    assert all(isinstance(op_id, str) and SNAKE_CASE.match(op_id) for op_id in ids), ids
    duplicates = sorted({op_id for op_id in ids if ids.count(op_id) > 1 and op_id is not None})
    assert not duplicates, f"operationIds used twice: {duplicates}"
    missing = CORE_OPERATION_IDS - set(ids)
    assert not missing, f"operationIds renamed or removed (clients call these): {missing}"


def test_every_operation_has_exactly_one_tag(spec: dict[str, Any]) -> None:
    untidy = [
        f"{method.upper()} {path}: {operation.get('tags')}"
        for method, path, operation in _operations(spec)
        if len(operation.get("tags", [])) != 1
    ]
    assert not untidy


def test_request_body_examples_validate_against_their_models(spec: dict[str, Any]) -> None:
    for name, model in EXAMPLE_BODIES.items():
        examples = _examples(spec, name)
        assert examples, f"{name} has no example"
        for example in examples:
            model.model_validate(example)


def test_examples_stay_on_create_bodies(spec: dict[str, Any]) -> None:
    """A PATCH body changes a few fields and a stored record has an id: a full create example
    on either would mislead."""
    schemas = _schemas(spec)
    for resource in RESOURCES_WITH_EXAMPLES:
        assert "examples" not in schemas[f"{resource}Update"], resource
        assert "examples" not in schemas[f"{resource}Read"], resource
    for method, path, operation in _operations(spec):
        body = _body_ref(operation)
        if method == "patch" and body is not None:
            assert "examples" not in schemas[body], f"PATCH {path}"


def _same(sent: Any, stored: Any) -> bool:
    if isinstance(sent, str) and isinstance(stored, str) and "T" in sent and ":" in sent:
        try:
            return datetime.fromisoformat(sent) == datetime.fromisoformat(stored)
        except ValueError:
            pass
    return bool(sent == stored)


def test_every_example_is_accepted_by_its_route(
    spec: dict[str, Any], client: TestClient, admin: dict[str, str]
) -> None:
    """Each example as the document gives it, POSTed to the route that takes it; the ids in an
    example stand for records that exist, so they point at the records stored before it."""
    routes = {
        _body_ref(operation): path
        for method, path, operation in _operations(spec)
        if method == "post" and _body_ref(operation)
    }
    stored: dict[str, int] = {}
    for name in EXAMPLE_BODIES:
        for example in _examples(spec, name):
            body = {key: stored.get(key, value) for key, value in example.items()}
            response = client.post(routes[name], json=body, headers=admin)
            assert response.status_code in (200, 201), (name, response.text)
            answer = response.json()
            if name == "AdhocQuery":
                assert answer["items"], "the stored examples match the example query"
                continue
            differ = {
                key: value
                for key, value in body.items()
                if key != "organization_external_id" and not _same(value, answer[key])
            }
            assert not differ, (name, differ)
            prefix = re.sub(r"(?<!^)(?=[A-Z])", "_", name.removesuffix("Create")).lower()
            stored.setdefault(f"{prefix}_id", answer["id"])
    assert {"organization_id", "contact_id", "need_id"} <= stored.keys()


def test_every_operation_has_a_summary_written_for_it(client: TestClient) -> None:
    """Not FastAPI's title-cased function name ("Match Need"), nor "a" before a vowel."""
    doc = client.get("/openapi.json").json()
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            summary = operation.get("summary", "")
            generated = operation["operationId"].replace("_", " ").title()
            assert summary, f"{method.upper()} {path} has no summary"
            assert summary != generated, f"{method.upper()} {path}: {summary!r}"
            assert re.search(r"\ba [aeio]", summary) is None, summary


def test_the_document_is_built_off_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first GET /openapi.json builds the document (a third of a second of CPU, seconds on a
    loaded machine); other requests are answered meanwhile, and two first requests build it once."""
    building, release = threading.Event(), threading.Event()
    built: list[int] = []
    real = openapi_module._document

    def slow_document(app: FastAPI) -> dict[str, Any]:
        built.append(1)
        building.set()
        assert release.wait(30)
        return real(app)

    monkeypatch.setattr(openapi_module, "_document", slow_document)
    app = create_app(Settings(database_url="sqlite://", embedder="tfidf", background="off"))
    with served(app) as url, ThreadPoolExecutor(2) as pool:
        documents = [pool.submit(httpx.get, f"{url}/openapi.json", timeout=30) for _ in range(2)]
        assert building.wait(10)
        health = httpx.get(f"{url}/health", timeout=5)  # answered while the document is built
        release.set()
        answers = [d.result() for d in documents]
    assert health.status_code == 200
    assert [a.status_code for a in answers] == [200, 200]
    assert answers[0].json() == answers[1].json()
    assert built == [1]
    # The root path a proxy serves the app under is named in the document's servers.
    behind_proxy = TestClient(app, root_path="/partner-match").get("/openapi.json").json()
    assert behind_proxy["servers"][0] == {"url": "/partner-match"}
