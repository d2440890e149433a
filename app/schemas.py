"""Input types shared by every resource: bounded, NUL-free text, ids, hours, aware datetimes."""

import base64
import binascii
import json
import re
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Generic, TypeVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    create_model,
    field_validator,
)
from pydantic_core import PydanticCustomError

MAX_ID = 2_147_483_647  # the largest INTEGER on PostgreSQL

D = TypeVar("D", date, datetime)


def no_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text; refusing it here keeps both databases alike.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("datetime out of range") from None


#: How much of a refused value an error quotes back: enough to recognise it, never a whole
#: upload echoed into a log or a page.
QUOTED_CHARS = 40


def quoted(value: object) -> str:
    """`value` as an error quotes it: text in quotes, anything else as JSON, cut short."""
    if isinstance(value, str):
        short = value if len(value) <= QUOTED_CHARS else value[:QUOTED_CHARS] + "…"
        return repr(short)
    try:
        text = json.dumps(value, default=repr)
    except ValueError:  # a value that holds itself
        text = repr(value)
    return text if len(text) <= QUOTED_CHARS else text[:QUOTED_CHARS] + "…"


# ASCII digits only: `\d` would take other scripts' digits, which the parser then refuses with
# pydantic's own words.
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DATE_FORMAT = "must be a date written YYYY-MM-DD"
DATETIME_FORMAT = "must be a date and time written in ISO 8601, such as 2027-03-15T09:30:00Z"


def _refused(kind: str, message: str, value: object, errors: ValidationError | None) -> Exception:
    """The error for a date or a moment that could not be read: the format, what was sent, and
    the parser's reason when the value was written in the format but names no such day."""
    why = ""
    if errors is not None:
        reason = errors.errors(include_url=False)[0].get("ctx", {}).get("error")
        why = f"{reason}; " if reason else ""
    return PydanticCustomError(kind, "{message} ({why}got {got})",
                               {"message": message, "why": why, "got": quoted(value)})  # fmt: skip


def _as_date(value: object, handler: ValidatorFunctionWrapHandler) -> date:
    # Lax parsing would read 0 or "0" as 1970-01-01 (seconds since the epoch) and pydantic's own
    # messages ("invalid character in year") never say how to write a date: one format, said.
    if isinstance(value, date):
        return handler(value)  # type: ignore[no-any-return]
    if not (isinstance(value, str) and _DAY.fullmatch(value)):
        raise _refused("date_format", DATE_FORMAT, value, None)
    try:
        return handler(value)  # type: ignore[no-any-return]
    except ValidationError as exc:
        raise _refused("date_format", DATE_FORMAT, value, exc) from None


def _as_datetime(value: object, handler: ValidatorFunctionWrapHandler) -> datetime:
    # The same for a moment: ISO 8601 with its time zone, never a number of seconds.
    if isinstance(value, datetime):
        return handler(value)  # type: ignore[no-any-return]
    if not (isinstance(value, str) and _DAY.match(value)):
        raise _refused("datetime_format", DATETIME_FORMAT, value, None)
    try:
        return handler(value)  # type: ignore[no-any-return]
    except ValidationError as exc:
        if any(e["type"] == "timezone_aware" for e in exc.errors(include_url=False)):
            message = f"{DATETIME_FORMAT} or 2027-03-15T09:30:00-05:00, with its time zone"
            raise _refused("datetime_format", message, value, None) from None
        raise _refused("datetime_format", DATETIME_FORMAT, value, exc) from None


FIRST_YEAR, LAST_YEAR = 1900, 2200


def _year_in_range(value: D) -> D:
    # Dates past 9999 cannot be computed with (an ask ending 9999-12-31 broke every month
    # after it), and no partnership is planned centuries ahead.
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"year must be between {FIRST_YEAR} and {LAST_YEAR}")
    return value


def _trimmed(value: str) -> str:
    # The pattern below is checked by pydantic-core, whose idea of a space is narrower than
    # str.strip()'s (U+001C..U+001F): refuse what stripping would leave empty.
    value = value.strip()
    if not value:
        raise ValueError("must hold something besides spaces")
    return value


# Names and tags must hold something besides spaces; the limits apply to the text as sent (as
# the OpenAPI schema says) and surrounding spaces are trimmed after.
NOT_BLANK = r"\S"
Text = Annotated[str, StringConstraints(max_length=20_000), AfterValidator(no_nul)]
ShortText = Annotated[str, StringConstraints(max_length=255), AfterValidator(no_nul)]
Note = Annotated[str, StringConstraints(max_length=2000), AfterValidator(no_nul)]
Summary = Annotated[str, StringConstraints(max_length=500), AfterValidator(no_nul)]
Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=255, pattern=NOT_BLANK),
    AfterValidator(no_nul),
    AfterValidator(_trimmed),
]
ExternalId = Annotated[
    str,
    StringConstraints(min_length=1, max_length=255, pattern=NOT_BLANK),
    AfterValidator(no_nul),
    AfterValidator(_trimmed),
]
Region = Annotated[
    str,
    StringConstraints(min_length=1, max_length=120, pattern=NOT_BLANK),
    AfterValidator(no_nul),
    AfterValidator(_trimmed),
]
Tag = Annotated[
    str,
    StringConstraints(min_length=1, max_length=120, pattern=NOT_BLANK),
    AfterValidator(no_nul),
    AfterValidator(_trimmed),
]
TagList = Annotated[list[Tag], Field(max_length=100)]


def _web_address(value: str) -> str:
    # CRMs often keep a site as "www.acme.com": a bare host is taken as it is; anything else
    # must be an http(s) address with a host, and nothing may hold a space.
    value = value.strip()
    parts = urlsplit(value if "://" in value else f"http://{value}")
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or "." not in host or any(c.isspace() for c in value):
        raise ValueError("must be a web address, such as https://www.example.org")
    return value


