"""Convener routes for partner self-service links: make one for a contact (its URL shown
once, and mailed to the contact on request), list a contact's links (never their tokens),
revoke one; and the mail a partner's contacts were sent (any key, never the bodies). The
pages the links open are in `app.ui.links`, the unsubscribe page in `app.ui.unsubscribe`."""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from app.auth.models import ApiKey, Role
from app.config import Settings
from app.deps import SessionDep, SettingsDep, require
from app.links import mail as link_mail
from app.links import repository
from app.links.models import PartnerLink
from app.links.schemas import LinkCreate, LinkCreated, LinkQuery, LinkRead
from app.mail import repository as mail_repository
from app.mail.schemas import MailQuery, MailRead
from app.organizations.domain import CONTACTS, ORGANIZATIONS
from app.schemas import Id, Page, encode_cursor
from app.types import utcnow
from app.writes import links as link_service
from app.writes.service import WriteService

router = APIRouter(tags=["partner links"])
# The mail a partner's contacts were sent: links' mail for now, other mail to come.
mail_router = APIRouter(tags=["mail"])
Viewer = Annotated[ApiKey, Depends(require(Role.viewer))]
Convener = Annotated[ApiKey, Depends(require(Role.convener))]


def site_url(settings: Settings, request: Request) -> str:
    """Where the site is: PUBLIC_URL when set, else where this request came."""
    return (settings.public_url or str(request.base_url)).rstrip("/")


def page_url(settings: Settings, request: Request, token: str) -> str:
    """The address of a link's page."""
    return f"{site_url(settings, request)}/p/{token}"


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
    """A one-use link for the contact to answer one thing (its `purpose`) without an API key,
    mailed to the contact with `send`. The URL is in this answer (and that mail) only; the
    service keeps a digest of its token."""
    row, token = link_service.create(
        session,
        id,
        payload.purpose,
        days=payload.expires_in_days,
        by=key.name,
        engagement_id=payload.engagement_id,
    )
    url = page_url(settings, request, token)
    mail = None
    if payload.send:
        mail = link_mail.send(
            session,
            row,
            url,
            site=site_url(settings, request),
            sender=key.name,
            mail_from=settings.mail_from,
        )
    response.headers["Location"] = f"/v1/contacts/{row.contact_id}/links"
    response.headers["Cache-Control"] = "no-store"
    return LinkCreated(**read(session, row).model_dump(), url=url, mail=mail)


@router.get(
    "/contacts/{id}/links",
    response_model=Page[LinkRead],
    summary="List a contact's self-service links",
    name="list_partner_links",
)
def list_(id: Id, query: Annotated[LinkQuery, Query()], _key: Viewer, session: SessionDep) -> Any:
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
    return read(session, link_service.revoke(session, id))


@mail_router.get(
    "/organizations/{id}/mail",
    response_model=Page[MailRead],
    summary="List the mail sent to a partner's contacts",
    name="list_organization_mail",
)
def list_mail(
    id: Id, query: Annotated[MailQuery, Query()], _key: Viewer, session: SessionDep
) -> Any:
    """What was sent (or is waiting) to whom, newest first, with its status and last error;
    never the bodies."""
    WriteService(ORGANIZATIONS).get(session, id)
    rows, more = mail_repository.of_organization(session, id, query.after_id(), query.limit)
    return {
        "items": [MailRead.model_validate(row) for row in rows],
        "next_cursor": encode_cursor(rows[-1].id) if more else None,
    }
