"""Vocabulary entry table: one canonical value of a kind, with the spellings merged into it."""

from enum import StrEnum

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models_base import ResourceMixin
from app.types import JsonList, str_enum


class VocabularyKind(StrEnum):
    sector = "sector"
    region = "region"


class EntryStatus(StrEnum):
    kept = "kept"  # a convener kept it (or it was in use before vocabularies existed)
    new = "new"  # first written by a record; waits for a convener to keep or merge it


class VocabularyEntry(ResourceMixin, Base):
    __tablename__ = "vocabulary_entries"
    __table_args__ = (UniqueConstraint("kind", "value"),)

    kind: Mapped[VocabularyKind] = mapped_column(str_enum(VocabularyKind, "vocabulary_kind"))
    value: Mapped[str] = mapped_column(String(120))
    # Other spellings that mean this value (values merged into it): written as this value.
    aliases: Mapped[list[str]] = mapped_column(JsonList, default=list)
    status: Mapped[EntryStatus] = mapped_column(
        str_enum(EntryStatus, "entry_status"), default=EntryStatus.new
    )
    # What the value covers, in a few words ("veterinary and animal care"), and the terms that
    # name it in a need typed in words (a region's: its towns); conveners edit both.
    description: Mapped[str] = mapped_column(String(500), default="")
    terms: Mapped[list[str]] = mapped_column(JsonList, default=list)
