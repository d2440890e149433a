"""The convener's cycle on the pages: one partner's page (its load, profile, asks, temperature
checks, agreements, interviews, do-not-ask holds, self-service links and the mail sent to its
contacts) with forms to record an interview, a check and an agreement and to accept, decline
or complete an ask (the hold and link forms are in `app.ui.holds`); and the check-in list.
Every form goes through the write service with the API's own input models and rules, so the
pages accept and refuse exactly what the API does; an error is shown by its field, what was
typed kept."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from app.actors import By, Door
from app.auth.models import Role
from app.checkins import service as checkin_service
from app.checkins.schemas import CheckinQuery
from app.deps import SessionDep, SettingsDep
from app.domain import Domain
from app.engagements.domain import AGREEMENTS, ENGAGEMENTS
from app.engagements.schemas import AgreementCreate, EngagementUpdate
from app.errors import AppError, NotFound
from app.holds import repository as hold_repository
from app.holds.domain import HOLDS
from app.interviews.domain import INTERVIEWS, TEMPERATURE_CHECKS
from app.interviews.schemas import InterviewCreate, TemperatureCheckCreate
from app.links import repository as link_repository
from app.links.domain import PARTNER_LINKS
from app.links.models import LinkPurpose
from app.links.schemas import DEFAULT_DAYS, MAX_DAYS
from app.load import service as load_service
from app.load.schemas import WindowQuery
from app.mail import outbox as mail_outbox
from app.mail import repository as mail_repository
from app.mail.models import MailStatus
from app.organizations.domain import CONTACTS, ORGANIZATIONS
from app.schemas import Id, InputModel
from app.types import utcnow
from app.ui import charts, forms
from app.ui import repository as ui_repository
from app.ui.pages import render
from app.ui.router import PAGE, query_of, see_other, url
from app.ui.session import Viewer, ViewerDep, writer
from app.writes import attribution
from app.writes.service import WriteService
from matching.checkins import CheckinKind
from matching.types import AgreementStatus, EngagementStatus, EngagementType

router = APIRouter(prefix="/ui", include_in_schema=False)

Convener = Annotated[Viewer, writer(Role.convener)]
Recruiter = Annotated[Viewer, writer(Role.recruiter)]

CHECKIN_LABELS = {
    CheckinKind.risk_rising: "Risk rising",
    CheckinKind.satisfaction_falling: "Satisfaction falling",
    CheckinKind.agreement_lapsed: "Agreement lapsed",
    CheckinKind.ask_unanswered: "Ask unanswered",
    CheckinKind.no_recent_check: "Check in",
    CheckinKind.agreement_ending: "Agreement ending",
    CheckinKind.interview_stale: "Interview again",
}
# What a page says after a form worked (the address carries only the key).
DONE = {
    "interview": "Interview recorded.",
    "check": "Temperature check recorded.",
    "agreement": "Agreement recorded.",
    "accepted": "Ask marked accepted.",
    "declined": "Ask marked declined.",
    "cancelled": "Engagement marked cancelled.",
    "completed": "Ask marked completed, with its outcomes.",
    "hold": "Hold set: this partner is left out of rankings and asks until its date.",
    "lifted": "Hold lifted: this partner can be ranked and asked again.",
    "revoked": "Link revoked: its page now says it was withdrawn.",
    "mailed": "Ask mailed: the contact answers yes or no from the mail, and the ask changes "
    "when they send it.",
}
#: What each link asks the partner, in the convener's words.
PURPOSES = {
    LinkPurpose.temperature_check: "Temperature check: how the partnership feels (1-5)",
    LinkPurpose.capacity_update: "Offer update: hours a month and kinds of work",
    LinkPurpose.pause: "Pause: ask not to be asked until a date",
    LinkPurpose.ask: "An ask: accept or decline it",
}
#: Links listed on a partner's page, the newest first.
LINKS_SHOWN = 20
#: Mail listed on a partner's page, the newest first, and how each status reads there.
MAIL_SHOWN = 20
MAIL_WORDS = {
    MailStatus.pending: "waiting",
    MailStatus.sent: "sent",
    MailStatus.bounced: "bounced",
    MailStatus.failed: "not sent",
}
#: Writes listed in a partner's history, the newest first; what each record is called there,
#: and the anchor of the page's section where it is listed.
HISTORY_SHOWN = 25
HISTORY_NOUNS = {ENGAGEMENTS.path: "ask", PARTNER_LINKS.path: "link"}
HISTORY_ANCHORS = {ENGAGEMENTS.path: "ask", HOLDS.path: "hold", PARTNER_LINKS.path: "link"}
ACTION_WORDS = {"created": "made", "updated": "changed", "deleted": "deleted"}


@dataclass(frozen=True)
class HistoryLine:
    """One write of a partner's history as its page says it."""

    at: datetime
    what: str  # "ask #358", "contact Dana Ortiz", "profile"
    action: str  # made, changed, deleted
    who: str  # "Maya Chen", "crm-sync (API)"
    anchor: str | None  # where on the page the record is listed


