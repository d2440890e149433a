"""What people can do and what it does: invite (an invitation mailed), take up an invitation or
a reset link (a password chosen), sign in (Argon2, the same answer and about the same time for
an unknown email, refused guesses counted per account and per client address), ask for a
reset (the same answer whoever asks), disable (their sessions end and their keys are revoked
in the same transaction) and enable.

Routers and pages hand in who acts (`Actor`), where the site is (`site`: the base of the
links mailed) and the attempt counters (`Guard`); nothing here knows a request."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, Protocol

from sqlalchemy.orm import Session

from app.auth import service as keys
from app.auth.models import ApiKey, Role
from app.config import Settings
from app.errors import AppError, Conflict, FieldError, Forbidden, NotFound, invalid
from app.mail import outbox
from app.people import mail, passwords, repository
from app.people.models import Invitation, PasswordReset, Person, PersonStatus
from app.people.repository import L
from app.types import utcnow

TOKEN_BYTES = 32
INVITE_PATH = "/ui/invite/{token}"
RESET_PATH = "/ui/reset/{token}"

LinkState = Literal["open", "unknown", "used", "expired", "withdrawn"]


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in person, or an API key (an operator, an integration)."""

    name: str
    role: Role
    person_id: int | None = None

    @classmethod
    def of_key(cls, key: ApiKey) -> "Actor":
        return cls(key.name, key.role, key.owner_id)

    @classmethod
    def of_person(cls, person: Person) -> "Actor":
        return cls(person.name, person.role, person.id)


class Attempts(Protocol):
    """Refused attempts counted per `who` (app.integrations.ratelimit.AttemptLimiter)."""

    def wait(self, who: str) -> int: ...

    def failed(self, who: str) -> None: ...


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


def normalized(email: str) -> str:
    return email.strip().lower()


def one_line(name: str) -> str:
    """A person's name as one line of text: a name never carries a line break into a page
    or a header."""
    return " ".join(name.split())


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _field(name: str, message: str) -> FieldError:
    return FieldError(field=name, location="body", message=message)


def _role_words(role: Role) -> str:
    return "an admin" if role is Role.admin else f"a {role.value}"


# ------------------------------------------------------------------------------ reading


def get(session: Session, person_id: int) -> Person:
    person = repository.get(session, person_id)
    if person is None:
        raise NotFound(f"person {person_id} does not exist")
    return person


def find(session: Session, person_id: int) -> Person | None:
    return repository.get(session, person_id)


def page(
    session: Session, after_id: int | None, limit: int, role: Role | None = None
) -> tuple[list[Person], bool]:
    return repository.page(session, after_id, limit, role)


def everyone(session: Session) -> list[Person]:
    return repository.everyone(session)


def session_person(session: Session, cookie: str) -> Person | None:
    """The active person whose live session a cookie names, or None."""
    person_id = keys.session_person_id(session, cookie)
    if person_id is None:
        return None
    person = repository.get(session, person_id)
    return person if person is not None and person.status is PersonStatus.active else None


def may_invite(actor: Actor) -> list[Role]:
    """The roles `actor` may give: up to their own, and only from convener up."""
    if not actor.role.allows(Role.convener):
        return []
    return [role for role in Role if actor.role.allows(role)]


# ------------------------------------------------------------------------------ invitations


@dataclass(frozen=True)
class Invited:
    person: Person
    expires_at: datetime
    mail: outbox.Queued


