"""Request and response bodies for interviews and temperature checks."""

from typing import Annotated

from pydantic import ConfigDict, Field, StrictBool

from app.schemas import (
    Count,
    Hours,
    Id,
    InputModel,
    ListQuery,
    Rating,
    Ref,
    StoredFields,
    Text,
    UTCTimestamp,
    partial,
)
from matching.types import EngagementType


class InterviewCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "organization_id": 42,
                    "contact_id": 87,
                    "conducted_at": "2026-11-18T15:00:00-08:00",
                    "business_summary": (
                        "Regional hospital and four outpatient clinics; hiring nursing "
                        "assistants, pharmacy and imaging technicians year-round."
                    ),
                    "role_and_skills": (
                        "Director of Clinical Education. Runs preceptor training and the "
                        "nursing-student rotations; RN, patient-safety instructor."
                    ),
                    "interest_level": 4,
                    "capacity_hours_per_month": 16,
                    "max_concurrent_engagements": 2,
                    "engagement_types": ["job_shadow", "guest_instruction", "advisory_board"],
                    "notes": "No student visits in flu season peaks (January); ask early.",
                }
            ]
        }
    )

    organization_id: Ref
    contact_id: Ref | None = Field(default=None, description="Who was interviewed.")
    conducted_at: UTCTimestamp
    business_summary: Text = Field(default="", description="What the organization does.")
    role_and_skills: Text = Field(default="", description="The person's position and skills.")
    interest_level: Rating = Field(description="1 (not interested) to 5 (eager).")
    capacity_hours_per_month: Hours | None = Field(
        default=None, description="Hours a month the partner can give; null: it could not say."
    )
    max_concurrent_engagements: Count | None = Field(
        default=None, description="Engagements it can run at once; null: it could not say."
    )
    engagement_types: Annotated[list[EngagementType], Field(max_length=20)] = Field(
        default=[], description="Kinds of engagement the partner is open to."
    )
    notes: Text | None = None
    self_reported: StrictBool = Field(
        default=False,
        description="true: the partner gave these figures itself (a self-service link).",
    )


InterviewUpdate = partial(InterviewCreate, "InterviewUpdate")


class InterviewRead(StoredFields, InterviewCreate):
    # The create example lacks the stored fields: it would mislead as an answer.
    model_config = ConfigDict(json_schema_extra=None)


class InterviewQuery(ListQuery):
    organization_id: Id | None = None
    contact_id: Id | None = None


class TemperatureCheckCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "organization_id": 42,
                    "contact_id": 87,
                    "checked_at": "2026-06-12T17:00:00Z",
                    "satisfaction": 4,
                    "comment": (
                        "Spring shadows went well and students came prepared; three asks from "
                        "different programs in one month was a lot for the imaging unit."
                    ),
                }
            ]
        }
    )

    organization_id: Ref
    contact_id: Ref | None = None
    checked_at: UTCTimestamp
    satisfaction: Rating = Field(description="1 (unhappy) to 5 (very satisfied).")
    comment: Text | None = None


TemperatureCheckUpdate = partial(TemperatureCheckCreate, "TemperatureCheckUpdate")


class TemperatureCheckRead(StoredFields, TemperatureCheckCreate):
    # The create example lacks the stored fields: it would mislead as an answer.
    model_config = ConfigDict(json_schema_extra=None)


class TemperatureCheckQuery(ListQuery):
    organization_id: Id | None = None
    contact_id: Id | None = None
