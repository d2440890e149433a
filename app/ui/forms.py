"""HTML forms to the API's own input models, and their errors back to the fields at fault.

A browser sends every field as text, and an empty box as "". The pages read forms leniently
(everything a string, so nothing is refused before it can be shown again), turn the text into
what the API's pydantic models expect, and let those models judge it: the pages and the API
accept and refuse exactly the same records, with the same messages.
"""

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time
from typing import Any, ClassVar

from pydantic import BaseModel, ValidationError

from app.errors import AppError, FieldError, field_errors
from app.schemas import date_problem

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
    engagement_type: str = ""
    include_at_risk: str = ""
    limit: str = "10"

    def payload(self) -> dict[str, Any]:
        return given(
            {
                "text": self.text,
                "engagement_type": self.engagement_type.strip(),
                "partner_kinds": self.partner_kinds,
                "sectors": words(self.sectors),
                "skills": words(self.skills),
                "region": self.region.strip(),
                "hours": number(self.hours, float),
                "include_at_risk": bool(self.include_at_risk),
                "limit": number(self.limit, int),
            }
        ) | {"text": self.text}


def moment(text: str, now: datetime) -> Any:
    """A day typed in a date box as the moment it stands for: now when it is today, else noon
    UTC that day. Anything else is passed on as typed, for the model to name and refuse."""
    text = text.strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return text
    if day == now.date():
        return now.isoformat()
    return datetime.combine(day, time(12), tzinfo=UTC).isoformat()


class InterviewForm(BaseModel):
    """ "Record an interview" on a partner's page."""

    conducted_on: str = ""
    contact_id: str = ""
    interest_level: str = ""
    capacity_hours_per_month: str = ""
    max_concurrent_engagements: str = ""
    engagement_types: list[str] = []
    business_summary: str = ""
    role_and_skills: str = ""
    notes: str = ""

    #: The form's boxes by the API field they fill, for errors to find their box.
    boxes: ClassVar[dict[str, str]] = {"conducted_at": "conducted_on"}

    def payload(self, organization_id: int, now: datetime) -> dict[str, Any]:
        return given(
            {
                "organization_id": organization_id,
                "contact_id": number(self.contact_id, int),
                "conducted_at": moment(self.conducted_on, now) or "",
                "interest_level": number(self.interest_level, int),
                "capacity_hours_per_month": number(self.capacity_hours_per_month, float),
                "max_concurrent_engagements": number(self.max_concurrent_engagements, int),
                "engagement_types": self.engagement_types,
                "business_summary": self.business_summary.strip(),
                "role_and_skills": self.role_and_skills.strip(),
                "notes": self.notes.strip(),
            }
        )


class CheckForm(BaseModel):
    """ "Record a temperature check" on a partner's page."""

    checked_on: str = ""
    contact_id: str = ""
    satisfaction: str = ""
    comment: str = ""

    boxes: ClassVar[dict[str, str]] = {"checked_at": "checked_on"}

    def payload(self, organization_id: int, now: datetime) -> dict[str, Any]:
        return given(
            {
                "organization_id": organization_id,
                "contact_id": number(self.contact_id, int),
                "checked_at": moment(self.checked_on, now) or "",
                "satisfaction": number(self.satisfaction, int),
                "comment": self.comment.strip(),
            }
        )


class AgreementForm(BaseModel):
    """ "Record an agreement" on a partner's page."""

    roles: str = ""
    responsibilities: str = ""
    starts_on: str = ""
    ends_on: str = ""
    status: str = "active"

    boxes: ClassVar[dict[str, str]] = {}

    def payload(self, organization_id: int) -> dict[str, Any]:
        return given(
            {
                "organization_id": organization_id,
                "roles": self.roles.strip(),
                "responsibilities": self.responsibilities.strip(),
                "starts_on": self.starts_on.strip(),
                "ends_on": self.ends_on.strip(),
                "status": self.status,
            }
        )


class AskAnswerForm(BaseModel):
    """Accept or decline an ask, complete or cancel one under way; completing it says what came
    of it."""

    action: str = ""
    hours_actual: str = ""
    students_served: str = ""
    hires: str = ""
    credentials_earned: str = ""
    outcome_note: str = ""

    boxes: ClassVar[dict[str, str]] = {}
    STATUS: ClassVar[dict[str, str]] = {
        "accept": "accepted",
        "decline": "declined",
        "cancel": "cancelled",
        "complete": "completed",
    }

    def patch(self, now: datetime) -> dict[str, Any]:
        """The fields the action changes (unknown actions are named as the status)."""
        status = self.STATUS.get(self.action, self.action)
        if status in ("accepted", "declined"):
            return {"status": status, "responded_at": now.isoformat()}
        if status != "completed":
            return {"status": status}
        outcomes = given(
            {
                "hours_actual": number(self.hours_actual, float),
                "students_served": number(self.students_served, int),
                "hires": number(self.hires, int),
                "credentials_earned": number(self.credentials_earned, int),
                "outcome_note": self.outcome_note.strip(),
            }
        )
        return {"status": status} | outcomes


def boxed(
    errors: dict[str, str], boxes: Mapping[str, str], form: BaseModel | None = None
) -> dict[str, str]:
    """Errors keyed by the API's field moved to the form's box that fills it. A date box (its
    name ends in `_on`) that fills a moment (`conducted_on` -> `conducted_at`) is judged as
    the date typed in it, so the person reads the format of the box, not of a timestamp."""
    out = {}
    for name, message in errors.items():
        box = boxes.get(name, name)
        typed = getattr(form, box, None) if box != name and box.endswith("_on") else None
        if isinstance(typed, str) and typed.strip():
            message = date_problem(typed.strip()) or message
        out[box] = message
    return out


class HoldForm(BaseModel):
    """ "Put on a do-not-ask hold" on a partner's page."""

    until: str = ""
    reason: str = ""

    boxes: ClassVar[dict[str, str]] = {}

    def payload(self, organization_id: int) -> dict[str, Any]:
        # A reason of spaces is sent as typed, for the model to refuse as blank.
        return given(
            {"organization_id": organization_id, "until": self.until.strip(), "reason": self.reason}
        )


class PartnerLinkForm(BaseModel):
    """ "Make a self-service link" on a partner's page: for which contact, and what for."""

    contact_id: str = ""
    purpose: str = ""
    expires_in_days: str = ""
    send: str = ""  # "true" when "mail it to the contact" is ticked

    boxes: ClassVar[dict[str, str]] = {}

    def payload(self) -> dict[str, Any]:
        return given(
            {
                "contact_id": number(self.contact_id, int),
                "purpose": self.purpose,
                "expires_in_days": number(self.expires_in_days, int),
                "send": self.send == "true",
            }
        )
