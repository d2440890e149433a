"""Routes for engagements (asks; recruiters may record them) and agreements."""

from app.auth.models import Role
from app.crud import crud_router
from app.engagements import schemas
from app.engagements.models import Agreement, Engagement
from app.load.service import record_risk_changes
from app.needs.models import Need
from app.organizations.models import Contact, Organization
from app.resources import ExternalRef, Reference, Resource

_ORGANIZATION = Reference("organization_id", Organization, "organization")
_NEED = Reference("need_id", Need, "need")

ENGAGEMENTS = Resource(
    path="engagements",
    label="engagement",
    model=Engagement,
    create=schemas.EngagementCreate,
    update=schemas.EngagementUpdate,
    read=schemas.EngagementRead,
    query=schemas.EngagementQuery,
    write_role=Role.recruiter,
    references=(_ORGANIZATION, Reference("contact_id", Contact, "contact"), _NEED),
    external_refs=(
        ExternalRef("organization_external_id", "organization_id", Organization, "organization"),
    ),
    on_write=record_risk_changes,
)
AGREEMENTS = Resource(
    path="agreements",
    label="agreement",
    model=Agreement,
    create=schemas.AgreementCreate,
    update=schemas.AgreementUpdate,
    read=schemas.AgreementRead,
    query=schemas.AgreementQuery,
    references=(_ORGANIZATION, _NEED),
)

engagements = crud_router(ENGAGEMENTS)
agreements = crud_router(AGREEMENTS)
