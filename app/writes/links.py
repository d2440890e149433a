"""Making and revoking partner links, the rules the API and the pages both apply: a link's
token is made here and returned once (only its digest is stored); a used or revoked link
cannot be revoked again; a link of purpose `ask` answers one ask of the contact's partner that
still waits for an answer (`app.links.asks`)."""

from datetime import timedelta

from sqlalchemy.orm import Session

from app.errors import Conflict, invalid
from app.links import asks, repository
from app.links.domain import PARTNER_LINKS
from app.links.models import LinkPurpose, PartnerLink
from app.links.schemas import LinkStored, LinkStoredUpdate
from app.organizations.domain import CONTACTS
from app.types import utcnow
from app.writes.service import WriteService

WRITES = WriteService(PARTNER_LINKS)


def create(
    session: Session,
    contact_id: int,
    purpose: LinkPurpose,
    *,
    days: int,
    by: str,
    engagement_id: int | None = None,
) -> tuple[PartnerLink, str]:
    """A link for contact `contact_id` (404 if there is none), and its token: the one time
    the token exists outside the link's page address. A link of purpose `ask` names the ask
    it answers (`engagement_id`: 422 naming it unless it is an ask of the contact's partner
    still waiting for an answer); the other purposes name none."""
    contact = WriteService(CONTACTS).get(session, contact_id)
    if purpose is LinkPurpose.ask:
        asks.answerable(session, contact, engagement_id)
    elif engagement_id is not None:
        raise invalid("engagement_id", f"only a link of purpose ask answers an ask, not {purpose}")
    token = repository.new_token()
    row = WRITES.create(
        session,
        LinkStored(
            contact_id=contact.id,
            purpose=purpose,
            engagement_id=engagement_id,
            token_hash=repository.digest(token),
            expires_at=utcnow() + timedelta(days=days),
            created_by=by,
        ),
    )
    return row, token


def revoke(session: Session, id: int) -> PartnerLink:
    """Stop link `id` from working; 409 when it was used or revoked already (an expired one
    may still be revoked, for the record)."""
    row = WRITES.get(session, id)
    now = utcnow()
    status = repository.status_of(row, now)
    if status in ("used", "revoked"):
        when = row.used_at if status == "used" else row.revoked_at
        assert when is not None
        raise Conflict(f"link {id} was already {status} at {when.isoformat(timespec='seconds')}")
    return WRITES.update(session, id, LinkStoredUpdate.model_validate({"revoked_at": now}))
