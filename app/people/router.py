"""Routes for integrators: list people, invite one (the invitation is mailed; its link is in
that mail only), disable one (admins and conveners; enabling again is done on the people page),
and give a person a key of their own (admins). Thin: the rules are app.people.service's."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from app.auth.models import ApiKey, Role
from app.auth.schemas import KeyCreated, KeyRead
from app.deps import SessionDep, SettingsDep, require
from app.links.router import site_url
from app.people import service
from app.people.models import Person
from app.people.schemas import (
    InvitationSent,
    PersonInvite,
    PersonInvited,
    PersonKeyCreate,
    PersonQuery,
    PersonRead,
)
from app.schemas import Id, Page, encode_cursor

router = APIRouter(prefix="/people", tags=["people"])
Convener = Annotated[ApiKey, Depends(require(Role.convener))]


def read(person: Person) -> PersonRead:
    fields = {name: getattr(person, name) for name in PersonRead.model_fields}
    return PersonRead.model_validate(fields)


@router.get(
    "",
    response_model=Page[PersonRead],
    dependencies=[Depends(require(Role.convener))],
    summary="List people, oldest first, with a cursor",
    name="list_people",
)
def list_people(query: Annotated[PersonQuery, Query()], session: SessionDep) -> Any:
    """Everyone who signs in or was invited to (never a password or a link)."""
    rows, more = service.page(session, query.after_id(), query.limit, query.role)
    return {
        "items": [read(row) for row in rows],
        "next_cursor": encode_cursor(rows[-1].id) if more else None,
    }


@router.post(
    "",
    status_code=201,
    response_model=PersonInvited,
    summary="Invite a person (an invitation mail)",
    name="invite_person",
)
def invite(
    payload: PersonInvite,
    key: Convener,
    session: SessionDep,
    settings: SettingsDep,
    request: Request,
    response: Response,
) -> Any:
    """Invite a person: they get a mail with a single-use link to choose a password, valid
    INVITATION_DAYS days. A convener may give a role up to convener; only an admin invites an
    admin (403 naming `role`). An address a person already signs in with is 409 naming
    `email`; inviting again someone who has not chosen a password sends a new link."""
    made = service.invite(
        session,
        settings,
        service.Actor.of_key(key),
        site=site_url(settings, request),
        email=payload.email,
        name=payload.name,
        role=payload.role,
    )
    response.headers["Location"] = f"/v1/people/{made.person.id}"
    sent = InvitationSent.model_validate(
        {"expires_at": made.expires_at, "mail": made.mail.__dict__}
    )
    return PersonInvited(**read(made.person).model_dump(), invitation=sent)


@router.post(
    "/{id}/disable",
    response_model=PersonRead,
    summary="Disable a person: sessions end, keys revoked",
    name="disable_person",
)
def disable(id: Id, key: Convener, session: SessionDep) -> Any:
    """Disable a person at once: they sign in no more, their sessions end and their keys are
    revoked in the same transaction. A convener cannot disable an admin (403)."""
    return read(service.disable(session, service.Actor.of_key(key), id))


@router.post(
    "/{id}/keys",
    status_code=201,
    response_model=KeyCreated,
    dependencies=[Depends(require(Role.admin))],
    summary="Create an API key owned by a person (shown once)",
    name="create_person_key",
)
def create_key(id: Id, payload: PersonKeyCreate, session: SessionDep) -> Any:
    """A key that works for the person (their role or a lower one), revoked when they are
    disabled. The answer is the only place the key is ever shown."""
    row, plain = service.create_key(session, id, payload.name, payload.role)
    return KeyCreated(**KeyRead.model_validate(row).model_dump(), key=plain)
