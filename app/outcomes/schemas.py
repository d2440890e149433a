"""Bodies of the outcomes dashboard: its filters, and the five categories' figures."""

from datetime import date
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from app.schemas import IsoDate, Region, no_nul
from matching.outcomes import GoalStatus

ProgramRef = Annotated[
    str,
    Field(
        min_length=1,
        max_length=255,
        pattern=r"\S",
        description="A program by id (digits) or by name, whatever its case.",
    ),
    AfterValidator(no_nul),
]


#: The longest period asked for: ten years, followed quarter by quarter.
MAX_DAYS = 3653


class OutcomesQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    program: ProgramRef | None = None
    region: Region | None = Field(
        default=None,
        description="Partners in this region; goals and needs of the programs and needs in it.",
    )
    from_: IsoDate | None = Field(
        default=None,
        alias="from",
        description="First day (YYYY-MM-DD); default: 1 July of the school year `to` falls in.",
    )
    to: IsoDate | None = Field(default=None, description="Last day (YYYY-MM-DD); default: today.")

    @field_validator("to")
    @classmethod
    def _after_from(cls, to: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("from_")
        if to is not None and start is not None:
            if start > to:
                raise ValueError(f"must be on or after from ({start.isoformat()})")
            if (to - start).days >= MAX_DAYS:
                raise ValueError("a period may be at most ten years long")
        return to


class PeriodOut(BaseModel):
    from_: date = Field(serialization_alias="from")
    to: date
    days: int
    school_years: list[str] = Field(description='School years it touches ("2027": Jul-Jun).')
    year_share: float = Field(description="Share of those school years' days it covers.")
    step: str = Field(description="month or quarter: how the figures over time are cut.")


class ProgramOut(BaseModel):
    id: int
    name: str


class GoalOut(BaseModel):
    program: str
    program_id: int
    engagement_type: str
    school_years: list[str]
    goal_count: int
    actual_count: int
    goal_students: int
    actual_students: int
    expected_count: int = Field(description="The share of the goal due by the period's end.")
    expected_students: int
    status: GoalStatus = Field(description="Engagements: reached, on pace (share due) or behind.")
    students_status: GoalStatus | None = Field(description="The same for students; null: no goal.")


class GoalsReachedOut(BaseModel):
    needs: int = Field(description="Needs being recruited for during the period.")
    slots: int
    slots_filled: int
    fill_rate: float | None
    needs_filled_first: int = Field(description="Needs whose first ask was accepted in it.")
    median_days_to_fill: float | None
    goals: list[GoalOut]


class ResourcesOut(BaseModel):
    hours_given: float
    hours_given_known: float = Field(description="Of those, by partners that stated capacity.")
    capacity_hours: float
    capacity_use: float | None
    partners_with_capacity: int
    partners_capacity_unknown: int
    asks: int
    top20_share_asks: float
    gini_asks: float
    partners_giving_hours: int
    top20_share_hours: float
    gini_hours: float


class SatisfactionPointOut(BaseModel):
    period: str
    checks: int
    mean: float | None


class QualityOut(BaseModel):
    checks: int
    satisfaction_mean: float | None
    satisfaction_trend_per_quarter: float | None
    satisfaction_over_time: list[SatisfactionPointOut]
    asks: int
    declined: int
    decline_share: float | None
    partners_engaged: int
    partners_returning: int
    partners_repeat: int


class ImpactRowOut(BaseModel):
    program: str | None = Field(description="None: every program in view.")
    completed: int
    reporting: int = Field(description="Completed engagements that said the students served.")
    students_served: int
    internships_completed: int
    hires: int
    credentials_earned: int


class ImpactOut(ImpactRowOut):
    by_program: list[ImpactRowOut]


class ConcentrationPointOut(BaseModel):
    period: str
    asks: int
    partners_asked: int
    top20_share: float | None
    gini: float | None


class PartnerRef(BaseModel):
    organization_id: int
    name: str


class RiskMovesOut(BaseModel):
    by_level: dict[str, int] = Field(description="Moves in the period, by the level moved to.")
    up: int
    down: int


class DynamicsOut(BaseModel):
    over_time: list[ConcentrationPointOut]
    partners_gained: list[PartnerRef]
    partners_lost: list[PartnerRef]
    risk_moves: RiskMovesOut


class OutcomesOut(BaseModel):
    as_of: date
    period: PeriodOut
    program: ProgramOut | None
    region: str | None
    goals_reached: GoalsReachedOut
    use_of_resources: ResourcesOut
    quality: QualityOut
    impact: ImpactOut
    dynamics: DynamicsOut
    definitions: dict[str, str] = Field(description="How each category is counted, in words.")
