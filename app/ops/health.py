"""Liveness and readiness, for a load balancer or an orchestrator.

`/health` says the process answers (restart it if not); `/health/ready` says it can serve,
which needs the database and the partner index built when the process starts (take it out of
rotation while not). Both are plain `def` routes:
the readiness check blocks on the database, in the thread pool, never on the event loop.
"""

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from app.db import Database
from app.errors import ServiceUnavailable

log = logging.getLogger(__name__)

#: How long the readiness check waits for the database.
READY_TIMEOUT_SECONDS = 2.0
#: What a 503 from the readiness check tells a client to wait.
READY_RETRY_AFTER_SECONDS = 5

router = APIRouter(tags=["health"])
PROBLEM = {"$ref": "#/components/schemas/Problem"}


class Status(BaseModel):
    status: str


def _database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


@router.get("/health", summary="Is the process answering?")
def health() -> Status:
    """Liveness: the process answers (no database is asked)."""
    return Status(status="ok")


@router.get(
    "/health/ready",
    summary="Can the process serve requests?",
    responses={
        503: {
            "description": "The database does not answer, or the partner index is still "
            "being built; see Retry-After",
            "content": {"application/problem+json": {"schema": PROBLEM}},
        }
    },
)
def ready(request: Request, db: Annotated[Database, Depends(_database)]) -> Status:
    """Readiness: the database answers `SELECT 1` within two seconds, and the partner index
    this process builds when it starts is built (waiting two seconds for it)."""
    try:
        db.ping(READY_TIMEOUT_SECONDS)
    except Exception as exc:
        log.warning("not ready: the database did not answer (%s)", type(exc).__name__)
        raise ServiceUnavailable(
            "the database does not answer; retry shortly", retry_after=READY_RETRY_AFTER_SECONDS
        ) from exc
    if not request.app.state.index.ready(READY_TIMEOUT_SECONDS):
        raise ServiceUnavailable(
            "the partner index is still being built; retry shortly",
            retry_after=READY_RETRY_AFTER_SECONDS,
        )
    return Status(status="ready")
