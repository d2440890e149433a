"""Routes for bulk import and export."""

import tempfile
from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from app import actors
from app.actors import Door
from app.auth.models import Role
from app.db import Database
from app.deps import CurrentKey, SessionDep, SettingsDep, require
from app.errors import AppError, FieldError, Forbidden, Unprocessable
from app.integrations.bulk import (
    RESOURCES,
    Bulk,
    FileFormat,
    Importer,
    Report,
    columns,
    export_csv,
    guess_format,
)

router = APIRouter(tags=["bulk"])

MEDIA_TYPES = {
    "text/csv": FileFormat.csv,
    "application/csv": FileFormat.csv,
    "application/x-ndjson": FileFormat.jsonl,
    "application/jsonl": FileFormat.jsonl,
    "application/jsonlines": FileFormat.jsonl,
    "application/x-jsonlines": FileFormat.jsonl,
}
# Bodies past this size go to a temporary file, not memory.
SPOOL_BYTES = 8 * 1024 * 1024


class UnsupportedMediaType(AppError):
    status, title = 415, "Unsupported Media Type"


class ImportQuery(BaseModel):
    # An unknown parameter (a typo of `atomic`, say) is an error, not silently ignored.
    model_config = ConfigDict(extra="forbid")

    atomic: bool = Field(
        default=False, description="Write nothing unless every row is good (422 otherwise)."
    )
    format: FileFormat | None = Field(default=None, description="Overrides the Content-Type.")
    new_values: Literal["refuse", "allow"] = Field(
        default="refuse",
        description=(
            "A sector or region a small edit away from a known one is refused on its row with "
            '"did you mean"; `allow` writes it as a new value.'
        ),
    )


class RejectedRow(BaseModel):
    line: int
    field: str
    message: str


class ImportReport(BaseModel):
    resource: str
    atomic: bool
    written: bool
    rows: int
    created: int
    updated: int
    unchanged: int = Field(description="Rows equal to what was stored: nothing written.")
    rejected_rows: int
    rejected: list[RejectedRow]
    vectors_pending: int | None = Field(
        default=None,
        description="Organizations only: partner profiles waiting to be read (embedded) in the "
        "background after this import; they rank on fit alone, said in their explanation, "
        "until then. `partnermatch_vectors_waiting` on /metrics counts down as they are read.",
    )


def _format(request: Request, given: FileFormat | None) -> FileFormat | None:
    """The file's format: `?format=`, else the Content-Type; None: bytes, to be guessed."""
    if given is not None:
        return given
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media in MEDIA_TYPES:
        return MEDIA_TYPES[media]
    if media == "application/octet-stream":
        return None
    message = f"send text/csv or application/x-ndjson (or ?format=csv|jsonl), not {media!r}"
    raise UnsupportedMediaType(
        message, errors=[FieldError(field="Content-Type", location="header", message=message)]
    )


_EXAMPLE_CSV = "external_id,name,kind,sectors,region\nsf-001,Acme Tool,employer,advanced_manufacturing;energy,River Valley\n"  # noqa: E501


@router.post(
    "/import/{resource}",
    response_model=ImportReport,
    name="import_records",
    responses={
        415: {
            "description": "Neither CSV nor JSON lines",
            "content": {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            },
        }
    },
    summary="Import records from a CSV or JSON lines file",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                # First, for client generators that send only JSON, forms or bytes: the file
                # as bytes; ?format= says which kind, else a leading `{` means JSON lines.
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                "text/csv": {"schema": {"type": "string"}, "example": _EXAMPLE_CSV},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
        }
    },
)
async def import_records(
    resource: Bulk,
    request: Request,
    key: CurrentKey,
    session: SessionDep,
    settings: SettingsDep,
    query: Annotated[ImportQuery, Query()],
) -> Any:
    """Upsert rows by `external_id` (or update by `id`, or create); CSV list cells use `;`.

    Good rows are written and each bad row is reported with its line, field and reason;
    with `atomic=true` nothing is written if any row is bad.
    """
    atomic = query.atomic
    res = RESOURCES[resource]
    if not key.role.allows(res.write_role):
        raise Forbidden(f"importing {res.path} needs the {res.write_role.value} role")
    file_format = _format(request, query.format)
    # The import writes in transactions of its own; end the request's (the key lookup) now,
    # so SQLite's single writer is not held while the batches wait for it. In the thread
    # pool: a commit may wait on a lock, and on the event loop that wait froze the process.
    await run_in_threadpool(session.commit)
    db: Database = request.app.state.db
    importer = Importer(
        db,
        resource,
        atomic=atomic,
        batch_size=settings.import_batch_size,
        restricted_vocabularies=settings.restricted_vocabularies,
        new_values=query.new_values == "allow",
        by=replace(actors.acting(session), door=Door.import_),
    )
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as body:
        async for chunk in request.stream():
            await run_in_threadpool(body.write, chunk)  # past the spool size, a disk write
        report: Report = await run_in_threadpool(
            importer.run, body, file_format or guess_format(body)
        )
    if atomic and report.rejected:
        raise Unprocessable(
            f"{report.rejected_rows} of {report.rows} rows are invalid; nothing was written",
            errors=[
                FieldError(field=r.field, location=f"line {r.line}", message=r.message)
                for r in report.rejected
            ],
        )
    waiting = None
    if resource is Bulk.organizations:
        # Reads every profile to count those to embed: off the event loop.
        waiting = await run_in_threadpool(request.app.state.index.embed_in_background)
    return ImportReport(
        resource=report.resource,
        atomic=report.atomic,
        written=report.written,
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        rejected_rows=report.rejected_rows,
        rejected=[
            RejectedRow(line=r.line, field=r.field, message=r.message) for r in report.rejected
        ],
        vectors_pending=waiting,
    )


@router.get(
    "/export/{resource}.csv",
    response_class=StreamingResponse,
    dependencies=[Depends(require(Role.viewer))],
    name="export_records",
    summary="Export every record as CSV (the columns the import takes)",
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def export_records(resource: Bulk, request: Request) -> StreamingResponse:
    """Every record in id order; references by the organization's CRM id when it has one."""
    db: Database = request.app.state.db
    return StreamingResponse(
        export_csv(db, resource),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{resource.value}.csv"',
            "X-Columns": ",".join(columns(RESOURCES[resource])),
        },
    )
