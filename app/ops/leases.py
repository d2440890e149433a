"""Leases in the database, for work done once however many processes run it: an outbox's
row (a webhook delivery, a mail message) is taken for one attempt with `take`, a timed job's
run with app.ops.claims. Each is a compare-and-set that works the same on SQLite and
PostgreSQL: of several processes racing for the same work exactly one sees a row change, and
a holder that dies lets go when its lease ends."""

from datetime import datetime
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy.orm import Session


def unleased(leased_until: Any, now: datetime) -> Any:
    """The condition that no worker holds a row (`leased_until`: its column) at `now`."""
    return or_(leased_until.is_(None), leased_until < now)


def take(
    session: Session, model: Any, id_: int, pending: Any, now: datetime, until: datetime
) -> bool:
    """Take row `id_` of outbox `model` (a model with `status` and `leased_until`) until
    `until`, if it is still `pending` and nobody holds it; answers whether this call did."""
    taken = session.execute(
        update(model)
        .where(model.id == id_, model.status == pending, unleased(model.leased_until, now))
        .values(leased_until=until)
        .execution_options(synchronize_session=False)
    )
    return bool(taken.rowcount == 1)  # type: ignore[attr-defined]


def extend(session: Session, model: Any, id_: int, until: datetime) -> None:
    """Hold row `id_` of `model` until `until` (its holder, as work goes on)."""
    session.execute(
        update(model)
        .where(model.id == id_)
        .values(leased_until=until)
        .execution_options(synchronize_session=False)
    )
