"""Plan bodies: what to plan for, the convener's edits, and the stored plan as read."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StrictBool, model_validator

from app.plans.status import PlanStatus
from app.schemas import InputModel, ListQuery, Name, Ref, Region, StoredFields
from matching.types import NeedStatus


class PlanRequest(InputModel):
    """Which needs to plan for (all that are given must hold) and the plan's limits."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"program": "Lincoln USD Health Academy", "max_asks": 2},
                {"region": "Central Valley", "status": "open", "alternates": 3},
                {"need_ids": [3, 4, 5]},
            ]
        }
    )

    program: Name | None = Field(default=None, description="Needs of this program.")
    region: Region | None = Field(default=None, description="Needs in this region.")
    status: NeedStatus | None = Field(
        default=NeedStatus.open, description="Needs with this status (default open)."
    )
    need_ids: list[Ref] | None = Field(
        default=None, max_length=10_000, description="These needs (each must exist)."
    )
    max_asks: Annotated[int, Strict()] | None = Field(
        default=None, ge=1, le=20, description="At most this many asks of one partner."
    )
    alternates: Annotated[int, Strict()] | None = Field(
        default=None, ge=0, le=10, description="Ranked alternates kept per assignment."
    )
    candidates: Annotated[int, Strict()] | None = Field(
        default=None, ge=1, le=100, description="Candidates taken from each need's ranking."
    )
    allow_weak: StrictBool = Field(
        default=False,
        description=(
            "Let this plan ask partners that fit only weakly where no good fit has room (marked "
            '`fit: "weak"` and counted apart). By default a slot only weak fits could fill is '
            "a gap."
        ),
    )
    min_relevance: Annotated[float, Strict()] | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="The relevance floor: candidates below it are never asked; a slot only "
        "they could fill is a gap (where partners must be recruited). 0 turns it off.",
    )


class Pair(InputModel):
    need_id: Ref
    organization_id: Ref


class Swap(Pair):
    with_organization_id: Ref = Field(description="The partner asked instead.")


class PlanEdit(InputModel):
    """Lock, drop or swap assignments; the rest of the plan is solved again around them."""

    lock: list[Pair] = Field(default=[], max_length=1000, description="Keep these.")
    drop: list[Pair] = Field(default=[], max_length=1000, description="Never these.")
    swap: list[Swap] = Field(
        default=[], max_length=1000, description="Ask `with_organization_id` instead (locked)."
    )
    unlock: list[Pair] = Field(
        default=[], max_length=1000, description="Forget an earlier lock or drop."
    )


class PlanStore(InputModel):
    """A plan as the write path stores it (not a request body)."""

    status: PlanStatus = PlanStatus.draft
    selection: dict[str, Any] = {}
    options: dict[str, Any] = {}
    locks: list[list[int]] = []
    drops: list[list[int]] = []
    result: dict[str, Any] = {}
    progress: float = 0.0
    error: str | None = None
    created_by: str = ""
    solved_at: datetime | None = None
    committed_at: datetime | None = None
    engagement_ids: list[int] = []


class PlanChange(InputModel):
    """Fields of a stored plan to change (the write path merges them into the plan)."""

    status: PlanStatus | None = None
    selection: dict[str, Any] | None = None
    options: dict[str, Any] | None = None
    locks: list[list[int]] | None = None
    drops: list[list[int]] | None = None
    result: dict[str, Any] | None = None
    progress: float | None = None
    error: str | None = None
    created_by: str | None = None
    solved_at: datetime | None = None
    committed_at: datetime | None = None
    engagement_ids: list[int] | None = None


class PlanQuery(ListQuery):
    status: PlanStatus | None = None


class _Named(BaseModel):
    """A partner a plan names: `organization_id`, as every other answer says; `partner_id` is
    its old name, kept for clients that read it (plans stored before carry only that)."""

    organization_id: int
    partner_id: int = Field(deprecated=True, description="Old name of `organization_id`.")
    name: str

    @model_validator(mode="before")
    @classmethod
    def _both_names(cls, data: Any) -> Any:
        if isinstance(data, dict):
            org = data.get("organization_id", data.get("partner_id"))
            data = data | {"organization_id": org, "partner_id": org}
        return data


class PlanAlternate(_Named):
    relevance: float
    reason: str


class PlanAssignment(_Named):
    """One ask the plan would make: which partner for which need, why, and who else could."""

    need_id: int
    relevance: float
    rank: int = Field(description="The partner's place in the need's ranking (1 is best).")
    locked: bool = Field(description="Kept by the convener through every later solve.")
    fit: Literal["good", "weak"] = Field(
        default="good", description='"weak" only in a plan that allows weak fits.'
    )
    reasons: list[str]
    alternates: list[PlanAlternate] = Field(description="Ranked partners that could go instead.")


class Links(BaseModel):
    self: str
    csv: str
    page: str


class PlanRead(StoredFields):
    status: PlanStatus
    selection: dict[str, Any]
    options: dict[str, Any]
    locks: list[list[int]]
    drops: list[list[int]]
    progress: float
    error: str | None
    created_by: str
    solved_at: datetime | None
    committed_at: datetime | None
    engagement_ids: list[int]
    assignments: list[PlanAssignment] = Field(default=[], description="The asks it would make.")
    gaps: list[dict[str, Any]] = Field(default=[], description="Needs the plan cannot fill.")
    gap_totals: dict[str, dict[str, int]] = Field(
        default={}, description="Missing slots by sector, region and engagement type."
    )
    load: list[dict[str, Any]] = Field(
        default=[], description="Each partner asked: asks and risk before and after."
    )
    outcome: dict[str, Any] = Field(default={}, description="Slots filled, relevance, Gini.")
    baseline: dict[str, Any] = Field(
        default={}, description="The same figures for the greedy (each need its top-k)."
    )
    needs: list[dict[str, Any]] = Field(default=[], description="The needs planned for.")
    notes: list[str] = []
    changes: list[str] = Field(
        default=[], description="What the last edit changed (who is out, who is in, the totals)."
    )
    links: Links | None = None


class Refused(BaseModel):
    need_id: int
    organization_id: int
    name: str
    reason: str


class Committed(BaseModel):
    plan: PlanRead
    engagement_ids: list[int]
    refused: list[Refused]
