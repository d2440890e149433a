"""Queries and writes of people and of their invitations and password resets: the one place
these tables are written (accounts, like API keys in app.auth.service)."""

from datetime import datetime
from typing import TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.auth.models import Role
from app.people.models import Invitation, PasswordReset, Person

L = TypeVar("L", Invitation, PasswordReset)


def get(session: Session, person_id: int) -> Person | None:
    return session.get(Person, person_id)


def by_email(session: Session, email: str) -> Person | None:
    """The person with this email, whatever its case."""
    return session.scalar(select(Person).where(func.lower(Person.email) == email.lower()))


def page(
    session: Session, after_id: int | None, limit: int, role: Role | None = None
) -> tuple[list[Person], bool]:
    """Up to `limit` people in id order after `after_id`, and whether more follow."""
    stmt = select(Person).order_by(Person.id).limit(limit + 1)
    if after_id is not None:
        stmt = stmt.where(Person.id > after_id)
    if role is not None:
        stmt = stmt.where(Person.role == role)
    rows = list(session.scalars(stmt))
    return rows[:limit], len(rows) > limit


def everyone(session: Session) -> list[Person]:
    """Every person, by name (the people page)."""
    return list(session.scalars(select(Person).order_by(func.lower(Person.name), Person.id)))


def add_person(session: Session, email: str, name: str, role: Role, invited_by: str) -> Person:
    row = Person(email=email, name=name, role=role, invited_by=invited_by)
    session.add(row)
    session.flush()
    return row


def add_link(
    session: Session, model: type[L], person_id: int, token_hash: str, expires_at: datetime,
    **fields: str,
) -> L:  # fmt: skip
    row = model(person_id=person_id, token_hash=token_hash, expires_at=expires_at, **fields)
    session.add(row)
    session.flush()
    return row


def find_link(session: Session, model: type[L], token_hash: str, *, lock: bool = False) -> L | None:
    """The invitation or reset with this digest; `lock`: its row held until the transaction
    ends, so two submits of one link cannot both use it."""
    stmt = select(model).where(model.token_hash == token_hash)
    if lock:
        stmt = stmt.with_for_update()
    return session.scalar(stmt)


def withdraw_links(
    session: Session, model: type[Invitation] | type[PasswordReset], person_id: int, at: datetime
) -> None:
    """Withdraw a person's links of this kind not yet used (a newer one was sent, the
    password was set, or the person was disabled)."""
    session.execute(
        update(model)
        .where(model.person_id == person_id, model.used_at.is_(None), model.revoked_at.is_(None))
        .values(revoked_at=at)
    )
