"""The pages a partner's self-service link opens, with no API key: `/p/{token}`, one small
form for the link's one purpose. The token in the address is the secret; the form posts back
to the same address, and a post whose Origin names another site is refused.

A link works once: the form's record and the link's `used_at` are written in one transaction,
with the link's row locked first, so a double submit writes one record and then says the
link was used. A forged, altered, expired, revoked or used link answers a plain 404 or 410
page and writes nothing; clients that keep trying are answered 429 for a while. The page names
only the link's organization and its contact's first name.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from app import actors
from app.actors import By, Door
from app.deps import SessionDep
from app.engagements.domain import ENGAGEMENTS
from app.engagements.models import Engagement
from app.engagements.schemas import EngagementUpdate
from app.errors import AppError
from app.holds.domain import HOLDS
from app.holds.models import HoldSource
from app.holds.schemas import HoldCreate, today
from app.integrations.ratelimit import AttemptLimiter
from app.interviews.domain import INTERVIEWS, TEMPERATURE_CHECKS
from app.interviews.schemas import InterviewCreate, TemperatureCheckCreate
from app.links import asks, repository
from app.links.domain import PARTNER_LINKS
from app.links.models import LinkPurpose, PartnerLink
from app.links.schemas import LinkStoredUpdate
from app.organizations.models import Contact
from app.types import utcnow
from app.ui import forms
from app.ui.pages import render
from app.ui.session import same_origin
from app.writes.service import WriteService
from matching.types import EngagementStatus, EngagementType

router = APIRouter(prefix="/p", include_in_schema=False)

# The token is in the address: never indexed or cached, and (the pages' Referrer-Policy,
# same-origin) never sent to another site. Not `no-referrer`: browsers then send the form's
# post with `Origin: null`, which the cross-site check must refuse.
HEADERS = {"X-Robots-Tag": "noindex"}

REFUSED = {
    "unknown": (404, "This link is not valid", "This address does not open anything here. "
                "Check that it was copied whole, or ask for a new link."),
    "used": (410, "This link has already been used", "Each link works once, and this one has "
             "been answered already. Thank you."),
    "expired": (410, "This link has expired", "Links work for a limited time, and this one "
                "has run out."),
    "revoked": (410, "This link was withdrawn", "The person who sent it has withdrawn it."),
    "foreign": (403, "This form was sent from another site", "Open the link you were sent and "
                "fill in the form there."),
    "settled": (410, "This ask has been settled", "It was answered or withdrawn already, so "
                "nothing more is needed from you. Thank you."),
}  # fmt: skip


@dataclass(frozen=True)
class Purpose:
    heading: str
    intro: str
    submit: str
    fields: tuple[str, ...]
    labels: dict[str, str]


PURPOSES = {
    LinkPurpose.temperature_check: Purpose(
        "How is the partnership going?",
        "A quick check-in: how does working with our programs feel at the moment?",
        "Send my answer",
        ("satisfaction", "comment"),
        {"satisfaction": "Satisfaction", "comment": "Comment"},
    ),
    LinkPurpose.capacity_update: Purpose(
        "What can you offer?",
        "Tell us how much time your organization can give and what kind of work suits it, "
        "so we ask for the right things.",
        "Send my update",
        ("capacity_hours_per_month", "interest_level", "engagement_types", "notes"),
        {
            "capacity_hours_per_month": "Hours a month",
            "interest_level": "Interest",
            "engagement_types": "What you could offer",
            "notes": "Anything else",
        },
    ),  # fmt: skip
    LinkPurpose.ask: Purpose(
        "Can you help?",
        "We would like to ask your organization for the work below. Choose yes or no and send "
        "your answer.",
        "Send my answer",
        ("answer",),
        {"answer": "Your answer"},
    ),
    LinkPurpose.pause: Purpose(
        "Ask for a pause",
        "If you need a break, tell us until when, and nobody in the partnership will ask "
        "your organization for anything before then.",
        "Ask for the pause",
        ("until", "reason"),
        {"until": "Until", "reason": "Reason"},
    ),
}


class LinkForm(BaseModel):
    """Every field any of the forms has, as typed (text), so a form is shown back as it was."""

    satisfaction: str = ""
    comment: str = ""
    capacity_hours_per_month: str = ""
    interest_level: str = ""
    engagement_types: list[str] = []
    notes: str = ""
    until: str = ""
    reason: str = ""
    answer: str = ""  # an ask: accept or decline


#: An ask's answers, as the form and the mail's buttons name them.
ANSWERS = {"accept": EngagementStatus.accepted, "decline": EngagementStatus.declined}


def _client(request: Request) -> str:
    return f"link:{request.client.host if request.client else 'unknown'}"


def _limiter(request: Request) -> AttemptLimiter:
    limiter: AttemptLimiter = request.app.state.link_attempts
    return limiter


def _page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    response = render(request, name, context, status_code=status_code)
    response.headers.update(HEADERS)
    return response


def _refused(request: Request, why: str) -> Response:
    _limiter(request).failed(_client(request))
    status, title, detail = REFUSED[why]
    return _page(request, "link_refused.html", {"title": title, "detail": detail}, status)


def _too_many(request: Request, wait: int) -> Response | None:
    if not wait:
        return None
    minutes = max(1, round(wait / 60))
    context = {
        "title": "Too many tries",
        "detail": f"This device tried too many links that do not work. Try again in about "
        f"{minutes} minute{'' if minutes == 1 else 's'}.",
    }
    response = _page(request, "link_refused.html", context, 429)
    response.headers["Retry-After"] = str(wait)
    return response


def _open(session: Session, token: str, now: datetime, *, lock: bool = False) -> (
    tuple[PartnerLink | None, str]
):  # fmt: skip
    link = repository.find(session, token, lock=lock)
    if link is None:
        return None, "unknown"
    return link, repository.status_of(link, now)


def _form_page(
    request: Request,
    session: Session,
    link: PartnerLink,
    form: LinkForm,
    errors: dict[str, str],
    status_code: int = 200,
) -> Response:
    contact, organization = repository.holder(session, link)
    purpose = PURPOSES[link.purpose]
    ask_title, ask_lines = "", list[str]()
    if link.purpose is LinkPurpose.ask and link.engagement_id is not None:
        ask = session.get(Engagement, link.engagement_id)
        if ask is not None:
            ask_title, ask_lines = asks.what_is_asked(session, ask)
    context = {
        "ask_title": ask_title,
        "ask_lines": ask_lines,
        "purpose": link.purpose.value,
        "heading": purpose.heading,
        "intro": purpose.intro,
        "submit": purpose.submit,
        "labels": purpose.labels,
        "first_name": _first_name(contact),
        "organization": organization.name,
        "expires_on": link.expires_at.date().isoformat(),
        "action": request.url.path,
        "form": form,
        "errors": errors,
        "types": list(EngagementType),
        "example_date": (today() + timedelta(days=60)).isoformat(),
    }
    return _page(request, "link_form.html", context, status_code)


def _first_name(contact: Contact) -> str:
    return contact.name.split()[0] if contact.name.split() else "there"


@router.get("/{token}")
def link_page(token: str, request: Request, session: SessionDep) -> Response:
    """The form a link opens, or why it opens nothing."""
    if (busy := _too_many(request, _limiter(request).wait(_client(request)))) is not None:
        return busy
    link, status = _open(session, token, utcnow())
    if link is None or status != "active":
        return _refused(request, status)
    if _settled(session, link):
        return _refused(request, "settled")
    # The mail's buttons open the page with the answer chosen; nothing changes until it is
    # sent (a mail scanner that follows every link answers nothing).
    chosen = request.query_params.get("answer", "")
    form = LinkForm(answer=chosen if chosen in ANSWERS else "")
    return _form_page(request, session, link, form, {})


def _settled(session: Session, link: PartnerLink, *, lock: bool = False) -> bool:
    """Whether the ask a link answers was answered or withdrawn since the link was made;
    `lock`: the ask's row stays locked until the commit, so two links answering one ask (or
    a convener answering it meanwhile) are settled one after the other."""
    if link.purpose is not LinkPurpose.ask:
        return False
    ask = (session.get(Engagement, link.engagement_id, with_for_update=lock, populate_existing=lock)
           if link.engagement_id else None)  # fmt: skip
    return ask is None or ask.status is not EngagementStatus.asked


@router.post("/{token}")
def answer_link(
    token: str,
    request: Request,
    session: SessionDep,
    form: Annotated[LinkForm, Form()],
) -> Response:
    """Store the partner's answer and use the link up, in one transaction."""
    if (busy := _too_many(request, _limiter(request).wait(_client(request)))) is not None:
        return busy
    if not same_origin(request):
        return _refused(request, "foreign")
    now = utcnow()
    # Locked until the commit: a second submission waits here, then finds the link used.
    link, status = _open(session, token, now, lock=True)
    if link is None or status != "active":
        return _refused(request, status)
    if _settled(session, link, lock=True):
        return _refused(request, "settled")
    contact, organization = repository.holder(session, link)
    purpose = PURPOSES[link.purpose]
    try:
        payload = _payload(link.purpose, form, contact, now)
    except ValidationError as exc:
        return _form_page(
            request, session, link, form, forms.validation_messages(exc, purpose.fields), 422
        )
    except _Missing as exc:
        return _form_page(request, session, link, form, {exc.field: "Required"}, 422)
    first_name, name = _first_name(contact), organization.name
    actors.act_as(session, By(Door.link, f"{contact.name}, {organization.name}"))
    WriteService(PARTNER_LINKS).update(
        session, link.id, LinkStoredUpdate.model_validate({"used_at": now})
    )
    try:
        message = _store(session, link, payload, name)
    except AppError as exc:
        if exc.status >= 500:
            raise
        session.rollback()
        link, status = _open(session, token, now)
        if link is None or status != "active":
            return _refused(request, status)
        errors = forms.app_error_messages(exc, purpose.fields)
        return _form_page(request, session, link, form, errors, exc.status)
    return _page(request, "link_done.html", {"first_name": first_name, "message": message})


