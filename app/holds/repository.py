"""Queries over holds. A hold is in force while `starts_on <= today < until` and it was not
lifted: it lapses on its own date with no job, because every query compares with today."""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, and_, not_, select
from sqlalchemy.orm import Session

from app.holds import schemas
from app.holds.models import Hold
from app.holds.schemas import HoldStatus


def in_force(day: date) -> ColumnElement[bool]:
    return and_(Hold.lifted_at.is_(None), Hold.starts_on <= day, Hold.until > day)


def status_of(hold: Hold, day: date | None = None) -> HoldStatus:
    day = day or schemas.today()
    if hold.lifted_at is not None:
        return "lifted"
    if hold.until <= day:
        return "lapsed"
    return "scheduled" if hold.starts_on > day else "active"


def active_holds(
    session: Session, organization_ids: Iterable[int] | None = None, day: date | None = None
) -> dict[int, Hold]:
    """The hold in force today for each held organization (the one lasting longest)."""
    stmt = select(Hold).where(in_force(day or schemas.today())).order_by(Hold.until, Hold.id)
    if organization_ids is not None:
        stmt = stmt.where(Hold.organization_id.in_(list(organization_ids)))
    return {hold.organization_id: hold for hold in session.scalars(stmt)}


def no_mail_why(session: Session, organization_id: int, name: str) -> str | None:
    """Why no mail may go to the organization (`name`) today: the do-not-ask hold in force,
    in words; None when it is on none."""
    hold = active_holds(session, [organization_id]).get(organization_id)
    if hold is None:
        return None
    return (f"{name} is on a do-not-ask hold until {hold.until.isoformat()} ({hold.reason}): "
            "no mail goes to a partner on a hold")  # fmt: skip


def page(
    session: Session, query: schemas.HoldQuery, day: date | None = None
) -> tuple[list[Hold], bool]:
    """Up to `query.limit` holds in id order after the cursor, and whether more follow."""
    stmt = select(Hold).order_by(Hold.id).limit(query.limit + 1)
    after = query.after_id()
    if after is not None:
        stmt = stmt.where(Hold.id > after)
    if query.organization_id is not None:
        stmt = stmt.where(Hold.organization_id == query.organization_id)
    if query.active is not None:
        live = in_force(day or schemas.today())
        stmt = stmt.where(live if query.active else not_(live))
    rows = list(session.scalars(stmt))
    return rows[: query.limit], len(rows) > query.limit


def of_organization(session: Session, organization_id: int) -> list[Hold]:
    """Every hold of one partner, the newest first (a partner page lists its history)."""
    stmt = (
        select(Hold)
        .where(Hold.organization_id == organization_id)
        .order_by(Hold.starts_on.desc(), Hold.id.desc())
    )
    return list(session.scalars(stmt))
