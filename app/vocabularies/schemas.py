"""Bodies of the vocabulary routes."""

from typing import Annotated

from pydantic import BaseModel, Field, field_validator

from app.schemas import InputModel, ListQuery, Region, StoredFields, Summary, Tag, partial
from app.vocabularies.models import EntryStatus, VocabularyKind

# A value is a region's or a sector's: the same bounds as those fields.
Value = Region


def one_space(value: str) -> str:
    return " ".join(value.split())


# NUL-free like every text field (PostgreSQL refuses it in text and in JSON).
Description = Summary
Terms = Annotated[list[Tag], Field(max_length=300)]


class EntryCreate(InputModel):
    kind: VocabularyKind
    value: Value
    aliases: list[Value] = Field(default=[], max_length=100)
    status: EntryStatus = EntryStatus.new
    description: Description = ""
    terms: Terms = []

    _spaced = field_validator("value")(one_space)


EntryUpdate = partial(EntryCreate, "EntryUpdate")


class EntryRead(StoredFields, EntryCreate):
    pass


class EntryQuery(ListQuery):
    kind: VocabularyKind | None = None
    status: EntryStatus | None = None


class EntryOut(BaseModel):
    value: str
    aliases: list[str] = Field(description="Other spellings, written as `value`.")
    status: EntryStatus = Field(description="new: first seen on a record; a convener may keep it.")
    description: str = Field(default="", description="What the value covers, in a few words.")
    terms: list[str] = Field(
        default=[],
        description=(
            "Words and phrases that name it in a need typed in words (a region's: its towns). "
            "A leading `~` marks a weak term, `=` one matched in its case only."
        ),
    )


class VocabularyOut(BaseModel):
    kind: VocabularyKind
    restricted: bool = Field(
        description="Whether values outside the list are refused (RESTRICTED_VOCABULARIES)."
    )
    items: list[EntryOut] = Field(description="Alphabetical.")


class AddValue(InputModel):
    value: Value
    aliases: list[Value] = Field(default=[], max_length=100)
    description: Description = ""
    terms: Terms = []


class Describe(InputModel):
    description: Description | None = Field(default=None, description="None: unchanged.")
    terms: Terms | None = Field(default=None, description="None: unchanged; [] clears them.")


class MergeInto(InputModel):
    into: Value = Field(description="The value that stays; the merged one becomes its alias.")


class Merged(BaseModel):
    merged: str = Field(description="The value merged away (now an alias).")
    entry: EntryOut = Field(description="The value it was merged into.")
    rewritten: dict[str, int] = Field(
        description="Records rewritten to the value merged into, by kind."
    )