class _Missing(Exception):
    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def _payload(purpose: LinkPurpose, form: LinkForm, contact: Contact, now: datetime) -> BaseModel:
    """The API's own input model for what the form says (it judges the values)."""
    who = {"organization_id": contact.organization_id}
    if purpose is LinkPurpose.ask:
        if form.answer not in ANSWERS:
            raise _Missing("answer")
        return EngagementUpdate.model_validate(
            {"status": ANSWERS[form.answer], "responded_at": now}
        )
    if purpose is LinkPurpose.temperature_check:
        return TemperatureCheckCreate.model_validate(
            who
            | forms.given(
                {
                    "contact_id": contact.id,
                    "checked_at": now,
                    "satisfaction": forms.number(form.satisfaction, int),
                    "comment": form.comment.strip(),
                }
            )
        )
    if purpose is LinkPurpose.capacity_update:
        hours = forms.number(form.capacity_hours_per_month, float)
        if hours is None:
            raise _Missing("capacity_hours_per_month")
        return InterviewCreate.model_validate(
            who
            | forms.given(
                {
                    "contact_id": contact.id,
                    "conducted_at": now,
                    "interest_level": forms.number(form.interest_level, int),
                    "capacity_hours_per_month": hours,
                    "engagement_types": form.engagement_types,
                    "notes": form.notes.strip(),
                }
            )
            | {"self_reported": True}
        )
    return HoldCreate.model_validate(
        who
        | forms.given({"until": form.until.strip(), "reason": form.reason})
        | {"source": HoldSource.partner}
    )


def _store(session: Session, link: PartnerLink, payload: BaseModel, organization: str) -> str:
    """Write the answer through the write path; what to tell the partner."""
    if isinstance(payload, EngagementUpdate):
        assert link.engagement_id is not None
        ask = WriteService(ENGAGEMENTS).update(session, link.engagement_id, payload)
        title, _ = asks.what_is_asked(session, ask)
        if ask.status is EngagementStatus.accepted:
            return (f"Thank you: {organization} said yes to “{title}”. The person who asked "
                    "will be in touch about the details.")  # fmt: skip
        return f"Thank you for answering: {organization} said no to “{title}” this time."
    if isinstance(payload, TemperatureCheckCreate):
        WriteService(TEMPERATURE_CHECKS).create(session, payload)
        return f"Your check-in for {organization} was recorded."
    if isinstance(payload, InterviewCreate):
        WriteService(INTERVIEWS).create(session, payload)
        return f"What {organization} can offer was updated."
    assert isinstance(payload, HoldCreate), link.purpose
    hold = WriteService(HOLDS).create(session, payload.stored())
    return (
        f"Nobody in the partnership will ask {organization} for anything until "
        f"{hold.until:%B} {hold.until.day}, {hold.until.year}."
    )
