"""Queries shared by every resource: fetch by id, page through with filters, look up by column."""

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import JSON, ColumnElement, Select, exists, func, select, text, type_coerce
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.models_base import ResourceMixin

M = TypeVar("M")
R = TypeVar("R", bound=ResourceMixin)


def json_list_contains(session: Session, column: Any, value: object) -> ColumnElement[bool]:
    """`value` is one of the items of the JSON list in `column`."""
    if session.get_bind().dialect.name == "postgresql":
        return type_coerce(column, JSONB).contains([value])
    items = func.json_each(column).table_valued("value")
    return exists(select(1).select_from(items).where(items.c.value == value))


def lock(session: Session, model: type[ResourceMixin], id_: int) -> None:
    """Hold `model` row `id_` until this transaction ends, so a check made after this sees
    every write to it that committed before, and no other transaction that locks it passes
    meanwhile: SELECT ... FOR UPDATE on PostgreSQL; on SQLite, whose one writer at a time is
    the whole database, a write that changes nothing takes the write lock (a plain read in
    SQLite's autocommit would have seen the state before another writer's commit)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(model.id).where(model.id == id_).with_for_update())
        return
    table = model.__table__.name  # type: ignore[attr-defined]
    session.execute(text(f'UPDATE "{table}" SET id = id WHERE id = :id'), {"id": id_})


def get(session: Session, model: type[M], id_: int) -> M | None:
    return session.get(model, id_)


def first_by(session: Session, model: type[M], **criteria: object) -> M | None:
    """The first `model` row whose columns equal `criteria`, or None."""
    return session.scalars(select(model).filter_by(**criteria).limit(1)).first()


def count_by(session: Session, column: InstrumentedAttribute[Any], value: object) -> int:
    return session.scalar(select(func.count()).where(column == value)) or 0


def page(
    session: Session,
    model: type[R],
    filters: dict[str, object],
    after_id: int | None,
    limit: int,
) -> tuple[list[R], bool]:
    """Up to `limit` rows in id order after `after_id`, and whether more follow."""
    stmt = select(model).order_by(model.id).limit(limit + 1)
    if after_id is not None:
        stmt = stmt.where(model.id > after_id)
    for name, value in filters.items():
        column = getattr(model, name)
        if isinstance(column.type, JSON):
            stmt = stmt.where(json_list_contains(session, column, value))
        else:
            stmt = stmt.where(column == value)
    rows = list(session.scalars(stmt))
    return rows[:limit], len(rows) > limit


def latest_per_organization(
    model: Any, *columns: Any, newest_first: Sequence[Any], where: Sequence[Any] = ()
) -> Select[Any]:
    """The newest row of `model` for each organization (by `newest_first`, e.g. time then id),
    as a query over `organization_id` and `columns`, in that order."""
    ranked = (
        select(
            model.organization_id,
            *columns,
            func.row_number()
            .over(partition_by=model.organization_id, order_by=newest_first)
            .label("rank"),
        )
        .where(*where)
        .subquery()
    )
    return select(*[c for c in ranked.c if c.name != "rank"]).where(ranked.c.rank == 1)
