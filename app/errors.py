"""One error path: services raise AppError; handlers render RFC 9457 problem+json."""

import logging
import re
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.db import is_unavailable

log = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldError(BaseModel):
    """One input at fault."""

    field: str
    location: str
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


class AppError(Exception):
    status = 500
    title = "Internal Server Error"

    def __init__(
        self,
        detail: str,
        *,
        errors: Sequence[FieldError] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors)
        self.headers = headers


class BadRequest(AppError):
    status, title = 400, "Bad Request"


class Unauthorized(AppError):
    status, title = 401, "Unauthorized"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(AppError):
    status, title = 403, "Forbidden"


class NotFound(AppError):
    status, title = 404, "Not Found"


class Conflict(AppError):
    status, title = 409, "Conflict"


class PreconditionFailed(AppError):
    status, title = 412, "Precondition Failed"


class PayloadTooLarge(AppError):
    status, title = 413, "Content Too Large"


class Unprocessable(AppError):
    status, title = 422, "Unprocessable Content"


#: Seconds a client is told to wait after a 503: long enough for a burst to drain.
RETRY_AFTER_SECONDS = 1


class ServiceUnavailable(AppError):
    status, title = 503, "Service Unavailable"

    def __init__(self, detail: str, *, retry_after: int = RETRY_AFTER_SECONDS) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after)})


def unavailable_response(detail: str) -> JSONResponse:
    """The 503 for a request that could not be served now but may be later."""
    exc = ServiceUnavailable(detail)
    return problem_response(exc.status, exc.title, exc.detail, (), exc.headers)


DATABASE_UNAVAILABLE = "the database is busy or unreachable; retry shortly"


def invalid(field: str, message: str, location: str = "body") -> Unprocessable:
    """A 422 naming the one field at fault."""
    return Unprocessable(
        f"{field}: {message}", errors=[FieldError(field=field, location=location, message=message)]
    )


def problem_response(
    status: int,
    title: str,
    detail: str,
    errors: Sequence[FieldError] = (),
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = Problem(title=title, status=status, detail=detail, errors=list(errors))
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=status,
        headers=headers,
        media_type=PROBLEM_MEDIA_TYPE,
    )


def field_errors(errors: Sequence[Any], default_location: str = "body") -> list[FieldError]:
    """Pydantic error dicts as FieldErrors; `loc` ('body', 'skills', 0) becomes 'skills[0]'."""
    out = []
    for err in errors:
        loc = list(err.get("loc", ()))
        location = default_location
        if loc and loc[0] in ("body", "query", "path", "header", "cookie"):
            location = str(loc.pop(0))
        field = ""
        for part in loc:
            field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
        message = _in_plain_words(err, whole_body=not loc and location == "body")
        out.append(FieldError(field=field or location, location=location, message=message))
    return out


def _in_plain_words(err: Any, *, whole_body: bool) -> str:
    """Pydantic's message, said as a person would where it speaks of its own machinery."""
    kind = err.get("type")
    if kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == r"\S":
        return "must not be blank"
    if whole_body and kind in ("model_attributes_type", "dict_type", "model_type"):
        return "send a JSON object, with Content-Type: application/json"
    return str(err["msg"]).removeprefix("Value error, ")


def _summary(errors: Sequence[FieldError]) -> str:
    return "; ".join(f"{e.field}: {e.message}" for e in errors) or "invalid input"


def from_validation_error(exc: ValidationError, location: str = "body") -> Unprocessable:
    errors = field_errors(exc.errors(include_url=False, include_input=False), location)
    return Unprocessable(_summary(errors), errors=errors)


async def _app_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return problem_response(exc.status, exc.title, exc.detail, exc.errors, exc.headers)


async def _request_validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    raw = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in raw):
        msg = next(e for e in raw if e.get("type") == "json_invalid").get("ctx", {}).get("error")
        err = FieldError(field="body", location="body", message=f"malformed JSON: {msg}")
        return problem_response(400, "Bad Request", err.message, [err])
    errors = field_errors(raw)
    return problem_response(422, "Unprocessable Content", _summary(errors), errors)


def _allowed_methods(request: Request, paths: dict[str, Any]) -> str:
    # Starlette names only the first route that matched the path, GET and POST on one path
    # are two routes here, and included routers hide their routes from a walk: read the
    # methods from the OpenAPI document's path that matches (a parameter is one segment,
    # else the rest of the path, as a CRM id may hold slashes).
    path = request.url.path
    # The longest template first: "/needs/external/{external_id}" before "/needs/{id}".
    ordered = sorted(paths.items(), key=lambda kv: -len(kv[0]))
    for segment in (r"[^/]+", r".+"):
        for template, operations in ordered:
            pattern = re.sub(r"\\\{[^}]+\\\}", segment, re.escape(template))
            if re.fullmatch(pattern, path):
                return ", ".join(sorted(m.upper() for m in operations if m in _VERBS))
    return ""


_VERBS = {"get", "post", "put", "patch", "delete"}


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    try:
        title = HTTPStatus(exc.status_code).phrase
    except ValueError:
        title = "Error"
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        # The document is built once, off the event loop (app.openapi).
        app = request.app
        document = app.openapi_schema or await run_in_threadpool(app.openapi)
        allowed = _allowed_methods(request, document.get("paths", {}))
        headers["Allow"] = allowed or headers.get("Allow", "")
    return problem_response(exc.status_code, title, str(exc.detail), (), headers)


async def _integrity_error(_: Request, exc: Exception) -> JSONResponse:
    # Services check references and uniqueness first; this is the backstop for a race.
    log.warning("integrity error: %s", exc)
    return problem_response(
        409, "Conflict", "the change conflicts with stored data (a duplicate or a missing record)"
    )


async def _stale_data(request: Request, exc: Exception) -> JSONResponse:
    # Another request updated the row between this one's read and its write.
    if "if-match" in request.headers:
        return problem_response(
            412, "Precondition Failed", "the record changed while this request was writing it"
        )
    return problem_response(409, "Conflict", "the record was changed by another request; retry")


async def _database_unavailable(_: Request, exc: Exception) -> JSONResponse:
    # No connection free within the pool timeout, or the server gone: nothing was committed
    # (the session rolls back), so the client may send the same request again.
    log.warning("database unavailable: %s", exc)
    return unavailable_response(DATABASE_UNAVAILABLE)


async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
    if is_unavailable(exc):  # raised in a middleware, outside the handlers above
        return await _database_unavailable(request, exc)
    log.exception("unhandled error", exc_info=exc)
    return problem_response(500, "Internal Server Error", "an unexpected error occurred")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _request_validation)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(StaleDataError, _stale_data)
    for unavailable in (PoolTimeout, OperationalError):
        app.add_exception_handler(unavailable, _database_unavailable)
    app.add_exception_handler(Exception, _unhandled)
