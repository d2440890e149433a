"""Background work in one place: the Poller's loop (a failed pass is counted and the loop goes
on, a full batch runs again at once, a stop waits no longer than told), a timed job run once
by two schedulers on one database, and an API process with BACKGROUND=off starting none of it."""

import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import partial

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from app.main import create_app
from app.ops import claims
from app.ops.background import Poller, Wakers
from app.ops.jobs import Background
from app.types import utcnow
from tests.app.ops.test_metrics import sample, scrape

WAIT = 20.0  # seconds: a bound on waiting for an event, never a sleep


class Passes:
    """A pass that answers from a script (an int, or an exception to raise) and signals
    each pass made."""

    def __init__(self, *script: int | Exception) -> None:
        self.script = list(script)
        self.made = 0
        self.cond = threading.Condition()

    def __call__(self) -> int:
        with self.cond:
            self.made += 1
            self.cond.notify_all()
            answer = self.script.pop(0) if self.script else 0
        if isinstance(answer, Exception):
            raise answer
        return answer

    def wait_for(self, passes: int) -> None:
        with self.cond:
            assert self.cond.wait_for(lambda: self.made >= passes, WAIT), self.made


@pytest.fixture
def started() -> Iterator[list[Poller]]:
    pollers: list[Poller] = []
    yield pollers
    for poller in pollers:
        assert poller.stop(WAIT)


def test_a_failed_pass_is_logged_and_counted_and_the_loop_goes_on(
    started: list[Poller], caplog: pytest.LogCaptureFixture
) -> None:
    passes = Passes(RuntimeError("database away"), 0)
    wakers = Wakers()
    poller = Poller("test-outbox", passes, every=60, batch=5, wakers=wakers)
    started.append(poller)
    with caplog.at_level(logging.ERROR, logger="app.ops.background"):
        poller.start()
        passes.wait_for(1)
        wakers.wake_all()  # what a commit that queued work does; the poll is a minute away
        passes.wait_for(2)
    assert poller.runs.failed == 1
    assert poller.runs.last_error == "RuntimeError: database away"
    assert "test-outbox: pass failed" in caplog.text
    assert [t.name for t in threading.enumerate()].count("test-outbox") == 1


def test_a_full_batch_runs_again_at_once_and_stop_waits_only_so_long(
    started: list[Poller],
) -> None:
    passes = Passes(5, 5, 0)  # two full batches: the third pass comes without a poll
    poller = Poller("test-outbox", passes, every=60, batch=5)
    poller.start()
    passes.wait_for(3)
    assert poller.runs.ok >= 3
    assert poller.stop(WAIT)

    release = threading.Event()
    stuck = Poller("stuck-outbox", lambda: int(release.wait(WAIT)), every=60, batch=5)
    started.append(stuck)
    stuck.start()
    assert stuck.stop(0.05) is False  # the pass under way goes on; the caller does not wait
    release.set()


def test_two_schedulers_on_one_database_run_a_timed_job_once(db: Database) -> None:
    """Two processes' schedules fire for the same run (here: each catches up at start); one
    runs it, the other finds it claimed and skips it."""
    ran: list[str] = []
    other = Database(db.url)  # another process's engine
    backgrounds = [Background(db), Background(other)]
    for n, background in enumerate(backgrounds):
        background.schedule("digest", partial(ran.append, f"process {n}"), every=timedelta(days=7))
    try:
        for background in backgrounds:
            background.start(catch_up=True)
        for background in backgrounds:
            assert background.wait("digest", WAIT)
    finally:
        for background in backgrounds:
            assert background.stop(WAIT) == []
        other.dispose()
    assert len(ran) == 1
    runs = [b.jobs["digest"].runs for b in backgrounds]
    assert sorted((r.ok, r.skipped) for r in runs) == [(0, 1), (1, 0)]
    with db.sessionmaker() as session:
        [state] = claims.states(session, utcnow())
    assert (state.name, state.failures, state.running) == ("digest", 0, False)
    assert state.last_succeeded_at is not None

    # Asked for at once (a list found the loads out of date), it runs though it just ran.
    again = Background(db)
    again.schedule("digest", lambda: ran.append("asked"), every=timedelta(days=7))
    again.start()
    try:
        assert again.run_now("digest")
        assert again.wait("digest", WAIT)
    finally:
        assert again.stop(WAIT) == []
    assert ran[1:] == ["asked"]


def test_a_run_is_claimed_once_by_the_time_it_was_scheduled_for(db: Database) -> None:
    background = Background(db)
    background.schedule("refresh", lambda: None, cron="5 0 * * *")
    job = background.jobs["refresh"]
    monday = datetime(2027, 1, 4, 0, 5, tzinfo=UTC)
    # A fire late in the day (a worker catching up) stands for that day's run at 00:05.
    assert job.slot(monday + timedelta(hours=14)) == monday
    assert job.slot(monday - timedelta(seconds=1)) == monday - timedelta(days=1)

    def claim(holder: str, at: datetime, slot: datetime) -> bool:
        with db.sessionmaker.begin() as session:
            return claims.claim(session, "refresh", holder, at, timedelta(minutes=30), slot)

    assert claim("a", monday, monday)
    assert not claim("b", monday + timedelta(seconds=1), monday)  # held
    with db.sessionmaker.begin() as session:
        assert claims.finish(session, "refresh", "a", monday + timedelta(seconds=2), None)
    assert not claim("b", monday + timedelta(hours=14), monday)  # that run is made
    assert claim("b", monday + timedelta(days=1), monday + timedelta(days=1))  # the next is not


def _background_threads(settings: Settings, db: Database) -> tuple[set[str], object]:
    app = create_app(settings, db=db)
    before = set(threading.enumerate())
    with TestClient(app) as client:
        assert client.get("/health").status_code == 200
        names = {t.name for t in set(threading.enumerate()) - before}
        background = client.app.state.background  # type: ignore[attr-defined]
    return names, background


def test_background_off_starts_no_background_thread_in_the_api(db: Database) -> None:
    on = Settings(database_url=db.url, embedder="tfidf")
    names, background = _background_threads(on, db)
    assert isinstance(background, Background)
    expected = {"mail-outbox", "webhook-outbox", "APScheduler"}
    assert expected <= names  # what embedded starts, by name: the check below means something
    assert background.thread_names() >= expected

    off = on.model_copy(update={"background": "off"})
    names, background = _background_threads(off, db)
    assert background is None
    assert names.isdisjoint(expected), names
    assert not any(n.startswith("background-job") for n in names)


def test_metrics_show_each_job_and_its_last_run(db: Database) -> None:
    settings = Settings(database_url=db.url, embedder="tfidf", webhook_worker=False)
    with TestClient(create_app(settings, db=db)) as client:
        background: Background = client.app.state.background  # type: ignore[attr-defined]
        assert background.run_now("load-refresh")
        assert background.wait("load-refresh", WAIT)
        samples = scrape(client)
    assert sample(samples, "partnermatch_job_runs_total", job="load-refresh", outcome="ok") == 1
    assert sample(samples, "partnermatch_job_failures", job="load-refresh") == 0
    assert sample(samples, "partnermatch_job_last_success_timestamp_seconds", job="load-refresh")
    assert sample(samples, "partnermatch_job_last_run_timestamp_seconds", job="load-refresh")
    assert ("partnermatch_job_runs_total", (("job", "mail-outbox"), ("outcome", "failed"))) in (
        samples
    )
    assert sample(samples, "partnermatch_mail_messages", status="pending") == 0
