"""Request and response bodies for do-not-ask holds, and the day holds are measured against."""

from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from app.holds.models import HoldSource
from app.schemas import (
    NOT_BLANK,
    Id,
    InputModel,
    IsoDate,
    ListQuery,
    Name,
    ReadModel,
    Ref,
    StoredFields,
    UTCTimestamp,
    _trimmed,
    no_nul,
    partial,
)

#: The longest hold: a partner is asked again, or asked whether to hold longer, within this.
MAX_DAYS = 730

Reason = Annotated[
    str,
    StringConstraints(min_length=1, max_length=2000, pattern=NOT_BLANK),
    AfterValidator(no_nul),
    AfterValidator(_trimmed),
]

HoldStatus = Literal["active", "scheduled", "lapsed", "lifted"]

#: How a ranking's note says a partner was left out by a hold (pages pick those notes out).
ON_HOLD = "on a do-not-ask hold"


def today() -> date:
    """The day a hold is active on (UTC, as the load figures count days)."""
    return datetime.now(UTC).date()


def _ends_after_start(until: date, info: ValidationInfo) -> date:
    starts_on = info.data.get("starts_on")
    if isinstance(starts_on, date) and until <= starts_on:
        raise ValueError("must be after starts_on")
    return until


class HoldStored(InputModel):
    """A hold as the write path stores it (lifting sets `lifted_at`)."""

    organization_id: Ref
    starts_on: IsoDate
    until: IsoDate
    reason: Reason
    source: HoldSource = HoldSource.convener
    lifted_at: UTCTimestamp | None = None
    lifted_by: Name | None = None
    reminded_at: UTCTimestamp | None = None

    _dates_ordered = field_validator("until")(_ends_after_start)


HoldStoredUpdate = partial(HoldStored, "HoldStoredUpdate")


class HoldCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "organization_id": 42,
                    "until": "2027-03-01",
                    "reason": "Imaging unit short-staffed through the winter; asked for a break.",
                }
            ]
        }
    )

    organization_id: Ref
    starts_on: IsoDate = Field(
        default_factory=lambda: today(), description="The first day of the hold; default today."
    )
    until: IsoDate = Field(
        description=(
            "The day the partner may be asked again (the hold lapses on it, by itself); after "
            f"today and at most {MAX_DAYS} days ahead."
        )
    )
    reason: Reason = Field(description="Why the partner is not to be asked; shown with rankings.")
    source: HoldSource = Field(
        default=HoldSource.convener, description="Who asked for the hold: convener or partner."
    )

    @field_validator("until")
    @classmethod
    def _in_the_next_two_years(cls, until: date, info: ValidationInfo) -> date:
        now = today()
        if until <= now:
            raise ValueError(f"must be after today ({now.isoformat()})")
        last = now + timedelta(days=MAX_DAYS)
        if until > last:
            raise ValueError(f"must be at most {MAX_DAYS} days ahead ({last.isoformat()})")
        return _ends_after_start(until, info)

    def stored(self) -> HoldStored:
        return HoldStored.model_validate(self.model_dump())


class HoldRead(StoredFields):
    organization_id: int
    starts_on: date
    until: date
    reason: str
    source: HoldSource
    lifted_at: datetime | None
    lifted_by: str | None = Field(description="The name of the API key that lifted it early.")
    reminded_at: datetime | None = Field(
        default=None,
        description="When the person who set it was mailed that it is about to lapse.",
    )
    status: HoldStatus = Field(
        description=(
            "active: the partner is not asked now; scheduled: starts later; lapsed: its date "
            "has passed; lifted: a convener ended it early."
        )
    )


class HoldQuery(ListQuery):
    organization_id: Id | None = None
    active: bool | None = Field(
        default=None, description="true: only holds in force today; false: only the others."
    )


class ActiveHold(ReadModel):
    """The hold a partner is on today, in answers about the partner."""

    id: int
    starts_on: date
    until: date
    reason: str
    source: HoldSource

    def sentence(self) -> str:
        return f"{ON_HOLD} until {self.until.isoformat()}: {self.reason}"
