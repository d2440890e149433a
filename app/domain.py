"""How a kind of stored record is described to the write path and the generic routes: its
table, its schemas, who may write it, what it points at, its own rules, and which of the
write's consequences apply to it. Each domain package declares its own in `domain.py`."""

from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from app.auth.models import Role
from app.models_base import ResourceMixin
from app.schemas import InputModel, ListQuery, ReadModel

M = TypeVar("M", bound=ResourceMixin)

#: A rule over a record's values as they are about to be stored (references already resolved
#: to ids and known to exist), and the id of the record they replace (None for a new one);
#: raises an `app.errors.AppError` naming the field at fault.
Rule = Callable[[Session, Mapping[str, object], int | None], None]
#: A step that sets fields a record's other values decide, on those values (changed in place)
#: as they are about to be stored, before the domain's rules; with the id of the record they
#: replace (None for a new one).
Settle = Callable[[Session, MutableMapping[str, object], int | None], None]


@dataclass(frozen=True)
class Reference:
    """A field holding the id of another record, which must exist.

    `guards_delete`: a record that others point at this way cannot be deleted while they do
    (unless the caller asks for them to go too), e.g. an organization's history of asks.
    """

    field: str
    model: type[ResourceMixin]
    label: str
    guards_delete: bool = False


@dataclass(frozen=True)
class ExternalRef:
    """A reference that may also be given by the CRM id of the record it points at:
    `organization_external_id` instead of `organization_id`."""

    field: str
    id_field: str
    model: type[ResourceMixin]
    label: str


@dataclass(frozen=True)
class NamedRef:
    """A reference that may also be given by the name of the record it points at, both kept
    on the record: `program` beside `program_id`. A name is matched whatever its case and
    spacing; a name not seen before creates that record through the write path, so clients
    and files that only know names keep working. Reads carry both."""

    field: str
    id_field: str
    model: type[ResourceMixin]
    label: str
    name_column: str = "name"


@dataclass(frozen=True)
class VocabularyField:
    """A field whose values come from a managed vocabulary (`sector`, `region`): every write
    stores them in the vocabulary's canonical form (a list field item by item)."""

    field: str
    kind: str


@dataclass(frozen=True)
class Summaries:
    """The one-line summary of each generic route, written for the record's own name (they
    title the operations in the API document and its generated clients)."""

    create: str
    list: str
    get: str
    update: str
    delete: str
    get_by_external_id: str = ""
    upsert: str = ""


@dataclass(frozen=True)
class Domain(Generic[M]):
    """Everything the write path and the generic routes know about one kind of record.

    `ranked`: rankings read these records, so a write stamps the index change log.
    `moves_risk`: these records are part of a partner's load, so a write re-assesses the
    burnout risk of the organizations it touched.
    `takes_slots`: a write may fill its need (or open it again).
    """

    path: str
    label: str
    model: type[M]
    create: type[InputModel]
    update: type[InputModel]
    read: type[ReadModel]
    query: type[ListQuery]
    summaries: Summaries
    write_role: Role = Role.convener
    delete_role: Role = Role.convener
    references: tuple[Reference, ...] = ()
    external_refs: tuple[ExternalRef, ...] = ()
    named_refs: tuple[NamedRef, ...] = ()
    vocabularies: tuple[VocabularyField, ...] = ()
    settles: tuple[Settle, ...] = ()
    rules: tuple[Rule, ...] = ()
    #: The column holding the organization (partner) a record belongs to ("id" for the
    #: organizations themselves); None for records of no one organization (needs).
    organization_column: str | None = "organization_id"
    ranked: bool = False
    moves_risk: bool = False
    #: These records take one of their need's slots when accepted or completed (asks).
    takes_slots: bool = False

    @property
    def has_external_id(self) -> bool:
        return "external_id" in self.create.model_fields

    @property
    def fields(self) -> list[str]:
        """The stored fields a client writes (references by CRM id resolved away)."""
        given_by_xid = {ref.field for ref in self.external_refs}
        return [name for name in self.create.model_fields if name not in given_by_xid]

    def organization_of(self, row: M) -> int | None:
        """The organization (partner) a record belongs to, or is."""
        if self.organization_column is None:
            return None
        value = getattr(row, self.organization_column)
        return value if isinstance(value, int) else None


class Action(StrEnum):
    created = "created"
    updated = "updated"
    deleted = "deleted"


@dataclass(frozen=True)
class Written(Generic[M]):
    """One record a write created, changed or deleted; `before` holds the old values of the
    fields an update changed (empty for a create or a delete)."""

    action: Action
    row: M
    before: Mapping[str, object] = field(default_factory=dict)

    def moved(self, name: str) -> bool:
        """Whether this write set the field `name` (created with it, or changed it)."""
        return self.action is Action.created or name in self.before
