"""The routes every stored kind of record has, built from its Domain description: create,
list, get, patch, delete, and for records with a CRM id, get and upsert by that id. Each
route is a call of the write service. Single-record answers carry an ETag (the version
column); writes honour If-Match."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Response

from app import repository
from app.auth.models import Role
from app.deps import SessionDep, new_values, require
from app.domain import Domain
from app.models_base import ResourceMixin
from app.schemas import ExternalId, Id, ListQuery, Page, encode_cursor
from app.vocabularies import service as vocabularies
from app.writes import attribution
from app.writes.schemas import History
from app.writes.service import Change, WriteService, etag

IfMatch = Annotated[
    str | None,
    Header(
        max_length=1024,
        description='Write only if the record is still this version: its ETag (e.g. `"3"`).',
    ),
]
IfNoneMatch = Annotated[
    str | None,
    Header(max_length=1024, description="`*`: create only; refuse (412) if the record exists."),
]
ExternalIdPath = Annotated[ExternalId, Path(description="The record's id in the CRM.")]


def _tagged(response: Response, row: ResourceMixin) -> ResourceMixin:
    response.headers["ETag"] = etag(row)
    return row


def crud_router(res: Domain[Any], *, with_delete: bool = True) -> APIRouter:
    """Routes under `/{res.path}`: create, list, get, patch and (unless told not to) delete."""
    router = APIRouter(prefix=f"/{res.path}", tags=[res.path.replace("-", " ")])
    # Each resource's own schemas, so the OpenAPI document shows the real bodies; mypy cannot
    # check annotations that are values, hence the ignores on those three parameters.
    create_schema, update_schema, query_schema = res.create, res.update, res.query
    page_schema: Any = Page[res.read]  # type: ignore[name-defined]
    noun = res.label.replace(" ", "_")
    service = WriteService(res)
    viewer = [Depends(require(Role.viewer))]
    # Writes naming sectors or regions take `new_values` (a near-miss spelling is refused).
    spelled = [Depends(new_values)] if res.vocabularies else []
    writer = [Depends(require(res.write_role)), *spelled]

    @router.post(
        "",
        status_code=201,
        response_model=res.read,
        dependencies=writer,
        summary=res.summaries.create,
        name=f"create_{noun}",
    )
    def create(
        payload: create_schema,  # type: ignore[valid-type]
        session: SessionDep,
        response: Response,
    ) -> Any:
        row = service.create(session, payload)
        response.headers["Location"] = f"/v1/{res.path}/{row.id}"
        return _tagged(response, row)

    @router.get(
        "",
        response_model=page_schema,
        dependencies=viewer,
        summary=res.summaries.list,
        name=f"list_{noun}s",
    )
    def list_(
        query: Annotated[query_schema, Query()],  # type: ignore[valid-type]
        session: SessionDep,
    ) -> Any:
        given: ListQuery = query
        filters = given.filters()
        vocabularies.filter_values(session, res.vocabularies, filters)
        rows, more = repository.page(session, res.model, filters, given.after_id(), given.limit)
        return {"items": rows, "next_cursor": encode_cursor(rows[-1].id) if more else None}

    @router.get(
        "/{id}",
        response_model=res.read,
        dependencies=viewer,
        summary=res.summaries.get,
        name=f"get_{noun}",
    )
    def get(id: Id, session: SessionDep, response: Response) -> Any:
        return _tagged(response, service.get(session, id))

    @router.get(
        "/{id}/history",
        response_model=History,
        dependencies=viewer,
        summary=f"Who wrote this {res.label}, when, and through which door",
        name=f"{noun}_history",
    )
    def history(id: Id, session: SessionDep) -> Any:
        """Every write of the record, newest first (at most the last 200): created, updated or
        deleted, by whom (a person, a key, the partner's contact through its link, an import)
        and through which door. Writes made before revision 0021 were not recorded."""
        service.get(session, id)  # 404 when there is no such record
        return {"items": attribution.history(session, res.path, id)}

    @router.patch(
        "/{id}",
        response_model=res.read,
        dependencies=writer,
        summary=res.summaries.update,
        name=f"update_{noun}",
    )
    def patch(
        id: Id,
        payload: update_schema,  # type: ignore[valid-type]
        session: SessionDep,
        response: Response,
        if_match: IfMatch = None,
    ) -> Any:
        return _tagged(response, service.update(session, id, payload, if_match=if_match))

    if with_delete:

        @router.delete(
            "/{id}",
            status_code=204,
            dependencies=[Depends(require(res.delete_role))],
            summary=res.summaries.delete,
            name=f"delete_{noun}",
        )
        def delete(id: Id, session: SessionDep, if_match: IfMatch = None) -> Response:
            service.delete(session, id, if_match=if_match)
            return Response(status_code=204)

    if res.has_external_id:
        _external_routes(router, res)
    return router


def _external_routes(router: APIRouter, res: Domain[Any]) -> None:
    """GET and PUT by the CRM's id: what a sync job calls without knowing our ids."""
    service = WriteService(res)
    writer = [
        Depends(require(res.write_role)),
        *([Depends(new_values)] if res.vocabularies else []),
    ]
    create_schema = res.create
    noun = res.label.replace(" ", "_")

    @router.get(
        "/external/{external_id:path}",
        response_model=res.read,
        dependencies=[Depends(require(Role.viewer))],
        summary=res.summaries.get_by_external_id,
        name=f"get_{noun}_by_external_id",
    )
    def get_external(external_id: ExternalIdPath, session: SessionDep, response: Response) -> Any:
        return _tagged(response, service.get_by_external_id(session, external_id))

    @router.put(
        "/external/{external_id:path}",
        response_model=res.read,
        dependencies=writer,
        summary=res.summaries.upsert,
        description=(
            f"Creates the {res.label} (201) or replaces all of its fields (200); fields left out "
            "take their defaults. `external_id` in the body may be left out. A body equal to "
            "what is stored changes nothing: 200 with the same ETag, and no event."
        ),
        responses={201: {"description": "Created", "model": res.read}},
        name=f"upsert_{noun}",
    )
    def put_external(
        external_id: ExternalIdPath,
        payload: create_schema,  # type: ignore[valid-type]
        session: SessionDep,
        response: Response,
        if_match: IfMatch = None,
        if_none_match: IfNoneMatch = None,
    ) -> Any:
        done = service.upsert(
            session, external_id, payload, if_match=if_match, if_none_match=if_none_match
        )
        if done.outcome is Change.created:
            response.status_code = 201
            response.headers["Location"] = f"/v1/{res.path}/{done.row.id}"
        return _tagged(response, done.row)
