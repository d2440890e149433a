"""HTML forms to the API's own input models, and their errors back to the fields at fault.

A browser sends every field as text, and an empty box as "". The pages read forms leniently
(everything a string, so nothing is refused before it can be shown again), turn the text into
what the API's pydantic models expect, and let those models judge it: the pages and the API
accept and refuse exactly the same records, with the same messages.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from app.errors import AppError, FieldError, field_errors

#: The key of errors that belong to no one field (shown above the form).
FORM = "_form"


def words(text: str) -> list[str]:
    """A list typed into one box: items separated by commas, semicolons or new lines."""
    for sep in (";", "\n"):
        text = text.replace(sep, ",")
    return [item.strip() for item in text.split(",") if item.strip()]


def number(text: str, kind: type[int] | type[float]) -> Any:
    """`text` as a number; the text itself when it is not one, so the model names the field
    and says why. Empty: None (the caller leaves the field out)."""
    text = text.strip()
    if not text:
        return None
    try:
        return kind(text)
    except ValueError:
        return text


def given(values: Mapping[str, Any]) -> dict[str, Any]:
    """Drop fields left empty, so the model's defaults apply."""
    return {k: v for k, v in values.items() if v is not None and v != "" and v != []}


def messages(errors: Iterable[FieldError], fields: Iterable[str]) -> dict[str, str]:
    """field -> message for the form's inputs. `skills[2]` belongs to `skills`; a rule between
    fields ("ends_on must not be before starts_on") to the field it names first."""
    fields = list(fields)
    known = set(fields)
    out: dict[str, str] = {}
    for error in errors:
        name = error.field.split("[")[0].split(".")[0]
        if name not in known:
            first = error.message.split(" ")[0]
            name = first if first in known else FORM
        if name in out:
            continue
        # An empty box reaches the model as a missing field; say it in the person's terms.
        message = "Required" if error.message == "Field required" else error.message
        if error.field != name and name != FORM and error.field not in (FORM, "body"):
            message = f"{error.field}: {message}"
        out[name] = message
    # In the order a person reads the form, so the summary above it follows the fields.
    order = [FORM, *fields]
    return {name: out[name] for name in sorted(out, key=order.index)}


def validation_messages(exc: ValidationError, fields: Iterable[str]) -> dict[str, str]:
    return messages(field_errors(exc.errors(include_url=False, include_input=False)), fields)


def app_error_messages(exc: AppError, fields: Iterable[str]) -> dict[str, str]:
    """A service's refusal (a missing reference, a taken external id) by field."""
    if exc.errors:
        return messages(exc.errors, fields)
    return {FORM: exc.detail}


class NeedForm(BaseModel):
    """The need form as typed; `payload()` is what NeedCreate is asked to accept."""

    title: str = ""
    program: str = ""
    description: str = ""
    expertise_sought: str = ""
    skills: str = ""
    sectors: str = ""
    partner_kinds: list[str] = []
    region: str = ""
    engagement_type: str = ""
    hours_per_partner: str = ""
    slots: str = "1"
    starts_on: str = ""
    ends_on: str = ""
    status: str = "open"

    def payload(self) -> dict[str, Any]:
        return given(
            {
                "title": self.title,
                "program": self.program,
                "description": self.description.strip(),
                "expertise_sought": self.expertise_sought.strip(),
                "skills": words(self.skills),
                "sectors": words(self.sectors),
                "partner_kinds": self.partner_kinds,
                "region": self.region.strip(),
                "engagement_type": self.engagement_type,
                "hours_per_partner": number(self.hours_per_partner, float),
                # An empty box is sent as the text, so "at least 1" is what the person reads.
                "slots": number(self.slots, int) if self.slots.strip() else self.slots,
                "starts_on": self.starts_on.strip(),
                "ends_on": self.ends_on.strip(),
                "status": self.status,
            }
        )


class AskForm(BaseModel):
    """ "Record an ask" on a ranked partner: who, and what the need's program and hours were
    (both may be changed before sending)."""

    organization_id: str = ""
    program: str = ""
    hours_estimated: str = ""

    def payload(self, need_id: int, engagement_type: str) -> dict[str, Any]:
        return given(
            {
                "organization_id": number(self.organization_id, int),
                "need_id": need_id,
                "program": self.program,
                "engagement_type": engagement_type,
                "status": "asked",
                "hours_estimated": number(self.hours_estimated, float),
            }
        )


class SearchForm(BaseModel):
    """The free-text search as typed (a GET form: the address can be shared)."""

    text: str = ""
    partner_kinds: list[str] = []
    sectors: str = ""
    skills: str = ""
    region: str = ""
    hours: str = ""
    include_at_risk: str = ""
    limit: str = "10"

    def payload(self) -> dict[str, Any]:
        return given(
            {
                "text": self.text,
                "partner_kinds": self.partner_kinds,
                "sectors": words(self.sectors),
                "skills": words(self.skills),
                "region": self.region.strip(),
                "hours": number(self.hours, float),
                "include_at_risk": bool(self.include_at_risk),
                "limit": number(self.limit, int),
            }
        ) | {"text": self.text}
