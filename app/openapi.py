"""The OpenAPI document, with every error answer documented as problem+json."""

import threading
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from app.errors import Problem

#: Where the document is served (the app is made with openapi_url=None: see install_openapi).
OPENAPI_URL = "/openapi.json"

_REASONS = {
    "400": "Malformed request (e.g. invalid JSON)",
    "401": "Missing, unknown or revoked API key",
    "403": "The key's role is too low for this action",
    "404": "No such record",
    "409": "Conflicts with stored data",
    "412": "If-Match names an older version (or If-None-Match `*` and the record exists)",
    "413": "Request body too large",
    "429": "Too many requests with this API key; see Retry-After",
    "422": "Invalid input; `errors` names each field at fault",
}


_IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": (
        "Send the same key again (within 24 hours) to get the first answer back instead of "
        "writing twice; the same key with another request is refused (422)."
    ),
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
}


def _error_codes(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    codes = ["400", "401", "403", "422", "429"]
    if "{" in path:
        codes.append("404")
    if method in ("post", "put", "patch", "delete"):
        codes.append("409")
    if method in ("put", "patch", "delete") and "{" in path:
        codes.append("412")
    if "requestBody" in operation:
        codes.append("413")
    return codes


def install_openapi(app: FastAPI) -> None:
    """Replace FastAPI's default 422 schema with problem+json for every error a route can give,
    and serve the document at OPENAPI_URL. The document is built once per process, on the first
    call (a third of a second of CPU with this many routes, seconds on a loaded machine): FastAPI's
    own route builds it on the event loop, holding every other request back meanwhile, so the app
    is made without that route and this one builds it in a worker thread."""
    building = threading.Lock()  # two first requests build it once

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        with building:
            if not app.openapi_schema:
                app.openapi_schema = _document(app)
            return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.get(OPENAPI_URL, include_in_schema=False)
    async def openapi_document(request: Request) -> JSONResponse:
        schema = app.openapi_schema
        if schema is None:
            schema = await run_in_threadpool(openapi)
        root_path = str(request.scope.get("root_path", "")).rstrip("/")
        if root_path and root_path not in {s.get("url") for s in schema.get("servers", [])}:
            schema = {**schema, "servers": [{"url": root_path}, *schema.get("servers", [])]}
        return JSONResponse(schema)


def _document(app: FastAPI) -> dict[str, Any]:
    """The document: FastAPI's, with problem+json for every error and the Idempotency-Key."""
    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem_schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(problem_schema.pop("$defs", {}))
    components["Problem"] = problem_schema
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    ref = {"$ref": "#/components/schemas/Problem"}
    for path, operations in schema.get("paths", {}).items():
        if not path.startswith("/v1"):
            continue
        for method, operation in operations.items():
            if method == "post":
                operation.setdefault("parameters", []).append(_IDEMPOTENCY_KEY)
            responses = operation.setdefault("responses", {})
            for code in _error_codes(path, method, operation):
                responses[code] = {
                    "description": _REASONS[code],
                    "content": {"application/problem+json": {"schema": ref}},
                }
    return schema
