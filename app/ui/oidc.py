"""Single sign-on pages: `/ui/oidc/start` sends the browser to the OpenID provider (OIDC_*
settings), `/ui/oidc/callback` signs in the invited person it comes back as. Who may sign in
is decided here as for a password: a person on file, not disabled; a provider's account opens
no account of its own. What the provider says is checked in `app.people.oidc`.

The flow's state, nonce and PKCE verifier wait in a cookie of their own, `SameSite=Lax` (the
callback is a navigation from the provider's site) and limited to `/ui/oidc`. The session
cookie is `SameSite=Strict`, which a browser withholds from a page reached by a chain of
redirects that began on another site: so the callback answers a page that moves on by itself
(a same-site navigation), not a redirect.
"""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from app.deps import SessionDep, SettingsDep
from app.errors import NotFound
from app.links.router import site_url
from app.people import oidc
from app.people import repository as people_repository
from app.people.models import PersonStatus
from app.ui.pages import render
from app.ui.session import safe_next, sign_in

router = APIRouter(prefix="/ui/oidc", include_in_schema=False)

COOKIE = "pm_oidc"
COOKIE_PATH = "/ui/oidc"


def _redirect_uri(settings: SettingsDep, request: Request) -> str:
    return f"{site_url(settings, request)}/ui/oidc/callback"


def _refused(request: Request, reason: str, status: int) -> Response:
    context = {"next": "/ui/load", "errors": {"sso": reason[:1].upper() + reason[1:] + "."},
               "email": "", "flash": None, "sso": None}  # fmt: skip
    response = render(request, "login.html", context, status_code=status)
    response.delete_cookie(COOKIE, path=COOKIE_PATH, httponly=True, samesite="lax")
    return response


@router.get("/start")
def start(request: Request, settings: SettingsDep, next: str = "") -> Response:
    """Leave for the provider's sign-in, with a new state, nonce and PKCE verifier."""
    if not oidc.configured(settings):
        raise NotFound("single sign-on is not set up here")
    try:
        url, flow = oidc.start(settings, _redirect_uri(settings, request), safe_next(next))
    except oidc.SignOnRefused as exc:
        return _refused(request, exc.reason, 502)
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(
        COOKIE, flow.cookie(), max_age=oidc.FLOW_SECONDS, path=COOKIE_PATH, httponly=True,
        samesite="lax", secure=request.url.scheme == "https",
    )  # fmt: skip
    return response


@router.get("/callback")
def callback(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """Back from the provider: check what it says, then sign in the person it names."""
    if not oidc.configured(settings):
        raise NotFound("single sign-on is not set up here")
    flow = oidc.Flow.from_cookie(request.cookies.get(COOKIE))
    if flow is None:
        return _refused(request, "this sign-in was not started from this browser, or took "
                        "too long; start again", 400)  # fmt: skip
    params = {k: v for k, v in request.query_params.items() if len(v) <= 4096}
    try:
        who = oidc.finish(settings, _redirect_uri(settings, request), flow, params)
    except oidc.SignOnRefused as exc:
        return _refused(request, exc.reason, 400)
    person = people_repository.by_email(session, who.email)
    if person is None or person.status is PersonStatus.disabled:
        # The provider vouched for this address: saying there is no account for it here
        # tells its owner nothing they could not learn by asking.
        return _refused(request, f"there is no account here for {who.email} that may sign "
                        "in; ask a convener or an admin to invite you", 403)  # fmt: skip
    # The cookie is the browser's own, but read as any input: only a page of this site.
    response = render(request, "signing_in.html",
                      {"next": safe_next(flow.next), "name": person.name or who.name})  # fmt: skip
    sign_in(session, response, request, person)
    response.delete_cookie(COOKIE, path=COOKIE_PATH, httponly=True, samesite="lax")
    return response
