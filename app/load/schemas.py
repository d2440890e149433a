"""Bodies of the load, risk and concentration routes."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.holds.schemas import ActiveHold
from app.schemas import OffsetPaged, Region
from matching.types import PartnerKind

RiskLevelName = Literal["low", "elevated", "high", "critical"]
WindowDays = Annotated[
    int, Field(ge=1, le=1095, description="Length of the rolling window in days (1-1095).")
]
SORTS = ("risk", "asks", "programs", "hours", "utilization", "declines", "name")
Sort = Literal[
    "risk", "-risk", "asks", "-asks", "programs", "-programs", "hours", "-hours",
    "utilization", "-utilization", "declines", "-declines", "name", "-name",
]  # fmt: skip


class Risk(BaseModel):
    level: RiskLevelName
    score: float = Field(ge=0, le=1)
    reasons: list[str]


class Satisfaction(BaseModel):
    checks: int = Field(description="Temperature checks in the last 365 days.")
    mean: float | None = Field(description="Mean satisfaction (1-5) inside the window.")
    trend_per_quarter: float | None = Field(
        description="Least-squares change in points per quarter over the last 365 days."
    )


class SaturationOut(BaseModel):
    label: Literal["undersaturated", "on target", "saturated"]
    reason: str = Field(description="Why, in one sentence, from the rule in `rule`.")
    rule: str = Field(description="How the labels are drawn.")


class PartnerLoad(BaseModel):
    organization_id: int
    name: str
    kind: PartnerKind
    region: str | None
    window_days: int
    asks: int
    distinct_programs: int
    active_engagements: int
    hours_committed: float = Field(
        description="Hours of accepted and completed engagements that fell in the window."
    )
    hours_ahead: float = Field(
        description="Hours of accepted engagements due in as many days after today."
    )
    capacity_hours: float | None = Field(
        description="Capacity from the latest interview, pro-rated to the window; null: unknown."
    )
    utilization: float | None = Field(
        description="max(hours_committed, hours_ahead) / capacity_hours; null when capacity is "
        "unknown or zero."
    )
    max_concurrent_engagements: int | None
    declines: int
    days_since_last_completed: int | None
    satisfaction: Satisfaction
    risk: Risk
    saturation: SaturationOut = Field(
        description="Asked too little, about right or too much for its capacity and risk."
    )


class LoadQuery(OffsetPaged):
    model_config = ConfigDict(extra="forbid")

    window_days: WindowDays = 90
    risk: RiskLevelName | None = Field(default=None, description="Only partners at this level.")
    kind: PartnerKind | None = None
    region: Region | None = None
    sort: Sort = Field(default="-risk", description="A column; a leading '-' sorts descending.")
    limit: int = Field(default=50, ge=1, le=100)
    cursor: str | None = Field(default=None, max_length=64)


class LoadPage(BaseModel):
    items: list[PartnerLoad]
    next_cursor: str | None


class WindowQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    window_days: WindowDays = 90


class ConcentrationQuery(WindowQuery):
    kind: PartnerKind | None = None
    region: Region | None = None


class Month(BaseModel):
    month: str = Field(description="YYYY-MM")
    asks: int
    hours: float = Field(description="Hours of accepted and completed engagements that month.")
    satisfaction: float | None
    programs: dict[str, int]


class Asker(BaseModel):
    program: str
    asks: int
    last_asked_at: datetime


class Transition(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    changed_at: datetime
    from_level: RiskLevelName
    to_level: RiskLevelName
    score: float
    reasons: list[str]


class OrganizationLoad(BaseModel):
    load: PartnerLoad
    timeline: list[Month] = Field(description="The last 12 months, oldest first.")
    askers: list[Asker] = Field(description="Programs that asked in the last 12 months.")
    risk_history: list[Transition] = Field(description="Risk level changes, newest first.")
    hold: ActiveHold | None = Field(
        default=None,
        description="The hold the partner is on today (not ranked, not asked); null: none.",
    )


class ConcentrationOut(BaseModel):
    partners: int
    asks: int
    top20_share: float
    gini: float
    lorenz: list[Annotated[list[float], Field(min_length=2, max_length=2)]] = Field(
        description="[x, y]: the least-asked share x of partners took share y of the asks."
    )


class WillingQuery(WindowQuery):
    kind: PartnerKind | None = None
    region: Region | None = None
    limit: int = Field(default=20, ge=1, le=100)


class WillingPartner(BaseModel):
    organization_id: int
    name: str
    kind: PartnerKind
    region: str | None
    interest_level: int = Field(description="From the latest interview, 1-5.")
    asks: int = Field(description="Asks in the window.")
    active_engagements: int
    max_concurrent_engagements: int | None
    capacity_hours: float = Field(description="Stated capacity pro-rated to the window.")
    hours_left: float = Field(description="Capacity hours not yet worked or promised.")
    utilization: float
    risk_level: RiskLevelName
    reason: str


class WillingList(BaseModel):
    rule: str = Field(description="Who is listed, in words.")
    window_days: int
    items: list[WillingPartner] = Field(
        description="Most interested first, then the least asked, then the most room."
    )
