"""Request and response bodies for organizations and contacts."""

from pydantic import Field

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
    Url,
    partial,
)
from matching.types import PartnerKind


class OrganizationCreate(InputModel):
    external_id: ExternalId | None = Field(default=None, description="The CRM's id; unique.")
    name: Name
    kind: PartnerKind
    sectors: TagList = Field(default=[], description="Sector slugs, e.g. health_sciences.")
    region: Region | None = None
    description: Text = ""
    website: Url | None = None


OrganizationUpdate = partial(OrganizationCreate, "OrganizationUpdate")


class OrganizationRead(StoredFields, OrganizationCreate):
    pass


class OrganizationQuery(ListQuery):
    columns = {"sector": "sectors"}

    kind: PartnerKind | None = None
    region: Region | None = None
    sector: Tag | None = Field(default=None, description="Organizations in this sector.")
    external_id: ExternalId | None = None


class ContactCreate(InputModel):
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
    organization_id: int


class ContactQuery(ListQuery):
    columns = {"skill": "skills"}

    organization_id: Id | None = None
    external_id: ExternalId | None = None
    skill: Tag | None = Field(default=None, description="Contacts listing this skill.")
