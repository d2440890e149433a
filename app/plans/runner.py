"""Big plans are solved on a thread of their own, one at a time per process, so requests are
never kept waiting; the plan row carries the progress a client polls."""

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from app.db import Database
from app.matches.index import PartnerIndex
from app.plans import service

log = logging.getLogger(__name__)


class PlanRunner:
    def __init__(self, db: Database, index: PartnerIndex) -> None:
        self.db = db
        self.index = index
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plan")
        self._futures: list[Future[None]] = []
        self._lock = threading.Lock()

    def submit(self, plan_id: int) -> None:
        """Solve the stored plan `plan_id` (committed as `solving`) in the background."""
        with self._lock:
            self._futures = [f for f in self._futures if not f.done()]
            self._futures.append(self._pool.submit(self._solve, plan_id))

    def _solve(self, plan_id: int) -> None:
        last = [0.0]

        def progress(stage: str, done: float) -> None:
            # A short transaction per tenth of the work: pollers see it move.
            if done - last[0] >= 0.1:
                last[0] = done
                with self.db.sessionmaker.begin() as session:
                    service.set_progress(session, plan_id, done)

        try:
            # Solved on a read-only session, so progress can be written meanwhile.
            with self.db.sessionmaker() as session:
                result = service.solved(session, self.index, plan_id, progress)
            with self.db.sessionmaker.begin() as session:
                service.store(session, plan_id, result)
        except Exception as exc:  # the plan says why; the thread lives on for the next
            log.exception("plan %d failed", plan_id)
            with self.db.sessionmaker.begin() as session:
                service.failed(session, plan_id, str(exc) or type(exc).__name__)

    def wait(self, timeout: float | None = None) -> None:
        """Until every plan submitted so far is solved (tests, shutdown)."""
        with self._lock:
            futures = list(self._futures)
        for future in futures:
            future.result(timeout=timeout)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
