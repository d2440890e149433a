"""Tokens and the queries over partner links. A token is 32 random bytes, URL-safe base64
(43 characters); the table holds its SHA-256 digest only."""

import hashlib
import hmac
import re
import secrets
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import repository as records
from app.links.models import PartnerLink
from app.links.schemas import LinkQuery, LinkStatus
from app.organizations.models import Contact, Organization

TOKEN_BYTES = 32
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find(session: Session, token: str, *, lock: bool = False) -> PartnerLink | None:
    """The link `token` opens, or None for anything this service did not issue. `lock`
    holds the row until the transaction ends, so two submissions of one link queue up."""
    if TOKEN_SHAPE.fullmatch(token) is None:
        return None
    wanted = digest(token)
    stmt = select(PartnerLink).where(PartnerLink.token_hash == wanted)
    link = session.scalars(stmt).first()
    if link is not None and lock:
        # Locked, then read again: what another submission committed meanwhile is seen.
        records.lock(session, PartnerLink, link.id)
        link = session.scalars(stmt.execution_options(populate_existing=True)).first()
    if link is None or not hmac.compare_digest(link.token_hash, wanted):
        return None
    return link


def status_of(link: PartnerLink, now: datetime) -> LinkStatus:
    if link.revoked_at is not None:
        return "revoked"
    if link.used_at is not None:
        return "used"
    return "expired" if link.expires_at <= now else "active"


def holder(session: Session, link: PartnerLink) -> tuple[Contact, Organization]:
    """The contact a link was made for, and that contact's organization."""
    contact = session.get(Contact, link.contact_id)
    assert contact is not None  # the foreign key cascades: a link outlives no contact
    organization = session.get(Organization, contact.organization_id)
    assert organization is not None
    return contact, organization


def page(session: Session, contact_id: int, query: LinkQuery) -> tuple[list[PartnerLink], bool]:
    """A contact's links in id order after the cursor, and whether more follow."""
    stmt = (
        select(PartnerLink)
        .where(PartnerLink.contact_id == contact_id)
        .order_by(PartnerLink.id)
        .limit(query.limit + 1)
    )
    after = query.after_id()
    if after is not None:
        stmt = stmt.where(PartnerLink.id > after)
    rows = list(session.scalars(stmt))
    return rows[: query.limit], len(rows) > query.limit


def of_organization(
    session: Session, organization_id: int, limit: int
) -> list[tuple[PartnerLink, Contact]]:
    """The newest `limit` links made for one partner's contacts, each with its contact."""
    stmt = (
        select(PartnerLink, Contact)
        .join(Contact, Contact.id == PartnerLink.contact_id)
        .where(Contact.organization_id == organization_id)
        .order_by(PartnerLink.id.desc())
        .limit(limit)
    )
    return [(link, contact) for link, contact in session.execute(stmt)]


def count_of_organization(session: Session, organization_id: int) -> int:
    stmt = (
        select(func.count())
        .select_from(PartnerLink)
        .join(Contact, Contact.id == PartnerLink.contact_id)
        .where(Contact.organization_id == organization_id)
    )
    return session.scalar(stmt) or 0
