"""Vocabulary entry table: one canonical value of a kind, with the spellings merged into it."""

from enum import StrEnum

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, validates

from app.db import Base
from app.models_base import ResourceMixin
from app.types import JsonList, str_enum


def key(value: str) -> str:
    """What two spellings of one value share: lower case, `_` and `-` as spaces, one space."""
    return " ".join(value.replace("_", " ").replace("-", " ").split()).casefold()


def _spelling_of_value(context: DefaultExecutionContext) -> str:
    return key(str(context.get_current_parameters()["value"]))  # type: ignore[no-untyped-call]


class VocabularyKind(StrEnum):
    sector = "sector"
    region = "region"


class EntryStatus(StrEnum):
    kept = "kept"  # a convener kept it (or it was in use before vocabularies existed)
    new = "new"  # first written by a record; waits for a convener to keep or merge it


class VocabularyEntry(ResourceMixin, Base):
    __tablename__ = "vocabulary_entries"
    # One entry per spelling of a value, not only per exact value: two records naming a new
    # value at once as "Salt Flats" and "salt-flats" make one entry (the second insert meets
    # this key and reads the first).
    __table_args__ = (
        UniqueConstraint("kind", "spelling", name="uq_vocabulary_entries_kind_spelling"),
    )

    kind: Mapped[VocabularyKind] = mapped_column(str_enum(VocabularyKind, "vocabulary_kind"))
    value: Mapped[str] = mapped_column(String(120))
    # `key(value)`, kept by the model (set with the value, and by inserts that bypass it).
    spelling: Mapped[str] = mapped_column(String(120), default=_spelling_of_value)
    # Other spellings that mean this value (values merged into it): written as this value.
    aliases: Mapped[list[str]] = mapped_column(JsonList, default=list)
    status: Mapped[EntryStatus] = mapped_column(
        str_enum(EntryStatus, "entry_status"), default=EntryStatus.new
    )
    # What the value covers, in a few words ("veterinary and animal care"), and the terms that
    # name it in a need typed in words (a region's: its towns); conveners edit both.
    description: Mapped[str] = mapped_column(String(500), default="")
    terms: Mapped[list[str]] = mapped_column(JsonList, default=list)

    @validates("value")
    def _keep_spelling(self, _: str, value: str) -> str:
        self.spelling = key(value)
        return value
