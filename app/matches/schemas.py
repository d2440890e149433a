"""Bodies of the match routes."""

from datetime import date
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from app.load.schemas import RiskLevelName
from app.schemas import Hours, InputModel, Region, TagList
from matching.types import EngagementType, PartnerKind

Limit = Annotated[int, Field(ge=1, le=100, description="How many partners (1-100).")]


class Components(BaseModel):
    semantic: float
    fit: float
    interest: float
    capacity: float
    burnout_penalty: float


class Capacity(BaseModel):
    status: Literal["room", "tight", "over", "unknown"] = Field(
        description="unknown: never interviewed (not unlimited)."
    )
    hours_left: float | None = Field(description="Capacity hours left after this ask.")
    slots_left: int | None = Field(description="Concurrent engagements left after this ask.")


class MatchOut(BaseModel):
    organization_id: int
    name: str
    kind: PartnerKind
    region: str | None
    score: float = Field(ge=0, le=1)
    components: Components
    capacity: Capacity
    burnout_level: RiskLevelName
    explanation: list[str]
    fit: Literal["good", "weak"] = Field(
        default="good",
        description="good: fits the need well; weak: shown only because too few fit well.",
    )
    relevance: float = Field(
        default=0, ge=0, le=1, description="Meaning and structured fit, before availability."
    )
    capacity_unknown: bool = Field(
        default=False, description="Never interviewed: capacity unknown, not unlimited."
    )


class MatchList(BaseModel):
    items: list[MatchOut] = Field(description="Best first.")
    embedder: str = Field(description="The model that embedded the texts.")
    notes: list[str] = Field(description="About the ranking as a whole.")
    good_matches: int = Field(
        default=0, description="How many of the partners shown fit the need well."
    )
    note: str | None = Field(
        default=None,
        description="Set when fewer partners fit well than were asked for: says how many.",
    )
    field_gap: str | None = Field(
        default=None,
        description=(
            "Set when no partner on file does the need's work (or none of the kind wanted in "
            "the region needed): says so and whom to recruit. Also the first of `notes`."
        ),
    )


class MatchFilters(BaseModel):
    limit: Limit = 10
    include_at_risk: bool = Field(
        default=False, description="Also show partners at critical burnout risk (marked)."
    )
    partner_kinds: list[PartnerKind] = Field(default=[], description="Only these kinds.")
    region: Region | None = Field(default=None, description="Only partners in this region.")


class AdhocQuery(InputModel, MatchFilters):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "text": (
                        "Hospital or clinic that can host health-science juniors for job "
                        "shadows in patient care, pharmacy or imaging"
                    ),
                    "partner_kinds": ["employer"],
                    "sectors": ["health_sciences"],
                    "skills": ["patient care", "medical imaging"],
                    "region": "Central Valley",
                    "hours": 12,
                    "limit": 10,
                },
                {"text": "Welding instructors for an evening apprenticeship class"},
            ]
        }
    )

    text: Annotated[str, StringConstraints(min_length=1, max_length=5000, pattern=r"\S")] = Field(
        description="What is needed, in words."
    )
    sectors: TagList = []
    skills: TagList = []
    hours: Hours = Field(default=0, description="Hours one partner would give.")
    engagement_type: EngagementType | None = Field(
        default=None,
        description=(
            "What the partner would do. Left out, it is read from the words when they name it "
            '("job shadows", "advisory board"), as are the kinds of partner wanted '
            "(employers unless the words name another) and the sectors; `notes` says what was read."
        ),
    )
    # In a JSON body a flag is true or false, not 0 or "yes" (query strings stay lax).
    include_at_risk: StrictBool = Field(
        default=False, description="Also show partners at critical burnout risk (marked)."
    )


T = TypeVar("T")
TypedText = Annotated[str, StringConstraints(min_length=1, max_length=5000, pattern=r"\S")]


class ReadQuery(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "text": (
                        "paid accounting internship for community college students in the "
                        "High Desert, 2 slots, starting March 2027"
                    )
                }
            ]
        }
    )

    text: TypedText = Field(description="The need as a recruiter would type it.")


class Read(BaseModel, Generic[T]):
    value: T
    words: str = Field(description="The words it was read from (empty: assumed).")


class NeedDraft(BaseModel):
    """The need form filled from the words, for the recruiter to correct and save."""

    title: str
    description: str
    skills: list[str]
    partner_kinds: list[PartnerKind]
    sectors: list[str]
    region: str | None
    engagement_type: EngagementType
    hours_per_partner: float
    slots: int
    starts_on: date | None
    ends_on: date | None


class NeedReadOut(BaseModel):
    engagement_type: Read[EngagementType] | None = Field(description="None: no type named.")
    partner_kinds: list[Read[PartnerKind]] = Field(
        description="The kinds of partner wanted (not who is served)."
    )
    kinds_assumed: bool = Field(description="No kind named: employers assumed.")
    served: list[str] = Field(description="Words that name a kind but say who is served or asks.")
    sectors: list[Read[str]] = Field(description="The field, from the sector vocabulary.")
    region: Read[str] | None
    remote: str | None = Field(description="Words saying the work can be done from anywhere.")
    skills: list[str]
    hours: Read[float] | None
    slots: Read[int] | None
    starts_on: Read[date] | None
    ends_on: Read[date] | None
    said: list[str] = Field(description="What was read, one sentence a field.")
    need: NeedDraft
