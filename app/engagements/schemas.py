"""Request and response bodies for engagements (asks) and agreements."""

from datetime import datetime
from typing import Annotated

from pydantic import ConfigDict, Field, Strict, ValidationInfo, field_validator

from app.needs.schemas import ends_after_start, program_given
from app.schemas import (
    ExternalId,
    Hours,
    Id,
    InputModel,
    IsoDate,
    ListQuery,
    Name,
    Note,
    Ref,
    StoredFields,
    Text,
    UTCTimestamp,
    partial,
)
from app.types import utcnow
from matching.types import AgreementStatus, EngagementStatus, EngagementType

#: An outcome count: students served, hires, credentials earned.
OutcomeCount = Annotated[int, Strict(), Field(ge=0, le=100_000)]


class EngagementCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "organization_external_id": "001Dn00000kPq3RA",
                    "need_id": 12,
                    "external_id": "a0CDn00000pXy8Wd",
                    "program": "Central Valley Health Careers Pathway",
                    "engagement_type": "job_shadow",
                    "status": "accepted",
                    "asked_at": "2026-09-08T16:30:00Z",
                    "responded_at": "2026-09-11T09:05:00-07:00",
                    "starts_on": "2027-02-01",
                    "ends_on": "2027-04-30",
                    "hours_estimated": 12,
                }
            ]
        }
    )

    organization_id: Ref | None = Field(
        default=None, description="The organization asked; or name it by organization_external_id."
    )
    organization_external_id: ExternalId | None = Field(
        default=None, description="The organization's CRM id, instead of organization_id."
    )
    contact_id: Ref | None = None
    need_id: Ref | None = Field(default=None, description="The need this ask is for, if any.")
    external_id: ExternalId | None = None
    program_id: Ref | None = Field(default=None, description="Who asked, by id.")
    program: Name | None = Field(
        default=None,
        validate_default=True,
        description=(
            "Who asked, by name (a name not seen before adds the program); or give program_id."
        ),
    )
    engagement_type: EngagementType
    status: EngagementStatus = EngagementStatus.asked
    asked_at: UTCTimestamp = Field(default_factory=utcnow)
    responded_at: UTCTimestamp | None = None
    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    hours_estimated: Hours = 0
    hours_actual: Hours | None = Field(
        default=None, description="Hours the partner actually gave; required once completed."
    )
    students_served: OutcomeCount | None = Field(
        default=None, description="Students the engagement reached (0-100000); null: not said."
    )
    hires: OutcomeCount | None = Field(
        default=None, description="People hired through it (0-100000); null: not said."
    )
    credentials_earned: OutcomeCount | None = Field(
        default=None, description="Credentials students earned through it (0-100000)."
    )
    outcome_note: Note | None = Field(
        default=None, description="What came of it, in a few words (up to 2000 characters)."
    )

    _dates_ordered = field_validator("ends_on")(ends_after_start)
    _program_given = field_validator("program")(program_given)

    @field_validator("responded_at")
    @classmethod
    def _responded_after_asked(
        cls, responded_at: datetime | None, info: ValidationInfo
    ) -> datetime | None:
        asked_at = info.data.get("asked_at")
        if responded_at is not None and asked_at is not None and responded_at < asked_at:
            raise ValueError("responded_at must not be before asked_at")
        return responded_at


EngagementUpdate = partial(EngagementCreate, "EngagementUpdate")


class EngagementRead(StoredFields, EngagementCreate):
    # The create example lacks the stored fields: it would mislead as an answer.
    model_config = ConfigDict(json_schema_extra=None)
    organization_id: int
    program: str
    program_id: int


class EngagementQuery(ListQuery):
    organization_id: Id | None = None
    need_id: Id | None = None
    status: EngagementStatus | None = None
    engagement_type: EngagementType | None = None
    program: Name | None = None
    program_id: Id | None = None
    external_id: ExternalId | None = None


class AgreementCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "organization_id": 42,
                    "need_id": 12,
                    "roles": (
                        "Mercy Valley Medical Center hosts health-science juniors from the "
                        "Central Valley Health Careers Pathway for clinical job shadows."
                    ),
                    "responsibilities": (
                        "The hospital names a staff host per unit and runs the privacy "
                        "briefing; the district confirms immunizations and signed consent "
                        "forms and provides transportation."
                    ),
                    "starts_on": "2027-02-01",
                    "ends_on": "2027-06-30",
                    "status": "active",
                }
            ]
        }
    )

    organization_id: Ref
    need_id: Ref | None = None
    roles: Text = ""
    responsibilities: Text = ""
    starts_on: IsoDate
    ends_on: IsoDate
    status: AgreementStatus = AgreementStatus.draft

    _dates_ordered = field_validator("ends_on")(ends_after_start)


AgreementUpdate = partial(AgreementCreate, "AgreementUpdate")


class AgreementRead(StoredFields, AgreementCreate):
    # The create example lacks the stored fields: it would mislead as an answer.
    model_config = ConfigDict(json_schema_extra=None)


class AgreementQuery(ListQuery):
    organization_id: Id | None = None
    need_id: Id | None = None
    status: AgreementStatus | None = None
