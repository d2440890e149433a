"""Convener routes for partner self-service links: make one for a contact (its URL shown
once), list a contact's links (never their tokens), revoke one. The pages the links open are
in `app.ui.links`."""

from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from app.auth.models import ApiKey, Role
from app.deps import SessionDep, SettingsDep, require
from app.errors import Conflict
from app.links import repository
from app.links.domain import PARTNER_LINKS
from app.links.models import PartnerLink
from app.links.schemas import (
    LinkCreate,
    LinkCreated,
    LinkQuery,
    LinkRead,
    LinkStored,
    LinkStoredUpdate,
)
from app.organizations.domain import CONTACTS
from app.schemas import Id, Page, encode_cursor
from app.types import utcnow
from app.writes.service import WriteService

router = APIRouter(tags=["partner links"])
service = WriteService(PARTNER_LINKS)
Convener = Annotated[ApiKey, Depends(require(Role.convener))]


def read(session: SessionDep, row: PartnerLink, now: datetime | None = None) -> LinkRead:
    contact, _ = repository.holder(session, row)
    fields = {name: getattr(row, name) for name in LinkRead.model_fields if hasattr(row, name)}
    return LinkRead.model_validate(
        fields
        | {
            "organization_id": contact.organization_id,
            "status": repository.status_of(row, now or utcnow()),
        }
    )


@router.post(
    "/contacts/{id}/links",
    status_code=201,
    response_model=LinkCreated,
    summary="Make a self-service link for a contact",
    name="create_partner_link",
)
def create(
    id: Id,
    payload: LinkCreate,
    key: Convener,
    session: SessionDep,
    settings: SettingsDep,
    request: Request,
    response: Response,
) -> Any:
    """A one-use link for the contact to answer one thing (its `purpose`) without an API key.
    The URL is in this answer only; the service keeps a digest of its token."""
    contact = WriteService(CONTACTS).get(session, id)
    token = repository.new_token()
    now = utcnow()
    row = service.create(
        session,
        LinkStored(
            contact_id=contact.id,
            purpose=payload.purpose,
            token_hash=repository.digest(token),
            expires_at=now + timedelta(days=payload.expires_in_days),
            created_by=key.name,
        ),
    )
    base = (settings.public_url or str(request.base_url)).rstrip("/")
    response.headers["Location"] = f"/v1/contacts/{contact.id}/links"
    response.headers["Cache-Control"] = "no-store"
    return LinkCreated(**read(session, row, now).model_dump(), url=f"{base}/p/{token}")


@router.get(
    "/contacts/{id}/links",
    response_model=Page[LinkRead],
    summary="List a contact's self-service links",
    name="list_partner_links",
)
def list_(id: Id, query: Annotated[LinkQuery, Query()], _key: Convener, session: SessionDep) -> Any:
    """The contact's links, oldest first, with their status; never their tokens."""
    contact = WriteService(CONTACTS).get(session, id)
    rows, more = repository.page(session, contact.id, query)
    now = utcnow()
    return {
        "items": [read(session, row, now) for row in rows],
        "next_cursor": encode_cursor(rows[-1].id) if more else None,
    }


@router.post(
    "/links/{id}/revoke",
    response_model=LinkRead,
    summary="Revoke a self-service link",
    name="revoke_partner_link",
)
def revoke(id: Id, _key: Convener, session: SessionDep) -> Any:
    """Stop a link from working; a used or revoked link answers 409 (an expired one may
    still be revoked, for the record)."""
    row = service.get(session, id)
    now = utcnow()
    status = repository.status_of(row, now)
    if status in ("used", "revoked"):
        when = row.used_at if status == "used" else row.revoked_at
        assert when is not None
        raise Conflict(f"link {id} was already {status} at {when.isoformat(timespec='seconds')}")
    row = service.update(session, id, LinkStoredUpdate.model_validate({"revoked_at": now}))
    return read(session, row, now)
