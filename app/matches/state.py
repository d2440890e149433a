"""Keep every process's partner index honest: any flush that writes a record a ranking reads
bumps `data_version` in the same transaction, and an index rebuilds when the number moves."""

from typing import Any

from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Session

from app.engagements.models import Engagement
from app.interviews.models import Interview, TemperatureCheck
from app.matches.models import DataVersion
from app.organizations.models import Contact, Organization

# Partner text, kind, region, interest, capacity and load: everything ranking reads.
RANKED = (Organization, Contact, Interview, Engagement, TemperatureCheck)


def current(session: Session) -> int:
    return session.scalar(select(DataVersion.version).where(DataVersion.id == 1)) or 0


def bump(session: Session) -> None:
    moved = session.execute(
        update(DataVersion).where(DataVersion.id == 1).values(version=DataVersion.version + 1)
    )
    if moved.rowcount == 0:  # type: ignore[attr-defined]  # the row was deleted: start again
        session.execute(insert(DataVersion).values(id=1, version=1))


def _after_flush(session: Session, _context: Any) -> None:
    touched = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(row, RANKED) for row in touched) and not session.info.get("bumped"):
        bump(session)
        session.info["bumped"] = True  # once per transaction is enough


def _after_end(session: Session, *_: Any) -> None:
    session.info.pop("bumped", None)


def install() -> None:
    """Listen on every Session in this process (idempotent)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "after_commit", _after_end)
        event.listen(Session, "after_rollback", _after_end)
