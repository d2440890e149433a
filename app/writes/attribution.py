"""Every write records who made it and through which door (`app.actors`): one `WriteRecord`
per record written, by `after_write`, so no domain passes it along and no door can forget it."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from app.actors import By, Door, acting
from app.domain import Domain, Written
from app.models_base import ResourceMixin
from app.writes.models import WriteRecord

M = TypeVar("M", bound=ResourceMixin)


def record(session: Session, domain: Domain[M], written: Sequence[Written[M]]) -> None:
    """One row per record written, by whoever `session` acts as."""
    by = acting(session)
    session.add_all(
        WriteRecord(record_type=domain.path, record_id=w.row.id, action=w.action.value,
                    door=by.door.value, by_name=by.name[:255], person_id=by.person_id)
        for w in written
    )  # fmt: skip


@dataclass(frozen=True)
class Made:
    """Who created a record, and when."""

    by: By
    at: datetime

    @property
    def person_id(self) -> int | None:
        return self.by.person_id


def made_in(session: Session, record_type: str, ids: Sequence[int]) -> dict[int, Made]:
    """Who created each of the records `ids` of `record_type`, and when (records written
    before writes were recorded: absent)."""
    if not ids:
        return {}
    rows = session.execute(
        select(WriteRecord)
        .where(WriteRecord.record_type == record_type, WriteRecord.record_id.in_(ids),
               WriteRecord.action == "created")
    ).scalars()  # fmt: skip
    return {r.record_id: Made(By(Door(r.door), r.by_name, r.person_id), r.at) for r in rows}


def made_by(session: Session, record_type: str, ids: Sequence[int]) -> dict[int, By]:
    """Who created each of the records `ids` of `record_type` (`made_in`, without when)."""
    return {i: made.by for i, made in made_in(session, record_type, ids).items()}


#: The most entries a record's history answers (the newest).
HISTORY_SHOWN = 200


def history(session: Session, record_type: str, record_id: int) -> list[WriteRecord]:
    """The writes of one record, newest first (at most `HISTORY_SHOWN`)."""
    return list(
        session.scalars(
            select(WriteRecord)
            .where(WriteRecord.record_type == record_type, WriteRecord.record_id == record_id)
            .order_by(WriteRecord.id.desc())
            .limit(HISTORY_SHOWN)
        )
    )


def history_of(
    session: Session, records: Mapping[str, Sequence[int] | Select[Any]], limit: int
) -> list[WriteRecord]:
    """The writes of several records at once, newest first, at most `limit`: `records` maps a
    record type to its ids (a list, or a query of one id column)."""
    which = [and_(WriteRecord.record_type == kind, WriteRecord.record_id.in_(ids))
             for kind, ids in records.items()]  # fmt: skip
    if not which:
        return []
    stmt = select(WriteRecord).where(or_(*which)).order_by(WriteRecord.id.desc()).limit(limit)
    return list(session.scalars(stmt))
