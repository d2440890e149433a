"""Webhook endpoints: create (with a new signing secret, stored encrypted), read, delete, and
their deliveries; re-encrypting every secret with the first key after a key rotation."""

import base64
import logging
import secrets

from sqlalchemy.orm import Session

from app.config import Settings
from app.errors import AppError, NotFound, invalid
from app.schemas import encode_cursor
from app.webhooks import repository, targets
from app.webhooks.keyring import Keyring, KeysUnusable, keyring_for
from app.webhooks.models import WebhookEndpoint
from app.webhooks.schemas import DeliveryQuery, DeliveryRead, WebhookCreate

log = logging.getLogger(__name__)

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32


class KeysUnavailable(AppError):
    """The server's keys for webhook secrets are not usable: its operator's to fix, so the
    answer says no more than that (the log says what is wrong)."""

    status, title = 503, "Service Unavailable"


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
) -> tuple[WebhookEndpoint, str]:
    """Store a new endpoint with a new secret, encrypted; answers the row and the secret (to
    show once)."""
    check_url(settings, payload.url)
    secret = new_secret()
    row = repository.add_endpoint(
        session,
        payload.url,
        [e.value for e in payload.events],
        _keyring(settings).encrypt(secret),
    )
    return row, secret


def _keyring(settings: Settings) -> Keyring:
    try:
        return keyring_for(settings)
    except KeysUnusable as exc:
        log.error("webhook secrets cannot be encrypted: %s", exc.reason)
        raise KeysUnavailable(
            "the server cannot encrypt webhook secrets: its WEBHOOK_SECRET_KEYS setting is not "
            "usable (its log says why); no webhook was created"
        ) from None


def reencrypt_secrets(session: Session, settings: Settings) -> tuple[int, int]:
    """Encrypt every stored secret with the first key, after a new key was put first in
    WEBHOOK_SECRET_KEYS. Answers (re-encrypted, already under the first key). Raises
    KeysUnusable, naming the endpoint, if a secret opens with no key: nothing is written then
    if the caller rolls back."""
    keyring = keyring_for(settings)
    moved = current = 0
    for id_, stored in repository.encrypted_secrets(session):
        if keyring.is_current(stored):
            current += 1
            continue
        try:
            repository.set_encrypted_secret(session, id_, keyring.reencrypt(stored))
        except KeysUnusable as exc:
            raise type(exc)(f"webhook {id_}: {exc.reason}") from None
        moved += 1
    return moved, current


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
