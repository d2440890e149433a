"""The web pages' session: a record of its own (`app.auth.models.WebSession`), named by a
random token in an HttpOnly, SameSite=Strict cookie; never a password or an API key, so a copied
cookie is no API credential, logging out ends the session, and revoking the key or disabling
the person ends every session signed in with it. A person signs in with their email and
password; an operator may sign in with a key. Every sign-in gets a new token (a session the
browser had is ended first), so a token planted before it is worth nothing after.
SameSite=Strict keeps the browser from sending it with a request another site starts, which is
what stops cross-site form posts; a POST whose Origin names another host is refused as well,
for browsers that predate SameSite.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request, Response
from sqlalchemy.orm import Session

from app import actors
from app.actors import By, Door
from app.auth.models import ApiKey, Role
from app.auth.service import (
    cookie_parts,
    end_session,
    session_key,
    start_person_session,
    start_session,
)
from app.deps import SessionDep, key_by
from app.errors import Forbidden
from app.people import access
from app.people import service as people
from app.people.models import Person

COOKIE = "pm_session"
COOKIE_PATH = "/ui"
# A working day; after that the person signs in again.
MAX_AGE = 8 * 3600
HOME = "/ui/load"
LOGIN = "/ui/login"


class LoginRequired(Exception):
    """No live session in the cookie: the page answers 303 to the sign-in form."""

    def __init__(self, next_path: str | None) -> None:
        super().__init__("login required")
        self.next_path = next_path


def safe_next(value: str | None) -> str:
    """Where to go after login: a path under /ui on this site, or the load page. Anything
    else (another host, `//host`, a scheme, backslashes) is ignored, not followed."""
    if not value or "\\" in value or any(ord(c) < 32 for c in value):
        return HOME
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith("//"):
        return HOME
    if not (parts.path == COOKIE_PATH or parts.path.startswith(COOKIE_PATH + "/")):
        return HOME
    if parts.path.startswith(LOGIN):
        return HOME
    return value


def login_url(next_path: str | None) -> str:
    if not next_path or safe_next(next_path) == HOME:
        return LOGIN
    return f"{LOGIN}?next={quote(next_path, safe='')}"


def _wanted(request: Request) -> str | None:
    """The page to come back to: this one for a GET, the page the form was on for a POST."""
    if request.method == "GET":
        query = request.url.query
        return request.url.path + (f"?{query}" if query else "")
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc == request.url.netloc:
        return referer.path + (f"?{referer.query}" if referer.query else "")
    return None


def sign_in(session: Session, response: Response, request: Request, who: ApiKey | Person) -> None:
    """Start a new session for `who` (a person, or an operator's key) and set its cookie on
    `response`; a session the browser came with is ended first."""
    previous = request.cookies.get(COOKIE)
    if previous:
        end_session(session, previous)
    lasts = timedelta(seconds=MAX_AGE)
    if isinstance(who, Person):
        token = start_person_session(session, who.id, lasts)
    else:
        token = start_session(session, who, lasts)
    response.set_cookie(
        COOKIE,
        token,
        max_age=MAX_AGE,
        path=COOKIE_PATH,
        httponly=True,
        samesite="strict",
        # Marked Secure whenever the page itself came over HTTPS (behind TLS in production);
        # a plain-HTTP demo on 127.0.0.1 could not keep a Secure cookie.
        secure=request.url.scheme == "https",
    )


def sign_out(session: Session, response: Response, request: Request) -> None:
    """End the request's session, if any, and clear its cookie on `response`."""
    token = request.cookies.get(COOKIE)
    if token:
        end_session(session, token)
    response.delete_cookie(COOKIE, path=COOKIE_PATH, httponly=True, samesite="strict")


def guard(request: Request) -> access.Guard:
    """The refused-attempt counters of the sign-in forms, for this request's client."""
    return access.Guard(
        accounts=request.app.state.sign_in_accounts,
        addresses=request.app.state.sign_in_addresses,
        address=request.client.host if request.client else "unknown",
    )


def same_origin(request: Request) -> bool:
    """The form came from these pages: its Origin is this host; without an Origin (an old
    browser), its Referer is; without either, Sec-Fetch-Site says this site (or the person)
    sent it. A post that says none of the three is refused: every browser that keeps a cookie
    sends at least one."""
    here = request.url.netloc
    origin = request.headers.get("origin")
    if origin is not None:
        return origin != "null" and urlsplit(origin).netloc == here
    referer = request.headers.get("referer")
    if referer:
        return urlsplit(referer).netloc == here
    site = request.headers.get("sec-fetch-site")
    return site in ("same-origin", "none")


@dataclass(frozen=True)
class Viewer:
    """Who is looking at a page: a person signed in with their password, or an operator
    signed in with a key."""

    key: ApiKey | None = None
    person: Person | None = None

    @property
    def role(self) -> Role:
        if self.person is not None:
            return self.person.role
        assert self.key is not None
        return self.key.role

    @property
    def name(self) -> str:
        if self.person is not None:
            return self.person.name
        assert self.key is not None
        return self.key.name

    @property
    def actor(self) -> people.Actor:
        if self.person is not None:
            return people.Actor.of_person(self.person)
        assert self.key is not None
        return people.Actor.of_key(self.key)

    def can(self, role: Role) -> bool:
        return self.role.allows(role)


def _viewer(session: Session, cookie: str) -> Viewer | None:
    if len(cookie) > 512:
        return None
    if cookie_parts(cookie)[1]:  # token.key-digest: an operator's key session
        key = session_key(session, cookie)
        return Viewer(key=key) if key is not None else None
    person = access.session_person(session, cookie)
    return Viewer(person=person) if person is not None else None


def current_viewer(request: Request, session: SessionDep) -> Viewer:
    presented = request.cookies.get(COOKIE)
    viewer = _viewer(session, presented) if presented else None
    if viewer is None:
        raise LoginRequired(_wanted(request))
    if request.method == "POST" and not same_origin(request):
        raise Forbidden("this form was sent from another site")
    if viewer.person is not None:
        by = By(Door.page, viewer.person.name, viewer.person.id)
    else:
        assert viewer.key is not None
        by = key_by(session, viewer.key, Door.page)
    actors.act_as(session, by)
    return viewer


ViewerDep = Annotated[Viewer, Depends(current_viewer)]


def writer(role: Role) -> Any:
    """A dependency for write actions: logged in with `role` or higher, else a 403 page."""

    def check(viewer: ViewerDep) -> Viewer:
        if not viewer.can(role):
            raise Forbidden(
                f"this action needs the {role.value} role; you are signed in as {viewer.role.value}"
            )
        return viewer

    return Depends(check)
