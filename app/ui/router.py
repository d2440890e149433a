"""The web pages: log in, partner load, needs, a need's ranked partners (and
recording an ask), and a free-text search. One partner's page and the check-in list are in
`app/ui/cycle.py`. Thin: every figure comes from the services the API
uses, and every write goes through the write service with the API's own input models.

Pages are plain `def` routes, so ranking and database work run in the thread pool.
"""

from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError

from app import repository as records
from app.auth.models import Role
from app.auth.service import authenticate
from app.deps import SessionDep
from app.engagements import repository as engagement_repository
from app.engagements.domain import ENGAGEMENTS
from app.engagements.schemas import EngagementCreate
from app.errors import AppError, Forbidden, from_validation_error
from app.load import service as load_service
from app.load.schemas import SORTS, LoadQuery, PartnerLoad, RiskLevelName, WillingQuery
from app.matches import service as match_service
from app.matches.router import IndexDep
from app.matches.schemas import AdhocQuery, MatchFilters, MatchList
from app.needs.domain import NEEDS
from app.needs.models import Need
from app.needs.schemas import NeedCreate, NeedQuery
from app.people import access
from app.schemas import MAX_ID, Id, encode_cursor
from app.ui import charts, forms
from app.ui import repository as ui_repository
from app.ui.pages import render
from app.ui.session import (
    HOME,
    Viewer,
    ViewerDep,
    guard,
    login_url,
    safe_next,
    same_origin,
    sign_in,
    sign_out,
    writer,
)
from app.writes.service import WriteService
from matching.types import EngagementType, NeedStatus, PartnerKind

router = APIRouter(prefix="/ui", include_in_schema=False)

PAGE = 25  # rows per page of the long lists
M = TypeVar("M", bound=BaseModel)
Recruiter = Annotated[Viewer, writer(Role.recruiter)]


def url(path: str, **params: Any) -> str:
    """`path` with the non-empty `params` as its query."""
    kept = {k: v for k, v in params.items() if v is not None and v is not False and v != ""}
    query = urlencode(kept, doseq=True)
    return f"{path}?{query}" if query else path


def see_other(location: str) -> RedirectResponse:
    # 303: after a form post the browser GETs the next page, so a reload never posts twice.
    return RedirectResponse(location, status_code=303)


def query_of(
    request: Request, model: type[M], defaults: dict[str, Any], lists: tuple[str, ...] = ()
) -> M:
    """The page's query string as `model`; boxes left empty ("any") are left out. Bad values
    answer the API's 422, shown as a page."""
    params = dict(defaults)
    for key in request.query_params:
        values = [v for v in request.query_params.getlist(key) if v.strip()]
        if values:
            params[key] = values if key in lists else values[-1]
    try:
        return model.model_validate(params)
    except ValidationError as exc:
        raise from_validation_error(exc, "query") from None


# ---------------------------------------------------------------------------- log in, log out


@router.get("")
def home() -> RedirectResponse:
    """The pages start at the partner load."""
    return see_other(HOME)


def _sso(request: Request) -> str | None:
    """The single sign-on button's name, when OIDC_* are set."""
    settings = request.app.state.settings
    return str(settings.oidc_name) if settings.oidc_issuer else None


@router.get("/login")
def login_form(request: Request, next: str = "", done: str = "") -> Response:
    """The sign-in form: single sign-on when set, email and password, and a key for
    operators."""
    flash = {"signed_out": "You are signed out."}.get(done)
    context: dict[str, Any] = {"next": safe_next(next), "errors": {}, "email": "", "flash": flash,
                               "sso": _sso(request)}  # fmt: skip
    return render(request, "login.html", context)


