"""Background work in one place: each domain registers its outbox's worker (a Poller) and its
timed jobs here, and the whole is started and stopped together, by each API process
(BACKGROUND=embedded, the default) or by `partnermatch worker` apart from the API.

Timed jobs run on one scheduler (APScheduler's BackgroundScheduler, in UTC), a cron
expression or an interval each. Work runs once per deployment however many processes run
it: an outbox claims each row with a lease, and a timed job claims each run in the
database (app.ops.claims): of the processes whose schedules fire for the same run, one runs
it and the others skip it. This module knows no domain: they register with it."""

import itertools
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from app.db import Database
from app.ops import claims
from app.ops.background import Poller, Runs, in_words
from app.types import utcnow

log = logging.getLogger(__name__)

#: Interval schedules count from this instant, so every process's fire at the same times.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_instances = itertools.count(1)


class Worker(Protocol):
    """An outbox's worker: its poller, and how to start and stop it (what else it holds, an
    HTTP client say, is its own business)."""

    poller: Poller

    def start(self) -> None: ...

    def stop(self, timeout: float | None = None) -> bool: ...


@dataclass
class Job:
    """A timed job as registered: what it runs, when, and its bookkeeping in this process."""

    name: str
    run: Callable[[], object]
    trigger: Any  # an APScheduler trigger
    when: str  # the schedule, in words
    # The longest time between two runs: how far back the run a fire stands for may be.
    longest: timedelta
    lease: timedelta
    # Whether a run missed while no process ran is made up for at a worker's start.
    catch_up: bool
    runs: Runs
    # A run asked for (`Background.run_now`, or a catch-up at start) and not begun yet;
    # `forced`: it is run whether or not its scheduled run was made (asked for at once).
    asked: bool = False
    forced: bool = False
    running: bool = False
    cond: threading.Condition = field(default_factory=threading.Condition)

    def slot(self, now: datetime) -> datetime | None:
        """The run a fire at `now` stands for: the last time the schedule named up to then
        (every process's fire for it names the same), or None if none yet."""
        found = None
        previous = None
        at = now - self.longest - timedelta(seconds=1)
        while True:
            fire: datetime | None = self.trigger.get_next_fire_time(previous, at)
            if fire is None or fire > now:
                return found
            found, previous, at = fire, fire, fire + timedelta(microseconds=1)

    def idle(self) -> bool:
        return not self.asked and not self.running

    def take_ask(self) -> bool:
        """The asked-for run begins: answers whether it is forced (call under `cond`)."""
        forced = self.forced and self.asked
        self.asked = self.forced = False
        return forced


