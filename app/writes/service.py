"""Create, update, upsert and delete for every kind of record, with the checks every write needs
(references that exist, a CRM id used once, the domain's own rules, conditional headers) and
nothing written for a change that changes nothing. Each write ends by calling `after_write`,
in the same transaction, for its consequences; the caller's session commits or rolls back."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Generic, TypeVar

from pydantic import ValidationError
from sqlalchemy import delete as sql_delete
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.domain import Action, Domain, NamedRef, Reference, Written
from app.errors import (
    AppError,
    Conflict,
    FieldError,
    NotFound,
    PreconditionFailed,
    from_validation_error,
    invalid,
)
from app.models_base import ResourceMixin
from app.schemas import InputModel
from app.vocabularies import service as vocabularies
from app.vocabularies.domain import VOCABULARY
from app.vocabularies.models import EntryStatus, VocabularyEntry
from app.vocabularies.schemas import EntryCreate
from app.writes.after_write import after_write
from app.writes.registry import DOMAINS

M = TypeVar("M", bound=ResourceMixin)

Values = dict[str, object]


class Change(StrEnum):
    created = "created"
    updated = "updated"
    unchanged = "unchanged"


@dataclass(frozen=True)
class Incoming:
    """One record of a batch (an import): its values as the create schema gave them, and the
    id of the record it updates when it has no CRM id."""

    values: Mapping[str, object]
    id: int | None = None


@dataclass(frozen=True)
class Upserted(Generic[M]):
    outcome: Change
    row: M


@dataclass
class Owed:
    """What a record about to be written brings that does not exist yet: vocabulary values
    never seen, and records named by a name never seen (a new program). Made only once the
    record has passed every check, so a refused record leaves nothing behind."""

    values: list[tuple[str, str]]
    names: list[NamedRef]


def etag(row: ResourceMixin) -> str:
    """A strong entity tag from the record's version column."""
    return f'"{row.version}"'


def _tags(header: str) -> set[str]:
    """The entity tags of an If-Match / If-None-Match list, as `"3"`: a weak `W/"3"` names
    the same version here, and an unquoted `3` is read as a client meant it."""
    tags = set()
    for tag in header.split(","):
        tag = tag.strip().removeprefix("W/")
        if tag and tag != "*" and not (tag.startswith('"') and tag.endswith('"')):
            tag = f'"{tag.strip(chr(34))}"'
        if tag:
            tags.add(tag)
    return tags


def _name_key(name: str) -> str:
    """How a name is matched: whatever its case and spacing (SQL lower() on the other side)."""
    return " ".join(name.split()).lower()


def _named(session: Session, ref: NamedRef, name: str) -> ResourceMixin | None:
    """The record `ref` names `name` (whatever its case and spacing), the first stored."""
    column = getattr(ref.model, ref.name_column)
    found: ResourceMixin | None = session.scalars(
        select(ref.model).where(func.lower(column) == _name_key(name)).order_by(ref.model.id)
        .limit(1)
    ).first()  # fmt: skip
    return found


def _entry_of(session: Session, kind: str, value: str) -> VocabularyEntry | None:
    """The entry `value` is a spelling of, read afresh (another transaction may have stored
    it since this one cached the vocabulary)."""
    vocabularies.forget(session)
    canonical = vocabularies.lookup(session, kind).canonical(value)
    if canonical is None:
        return None
    return session.scalars(
        select(VocabularyEntry).where(VocabularyEntry.kind == kind,
                                      VocabularyEntry.value == canonical)
    ).first()  # fmt: skip


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
            raise PreconditionFailed(
                f"the record exists (ETag {etag(row)}) and If-None-Match {if_none_match} asks "
                "that it does not; read it, then send If-Match to change it"
            )