async def _form_names(request: Request) -> frozenset[str]:
    """The names of the fields a form sent, blank ones included (FastAPI gives a blank field
    its default, so `api_key=` and no `api_key` would otherwise read alike). The form is
    read once per request: this is the copy the route's fields come from."""
    return frozenset((await request.form()).keys())


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    sent: Annotated[frozenset[str], Depends(_form_names)],
    api_key: Annotated[str, Form()] = "",
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    """Check the email and password (or, from the operators' form, the key); start a new
    session (its cookie) and go back to the page asked for."""
    if not same_origin(request):
        raise Forbidden("this form was sent from another site")
    context: dict[str, Any] = {"next": safe_next(next), "email": "", "flash": None,
                               "sso": _sso(request)}  # fmt: skip
    if "api_key" in sent:  # the operators' form
        presented = api_key.strip()
        key = authenticate(session, presented) if 0 < len(presented) <= 512 else None
        if key is None:
            # The box is left empty again: a key is a secret and is never written into a page.
            message = "Enter your API key." if not presented else "Unknown or revoked API key."
            context["errors"] = {"api_key": message}
            return render(request, "login.html", context, status_code=401 if presented else 422)
        signed_in = see_other(safe_next(next))
        sign_in(session, signed_in, request, key)
        return signed_in
    email = email.strip()[:320]
    context["email"] = email
    missing = {"email": "Enter your email address." if not email else "",
               "password": "Enter your password." if not password else ""}  # fmt: skip
    if any(missing.values()):
        context["errors"] = {name: message for name, message in missing.items() if message}
        return render(request, "login.html", context, status_code=422)
    try:
        person = access.sign_in(session, email, password, guard(request))
    except AppError as exc:  # a wrong password, too many attempts, a disabled account
        field = "email" if isinstance(exc, access.TooManyAttempts | Forbidden) else "password"
        context["errors"] = {field: exc.detail[:1].upper() + exc.detail[1:]}
        refused = render(request, "login.html", context, status_code=exc.status)
        refused.headers.update(exc.headers or {})
        return refused
    response = see_other(safe_next(next))
    sign_in(session, response, request, person)
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep) -> RedirectResponse:
    """End the session and clear its cookie (only for a form of these pages: no other site
    logs you out)."""
    if not same_origin(request):
        raise Forbidden("this form was sent from another site")
    response = see_other(f"{login_url(None)}?done=signed_out")
    sign_out(session, response, request)
    return response


# ---------------------------------------------------------------------------- partner load


SORT_LABELS = {
    "name": "Partner",
    "risk": "Risk",
    "asks": "Asks",
    "programs": "Programs asking",
    "utilization": "Utilisation",
    "hours": "Hours",
    "declines": "Declines",
}
# The first click on a column sorts its biggest values first; names read A to Z.
ASCENDING_FIRST = {"name"}


@router.get("/load")
def load_page(request: Request, viewer: ViewerDep, session: SessionDep) -> Response:
    """Every partner's load and risk, sortable and filterable, with the concentration."""
    query = query_of(request, LoadQuery, {"limit": PAGE})
    page = load_service.load_page(session, query, request.app.state.load_keeper.ask)
    concentration = load_service.concentration_of(
        session, query.window_days, query.kind, query.region
    )
    willing = load_service.willing_partners(
        session,
        WillingQuery(window_days=query.window_days, kind=query.kind, region=query.region, limit=10),
    )
    filters = {
        "window_days": query.window_days,
        "kind": query.kind.value if query.kind else None,
        "region": query.region,
        "risk": query.risk,
        "limit": query.limit if query.limit != PAGE else None,
    }
    current = query.sort.lstrip("-")
    sorts = {}
    for name in SORTS:
        if name == current:
            flipped = query.sort[1:] if query.sort.startswith("-") else f"-{name}"
        else:
            flipped = name if name in ASCENDING_FIRST else f"-{name}"
        direction = None
        if name == current:
            direction = "descending" if query.sort.startswith("-") else "ascending"
        sorts[name] = {"href": url("/ui/load", **filters, sort=flipped), "aria": direction}
    start = query.offset()
    before = max(start - query.limit, 0)
    previous = None
    if start > 0:
        cursor = encode_cursor(before, "at") if before else None
        previous = url("/ui/load", **filters, sort=query.sort, cursor=cursor)
    following = None
    if page.next_cursor:
        following = url("/ui/load", **filters, sort=query.sort, cursor=page.next_cursor)
    return render(
        request,
        "load.html",
        {
            "viewer": viewer,
            "query": query,
            "page": page,
            "first_row": start + 1,
            "sorts": sorts,
            "sort_labels": SORT_LABELS,
            "previous": previous,
            "following": following,
            "concentration": concentration,
            "willing": willing,
            "lorenz": charts.lorenz(concentration.lorenz),
            "regions": ui_repository.regions(session),
            "kinds": list(PartnerKind),
            "levels": ["critical", "high", "elevated", "low"],
            "windows": sorted({30, 90, 180, 365, query.window_days}),
        },
    )


# ---------------------------------------------------------------------------- needs


