"""Partner vectors computed by the background work (`app.ops.jobs`), not by the requests that
meet them missing: the worker `partner-vectors` reads the index change log past what it has
seen (one query a poll) and computes the vectors of the partners written since whose text
changed, all of them after a big import (the log says "too many"), and every missing one when
it starts or when a process's index asks (`want`: a query met partners it could not read, an
import stored new profiles). `embed_all` computes them under a deployment-wide lock, so of
several processes one computes each vector and the others find it stored. With
BACKGROUND=off the API computes none beyond the few a query embeds for itself, and
`partnermatch worker` does."""

import threading

from app.config import Settings
from app.db import Database
from app.matches import change_log
from app.matches.index import OnVectors, PartnerIndex, embed_all
from app.ops.background import Polled, Poller
from app.ops.jobs import Background
from matching.embeddings import Embedder


class VectorWorker(Polled):
    """Computes the partner vectors due: `embed_due` is one pass; `start` runs passes in a
    Poller thread; `want` asks for a whole pass now, `wait_idle` waits for it."""

    def __init__(
        self,
        db: Database,
        embedder: Embedder,
        *,
        every: float,
        on_vectors: OnVectors | None = None,
    ) -> None:
        self.db = db
        self.embedder = embedder
        self.on_vectors = on_vectors
        self.watch = change_log.ChangeWatch()
        self._started = False
        self._lock = threading.Lock()
        self._asked = 1  # passes asked for (a whole one at start)
        self._done = 0  # the `_asked` the last finished pass began from
        self._idle = threading.Condition(self._lock)
        # A pass that found work asked for meanwhile runs again at once (batch 1).
        self.poller = Poller("partner-vectors", self.embed_due, every=every, batch=1)

    def want(self) -> None:
        """Compute every missing or outdated vector now, not at the next poll."""
        with self._lock:
            self._asked += 1
        self.poller.wake()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until a pass begun after the last `want` has finished (tests)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._done >= self._asked, timeout)

    def embed_due(self) -> int:
        """One pass: the vectors of the partners changed since the last (all of them at
        start, after a `want`, or when the log says too many changed); answers 1 when more
        was asked for during the pass (run again at once), else 0."""
        with self._lock:
            asked = self._asked
            whole = asked > self._done
        with self.db.sessionmaker() as session:
            if not self._started:
                self.watch.start(session)
                self._started, changed = True, None
            else:
                changed = self.watch.changes(session)
        ids = None if whole or changed is None else sorted(changed)
        try:
            if ids is None or ids:
                embed_all(self.db, self.embedder, ids, on_vectors=self.on_vectors)
        finally:
            with self._idle:
                self._done = max(self._done, asked)
                self._idle.notify_all()
                again = self._asked > self._done
        return 1 if again else 0


def register(background: Background, db: Database, index: PartnerIndex, settings: Settings) -> None:
    """This worker, run with the rest of the background work; the index asks it for vectors
    it meets missing."""
    if not index.embedder.dense:
        return  # TF-IDF reads the words themselves: no vectors to store
    worker = VectorWorker(db, index.embedder, every=settings.vector_poll_seconds,
                          on_vectors=index.on_vectors)  # fmt: skip
    background.add(worker)
    index.vectors = worker
