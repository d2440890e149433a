"""Routes: a vocabulary's values, and a convener adding, keeping or merging them."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from app.auth.models import Role
from app.deps import SessionDep, require
from app.vocabularies import service
from app.vocabularies.models import EntryStatus, VocabularyEntry, VocabularyKind
from app.vocabularies.schemas import (
    AddValue,
    Describe,
    EntryOut,
    Merged,
    MergeInto,
    VocabularyOut,
)
from app.writes import vocabularies

router = APIRouter(prefix="/vocabularies", tags=["vocabularies"])
ValuePath = Annotated[
    str, Path(min_length=1, max_length=120, description="A value or any spelling of it.")
]
convener = [Depends(require(Role.convener))]


def _out(entry: VocabularyEntry) -> EntryOut:
    return EntryOut(value=entry.value, aliases=list(entry.aliases), status=entry.status,
                    description=entry.description, terms=list(entry.terms))  # fmt: skip


@router.get(
    "/{kind}",
    response_model=VocabularyOut,
    dependencies=[Depends(require(Role.viewer))],
    name="list_vocabulary",
    summary="List the values of a vocabulary (sector or region)",
)
def list_values(
    kind: VocabularyKind,
    session: SessionDep,
    status: Annotated[
        EntryStatus | None, Query(description="Only values of this status (new: to review).")
    ] = None,
) -> VocabularyOut:
    """The values records may name, with their aliases and whether a convener kept them."""
    rows = [e for e in vocabularies.entries(session, kind) if status in (None, e.status)]
    return VocabularyOut(
        kind=kind,
        restricted=kind.value in service.restricted(session),
        items=[_out(e) for e in rows],
    )


@router.post(
    "/{kind}",
    status_code=201,
    response_model=EntryOut,
    dependencies=convener,
    name="add_vocabulary_value",
    summary="Add a value to a vocabulary (kept)",
)
def add_value(kind: VocabularyKind, body: AddValue, session: SessionDep) -> EntryOut:
    """Add a value, with other spellings of it: how a restricted vocabulary grows."""
    return _out(vocabularies.add(session, kind, body.value, body.aliases, body.description,
                                 body.terms))  # fmt: skip


@router.patch(
    "/{kind}/{value}",
    response_model=EntryOut,
    dependencies=convener,
    name="describe_vocabulary_value",
    summary="Set a value's description and the terms that name it",
)
def describe(kind: VocabularyKind, value: ValuePath, body: Describe, session: SessionDep) -> (
    EntryOut
):  # fmt: skip
    """What a sector or region covers and the words that name it in a need typed in words
    (a region's towns, a sector's programs and jobs)."""
    return _out(vocabularies.describe(session, kind, value, body.description, body.terms))


@router.post(
    "/{kind}/{value}/keep",
    response_model=EntryOut,
    dependencies=convener,
    name="keep_vocabulary_value",
    summary="Keep a value flagged new",
)
def keep(kind: VocabularyKind, value: ValuePath, session: SessionDep) -> EntryOut:
    """Mark a value as kept: it is a real sector or region, not a misspelling."""
    return _out(vocabularies.keep(session, kind, value))


@router.post(
    "/{kind}/{value}/merge",
    response_model=Merged,
    dependencies=convener,
    name="merge_vocabulary_value",
    summary="Merge a value into another, rewriting the records that name it",
)
def merge(kind: VocabularyKind, value: ValuePath, body: MergeInto, session: SessionDep) -> Merged:
    """Make a value an alias of another and rewrite every organization, need and program
    naming it, in one transaction."""
    merged, entry, rewritten = vocabularies.merge(session, kind, value, body.into)
    return Merged(merged=merged, entry=_out(entry), rewritten=rewritten)
