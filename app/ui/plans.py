"""The plan pages: choose needs and run a plan; see its assignments with reasons, alternates,
gaps and the concentration before and after; commit it with one button (conveners)."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from app.auth.models import Role
from app.config import Settings
from app.deps import SessionDep
from app.errors import AppError
from app.holds.schemas import ON_HOLD
from app.matches.router import IndexDep
from app.plans import repository as plan_repository
from app.plans import service as plans
from app.plans.schemas import PlanRequest
from app.plans.status import PlanStatus
from app.schemas import Id
from app.ui import charts
from app.ui import repository as ui_repository
from app.ui.pages import render
from app.ui.session import Viewer, ViewerDep, writer
from matching.types import EngagementStatus, NeedStatus

router = APIRouter(prefix="/ui/plans", include_in_schema=False)
Convener = Annotated[Viewer, writer(Role.convener)]


def _choices(session: SessionDep) -> dict[str, Any]:
    needs = plan_repository.needs_where(session, None, None, NeedStatus.open)
    return {
        "programs": sorted({n.program for n in needs}),
        "regions": ui_repository.regions(session),
        "open_needs": needs,
    }


@router.get("")
def plans_page(request: Request, viewer: ViewerDep, session: SessionDep) -> Response:
    """Choose the needs to plan for."""
    context = {"viewer": viewer, "convener": Role.convener, "error": None}
    return render(request, "plans.html", context | _choices(session))


@router.post("")
def run_plan(
    request: Request,
    viewer: Convener,
    session: SessionDep,
    index: IndexDep,
    program: Annotated[str, Form()] = "",
    region: Annotated[str, Form()] = "",
    need_ids: Annotated[list[int] | None, Form()] = None,
    allow_weak: Annotated[bool, Form()] = False,
) -> Response:
    """Solve a plan for the needs chosen, then show it."""
    settings: Settings = request.app.state.settings
    try:
        body = PlanRequest(
            program=program or None, region=region or None, need_ids=need_ids or None,
            allow_weak=allow_weak,
        )  # fmt: skip
        plan = plans.plan_now(session, index, body, settings, viewer.key.name)
    except AppError as exc:
        if exc.status >= 500:
            raise
        context = {"viewer": viewer, "convener": Role.convener, "error": exc.detail}
        context |= _choices(session)
        return render(request, "plans.html", context, exc.status)
    return RedirectResponse(f"/ui/plans/{plan.id}", status_code=303)


@router.get("/{id}")
def plan_page(id: Id, request: Request, viewer: ViewerDep, session: SessionDep) -> Response:
    """One plan: who is asked for what and why, the alternates, the gaps, the concentration."""
    plan = plans.read(plans.get(session, id))
    titles = {n["id"]: n for n in plan.needs}
    by_need: dict[int, list[dict[str, Any]]] = {}
    for a in plan.assignments:
        by_need.setdefault(a["need_id"], []).append(a)
    outcome = plan.outcome or {}
    # Each need's ranking names the partners a hold left out; the plan says each one once.
    # Each held partner named once (a need's notes only count those far from it).
    held = [n for need in plan.needs for n in need.get("notes", []) if f" is {ON_HOLD} until " in n]
    return render(
        request,
        "plan.html",
        {
            "viewer": viewer,
            "plan": plan,
            "held": list(dict.fromkeys(held)),
            "needs": titles,
            "by_need": by_need,
            "outcome": outcome,
            "baseline": plan.baseline,
            "before": charts.lorenz(outcome.get("lorenz_before", [])),
            "after": charts.lorenz(outcome.get("lorenz_after", [])),
            "greedy": charts.lorenz(plan.baseline.get("lorenz_after", [])),
            "can_commit": viewer.can(Role.convener)
            and plan.status in (PlanStatus.draft, PlanStatus.reviewed),
            "committed": request.query_params.get("committed"),
            "error": None,
        },
    )


@router.post("/{id}/commit")
def commit_plan(
    id: Id,
    request: Request,
    viewer: Convener,
    session: SessionDep,
    status: Annotated[str, Form()] = "asked",
    partial: Annotated[bool, Form()] = False,
) -> Response:
    """Make the plan's asks; refusals come back on the page, named."""
    chosen = EngagementStatus.proposed if status == "proposed" else EngagementStatus.asked
    done = plans.commit(session, id, chosen, partial)
    return RedirectResponse(f"/ui/plans/{id}?committed={len(done.engagement_ids)}", status_code=303)
