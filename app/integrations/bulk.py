"""Bulk import (CSV or JSON lines) and CSV export of the records a CRM keeps.

Import reads the file a row at a time and writes in batches through the write service, each
row upserted by its `external_id` (or updated by its `id`, or created), so a file of any
length never sits in memory whole. A row equal to what is stored writes nothing (counted as
unchanged). Each bad row is rejected with its line, field and reason; good rows are written
(a batch per transaction), or with `atomic` nothing is written unless every row is good.
Export writes the same columns the import reads, so a round trip loses nothing.
"""

import codecs
import csv
import io
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import IO, Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from app import actors
from app.actors import By, Door
from app.db import Database
from app.domain import Domain
from app.engagements.domain import ENGAGEMENTS
from app.errors import Conflict, FieldError, Unprocessable, field_errors
from app.needs.domain import NEEDS
from app.organizations.domain import CONTACTS, ORGANIZATIONS
from app.programs.domain import PROGRAMS
from app.schemas import MAX_ID
from app.vocabularies import service as vocabularies
from app.writes.service import Change, Incoming, Upserted, WriteService

log = logging.getLogger(__name__)

LIST_SEPARATOR = ";"
EXPORT_PAGE = 1000


class Bulk(StrEnum):
    """Resources with a CRM id: what is imported and exported in bulk."""

    organizations = "organizations"
    contacts = "contacts"
    needs = "needs"
    engagements = "engagements"
    programs = "programs"


# Domain is invariant in its record type: a table of several kinds says "some record".
Resource = Domain[Any]

RESOURCES: dict[Bulk, Resource] = {
    Bulk.organizations: ORGANIZATIONS,
    Bulk.contacts: CONTACTS,
    Bulk.needs: NEEDS,
    Bulk.engagements: ENGAGEMENTS,
    Bulk.programs: PROGRAMS,
}


class FileFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


def columns(res: Resource) -> list[str]:
    """The file's columns: `id`, then every field a client writes, in the schema's order."""
    return ["id", *res.create.model_fields]


def _kinds(res: Resource) -> dict[str, str]:
    """Each field's JSON type ('array', 'integer', 'number' or 'string'): how a CSV cell
    becomes a value before the field's own validation runs."""
    props = res.create.model_json_schema()["properties"]
    out = {}
    for name, prop in props.items():
        options = prop.get("anyOf", [prop])
        types = [o.get("type") for o in options if o.get("type") not in (None, "null")]
        out[name] = types[0] if types else "string"
    out["id"] = "integer"
    return out


@dataclass(frozen=True)
class Rejected:
    """One reason a row was not written."""

    line: int
    field: str
    message: str


@dataclass
class Report:
    resource: str
    atomic: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def rejected_rows(self) -> int:
        return len({r.line for r in self.rejected})

    @property
    def written(self) -> bool:
        return not (self.atomic and self.rejected)


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, Any]


class FileError(Unprocessable):
    """The file as a whole cannot be read: nothing is written."""


def _file_error(where: str, message: str) -> FileError:
    return FileError(
        f"{where}: {message}", errors=[FieldError(field=where, location="body", message=message)]
    )


# ----------------------------------------------------------------------------- reading


def check_utf8(data: IO[bytes]) -> None:
    """The whole file must be UTF-8 (a BOM is allowed); checked before anything is written."""
    data.seek(0)
    line = 1
    incremental = codecs.getincrementaldecoder("utf-8")()
    while chunk := data.read(1 << 20):
        try:
            incremental.decode(chunk)
        except UnicodeDecodeError as exc:
            line += chunk[: exc.start].count(b"\n")
            raise _file_error("body", f"line {line} is not UTF-8 text") from None
        line += chunk.count(b"\n")
    try:
        incremental.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _file_error("body", f"line {line} ends inside a UTF-8 character") from None
    data.seek(0)


def guess_format(data: IO[bytes]) -> FileFormat:
    """JSON lines if the first thing in the file is `{`, else CSV."""
    data.seek(0)
    head = data.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    data.seek(0)
    return FileFormat.jsonl if head.startswith(b"{") else FileFormat.csv


def _text(data: IO[bytes]) -> io.TextIOWrapper:
    return io.TextIOWrapper(data, encoding="utf-8-sig", newline="")