@router.get("/needs")
def needs_page(request: Request, viewer: ViewerDep, session: SessionDep) -> Response:
    """Needs with their open slots, filtered and paged."""
    query = query_of(request, NeedQuery, {"limit": PAGE})
    rows, more = records.page(session, Need, query.filters(), query.after_id(), query.limit)
    taken = engagement_repository.slots_taken_by_need(session, [n.id for n in rows])
    filters = query.model_dump(exclude={"cursor"}, exclude_none=True, mode="json")
    if filters.get("limit") == PAGE:
        del filters["limit"]
    following = url("/ui/needs", **filters, cursor=encode_cursor(rows[-1].id)) if more else None
    return render(
        request,
        "needs.html",
        {
            "viewer": viewer,
            "needs": [(n, taken.get(n.id, 0)) for n in rows],
            "query": query,
            "first_page": None if query.cursor is None else url("/ui/needs", **filters),
            "following": following,
            "statuses": list(NeedStatus),
            "types": list(EngagementType),
            "regions": ui_repository.regions(session),
            "can_write": viewer.can(Role.recruiter),
            "created": request.query_params.get("created"),
        },
    )


def _need_form(
    request: Request,
    viewer: Viewer,
    session: SessionDep,
    form: forms.NeedForm,
    errors: dict[str, str],
    status_code: int = 200,
    read: list[str] | None = None,
    described: str = "",
) -> Response:
    return render(
        request,
        "need_form.html",
        {
            "viewer": viewer,
            "form": form,
            "errors": errors,
            "read": read,
            "described": described,
            "kinds": list(PartnerKind),
            "types": list(EngagementType),
            "statuses": list(NeedStatus),
            "regions": ui_repository.regions(session),
        },
        status_code=status_code,
    )


@router.get("/needs/new")
def new_need(request: Request, viewer: Recruiter, session: SessionDep) -> Response:
    """The empty need form."""
    return _need_form(request, viewer, session, forms.NeedForm(), {})


@router.post("/needs/read")
def read_need(
    request: Request,
    viewer: Recruiter,
    session: SessionDep,
    described: Annotated[str, Form(max_length=5000)] = "",
    program: Annotated[str, Form(max_length=255)] = "",
) -> Response:
    """The need form filled from a need described in words, with what was read said, for the
    recruiter to correct and create."""
    if not described.strip():
        errors = {"described": "Describe the need in a sentence or two, or fill the form."}
        return _need_form(request, viewer, session, forms.NeedForm(program=program), errors, 422)
    reading = match_service.reading_out(match_service.read(session, described), described)
    draft = reading.need
    form = forms.NeedForm(
        title=draft.title, program=program, description=draft.description,
        skills=", ".join(draft.skills), sectors=", ".join(draft.sectors),
        partner_kinds=[k.value for k in draft.partner_kinds], region=draft.region or "",
        engagement_type=draft.engagement_type.value,
        hours_per_partner=f"{draft.hours_per_partner:g}" if draft.hours_per_partner else "",
        slots=str(draft.slots), starts_on=str(draft.starts_on or ""),
        ends_on=str(draft.ends_on or ""),
    )  # fmt: skip
    return _need_form(request, viewer, session, form, {}, read=reading.said,
                      described=described)  # fmt: skip


@router.post("/needs")
def create_need(
    request: Request,
    viewer: Recruiter,
    session: SessionDep,
    form: Annotated[forms.NeedForm, Form()],
) -> Response:
    """Create a need through the API's checks, or show the form again with each error."""
    fields = list(forms.NeedForm.model_fields)
    try:
        payload = NeedCreate.model_validate(form.payload())
        need = WriteService(NEEDS).create(session, payload)
    except ValidationError as exc:
        errors = forms.validation_messages(exc, fields)
        return _need_form(request, viewer, session, form, errors, 422)
    except AppError as exc:
        if exc.status >= 500:
            raise
        errors = forms.app_error_messages(exc, fields)
        return _need_form(request, viewer, session, form, errors, exc.status)
    return see_other(url(f"/ui/needs/{need.id}", created=1))


# ---------------------------------------------------------------------------- find partners


def _loads(session: SessionDep, ids: list[int]) -> dict[int, PartnerLoad]:
    """The current load (the API's figures) of the partners shown."""
    if not ids:
        return {}
    population = load_service.assess_partners(session, ids=ids)
    return {
        int(pid): load_service.partner_load(population, i)
        for i, pid in enumerate(population.partners.ids.tolist())
    }


def _match_context(session: SessionDep, result: MatchList) -> dict[str, Any]:
    return {
        "result": result,
        "loads": _loads(session, [m.organization_id for m in result.items]),
        "components": ["semantic", "fit", "interest", "capacity", "burnout_penalty"],
    }


class AskedNote(BaseModel):
    """The confirmation of an ask, from the address the form redirected to (only what this
    page wrote there is shown; anything else is ignored)."""

    asked: Id
    partner: Id
    before: Annotated[int, Field(ge=0)] | None = None
    before_level: RiskLevelName | None = None


