"""Routes of the convener's view: the load table, one partner's load, concentration."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from app.auth.models import Role
from app.deps import SessionDep, require
from app.load import service
from app.load.schemas import (
    ConcentrationOut,
    ConcentrationQuery,
    LoadPage,
    LoadQuery,
    OrganizationLoad,
    WillingList,
    WillingQuery,
    WindowQuery,
)
from app.schemas import Id

router = APIRouter(tags=["load and risk"], dependencies=[Depends(require(Role.viewer))])


@router.get(
    "/partners/load",
    response_model=LoadPage,
    name="list_partner_load",
    summary="List every partner's load and burnout risk",
)
def partner_load(
    query: Annotated[LoadQuery, Query()], session: SessionDep, request: Request
) -> LoadPage:
    """Every partner's load and burnout risk over a rolling window, sortable and filterable."""
    return service.load_page(session, query, request.app.state.load_keeper.ask)


@router.get(
    "/partners/willing",
    response_model=WillingList,
    name="list_willing_partners",
    summary="List willing partners who are rarely asked (interest 4+, room left, few asks)",
)
def willing_partners(query: Annotated[WillingQuery, Query()], session: SessionDep) -> WillingList:
    """Willing partners rarely asked, most interested first, for conveners to approach."""
    return service.willing_partners(session, query)


@router.get(
    "/organizations/{id}/load",
    response_model=OrganizationLoad,
    name="get_partner_load",
    summary="Get one partner's load, timeline, askers and risk history",
)
def organization_load(
    id: Id, query: Annotated[WindowQuery, Query()], session: SessionDep
) -> OrganizationLoad:
    """One partner's load and risk, a 12-month timeline, who asked, and its risk history."""
    return service.organization_load(session, id, query.window_days)


@router.get(
    "/insights/concentration",
    response_model=ConcentrationOut,
    name="get_concentration",
    summary="How concentrated the asks are (top-20% share, Gini, Lorenz curve)",
)
def concentration(
    query: Annotated[ConcentrationQuery, Query()], session: SessionDep
) -> ConcentrationOut:
    """How concentrated asks are: top-20% share, Gini coefficient and Lorenz curve points."""
    return service.concentration_of(session, query.window_days, query.kind, query.region)
