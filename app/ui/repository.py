"""The few reads the pages need that no API service answers: the regions to filter by, and a
partner's profile for its page (latest interview, contacts, and its asks, temperature checks,
agreements and interviews)."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.domain import Domain
from app.engagements.models import Agreement, Engagement
from app.interviews.models import Interview, TemperatureCheck
from app.links.models import PartnerLink
from app.needs.models import Need
from app.organizations.models import Contact, Organization


def regions(session: Session) -> list[str]:
    """Every region a partner or a need names, alphabetically: the filters' choices."""
    partners = select(Organization.region).where(Organization.region.is_not(None))
    needs = select(Need.region).where(Need.region.is_not(None))
    found = {r for r in session.scalars(partners.union(needs)) if r}
    return sorted(found, key=str.casefold)


def latest_interview(session: Session, organization_id: int) -> Interview | None:
    """The interview capacity comes from: the newest (by time, then id, as the load uses)."""
    stmt = (
        select(Interview)
        .where(Interview.organization_id == organization_id)
        .order_by(Interview.conducted_at.desc(), Interview.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def contacts_of(session: Session, organization_id: int, limit: int = 20) -> list[Contact]:
    stmt = (
        select(Contact)
        .where(Contact.organization_id == organization_id)
        .order_by(Contact.id)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def asks_of(
    session: Session, organization_id: int, limit: int = 50
) -> list[tuple[Engagement, str | None]]:
    """A partner's asks, newest first, with the title of the need each was for."""
    stmt = (
        select(Engagement, Need.title)
        .outerjoin(Need, Need.id == Engagement.need_id)
        .where(Engagement.organization_id == organization_id)
        .order_by(Engagement.asked_at.desc(), Engagement.id.desc())
        .limit(limit)
    )
    return [(e, title) for e, title in session.execute(stmt).all()]


def count_asks(session: Session, organization_id: int) -> int:
    stmt = select(func.count()).where(Engagement.organization_id == organization_id)
    return session.scalar(stmt) or 0


def checks_of(session: Session, organization_id: int, limit: int = 20) -> list[TemperatureCheck]:
    """A partner's temperature checks, newest first."""
    stmt = (
        select(TemperatureCheck)
        .where(TemperatureCheck.organization_id == organization_id)
        .order_by(TemperatureCheck.checked_at.desc(), TemperatureCheck.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def agreements_of(session: Session, organization_id: int, limit: int = 20) -> list[Agreement]:
    """A partner's agreements, the latest ending first."""
    stmt = (
        select(Agreement)
        .where(Agreement.organization_id == organization_id)
        .order_by(Agreement.ends_on.desc(), Agreement.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def interviews_of(session: Session, organization_id: int, limit: int = 10) -> list[Interview]:
    """A partner's interviews, newest first."""
    stmt = (
        select(Interview)
        .where(Interview.organization_id == organization_id)
        .order_by(Interview.conducted_at.desc(), Interview.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def organization_names(session: Session, ids: set[int]) -> dict[int, str]:
    """The names of these partners, by id (the mail page links each message to its partner)."""
    if not ids:
        return {}
    stmt = select(Organization.id, Organization.name).where(Organization.id.in_(sorted(ids)))
    return dict(session.execute(stmt).tuples().all())


def records_of(
    organization_id: int, itself: Domain[Any], owned: Sequence[Domain[Any]], links: Domain[Any]
) -> dict[str, list[int] | Select[Any]]:
    """The records of a partner by the record type its writes are kept under (`path`): itself,
    the records it `owned` (by their `organization_id`), and its contacts' `links`."""
    records: dict[str, list[int] | Select[Any]] = {itself.path: [organization_id]}
    for domain in owned:
        model: Any = domain.model
        records[domain.path] = select(model.id).where(model.organization_id == organization_id)
    records[links.path] = (
        select(PartnerLink.id)
        .join(Contact, Contact.id == PartnerLink.contact_id)
        .where(Contact.organization_id == organization_id)
    )
    return records
