"""Route of the check-in list."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.auth.models import Role
from app.checkins import service
from app.checkins.schemas import CheckinPage, CheckinQuery
from app.deps import SessionDep, SettingsDep, require

router = APIRouter(tags=["check-ins"], dependencies=[Depends(require(Role.viewer))])


@router.get(
    "/checkins",
    response_model=CheckinPage,
    name="list_checkins",
    summary="List the check-ins due: what a convener should do this week, most urgent first",
)
def list_checkins(
    query: Annotated[CheckinQuery, Query()], session: SessionDep, settings: SettingsDep
) -> CheckinPage:
    """Check-ins due, most urgent first, each with its reason and due day."""
    params = service.params_for(settings.checkin_after_days)
    return service.checkin_page(session, query, params=params)
