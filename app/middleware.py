"""ASGI middleware: refuse request bodies over the configured size without reading them whole;
shed load past the requests a process can work on at once."""

import asyncio
from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import problem_response, unavailable_response


class BodySizeLimit:
    """413 when Content-Length, or the bytes actually streamed, pass `max_bytes` (or the
    larger limit of the path prefix in `larger`: bulk imports)."""

    def __init__(
        self, app: ASGIApp, max_bytes: int, larger: Mapping[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.larger = dict(larger or {})

    def _limit(self, path: str) -> int:
        for prefix, limit in self.larger.items():
            if path.startswith(prefix):
                return limit
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope["path"])
        detail = f"the request body is larger than {limit} bytes"
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await problem_response(413, "Content Too Large", detail)(scope, receive, send)
            return
        seen = 0

        async def counted_receive() -> Message:
            # A chunked body has no Content-Length: count what arrives. The route turns this
            # HTTPException into the same 413 problem.
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, detail)
            return message

        await self.app(scope, counted_receive, send)


class ConcurrencyLimit:
    """At most `limit` requests in flight (paths in `exempt` aside); one more waits up to
    `wait` seconds for a place, then answers 503 with Retry-After.

    A burst waits here, on the event loop, where a waiting request holds nothing. Past this
    door, a request holds a database connection from its key lookup to its answer, across the
    thread pool's hops: let in more requests than the pool has connections and they wait
    for connections while holding threads, and for threads while holding connections.
    """

    def __init__(
        self, app: ASGIApp, limit: int, wait: float, exempt: tuple[str, ...] = ("/health",)
    ) -> None:
        self.app = app
        self.limit = limit
        self.wait = wait
        self.exempt = exempt
        self._slots: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _semaphore(self) -> asyncio.Semaphore:
        # One per event loop: a test may serve the same app from several loops in turn.
        loop = asyncio.get_running_loop()
        if self._slots is None or self._loop is not loop:
            self._slots, self._loop = asyncio.Semaphore(self.limit), loop
        return self._slots

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.exempt:
            await self.app(scope, receive, send)
            return
        slots = self._semaphore()
        try:
            if slots.locked() and self.wait <= 0:
                raise TimeoutError
            async with asyncio.timeout(self.wait):
                await slots.acquire()
        except TimeoutError:
            detail = "the server is at capacity; retry shortly"
            await unavailable_response(detail)(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            slots.release()
