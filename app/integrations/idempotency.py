"""Idempotency-Key on POST, after Stripe's model.

The first request with a key claims it (a row, unique per API key and key, committed before
the handler runs), so of two concurrent requests only one runs; the other is told to retry
(409). When the first answers, its status, headers and body are stored, and a repeat with the
same key and the same request gets them back without a second write; the same key with
another request is 422. A 5xx is not stored: the key is freed so the client may retry. Keys
are kept 24 hours.

A claim is a lease that the process running the request renews every few seconds (one
heartbeat thread per process, for all its claims). A claim left by a process that died stops
being renewed and is taken over by a retry once the lease has run out (half a minute), while
a slow request keeps its key for as long as it runs.

Answers that show a secret once (a new API key, a webhook's signing secret, a partner link's
URL with its token) are never kept: for their 2xx answer only the record without its secret is
stored, and a repeat is told (409) what was created instead of getting the secret again. Which
fields those are, the routes' answer models say (`app.schemas.shown_once`).
"""

import hashlib
import json
import logging
import re
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from http import HTTPStatus
from typing import IO, Any

from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.auth.service import bearer_digest, is_live
from app.db import Database, is_unavailable
from app.errors import DATABASE_UNAVAILABLE, FieldError, problem_response, unavailable_response
from app.integrations.models import IdempotencyKey
from app.routing import flat_routes
from app.schemas import shown_once_fields
from app.types import utcnow

log = logging.getLogger(__name__)

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
KEEP = timedelta(hours=24)
# A claim not renewed for this long is abandoned (its process died or lost the database); a
# retry may take it over. Its holder renews it every BEAT seconds, so only a process that
# missed six heartbeats in a row loses a request it is still running.
LEASE = timedelta(seconds=30)
BEAT = 5.0
# Replayed with the body: what a client reads besides it.
REPLAYED_HEADERS = ("content-type", "location", "etag")
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Stored:
    status_code: int
    headers: list[tuple[str, str]]
    # Of an answer that showed a secret: the record without it (None if not a JSON object).
    body: bytes | None


@dataclass(frozen=True)
class Claim:
    """The outcome of claiming a key: run the request (`row_id`), replay an answer
    (`stored`), say that the answer showed a secret and is not kept (`withheld`), or refuse
    (`conflict`: 'busy' or 'mismatch')."""

    row_id: int | None = None
    stored: Stored | None = None
    withheld: Stored | None = None
    conflict: str | None = None
    # No live API key sent it: nothing is kept; the request runs (and fails with 401).
    unknown_key: bool = False


def secret_answers(routes: Sequence[BaseRoute]) -> dict[str, tuple[str, ...]]:
    """The POST routes whose 2xx answer shows a secret once (their path templates), and the
    fields that hold it, as their answer models declare them (`app.schemas.shown_once`)."""
    found: dict[str, tuple[str, ...]] = {}
    for route, path, _ in flat_routes(routes):
        if not isinstance(route, APIRoute) or "POST" not in (route.methods or ()):
            continue
        models = [route.response_model] + [
            answer.get("model")
            for code, answer in route.responses.items()
            if str(code).startswith("2")
        ]
        fields = {
            name
            for model in models
            if isinstance(model, type) and issubclass(model, BaseModel)
            for name in shown_once_fields(model)
        }
        if fields:
            found[path] = tuple(sorted(fields))
    return found


def redact(body: bytes | None, fields: Sequence[str]) -> bytes | None:
    """The JSON object `body` without `fields`; None if it is not one (nothing is kept)."""
    try:
        record = json.loads(body or b"")
    except ValueError:
        return None
    if not isinstance(record, dict):
        return None
    return json.dumps({k: v for k, v in record.items() if k not in fields}).encode()


def claim(
    db: Database,
    owner: str,
    key: str,
    request_hash: str,
    now: datetime,
    *,
    lease: timedelta = LEASE,
    secret: Sequence[str] = (),
) -> Claim:
    """Claim `key` for a request, in a transaction of its own that commits at once. `secret`:
    the fields of the answer that hold a secret (see SECRET_ANSWERS)."""
    with db.sessionmaker() as session:
        if not is_live(session, owner):
            return Claim(unknown_key=True)
    for _ in range(3):
        with db.sessionmaker.begin() as session:
            session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < now - KEEP))
        try:
            with db.sessionmaker.begin() as session:
                row = IdempotencyKey(
                    owner=owner, key=key, request_hash=request_hash, locked_at=now, created_at=now
                )
                session.add(row)
                session.flush()
                return Claim(row_id=row.id)
        except IntegrityError:
            pass  # the key is taken: look at who has it
        with db.sessionmaker.begin() as session:
            found = session.scalar(
                select(IdempotencyKey).where(
                    IdempotencyKey.owner == owner, IdempotencyKey.key == key
                )
            )
            if found is None:
                continue  # expired or freed meanwhile: claim again
            if found.request_hash != request_hash:
                return Claim(conflict="mismatch")
            if found.status_code is not None:
                headers = [_pair(h) for h in found.response_headers]
                if secret and found.status_code < 300:
                    # Kept whole before secrets were withheld: forget the secret now.
                    redacted = redact(found.response_body, secret)
                    if redacted != found.response_body:
                        found.response_body = redacted
                    return Claim(withheld=Stored(found.status_code, headers, redacted))
                return Claim(stored=Stored(found.status_code, headers, found.response_body or b""))
            if now - found.locked_at < lease:
                return Claim(conflict="busy")
            # Abandoned: take it over unless another retry just did.
            taken = session.execute(
                update(IdempotencyKey)
                .where(IdempotencyKey.id == found.id, IdempotencyKey.locked_at == found.locked_at)
                .values(locked_at=now)
            )
            if taken.rowcount == 1:  # type: ignore[attr-defined]
                return Claim(row_id=found.id)
    return Claim(conflict="busy")


