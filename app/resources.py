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
from app.errors import Conflict, FieldError, NotFound, from_validation_error, invalid
from app.models_base import ResourceMixin
from app.schemas import InputModel, ListQuery, ReadModel


@dataclass(frozen=True)
class Reference:
    field: str
    model: type[Base]
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
    # Called after a write with the ids of the organizations it touched (risk transitions).
    on_write: Callable[[Session, Iterable[int]], object] | None = None

    @property
    def has_external_id(self) -> bool:
        return "external_id" in self.create.model_fields


def get_or_404(session: Session, res: Resource, id_: int) -> Any:
    row = repository.get(session, res.model, id_)
    if row is None:
        raise NotFound(f"{res.label} {id_} does not exist")
    return row


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


def create(session: Session, res: Resource, payload: InputModel) -> Any:
    values = payload.model_dump()
    _check_references(session, res, values)
    _check_external_id(session, res, values, None)
    row = res.model(**values)
    session.add(row)
    session.flush()
    _notify(session, res, values.get("organization_id"))
    return row


def _notify(session: Session, res: Resource, *organization_ids: int | None) -> None:
    if res.on_write is not None:
        res.on_write(session, {i for i in organization_ids if i is not None})


def update(session: Session, res: Resource, id_: int, patch: InputModel) -> Any:
    """Apply the fields given; the merged record must still be valid as a whole."""
    row = get_or_404(session, res, id_)
    changes = patch.model_dump(exclude_unset=True)
    merged = {name: getattr(row, name) for name in res.create.model_fields} | changes
    try:
        validated = res.create.model_validate(merged)
    except ValidationError as exc:
        raise from_validation_error(exc) from None
    values = validated.model_dump()
    _check_references(session, res, values)
    _check_external_id(session, res, values, row.id)
    before = getattr(row, "organization_id", None)
    for name in changes:
        setattr(row, name, values[name])
    session.flush()
    _notify(session, res, before, values.get("organization_id"))
    return row


def delete(session: Session, res: Resource, id_: int) -> None:
    row = get_or_404(session, res, id_)
    session.delete(row)
    session.flush()
    _notify(session, res, getattr(row, "organization_id", None))