def _history(session: Session, id: int, contact_names: Mapping[int, str]) -> list[HistoryLine]:
    """Who did what to the partner and its records (the write log), newest first."""
    owned = (CONTACTS, ENGAGEMENTS, AGREEMENTS, HOLDS, INTERVIEWS, TEMPERATURE_CHECKS)
    records = ui_repository.records_of(id, ORGANIZATIONS, owned, PARTNER_LINKS)
    labels = {d.path: d.label for d in (*owned, PARTNER_LINKS)}
    lines = []
    for r in attribution.history_of(session, records, HISTORY_SHOWN):
        if r.record_type == ORGANIZATIONS.path:
            what = "profile"
        elif r.record_type == CONTACTS.path and r.record_id in contact_names:
            what = f"contact {contact_names[r.record_id]}"
        else:
            noun = HISTORY_NOUNS.get(r.record_type, labels.get(r.record_type, r.record_type))
            what = f"{noun} #{r.record_id}"
        anchor = HISTORY_ANCHORS.get(r.record_type)
        lines.append(HistoryLine(
            r.at, what, ACTION_WORDS.get(r.action, r.action),
            By(Door(r.door), r.by_name, r.person_id).says(),
            f"{anchor}-{r.record_id}" if anchor and r.action != "deleted" else None,
        ))  # fmt: skip
    return lines


# ---------------------------------------------------------------------------- one partner


class PartnerQuery(WindowQuery):
    """The partner page's address: its window, and which form just worked."""

    done: (
        Literal[
            "interview",
            "check",
            "agreement",
            "accepted",
            "declined",
            "cancelled",
            "completed",
            "hold",
            "lifted",
            "revoked",
            "mailed",
        ]
        | None
    ) = None