def _pair(header: str) -> tuple[str, str]:
    name, _, value = header.partition(":")
    return name, value


def complete(db: Database, row_id: int, answer: Stored) -> None:
    with db.sessionmaker.begin() as session:
        session.execute(
            update(IdempotencyKey)
            .where(IdempotencyKey.id == row_id)
            .values(
                status_code=answer.status_code,
                response_headers=[f"{n}:{v}" for n, v in answer.headers],
                response_body=answer.body,
            )
        )


def renew(db: Database, row_ids: Sequence[int], now: datetime) -> None:
    """Renew the leases of claims whose requests are still running."""
    with db.sessionmaker.begin() as session:
        session.execute(
            update(IdempotencyKey)
            .where(IdempotencyKey.id.in_(row_ids), IdempotencyKey.status_code.is_(None))
            .values(locked_at=now)
        )


class Heartbeat:
    """Renews, every `beat` seconds, the claims this process holds. One thread, running only
    while some claim is held: it is never short of a thread (the thread pool may be busy with
    the very requests it keeps alive) and costs one UPDATE per beat, whatever the load."""

    def __init__(self, db: Database, beat: float) -> None:
        self.db = db
        self.beat = beat
        self._held: set[int] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def hold(self, row_id: int) -> None:
        with self._lock:
            self._held.add(row_id)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="idempotency-heartbeat", daemon=True
                )
                self._thread.start()

    def drop(self, row_id: int) -> None:
        with self._lock:
            self._held.discard(row_id)

    def _run(self) -> None:
        while True:
            time.sleep(self.beat)
            with self._lock:
                held = sorted(self._held)
                if not held:  # decided under the lock, so hold() starts a new thread
                    self._thread = None
                    return
            try:
                renew(self.db, held, utcnow())
            except Exception:  # the database may be away for a moment: renew at next beat
                log.exception("could not renew %d idempotency claims", len(held))


def release(db: Database, row_id: int) -> None:
    with db.sessionmaker.begin() as session:
        session.execute(delete(IdempotencyKey).where(IdempotencyKey.id == row_id))


def _key_error(message: str) -> FieldError:
    return FieldError(field=HEADER, location="header", message=message)


