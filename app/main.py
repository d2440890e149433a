"""create_app(): routers, web pages, error handlers, body-size limit and the database handle."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from starlette.concurrency import run_in_threadpool

from app import __doc__ as app_doc
from app.auth.router import router as keys_router
from app.config import Settings, get_settings, settings_embedder
from app.db import Database, Pool
from app.engagements.router import agreements, engagements
from app.errors import install_error_handlers
from app.integrations.idempotency import IdempotencyMiddleware
from app.integrations.ratelimit import RateLimitMiddleware
from app.integrations.router import router as bulk_router
from app.interviews.router import interviews, temperature_checks
from app.load.router import router as load_router
from app.matches.index import PartnerIndex
from app.matches.router import router as matches_router
from app.middleware import BodySizeLimit, ConcurrencyLimit
from app.needs.router import needs
from app.openapi import install_openapi
from app.organizations.router import contacts, organizations
from app.ui.mount import install as install_pages
from app.webhooks.router import router as webhooks_router
from app.webhooks.worker import WebhookWorker
from matching.embeddings import Embedder
from matching.ranker import Weights

VERSION = "0.1.0"


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

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Every process sends the webhook outbox; claims with a lease keep them from clashing.
        worker = WebhookWorker(database, settings) if settings.webhook_worker else None
        if worker is not None:
            worker.start()
        yield
        if worker is not None:
            await run_in_threadpool(worker.stop)  # waits for a send under way
        if db is None:  # a database handed in belongs to the caller
            database.dispose()

    app = FastAPI(
        title="Partner Match",
        version=VERSION,
        description=app_doc,
        lifespan=lifespan,
        # operationIds are the route names (create_need, list_needs): stable for generated clients.
        generate_unique_id_function=lambda route: route.name,
    )
    app.state.settings = settings
    app.state.db = database
    weights = Weights(
        semantic=settings.weight_semantic,
        fit=settings.weight_fit,
        interest=settings.weight_interest,
        capacity=settings.weight_capacity,
        burnout=settings.burnout_penalties,
    )
    app.state.index = PartnerIndex(database, embedder or settings_embedder(settings), weights)

    v1 = APIRouter(prefix="/v1")
    for router in (
        organizations,
        contacts,
        interviews,
        needs,
        engagements,
        temperature_checks,
        agreements,
        load_router,
        matches_router,
        keys_router,
        bulk_router,
        webhooks_router,
    ):
        v1.include_router(router)
    app.include_router(v1)

    @app.get("/health", tags=["health"], summary="Is the process answering?")
    def health() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    install_error_handlers(app)
    install_pages(app)  # after the error handlers: it shows their answers as pages under /ui
    install_openapi(app)
    # The last added runs first: the door, the rate limit, the size limit, then idempotency.
    app.add_middleware(IdempotencyMiddleware, db=database)
    app.add_middleware(
        BodySizeLimit,
        max_bytes=settings.max_body_bytes,
        larger={"/v1/import/": settings.max_import_bytes},
    )
    app.add_middleware(
        RateLimitMiddleware, rate=settings.rate_limit, storage_uri=settings.rate_limit_storage
    )
    app.add_middleware(
        ConcurrencyLimit, limit=settings.max_in_flight, wait=settings.queue_timeout_seconds
    )
    return app
