"""Big plans are solved by the background work (`app.ops.jobs`), not by the request that made
them: the request stores the plan `solving` and answers 202; a worker takes it with a lease
in the database (one process of the deployment solves each plan, however many run the
background), extends the lease at each tenth of the work (the progress clients poll), and
stores the answer, or why it failed. A plan left solving by a process that died is taken again
when its lease lapses. Each process's worker solves one plan at a time, off the event loop, at
once when a commit of this process queued one (`WAKERS`), else at the next poll; with
BACKGROUND=off the API solves none and `partnermatch worker` does."""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import Database
from app.matches.index import PartnerIndex
from app.ops import leases
from app.ops.background import Polled, Poller, Wakers
from app.ops.jobs import Background
from app.plans import service
from app.plans.models import Plan
from app.plans.status import PlanStatus
from app.types import utcnow

log = logging.getLogger(__name__)

#: The plan workers of this process, woken when a commit stored a plan to solve.
WAKERS = Wakers()
#: How much of the work between two writes of the progress (and of the lease).
STEP = 0.1


def queued(session: Session) -> None:
    """Wake this process's plan worker once `session` commits the plan it stored solving."""
    WAKERS.after_commit(session)


def due(session: Session, now: datetime, limit: int) -> list[int]:
    """Plans waiting to be solved that no worker holds, oldest first."""
    return list(
        session.scalars(
            select(Plan.id)
            .where(Plan.status == PlanStatus.solving, leases.unleased(Plan.leased_until, now))
            .order_by(Plan.id)
            .limit(limit)
        )
    )


def count_by_status(session: Session) -> dict[str, int]:
    """How many plans are in each status (every status named, 0 if none): the queue."""
    counts = dict.fromkeys((s.value for s in PlanStatus), 0)
    for status, n in session.execute(select(Plan.status, func.count()).group_by(Plan.status)):
        counts[PlanStatus(status).value] = n
    return counts


class PlanWorker(Polled):
    """Solves the plans due, one at a time: `solve_due` is one pass (tests call it); `start`
    runs passes in a Poller thread."""

    def __init__(
        self,
        db: Database,
        index: PartnerIndex,
        *,
        every: float,
        lease: timedelta,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.index = index
        self.lease = lease
        self.clock = clock
        # A pass solves one plan; a full pass runs the next at once (more may be waiting).
        self.poller = Poller("plan-solver", self.solve_due, every=every, batch=1, wakers=WAKERS)

    def solve_due(self) -> int:
        """Take the oldest plan due and solve it; answers 1 if one was solved (or failed)."""
        now = self.clock()
        with self.db.sessionmaker.begin() as session:
            ids = due(session, now, 5)
        for plan_id in ids:
            if self.poller.stopping:
                break
            with self.db.sessionmaker.begin() as session:
                taken = leases.take(session, Plan, plan_id, PlanStatus.solving, now,
                                    now + self.lease)  # fmt: skip
            if taken:  # else another worker took it first
                self._solve(plan_id)
                return 1
        return 0

    def _solve(self, plan_id: int) -> None:
        last = [0.0]

        def progress(stage: str, done: float) -> None:
            # A short transaction per tenth of the work: pollers see it move, and the lease
            # lasts while the solve does.
            if done - last[0] >= STEP:
                last[0] = done
                with self.db.sessionmaker.begin() as session:
                    service.set_progress(session, plan_id, done)
                    leases.extend(session, Plan, plan_id, self.clock() + self.lease)

        try:
            # Solved on a read-only session, so progress can be written meanwhile.
            with self.db.sessionmaker() as session:
                result = service.solved(session, self.index, plan_id, progress)
            with self.db.sessionmaker.begin() as session:
                service.store(session, plan_id, result)
        except Exception as exc:  # the plan says why; the worker goes on with the next
            log.exception("plan %d failed", plan_id)
            with self.db.sessionmaker.begin() as session:
                service.failed(session, plan_id, str(exc) or type(exc).__name__)


def register(background: Background, db: Database, index: PartnerIndex, settings: Settings) -> None:
    """This worker, run with the rest of the background work."""
    background.add(PlanWorker(db, index, every=settings.plan_poll_seconds,
                              lease=timedelta(seconds=settings.plan_lease_seconds)))  # fmt: skip
