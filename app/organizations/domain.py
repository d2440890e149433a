"""Organizations (partners) and their contacts, as the write path and the routes see them,
and the rule every record naming both a contact and an organization obeys."""

from collections.abc import Mapping

from sqlalchemy.orm import Session

from app.domain import Domain, ExternalRef, Reference, Summaries, VocabularyField
from app.errors import invalid
from app.organizations import schemas
from app.organizations.models import Contact, Organization

ORGANIZATION = Reference("organization_id", Organization, "organization")
BY_CRM_ID = ExternalRef("organization_external_id", "organization_id", Organization, "organization")
CONTACT = Reference("contact_id", Contact, "contact")


def contact_of_organization(
    session: Session, values: Mapping[str, object], _own: int | None
) -> None:
    """A contact named beside an organization must belong to that organization."""
    contact_id, organization_id = values.get("contact_id"), values.get("organization_id")
    if not isinstance(contact_id, int) or organization_id is None:
        return
    contact = session.get(Contact, contact_id)
    if contact is not None and contact.organization_id != organization_id:
        raise invalid(
            "contact_id",
            f"contact {contact.id} belongs to organization {contact.organization_id}, "
            f"not {organization_id}",
        )


ORGANIZATIONS = Domain(
    path="organizations",
    label="organization",
    model=Organization,
    create=schemas.OrganizationCreate,
    update=schemas.OrganizationUpdate,
    read=schemas.OrganizationRead,
    query=schemas.OrganizationQuery,
    summaries=Summaries(
        create="Add a partner organization",
        list="List partner organizations, oldest first, with filters and a cursor",
        get="Get a partner organization",
        update="Change some fields of a partner organization",
        delete="Delete an organization",
        get_by_external_id="Get a partner organization by its CRM id",
        upsert="Create or replace the organization with this CRM id",
    ),
    vocabularies=(VocabularyField("sectors", "sector"), VocabularyField("region", "region")),
    organization_column="id",
    ranked=True,  # name, kind, region and text are what a ranking reads
)
CONTACTS = Domain(
    path="contacts",
    label="contact",
    model=Contact,
    create=schemas.ContactCreate,
    update=schemas.ContactUpdate,
    read=schemas.ContactRead,
    query=schemas.ContactQuery,
    summaries=Summaries(
        create="Add a contact at a partner",
        list="List contacts, oldest first, with filters and a cursor",
        get="Get a contact",
        update="Change some fields of a contact",
        delete="Delete a contact",
        get_by_external_id="Get a contact by its CRM id",
        upsert="Create or replace the contact with this CRM id",
    ),
    references=(ORGANIZATION,),
    external_refs=(BY_CRM_ID,),
    ranked=True,  # a contact's skills are part of its organization's text
)
