"""Routes for organizations (partners) and contacts."""

from typing import Annotated

from fastapi import Depends, Query, Response

from app.auth.models import Role
from app.crud import IfMatch, crud_router
from app.deps import SessionDep, require
from app.organizations.domain import CONTACTS, ORGANIZATIONS
from app.schemas import Id
from app.writes.service import WriteService

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
    WriteService(ORGANIZATIONS).delete(session, id, if_match=if_match, cascade=cascade)
    return Response(status_code=204)
