"""The index change log as an index reads it: a change committed late, below an id already
seen, is still noticed; an id rolled back is given up after a while."""

import pytest
from sqlalchemy import select, update

from app.db import Database
from app.matches import change_log
from app.matches.change_log import GAP_PATIENCE_SECONDS, ChangeWatch
from app.matches.models import IndexChange
from app.types import utcnow


def test_a_change_committed_after_a_later_one_is_still_seen() -> None:
    watch = ChangeWatch()
    assert watch.observe([1, 2], now=0.0)
    assert not watch.observe([], now=1.0)  # nothing new
    # Id 3 is still in flight when 4 commits: 4 is new, 3 is a gap to look for again.
    assert watch.observe([4], now=2.0)
    assert watch.floor() == 2
    assert not watch.observe([4], now=3.0)  # 4 again: already seen
    assert watch.observe([3, 4], now=4.0)  # 3 committed at last: new
    assert watch.floor() == 4


def test_an_id_rolled_back_is_given_up_after_the_patience() -> None:
    watch = ChangeWatch()
    watch.observe([1], now=0.0)
    watch.observe([3], now=1.0)  # 2 never commits
    assert watch.floor() == 1
    assert not watch.observe([3], now=1.0 + GAP_PATIENCE_SECONDS + 1)
    assert watch.floor() == 3


def test_far_behind_it_jumps_to_the_end_once(monkeypatch: pytest.MonkeyPatch, db: Database) -> None:
    monkeypatch.setattr(change_log, "LOOK_LIMIT", 5)
    monkeypatch.setattr(change_log, "LOOK_BACK", 5)
    watch = ChangeWatch()
    with db.sessionmaker.begin() as session:
        watch.start(session)
        change_log.stamp(session, "organizations", [(i, i) for i in range(1, 13)])
    with db.sessionmaker() as session:
        assert watch.news(session)  # 12 new rows, more than one look: a rebuild, then current
        assert not watch.news(session)


def test_pruning_deletes_the_rows_older_than_a_day(db: Database) -> None:
    with db.sessionmaker.begin() as session:
        change_log.stamp(session, "organizations", [(i, i) for i in range(1, 6)])
    with db.engine.begin() as conn:
        conn.execute(update(IndexChange).values(changed_at=utcnow() - change_log.KEEP * 2))
    with db.sessionmaker.begin() as session:
        change_log.stamp(session, "organizations", [(9, 9)])
    with db.sessionmaker.begin() as session:
        assert change_log.prune(session) >= 5  # and whatever earlier rows the database held
    with db.sessionmaker() as session:
        assert session.scalars(select(IndexChange.record_id)).all() == [9]


def test_a_watch_that_has_not_looked_for_half_a_day_starts_again(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    watch = ChangeWatch()
    with db.sessionmaker.begin() as session:
        watch.start(session)
        change_log.stamp(session, "organizations", [(1, 1)])
    with db.sessionmaker() as session:
        assert watch.changes(session) == {1}
        idle = change_log._clock() + change_log.STALE_AFTER.total_seconds() + 1
        monkeypatch.setattr(change_log, "_clock", lambda: idle)
        assert watch.changes(session) is None  # rows it never read may be gone: rebuild
        assert watch.changes(session) == set()  # started again at the end: current
