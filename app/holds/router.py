"""Routes for do-not-ask holds: set (conveners), list and read (viewers), lift early. Holds
are never deleted or edited: a lifted or lapsed hold stays as history."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from app.auth.models import ApiKey, Role
from app.deps import SessionDep, require
from app.holds import repository
from app.holds.domain import HOLDS
from app.holds.models import Hold
from app.holds.schemas import HoldCreate, HoldQuery, HoldRead
from app.schemas import Id, Page, encode_cursor
from app.writes import holds as hold_service
from app.writes.service import WriteService, etag

router = APIRouter(prefix="/holds", tags=["holds"])
service = WriteService(HOLDS)


def read(row: Hold, response: Response | None = None) -> HoldRead:
    if response is not None:
        response.headers["ETag"] = etag(row)
    return HoldRead.model_validate(
        {name: getattr(row, name) for name in HoldRead.model_fields if name != "status"}
        | {"status": repository.status_of(row)}
    )


@router.post(
    "",
    status_code=201,
    response_model=HoldRead,
    dependencies=[Depends(require(Role.convener))],
    summary="Put a partner on a do-not-ask hold until a date",
    name="create_hold",
)
def create(payload: HoldCreate, session: SessionDep, response: Response) -> Any:
    """Leave a partner out of rankings and refuse asks of it until `until` (it lapses then)."""
    row = service.create(session, payload.stored())
    response.headers["Location"] = f"/v1/holds/{row.id}"
    return read(row, response)


@router.get(
    "",
    response_model=Page[HoldRead],
    dependencies=[Depends(require(Role.viewer))],
    summary="List do-not-ask holds, oldest first, with filters and a cursor",
    name="list_holds",
)
def list_(query: Annotated[HoldQuery, Query()], session: SessionDep) -> Any:
    """Holds, lifted and lapsed ones too (`active=true` for those in force today)."""
    rows, more = repository.page(session, query)
    return {
        "items": [read(row) for row in rows],
        "next_cursor": encode_cursor(rows[-1].id) if more else None,
    }


@router.get(
    "/{id}",
    response_model=HoldRead,
    dependencies=[Depends(require(Role.viewer))],
    summary="Get a do-not-ask hold",
    name="get_hold",
)
def get(id: Id, session: SessionDep, response: Response) -> Any:
    """One hold, with whether it is in force today."""
    return read(service.get(session, id), response)


@router.post(
    "/{id}/lift",
    response_model=HoldRead,
    summary="Lift a do-not-ask hold early",
    name="lift_hold",
)
def lift(
    id: Id,
    key: Annotated[ApiKey, Depends(require(Role.convener))],
    session: SessionDep,
    response: Response,
) -> Any:
    """End a hold now; it is kept, marked lifted (with the key's name in `lifted_by`). A
    lifted or lapsed hold answers 409."""
    return read(hold_service.lift(session, id, by=key.name), response)
