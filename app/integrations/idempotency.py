"""Idempotency-Key on POST, after Stripe's model.

The first request with a key claims it (a row, unique per API key and key, committed before
the handler runs), so of two concurrent requests only one runs; the other is told to retry
(409). When the first answers, its status, headers and body are stored, and a repeat with the
same key and the same request gets them back without a second write; the same key with
another request is 422. A 5xx is not stored: the key is freed so the client may retry. Keys
are kept 24 hours.
"""

import hashlib
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import IO, Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.auth.service import bearer_digest, is_live
from app.db import Database, is_unavailable
from app.errors import DATABASE_UNAVAILABLE, FieldError, problem_response, unavailable_response
from app.integrations.models import IdempotencyKey
from app.types import utcnow

log = logging.getLogger(__name__)

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
KEEP = timedelta(hours=24)
# A claim whose request has run this long without answering is taken to be abandoned (the
# process died); a retry may take it over.
LOCK = timedelta(minutes=15)
# Replayed with the body: what a client reads besides it.
REPLAYED_HEADERS = ("content-type", "location", "etag")
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Stored:
    status_code: int
    headers: list[tuple[str, str]]
    body: bytes


@dataclass(frozen=True)
class Claim:
    """The outcome of claiming a key: run the request (`row_id`), replay an answer
    (`stored`), or refuse (`conflict`: 'busy' or 'mismatch')."""

    row_id: int | None = None
    stored: Stored | None = None
    conflict: str | None = None
    # No live API key sent it: nothing is kept; the request runs (and fails with 401).
    unknown_key: bool = False


def claim(db: Database, owner: str, key: str, request_hash: str, now: datetime) -> Claim:
    """Claim `key` for a request, in a transaction of its own that commits at once."""
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
                return Claim(stored=Stored(found.status_code, headers, found.response_body or b""))
            if now - found.locked_at < LOCK:
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


def release(db: Database, row_id: int) -> None:
    with db.sessionmaker.begin() as session:
        session.execute(delete(IdempotencyKey).where(IdempotencyKey.id == row_id))


def _key_error(message: str) -> FieldError:
    return FieldError(field=HEADER, location="header", message=message)


class IdempotencyMiddleware:
    """ASGI middleware honouring Idempotency-Key on every POST under /v1."""

    def __init__(self, app: ASGIApp, db: Database) -> None:
        self.app = app
        self.db = db

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
            try:
                got = await run_in_threadpool(claim, self.db, owner, key, request_hash, utcnow())
            except Exception as exc:
                if not is_unavailable(exc):
                    raise
                # Nothing was claimed or run: the client may send the same request again.
                log.warning("idempotency key not claimed, database unavailable: %s", exc)
                await unavailable_response(DATABASE_UNAVAILABLE)(scope, receive, send)
                return
            if got.stored is not None:
                await _replay(got.stored, send)
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
                await self._run(scope, receive, send, body, got.row_id)

    async def _run(
        self, scope: Scope, receive: Receive, send: Send, body: IO[bytes], row_id: int | None
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
        try:
            await self.app(scope, body_receive, capture)
        except BaseException:
            await self._settle(release, row_id)
            raise
        if status >= 500:  # not an answer to keep: the client may retry with the same key
            await self._settle(release, row_id)
        else:
            answer = Stored(status, headers, b"".join(chunks))
            await self._settle(complete, row_id, answer)

    async def _settle(self, action: Callable[..., None], *args: Any) -> None:
        """Release or complete a claim once the answer is sent. With the database away, the
        claim is left as it is: a retry with the key is told 409 until LOCK has passed."""
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
    headers = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in stored.headers]
    headers.append((b"idempotent-replayed", b"true"))
    headers.append((b"content-length", str(len(stored.body)).encode()))
    await send({"type": "http.response.start", "status": stored.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": stored.body})
