"""`/metrics` in the Prometheus text format: open (no API key, no rate limit), so keep it off
the public side of the load balancer; METRICS_ENABLED=false leaves it out."""

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST

from app.ops.metrics import Metrics

router = APIRouter(tags=["health"])


@router.get(
    "/metrics",
    summary="This process's metrics for Prometheus",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}}}}},
)
def metrics(request: Request) -> Response:
    """Request counts and latencies per route, the partner index and the webhook queue."""
    # A plain def: the webhook queue depth is read from the database, in the thread pool.
    found: Metrics = request.app.state.metrics
    body, content_type = found.exposition(request.headers.get("accept", ""))
    return Response(body, headers={"content-type": content_type})
