"""The five routes every stored resource has, built from its Resource description."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from app import repository, resources
from app.auth.models import Role
from app.deps import SessionDep, require
from app.resources import Resource
from app.schemas import Id, ListQuery, Page, encode_cursor


def crud_router(res: Resource, *, with_delete: bool = True) -> APIRouter:
    """Routes under `/{res.path}`: create, list, get, patch and (unless told not to) delete."""
    router = APIRouter(prefix=f"/{res.path}", tags=[res.path.replace("-", " ")])
    # Each resource's own schemas, so the OpenAPI document shows the real bodies; mypy cannot
    # check annotations that are values, hence the ignores on those three parameters.
    create_schema, update_schema, query_schema = res.create, res.update, res.query
    page_schema: Any = Page[res.read]  # type: ignore[name-defined]
    noun = res.label.replace(" ", "_")
    viewer = [Depends(require(Role.viewer))]
    writer = [Depends(require(res.write_role))]

    @router.post(
        "",
        status_code=201,
        response_model=res.read,
        dependencies=writer,
        summary=f"Create a {res.label}",
        name=f"create_{noun}",
    )
    def create(
        payload: create_schema,  # type: ignore[valid-type]
        session: SessionDep,
    ) -> Any:
        return resources.create(session, res, payload)

    @router.get(
        "",
        response_model=page_schema,
        dependencies=viewer,
        summary=f"List {res.label}s, oldest first, with filters and a cursor",
        name=f"list_{noun}s",
    )
    def list_(
        query: Annotated[query_schema, Query()],  # type: ignore[valid-type]
        session: SessionDep,
    ) -> Any:
        given: ListQuery = query
        rows, more = repository.page(
            session, res.model, given.filters(), given.after_id(), given.limit
        )
        return {"items": rows, "next_cursor": encode_cursor(rows[-1].id) if more else None}

    @router.get(
        "/{id}",
        response_model=res.read,
        dependencies=viewer,
        summary=f"Get a {res.label}",
        name=f"get_{noun}",
    )
    def get(id: Id, session: SessionDep) -> Any:
        return resources.get_or_404(session, res, id)

    @router.patch(
        "/{id}",
        response_model=res.read,
        dependencies=writer,
        summary=f"Change some fields of a {res.label}",
        name=f"update_{noun}",
    )
    def patch(
        id: Id,
        payload: update_schema,  # type: ignore[valid-type]
        session: SessionDep,
    ) -> Any:
        return resources.update(session, res, id, payload)

    if with_delete:

        @router.delete(
            "/{id}",
            status_code=204,
            dependencies=[Depends(require(res.delete_role))],
            summary=f"Delete a {res.label}",
            name=f"delete_{noun}",
        )
        def delete(id: Id, session: SessionDep) -> Response:
            resources.delete(session, res, id)
            return Response(status_code=204)

    return router
