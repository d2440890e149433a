"""Engagements (asks; recruiters may record them) and agreements as the write path and the
routes see them. An ask is a partner's load: writing one moves its risk and its ranking, and
an organization with asks is not deleted unless the caller says its history goes too."""

from app.auth.models import Role
from app.domain import Domain, Reference
from app.engagements import schemas
from app.engagements.models import Agreement, Engagement
from app.needs.models import Need
from app.organizations.domain import BY_CRM_ID, CONTACT, ORGANIZATION, contact_of_organization
from app.organizations.models import Organization

NEED = Reference("need_id", Need, "need")

ENGAGEMENTS = Domain(
    path="engagements",
    label="engagement",
    model=Engagement,
    create=schemas.EngagementCreate,
    update=schemas.EngagementUpdate,
    read=schemas.EngagementRead,
    query=schemas.EngagementQuery,
    write_role=Role.recruiter,
    references=(
        Reference("organization_id", Organization, "organization", guards_delete=True),
        CONTACT,
        NEED,
    ),
    external_refs=(BY_CRM_ID,),
    rules=(contact_of_organization,),
    ranked=True,
    moves_risk=True,
)
AGREEMENTS = Domain(
    path="agreements",
    label="agreement",
    model=Agreement,
    create=schemas.AgreementCreate,
    update=schemas.AgreementUpdate,
    read=schemas.AgreementRead,
    query=schemas.AgreementQuery,
    references=(ORGANIZATION, NEED),
)