class WriteService(Generic[M]):
    """The only code that writes records of `domain`."""

    def __init__(self, domain: Domain[M]) -> None:
        self.domain = domain

    # ------------------------------------------------------------------------- reads

    def get(self, session: Session, id_: int) -> M:
        row = session.get(self.domain.model, id_)
        if row is None:
            raise NotFound(f"{self.domain.label} {id_} does not exist")
        return row

    def find_by_external_id(self, session: Session, external_id: str) -> M | None:
        model = self.domain.model
        column = getattr(model, "external_id")  # noqa: B009 - callers check has_external_id
        return session.scalars(select(model).where(column == external_id).limit(1)).first()

    def get_by_external_id(self, session: Session, external_id: str) -> M:
        row = self.find_by_external_id(session, external_id)
        if row is None:
            raise NotFound(f"no {self.domain.label} has external_id {external_id!r}")
        return row

    # ------------------------------------------------------------------------- writes

    def create(self, session: Session, payload: InputModel) -> M:
        """Store a new record."""
        return self.create_many(session, [payload])[0]

    def create_many(self, session: Session, payloads: Sequence[InputModel]) -> list[M]:
        """Store new records, with one `after_write` for all of them (the demo loader)."""
        rows = [self._insert(session, payload.model_dump()) for payload in payloads]
        self._after(session, [Written(Action.created, row) for row in rows])
        return rows

    def ensure(
        self, session: Session, payload: InputModel, existing: Callable[[Session], M | None]
    ) -> M:
        """The record `existing` finds, or `payload` stored when there is none, race-free: a
        concurrent request storing the same record first (a unique key, as two requests naming
        one new program at once) is read back, not a conflict. The insert does nothing on
        conflict; then the record stored first is read. Only a record this call stored has
        `after_write` (its events)."""
        found = existing(session)
        if found is not None:
            return found
        values = payload.model_dump()
        try:
            self._check(session, values, None)
        except AppError:
            found = existing(session)  # a rule saw the record stored meanwhile
            if found is not None:
                return found
            raise
        row = self._insert_or_nothing(session, values)
        if row is None:
            found = existing(session)
            if found is None:  # pragma: no cover - a conflict leaves the winner readable
                raise Conflict(f"a {self.domain.label} was stored meanwhile; retry")
            return found
        self._after(session, [Written(Action.created, row)])
        return row

    def _insert_or_nothing(self, session: Session, values: Values) -> M | None:
        """INSERT ... ON CONFLICT DO NOTHING (PostgreSQL and SQLite): the new row, or None
        when a unique key was taken, by another transaction too (PostgreSQL waits for it to
        end; SQLite's single writer has ended it)."""
        model = self.domain.model
        dialect = session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        statement = (
            insert(model)
            .values(**{name: values[name] for name in self.domain.fields})
            .on_conflict_do_nothing()
            .returning(model.id)
        )
        new_id = session.execute(statement).scalar_one_or_none()
        return None if new_id is None else session.get(model, new_id)

    def update(
        self, session: Session, id_: int, patch: InputModel, *, if_match: str | None = None
    ) -> M:
        """Apply the fields given; the merged record must still be valid as a whole."""
        row = self.get(session, id_)
        check_preconditions(row, if_match)
        res = self.domain
        changes = patch.model_dump(exclude_unset=True)
        merged = {name: getattr(row, name) for name in res.create.model_fields} | changes
        for ref in res.external_refs:
            # Whichever of the pair the patch gives replaces the stored reference.
            if ref.field in changes and ref.id_field not in changes:
                merged[ref.id_field] = None
            elif ref.field not in changes:
                merged[ref.field] = None
        for named in res.named_refs:
            # A new name or a new id: the other of the pair follows it.
            if named.field in changes and named.id_field not in changes:
                merged[named.id_field] = None
            elif named.id_field in changes and named.field not in changes:
                merged[named.field] = None
        values = self._validated(merged)
        self._check(session, values, row.id, stored=row)
        before = self._apply(row, values)
        if before:
            self._flush_checked(session, row, before, if_match)
        self._after(session, [Written(Action.updated, row, before)] if before else [])
        return row

    def upsert(
        self,
        session: Session,
        external_id: str,
        payload: InputModel,
        *,
        if_match: str | None = None,
        if_none_match: str | None = None,
    ) -> Upserted[M]:
        """Create the record with this CRM id, or replace every field of the one that has it
        (fields left out take their defaults); a replacement equal to what is stored writes
        nothing and keeps its version."""
        values = payload.model_dump()
        if values.get("external_id") not in (None, external_id):
            raise invalid("external_id", "must be left out or equal the external_id in the path")
        values["external_id"] = external_id
        row = self.find_by_external_id(session, external_id)
        check_preconditions(row, if_match, if_none_match)
        self._check(session, values, row.id if row else None, stored=row)
        done, written = self._write(session, values, row)
        if row is not None and written:
            self._flush_checked(session, row, written[0].before, if_match)
        self._after(session, written)
        return done

    def upsert_many(
        self, session: Session, items: Sequence[Incoming]
    ) -> list[Upserted[M] | AppError]:
        """Write a batch (an import): each item is upserted by its CRM id, or updates the
        record of its id, or is created. Answers, item by item, what was done or why it was
        refused; the good items are written with one `after_write` for the batch."""
        by_xid = self._existing_by_external_id(session, items)
        by_id = self._existing_by_id(session, items)
        results: list[Upserted[M] | AppError] = []
        written: list[Written[M]] = []
        for item in items:
            values = dict(item.values)
            xid = values.get("external_id")
            row = by_xid.get(xid) if isinstance(xid, str) else None
            if row is None and xid is None and item.id is not None:
                row = by_id.get(item.id)
                if row is None:
                    results.append(
                        invalid(
                            "id",
                            f"no {self.domain.label} {item.id}; leave id empty to create a record",
                        )
                    )
                    continue
            try:
                # The batch looked the CRM ids up itself: a row found is the one it names.
                self._check(session, values, row.id if row else None,
                            xid_known=xid is not None, stored=row)  # fmt: skip
            except AppError as exc:
                results.append(exc)
                continue
            done, change = self._write(session, values, row)
            results.append(done)
            written += change
        session.flush()
        self._after(session, written)
        return results

    def rewrite(
        self, session: Session, rows: Sequence[M], changes: Sequence[Mapping[str, object]]
    ) -> int:
        """Set fields of stored records (a program's new name on its needs, a merged
        vocabulary value), checked as any write and with one `after_write` for all of them;
        raises the first refusal. Answers how many records changed."""
        written: list[Written[M]] = []
        for row, change in zip(rows, changes, strict=True):
            values = {name: getattr(row, name, None) for name in self.domain.create.model_fields}
            for ref in self.domain.external_refs:
                values[ref.field] = None  # the stored id says it
            values = self._validated(values | dict(change))
            # The record is the one found by its id: its CRM id, if any, is its own.
            self._check(session, values, row.id, xid_known=True, stored=row)
            written += self._write(session, values, row)[1]
        session.flush()
        self._after(session, written)
        return len(written)

    def delete(
        self,
        session: Session,
        id_: int,
        *,
        if_match: str | None = None,
        cascade: bool = False,
    ) -> None:
        """Delete a record. Records of other kinds that guard it (an organization's asks, its
        load history) keep it (409) unless `cascade` says they go too."""
        row = self.get(session, id_)
        check_preconditions(row, if_match)
        for domain, reference in self._guards():
            column = getattr(domain.model, reference.field)
            count = session.scalar(select(func.count()).where(column == row.id)) or 0
            if count and not cascade:
                raise Conflict(
                    f"{self.domain.label} {row.id} has {count} {domain.label}(s); "
                    "delete with ?cascade=true to remove them too"
                )
            if count:
                session.execute(sql_delete(domain.model).where(column == row.id))
        session.delete(row)
        session.flush()
        self._after(session, [Written(Action.deleted, row)])

    # ------------------------------------------------------------------------- helpers

    def _after(self, session: Session, written: Sequence[Written[M]]) -> None:
        """The write's consequences, then its name on the records that carry it: a program
        renamed is renamed on its needs and asks (writes of theirs, with their own)."""
        after_write(session, self.domain, written)
        if self.domain is VOCABULARY and written:
            vocabularies.forget(session)
        renamed = {
            w.row.id: w.row for w in written if w.action is Action.updated and "name" in w.before
        }
        if not renamed:
            return
        for domain, ref in self._named_by():
            column = getattr(domain.model, ref.id_field)
            rows = list(
                session.scalars(
                    select(domain.model).where(column.in_(renamed)).order_by(domain.model.id)
                )
            )
            new_names = [
                {ref.field: getattr(renamed[getattr(r, ref.id_field)], ref.name_column)}
                for r in rows
            ]
            WriteService(domain).rewrite(session, rows, new_names)

    def _named_by(self) -> list[tuple[Domain[ResourceMixin], NamedRef]]:
        return [
            (domain, ref)
            for domain in DOMAINS
            for ref in domain.named_refs
            if ref.model is self.domain.model
        ]

    def _guards(self) -> list[tuple[Domain[ResourceMixin], Reference]]:
        return [
            (domain, ref)
            for domain in DOMAINS
            for ref in domain.references
            if ref.guards_delete and ref.model is self.domain.model
        ]

    def _write(
        self, session: Session, values: Values, row: M | None
    ) -> tuple[Upserted[M], list[Written[M]]]:
        """Create the record, or set the fields that differ on `row` (checked already);
        answers what was done and what `after_write` is owed (nothing for a no-op)."""
        if row is None:
            row = self._add(session, values)
            return Upserted(Change.created, row), [Written(Action.created, row)]
        before = self._apply(row, values)
        if not before:
            return Upserted(Change.unchanged, row), []
        return Upserted(Change.updated, row), [Written(Action.updated, row, before)]

    def _insert(self, session: Session, values: Values) -> M:
        self._check(session, values, None)
        row = self._add(session, values)
        session.flush()
        return row

    def _add(self, session: Session, values: Values) -> M:
        row = self.domain.model(**{name: values[name] for name in self.domain.fields})
        session.add(row)
        return row

    def _flush_checked(
        self, session: Session, row: M, before: Mapping[str, object], if_match: str | None
    ) -> None:
        """Write the change to `row` now. When another request changed the record after this
        one read it (its version moved on), a 409 names the fields it changed and the version
        stored now, instead of a bare "changed by another request" (412 when the request
        named the version it read: If-Match)."""
        # What this request read, taken before the flush: a failed flush expires the row.
        read = {name: before.get(name, getattr(row, name)) for name in self.domain.fields}
        id_ = row.id
        try:
            session.flush()
        except StaleDataError:
            if if_match is not None:
                raise PreconditionFailed(
                    "the record changed while this request was writing it"
                ) from None
            raise self._clash(session, id_, read) from None

    def _clash(self, session: Session, id_: int, read: Mapping[str, object]) -> AppError:
        label = f"{self.domain.label} {id_}"
        version, changed = None, []
        try:  # this transaction failed: read what is stored now on a session of its own
            with Session(session.get_bind()) as fresh:
                now = fresh.get(self.domain.model, id_)
                if now is not None:
                    version = now.version
                    changed = [n for n in self.domain.fields if getattr(now, n) != read[n]]
        except SQLAlchemyError:
            pass
        if version is None:
            return Conflict(f"{label} was changed or deleted by another request meanwhile; "
                            "read it again and retry")  # fmt: skip
        what = ", ".join(changed) if changed else "only its version"
        message = (f"{label} was changed by another request after this one read it (now "
                   f"version {version}; changed: {what}); read it again and retry")  # fmt: skip
        return Conflict(message, errors=[FieldError(field=f, location="body", message=message)
                                         for f in changed or ["version"]])  # fmt: skip

    def _apply(self, row: M, values: Values) -> dict[str, object]:
        """Set the fields whose value differs from the stored one; answers their old values
        (empty: nothing changed, nothing will be written, the version stays)."""
        before: dict[str, object] = {}
        for name in self.domain.fields:
            old, new = getattr(row, name), values[name]
            if old != new:
                before[name] = old
                setattr(row, name, new)
        return before

    def _validated(self, merged: Values) -> Values:
        try:
            return self.domain.create.model_validate(merged).model_dump()
        except ValidationError as exc:
            raise from_validation_error(exc) from None

    def _check(
        self,
        session: Session,
        values: Values,
        own: int | None,
        *,
        xid_known: bool = False,
        stored: M | None = None,
    ) -> None:
        """Resolve references given by CRM id (in place), check that every reference exists,
        settle the fields the domain derives (in place), check the domain's rules, and that
        the CRM id is not another record's. A vocabulary value `stored` already holds is
        not refused again (an edit of its description is no time to question its region)."""
        self._resolve_external_refs(session, values)
        kept = ({spec.field: getattr(stored, spec.field, None) for spec in self.domain.vocabularies}
                if stored is not None else None)  # fmt: skip
        owed = Owed(
            vocabularies.canonical_values(session, values, self.domain.vocabularies, kept),
            self._resolve_names(session, values),
        )
        for ref in self.domain.references:
            ref_id = values.get(ref.field)
            if ref_id is not None and session.get(ref.model, ref_id) is None:
                raise invalid(ref.field, f"{ref.label} {ref_id} does not exist")
        for settle in self.domain.settles:
            settle(session, values, own)
        for rule in self.domain.rules:
            rule(session, values, own)
        if not xid_known:
            self._check_external_id(session, values, own)
        self._make_owed(session, values, owed)

    def _resolve_names(self, session: Session, values: Values) -> list[NamedRef]:
        """Fill both halves of each reference given by id or by name (in place), the name as
        the record it names spells it; answers the references whose name is new."""
        owed = []
        for ref in self.domain.named_refs:
            name, given = values.get(ref.field), values.get(ref.id_field)
            if isinstance(given, int):
                found = session.get(ref.model, given)
                if found is None:
                    raise invalid(ref.id_field, f"{ref.label} {given} does not exist")
                stored = getattr(found, ref.name_column)
                if isinstance(name, str) and _name_key(name) != _name_key(stored):
                    raise invalid(
                        ref.field,
                        f"names another {ref.label} than {ref.id_field} {given} "
                        f"({stored!r}); give one of them",
                    )
                values[ref.field] = stored
            elif isinstance(name, str):
                found = _named(session, ref, name)
                if found is None:
                    values[ref.field] = " ".join(name.split())
                    owed.append(ref)
                else:
                    values[ref.id_field] = found.id
                    values[ref.field] = getattr(found, ref.name_column)
            else:
                raise invalid(ref.field, f"required: give {ref.field} or {ref.id_field}")
        return owed

    def _make_owed(self, session: Session, values: Values, owed: Owed) -> None:
        """Store what the record names first (race-free: `ensure`)."""
        entries = WriteService(VOCABULARY)
        # In one order for every request: two records naming new values A and B in either
        # order would each hold one insert and wait for the other's (a deadlock).
        for kind, value in sorted(owed.values, key=lambda kv: (kv[0], vocabularies.key(kv[1]))):
            entry = EntryCreate(kind=kind, value=value, status=EntryStatus.new)
            stored = entries.ensure(session, entry, partial(_entry_of, kind=kind, value=value))
            if stored.value != value:  # stored first by another request in another spelling
                self._respell(values, kind, value, stored.value)
        for ref in owed.names:
            domain = next(d for d in DOMAINS if d.model is ref.model)
            name = str(values[ref.field])
            payload = domain.create.model_validate({ref.name_column: name})
            row = WriteService(domain).ensure(session, payload, partial(_named, ref=ref, name=name))
            values[ref.id_field] = row.id
            values[ref.field] = getattr(row, ref.name_column)

    def _respell(self, values: Values, kind: str, value: str, stored: str) -> None:
        """Write `stored` for `value` in the record's fields of vocabulary `kind` (in place)."""
        for spec in self.domain.vocabularies:
            given = values.get(spec.field)
            if spec.kind != kind or given is None:
                continue
            if isinstance(given, list):
                values[spec.field] = list(dict.fromkeys(stored if v == value else v
                                                        for v in given))  # fmt: skip
            elif given == value:
                values[spec.field] = stored

    def _resolve_external_refs(self, session: Session, values: Values) -> None:
        """Turn `organization_external_id` into `organization_id`; one of them is required,
        and when both are given they must name the same record."""
        for ref in self.domain.external_refs:
            external_id = values.pop(ref.field, None)
            given = values.get(ref.id_field)
            if external_id is not None:
                column = getattr(ref.model, "external_id")  # noqa: B009 - what it refers by
                found = session.scalars(
                    select(ref.model).where(column == external_id).limit(1)
                ).first()
                if found is None:
                    raise invalid(ref.field, f"no {ref.label} has external_id {external_id!r}")
                if given is not None and given != found.id:
                    raise invalid(
                        ref.field,
                        f"names {ref.label} {found.id}, but {ref.id_field} is {given}; "
                        "give one of them",
                    )
                values[ref.id_field] = found.id
            elif given is None:
                raise invalid(ref.id_field, f"required: give {ref.id_field} or {ref.field}")

    def _check_external_id(self, session: Session, values: Values, own: int | None) -> None:
        external_id = values.get("external_id")
        if not self.domain.has_external_id or not isinstance(external_id, str):
            return
        other = self.find_by_external_id(session, external_id)
        if other is not None and other.id != own:
            raise Conflict(
                f"external_id {external_id!r} is already used by {self.domain.label} {other.id}",
                errors=[FieldError(field="external_id", location="body", message="already in use")],
            )

    def _existing_by_external_id(self, session: Session, items: Sequence[Incoming]) -> dict[str, M]:
        xids = [x for item in items if isinstance(x := item.values.get("external_id"), str)]
        if not xids:
            return {}
        model = self.domain.model
        column = getattr(model, "external_id")  # noqa: B009 - only asked with CRM ids
        return {getattr(row, "external_id"): row for row in session.scalars(  # noqa: B009
            select(model).where(column.in_(xids))
        )}  # fmt: skip

    def _existing_by_id(self, session: Session, items: Sequence[Incoming]) -> dict[int, M]:
        ids = [item.id for item in items if item.id and not item.values.get("external_id")]
        if not ids:
            return {}
        model = self.domain.model
        return {row.id: row for row in session.scalars(select(model).where(model.id.in_(ids)))}
