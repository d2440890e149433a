"""The index change log: what a write stamps, and how a process's index learns it is stale.

A write that changes what rankings read adds a row per record to `index_changes` in its own
transaction (`stamp`). Rows are only inserted, so concurrent writers never wait on each other
here. An index remembers the highest id it has seen; ids are handed out before commit, so a
slower transaction can commit an id below one already seen. The ids skipped over are kept as
gaps and looked for again, for a while, so such a change is never missed.

Rows older than a day are pruned (`prune`, from each process's background rebuild). A row a
process has not read was committed after its last look, so only a process that has not looked
for half that long can have lost one: it rebuilds whole instead, as one far behind does.
"""

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from app.matches.models import IndexChange
from app.types import utcnow

#: How long an id skipped over is waited for: longer than any write transaction runs.
GAP_PATIENCE_SECONDS = 120.0
#: Ids read per look; more new changes than this count as "changed" all the same.
LOOK_LIMIT = 10_000
#: How far below the newest id a new index looks for transactions still in flight.
LOOK_BACK = 1_000
#: Rows older than this are pruned: far longer than GAP_PATIENCE_SECONDS and than any write
#: transaction, so no process still waits for one of them as a gap.
KEEP = timedelta(days=1)
#: A process that has not read the log for this long rebuilds whole (see above).
STALE_AFTER = KEEP / 2


def _clock() -> float:
    """Seconds on a clock that only moves forward (tests move it)."""
    return time.monotonic()


def stamp(session: Session, kind: str, records: Iterable[tuple[int, int | None]]) -> int:
    """Log that the records (id, organization id) of `kind` changed; answers how many."""
    now = utcnow()
    rows = [
        {"kind": kind, "record_id": rid, "organization_id": org, "changed_at": now}
        for rid, org in records
    ]
    if rows:
        session.execute(insert(IndexChange), rows)
    return len(rows)


def latest(session: Session) -> int:
    """The newest change's id (0 when none): an index built after reading it is current."""
    return session.scalar(select(func.max(IndexChange.id))) or 0


def prune(session: Session) -> int:
    """Delete the rows older than KEEP; answers how many."""
    result = session.execute(delete(IndexChange).where(IndexChange.changed_at < utcnow() - KEEP))
    return int(getattr(result, "rowcount", 0) or 0)


@dataclass
class ChangeWatch:
    """What one index has seen of the change log. Thread-safe."""

    seen: int = 0
    gaps: dict[int, float] = field(default_factory=dict)  # id -> when first skipped
    looked: float = field(default_factory=_clock)  # when the log was last read
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def start(self, session: Session) -> None:
        """Begin at the log's end; the ids missing from its last stretch may still be
        committed by transactions in flight, so they are watched as gaps."""
        top = latest(session)
        with self._lock:
            self.seen, self.gaps, self.looked = max(top - LOOK_BACK, 0), {}, _clock()
        self.observe(list(session.scalars(
            select(IndexChange.id).where(IndexChange.id > self.seen, IndexChange.id <= top)
        )))  # fmt: skip

    def floor(self) -> int:
        """The id after which anything not yet seen may still appear."""
        with self._lock:
            return min(self.gaps, default=self.seen + 1) - 1

    def changes(self, session: Session) -> set[int] | None:
        """Read the log past the floor: the organizations whose records changed since last
        asked, or None when more changed than is worth reading (a big import), or when the
        log was last read so long ago that rows not read yet may have been pruned: rebuild
        whole, and the watch starts again at the log's end."""
        if _clock() - self.looked > STALE_AFTER.total_seconds():
            self.start(session)
            return None
        self.looked = _clock()
        rows = list(
            session.execute(
                select(IndexChange.id, IndexChange.organization_id)
                .where(IndexChange.id > self.floor())
                .order_by(IndexChange.id)
                .limit(LOOK_LIMIT)
            )
        )
        if len(rows) == LOOK_LIMIT:
            self.start(session)
            return None
        new = set(self.observe_new([i for i, _ in rows]))
        return {org for i, org in rows if i in new and org is not None}

    def news(self, session: Session) -> bool:
        """Whether anything changed since last asked (see `changes`)."""
        found = self.changes(session)
        return found is None or bool(found)

    def observe(self, ids: list[int], now: float | None = None) -> bool:
        """Take in the ids found past the floor (ascending); answers whether any was new."""
        return bool(self.observe_new(ids, now))

    def observe_new(self, ids: list[int], now: float | None = None) -> list[int]:
        """Take in the ids found past the floor (ascending); answers those not seen before."""
        now = _clock() if now is None else now
        with self._lock:
            found = set(ids)
            new = [i for i in ids if i > self.seen or i in self.gaps]
            for i in found & set(self.gaps):
                del self.gaps[i]
            top = max(ids, default=self.seen)
            for i in range(self.seen + 1, top):
                if i not in found and top - i <= LOOK_LIMIT:
                    self.gaps[i] = now
            self.seen = max(self.seen, top)
            for i, since in list(self.gaps.items()):
                if now - since > GAP_PATIENCE_SECONDS:
                    del self.gaps[i]  # rolled back: that id will never appear
            return new
