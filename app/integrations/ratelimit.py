"""Requests per API key, limited with the `limits` package (a moving window).

Every answer under /v1 to a request with a key says where the key stands, in the IETF
RateLimit header fields draft (`RateLimit-Policy: "default";q=600;w=60` and
`RateLimit: "default";r=598;t=42`); past the limit the answer is 429 with `Retry-After`.
The key is known by its SHA-256 digest, so no database lookup happens before the check. The
web pages spend the allowance of the key in their session cookie (the login form, that of
the client's address).
"""

import math
import time
from typing import Any

import redis
import redis.asyncio
from limits import RateLimitItem, WindowStats, parse_many
from limits import storage as sync_storage
from limits import strategies as sync_strategies
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.auth.service import bearer_digest, cookie_parts
from app.errors import problem_response
from app.ui.session import COOKIE
from app.ui.session import COOKIE_PATH as PAGES

POLICY = "default"


def _storage_uri(uri: str) -> str:
    # The middleware runs on the event loop: use the package's async storages.
    return uri if uri.startswith("async+") else f"async+{uri}"


class Connections:
    """The Redis connections an app's limits share (one pool for the request limit on the event
    loop, one for the attempt limits in worker threads), made when first used and closed when
    the app stops, so a stopped app leaves no socket open. None with the in-process storage or
    Redis Sentinel and Cluster URIs (their clients hold connections of their own)."""

    def __init__(self, storage_uri: str) -> None:
        uri = storage_uri.removeprefix("async+")
        plain = uri.startswith(("redis://", "rediss://"))
        self.sync = redis.ConnectionPool.from_url(uri) if plain else None
        self.asyncio = redis.asyncio.ConnectionPool.from_url(uri) if plain else None

    async def close(self) -> None:
        if self.sync is not None:
            self.sync.disconnect()
        if self.asyncio is not None:
            await self.asyncio.disconnect()


def make_storage(
    uri: str, key_prefix: str = "partnermatch", connections: Connections | None = None
) -> Storage:
    """The async storage `uri` names. Redis goes through redis-py (the `redis` package; the
    `limits` package would otherwise want `coredis`), its keys under `key_prefix`, over the
    `connections` given."""
    uri = _storage_uri(uri)
    if uri.startswith(("async+redis", "async+rediss")):
        # limits hands the pool to redis-py (its signature types options as scalars).
        pool: dict[str, Any] = {}
        if connections is not None and connections.asyncio is not None:
            pool["connection_pool"] = connections.asyncio
        storage = storage_from_string(uri, implementation="redispy", key_prefix=key_prefix, **pool)
    else:
        storage = storage_from_string(uri)
    assert isinstance(storage, Storage)  # an async+ URI makes an async storage
    return storage


class _MemoryLimiter:
    """The in-process limiter through the package's sync API: its memory storage takes a
    thread lock for microseconds and does no I/O, where the async one takes asyncio locks that
    stay bound to the first event loop they met (a test client runs one loop per request)."""

    def __init__(self) -> None:
        self._limiter = sync_strategies.MovingWindowRateLimiter(sync_storage.MemoryStorage())

    async def test(self, item: RateLimitItem, who: str) -> bool:
        return self._limiter.test(item, who)

    async def hit(self, item: RateLimitItem, who: str) -> bool:
        return self._limiter.hit(item, who)

    async def get_window_stats(self, item: RateLimitItem, who: str) -> WindowStats:
        return self._limiter.get_window_stats(item, who)


class RateLimitMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        rate: str,
        storage_uri: str = "memory://",
        key_prefix: str = "partnermatch",
        connections: Connections | None = None,
    ) -> None:
        self.app = app
        self.items: list[RateLimitItem] = parse_many(rate)
        self.limiter: MovingWindowRateLimiter | _MemoryLimiter = (
            _MemoryLimiter()
            if storage_uri.removeprefix("async+").startswith("memory")
            else MovingWindowRateLimiter(make_storage(storage_uri, key_prefix, connections))
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        who = _caller(scope) if scope["type"] == "http" else None
        if who is None:
            await self.app(scope, receive, send)
            return
        allowed = [await self.limiter.test(item, who) for item in self.items]
        if all(allowed):
            for item in self.items:
                await self.limiter.hit(item, who)
        headers = await self._headers(who)
        if not all(allowed):
            item = self.items[allowed.index(False)]
            stats = await self.limiter.get_window_stats(item, who)
            wait = max(1, math.ceil(stats.reset_time - time.time()))
            response = problem_response(
                429,
                "Too Many Requests",
                f"this API key made more than {item} requests; retry in {wait} s",
                headers=dict(headers) | {"Retry-After": str(wait)},
            )
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [
                    *message.get("headers", []),
                    *((k.lower().encode(), v.encode()) for k, v in headers),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _headers(self, who: str) -> list[tuple[str, str]]:
        """The policy of the tightest limit, and where the key stands against it."""
        now = time.time()
        tightest = None
        for item in self.items:
            stats = await self.limiter.get_window_stats(item, who)
            if tightest is None or stats.remaining < tightest[1].remaining:
                tightest = (item, stats)
        assert tightest is not None
        item, stats = tightest
        window = item.get_expiry()
        reset = max(0, math.ceil(stats.reset_time - now))
        return [
            ("RateLimit-Policy", f'"{POLICY}";q={item.amount};w={window}'),
            ("RateLimit", f'"{POLICY}";r={stats.remaining};t={reset}'),
        ]


def _caller(scope: Scope) -> str | None:
    """Whose allowance a request spends: the API key's, whether it came as a bearer header
    (the API) or in the session cookie (the web pages, the same key), else the client
    address for the pages (the login form) and a partner's link pages; None for what is not
    limited (/health)."""
    path: str = scope["path"]
    headers = Headers(scope=scope)
    if path.startswith("/v1/"):
        authorization = headers.get("authorization")
        return None if authorization is None else bearer_digest(authorization)
    if path.startswith("/p/"):  # a partner's link page: no key, so the client's address
        client = scope.get("client")
        return f"address:{client[0] if client else 'unknown'}"
    if path == PAGES or path.startswith(PAGES + "/"):
        cookie = cookie_parser(headers.get("cookie", "")).get(COOKIE)
        if cookie:
            # The key's digest the session cookie carries (checked by the session): the pages
            # spend the allowance of the key they were signed in with.
            return cookie_parts(cookie)[1] or bearer_digest(cookie)
        client = scope.get("client")
        return f"address:{client[0] if client else 'unknown'}"
    return None


class AttemptLimiter:
    """Refused attempts per client (partner links: unknown, used, expired or revoked), for
    plain `def` routes: a client past the limit is refused until its window moves on. Only
    refusals count, so a partner answering its own link is never limited by it."""

    def __init__(
        self,
        rate: str,
        storage_uri: str = "memory://",
        key_prefix: str = "partnermatch",
        connections: Connections | None = None,
    ) -> None:
        self.items: list[RateLimitItem] = parse_many(rate)
        uri = storage_uri.removeprefix("async+")
        storage: sync_storage.Storage | Storage
        if connections is not None and connections.sync is not None:
            storage = sync_storage.RedisStorage(
                uri, connection_pool=connections.sync, key_prefix=f"{key_prefix}:attempts"
            )
        elif uri.startswith("redis"):
            storage = storage_from_string(uri, key_prefix=f"{key_prefix}:attempts")
        else:
            storage = storage_from_string(uri)
        assert isinstance(storage, sync_storage.Storage)
        self.limiter = sync_strategies.MovingWindowRateLimiter(storage)

    def wait(self, who: str) -> int:
        """Seconds `who` must wait before trying again; 0: it may try now."""
        for item in self.items:
            if not self.limiter.test(item, who):
                stats = self.limiter.get_window_stats(item, who)
                return max(1, math.ceil(stats.reset_time - time.time()))
        return 0

    def failed(self, who: str) -> None:
        for item in self.items:
            self.limiter.hit(item, who)

    def forget(self, who: str) -> None:
        """Drop `who`'s refusals (an account signed into is not held to the guesses before)."""
        for item in self.items:
            self.limiter.clear(item, who)
