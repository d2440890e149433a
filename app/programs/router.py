"""Routes for programs."""

from typing import Annotated

from fastapi import Depends, Query, Response

from app.auth.models import Role
from app.crud import IfMatch, crud_router
from app.deps import SessionDep, require
from app.programs.domain import PROGRAMS
from app.schemas import Id
from app.writes.service import WriteService

programs = crud_router(PROGRAMS, with_delete=False)


@programs.delete(
    "/{id}",
    status_code=204,
    dependencies=[Depends(require(Role.convener))],
    summary="Delete a program",
    name="delete_program",
)
def delete(
    id: Id,
    session: SessionDep,
    if_match: IfMatch = None,
    cascade: Annotated[
        bool, Query(description="Also delete its needs and asks (refused with 409 otherwise).")
    ] = False,
) -> Response:
    """Delete a program; one with needs or asks only with cascade=true."""
    WriteService(PROGRAMS).delete(session, id, if_match=if_match, cascade=cascade)
    return Response(status_code=204)
