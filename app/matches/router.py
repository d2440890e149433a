"""Routes: ranked partners for a need, or for a text typed in."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.auth.models import Role
from app.deps import SessionDep, require
from app.matches import service
from app.matches.index import PartnerIndex
from app.matches.schemas import AdhocQuery, MatchFilters, MatchList, NeedReadOut, ReadQuery
from app.schemas import Id

router = APIRouter(tags=["matches"], dependencies=[Depends(require(Role.viewer))])


def _index(request: Request) -> PartnerIndex:
    index: PartnerIndex = request.app.state.index
    return index


IndexDep = Annotated[PartnerIndex, Depends(_index)]


@router.get(
    "/needs/{id}/matches",
    response_model=MatchList,
    name="match_need",
    summary="Rank partners for a stored need, with reasons",
)
def match_need(
    id: Id, query: Annotated[MatchFilters, Query()], session: SessionDep, index: IndexDep
) -> MatchList:
    """The best partners for a need, who still have room, and why."""
    return service.for_need(session, index, id, query)


@router.post(
    "/matches",
    response_model=MatchList,
    name="match_text",
    summary="Rank partners for a need described in words",
)
def match_text(body: AdhocQuery, session: SessionDep, index: IndexDep) -> MatchList:
    """The best partners for a need described in words (nothing is stored)."""
    return service.adhoc(session, index, body)


@router.post(
    "/needs/read",
    response_model=NeedReadOut,
    name="read_need",
    summary="Read a need typed in words into its fields",
)
def read_need(body: ReadQuery, session: SessionDep) -> NeedReadOut:
    """Each field the words state, with the words that gave it, and the need form filled from
    them (nothing is stored)."""
    return service.reading_out(service.read(session, body.text), body.text)


@router.api_route("/needs/read", methods=["GET", "PUT", "PATCH", "DELETE"], include_in_schema=False)
def read_need_other_methods() -> None:
    """`/needs/read` is not a need id: other methods are 405, not a need id that is no number."""
    raise StarletteHTTPException(405, headers={"Allow": "POST"})
