"""The few reads the pages need that no API service answers: the regions to filter by, and a
partner's profile (latest interview, contacts) for its page."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.interviews.models import Interview
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
