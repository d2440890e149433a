"""The mail templates (app/mail/templates): each message is a pair, NAME.txt and NAME.html,
rendered from one context. Only the HTML is escaped; a name missing from the context is an
error, never an empty string in a mail already sent."""

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

HERE = Path(__file__).parent / "templates"

_env = Environment(
    loader=FileSystemLoader(HERE),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(name: str, context: dict[str, Any]) -> tuple[str, str]:
    """The text and the HTML body of message `name`."""
    text = _env.get_template(f"{name}.txt").render(context)
    html = _env.get_template(f"{name}.html").render(context)
    return text, html
