"""The loop every outbox runs, written once: a Poller (a named daemon thread running a pass
every few seconds, at once when a commit wakes it, again while passes come back full), the
pass itself (OutboxWorker: claim each due row with a lease, attempt it), the Wakers a commit
calls, the retry policy of what failed, and what each piece of background work did (Runs,
for /metrics). Domains hand it their rows and attempts; it knows none of them."""

import logging
import random
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session

from app.db import Database

log = logging.getLogger(__name__)

C = TypeVar("C")


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter: the n-th retry waits a random time between half and
    all of `base * 2**(n-1)`, capped at `cap`; retries go on until `window` has passed since
    the item (a delivery, a message) was created, the last one at the window's end."""

    base: timedelta
    cap: timedelta
    window: timedelta

    def backoff(self, attempts: int, rng: random.Random) -> timedelta:
        """The wait after `attempts` failed attempts (1 or more)."""
        ceiling = min(self.cap.total_seconds(), self.base.total_seconds() * 2 ** (attempts - 1))
        # Jitter spreads the retries of many items that failed together (an outage).
        return timedelta(seconds=rng.uniform(ceiling / 2, ceiling))

    def deadline(self, created_at: datetime) -> datetime:
        """The last time an item created at `created_at` is tried."""
        return created_at + self.window

    def retry_at(
        self, attempts: int, now: datetime, deadline: datetime, rng: random.Random
    ) -> datetime:
        """When to try again after `attempts` failed attempts, by the deadline at the latest."""
        return min(now + self.backoff(attempts, rng), deadline)

    def next_attempt(
        self, attempts: int, created_at: datetime, now: datetime, rng: random.Random
    ) -> datetime | None:
        """When to try an item created at `created_at` again after `attempts` failed
        attempts; None once its window has passed (give it up)."""
        deadline = self.deadline(created_at)
        return self.retry_at(attempts, now, deadline, rng) if now < deadline else None


class Wakers:
    """Who to wake when a commit wrote work for them: the pollers of this process, woken at
    once rather than at their next poll. One registry per outbox."""

    def __init__(self) -> None:
        self._wakers: set[Callable[[], None]] = set()
        self._lock = threading.Lock()

        # One function object for the session event, so that `event.contains` finds it.
        def on_commit(_session: Session) -> None:
            self.wake_all()

        self._on_commit = on_commit

    def add(self, wake: Callable[[], None]) -> None:
        """Call `wake` after every commit that wrote work (see `after_commit`)."""
        with self._lock:
            self._wakers.add(wake)

    def remove(self, wake: Callable[[], None]) -> None:
        with self._lock:
            self._wakers.discard(wake)

    def wake_all(self) -> None:
        with self._lock:
            wakers = list(self._wakers)
        for wake in wakers:
            wake()

    def after_commit(self, session: Session) -> None:
        """Wake them when `session` commits: this session only, once; a rolled-back
        transaction wakes no one."""
        if not event.contains(session, "after_commit", self._on_commit):
            event.listen(session, "after_commit", self._on_commit, once=True)


class Runs:
    """What one piece of background work did in this process: passes or runs that went
    well, failed (raised) or were skipped (another process had it), and when it last ran.
    Read by /metrics from another thread: plain counters, each written by one thread."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.ok = 0
        self.failed = 0
        self.skipped = 0
        self.last_started: float | None = None  # Unix time
        self.last_finished: float | None = None
        self.last_error: str | None = None

    def started(self) -> None:
        self.last_started = time.time()

    def finished(self, error: str | None = None) -> None:
        self.last_finished = time.time()
        if error is None:
            self.ok += 1
        else:
            self.failed += 1
            self.last_error = error


def in_words(exc: BaseException) -> str:
    """An exception as kept for an operator: its kind and first line, short."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first}"[:500] if first else type(exc).__name__


