"""Lifting a hold early, the one rule the API and the partner page both apply: only a hold
still in force (or yet to start) can be lifted, and who lifted it is kept with it."""

from sqlalchemy.orm import Session

from app.errors import Conflict
from app.holds import repository
from app.holds.domain import HOLDS
from app.holds.models import Hold
from app.holds.schemas import HoldStoredUpdate
from app.types import utcnow
from app.writes.service import WriteService

WRITES = WriteService(HOLDS)


def lift(session: Session, id: int, *, by: str) -> Hold:
    """End hold `id` now, through the write path; 409 when it has already lifted or lapsed."""
    row = WRITES.get(session, id)
    status = repository.status_of(row)
    if status in ("lifted", "lapsed"):
        when = row.lifted_at.date() if row.lifted_at else row.until
        raise Conflict(f"hold {id} has already ended: {status} on {when.isoformat()}")
    patch = HoldStoredUpdate.model_validate({"lifted_at": utcnow(), "lifted_by": by})
    return WRITES.update(session, id, patch)
