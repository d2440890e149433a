"""The people pages: the list of people with the invitation form and disable / enable
(conveners and admins), and the pages a mailed link opens with no session: choosing a
password from an invitation, asking for a reset and choosing a new password from it. Thin:
every rule is app.people.service's. Every form is a POST checked as coming from these pages
(the session's check, or `same_origin` for the pages that need no session)."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from app.auth.models import Role
from app.deps import SessionDep, SettingsDep
from app.errors import AppError, Forbidden
from app.links.router import site_url
from app.people import access, passwords
from app.people import service as people
from app.people.models import Person
from app.people.schemas import PersonInvite
from app.schemas import Id
from app.ui.pages import render
from app.ui.session import HOME, Viewer, guard, same_origin, sign_in, writer

router = APIRouter(prefix="/ui", include_in_schema=False)
Convener = Annotated[Viewer, writer(Role.convener)]

REFUSED = {
    "unknown": ("This link is not valid", "This address does not open anything here. Check "
                "that it was copied whole."),
    "used": ("This link has already been used", "Each link works once, and this one has "
             "been used already."),
    "expired": ("This link has expired", "Links work for a limited time, and this one has "
                "run out."),
    "withdrawn": ("This link was withdrawn", "A newer link was sent, or the account was "
                  "disabled."),
}  # fmt: skip
Kind = Literal["invite", "reset"]
NEXT_STEP = {
    "invite": "Ask the person who invited you for a new invitation. If you have already "
    "chosen a password, sign in with it.",
    "reset": "Ask for a new link from the sign-in page, or sign in if you remember your password.",
}
ROBOTS = {"X-Robots-Tag": "noindex"}


def see_other(location: str) -> RedirectResponse:
    return RedirectResponse(location, status_code=303)


def _from_here(request: Request) -> None:
    if not same_origin(request):
        raise Forbidden("this form was sent from another site")


def _errors(exc: AppError) -> dict[str, str]:
    """An error's messages by field, for the form; one with no field goes with `form`."""
    found = {e.field: e.message for e in exc.errors}
    return found or {"form": exc.detail}


# ------------------------------------------------------------------------------ people


def _people_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    viewer: Viewer,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    done: str | None = None,
    status_code: int = 200,
) -> Response:
    roles = [role.value for role in people.may_invite(viewer.actor)]
    context = {
        "viewer": viewer,
        "people": people.everyone(session),
        "roles": roles,
        "form": form or {"name": "", "email": "", "role": Role.recruiter.value},
        "errors": errors or {},
        "done": done,
        "invitation_days": settings.invitation_days,
    }
    return render(request, "people.html", context, status_code=status_code)


@router.get("/people")
def people_page(
    request: Request,
    viewer: Convener,
    session: SessionDep,
    settings: SettingsDep,
    invited: Id | None = None,
    disabled: Id | None = None,
    enabled: Id | None = None,
) -> Response:
    """Everyone who signs in, the invitation form, and disable / enable."""
    done = None
    for shown, words in ((invited, "Invitation mailed to {email}."),
                         (disabled, "{name} is disabled: their sessions ended and their keys "
                                    "were revoked."),
                         (enabled, "{name} may sign in again.")):  # fmt: skip
        person = people.find(session, shown) if shown else None
        if person is not None:
            done = words.format(name=person.name, email=person.email)
    return _people_page(request, session, settings, viewer, done=done)


@router.post("/people")
def invite(
    request: Request,
    viewer: Convener,
    session: SessionDep,
    settings: SettingsDep,
    name: Annotated[str, Form()] = "",
    email: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "",
) -> Response:
    """Invite a colleague: a mail with a link to choose a password."""
    form = {"name": name, "email": email, "role": role}
    try:
        asked = PersonInvite.model_validate(form)
    except ValidationError as exc:
        errors = {str(e["loc"][0]): str(e["msg"]).removeprefix("Value error, ")
                  for e in exc.errors(include_url=False)}  # fmt: skip
        if "email" in errors and email.strip():
            errors["email"] = "must be an address such as maya@riverbend-cc.example"
        return _people_page(request, session, settings, viewer, form=form, errors=errors,
                            status_code=422)  # fmt: skip
    try:
        made = people.invite(
            session,
            settings,
            viewer.actor,
            site=site_url(settings, request),
            email=asked.email,
            name=asked.name,
            role=asked.role,
        )
    except AppError as exc:  # refused before anything was written
        return _people_page(request, session, settings, viewer, form=form,
                            errors=_errors(exc), status_code=exc.status)  # fmt: skip
    return see_other(f"/ui/people?invited={made.person.id}#person-{made.person.id}")


@router.post("/people/{id}/disable")
def disable(id: Id, viewer: Convener, session: SessionDep) -> Response:
    """Disable a person: their sessions end and their keys are revoked at once."""
    people.disable(session, viewer.actor, id)
    return see_other(f"/ui/people?disabled={id}#person-{id}")