class Background:
    """The registry and its runner. `add` and `schedule` before `start`; `stop` ends it all
    within a timeout."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Callable[[], datetime] = utcnow,
        threads: int = 4,
    ) -> None:
        self.db = db
        self.clock = clock
        self.threads = threads
        # Who holds a claimed run, in the database: this host, process and instance.
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{next(_instances)}"
        self.workers: list[Worker] = []
        self.jobs: dict[str, Job] = {}
        self._scheduler: BackgroundScheduler | None = None

    # Registering

    def add(self, worker: Worker) -> None:
        """An outbox's worker, started and stopped with the rest."""
        self.workers.append(worker)

    def schedule(
        self,
        name: str,
        run: Callable[[], object],
        *,
        cron: str | None = None,
        every: timedelta | None = None,
        lease: timedelta = timedelta(minutes=30),
        catch_up: bool = True,
    ) -> None:
        """Run `run` on a schedule: `cron` (a crontab line, UTC: "5 0 * * *" is 00:05 each
        day) or `every` (counted from a fixed instant, so every process fires together).
        Once per deployment: each run is claimed in the database; `lease` is longer than a
        run can take (a holder that died lets go when it ends). `catch_up`: a worker that
        starts after a run no process made (it was down then) makes it at once; False for
        work that is worth nothing late."""
        if (cron is None) == (every is None):
            raise ValueError("a job runs on a cron expression or every so long, one of them")
        if name in self.jobs:
            raise ValueError(f"a job named {name!r} is registered already")
        if cron is not None:
            trigger: Any = CronTrigger.from_crontab(cron, timezone=UTC)
            when = f"cron '{cron}' UTC"
        else:
            assert every is not None
            trigger = IntervalTrigger(seconds=every.total_seconds(), start_date=EPOCH)
            when = f"every {every}"
        longest = _longest_gap(trigger, self.clock())
        self.jobs[name] = Job(name, run, trigger, when, longest, lease, catch_up, Runs(name))

    # What runs

    def describe(self) -> list[str]:
        """What this runs, a line each (said when the worker starts)."""
        return [w.poller.describe() for w in self.workers] + [
            f"{job.name}: {job.when}, once per deployment" for job in self.jobs.values()
        ]

    def runs(self) -> list[Runs]:
        """What each piece of work did in this process (for /metrics)."""
        return [w.poller.runs for w in self.workers] + [j.runs for j in self.jobs.values()]

    def thread_names(self) -> set[str]:
        """The threads this starts (the pollers', the scheduler's and its pool's prefix)."""
        return {w.poller.name for w in self.workers} | {"APScheduler", "background-job"}

    @property
    def running(self) -> bool:
        return self._scheduler is not None

    # Running

    def start(self, *, catch_up: bool = False) -> None:
        """Start every worker and the scheduler. With `catch_up` (the worker command), each
        timed job that catches up makes its last scheduled run at once, unless a process
        made it: a run missed while no process ran is made up for."""
        for worker in self.workers:
            worker.start()
        scheduler = BackgroundScheduler(
            timezone=UTC,
            executors={
                "default": ThreadPoolExecutor(
                    self.threads, pool_kwargs={"thread_name_prefix": "background-job"}
                )
            },
            # A run missed (the process busy or asleep) runs once, late, rather than never
            # or many times; never two runs of a job at once in a process.
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        now = self.clock()
        for job in self.jobs.values():
            now_too = catch_up and job.catch_up
            if now_too:
                with job.cond:
                    job.asked = True  # `wait` waits for it
            scheduler.add_job(
                self._fire,
                job.trigger,
                args=[job],
                id=job.name,
                name=job.name,
                **({"next_run_time": now} if now_too else {}),
            )
        self._scheduler = scheduler
        scheduler.start()

    def stop(self, timeout: float = 30.0) -> list[str]:
        """Stop the workers after the item each is sending and the scheduler after the runs
        under way, all within about `timeout` seconds; answers the names of what was still
        running then (left to end on their own: their leases let go)."""
        started = time.monotonic()

        def remaining() -> float:
            return max(0.0, timeout - (time.monotonic() - started))

        left: list[str] = []
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None:
            scheduler.shutdown(wait=False)  # no new runs; those under way are awaited below
        for worker in self.workers:
            if not worker.stop(remaining()):
                left.append(worker.poller.name)
        for job in self.jobs.values():
            with job.cond:
                job.take_ask()  # asked for, not begun: it will not be
                job.cond.notify_all()
                if not job.cond.wait_for(job.idle, remaining()):
                    left.append(job.name)
        return left

    def run_now(self, name: str) -> bool:
        """Run job `name` as soon as a thread is free, whatever its schedule (still once
        per deployment at a time); a run asked for while one is waiting is that one, while
        one is under way the next. False: not running (BACKGROUND=off, or not started)."""
        job = self.jobs[name]
        scheduler = self._scheduler
        if scheduler is None:
            return False
        with job.cond:
            job.forced = True
            if job.asked:
                return True
            job.asked = True
            if job.running:
                return True  # the run under way runs it when it ends
        try:
            scheduler.modify_job(name, next_run_time=self.clock())
        except JobLookupError:  # stopped meanwhile: the job is gone with the scheduler
            with job.cond:
                job.take_ask()
                job.cond.notify_all()
            return False
        return True

    def wait(self, name: str, timeout: float | None = None) -> bool:
        """Wait until job `name` has no run asked for or under way; answers whether so."""
        job = self.jobs[name]
        with job.cond:
            return job.cond.wait_for(job.idle, timeout)

    def _fire(self, job: Job) -> None:
        """What the scheduler runs: the job's run, then the runs asked for meanwhile."""
        with job.cond:
            if self._scheduler is None:  # handed to a thread just before `stop`
                return
            job.running = True
            forced = job.take_ask()
        while True:
            self._run(job, forced)
            with job.cond:
                if job.asked and self._scheduler is not None:
                    forced = job.take_ask()
                    continue
                job.running = False
                job.cond.notify_all()
                return

    def _run(self, job: Job, forced: bool) -> None:
        """One run: claimed (skipped when another process has it), run, and kept."""
        now = self.clock()
        slot = None if forced else job.slot(now)
        if not forced and slot is None:
            return  # a catch-up before the schedule's first run: nothing was missed
        try:
            with self.db.sessionmaker.begin() as session:
                taken = claims.claim(session, job.name, self.holder, now, job.lease, slot)
        except Exception as exc:  # the database may be away: the next run tries again
            log.exception("%s: could not claim the run", job.name)
            job.runs.finished(in_words(exc))
            return
        if not taken:
            job.runs.skipped += 1
            log.debug("%s: run at %s skipped: another process has it", job.name, now)
            return
        job.runs.started()
        error = None
        try:
            job.run()
        except Exception as exc:
            log.exception("%s failed", job.name)
            error = in_words(exc)
        try:
            with self.db.sessionmaker.begin() as session:
                kept = claims.finish(session, job.name, self.holder, self.clock(), error)
            if not kept:
                log.warning("%s: ran past its lease (%s); its end was not kept", job.name,
                            job.lease)  # fmt: skip
        except Exception:
            log.exception("%s: could not keep how the run went", job.name)
        job.runs.finished(error)


def _longest_gap(trigger: Any, now: datetime) -> timedelta:
    """The longest time between two of the trigger's next dozen fire times (a month at the
    most once none is left, for a schedule that ends)."""
    times: list[datetime] = []
    previous = None
    at = now
    for _ in range(12):
        fire: datetime | None = trigger.get_next_fire_time(previous, at)
        if fire is None:
            break
        times.append(fire)
        previous, at = fire, fire + timedelta(microseconds=1)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    return max(gaps) if gaps else timedelta(days=31)
