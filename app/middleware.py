"""ASGI middleware: refuse request bodies over the configured size without reading them whole."""

from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import problem_response


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