def _partner_page(
    request: Request,
    viewer: Viewer,
    session: SessionDep,
    id: int,
    *,
    settings_days: int,
    form_name: str | None = None,
    form: BaseModel | None = None,
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    window = query_of(request, PartnerQuery, {})
    organization = WriteService(ORGANIZATIONS).get(session, id)
    load = load_service.organization_load(session, id, window.window_days)
    params = checkin_service.params_for(settings_days)
    now = utcnow()
    holds = hold_repository.of_organization(session, id)
    links = link_repository.of_organization(session, id, LINKS_SHOWN)
    contacts = ui_repository.contacts_of(session, id)
    # Contacts whose address is bouncing or unsubscribed are flagged where they are listed.
    standing = mail_outbox.standing(session, [c.email for c in contacts if c.email])
    mail, _ = mail_repository.of_organization(session, id, None, MAIL_SHOWN)
    return render(
        request,
        "partner.html",
        {
            "viewer": viewer,
            "organization": organization,
            "interview": ui_repository.latest_interview(session, id),
            "contacts": contacts,
            "contact_names": {c.id: c.name for c in contacts},
            "mail_flags": {
                c.id: standing.get(mail_outbox.normalized(c.email), []) for c in contacts if c.email
            },
            "mail": mail,
            "mail_count": mail_repository.count_of_organization(session, id),
            "mail_words": MAIL_WORDS,
            "history": _history(session, id, {c.id: c.name for c in contacts}),
            "history_shown": HISTORY_SHOWN,
            "load": load,
            "timeline": charts.timeline(load.timeline),
            "window_days": window.window_days,
            "windows": sorted({30, 90, 180, 365, window.window_days}),
            "asks": (asks := ui_repository.asks_of(session, id)),
            "asked_by": attribution.made_by(session, ENGAGEMENTS.path, [e.id for e, _ in asks]),
            "ask_count": ui_repository.count_asks(session, id),
            "checks": ui_repository.checks_of(session, id),
            "agreements": ui_repository.agreements_of(session, id),
            "interviews": ui_repository.interviews_of(session, id),
            "checkins": checkin_service.due(session, params=params, ids=[id]),
            "checkin_labels": CHECKIN_LABELS,
            "can_answer": viewer.can(ENGAGEMENTS.write_role),
            "can_record": viewer.can(Role.convener),
            "can_interview": viewer.can(Role.recruiter),
            "can_hold": viewer.can(HOLDS.write_role),
            "can_link": viewer.can(PARTNER_LINKS.write_role),
            "holds": [(h, hold_repository.status_of(h, now.date())) for h in holds],
            "links": [(k, c, link_repository.status_of(k, now)) for k, c in links],
            "link_count": link_repository.count_of_organization(session, id),
            # An ask's link is made from the ask itself (it names the ask).
            "purposes": [
                (p.value, label) for p, label in PURPOSES.items() if p is not LinkPurpose.ask
            ],  # fmt: skip
            "link_days": (DEFAULT_DAYS, MAX_DAYS),
            "form_name": form_name,
            "form": form,
            "errors": dict(errors or {}),
            "done": DONE.get(window.done or ""),
            "today": now.date().isoformat(),
            "types": list(EngagementType),
            "agreement_statuses": [(s.value, s.value) for s in AgreementStatus],
        },
        status_code=status_code,
    )


@router.get("/partners/{id}")
def partner_page(
    id: Id, request: Request, viewer: ViewerDep, session: SessionDep, settings: SettingsDep
) -> Response:
    """One partner: risk, load, profile, check-ins due, asks, checks, agreements, interviews."""
    return _partner_page(request, viewer, session, id, settings_days=settings.checkin_after_days)


def write_form(
    request: Request,
    viewer: Viewer,
    session: SessionDep,
    settings: SettingsDep,
    id: int,
    *,
    name: str,
    form: BaseModel | None,
    boxes: Mapping[str, str],
    fields: list[str],
    write: Any,
    done: str,
    anchor: str,
) -> Response:
    """Run `write` (a call of the write service); back to the page, or the form with its
    errors by field (422, or the service's 4xx) and nothing written."""
    try:
        write()
    except (ValidationError, AppError) as exc:
        return refused_form(request, viewer, session, settings, id, exc, name, form, boxes, fields)
    return see_other(url(f"/ui/partners/{id}", done=done) + f"#{anchor}")


def refused_form(
    request: Request,
    viewer: Viewer,
    session: SessionDep,
    settings: SettingsDep,
    id: int,
    exc: ValidationError | AppError,
    name: str,
    form: BaseModel | None,
    boxes: Mapping[str, str],
    fields: list[str],
) -> Response:
    """The partner page again with form `name`'s errors by field (422, or the service's 4xx),
    what was typed kept, and nothing written."""
    if isinstance(exc, AppError) and exc.status >= 500:
        raise exc
    found = (
        forms.validation_messages(exc, fields)
        if isinstance(exc, ValidationError)
        else forms.app_error_messages(exc, fields)
    )
    status = 422 if isinstance(exc, ValidationError) else exc.status
    # Whatever the write did before it failed goes with it: the page is read afresh.
    session.rollback()
    return _partner_page(
        request,
        viewer,
        session,
        id,
        settings_days=settings.checkin_after_days,
        form_name=name,
        form=form,
        errors=forms.boxed(found, boxes, form),
        status_code=status,
    )


def _record(
    request: Request,
    viewer: Viewer,
    session: SessionDep,
    settings: SettingsDep,
    id: int,
    form: forms.InterviewForm | forms.CheckForm | forms.AgreementForm,
    payload: dict[str, Any],
    domain: Domain[Any],
    model: type[InputModel],
    *,
    name: str,
    anchor: str,
) -> Response:
    """A record of the partner (an interview, a check, an agreement) made from its page form
    through the write service with the API's input model; see `write_form`."""
    WriteService(ORGANIZATIONS).get(session, id)
    return write_form(
        request,
        viewer,
        session,
        settings,
        id,
        name=name,
        form=form,
        boxes=form.boxes,
        fields=list(model.model_fields),
        write=lambda: WriteService(domain).create(session, model.model_validate(payload)),
        done=name,
        anchor=anchor,
    )


@router.post("/partners/{id}/interviews")
def record_interview(
    id: Id,
    request: Request,
    viewer: Recruiter,
    session: SessionDep,
    settings: SettingsDep,
    form: Annotated[forms.InterviewForm, Form()],
) -> Response:
    """Record an interview of the partner (its interest and capacity from now on)."""
    payload = form.payload(id, utcnow())
    return _record(
        request,
        viewer,
        session,
        settings,
        id,
        form,
        payload,
        INTERVIEWS,
        InterviewCreate,
        name="interview",
        anchor="interviews",
    )


@router.post("/partners/{id}/temperature-checks")
def record_check(
    id: Id,
    request: Request,
    viewer: Convener,
    session: SessionDep,
    settings: SettingsDep,
    form: Annotated[forms.CheckForm, Form()],
) -> Response:
    """Record a temperature check: how satisfied the partner is (1-5), and what it said."""
    payload = form.payload(id, utcnow())
    return _record(
        request,
        viewer,
        session,
        settings,
        id,
        form,
        payload,
        TEMPERATURE_CHECKS,
        TemperatureCheckCreate,
        name="check",
        anchor="checks",
    )


@router.post("/partners/{id}/agreements")
def record_agreement(
    id: Id,
    request: Request,
    viewer: Convener,
    session: SessionDep,
    settings: SettingsDep,
    form: Annotated[forms.AgreementForm, Form()],
) -> Response:
    """Record an agreement with the partner: roles, responsibilities and its period."""
    payload = form.payload(id)
    return _record(
        request,
        viewer,
        session,
        settings,
        id,
        form,
        payload,
        AGREEMENTS,
        AgreementCreate,
        name="agreement",
        anchor="agreements",
    )


@router.post("/partners/{id}/asks/{engagement_id}")
def answer_ask(
    id: Id,
    engagement_id: Id,
    request: Request,
    viewer: Recruiter,
    session: SessionDep,
    settings: SettingsDep,
    form: Annotated[forms.AskAnswerForm, Form()],
) -> Response:
    """Accept, decline, complete or cancel one of the partner's asks (completing says what
    came of it)."""
    service = WriteService(ENGAGEMENTS)
    ask = service.get(session, engagement_id)
    if ask.organization_id != id:
        raise NotFound(f"engagement {engagement_id} is not an ask of organization {id}")
    patch = form.patch(utcnow())
    status = str(patch["status"])

    def write() -> None:
        service.update(session, engagement_id, EngagementUpdate.model_validate(patch))

    return write_form(
        request,
        viewer,
        session,
        settings,
        id,
        name=f"ask-{engagement_id}",
        form=form,
        boxes={"status": "action"},
        fields=list(EngagementUpdate.model_fields),
        write=write,
        done=status if status in DONE else "",
        anchor=f"ask-{engagement_id}",
    )


# ---------------------------------------------------------------------------- check-ins


@router.get("/checkins")
def checkins_page(
    request: Request, viewer: ViewerDep, session: SessionDep, settings: SettingsDep
) -> Response:
    """What to do this week: the check-ins due, most urgent first, each with its reason."""
    query = query_of(request, CheckinQuery, {"limit": PAGE})
    params = checkin_service.params_for(settings.checkin_after_days)
    page = checkin_service.checkin_page(session, query, params=params)
    filters = {
        "region": query.region,
        "kind": query.kind.value if query.kind else None,
        "limit": query.limit if query.limit != PAGE else None,
    }
    start = query.offset()
    following = (
        url("/ui/checkins", **filters, cursor=page.next_cursor) if page.next_cursor else None
    )
    return render(
        request,
        "checkins.html",
        {
            "viewer": viewer,
            "query": query,
            "page": page,
            "first_row": start + 1,
            "first_page": url("/ui/checkins", **filters) if start else None,
            "following": following,
            "labels": CHECKIN_LABELS,
            "kinds": list(CheckinKind),
            "regions": ui_repository.regions(session),
            "running": EngagementStatus.accepted,
        },
    )
