"""The page a message's unsubscribe link opens, with no API key: `/p/{token}/unsubscribe`.
The token names one message and is the credential, like a partner link's (the access log
masks it the same way), and whoever holds it may stop mail to the address it went to.

GET only asks: mail scanners open links, and must not unsubscribe anyone. POST does it, from
the page's button or straight from a mailbox provider (RFC 8058 one-click: a post of
`List-Unsubscribe=One-Click` made by the provider's servers, so with no Origin of ours). That
is why the post, unlike a link form's, is not refused for its origin: a forged post needs the
token, and whoever has the token may unsubscribe anyway. A token nobody issued counts as a
refused try of the link pages (429 for a while, per client)."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.deps import SessionDep
from app.integrations.ratelimit import AttemptLimiter
from app.mail import outbox, repository
from app.mail.models import SuppressionReason
from app.types import utcnow
from app.ui import links
from app.ui.pages import render

router = APIRouter(prefix="/p", include_in_schema=False)


def _limiter(request: Request) -> AttemptLimiter:
    limiter: AttemptLimiter = request.app.state.link_attempts
    return limiter


def _client(request: Request) -> str:
    # The link pages' own key: a client's refused tries of both kinds of token count together.
    return f"link:{request.client.host if request.client else 'unknown'}"


def _page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    response = render(request, name, context, status_code=status_code)
    response.headers.update(links.HEADERS)
    return response


def _busy(request: Request) -> Response | None:
    """429 for a client that tried too many tokens that open nothing, else None."""
    wait = _limiter(request).wait(_client(request))
    if not wait:
        return None
    minutes = max(1, round(wait / 60))
    detail = (
        f"This device tried too many links that do not work. Try again in about {minutes} "
        f"minute{'' if minutes == 1 else 's'}."
    )
    context = {"title": "Too many tries", "detail": detail}
    response = _page(request, "link_refused.html", context, 429)
    response.headers["Retry-After"] = str(wait)
    return response


def _unknown(request: Request) -> Response:
    _limiter(request).failed(_client(request))
    status, title, detail = links.REFUSED["unknown"]
    return _page(request, "link_refused.html", {"title": title, "detail": detail}, status)


def _answer(request: Request, address: str, done: bool) -> Response:
    context = {"address": address, "done": done, "action": request.url.path}
    return _page(request, "unsubscribe.html", context)


@router.get("/{token}/unsubscribe")
def unsubscribe_page(token: str, request: Request, session: SessionDep) -> Response:
    """Ask whether to stop mail to the address a message went to (changes nothing)."""
    if (busy := _busy(request)) is not None:
        return busy
    row = repository.find_by_unsubscribe_token(session, outbox.digest(token))
    if row is None:
        return _unknown(request)
    barred = outbox.standing(session, [row.to_address]).get(outbox.normalized(row.to_address))
    unsubscribed = any(r.reason is SuppressionReason.unsubscribed for r in barred or [])
    return _answer(request, row.to_address, unsubscribed)


@router.post("/{token}/unsubscribe")
def unsubscribe(token: str, request: Request, session: SessionDep) -> Response:
    """Stop mail to the address a message went to (its button, or a one-click post)."""
    if (busy := _busy(request)) is not None:
        return busy
    done = outbox.unsubscribe(session, token, utcnow())
    if done is None:
        return _unknown(request)
    return _answer(request, done[0], True)
