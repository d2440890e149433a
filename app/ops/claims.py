"""Timed jobs' runs claimed in the database (`background_jobs`): one row per job says who
holds its run and until when, when it last ran as scheduled, and how its runs went. Of the
processes whose schedules fire for the same run, exactly one claims it (a compare-and-set,
as app.ops.leases); a holder that dies lets go when its lease ends."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Integer, String, and_, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db import Base
from app.ops.leases import unleased
from app.types import UTCDateTime


class BackgroundJob(Base):
    __tablename__ = "background_jobs"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    # Who runs it now ("host:pid:n") and until when; both empty between runs.
    leased_by: Mapped[str | None] = mapped_column(String(255))
    leased_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The time the last run claimed as scheduled was scheduled for (a run asked for at once
    # does not count): a process whose schedule fires for the same run finds it and skips it.
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_succeeded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(500))
    # Failed runs since the last one that succeeded.
    failures: Mapped[int] = mapped_column(Integer, default=0)
    runs: Mapped[int] = mapped_column(Integer, default=0)


def claim(
    session: Session,
    name: str,
    holder: str,
    now: datetime,
    lease: timedelta,
    slot: datetime | None,
) -> bool:
    """Take the run of job `name` for `holder` until `now + lease`, if nobody holds it and,
    for a scheduled run (`slot`: the time it was scheduled for), no process has claimed
    that run or a later one; answers whether this call took it."""
    dialect = session.get_bind().dialect.name
    into = postgresql_insert if dialect == "postgresql" else sqlite_insert
    # The row is made on first use, race-free (two processes starting at once make one).
    session.execute(
        into(BackgroundJob).values(name=name, failures=0, runs=0).on_conflict_do_nothing()
    )
    conditions = [
        BackgroundJob.name == name,
        unleased(BackgroundJob.leased_until, now),
    ]
    values: dict[str, object] = {
        "leased_by": holder,
        "leased_until": now + lease,
        "last_started_at": now,
    }
    if slot is not None:
        conditions.append(
            or_(BackgroundJob.scheduled_at.is_(None), BackgroundJob.scheduled_at < slot)
        )
        values["scheduled_at"] = slot
    taken = session.execute(
        update(BackgroundJob)
        .where(and_(*conditions))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(taken.rowcount == 1)  # type: ignore[attr-defined]


def finish(session: Session, name: str, holder: str, now: datetime, error: str | None) -> bool:
    """Let go of the run `holder` claimed and keep how it went; False (nothing written) if
    the lease ran out and another process holds the job now."""
    moved = session.execute(
        update(BackgroundJob)
        .where(BackgroundJob.name == name, BackgroundJob.leased_by == holder)
        .values(
            leased_by=None,
            leased_until=None,
            last_finished_at=now,
            last_succeeded_at=BackgroundJob.last_succeeded_at if error else now,
            last_error=error,
            failures=BackgroundJob.failures + 1 if error else 0,
            runs=BackgroundJob.runs + 1,
        )
        .execution_options(synchronize_session=False)
    )
    return bool(moved.rowcount == 1)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class JobState:
    """How a timed job's runs went, deployment-wide (for /metrics)."""

    name: str
    last_started_at: datetime | None
    last_succeeded_at: datetime | None
    failures: int
    running: bool


def states(session: Session, now: datetime) -> list[JobState]:
    """Every timed job that ever ran, by name."""
    rows = session.execute(
        select(
            BackgroundJob.name,
            BackgroundJob.last_started_at,
            BackgroundJob.last_succeeded_at,
            BackgroundJob.failures,
            BackgroundJob.leased_until,
        ).order_by(BackgroundJob.name)
    )
    return [
        JobState(name, started, succeeded, failures, until is not None and until >= now)
        for name, started, succeeded, failures, until in rows
    ]
