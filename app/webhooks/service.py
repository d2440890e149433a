"""Webhook endpoints: create (with a new signing secret), read, delete, and their deliveries."""

import base64
import secrets

from sqlalchemy.orm import Session

from app.config import Settings
from app.errors import NotFound, invalid
from app.schemas import encode_cursor
from app.webhooks import repository, targets
from app.webhooks.models import WebhookEndpoint
from app.webhooks.schemas import DeliveryQuery, DeliveryRead, WebhookCreate

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def check_url(settings: Settings, url: str) -> None:
    """Refuse a receiver URL that points anywhere but the public internet (422 naming `url`).
    It resolves the host: call it from a thread (a plain `def` route), never on the loop."""
    try:
        targets.TargetPolicy.from_settings(settings).check_registration(url)
    except targets.Refused as exc:
        raise invalid("url", exc.reason) from None


def create_endpoint(
    session: Session, payload: WebhookCreate, settings: Settings
) -> WebhookEndpoint:
    check_url(settings, payload.url)
    return repository.add_endpoint(
        session, payload.url, [e.value for e in payload.events], new_secret()
    )


def get_endpoint_or_404(session: Session, id_: int) -> WebhookEndpoint:
    row = repository.get_endpoint(session, id_)
    if row is None:
        raise NotFound(f"webhook {id_} does not exist")
    return row


def delete_endpoint(session: Session, id_: int) -> None:
    """Delete the endpoint with its deliveries; nothing more is sent to it."""
    repository.delete_endpoint(session, get_endpoint_or_404(session, id_))


def list_endpoints(
    session: Session, after_id: int | None, limit: int
) -> tuple[list[WebhookEndpoint], str | None]:
    rows, more = repository.endpoints_page(session, after_id, limit)
    return rows, encode_cursor(rows[-1].id) if more else None


def list_deliveries(
    session: Session, id_: int, query: DeliveryQuery
) -> tuple[list[DeliveryRead], str | None]:
    """The endpoint's deliveries, newest first, each with its attempts (newest first)."""
    get_endpoint_or_404(session, id_)
    rows, more = repository.deliveries_page(
        session, id_, query.status, query.after_id(), query.limit
    )
    items = [DeliveryRead.model_validate(row) for row in rows]
    return items, encode_cursor(rows[-1].id) if more else None
