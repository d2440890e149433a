"""Do-not-ask holds and self-service links on a partner's page: put the partner on hold, lift
a hold, make a link for one of its contacts (its address shown once, on the answer), revoke a
link. Conveners only, through the write path with the API's own input models and rules; an
error comes back on the partner page by its field, what was typed kept, nothing written."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from pydantic import ValidationError

from app.deps import SessionDep, SettingsDep
from app.engagements.models import Engagement
from app.errors import AppError, NotFound, invalid
from app.holds.domain import HOLDS
from app.holds.schemas import HoldCreate
from app.links import mail as link_mail
from app.links import repository as link_repository
from app.links.models import LinkPurpose
from app.links.router import page_url, site_url
from app.links.schemas import DEFAULT_DAYS, LinkCreate
from app.organizations.domain import CONTACTS, ORGANIZATIONS
from app.schemas import Id, Ref
from app.ui import forms
from app.ui.cycle import PURPOSES, Convener, refused_form, write_form
from app.ui.pages import render
from app.writes import holds as hold_service
from app.writes import links as link_service
from app.writes.service import WriteService

router = APIRouter(prefix="/ui", include_in_schema=False)


@router.post("/partners/{id}/holds")
def set_hold(
    id: Id,
    request: Request,
    viewer: Convener,
    session: SessionDep,
    settings: SettingsDep,
    form: Annotated[forms.HoldForm, Form()],
) -> Response:
    """Put the partner on a do-not-ask hold until a date: left out of rankings, asks refused."""
    WriteService(ORGANIZATIONS).get(session, id)
    payload = form.payload(id)

    def write() -> None:
        WriteService(HOLDS).create(session, HoldCreate.model_validate(payload).stored())

    return write_form(
        request,
        viewer,
        session,
        settings,
        id,
        name="hold",
        form=form,
        boxes=form.boxes,
        fields=list(HoldCreate.model_fields),
        write=write,
        done="hold",
        anchor="holds",
    )


@router.post("/partners/{id}/holds/{hold_id}/lift")
def lift_hold(
    id: Id, hold_id: Id, request: Request, viewer: Convener, session: SessionDep,
    settings: SettingsDep,
) -> Response:  # fmt: skip
    """Lift one of the partner's holds early; a lifted or lapsed one is refused (409)."""
    hold = WriteService(HOLDS).get(session, hold_id)
    if hold.organization_id != id:
        raise NotFound(f"hold {hold_id} is not a hold of organization {id}")
    return write_form(
        request,
        viewer,
        session,
        settings,
        id,
        name=f"hold-{hold_id}",
        form=None,
        boxes={},
        fields=[],
        write=lambda: hold_service.lift(session, hold_id, by=viewer.name),
        done="lifted",
        anchor="holds",
    )


class _LinkAsked(LinkCreate):
    """The link form: the API's own body, and the contact the API takes from its path."""

    contact_id: Ref


@router.post("/partners/{id}/links")
def make_link(
    id: Id,
    request: Request,
    viewer: Convener,
    session: SessionDep,
    settings: SettingsDep,
    form: Annotated[forms.PartnerLinkForm, Form()],
) -> Response:
    """Make a self-service link for one of the partner's contacts, mailed to them when asked
    (`send`); its address is shown on the answer, once, and never again."""
    organization = WriteService(ORGANIZATIONS).get(session, id)
    fields = ["contact_id", *LinkCreate.model_fields]
    try:
        asked = _LinkAsked.model_validate(form.payload())
        contact = WriteService(CONTACTS).get(session, asked.contact_id)
        if contact.organization_id != id:
            raise invalid("contact_id", f"is not a contact of {organization.name}")
        link, token = link_service.create(
            session, contact.id, asked.purpose, days=asked.expires_in_days, by=viewer.name
        )
        url = page_url(settings, request, token)
        # Mailed when asked: refused (naming `send`) and nothing made when the contact has no
        # address, asked for no more mail, bounces, or the partner is on a do-not-ask hold.
        mail = (link_mail.send(session, link, url, site=site_url(settings, request),
                               sender=viewer.name, mail_from=settings.mail_from)
                if asked.send else None)  # fmt: skip
    except NotFound:
        exc = invalid("contact_id", f"is not a contact of {organization.name}")
        return refused_form(request, viewer, session, settings, id, exc, "link", form, {}, fields)
    except (ValidationError, AppError) as exc:
        return refused_form(request, viewer, session, settings, id, exc, "link", form, {}, fields)
    return render(
        request,
        "link_made.html",
        {
            "viewer": viewer,
            "organization": organization,
            "contact": contact,
            "link": link,
            "purpose": PURPOSES[link.purpose],
            "url": url,
            "mail": mail,
        },
        status_code=201,
    )


@router.post("/partners/{id}/asks/{engagement_id}/mail")
def mail_ask(
    id: Id,
    engagement_id: Id,
    request: Request,
    viewer: Convener,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """Mail an ask to the contact it names, with a yes and a no button (a link of purpose
    `ask`); refused on the page, nothing made, when the ask names no contact that can be
    mailed or no longer waits for an answer."""
    ask = session.get(Engagement, engagement_id)
    if ask is None or ask.organization_id != id:
        raise NotFound(f"ask {engagement_id} is not an ask of organization {id}")

    def write() -> None:
        if ask.contact_id is None:
            raise invalid("contact_id", "this ask names no contact: set one to mail it")
        link, token = link_service.create(
            session, ask.contact_id, LinkPurpose.ask, days=DEFAULT_DAYS, by=viewer.name,
            engagement_id=ask.id,
        )  # fmt: skip
        link_mail.send(session, link, page_url(settings, request, token),
                       site=site_url(settings, request), sender=viewer.name,
                       mail_from=settings.mail_from)  # fmt: skip

    return write_form(
        request,
        viewer,
        session,
        settings,
        id,
        name=f"ask-{engagement_id}",
        form=None,
        boxes={},
        fields=[],
        write=write,
        done="mailed",
        anchor=f"ask-{engagement_id}",
    )


@router.post("/partners/{id}/links/{link_id}/revoke")
def revoke_link(
    id: Id, link_id: Id, request: Request, viewer: Convener, session: SessionDep,
    settings: SettingsDep,
) -> Response:  # fmt: skip
    """Revoke one of the partner's links; a used or revoked one is refused (409)."""
    link = link_service.WRITES.get(session, link_id)
    contact, _ = link_repository.holder(session, link)
    if contact.organization_id != id:
        raise NotFound(f"link {link_id} is not a link of organization {id}")
    return write_form(
        request,
        viewer,
        session,
        settings,
        id,
        name=f"link-{link_id}",
        form=None,
        boxes={},
        fields=[],
        write=lambda: link_service.revoke(session, link_id),
        done="revoked",
        anchor="links",
    )
