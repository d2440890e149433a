"""Routes: make a recruitment plan, read it (JSON or CSV), edit and solve again, review,
commit its asks."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import StreamingResponse

from app import repository
from app.auth.models import ApiKey, Role
from app.deps import SessionDep, SettingsDep, require
from app.matches.index import PartnerIndex
from app.plans import service, worker
from app.plans.models import Plan
from app.plans.schemas import Committed, PlanEdit, PlanQuery, PlanRead, PlanRequest
from app.schemas import Id, Page, encode_cursor
from matching.types import EngagementStatus

router = APIRouter(prefix="/plans", tags=["plans"])

Viewer = Annotated[ApiKey, Depends(require(Role.viewer))]
Convener = Annotated[ApiKey, Depends(require(Role.convener))]


def _index(request: Request) -> PartnerIndex:
    index: PartnerIndex = request.app.state.index
    return index


IndexDep = Annotated[PartnerIndex, Depends(_index)]


@router.post(
    "",
    status_code=201,
    response_model=PlanRead,
    name="create_plan",
    summary="Plan recruitment for many needs at once",
    responses={202: {"model": PlanRead, "description": "Big plan: solving in the background"}},
)
def create_plan(
    body: PlanRequest,
    session: SessionDep,
    settings: SettingsDep,
    index: IndexDep,
    key: Convener,
    response: Response,
) -> PlanRead:
    """Which partners to ask for which needs, filling the most slots with the best fits
    without over-tapping anyone; big plans answer 202 and are solved in the background."""
    needs = service.choose_needs(session, body)
    if len(needs) < settings.plan_background_needs:
        return service.read(service.plan_now(session, index, body, settings, key.name,
                                             needs=needs))  # fmt: skip
    plan = service.start(session, body, settings, key.name, needs)
    # Solved by the background work (this process's, woken once the row is committed, or
    # another process's), never by this request.
    worker.queued(session)
    response.status_code = 202
    response.headers["Location"] = f"/v1/plans/{plan.id}"
    return service.read(plan)


@router.get("", response_model=Page[PlanRead], name="list_plans", summary="List recruitment plans")
def list_plans(
    query: Annotated[PlanQuery, Query()], session: SessionDep, _: Viewer
) -> Page[PlanRead]:
    """Plans in the order they were made, with a cursor."""
    rows, more = repository.page(session, Plan, query.filters(), query.after_id(), query.limit)
    cursor = encode_cursor(rows[-1].id) if more and rows else None
    return Page[PlanRead](items=[service.read(r) for r in rows], next_cursor=cursor)


@router.get(
    "/{id}/assignments.csv",
    response_class=StreamingResponse,
    name="export_plan",
    summary="Export one plan as CSV (who is asked for what, with alternates and load)",
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def export_plan(id: Id, session: SessionDep, _: Viewer) -> StreamingResponse:
    """One line per ask: program, need, partner, relevance, load before and after."""
    lines = list(service.csv_lines(service.get(session, id)))
    return StreamingResponse(
        iter(lines),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="plan-{id}.csv"'},
    )


@router.get("/{id}", response_model=PlanRead, name="get_plan", summary="Get one recruitment plan")
def get_plan(id: Id, session: SessionDep, _: Viewer) -> PlanRead:
    """The plan, or while it is being solved, its progress."""
    return service.read(service.get(session, id))


@router.patch(
    "/{id}",
    response_model=PlanRead,
    name="edit_plan",
    summary="Lock, drop or swap assignments and solve the rest again",
)
def edit_plan(
    id: Id,
    body: PlanEdit,
    session: SessionDep,
    index: IndexDep,
    _: Convener,
    if_match: Annotated[str | None, Header(max_length=1024)] = None,
) -> PlanRead:
    """The convener's changes are kept through every later solve; a committed plan is 409."""
    return service.read(service.edit(session, index, id, body, if_match))


@router.post(
    "/{id}/review", response_model=PlanRead, name="review_plan", summary="Mark one plan reviewed"
)
def review_plan(id: Id, session: SessionDep, _: Convener) -> PlanRead:
    """A convener has read the draft and agrees with it."""
    return service.read(service.review(session, id))


@router.post(
    "/{id}/commit",
    response_model=Committed,
    name="commit_plan",
    summary="Make the plan's asks (engagements) in one transaction",
)
def commit_plan(
    id: Id,
    session: SessionDep,
    _: Convener,
    status: Annotated[
        Literal["asked", "proposed"], Query(description="Status of the asks made.")
    ] = "asked",
    partial: Annotated[
        bool, Query(description="Make the asks that still pass when some do not.")
    ] = False,
) -> Committed:
    """Every ask is checked again on the load of now; refused ones are named (409) and none
    is made, unless partial=true."""
    return service.commit(session, id, EngagementStatus(status), partial)