class IdempotencyMiddleware:
    """ASGI middleware honouring Idempotency-Key on every POST under /v1. `secrets`: the
    routes whose 2xx answer shows a secret once, by path template, and the fields holding it
    (`secret_answers(app.routes)`)."""

    def __init__(
        self,
        app: ASGIApp,
        db: Database,
        lease: timedelta = LEASE,
        beat: float = BEAT,
        secrets: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self.app = app
        self.db = db
        self.lease = lease
        self.heartbeat = Heartbeat(db, beat)
        self.secrets: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
            (compile_path(path)[0], tuple(fields)) for path, fields in (secrets or {}).items()
        ]

    def secret_fields(self, path: str) -> tuple[str, ...]:
        """The fields of the answer to a POST to `path` that show a secret (none for most)."""
        for pattern, fields in self.secrets:
            if pattern.match(path) or pattern.match(path.rstrip("/")):
                return fields
        return ()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope) if scope["type"] == "http" else Headers()
        key, authorization = headers.get("idempotency-key"), headers.get("authorization")
        if (
            key is None
            or scope["method"] != "POST"
            or not scope["path"].startswith("/v1/")
            # Without a key the request fails authentication and writes nothing.
            or authorization is None
        ):
            await self.app(scope, receive, send)
            return
        if not key.strip() or len(key) > MAX_KEY_LENGTH:
            message = f"must be 1 to {MAX_KEY_LENGTH} characters"
            await problem_response(
                422, "Unprocessable Content", f"{HEADER}: {message}", [_key_error(message)]
            )(scope, receive, send)
            return
        with tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as body:
            try:
                request_hash = await _spool(scope, receive, body)
            except HTTPException as exc:  # the body-size limit, while reading the body here
                await problem_response(exc.status_code, "Content Too Large", str(exc.detail))(
                    scope, receive, send
                )
                return
            owner = bearer_digest(authorization)
            secret = self.secret_fields(scope["path"])
            try:
                got = await run_in_threadpool(
                    claim,
                    self.db,
                    owner,
                    key,
                    request_hash,
                    utcnow(),
                    lease=self.lease,
                    secret=secret,
                )
            except Exception as exc:
                if not is_unavailable(exc):
                    raise
                # Nothing was claimed or run: the client may send the same request again.
                log.warning("idempotency key not claimed, database unavailable: %s", exc)
                await unavailable_response(DATABASE_UNAVAILABLE)(scope, receive, send)
                return
            if got.stored is not None:
                await _replay(got.stored, send)
            elif got.withheld is not None:
                await _withheld(scope["path"], got.withheld)(scope, receive, send)
            elif got.conflict == "mismatch":
                message = "was already used with a different request; use a new key"
                await problem_response(
                    422, "Unprocessable Content", f"{HEADER}: {message}", [_key_error(message)]
                )(scope, receive, send)
            elif got.unknown_key:
                await self._run(scope, receive, send, body, None)
            elif got.conflict == "busy" or got.row_id is None:
                await problem_response(
                    409,
                    "Conflict",
                    "a request with this Idempotency-Key is still running; retry shortly",
                    headers={"Retry-After": "1"},
                )(scope, receive, send)
            else:
                await self._run(scope, receive, send, body, got.row_id, secret)

    async def _run(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        body: IO[bytes],
        row_id: int | None,
        secret: Sequence[str] = (),
    ) -> None:
        """Run the request on the spooled body and store its answer under the claimed key
        (if one was claimed)."""
        size = body.seek(0, 2)
        body.seek(0)
        done = False
        status = 500
        headers: list[tuple[str, str]] = []
        chunks: list[bytes] = []

        async def body_receive() -> Message:
            nonlocal done
            if done:  # the body was all given: what comes now is the disconnect
                return await receive()
            chunk = body.read(CHUNK)
            done = body.tell() >= size
            return {"type": "http.request", "body": chunk, "more_body": not done}

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                for name, value in message.get("headers", []):
                    text = name.decode("latin-1").lower()
                    if text in REPLAYED_HEADERS:
                        headers.append((text, value.decode("latin-1")))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        if row_id is None:
            await self.app(scope, body_receive, send)
            return
        self.heartbeat.hold(row_id)
        try:
            try:
                await self.app(scope, body_receive, capture)
            except BaseException:
                await self._settle(release, row_id)
                raise
            if status >= 500:  # not an answer to keep: the client may retry with the same key
                await self._settle(release, row_id)
            else:
                kept: bytes | None = b"".join(chunks)
                if secret and status < 300:
                    kept = redact(kept, secret)
                await self._settle(complete, row_id, Stored(status, headers, kept))
        finally:
            self.heartbeat.drop(row_id)

    async def _settle(self, action: Callable[..., None], *args: Any) -> None:
        """Release or complete a claim once the answer is sent. With the database away, the
        claim is left as it is: its lease runs out, and a retry may then take the key over."""
        try:
            await run_in_threadpool(action, self.db, *args)
        except Exception as exc:
            if not is_unavailable(exc):
                raise
            log.warning("idempotency key left claimed, database unavailable: %s", exc)


def request_hasher(method: str, path: str, query: bytes) -> "hashlib._Hash":
    """The hash that tells one request from another; the body is added as it arrives."""
    h = hashlib.sha256()
    h.update(f"{method} {path}?".encode())
    h.update(query)
    h.update(b"\n")
    return h


async def _spool(scope: Scope, receive: Receive, out: IO[bytes]) -> str:
    """Read the whole request body into `out`; answers the hash of the request."""
    h = request_hasher(scope["method"], scope["path"], scope.get("query_string", b""))
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        h.update(chunk)
        out.write(chunk)
        more = message.get("more_body", False)
    return h.hexdigest()


async def _replay(stored: Stored, send: Send) -> None:
    body = stored.body or b""
    headers = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in stored.headers]
    headers.append((b"idempotent-replayed", b"true"))
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": stored.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _withheld(path: str, stored: Stored) -> ASGIApp:
    """The answer to a repeat of a request whose answer showed a secret: 409, naming what the
    first one made, so a client that lost the secret knows what to revoke. Not the stored
    record with a 2xx: a client would take it for the answer and look for the secret in it."""
    location = dict(stored.headers).get("location")
    record: Any = json.loads(stored.body) if stored.body else {}
    made = location or path
    if "id" in record and not made.endswith(f"/{record['id']}"):
        # The Location of a partner link is the contact's list of links: name the link too.
        made = f"{made} id {record['id']}"
    elif not location:
        made = f"a record of {path}"
    try:
        status = f"{stored.status_code} {HTTPStatus(stored.status_code).phrase}"
    except ValueError:  # a status with no standard name
        status = str(stored.status_code)
    detail = (
        f"a request with this {HEADER} already ran ({status}: {made}); its answer showed a "
        "secret, which is shown only once and not kept for replays. If the secret was lost, "
        f"revoke or delete {made} and send the request again with a new {HEADER}"
    )
    return problem_response(
        409, "Conflict", detail, headers={"Location": location} if location else None
    )
