"""The plan pages: choose needs and run a plan; see its assignments with reasons, alternates,
gaps and the concentration before and after; steer it (drop, lock, unlock, swap to an
alternate, each solving again and saying what changed), review it and commit it (conveners)."""

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from app.auth.models import Role
from app.config import Settings
from app.deps import SessionDep
from app.errors import AppError, invalid
from app.holds.schemas import ON_HOLD
from app.matches.router import IndexDep
from app.outcomes import repository as outcome_repository
from app.plans import repository as plan_repository
from app.plans import service as plans
from app.plans.schemas import Pair, PlanEdit, PlanRead, PlanRequest, Swap
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
        "recent": [plans.read(p) for p in plan_repository.recent(session)],
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
        plan = plans.plan_now(session, index, body, settings, viewer.name)
    except AppError as exc:
        if exc.status >= 500:
            raise
        context = {"viewer": viewer, "convener": Role.convener, "error": exc.detail}
        context |= _choices(session)
        return render(request, "plans.html", context, exc.status)
    return RedirectResponse(f"/ui/plans/{plan.id}", status_code=303)


@router.get("/{id}")
def plan_page(id: Id, request: Request, viewer: ViewerDep, session: SessionDep) -> Response:
    """One plan: who is asked for what and why, the alternates, the gaps, the concentration,
    and (for conveners, until it is committed) the controls that steer it."""
    return _plan_view(request, viewer, session, id)


def _plan_view(
    request: Request, viewer: Viewer, session: SessionDep, id: int,
    error: str | None = None, status_code: int = 200,
) -> Response:  # fmt: skip
    stored = plans.get(session, id)
    plan = plans.read(stored)
    titles = {n["id"]: n for n in plan.needs}
    by_need: dict[int, list[Any]] = {n["id"]: [] for n in plan.needs if n.get("open_slots")}
    for a in plan.assignments:
        by_need.setdefault(a.need_id, []).append(a)
    outcome = plan.outcome or {}
    # Each need's ranking names the partners a hold left out; the plan says each one once.
    held = [n for need in plan.needs for n in need.get("notes", []) if f" is {ON_HOLD} until " in n]
    steerable = plan.status in (PlanStatus.draft, PlanStatus.reviewed)
    names = outcome_repository.names(session, sorted({p for _, p in plan.drops}))
    dropped = [
        {"need_id": n, "organization_id": p, "name": names.get(p, f"organization {p}"),
         "title": titles.get(n, {}).get("title", f"need {n}")}
        for n, p in plan.drops
    ]  # fmt: skip
    return render(
        request,
        "plan.html",
        {
            "viewer": viewer,
            "plan": plan,
            "held": list(dict.fromkeys(held)),
            "needs": titles,
            "by_need": by_need,
            "dropped": dropped,
            "outcome": outcome,
            "baseline": plan.baseline,
            "before": charts.lorenz(outcome.get("lorenz_before", [])),
            "after": charts.lorenz(outcome.get("lorenz_after", [])),
            "greedy": charts.lorenz(plan.baseline.get("lorenz_after", [])),
            "can_steer": viewer.can(Role.convener) and steerable,
            "summary": _summary(plan),
            "committed": request.query_params.get("committed"),
            "edited": request.query_params.get("edited") == "1",
            "solving": plan.status == PlanStatus.solving,
            "error": error,
        },
        status_code,
    )


def _summary(plan: PlanRead) -> str:
    """What committing would ask, in one line: '9 asks of 7 partners; 2 slots stay gaps'."""
    asks = len(plan.assignments)
    partners = len({a.organization_id for a in plan.assignments})
    weak = sum(a.fit == "weak" for a in plan.assignments)
    missing = sum(int(g.get("missing", 0)) for g in plan.gaps)
    said = f"{_count(asks, 'ask')} of {_count(partners, 'partner')}"
    if weak:
        said += f" ({_count(weak, 'weak fit')})"
    return said + (f"; {_count(missing, 'slot')} stay gaps" if missing else "; no gaps")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@router.post("/{id}/edit")
def edit_plan(
    id: Id,
    request: Request,
    viewer: Convener,
    session: SessionDep,
    index: IndexDep,
    action: Annotated[Literal["lock", "unlock", "drop", "swap"], Form()],
    need_id: Annotated[Id, Form()],
    organization_id: Annotated[Id, Form()],
    with_organization_id: Annotated[Id | None, Form()] = None,
) -> Response:
    """Drop, lock, unlock or swap one assignment, then solve the rest again; the page says
    what changed."""
    pair = Pair(need_id=need_id, organization_id=organization_id)

    def solve_again() -> str:
        if action == "swap":
            if with_organization_id is None:
                raise invalid("with_organization_id", "choose the alternate to ask instead")
            swap = Swap(**pair.model_dump(), with_organization_id=with_organization_id)
            change = PlanEdit(swap=[swap])
        else:
            change = PlanEdit(**{action: [pair]})
        plans.edit(session, index, id, change, None)
        return f"/ui/plans/{id}?edited=1#need-{need_id}"

    return _then_plan(request, viewer, session, id, solve_again)


@router.post("/{id}/review")
def review_plan(id: Id, request: Request, viewer: Convener, session: SessionDep) -> Response:
    """The convener has read the draft and agrees with it."""

    def review() -> str:
        plans.review(session, id)
        return f"/ui/plans/{id}"

    return _then_plan(request, viewer, session, id, review)


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

    def commit() -> str:
        done = plans.commit(session, id, chosen, partial)
        return f"/ui/plans/{id}?committed={len(done.engagement_ids)}"

    return _then_plan(request, viewer, session, id, commit)


def _then_plan(
    request: Request, viewer: Viewer, session: SessionDep, id: int, act: Callable[[], str]
) -> Response:
    """Do what a control asks, then go to the page it names; a refusal (4xx) comes back on
    the plan's page with its reason, nothing written."""
    try:
        where = act()
    except AppError as exc:
        if exc.status >= 500:
            raise
        session.rollback()
        return _plan_view(request, viewer, session, id, exc.detail, exc.status)
    return RedirectResponse(where, status_code=303)
