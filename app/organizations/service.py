"""Deleting an organization: its history of asks goes only when the caller says so."""

from sqlalchemy import delete as sql_delete
from sqlalchemy.orm import Session

from app import repository
from app.engagements.models import Engagement
from app.errors import Conflict
from app.organizations.models import Organization


def delete_organization(session: Session, org: Organization, cascade: bool) -> None:
    """Delete `org` with its contacts, interviews, checks and agreements.

    Its engagements are the load history that burnout risk is read from, so an organization
    that has any is kept (409) unless `cascade` is true.
    """
    asks = repository.count_by(session, Engagement.organization_id, org.id)
    if asks and not cascade:
        raise Conflict(
            f"organization {org.id} has {asks} engagement(s); "
            "delete with ?cascade=true to remove them too"
        )
    if asks:
        session.execute(sql_delete(Engagement).where(Engagement.organization_id == org.id))
    session.delete(org)
    session.flush()