def invite(
    session: Session,
    settings: Settings,
    actor: Actor,
    *,
    site: str,
    email: str,
    name: str,
    role: Role,
) -> Invited:
    """Invite a person (or invite again one who has not yet chosen a password: the older
    invitations stop working): a person record and an invitation mailed with its link. Who
    may: admins and conveners, giving a role up to their own."""
    if not actor.role.allows(Role.convener):
        raise Forbidden(f"inviting people needs the convener role; you are {actor.role.value}")
    if not actor.role.allows(role):
        message = (
            f"{_role_words(actor.role)} may invite people up to {actor.role.value}; "
            "only an admin invites an admin"
        )
        raise Forbidden(f"role: {message}", errors=[_field("role", message)])
    email, name = email.strip(), one_line(name)
    found = repository.by_email(session, email)
    if found is not None and not actor.role.allows(found.role):
        raise Forbidden(f"{found.name} was invited as an admin: only an admin invites them again")
    if found is not None and found.status is not PersonStatus.invited:
        message = f"{found.name} (person {found.id}) signs in with this address already"
        if found.status is PersonStatus.disabled:
            message = f"{found.name} (person {found.id}) has this address and is disabled"
        raise Conflict(f"email: {message}", errors=[_field("email", message)])
    now = utcnow()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires_at = now + timedelta(days=settings.invitation_days)
    url = site.rstrip("/") + INVITE_PATH.format(token=token)
    try:
        # First: an address the mail cannot carry is refused before anything is written.
        queued = mail.invitation(
            session,
            to=found.email if found is not None else email,
            name=name,
            role=role,
            inviter=actor.name,
            url=url,
            expires_at=expires_at,
            mail_from=settings.mail_from,
        )
    except outbox.Unmailable as exc:
        raise invalid("email", exc.reason) from exc
    if found is None:
        person = repository.add_person(session, email, name, role, invited_by=actor.name)
    else:
        person = found
        person.name, person.role, person.invited_by = name, role, actor.name
        repository.withdraw_links(session, Invitation, person.id, now)
    repository.add_link(
        session, Invitation, person.id, digest(token), expires_at, created_by=actor.name
    )
    return Invited(person, expires_at, queued)


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
    if rehashed is not None:
        person.password_hash = rehashed
    person.last_sign_in_at = utcnow()
    session.flush()
    return person


# ------------------------------------------------------------------------------ disabling


def _may_manage(actor: Actor, person: Person, verb: str) -> None:
    if not actor.role.allows(Role.convener):
        raise Forbidden(f"to {verb} people needs the convener role; you are {actor.role.value}")
    if not actor.role.allows(person.role):
        raise Forbidden(f"{person.name} is an admin: only an admin may {verb} an admin")


def disable(session: Session, actor: Actor, person_id: int) -> Person:
    """Disable a person at once: they sign in no more, every session of theirs ends, every
    key they own is revoked and their open invitation and reset links are withdrawn. Done
    again, it changes nothing."""
    person = get(session, person_id)
    _may_manage(actor, person, "disable")
    if actor.person_id == person.id:
        raise Conflict("you cannot disable yourself: ask another admin or convener")
    if person.disabled_at is not None:
        return person
    now = utcnow()
    person.disabled_at, person.disabled_by = now, actor.name
    keys.end_person_sessions(session, person.id)
    keys.revoke_person_keys(session, person.id)
    repository.withdraw_links(session, Invitation, person.id, now)
    repository.withdraw_links(session, PasswordReset, person.id, now)
    session.flush()
    return person


def enable(session: Session, actor: Actor, person_id: int) -> Person:
    """Let a disabled person sign in again with their password. Their revoked keys stay
    revoked: a key is never brought back."""
    person = get(session, person_id)
    _may_manage(actor, person, "enable")
    person.disabled_at, person.disabled_by = None, None
    session.flush()
    return person


def ensure_person(
    session: Session, *, email: str, name: str, role: Role, password: str, by: str
) -> tuple[Person, bool]:
    """A person who signs in with `password` at once, no invitation (the demo, an operator's
    first admin); an address someone has already is left as it is. (The person, whether this
    call made them.)"""
    found = repository.by_email(session, email)
    if found is not None:
        return found, False
    wrong = passwords.problem(password, password)
    if wrong is not None:
        raise invalid(*wrong)
    person = repository.add_person(session, email.strip(), one_line(name), role, invited_by=by)
    person.password_hash = passwords.hash_password(password)
    person.joined_at = utcnow()
    session.flush()
    return person, True


def create_key(
    session: Session, person_id: int, name: str, role: Role | None
) -> tuple[ApiKey, str]:
    """A key owned by a person, of their role or a lower one (revoked when they are
    disabled)."""
    person = get(session, person_id)
    if person.status is PersonStatus.disabled:
        raise Conflict(f"{person.name} is disabled: enable them first")
    role = role or person.role
    if not person.role.allows(role):
        raise invalid("role", f"at most {person.name}'s role, {person.role.value}")
    return keys.create_key(session, name, role, owner_id=person.id)
