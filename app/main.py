"""create_app(): routers, web pages, error handlers, body-size limit and the database handle."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from starlette.concurrency import run_in_threadpool

from app import __doc__ as app_doc
from app.auth.router import router as keys_router
from app.checkins.router import router as checkins_router
from app.config import Settings, get_settings, settings_embedder
from app.db import Database, Pool
from app.engagements.router import agreements, engagements
from app.errors import install_error_handlers
from app.holds.router import router as holds_router
from app.integrations.idempotency import IdempotencyMiddleware, secret_answers
from app.integrations.ratelimit import AttemptLimiter, Connections, RateLimitMiddleware
from app.integrations.router import router as bulk_router
from app.interviews.router import interviews, temperature_checks
from app.links.router import mail_router
from app.links.router import router as links_router
from app.load.keeper import LoadKeeper
from app.load.router import router as load_router
from app.matches.index import index_for
from app.matches.router import router as matches_router
from app.middleware import BodySizeLimit, ConcurrencyLimit
from app.needs.router import needs
from app.openapi import install_openapi
from app.ops import docs, logs
from app.ops.health import router as health_router
from app.ops.metrics import Metrics, MetricsMiddleware
from app.ops.router import router as metrics_router
from app.ops.threads import limit_threads
from app.organizations.router import contacts, organizations
from app.outcomes.router import router as outcomes_router
from app.people.router import router as people_router
from app.plans.router import router as plans_router
from app.programs.router import programs
from app.ui.links import router as link_pages
from app.ui.mount import install as install_pages
from app.ui.unsubscribe import router as unsubscribe_pages
from app.vocabularies.router import router as vocabularies_router
from app.webhooks.router import router as webhooks_router
from app.workers import Watched, background_for
from matching.embeddings import Embedder

VERSION = "0.1.0"
#: How long shutting down waits for the background work under way (a send, a timed run).
BACKGROUND_STOP_SECONDS = 60.0


def create_app(
    settings: Settings | None = None,
    db: Database | None = None,
    embedder: Embedder | None = None,
) -> FastAPI:
    """The API. The embedding model is loaded here, once per process, unless one is handed in
    (tests share one across apps)."""
    settings = settings or get_settings()
    pool = Pool(
        size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        timeout=settings.db_pool_timeout_seconds,
    )
    database = db or Database(settings.database_url, pool)
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # The outboxes and the timed jobs (app/workers.py), unless a worker runs them apart
        # (BACKGROUND=off); every piece is claimed with a lease, so processes never clash.
        background = None
        if settings.background == "embedded":
            background = background_for(database, settings, metrics, app.state.load_keeper,
                                        app.state.index)  # fmt: skip
            background.start()
        app.state.background = watched.background = background
        if settings.index_warm:
            app.state.index.warm()  # the first query need not wait for the whole build
        yield
        if background is not None:
            # Waits for a send or a run under way (the mail worker's conversation is bounded
            # by its timeouts, a webhook's by its own); a plan still being solved then is
            # taken up by another process when its lease lapses.
            await run_in_threadpool(background.stop, BACKGROUND_STOP_SECONDS)
        await run_in_threadpool(app.state.index.ready, BACKGROUND_STOP_SECONDS)
        await limit_connections.close()
        if db is None:  # a database handed in belongs to the caller
            database.dispose()

    app = FastAPI(
        title="Partner Match",
        version=VERSION,
        description=app_doc,
        lifespan=lifespan,
        # Served by app.ops.docs with the app's own copies of Swagger UI and ReDoc, no CDN.
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # served by app.openapi, built off the event loop
        # operationIds are the route names (create_need, list_needs): stable for generated clients.
        generate_unique_id_function=lambda route: route.name,
    )
    app.state.settings = settings
    app.state.db = database
    app.state.metrics = metrics
    embedder = embedder or settings_embedder(settings)
    # After the model loads (torch is imported by then), in the thread that starts the process.
    limit_threads(settings.compute_threads)
    app.state.index = index_for(
        database, settings, embedder, on_build=metrics.index_built, on_vectors=metrics.vectors_left
    )
    app.state.load_keeper = LoadKeeper(database)

    # The queues and the background work on /metrics; the work itself starts with the app.
    watched = Watched(database, metrics)
    app.state.background = None

    v1 = APIRouter(prefix="/v1")
    for router in (
        organizations,
        contacts,
        programs,
        interviews,
        matches_router,  # before needs: /needs/read is no need id
        needs,
        engagements,
        temperature_checks,
        agreements,
        holds_router,
        links_router,
        load_router,
        checkins_router,
        outcomes_router,
        keys_router,
        people_router,
        bulk_router,
        webhooks_router,
        plans_router,
        vocabularies_router,
        mail_router,
    ):
        v1.include_router(router)
    app.include_router(v1)

    app.include_router(health_router)
    if settings.metrics_enabled:
        app.include_router(metrics_router)
    docs.install(app)

    install_error_handlers(app)
    install_pages(app)  # after the error handlers: it shows their answers as pages under /ui
    # A partner's self-service link pages (no API key), and the refused tries each client has.
    app.include_router(link_pages)
    app.include_router(unsubscribe_pages)  # a message's unsubscribe page, under the same prefix
    limit_connections = Connections(settings.rate_limit_storage)  # closed when the app stops
    app.state.link_attempts = AttemptLimiter(
        settings.link_attempt_limit,
        settings.rate_limit_storage,
        settings.rate_limit_key_prefix,
        limit_connections,
    )
    # Refused sign-ins (and bad invitation or reset links) per account and per client address.
    prefix = settings.rate_limit_key_prefix
    app.state.sign_in_accounts, app.state.sign_in_addresses = (
        AttemptLimiter(rate, settings.rate_limit_storage, f"{prefix}:{name}", limit_connections)
        for name, rate in (("accounts", settings.sign_in_account_limit),
                           ("addresses", settings.sign_in_address_limit))
    )  # fmt: skip
    install_openapi(app)
    # Link tokens are masked in the access log, however the app is served.
    logs.install()
    # The last added runs first: the metrics, the door, the rate limit, the size limit, then
    # idempotency (which stores answers without the fields their schema marks shown once).
    app.add_middleware(IdempotencyMiddleware, db=database, secrets=secret_answers(app.routes))
    app.add_middleware(
        BodySizeLimit,
        max_bytes=settings.max_body_bytes,
        larger={"/v1/import/": settings.max_import_bytes},
    )
    app.add_middleware(
        RateLimitMiddleware,
        rate=settings.rate_limit,
        storage_uri=settings.rate_limit_storage,
        key_prefix=settings.rate_limit_key_prefix,
        connections=limit_connections,
    )
    app.add_middleware(
        ConcurrencyLimit,
        limit=settings.max_in_flight,
        wait=settings.queue_timeout_seconds,
        # Probes and scrapes are answered even at capacity (readiness has its own timeout).
        exempt=("/health", "/health/ready", "/metrics"),
    )
    # Outermost: counts every answer, the 503s of the door and the 429s included.
    if settings.metrics_enabled:
        app.add_middleware(MetricsMiddleware, metrics=metrics, routes=app.router.routes)
    return app
