"""Adding the pages to an app, and errors under /ui shown as pages rather than problem+json.

`install` adds the router, the static files, a redirect to the login form for a missing
session, and a wrapper around each of the app's error handlers that shows the same status and
detail as an HTML page when the request was for a page. The API's one error path stays the only
one: the page reads the problem document that path produced.
"""

import inspect
import json
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import WebSocketRequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from app.ui.cycle import router as cycle_router
from app.ui.holds import router as holds_router
from app.ui.mail import router as mail_router
from app.ui.oidc import router as oidc_router
from app.ui.outcomes import router as outcomes_router
from app.ui.pages import HEADERS, HERE, STATIC, is_page, render
from app.ui.people import router as people_router
from app.ui.plans import router as plans_router
from app.ui.router import router
from app.ui.session import LoginRequired, login_url

Handler = Callable[[Request, Exception], Response | Awaitable[Response]]


def _as_page(handler: Handler) -> Handler:
    async def handle(request: Request, exc: Exception) -> Response:
        answer = handler(request, exc)
        response = await answer if inspect.isawaitable(answer) else answer
        if not is_page(request) or not isinstance(response.body, bytes):
            return response
        try:
            problem = json.loads(response.body)
        except ValueError:
            return response
        context = {
            "status": response.status_code,
            "title": problem.get("title", "Error"),
            "detail": problem.get("detail", ""),
            "errors": problem.get("errors", []),
        }
        page = render(request, "error.html", context, status_code=response.status_code)
        for header in ("allow", "retry-after"):
            if header in response.headers:
                page.headers[header] = response.headers[header]
        return page

    return handle


async def _to_login(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    return RedirectResponse(login_url(exc.next_path), status_code=303, headers=HEADERS)


def install(app: FastAPI) -> None:
    """Add the pages to `app`; call it after the app's error handlers are installed."""
    for kind, handler in list(app.exception_handlers.items()):
        if isinstance(kind, type) and kind is not WebSocketRequestValidationError:
            app.add_exception_handler(kind, _as_page(handler))
    app.add_exception_handler(LoginRequired, _to_login)
    app.include_router(router)
    app.include_router(plans_router)
    app.include_router(cycle_router)
    app.include_router(outcomes_router)
    app.include_router(holds_router)
    app.include_router(people_router)
    app.include_router(mail_router)
    app.include_router(oidc_router)
    app.mount(STATIC, StaticFiles(directory=HERE / "static"), name="ui-static")
