"""Request and response bodies for organizations and contacts."""

from pydantic import ConfigDict, Field

from app.schemas import (
    Email,
    ExternalId,
    Id,
    InputModel,
    ListQuery,
    Name,
    Ref,
    Region,
    ShortText,
    StoredFields,
    Tag,
    TagList,
    Text,
    WebAddress,
    partial,
)
from matching.types import PartnerKind


class OrganizationCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "external_id": "001Dn00000kPq3RA",
                    "name": "Mercy Valley Medical Center",
                    "kind": "employer",
                    "sectors": ["health_sciences"],
                    "region": "Central Valley",
                    "description": (
                        "Regional hospital with 310 beds, a Level II trauma center and outpatient "
                        "clinics in four towns; short of nursing assistants, pharmacy and "
                        "imaging technicians."
                    ),
                    "website": "https://www.mercyvalley.example.org",
                },
                {
                    "name": "Sierra Foothills Community College",
                    "kind": "college",
                    "sectors": ["advanced_manufacturing", "energy"],
                    "region": "High Desert",
                    "description": (
                        "Offers mechatronics and solar technology certificates and an "
                        "apprenticeship-linked associate degree in industrial maintenance."
                    ),
                },
            ]
        }
    )

    external_id: ExternalId | None = Field(default=None, description="The CRM's id; unique.")
    name: Name
    kind: PartnerKind
    sectors: TagList = Field(default=[], description="Sector slugs, e.g. health_sciences.")
    region: Region | None = None
    description: Text = ""
    website: WebAddress | None = None


OrganizationUpdate = partial(OrganizationCreate, "OrganizationUpdate")


class OrganizationRead(StoredFields, OrganizationCreate):
    # The create example lacks the stored fields: it would mislead as an answer.
    model_config = ConfigDict(json_schema_extra=None)


class OrganizationQuery(ListQuery):
    columns = {"sector": "sectors"}

    kind: PartnerKind | None = None
    region: Region | None = None
    sector: Tag | None = Field(default=None, description="Organizations in this sector.")
    external_id: ExternalId | None = None


class ContactCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "organization_external_id": "001Dn00000kPq3RA",
                    "external_id": "003Dn00000Lm9sTQ",
                    "name": "Priya Raman",
                    "email": "praman@mercyvalley.example.org",
                    "title": "Director of Clinical Education",
                    "skills": ["nursing education", "clinical preceptorship", "patient safety"],
                }
            ]
        }
    )

    organization_id: Ref | None = Field(
        default=None, description="The organization; or name it by organization_external_id."
    )
    organization_external_id: ExternalId | None = Field(
        default=None, description="The organization's CRM id, instead of organization_id."
    )
    external_id: ExternalId | None = None
    name: Name
    email: Email | None = None
    title: ShortText | None = None
    skills: TagList = []


ContactUpdate = partial(ContactCreate, "ContactUpdate")


class ContactRead(StoredFields, ContactCreate):
    # The create example lacks the stored fields: it would mislead as an answer.
    model_config = ConfigDict(json_schema_extra=None)
    organization_id: int


class ContactQuery(ListQuery):
    columns = {"skill": "skills"}

    organization_id: Id | None = None
    external_id: ExternalId | None = None
    skill: Tag | None = Field(default=None, description="Contacts listing this skill.")
