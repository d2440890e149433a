"""Signing in and the links mailed to people: sign in (Argon2, the same answer and about the
same time for an unknown email, refused guesses counted per account and per client address),
take up an invitation or a reset link (a password chosen, the link used once), ask for a reset
(the same answer whoever asks), and the person a session cookie names.

Pages hand in the attempt counters (`Guard`) and where the site is; nothing here knows a
request."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, Protocol

from sqlalchemy.orm import Session

from app.auth import service as keys
from app.config import Settings
from app.errors import AppError, Forbidden, invalid
from app.mail import outbox
from app.people import mail, passwords, repository
from app.people.models import Invitation, PasswordReset, Person, PersonStatus
from app.people.repository import L
from app.people.service import TOKEN_BYTES, digest, get, normalized
from app.types import utcnow

RESET_PATH = "/ui/reset/{token}"

LinkState = Literal["open", "unknown", "used", "expired", "withdrawn"]


class Attempts(Protocol):
    """Refused attempts counted per `who` (app.integrations.ratelimit.AttemptLimiter)."""

    def wait(self, who: str) -> int: ...

    def failed(self, who: str) -> None: ...

    def forget(self, who: str) -> None: ...


@dataclass(frozen=True)
class Guard:
    """The counters of one request: per account (by email) and per client address."""

    accounts: Attempts
    addresses: Attempts
    address: str

    def wait(self, email: str | None) -> int:
        """Seconds before this client (and this account, if named) may try again."""
        account = self.accounts.wait(f"account:{email}") if email else 0
        return max(account, self.addresses.wait(f"address:{self.address}"))

    def failed(self, email: str | None) -> None:
        if email:
            self.accounts.failed(f"account:{email}")
        self.addresses.failed(f"address:{self.address}")

    def succeeded(self, email: str) -> None:
        """The account's own count starts again; the address's does not (a client that
        guesses at many accounts is not let off by signing into its own)."""
        self.accounts.forget(f"account:{email}")

    def check(self, email: str | None) -> None:
        wait = self.wait(email)
        if wait:
            raise TooManyAttempts(wait)


class TooManyAttempts(AppError):
    status, title = 429, "Too Many Requests"

    def __init__(self, wait: int) -> None:
        minutes = max(1, -(-wait // 60))
        unit = "minute" if minutes == 1 else "minutes"
        super().__init__(
            f"Too many attempts, try again in {minutes} {unit}.",
            headers={"Retry-After": str(wait)},
        )
        self.minutes = minutes


class WrongCredentials(AppError):
    status, title = 401, "Unauthorized"

    def __init__(self) -> None:
        super().__init__("Wrong email or password.")


class LinkRefused(AppError):
    """An invitation or reset link that opens nothing (any more)."""

    def __init__(self, state: LinkState) -> None:
        self.status = 404 if state == "unknown" else 410
        self.title = "Not Found" if state == "unknown" else "Gone"
        super().__init__(f"this link is {state}")
        self.state = state


def session_person(session: Session, cookie: str) -> Person | None:
    """The active person whose live session a cookie names, or None."""
    person_id = keys.session_person_id(session, cookie)
    if person_id is None:
        return None
    person = repository.get(session, person_id)
    return person if person is not None and person.status is PersonStatus.active else None


# ------------------------------------------------------------------------------ mailed links


def _state(row: Invitation | PasswordReset | None, now: datetime) -> LinkState:
    if row is None:
        return "unknown"
    if row.used_at is not None:
        return "used"
    if row.revoked_at is not None:
        return "withdrawn"
    if row.expires_at <= now:
        return "expired"
    return "open"


def open_link(session: Session, kind: type[L], token: str, guard: Guard) -> Person:
    """The person an invitation or reset link is for, if it still opens; else LinkRefused
    (counted against the client's address) or TooManyAttempts."""
    guard.check(None)
    row = repository.find_link(session, kind, digest(token)) if len(token) <= 100 else None
    person = repository.get(session, row.person_id) if row is not None else None
    state = _state(row, utcnow())
    if state == "open" and (person is None or person.status is PersonStatus.disabled):
        state = "withdrawn"
    if state != "open" or person is None:
        guard.failed(None)
        raise LinkRefused(state)
    return person


def _use_link(
    session: Session,
    kind: type[L],
    token: str,
    password: str,
    confirm: str,
    guard: Guard,
) -> Person:
    """Choose a password with an open link: the link is used (its row locked first, so one of
    two submits wins), every other open link of the person withdrawn."""
    open_link(session, kind, token, guard)
    wrong = passwords.problem(password, confirm)
    if wrong is not None:
        raise invalid(*wrong)
    row = repository.find_link(session, kind, digest(token), lock=True)
    now = utcnow()
    if row is None or _state(row, now) != "open":  # used by another submit meanwhile
        raise LinkRefused(_state(row, now))
    person = get(session, row.person_id)
    person.password_hash = passwords.hash_password(password)
    if person.joined_at is None:
        person.joined_at = now
    row.used_at = now
    repository.withdraw_links(session, Invitation, person.id, now)
    repository.withdraw_links(session, PasswordReset, person.id, now)
    # A new password ends whatever was signed in with the old one.
    keys.end_person_sessions(session, person.id)
    person.last_sign_in_at = now
    session.flush()
    return person


def open_invitation(session: Session, token: str, guard: Guard) -> Person:
    """The person an invitation is for, while it opens (LinkRefused, TooManyAttempts)."""
    return open_link(session, Invitation, token, guard)


def open_reset(session: Session, token: str, guard: Guard) -> Person:
    """The person a reset link is for, while it opens (LinkRefused, TooManyAttempts)."""
    return open_link(session, PasswordReset, token, guard)


def accept_invitation(
    session: Session, token: str, password: str, confirm: str, guard: Guard
) -> Person:
    """Take up an invitation: the person chooses their password (and is then signed in by
    the caller)."""
    return _use_link(session, Invitation, token, password, confirm, guard)


# ------------------------------------------------------------------------------ resets


def request_reset(
    session: Session, settings: Settings, *, site: str, email: str, guard: Guard
) -> None:
    """Mail a reset link to the person with this email, if there is one who may sign in.
    Whoever asks gets the same answer (nothing is returned) and waits about as long; every
    request counts against the account and the client's address, so no one mails a person
    a hundred resets."""
    email = normalized(email)
    guard.check(email)
    guard.failed(email)
    now = utcnow()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires_at = now + timedelta(minutes=settings.password_reset_minutes)
    url = site.rstrip("/") + RESET_PATH.format(token=token)
    person = repository.by_email(session, email)
    if person is None or person.status is PersonStatus.disabled:
        mail.compose_reset_only(email, url, expires_at)
        return
    try:
        mail.reset(
            session,
            to=person.email,
            name=person.name,
            url=url,
            expires_at=expires_at,
            mail_from=settings.mail_from,
        )
    except outbox.Unmailable:
        return  # said to no one: the answer is the same
    repository.withdraw_links(session, PasswordReset, person.id, now)
    repository.add_link(session, PasswordReset, person.id, digest(token), expires_at)


def reset_password(
    session: Session, token: str, password: str, confirm: str, guard: Guard
) -> Person:
    """Choose a new password with a reset link; every session of the person ends."""
    return _use_link(session, PasswordReset, token, password, confirm, guard)


# ------------------------------------------------------------------------------ signing in


def sign_in(session: Session, email: str, password: str, guard: Guard) -> Person:
    """The person with this email and password. WrongCredentials for an unknown email, a
    person with no password yet and a wrong password alike, after the same Argon2 work;
    TooManyAttempts once the account or the client's address has guessed too often; a
    disabled person who gives the right password is told they are disabled (Forbidden)."""
    email = normalized(email)
    guard.check(email)
    person = repository.by_email(session, email) if email else None
    ok, rehashed = passwords.verify(password, person.password_hash if person else None)
    if not ok or person is None:
        guard.failed(email)
        raise WrongCredentials()
    if person.status is PersonStatus.disabled:
        raise Forbidden("this account is disabled: ask an admin or a convener to enable it")
    guard.succeeded(email)
    if rehashed is not None:
        person.password_hash = rehashed
    person.last_sign_in_at = utcnow()
    session.flush()
    return person
