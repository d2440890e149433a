"""Routes for webhook endpoints and their deliveries; conveners and admins only."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from app.auth.models import Role
from app.deps import SessionDep, SettingsDep, require
from app.schemas import Id, Page
from app.webhooks import service
from app.webhooks.schemas import (
    DeliveryQuery,
    DeliveryRead,
    WebhookCreate,
    WebhookCreated,
    WebhookQuery,
    WebhookRead,
)

router = APIRouter(
    prefix="/webhooks", tags=["webhooks"], dependencies=[Depends(require(Role.admin))]
)


@router.post(
    "",
    status_code=201,
    response_model=WebhookCreated,
    name="create_webhook",
    summary="Subscribe a URL to events (the signing secret is shown once)",
)
def create_webhook(
    payload: WebhookCreate, session: SessionDep, settings: SettingsDep, response: Response
) -> Any:
    """Subscribe a URL to events; the answer is the only place the signing secret is shown."""
    # A plain def on purpose: the URL's host is resolved (in FastAPI's thread pool).
    row, secret = service.create_endpoint(session, payload, settings)
    response.headers["Location"] = f"/v1/webhooks/{row.id}"
    return WebhookCreated(**WebhookRead.model_validate(row).model_dump(), secret=secret)


@router.get(
    "",
    response_model=Page[WebhookRead],
    name="list_webhooks",
    summary="List webhook endpoints",
)
def list_webhooks(query: Annotated[WebhookQuery, Query()], session: SessionDep) -> Any:
    """List webhook endpoints, oldest first (secrets are never shown)."""
    items, next_cursor = service.list_endpoints(session, query.after_id(), query.limit)
    return {"items": items, "next_cursor": next_cursor}


@router.get(
    "/{id}",
    response_model=WebhookRead,
    name="get_webhook",
    summary="Get a webhook endpoint",
)
def get_webhook(id: Id, session: SessionDep) -> Any:
    """Get a webhook endpoint (its secret is never shown)."""
    return service.get_endpoint_or_404(session, id)


@router.delete(
    "/{id}",
    status_code=204,
    name="delete_webhook",
    summary="Delete a webhook endpoint",
)
def delete_webhook(id: Id, session: SessionDep) -> Response:
    """Delete a webhook endpoint and its deliveries; nothing more is sent to it."""
    service.delete_endpoint(session, id)
    return Response(status_code=204)


@router.get(
    "/{id}/deliveries",
    response_model=Page[DeliveryRead],
    name="list_webhook_deliveries",
    summary="List a webhook endpoint's deliveries and their attempts",
)
def list_deliveries(id: Id, query: Annotated[DeliveryQuery, Query()], session: SessionDep) -> Any:
    """A webhook endpoint's deliveries, newest first, each with every attempt (newest first)."""
    items, next_cursor = service.list_deliveries(session, id, query)
    return {"items": items, "next_cursor": next_cursor}
