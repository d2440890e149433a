"""Vocabulary entries as the write path sees them: written when a record brings a value never
seen, and by conveners keeping or merging values. Two entries of a kind never share a
spelling."""

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import Domain, Summaries
from app.errors import Conflict, FieldError
from app.vocabularies import schemas
from app.vocabularies.models import VocabularyEntry, key


def one_entry_per_spelling(session: Session, values: Mapping[str, object], own: int | None) -> None:
    """A value or alias written the same way as another entry's would make one spelling mean
    two values."""
    value, aliases = values.get("value"), values.get("aliases") or []
    spellings = {key(s) for s in (value, *aliases) if isinstance(s, str)}  # type: ignore[misc]
    rows = session.execute(
        select(VocabularyEntry.id, VocabularyEntry.value, VocabularyEntry.aliases).where(
            VocabularyEntry.kind == values.get("kind"), VocabularyEntry.id != (own or 0)
        )
    )
    for _, other, other_aliases in rows:
        if spellings & {key(s) for s in (other, *(other_aliases or []))}:
            message = f"{value!r} is already written as {other!r} in this vocabulary"
            raise Conflict(
                message, errors=[FieldError(field="value", location="body", message=message)]
            )


VOCABULARY = Domain(
    path="vocabularies",
    label="vocabulary entry",
    model=VocabularyEntry,
    create=schemas.EntryCreate,
    update=schemas.EntryUpdate,
    read=schemas.EntryRead,
    query=schemas.EntryQuery,
    summaries=Summaries(
        create="Add a vocabulary value",
        list="List vocabulary values",
        get="Get a vocabulary value",
        update="Change a vocabulary value",
        delete="Delete a vocabulary value",
    ),
    rules=(one_entry_per_spelling,),
    organization_column=None,
)
