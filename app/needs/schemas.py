"""Request and response bodies for needs (participant profiles)."""

from datetime import date
from typing import Annotated

from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from app.schemas import (
    Count,
    ExternalId,
    Hours,
    Id,
    InputModel,
    IsoDate,
    ListQuery,
    Name,
    Ref,
    Region,
    StoredFields,
    Tag,
    TagList,
    Text,
    partial,
)
from matching.types import EngagementType, NeedStatus, PartnerKind


def check_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on is not None and ends_on is not None and starts_on > ends_on:
        raise ValueError("ends_on must not be before starts_on")


def ends_after_start(ends_on: date | None, info: ValidationInfo) -> date | None:
    """A field validator on `ends_on`: it runs even when other fields are wrong, so every
    error comes back in one answer (a model validator runs only when all fields are valid)."""
    check_dates(info.data.get("starts_on"), ends_on)
    return ends_on


def program_given(program: str | None, info: ValidationInfo) -> str | None:
    """A field validator on `program` (declared after `program_id`): one of the two says who
    asks. A field validator runs even when other fields are wrong, so this error comes back
    with theirs."""
    if program is None and "program_id" in info.data and info.data["program_id"] is None:
        raise ValueError("Required: give program (its name) or program_id")
    return program


class NeedCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "external_id": "a0BDn00000jRt2Xc",
                    "title": "Clinical job shadows for health-science juniors",
                    "description": (
                        "Juniors in the health-science pathway spend two half-days following "
                        "a nurse, pharmacy or imaging technician, so they choose their senior "
                        "certificate knowing what the work is."
                    ),
                    "expertise_sought": (
                        "Hospitals and clinics that can host two or three students at a time "
                        "with a staff member who walks them through patient care and the lab."
                    ),
                    "skills": ["patient care", "phlebotomy", "medical imaging"],
                    "partner_kinds": ["employer"],
                    "sectors": ["health_sciences"],
                    "region": "Central Valley",
                    "engagement_type": "job_shadow",
                    "hours_per_partner": 12,
                    "slots": 4,
                    "starts_on": "2027-02-01",
                    "ends_on": "2027-04-30",
                    "status": "open",
                    "program": "Central Valley Health Careers Pathway",
                }
            ]
        }
    )

    external_id: ExternalId | None = None
    title: Name
    description: Text = Field(default="", description="The need it meets once filled.")
    expertise_sought: Text = ""
    skills: TagList = []
    partner_kinds: Annotated[list[PartnerKind], Field(max_length=6)] = Field(
        default=[], description="Kinds of partner wanted; empty means any."
    )
    sectors: TagList = []
    region: Region | None = Field(default=None, description="Empty means statewide.")
    engagement_type: EngagementType
    hours_per_partner: Hours = 0
    slots: Annotated[Count, Field(ge=1)] = 1
    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    status: NeedStatus = NeedStatus.open
    program_id: Ref | None = Field(default=None, description="Who is asking, by id.")
    program: Name | None = Field(
        default=None,
        validate_default=True,
        description=(
            "Who is asking, by name (a name not seen before adds the program); or give program_id."
        ),
    )

    _dates_ordered = field_validator("ends_on")(ends_after_start)
    _program_given = field_validator("program")(program_given)


NeedUpdate = partial(NeedCreate, "NeedUpdate")


class NeedRead(StoredFields, NeedCreate):
    # The create example lacks the stored fields: it would mislead as an answer.
    model_config = ConfigDict(json_schema_extra=None)
    program: str
    program_id: int


class NeedQuery(ListQuery):
    columns = {"sector": "sectors"}

    status: NeedStatus | None = None
    region: Region | None = None
    sector: Tag | None = None
    engagement_type: EngagementType | None = None
    program: Name | None = None
    program_id: Id | None = None
    external_id: ExternalId | None = None
