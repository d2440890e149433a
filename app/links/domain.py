"""Partner links as the write path sees them: made and revoked by conveners, used once by
the partner. A link is part of no partner's load or ranking."""

from app.domain import Domain, Reference, Summaries
from app.links import schemas
from app.links.models import PartnerLink
from app.organizations.models import Contact

PARTNER_LINKS = Domain(
    path="partner-links",
    label="partner link",
    model=PartnerLink,
    create=schemas.LinkStored,
    update=schemas.LinkStoredUpdate,
    read=schemas.LinkRead,
    query=schemas.LinkQuery,
    summaries=Summaries(
        create="Make a self-service link for a contact",
        list="List a contact's self-service links",
        get="Get a self-service link",
        update="Revoke a self-service link",
        delete="Links are never deleted",
    ),
    references=(Reference("contact_id", Contact, "contact"),),
    organization_column=None,
)
