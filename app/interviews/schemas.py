"""Request and response bodies for interviews and temperature checks."""

from typing import Annotated

from pydantic import Field

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
    organization_id: Ref
    contact_id: Ref | None = Field(default=None, description="Who was interviewed.")
    conducted_at: UTCTimestamp
    business_summary: Text = Field(default="", description="What the organization does.")
    role_and_skills: Text = Field(default="", description="The person's position and skills.")
    interest_level: Rating = Field(description="1 (not interested) to 5 (eager).")
    capacity_hours_per_month: Hours
    max_concurrent_engagements: Count
    engagement_types: Annotated[list[EngagementType], Field(max_length=20)] = Field(
        default=[], description="Kinds of engagement the partner is open to."
    )
    notes: Text | None = None


InterviewUpdate = partial(InterviewCreate, "InterviewUpdate")


class InterviewRead(StoredFields, InterviewCreate):
    pass


class InterviewQuery(ListQuery):
    organization_id: Id | None = None
    contact_id: Id | None = None


class TemperatureCheckCreate(InputModel):
    organization_id: Ref
    contact_id: Ref | None = None
    checked_at: UTCTimestamp
    satisfaction: Rating = Field(description="1 (unhappy) to 5 (very satisfied).")
    comment: Text | None = None


TemperatureCheckUpdate = partial(TemperatureCheckCreate, "TemperatureCheckUpdate")


class TemperatureCheckRead(StoredFields, TemperatureCheckCreate):
    pass


class TemperatureCheckQuery(ListQuery):
    organization_id: Id | None = None
    contact_id: Id | None = None
