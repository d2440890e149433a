"""Routes for organizations (partners) and contacts."""

from typing import Annotated

from fastapi import Depends, Query, Response

from app.auth.models import Role
from app.crud import IfMatch, crud_router
from app.deps import SessionDep, require
from app.organizations import schemas
from app.organizations.models import Contact, Organization
from app.organizations.service import delete_organization
from app.resources import ExternalRef, Reference, Resource, check_preconditions, get_or_404
from app.schemas import Id

ORGANIZATIONS = Resource(
    path="organizations",
    label="organization",
    model=Organization,
    create=schemas.OrganizationCreate,
    update=schemas.OrganizationUpdate,
    read=schemas.OrganizationRead,
    query=schemas.OrganizationQuery,
)
CONTACTS = Resource(
    path="contacts",
    label="contact",
    model=Contact,
    create=schemas.ContactCreate,
    update=schemas.ContactUpdate,
    read=schemas.ContactRead,
    query=schemas.ContactQuery,
    references=(Reference("organization_id", Organization, "organization"),),
    external_refs=(
        ExternalRef("organization_external_id", "organization_id", Organization, "organization"),
    ),
)

organizations = crud_router(ORGANIZATIONS, with_delete=False)
contacts = crud_router(CONTACTS)


@organizations.delete(
    "/{id}",
    status_code=204,
    dependencies=[Depends(require(Role.convener))],
    summary="Delete an organization",
    name="delete_organization",
)
def delete(
    id: Id,
    session: SessionDep,
    if_match: IfMatch = None,
    cascade: Annotated[
        bool, Query(description="Also delete its engagements (refused with 409 otherwise).")
    ] = False,
) -> Response:
    """Delete an organization with its contacts, interviews, checks and agreements."""
    org = get_or_404(session, ORGANIZATIONS, id)
    check_preconditions(org, if_match)
    delete_organization(session, org, cascade)
    return Response(status_code=204)
