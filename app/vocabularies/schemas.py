"""Bodies of the vocabulary routes."""

from pydantic import BaseModel, Field, field_validator

from app.schemas import InputModel, ListQuery, Region, StoredFields, partial
from app.vocabularies.models import EntryStatus, VocabularyKind

# A value is a region's or a sector's: the same bounds as those fields.
Value = Region


def one_space(value: str) -> str:
    return " ".join(value.split())


class EntryCreate(InputModel):
    kind: VocabularyKind
    value: Value
    aliases: list[Value] = Field(default=[], max_length=100)
    status: EntryStatus = EntryStatus.new

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


class VocabularyOut(BaseModel):
    kind: VocabularyKind
    restricted: bool = Field(
        description="Whether values outside the list are refused (RESTRICTED_VOCABULARIES)."
    )
    items: list[EntryOut] = Field(description="Alphabetical.")


class AddValue(InputModel):
    value: Value
    aliases: list[Value] = Field(default=[], max_length=100)


class MergeInto(InputModel):
    into: Value = Field(description="The value that stays; the merged one becomes its alias.")


class Merged(BaseModel):
    merged: str = Field(description="The value merged away (now an alias).")
    entry: EntryOut = Field(description="The value it was merged into.")
    rewritten: dict[str, int] = Field(
        description="Records rewritten to the value merged into, by kind."
    )
