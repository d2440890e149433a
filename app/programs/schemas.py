"""Request and response bodies for programs, and their goals."""

from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, field_validator

from app.schemas import (
    FIRST_YEAR,
    LAST_YEAR,
    Count,
    ExternalId,
    Id,
    InputModel,
    ListQuery,
    Name,
    Ref,
    Region,
    StoredFields,
    partial,
)
from matching.types import EngagementType

MAX_STUDENTS = 1_000_000
MAX_YEARS = 20

Students = Annotated[int, Field(strict=True, ge=0, le=MAX_STUDENTS)]
Year = Annotated[str, StringConstraints(pattern=r"^\d{4}$")]


class Goal(InputModel):
    """What a program means to reach with one engagement type in one year."""

    count: Count = Field(default=0, description="Engagements of this type to reach (0-1000).")
    students: Students = Field(default=0, description="Students they should serve.")


# year ("2027") -> engagement type -> goal. Years are strings because JSON keys are.
Goals = Annotated[dict[Year, dict[EngagementType, Goal]], Field(max_length=MAX_YEARS)]


class ProgramCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "external_id": "a0PDn00000Hc1Prg",
                    "name": "Central Valley Health Careers Pathway",
                    "organization_id": 7,
                    "region": "Central Valley",
                    "goals": {
                        "2027": {
                            "job_shadow": {"count": 12, "students": 48},
                            "internship_host": {"count": 4, "students": 8},
                        }
                    },
                }
            ]
        }
    )

    external_id: ExternalId | None = None
    name: Name = Field(description="Unique, whatever its case.")
    organization_id: Ref | None = Field(
        default=None,
        description="The school, college or agency running it; never recommended to it.",
    )
    region: Region | None = Field(default=None, description="Empty means statewide.")
    goals: Goals = Field(
        default={},
        description=(
            'Per school year ("2027"), per engagement type: how many engagements to reach '
            "and how many students they serve (each 0 or more)."
        ),
    )

    @field_validator("name")
    @classmethod
    def _one_space(cls, name: str) -> str:
        return " ".join(name.split())

    @field_validator("goals")
    @classmethod
    def _years_in_range(cls, goals: dict[str, object]) -> dict[str, object]:
        for year in goals:
            if not FIRST_YEAR <= int(year) <= LAST_YEAR:
                raise ValueError(f"year {year} must be between {FIRST_YEAR} and {LAST_YEAR}")
        return goals


ProgramUpdate = partial(ProgramCreate, "ProgramUpdate")


class ProgramRead(StoredFields, ProgramCreate):
    # The create example lacks the stored fields: it would mislead as an answer.
    model_config = ConfigDict(json_schema_extra=None)


class ProgramQuery(ListQuery):
    organization_id: Id | None = None
    region: Region | None = None
    external_id: ExternalId | None = None
