"""Request and response bodies for engagements (asks) and agreements."""

from typing import Self

from pydantic import Field, model_validator

from app.needs.schemas import check_dates
from app.schemas import (
    ExternalId,
    Hours,
    Id,
    InputModel,
    IsoDate,
    ListQuery,
    Name,
    Ref,
    StoredFields,
    Text,
    UTCTimestamp,
    partial,
)
from app.types import utcnow
from matching.types import AgreementStatus, EngagementStatus, EngagementType


class EngagementCreate(InputModel):
    organization_id: Ref | None = Field(
        default=None, description="The organization asked; or name it by organization_external_id."
    )
    organization_external_id: ExternalId | None = Field(
        default=None, description="The organization's CRM id, instead of organization_id."
    )
    contact_id: Ref | None = None
    need_id: Ref | None = Field(default=None, description="The need this ask is for, if any.")
    external_id: ExternalId | None = None
    program: Name = Field(description="Who asked.")
    engagement_type: EngagementType
    status: EngagementStatus = EngagementStatus.asked
    asked_at: UTCTimestamp = Field(default_factory=utcnow)
    responded_at: UTCTimestamp | None = None
    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    hours_estimated: Hours = 0
    hours_actual: Hours | None = None

    @model_validator(mode="after")
    def _times_ordered(self) -> Self:
        check_dates(self.starts_on, self.ends_on)
        if self.responded_at is not None and self.responded_at < self.asked_at:
            raise ValueError("responded_at must not be before asked_at")
        return self


EngagementUpdate = partial(EngagementCreate, "EngagementUpdate")


class EngagementRead(StoredFields, EngagementCreate):
    organization_id: int


class EngagementQuery(ListQuery):
    organization_id: Id | None = None
    need_id: Id | None = None
    status: EngagementStatus | None = None
    engagement_type: EngagementType | None = None
    program: Name | None = None
    external_id: ExternalId | None = None


class AgreementCreate(InputModel):
    organization_id: Ref
    need_id: Ref | None = None
    roles: Text = ""
    responsibilities: Text = ""
    starts_on: IsoDate
    ends_on: IsoDate
    status: AgreementStatus = AgreementStatus.draft

    @model_validator(mode="after")
    def _dates_ordered(self) -> Self:
        check_dates(self.starts_on, self.ends_on)
        return self


AgreementUpdate = partial(AgreementCreate, "AgreementUpdate")


class AgreementRead(StoredFields, AgreementCreate):
    pass


class AgreementQuery(ListQuery):
    organization_id: Id | None = None
    need_id: Id | None = None
    status: AgreementStatus | None = None
