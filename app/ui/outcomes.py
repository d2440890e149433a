"""The outcomes page: the playbook's five categories over a period, each with a chart where
people would rather look and a table with every figure beside it (what a screen reader reads,
and what prints); filters by program, region and period; the same figures as a CSV file.

Thin: the figures are the API's (`app.outcomes.service`); this module only turns them into
chart geometry.
"""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.deps import SessionDep
from app.outcomes import repository as outcome_repository
from app.outcomes import service as outcomes
from app.outcomes.router import csv_file
from app.outcomes.schemas import OutcomesOut, OutcomesQuery
from app.ui import charts
from app.ui import repository as ui_repository
from app.ui.pages import render
from app.ui.router import query_of, url
from app.ui.session import ViewerDep

router = APIRouter(prefix="/ui", include_in_schema=False)

SHARE_TICKS = [(0.0, "0%"), (0.25, "25%"), (0.5, "50%"), (0.75, "75%"), (1.0, "100%")]
SATISFACTION_TICKS = [(float(v), str(v)) for v in range(1, 6)]
STATUS_ORDER = {"behind": 0, "on pace": 1, "reached": 2}


def _filters(out: OutcomesOut) -> dict[str, Any]:
    """The view's filters as resolved (a program by its name, the region as spelled, the
    period's days), for links that must show the same figures."""
    return {
        "program": out.program.name if out.program else None,
        "region": out.region,
        "from": out.period.from_.isoformat(),
        "to": out.period.to.isoformat(),
    }


def _charts(out: OutcomesOut) -> dict[str, Any]:
    goals = sorted(
        out.goals_reached.goals,
        key=lambda g: (STATUS_ORDER[g.status], g.program.casefold(), g.engagement_type),
    )
    programs = out.impact.by_program
    dyn = out.dynamics.over_time
    sat = out.quality.satisfaction_over_time
    return {
        "goals": [
            (g, charts.progress(g.actual_count, g.goal_count, g.expected_count)) for g in goals
        ],  # fmt: skip
        "statuses": {s: sum(g.status == s for g in goals) for s in STATUS_ORDER},
        "students": charts.widths([p.students_served for p in programs]),
        "hires": charts.widths([p.hires for p in programs]),
        "concentration": charts.lines(
            [p.period for p in dyn],
            [
                ("Top 20% share of asks", "line-top20", [p.top20_share for p in dyn]),
                ("Gini coefficient", "line-gini", [p.gini for p in dyn]),
            ],
            low=0.0,
            high=1.0,
            ticks=SHARE_TICKS,
        ),
        "satisfaction": charts.lines(
            [p.period for p in sat],
            [("Mean satisfaction", "line-satisfaction", [p.mean for p in sat])],
            low=1.0,
            high=5.0,
            ticks=SATISFACTION_TICKS,
            counts=[p.checks for p in sat],
        ),
        "trend_min": charts.TREND_MIN,
    }


@router.get("/outcomes")
def outcomes_page(request: Request, viewer: ViewerDep, session: SessionDep) -> Response:
    """The five categories of outcomes, filtered by program, region and period."""
    query = query_of(request, OutcomesQuery, {})
    out = outcomes.outcomes(session, query)
    filters = _filters(out)
    return render(
        request,
        "outcomes.html",
        {
            "viewer": viewer,
            "out": out,
            "query": query,
            "default_period": query.from_ is None and query.to is None,
            "csv": url("/ui/outcomes.csv", **filters),
            "programs": outcome_repository.program_names(session),
            "regions": ui_repository.regions(session),
            **_charts(out),
        },
    )


@router.get("/outcomes.csv")
def outcomes_csv(request: Request, viewer: ViewerDep, session: SessionDep) -> Response:
    """The page's figures as a CSV file (what GET /v1/outcomes.csv answers)."""
    response = csv_file(outcomes.outcomes(session, query_of(request, OutcomesQuery, {})))
    response.headers["Cache-Control"] = "no-store"
    return response
