"""The mail page (conveners and admins): what the outbox holds, newest first, and one message
with its text. Without SMTP_HOST mail is caught (kept, never sent), and this page is where a
demo's invitations and links are read.

A waiting message's body holds live links (an invitation, a reset, a partner link) until the
worker strikes them once it is out, so a body is shown when it is struck, or when mail is
caught; never a link that would give the reader more than their own role (an invitation to a
role above theirs, someone else's password reset unless they are an admin)."""

import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup, escape

from app.auth.models import Role
from app.config import Settings
from app.deps import SessionDep, SettingsDep
from app.errors import NotFound
from app.mail import repository
from app.mail.models import MailKind, MailMessage, MailStatus
from app.people import repository as people_repository
from app.schemas import Id
from app.ui import repository as ui_repository
from app.ui.cycle import MAIL_WORDS
from app.ui.pages import render, templates
from app.ui.session import Viewer, writer

router = APIRouter(prefix="/ui", include_in_schema=False)
Convener = Annotated[Viewer, writer(Role.convener)]

#: Messages a page of the list shows.
PAGE = 100
KIND_WORDS = {
    MailKind.partner_link.value: "partner link",
    MailKind.invitation.value: "invitation",
    MailKind.password_reset.value: "password reset",
}
CAUGHT = "Mail is caught, not sent: SMTP_HOST is not set. Links below work."
_URL = re.compile(r"https?://[^\s<>\"']+")


def caught(settings: Settings) -> bool:
    """Mail is kept and never sent: no SMTP server is configured (the demo)."""
    return settings.smtp_host is None


@dataclass(frozen=True)
class Body:
    """A message's text as this reader may see it: the text, or why it is hidden."""

    text: str | None
    live: bool = False  # its links still work
    hidden_because: str | None = None


def body_for(message: MailMessage, viewer: Viewer, settings: Settings, role: Role | None) -> Body:
    """What of `message`'s text `viewer` sees; `role` is the role of the person it is to (an
    invitation or a reset), if any."""
    if not viewer.can(Role.convener):
        return Body(None, hidden_because="Message text is for conveners and admins.")
    if message.status is not MailStatus.pending:
        return Body(message.text_body)  # out: its links are struck
    if not caught(settings):
        return Body(
            None,
            hidden_because="This message is waiting to be sent and holds links that work; "
            "its text is shown once it is sent and they are struck from the stored copy.",
        )
    if message.kind == MailKind.password_reset.value and viewer.role is not Role.admin:
        return Body(
            None,
            hidden_because="A password reset link opens someone's account: only an admin "
            "reads it here.",
        )
    if role is not None and not viewer.can(role):
        return Body(
            None,
            hidden_because=f"This invitation gives the {role.value} role, above yours "
            f"({viewer.role.value}).",
        )
    return Body(message.text_body, live=True)


def _linked(text: str) -> Markup:
    """Plain text with its web addresses made links (everything else escaped)."""
    parts: list[str] = []
    last = 0
    for found in _URL.finditer(text):
        url = found.group(0).rstrip(".,;:)")
        parts.append(str(escape(text[last : found.start()])))
        parts.append(f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>')
        last = found.start() + len(url)
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))


templates.env.filters["linked"] = _linked


@router.get("/mail")
def mail_page(
    request: Request,
    viewer: Convener,
    session: SessionDep,
    settings: SettingsDep,
    before: Id | None = None,
) -> Response:
    """The outbox, newest first: to whom, what, and whether it went."""
    messages, more = repository.latest(session, before, PAGE)
    names = ui_repository.organization_names(
        session, {m.organization_id for m in messages if m.organization_id is not None}
    )
    context = {
        "viewer": viewer,
        "messages": messages,
        "more": more,
        "before": before,
        "total": repository.count_all(session),
        "names": names,
        "kind_words": KIND_WORDS,
        "status_words": MAIL_WORDS,
        "caught": caught(settings),
        "caught_words": CAUGHT,
        "page_size": PAGE,
    }
    return render(request, "mail.html", context)


@router.get("/mail/{id}")
def mail_message(
    request: Request, id: Id, viewer: Convener, session: SessionDep, settings: SettingsDep
) -> Response:
    """One message: its envelope, its attempts' outcome and (when it may be read) its text."""
    message = repository.get_message(session, id)
    if message is None:
        raise NotFound(f"no message {id}")
    role = None
    if message.kind in (MailKind.invitation.value, MailKind.password_reset.value):
        person = people_repository.by_email(session, message.to_address)
        role = person.role if person is not None else None
    names = ui_repository.organization_names(
        session, {message.organization_id} if message.organization_id is not None else set()
    )
    context = {
        "viewer": viewer,
        "m": message,
        "body": body_for(message, viewer, settings, role),
        "names": names,
        "kind_words": KIND_WORDS,
        "status_words": MAIL_WORDS,
        "caught": caught(settings),
        "caught_words": CAUGHT,
    }
    response = render(request, "mail_message.html", context)
    response.headers["X-Robots-Tag"] = "noindex"
    return response