def read_csv(res: Resource, data: IO[bytes]) -> Iterator[Row | Rejected]:
    """Rows of a CSV file with a header row; list cells hold items separated by `;`."""
    text = _text(data)
    reader = csv.reader(text)
    try:
        header = next(reader)
    except StopIteration:
        raise _file_error(
            "header", "the file is empty; its first line must name the columns"
        ) from None
    except csv.Error as exc:
        raise _file_error("header", f"cannot read the header row: {exc}") from None
    header = [h.strip() for h in header]
    _check_header(res, header)
    kinds = _kinds(res)
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Rejected(line, "row", f"not valid CSV: {exc}")
            continue
        if not any(c.strip() for c in cells):
            continue  # a blank line
        if len(cells) != len(header):
            yield Rejected(line, "row", f"has {len(cells)} cells; the header has {len(header)}")
            continue
        values: dict[str, Any] = {}
        problems = []
        for name, cell in zip(header, cells, strict=True):
            if cell == "":
                continue  # an empty cell takes the field's default (or none, when required)
            try:
                values[name] = _cell(cell, kinds[name])
            except ValueError as exc:
                problems.append(Rejected(line, name, str(exc)))
        if problems:
            yield from problems
        else:
            yield Row(line, values)


def _check_header(res: Resource, header: Sequence[str]) -> None:
    known = set(columns(res))
    unknown = [h for h in header if h not in known]
    if unknown:
        if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
            raise _file_error(
                "header", "the columns must be separated by commas (this file uses another mark)"
            )
        raise _file_error(
            "header",
            f"unknown column(s) {', '.join(map(repr, unknown))}; "
            f"the columns are {', '.join(columns(res))}",
        )
    twice = sorted({h for h in header if header.count(h) > 1})
    if twice:
        raise _file_error("header", f"column(s) named twice: {', '.join(twice)}")
    references = {ref.id_field: ref.field for ref in res.external_refs}
    required = [
        name
        for name, info in res.create.model_fields.items()
        if info.is_required() and name not in references
    ]
    missing = [name for name in required if name not in header]
    missing += [
        f"{id_field} or {xid}"
        for id_field, xid in references.items()
        if id_field not in header and xid not in header
    ]
    if missing:
        raise _file_error("header", f"missing required column(s): {', '.join(missing)}")


def _cell(cell: str, kind: str) -> Any:
    if kind in ("array", "string", "object"):
        cell = restored(cell)
    if kind == "array":
        return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]
    if kind == "object":  # a program's goals: the JSON the API takes, in one cell
        try:
            return json.loads(cell)
        except (json.JSONDecodeError, RecursionError):
            raise ValueError("must be a JSON object, as the API takes it") from None
    if kind == "integer":
        try:
            return int(cell.strip())
        except ValueError:
            raise ValueError(f"{cell!r} is not a whole number") from None
    if kind == "number":
        try:
            return float(cell.strip())
        except ValueError:
            raise ValueError(f"{cell!r} is not a number") from None
    return cell


