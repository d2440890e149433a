"""What conveners and admins do with people, and what it does: invite (an invitation mailed),
disable (their sessions end and their keys are revoked in the same transaction) and enable;
the demo's people and people's own keys. Signing in and the mailed links are in
app.people.access.

Routers and pages hand in who acts (`Actor`) and where the site is (`site`: the base of the
links mailed); nothing here knows a request."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from app.auth import service as keys
from app.auth.models import ApiKey, Role
from app.config import Settings
from app.errors import Conflict, FieldError, Forbidden, NotFound, invalid
from app.mail import outbox
from app.people import mail, passwords, repository
from app.people.models import Invitation, PasswordReset, Person, PersonStatus
from app.types import utcnow

TOKEN_BYTES = 32
INVITE_PATH = "/ui/invite/{token}"


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