@router.post("/people/{id}/enable")
def enable(id: Id, viewer: Convener, session: SessionDep) -> Response:
    """Let a disabled person sign in again."""
    people.enable(session, viewer.actor, id)
    return see_other(f"/ui/people?enabled={id}#person-{id}")


# ------------------------------------------------------------------------------ mailed links


def _refused(request: Request, exc: AppError, kind: Kind) -> Response:
    if isinstance(exc, access.TooManyAttempts):
        context = {"title": "Too many attempts", "detail": exc.detail,
                   "next_step": "Wait, then open the link from your mail again."}  # fmt: skip
    elif isinstance(exc, access.LinkRefused):
        title, detail = REFUSED[exc.state]
        context = {"title": title, "detail": detail, "next_step": NEXT_STEP[kind]}
    else:
        raise exc
    response = render(request, "account_link_refused.html", context, status_code=exc.status)
    response.headers.update(ROBOTS | (exc.headers or {}))
    return response


def _password_page(
    request: Request,
    kind: Kind,
    token: str,
    email: str,
    name: str,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    invitation = kind == "invite"
    first = name.split()[0] if name.split() else ""
    context = {
        "heading": f"Welcome, {first}" if invitation else "Choose a new password",
        "intro": (
            f"Choose the password you will sign in with, as {email}."
            if invitation
            else f"Choose a new password for {email}. Every session signed in with the old "
            "one ends."
        ),
        "submit": "Set my password and sign in" if invitation else "Set the new password",
        "action": f"/ui/{kind}/{token}",
        "email": email,
        "errors": errors or {},
        "min_length": passwords.MIN_LENGTH,
    }
    response = render(request, "password_form.html", context, status_code=status_code)
    response.headers.update(ROBOTS)
    return response


def _open(session: SessionDep, kind: Kind, token: str, request: Request) -> Person:
    opener = access.open_invitation if kind == "invite" else access.open_reset
    return opener(session, token, guard(request))


def _link_form(request: Request, session: SessionDep, kind: Kind, token: str) -> Response:
    try:
        person = _open(session, kind, token, request)
    except AppError as exc:
        return _refused(request, exc, kind)
    return _password_page(request, kind, token, person.email, person.name)


def _link_post(
    request: Request,
    session: SessionDep,
    kind: Kind,
    token: str,
    password: str,
    confirm: str,
) -> Response:
    _from_here(request)
    use = access.accept_invitation if kind == "invite" else access.reset_password
    try:
        person = use(session, token, password, confirm, guard(request))
    except (access.LinkRefused, access.TooManyAttempts) as exc:
        return _refused(request, exc, kind)
    except AppError as exc:  # the password: nothing was written
        opened = _open(session, kind, token, request)
        return _password_page(request, kind, token, opened.email, opened.name,
                              _errors(exc), status_code=exc.status)  # fmt: skip
    response = see_other(HOME)
    sign_in(session, response, request, person)
    return response


@router.get("/invite/{token}")
def invitation_form(request: Request, session: SessionDep, token: str) -> Response:
    """An invitation's page: choose a password."""
    return _link_form(request, session, "invite", token)


@router.post("/invite/{token}")
def accept_invitation(
    request: Request,
    session: SessionDep,
    token: str,
    password: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
) -> Response:
    """Set the password from an invitation and sign in."""
    return _link_post(request, session, "invite", token, password, confirm)


@router.get("/reset")
def reset_form(request: Request) -> Response:
    """Ask for a mail with a link to choose a new password."""
    return render(request, "reset_request.html", {"email": "", "errors": {}, "sent": False})


@router.post("/reset")
def ask_reset(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    email: Annotated[str, Form()] = "",
) -> Response:
    """Mail a reset link if the address is a person's; the same answer either way."""
    _from_here(request)
    email = email.strip()
    context: dict[str, Any] = {"email": email, "errors": {}, "sent": False}
    if not email or len(email) > 320:
        context["errors"] = {"email": "Enter the address you sign in with."}
        return render(request, "reset_request.html", context, status_code=422)
    try:
        access.request_reset(
            session, settings, site=site_url(settings, request), email=email, guard=guard(request)
        )
    except access.TooManyAttempts as exc:
        context["errors"] = {"email": exc.detail}
        response = render(request, "reset_request.html", context, status_code=429)
        response.headers.update(exc.headers or {})
        return response
    context |= {"sent": True, "minutes": settings.password_reset_minutes}
    return render(request, "reset_request.html", context)


@router.get("/reset/{token}")
def new_password_form(request: Request, session: SessionDep, token: str) -> Response:
    """A reset link's page: choose a new password."""
    return _link_form(request, session, "reset", token)


@router.post("/reset/{token}")
def set_new_password(
    request: Request,
    session: SessionDep,
    token: str,
    password: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
) -> Response:
    """Set a new password from a reset link and sign in."""
    return _link_post(request, session, "reset", token, password, confirm)
