"""Rendering the pages: the templates, their filters, and the headers every page carries."""

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from app.ui import charts

HERE = Path(__file__).parent
PREFIX = "/ui"
STATIC = f"{PREFIX}/static"

templates = Jinja2Templates(directory=HERE / "templates")
templates.env.globals["static"] = STATIC

# Pages show people's work load: never cached or framed, scripts and styles from here only.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def _percent(value: float | None, digits: int = 0) -> str:
    return "unknown" if value is None else f"{value * 100:.{digits}f}%"


def _number(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _hours_left(value: float | None) -> str:
    """Capacity hours left as people say it: 12 reads "12 h left", -19 "19 h over capacity"
    (never "-19 h left")."""
    if value is None:
        return "–"
    if round(value) < 0:
        return f"{_number(-value)} h over capacity"
    return f"{_number(max(value, 0.0))} h left"


def _words(value: str) -> str:
    """An enum value as words: `internship_host` reads "internship host"."""
    return str(value).replace("_", " ")


templates.env.filters["percent"] = _percent
templates.env.filters["number"] = _number
templates.env.filters["hours_left"] = _hours_left
templates.env.filters["words"] = _words


def _school_year(year: str | int) -> str:
    """A school year by the year it ends in, as people write it: 2027 reads "2026–27"."""
    return f"{int(year) - 1}–{str(year)[2:]}"


templates.env.filters["school_year"] = _school_year
templates.env.filters["period"] = charts.period_name


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> Response:
    context.setdefault("viewer", None)
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    response.headers.update(HEADERS)
    return response


def is_page(request: Request) -> bool:
    path = request.url.path
    return path == PREFIX or (path.startswith(PREFIX + "/") and not path.startswith(STATIC))