Url = Annotated[str, StringConstraints(max_length=2048), AfterValidator(no_nul)]
WebAddress = Annotated[Url, AfterValidator(_web_address)]
Email = Annotated[
    str,
    StringConstraints(max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    AfterValidator(no_nul),
]
# Path and query values arrive as text, so `Id` parses "42"; body numbers are strict (JSON
# `true` or `"4"` is not a number) so what the schema says is what is accepted.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Ref = Annotated[int, Strict(), Field(ge=1, le=MAX_ID)]
Count = Annotated[int, Strict(), Field(ge=0, le=1000)]
Hours = Annotated[float, Strict(), Field(ge=0, le=100_000, allow_inf_nan=False)]
Rating = Annotated[int, Strict(), Field(ge=1, le=5)]
#: Every date of a body or a query: YYYY-MM-DD, and an error that says so.
IsoDate = Annotated[date, WrapValidator(_as_date), AfterValidator(_year_in_range)]
#: Every moment of a body: ISO 8601 with a time zone, kept in UTC.
UTCTimestamp = Annotated[
    AwareDatetime,
    WrapValidator(_as_datetime),
    AfterValidator(_utc),
    AfterValidator(_year_in_range),
]
IsoDateAdapter: TypeAdapter[date] = TypeAdapter(IsoDate)


def date_problem(text: str) -> str | None:
    """What is wrong with `text` as a date (the message the API gives), or None when it is one."""
    try:
        IsoDateAdapter.validate_python(text)
    except ValidationError as exc:
        return str(exc.errors(include_url=False)[0]["msg"])
    return None


class InputModel(BaseModel):
    """Request bodies: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True, extra="ignore")


class StoredFields(ReadModel):
    """What the service adds to every record it stores."""

    id: int
    created_at: datetime
    updated_at: datetime
    version: int


#: OpenAPI extension marking a field of an answer that shows a secret once (a new API key, a
#: signing secret, a link's URL with its token): a stored idempotent answer leaves it out.
SHOWN_ONCE = "x-shown-once"


def shown_once(description: str) -> Any:
    """A field of a create answer holding a secret that no other answer shows again."""
    return Field(description=description, json_schema_extra={SHOWN_ONCE: True})


def shown_once_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The names, as answers spell them, of the fields of `model` declared with shown_once."""
    return tuple(
        info.serialization_alias or info.alias or name
        for name, info in model.model_fields.items()
        if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get(SHOWN_ONCE)
    )


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def partial(model: type[InputModel], name: str) -> type[InputModel]:
    """The PATCH body for `model`: every field optional, none nullable unless it was.

    Leaving a field out keeps it; `null` is accepted only where the field itself may be null.
    The merged record is validated against `model` itself, so rules between fields are
    checked there, once.
    """
    fields: dict[str, Any] = {
        field: (
            # Keep bounds such as max_length, which pydantic holds apart from the type.
            Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation,
            Field(default=None, description=info.description, json_schema_extra=_no_default),
        )
        for field, info in model.model_fields.items()
    }
    return create_model(
        name, __base__=InputModel, __doc__=f"Fields of {model.__name__} to change.", **fields
    )


def encode_cursor(position: int, prefix: str = "id") -> str:
    """An opaque cursor: `prefix` names what `position` counts (an id, or a row offset)."""
    return base64.urlsafe_b64encode(f"{prefix}:{position}".encode()).decode().rstrip("=")


UNKNOWN_CURSOR = "this cursor is not one we gave out; ask for the first page again without it"


def decode_cursor(cursor: str, prefix: str = "id", maximum: int = MAX_ID) -> int:
    """The position a cursor continues after; ValueError for anything this service did not
    issue for this kind of listing."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ValueError(UNKNOWN_CURSOR) from None
    found, _, number = raw.partition(":")
    if found != prefix or not number.isdigit() or not 0 < int(number) <= maximum:
        raise ValueError(UNKNOWN_CURSOR)
    return int(number)


#: The prefix of cursors that count rows of a sorted list (the load list, the check-ins).
OFFSET = "at"


class OffsetPaged(BaseModel):
    """Paging by position, for lists sorted by something other than the id: the subclass
    declares `cursor` (and `limit`) among its fields; a cursor this service did not issue for
    such a list is refused, and `offset` is where its page starts."""

    if TYPE_CHECKING:  # declared by the subclass, where its fields keep their order
        cursor: str | None

    @field_validator("cursor", check_fields=False)
    @classmethod
    def _known_offset(cls, value: str | None) -> str | None:
        if value is not None:
            decode_cursor(value, OFFSET)
        return value

    def offset(self) -> int:
        return decode_cursor(self.cursor, OFFSET) if self.cursor else 0


class ListQuery(BaseModel):
    """Pagination shared by every list; resources add their own filters."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=50, ge=1, le=100, description="Items per page (1-100).")
    cursor: str | None = Field(
        default=None, max_length=64, description="The `next_cursor` of the previous page."
    )

    @field_validator("cursor")
    @classmethod
    def _known_cursor(cls, value: str | None) -> str | None:
        if value is not None:
            decode_cursor(value)
        return value

    def after_id(self) -> int | None:
        return decode_cursor(self.cursor) if self.cursor else None

    # A filter whose name is not its column's: ?sector=energy looks inside `sectors`.
    columns: ClassVar[dict[str, str]] = {}

    def filters(self) -> dict[str, object]:
        """The filters given, by column name."""
        given = self.model_dump(exclude={"limit", "cursor"}, exclude_none=True)
        return {self.columns.get(k, k): v for k, v in given.items()}


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None