class Poller:
    """Runs `work` (one pass: answers how many items it took) in a daemon thread named
    `name`: every `every` seconds, at once when woken (a commit wrote work: see `Wakers`),
    and again without waiting while passes come back full (`batch` items: more may be due).

    A pass that raises is logged and counted, and the loop goes on at the next poll (the
    database may be away for a while). `stop` ends the loop after the pass under way; a
    pass may look at `stopping` between items to end sooner."""

    def __init__(
        self,
        name: str,
        work: Callable[[], int],
        *,
        every: float,
        batch: int,
        wakers: Wakers | None = None,
    ) -> None:
        self.name = name
        self.work = work
        self.every = every
        self.batch = batch
        self.wakers = wakers
        self.runs = Runs(name)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def describe(self) -> str:
        woken = " and at once after a commit of this process queues work" if self.wakers else ""
        return f"{self.name}: every {self.every:g} s{woken}"

    def start(self) -> None:
        """Run passes in the thread until `stop`."""
        if self.wakers is not None:
            self.wakers.add(self.wake)
        self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Make the thread run a pass now rather than at the next poll."""
        self._wake.set()

    def run_once(self) -> int:
        """One pass, counted; answers how many items it took (0 if it raised: logged)."""
        self.runs.started()
        try:
            made = self.work()
        except Exception as exc:
            log.exception("%s: pass failed; trying again at the next poll", self.name)
            self.runs.finished(in_words(exc))
            return 0
        self.runs.finished()
        return made

    def _loop(self) -> None:
        while not self._stop.is_set():
            if self.run_once() < self.batch:
                self._wake.wait(self.every)
                self._wake.clear()

    def stop(self, timeout: float | None = None) -> bool:
        """Stop the thread after the pass under way, waiting up to `timeout` seconds (None:
        as long as it takes); answers whether it has ended."""
        if self.wakers is not None:
            self.wakers.remove(self.wake)
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is None:
            return True
        thread.join(timeout)
        if thread.is_alive():
            log.warning(
                "%s: still in a pass after %s s; left to end on its own", self.name, timeout
            )
            return False
        return True


class Polled:
    """A worker whose passes a Poller runs (`poller`): started, woken and stopped through it."""

    poller: Poller

    def start(self) -> None:
        """Run passes in the poller's daemon thread until `stop`."""
        self.poller.start()

    def wake(self) -> None:
        """Make the thread run a pass now rather than at the next poll."""
        self.poller.wake()

    def stop(self, timeout: float | None = None) -> bool:
        """Stop the thread after the pass under way (what it leaves, its lease gives back);
        answers whether it ended within `timeout`."""
        return self.poller.stop(timeout)


class OutboxWorker(Polled, ABC, Generic[C]):
    """What every outbox's worker does: a pass reads the rows due (oldest first, a batch at
    most), takes each with a lease (`claim`: a row another worker took first is passed over)
    and attempts it (`attempt`); a Poller runs passes, woken by the outbox's `wakers`. A
    domain's worker says how its rows are found, claimed and attempted (type C: what a
    claim read for the attempt)."""

    def __init__(
        self,
        db: Database,
        name: str,
        *,
        work: Callable[[], int],
        every: float,
        batch: int,
        lease: timedelta,
        policy: RetryPolicy,
        wakers: Wakers,
        clock: Callable[[], datetime],
        rng: random.Random | None,
        on_attempt: Callable[[str], None] | None,
    ) -> None:
        self.db = db
        self.batch = batch
        self.lease = lease
        self.policy = policy
        self.clock = clock
        self.rng = rng or random.Random()
        # Told of each attempt kept, by outcome in the domain's words; the metrics.
        self.on_attempt = on_attempt
        self.poller = Poller(name, work, every=every, batch=batch, wakers=wakers)

    @abstractmethod
    def due(self, session: Session, now: datetime, limit: int) -> list[int]:
        """Ids of the rows due at `now` that no worker holds, oldest due first."""

    @abstractmethod
    def claim(self, session: Session, id_: int, now: datetime, until: datetime) -> C | None:
        """Take row `id_` until `until` (None: another worker has it) and read its attempt."""

    @abstractmethod
    def attempt(self, claimed: C, now: datetime | None) -> None:
        """Attempt the row claimed and keep how it went (its lease let go)."""

    def run_pass(self, now: datetime | None = None) -> int:
        """Claim and attempt the rows due at `now` (default: the clock), up to one batch;
        answers how many were taken."""
        with self.db.sessionmaker.begin() as session:
            ids = self.due(session, now or self.clock(), self.batch)
        made = 0
        for id_ in ids:
            if self.poller.stopping:
                break
            at = now or self.clock()
            with self.db.sessionmaker.begin() as session:
                claimed = self.claim(session, id_, at, at + self.lease)
            if claimed is None:  # another worker took it first
                continue
            self.attempt(claimed, now)
            made += 1
        return made
