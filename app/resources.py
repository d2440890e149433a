"""Create, update and delete for any stored resource, with the checks every write needs:
references that exist, a contact that belongs to the organization named, unique external ids,
and the merged record after a PATCH validated as a whole."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from app import repository
from app.auth.models import Role
from app.db import Base
from app.errors import (
    Conflict,
    FieldError,
    NotFound,
    PreconditionFailed,
    from_validation_error,
    invalid,
)
from app.models_base import ResourceMixin
from app.schemas import InputModel, ListQuery, ReadModel


@dataclass(frozen=True)
class Reference:
    field: str
    model: type[Base]
    label: str


@dataclass(frozen=True)
class ExternalRef:
    """A reference that may also be given by the CRM id of the record it points at:
    `organization_external_id` instead of `organization_id`."""

    field: str
    id_field: str
    model: type[ResourceMixin]
    label: str


@dataclass(frozen=True)
class Resource:
    """Everything the generic routes need to know about one kind of record."""

    path: str
    label: str
    model: type[ResourceMixin]
    create: type[InputModel]
    update: type[InputModel]
    read: type[ReadModel]
    query: type[ListQuery]
    write_role: Role = Role.convener
    delete_role: Role = Role.convener
    references: tuple[Reference, ...] = ()
    external_refs: tuple[ExternalRef, ...] = ()
    # Called after a write with the ids of the organizations it touched (risk transitions).
    on_write: Callable[[Session, Iterable[int]], object] | None = None

    @property
    def has_external_id(self) -> bool:
        return "external_id" in self.create.model_fields

    @property
    def fields(self) -> list[str]:
        """The stored fields a client writes (references by CRM id resolved away)."""
        given_by_xid = {ref.field for ref in self.external_refs}
        return [name for name in self.create.model_fields if name not in given_by_xid]


def etag(row: ResourceMixin) -> str:
    """A strong entity tag from the record's version column."""
    return f'"{row.version}"'


def _tags(header: str) -> set[str]:
    return {tag.strip() for tag in header.split(",") if tag.strip()}


def check_preconditions(
    row: ResourceMixin | None, if_match: str | None, if_none_match: str | None = None
) -> None:
    """RFC 9110 conditional writes: If-Match must name the current version (or be `*` for a
    record that exists); If-None-Match `*` asks that no record exists yet."""
    if if_match is not None:
        tags = _tags(if_match)
        if row is None:
            raise PreconditionFailed("If-Match was given but the record does not exist")
        if "*" not in tags and etag(row) not in tags:
            raise PreconditionFailed(
                f"If-Match {if_match} is not the current version {etag(row)}: "
                "the record has changed since it was read; read it again and retry"
            )
    if if_none_match is not None and row is not None:
        tags = _tags(if_none_match)
        if "*" in tags or etag(row) in tags:
            raise PreconditionFailed(f"the record exists (ETag {etag(row)}) and If-None-Match")


def get_or_404(session: Session, res: Resource, id_: int) -> Any:
    row = repository.get(session, res.model, id_)
    if row is None:
        raise NotFound(f"{res.label} {id_} does not exist")
    return row


def _resolve_external_refs(session: Session, res: Resource, values: dict[str, Any]) -> None:
    """Turn `organization_external_id` into `organization_id` (in place); one of them is
    required, and when both are given they must name the same record."""
    for ref in res.external_refs:
        external_id = values.pop(ref.field, None)
        given = values.get(ref.id_field)
        if external_id is not None:
            row = repository.first_by(session, ref.model, external_id=external_id)
            if row is None:
                raise invalid(ref.field, f"no {ref.label} has external_id {external_id!r}")
            if given is not None and given != row.id:
                raise invalid(
                    ref.field,
                    f"names {ref.label} {row.id}, but {ref.id_field} is {given}; give one of them",
                )
            values[ref.id_field] = row.id
        elif given is None:
            raise invalid(ref.id_field, f"required: give {ref.id_field} or {ref.field}")


def _check_references(session: Session, res: Resource, values: dict[str, Any]) -> None:
    found: dict[str, Any] = {}
    for ref in res.references:
        ref_id = values.get(ref.field)
        if ref_id is None:
            continue
        row = repository.get(session, ref.model, ref_id)
        if row is None:
            raise invalid(ref.field, f"{ref.label} {ref_id} does not exist")
        found[ref.field] = row
    contact, org_id = found.get("contact_id"), values.get("organization_id")
    if contact is not None and org_id is not None and contact.organization_id != org_id:
        raise invalid(
            "contact_id",
            f"contact {contact.id} belongs to organization {contact.organization_id}, not {org_id}",
        )