def read_jsonl(res: Resource, data: IO[bytes]) -> Iterator[Row | Rejected]:
    """Rows of a JSON lines file: one object per line, the fields the API takes."""
    known = set(columns(res))
    empty = True
    for line, raw in enumerate(_text(data), start=1):
        if not raw.strip():
            continue
        empty = False
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield Rejected(line, "row", f"not valid JSON: {exc.msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield Rejected(line, "row", "nested too deeply to be a record")
            continue
        if not isinstance(value, dict):
            yield Rejected(line, "row", "must be a JSON object")
            continue
        unknown = sorted(set(value) - known)
        if unknown:
            yield from (Rejected(line, name, "unknown field") for name in unknown)
            continue
        yield Row(line, {k: v for k, v in value.items() if v is not None or k == "id"})
    if empty:  # as for a CSV file without even a header: most likely the wrong body was sent
        raise _file_error("body", "the file is empty; send one JSON object per line")


# ----------------------------------------------------------------------------- writing


@dataclass
class _Prepared:
    line: int
    values: dict[str, Any]
    record_id: int | None  # the row updated by `id`


class Importer:
    """Upsert rows into one resource, a batch at a time.

    `on_batch` is called after each batch is written with the ids of the records the batch
    created or changed (organizations: so their vectors are computed a batch at a time);
    `progress` with the number of rows read so far.
    """

    def __init__(
        self,
        db: Database,
        resource: Bulk,
        *,
        atomic: bool = False,
        batch_size: int = 500,
        on_batch: Callable[[list[int]], object] | None = None,
        progress: Callable[[int], object] | None = None,
        restricted_vocabularies: Sequence[str] | None = None,
        new_values: bool = True,
        by: By | None = None,
    ) -> None:
        self.db = db
        # The caller's settings (the API's) on which vocabularies may not grow, else the
        # process's own; and whether a value spelled like a known one may be written as new
        # (the API's imports refuse it unless told `new_values=allow`: reported per row).
        self.info: dict[str, object] = {vocabularies.NEW_VALUES: new_values}
        # Who imports (the key's person or name; the command line): each write records it.
        self.info[actors.BY] = by or By(Door.import_, "import")
        if restricted_vocabularies is not None:
            self.info[vocabularies.RESTRICTED] = list(restricted_vocabularies)
        self.res = RESOURCES[resource]
        self.atomic = atomic
        self.batch_size = batch_size
        self.on_batch = on_batch
        self.progress = progress

    def run(self, data: IO[bytes], file_format: FileFormat) -> Report:
        report = self._run(data, file_format)
        report.rejected.sort(key=lambda r: r.line)  # stable: a line's reasons keep their order
        return report

    def _run(self, data: IO[bytes], file_format: FileFormat) -> Report:
        check_utf8(data)
        reader = read_csv if file_format is FileFormat.csv else read_jsonl
        # A bad header fails on the first batch, before anything is written.
        rows = reader(self.res, data)
        report = Report(resource=self.res.path, atomic=self.atomic)
        seen: dict[str, int] = {}  # external id -> line first seen: duplicates are rejected
        if self.atomic:
            with self.db.sessionmaker(info=self.info) as session:
                try:
                    for batch in _batches(rows, self.batch_size):
                        report.rows += _lines(batch)
                        self._batch(session, batch, report, seen)
                        self._progress(batch)
                    if not report.rejected:
                        session.commit()
                except (IntegrityError, DataError):
                    session.rollback()
                    raise Conflict(
                        "a row conflicts with a record written meanwhile (or holds a value the "
                        "database cannot store); nothing was written: send the file again"
                    ) from None
                if report.rejected:
                    session.rollback()
                    report.created = report.updated = report.unchanged = 0
            return report
        for batch in _batches(rows, self.batch_size):
            report.rows += _lines(batch)
            mark = (report.created, report.updated, report.unchanged, len(report.rejected))
            with self.db.sessionmaker(info=self.info) as session:
                try:
                    touched = self._batch(session, batch, report, seen)
                    session.commit()
                except (IntegrityError, DataError):
                    # A race with another writer, or a value the database refused that the
                    # checks let through: write this batch's rows one by one instead.
                    session.rollback()
                    report.created, report.updated, report.unchanged = mark[:3]
                    del report.rejected[mark[3] :]
                    touched = self._one_by_one(batch, report, seen)
            if self.on_batch is not None and touched:
                self.on_batch(touched)
            self._progress(batch)
        return report

    def _progress(self, batch: Sequence[Row | Rejected]) -> None:
        if self.progress is not None:
            self.progress(len(batch))

    def _one_by_one(
        self, batch: Sequence[Row | Rejected], report: Report, seen: dict[str, int]
    ) -> list[int]:
        touched: list[int] = []
        for item in batch:
            mark = (report.created, report.updated, report.unchanged)
            with self.db.sessionmaker(info=self.info) as session:
                try:
                    touched += self._batch(session, [item], report, seen)
                    session.commit()
                except (IntegrityError, DataError) as exc:
                    session.rollback()
                    report.created, report.updated, report.unchanged = mark
                    reason = (
                        "conflicts with a record written meanwhile"
                        if isinstance(exc, IntegrityError)
                        else "holds a value the database cannot store"
                    )
                    report.rejected.append(Rejected(item.line, "row", reason))
        return touched

    def _batch(
        self,
        session: Session,
        batch: Sequence[Row | Rejected],
        report: Report,
        seen: dict[str, int],
    ) -> list[int]:
        """Validate and write one batch in `session` (flushed, not committed); answers the ids
        of the records created or changed."""
        res = self.res
        prepared: list[_Prepared] = []
        for item in batch:
            if isinstance(item, Rejected):
                report.rejected.append(item)
                continue
            values = dict(item.values)
            record_id = values.pop("id", None)
            try:
                values = res.create.model_validate(values).model_dump()
            except ValidationError as exc:
                errors = field_errors(exc.errors(include_url=False, include_input=False))
                report.rejected += [Rejected(item.line, e.field, e.message) for e in errors]
                continue
            if record_id is not None and (
                not isinstance(record_id, int)
                or isinstance(record_id, bool)
                or not 1 <= record_id <= MAX_ID
            ):
                report.rejected.append(
                    Rejected(item.line, "id", f"must be a whole number from 1 to {MAX_ID}")
                )
                continue
            xid = values.get("external_id")
            if xid is not None:
                first = seen.setdefault(xid, item.line)
                if first != item.line:
                    report.rejected.append(
                        Rejected(item.line, "external_id", f"{xid!r} is also on line {first}")
                    )
                    continue
            prepared.append(_Prepared(item.line, values, record_id))

        results = WriteService(res).upsert_many(
            session, [Incoming(p.values, p.record_id) for p in prepared]
        )
        touched = []
        for p, result in zip(prepared, results, strict=True):
            if not isinstance(result, Upserted):
                for e in result.errors or [
                    FieldError(field="row", location="", message=result.detail)
                ]:
                    report.rejected.append(Rejected(p.line, e.field, e.message))
                continue
            if result.outcome is Change.created:
                report.created += 1
            elif result.outcome is Change.updated:
                report.updated += 1
            else:
                report.unchanged += 1
                continue
            touched.append(result.row.id)
        return touched


def _lines(batch: Sequence[Row | Rejected]) -> int:
    return len({item.line for item in batch})


def _batches(rows: Iterable[Row | Rejected], size: int) -> Iterator[list[Row | Rejected]]:
    """Groups of about `size` items; the items of one line stay in one group."""
    batch: list[Row | Rejected] = []
    for row in rows:
        if len(batch) >= size and row.line != batch[-1].line:
            yield batch
            batch = []
        batch.append(row)
    if batch:
        yield batch


# ----------------------------------------------------------------------------- export


# A cell a spreadsheet would read as a formula (OWASP's CSV injection list); written with a
# leading apostrophe, which spreadsheets show as text. A text that itself begins with an
# apostrophe before one of these is escaped the same way, so the import can undo it exactly.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def neutralised(text: str) -> str:
    """`text` as a CSV cell no spreadsheet will run (OWASP: prefix a single quote)."""
    if text.startswith(FORMULA_STARTS) or (
        text.startswith(ESCAPE) and text[1:].startswith((*FORMULA_STARTS, ESCAPE))
    ):
        return ESCAPE + text
    return text


def restored(cell: str) -> str:
    """The text an exported cell holds: the export's leading apostrophe taken off."""
    if cell.startswith(ESCAPE) and cell[1:].startswith((*FORMULA_STARTS, ESCAPE)):
        return cell[1:]
    return cell


def _export_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        items = (str(v.value if isinstance(v, Enum) else v) for v in value)
        return neutralised(LIST_SEPARATOR.join(items))
    if isinstance(value, dict):
        return neutralised(json.dumps(value, sort_keys=True))
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralised(value)
    return str(value)  # numbers: a minus sign is a number's, not a formula's


def export_csv(db: Database, resource: Bulk) -> Iterator[str]:
    """The CSV text of every record, in id order, a page of rows at a time.

    A reference is written by the organization's CRM id when it has one (so the file imports
    into another database too), else by its id.
    """
    res = RESOURCES[resource]
    names = columns(res)
    refs = {ref.id_field: ref.field for ref in res.external_refs}
    # A program is written by its name, which any database resolves (or adds).
    refs |= {ref.id_field: ref.field for ref in res.named_refs}
    out = io.StringIO()
    # RFC 4180 line ends: a field holding a CR or an LF is quoted (with "\n" alone, a bare CR
    # went out unquoted and broke the row on the way back in).
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    yield _drain(out)
    after = 0
    with db.sessionmaker() as session:
        while True:
            model = res.model
            page = list(
                session.scalars(
                    select(model).where(model.id > after).order_by(model.id).limit(EXPORT_PAGE)
                )
            )
            if not page:
                return
            for row in page:
                values = {name: getattr(row, name) for name in names}
                for id_field, xid_field in refs.items():
                    if values[xid_field] is not None:
                        values[id_field] = None
                writer.writerow([_export_cell(values[name]) for name in names])
            yield _drain(out)
            after = page[-1].id
            session.expunge_all()


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
