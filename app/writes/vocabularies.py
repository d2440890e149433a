"""A convener's changes to a vocabulary, through the write path: keep a value flagged new, add
one, or merge one into another, which makes it an alias and rewrites every stored record
naming it, in the caller's one transaction."""

from typing import Any

from sqlalchemy import JSON, select
from sqlalchemy.orm import Session

from app.domain import Domain, VocabularyField
from app.errors import NotFound, invalid
from app.repository import json_list_contains
from app.vocabularies import service as vocabularies
from app.vocabularies.domain import VOCABULARY
from app.vocabularies.models import EntryStatus, VocabularyEntry
from app.vocabularies.schemas import EntryCreate, EntryUpdate
from app.writes.registry import DOMAINS
from app.writes.service import WriteService

ENTRIES: WriteService[VocabularyEntry] = WriteService(VOCABULARY)


def entries(session: Session, kind: str) -> list[VocabularyEntry]:
    """The values of a vocabulary, alphabetically."""
    rows = session.scalars(select(VocabularyEntry).where(VocabularyEntry.kind == kind))
    return sorted(rows, key=lambda e: e.value.casefold())


def find(session: Session, kind: str, value: str) -> VocabularyEntry | None:
    """The entry `value` is a spelling of (its value or one of its aliases)."""
    canonical = vocabularies.lookup(session, kind).canonical(value)
    if canonical is None:
        return None
    return session.scalars(
        select(VocabularyEntry).where(
            VocabularyEntry.kind == kind, VocabularyEntry.value == canonical
        )
    ).first()


def _entry(session: Session, kind: str, value: str) -> VocabularyEntry:
    found = find(session, kind, value)
    if found is None:
        near = vocabularies.lookup(session, kind).near(value)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise NotFound(f"{value!r} is not a known {kind}{hint}")
    return found


def add(
    session: Session, kind: str, value: str, aliases: list[str], description: str = "",
    terms: list[str] | None = None,
) -> VocabularyEntry:  # fmt: skip
    """A value a convener adds (kept): how a restricted vocabulary grows."""
    payload = EntryCreate(kind=kind, value=value, aliases=aliases, status=EntryStatus.kept,
                          description=description, terms=terms or [])  # fmt: skip
    return ENTRIES.create(session, payload)


def describe(
    session: Session, kind: str, value: str, description: str | None, terms: list[str] | None
) -> VocabularyEntry:
    """Set what a value covers and the terms that name it (a need typed in words is read with
    them); a field left None is kept as it is."""
    entry = _entry(session, kind, value)
    change = {k: v for k, v in (("description", description), ("terms", terms)) if v is not None}
    return ENTRIES.update(session, entry.id, EntryUpdate.model_validate(change))


def keep(session: Session, kind: str, value: str) -> VocabularyEntry:
    """Mark a value as kept (no longer flagged new)."""
    entry = _entry(session, kind, value)
    return ENTRIES.update(
        session, entry.id, EntryUpdate.model_validate({"status": EntryStatus.kept})
    )


def merge(
    session: Session, kind: str, value: str, into: str
) -> tuple[str, VocabularyEntry, dict[str, int]]:
    """Make `value` (and its aliases) aliases of `into`, and rewrite the records that name it.
    Answers the value merged away, the entry it went into, and records rewritten by kind."""
    source = _entry(session, kind, value)
    target = find(session, kind, into)
    if target is None:
        near = vocabularies.lookup(session, kind).near(into)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise invalid("into", f"{into!r} is not a known {kind}{hint}")
    if target.id == source.id:
        raise invalid("into", f"{source.value!r} cannot be merged into itself")
    merged = source.value
    aliases = list(dict.fromkeys([*target.aliases, merged, *source.aliases]))
    ENTRIES.delete(session, source.id)
    target = ENTRIES.update(session, target.id, EntryUpdate.model_validate({"aliases": aliases}))
    rewritten: dict[str, int] = {}
    for domain in DOMAINS:
        for spec in domain.vocabularies:
            if spec.kind == kind:
                count = _rewrite(session, domain, spec, merged, target.value)
                rewritten[domain.path] = rewritten.get(domain.path, 0) + count
    return merged, target, rewritten


def _rewrite(
    session: Session, domain: Domain[Any], spec: VocabularyField, old: str, new: str
) -> int:
    column = getattr(domain.model, spec.field)
    is_list = isinstance(column.type, JSON)
    where = json_list_contains(session, column, old) if is_list else column == old
    rows = list(session.scalars(select(domain.model).where(where).order_by(domain.model.id)))
    changes: list[dict[str, object]] = [
        {spec.field: [new if v == old else v for v in getattr(r, spec.field)] if is_list else new}
        for r in rows
    ]
    return WriteService(domain).rewrite(session, rows, changes)