def _check_external_id(
    session: Session, res: Resource, values: dict[str, Any], own: int | None
) -> None:
    external_id = values.get("external_id")
    if not res.has_external_id or external_id is None:
        return
    other = repository.first_by(session, res.model, external_id=external_id)
    if other is not None and other.id != own:
        raise Conflict(
            f"external_id {external_id!r} is already used by {res.label} {other.id}",
            errors=[FieldError(field="external_id", location="body", message="already in use")],
        )


def checked(
    session: Session,
    res: Resource,
    values: dict[str, Any],
    own: int | None,
    *,
    external_id_known_free: bool = False,
) -> None:
    """Resolve references given by CRM id (in place) and check every reference and the
    uniqueness of the external id (unless the caller has just looked it up itself)."""
    _resolve_external_refs(session, res, values)
    _check_references(session, res, values)
    if not external_id_known_free:
        _check_external_id(session, res, values, own)


def notify(session: Session, res: Resource, *organization_ids: int | None) -> None:
    """Tell the resource's write hook which organizations a write touched."""
    if res.on_write is not None:
        res.on_write(session, {i for i in organization_ids if i is not None})


def _insert(session: Session, res: Resource, values: dict[str, Any]) -> Any:
    checked(session, res, values, None)
    row = res.model(**values)
    session.add(row)
    session.flush()
    notify(session, res, values.get("organization_id"))
    return row


def create(session: Session, res: Resource, payload: InputModel) -> Any:
    return _insert(session, res, payload.model_dump())


def _validated(res: Resource, merged: dict[str, Any]) -> dict[str, Any]:
    try:
        return res.create.model_validate(merged).model_dump()
    except ValidationError as exc:
        raise from_validation_error(exc) from None


def update(
    session: Session, res: Resource, id_: int, patch: InputModel, if_match: str | None = None
) -> Any:
    """Apply the fields given; the merged record must still be valid as a whole."""
    row = get_or_404(session, res, id_)
    check_preconditions(row, if_match)
    changes = patch.model_dump(exclude_unset=True)
    merged = {name: getattr(row, name) for name in res.create.model_fields} | changes
    changed = set(changes)
    for ref in res.external_refs:
        # Whichever of the pair the patch gives replaces the stored reference.
        if ref.field in changes and ref.id_field not in changes:
            merged[ref.id_field] = None
        elif ref.field not in changes:
            merged[ref.field] = None
        if ref.field in changed:
            changed = (changed - {ref.field}) | {ref.id_field}
    values = _validated(res, merged)
    checked(session, res, values, row.id)
    before = getattr(row, "organization_id", None)
    for name in changed:
        setattr(row, name, values[name])
    session.flush()
    notify(session, res, before, values.get("organization_id"))
    return row


def get_by_external_id_or_404(session: Session, res: Resource, external_id: str) -> Any:
    row = repository.first_by(session, res.model, external_id=external_id)
    if row is None:
        raise NotFound(f"no {res.label} has external_id {external_id!r}")
    return row


def upsert(
    session: Session,
    res: Resource,
    external_id: str,
    payload: InputModel,
    if_match: str | None = None,
    if_none_match: str | None = None,
) -> tuple[Any, bool]:
    """Create the record with this CRM id, or replace every field of the one that has it
    (fields left out take their defaults). Answers (record, created)."""
    values = payload.model_dump()
    if values.get("external_id") not in (None, external_id):
        raise invalid("external_id", "must be left out or equal the external_id in the path")
    values["external_id"] = external_id
    row = repository.first_by(session, res.model, external_id=external_id)
    check_preconditions(row, if_match, if_none_match)
    if row is None:
        return _insert(session, res, values), True
    checked(session, res, values, row.id)
    before = getattr(row, "organization_id", None)
    for name in res.fields:
        setattr(row, name, values[name])
    session.flush()
    notify(session, res, before, values.get("organization_id"))
    return row, False


def delete(session: Session, res: Resource, id_: int, if_match: str | None = None) -> None:
    row = get_or_404(session, res, id_)
    check_preconditions(row, if_match)
    session.delete(row)
    session.flush()
    notify(session, res, getattr(row, "organization_id", None))