def _asked(request: Request, session: SessionDep) -> dict[str, Any] | None:
    try:
        note = AskedNote.model_validate(dict(request.query_params))
    except ValidationError:
        return None
    after = _loads(session, [note.partner]).get(note.partner)
    if after is None:
        return None
    return {"engagement": note.asked, "load": after, "before": note.before,
            "before_level": note.before_level}  # fmt: skip


def _need_page(
    request: Request,
    viewer: Viewer,
    session: SessionDep,
    index: IndexDep,
    need: Need,
    ask_errors: dict[int, dict[str, str]] | None = None,
    ask_forms: dict[int, forms.AskForm] | None = None,
    status_code: int = 200,
) -> Response:
    filters = query_of(request, MatchFilters, {})
    result = match_service.for_need(session, index, need.id, filters)
    asked = _asked(request, session)
    # An ask refused for a partner not on the page (gone since, or never there) is said on top.
    shown = {m.organization_id for m in result.items}
    stray = [msg for oid, errors in (ask_errors or {}).items() if oid not in shown
             for msg in errors.values()]  # fmt: skip
    return render(
        request,
        "need.html",
        {
            "viewer": viewer,
            "need": need,
            "taken": engagement_repository.slots_taken(session, need.id),
            "filters": filters,
            "limits": sorted({10, 20, 50, filters.limit}),
            "asked": asked,
            "ask_errors": ask_errors or {},
            "ask_problems": stray,
            "ask_forms": ask_forms or {},
            "can_ask": viewer.can(Role.recruiter),
            "created": request.query_params.get("created"),
            **_match_context(session, result),
        },
        status_code=status_code,
    )


@router.get("/needs/{id}")
def need_page(
    id: Id, request: Request, viewer: ViewerDep, session: SessionDep, index: IndexDep
) -> Response:
    """Find partners: the need's ranked partners, and a form per partner to record an ask."""
    need = WriteService(NEEDS).get(session, id)
    return _need_page(request, viewer, session, index, need)


@router.post("/needs/{id}/asks")
def record_ask(
    id: Id,
    request: Request,
    viewer: Recruiter,
    session: SessionDep,
    index: IndexDep,
    form: Annotated[forms.AskForm, Form()],
) -> Response:
    """Record an ask (an engagement) of a ranked partner; back to the page with its new load."""
    need = WriteService(NEEDS).get(session, id)
    fields = list(forms.AskForm.model_fields)
    partner = forms.number(form.organization_id, int)
    known = isinstance(partner, int) and 1 <= partner <= MAX_ID
    before = _loads(session, [partner]).get(partner) if known else None
    try:
        payload = EngagementCreate.model_validate(form.payload(id, need.engagement_type.value))
        engagement = WriteService(ENGAGEMENTS).create(session, payload)
    except (ValidationError, AppError) as exc:
        if isinstance(exc, AppError) and exc.status >= 500:
            raise
        errors = (
            forms.validation_messages(exc, fields)
            if isinstance(exc, ValidationError)
            else forms.app_error_messages(exc, fields)
        )
        key = partner if known else 0
        return _need_page(request, viewer, session, index, need, {key: errors}, {key: form}, 422)
    location = url(
        f"/ui/needs/{id}",
        asked=engagement.id,
        partner=engagement.organization_id,
        before=before.asks if before else None,
        before_level=before.risk.level if before else None,
    )
    return see_other(location + "#asked")


@router.get("/search")
def search_page(
    request: Request, viewer: ViewerDep, session: SessionDep, index: IndexDep
) -> Response:
    """Partners ranked for words typed in (a GET form; nothing is stored)."""
    form = forms.SearchForm.model_validate(
        {
            key: (request.query_params.getlist(key) if key == "partner_kinds" else value)
            for key, value in request.query_params.items()
            if key in forms.SearchForm.model_fields
        }
    )
    context: dict[str, Any] = {
        "viewer": viewer,
        "form": form,
        "errors": {},
        "kinds": list(PartnerKind),
        "types": list(EngagementType),
        "regions": ui_repository.regions(session),
        "searched": "text" in request.query_params,
    }
    status_code = 200
    if context["searched"]:
        try:
            query = AdhocQuery.model_validate(form.payload())
        except ValidationError as exc:
            context["errors"] = forms.validation_messages(exc, forms.SearchForm.model_fields)
            status_code = 422
        else:
            context |= _match_context(session, match_service.adhoc(session, index, query))
    return render(request, "search.html", context, status_code=status_code)
