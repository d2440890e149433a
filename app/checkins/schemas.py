"""Bodies of the check-in list."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.schemas import Id, OffsetPaged, Region
from matching.checkins import CheckinKind


class CheckinQuery(OffsetPaged):
    model_config = ConfigDict(extra="forbid")

    region: Region | None = Field(default=None, description="Only partners in this region.")
    kind: CheckinKind | None = Field(default=None, description="Only check-ins of this kind.")
    organization_id: Id | None = Field(default=None, description="Only this partner's.")
    limit: int = Field(default=50, ge=1, le=100)
    cursor: str | None = Field(default=None, max_length=64)


class Concerning(BaseModel):
    type: Literal["agreement", "engagement"]
    id: int


class CheckinOut(BaseModel):
    kind: CheckinKind
    organization_id: int
    name: str
    region: str | None
    reason: str = Field(description="Why it is on the list and what to do, in one sentence.")
    due_on: date = Field(description="The day it fell (or falls) due.")
    days_overdue: int = Field(description="Days since it fell due; negative: not due yet.")
    record: Concerning | None = Field(description="The agreement or ask concerned, if any.")


class CheckinPage(BaseModel):
    as_of: date
    total: int = Field(description="Check-ins due, over every page.")
    rules: list[str] = Field(description="The rules the list was drawn with, in words.")
    items: list[CheckinOut] = Field(
        description="Most urgent kind first (risk rising, satisfaction falling, agreement lapsed, "
        "ask unanswered, check-in, agreement ending, interview stale), then earliest due."
    )
    next_cursor: str | None
