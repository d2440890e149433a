"""Routes of the outcomes dashboard: the figures as JSON, and the same as a CSV file."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from app.auth.models import Role
from app.deps import SessionDep, require
from app.outcomes import service
from app.outcomes.schemas import OutcomesOut, OutcomesQuery

router = APIRouter(tags=["outcomes"], dependencies=[Depends(require(Role.viewer))])


@router.get(
    "/outcomes",
    response_model=OutcomesOut,
    name="get_outcomes",
    summary="Get the outcomes in five categories (goals, resources, quality, impact, dynamics)",
)
def get_outcomes(query: Annotated[OutcomesQuery, Query()], session: SessionDep) -> OutcomesOut:
    """Outcomes over a period (default: the school year to date), by program and region."""
    return service.outcomes(session, query)


@router.get(
    "/outcomes.csv",
    response_class=Response,
    name="export_outcomes",
    summary="Export the outcomes as a long CSV (category, measure, program, period, value)",
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def export_outcomes(query: Annotated[OutcomesQuery, Query()], session: SessionDep) -> Response:
    """The outcomes, one figure a row, for a spreadsheet; same filters as /outcomes."""
    return csv_file(service.outcomes(session, query))


def csv_file(out: OutcomesOut) -> Response:
    """The outcomes as a CSV attachment: this export, and the dashboard page's download."""
    return Response(
        service.csv_text(out),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{service.csv_filename(out)}"'},
    )
