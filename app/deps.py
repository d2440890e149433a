"""Request dependencies as Annotated aliases: the database session and the caller's key."""

from collections.abc import Callable, Iterator
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Integer, String, column, select, table
from sqlalchemy.orm import Session

from app import actors
from app.actors import By, Door
from app.auth.models import ApiKey, Role
from app.auth.service import authenticate
from app.config import Settings
from app.db import Database
from app.errors import Forbidden, Unauthorized
from app.vocabularies import service as vocabularies


def get_session(request: Request) -> Iterator[Session]:
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    # The app's own settings say which vocabularies its writes may not grow; a value spelled
    # like a known one is new only when the caller says so (`new_values`, checked by
    # `new_values` on the routes that write).
    allow = request.query_params.get("new_values") == "allow"
    yield from db.session(info={vocabularies.RESTRICTED: settings.restricted_vocabularies,
                                vocabularies.NEW_VALUES: allow})  # fmt: skip


def new_values(
    new_values: Annotated[
        Literal["refuse", "allow"],
        Query(description=(
            "A sector or region value a small edit away from a known one (\"High Dessert\") "
            "is refused with \"did you mean\"; `allow` writes it as a new value."
        )),
    ] = "refuse",
) -> str:  # fmt: skip
    """Documents and checks the `new_values` query parameter of the routes that write."""
    return new_values


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


# scope="function": commit before the response is sent, so a failed commit is never a 2xx.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]

_bearer = HTTPBearer(auto_error=False, description="An API key from `partnermatch keys create`.")


def current_key(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> ApiKey:
    if credentials is None:
        raise Unauthorized("missing API key: send 'Authorization: Bearer <key>'")
    key = authenticate(session, credentials.credentials)
    if key is None:
        raise Unauthorized("unknown or revoked API key")
    actors.act_as(session, key_by(session, key, Door.api))
    return key


def key_by(session: Session, key: ApiKey, door: Door) -> By:
    """Who writes with `key`: the person who owns it, else the key's own name (a service)."""
    owner = None
    if key.owner_id is not None:  # by table name: the people package imports this module
        owner = session.execute(
            select(PEOPLE.c.name).where(PEOPLE.c.id == key.owner_id)
        ).scalar_one_or_none()
    return By(door, owner or key.name, key.owner_id)


PEOPLE = table("people", column("id", Integer), column("name", String))


CurrentKey = Annotated[ApiKey, Depends(current_key)]


def require(role: Role) -> Callable[[ApiKey], ApiKey]:
    """A dependency that lets through keys of `role` or higher."""

    def check(key: CurrentKey) -> ApiKey:
        if not key.role.allows(role):
            raise Forbidden(f"this action needs the {role.value} role; the key is {key.role.value}")
        return key

    return check
