"""Each process's in-memory index of partner vectors and features, kept fresh in place.

A write stamps the organizations it touched in the index change log (one write path). Before
each ranking the index reads the log past what it has seen (one cheap query) and patches
itself: the changed partners are re-read (profile, latest interview, contacts, load) and put
into a new generation of arrays (`matching.partners.patch`: milliseconds, nothing copied that
is big), which replaces the current one whole, so a ranking never reads half-applied arrays.
A whole rebuild runs in a background thread, swapped in when done, only when the log is far
behind (a big import, or not read for half a day: rows it never read may be pruned), when the
date rolls over (load windows move with it), or when too many rows have died to patches;
requests meanwhile use the current generation. That thread first prunes the log's rows older
than a day (`change_log.prune`), so the log stays about a day long.

Vectors are stored with the hash of their text and recomputed only when the text changes;
when many are missing (a fresh import), they are computed by the background work
(`app.matches.vectors`) and the partners without one rank on their words and fit meanwhile, so
no query waits for the whole database.

TF-IDF (tests, small deployments) is fitted to the partners' texts, so it rebuilds whole, in the
request, on any change: cheap at the sizes it is meant for.
"""

import ctypes
import gc
import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

import numpy as np
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.config import Settings, settings_embedder
from app.db import Database, exclusive
from app.load import repository as load_repository
from app.load.service import DEFAULT_WINDOW, today
from app.matches import change_log, repository
from app.matches.repository import Profile
from matching.embeddings import Embedder, TfidfEmbedder, Vectors, cosine_range, text_hash
from matching.load import LoadFigures
from matching.partners import patch
from matching.ranker import Partners, Weights, build_partners
from matching.relevance import passages as cut_passages

log = logging.getLogger(__name__)

#: Missing vectors computed inside a query; more than this go to the background.
SYNC_LIMIT = 64
BATCH = 256
#: Partners whose passage vectors are kept in memory (about 10 kB each with the model).
PASSAGE_CACHE = 20_000
#: Query texts whose vectors each process keeps, and for how long (seconds).
QUERY_CACHE = 1_024
QUERY_TTL = 600.0
#: Partners changed at once that are patched in; more are left to a whole rebuild.
PATCH_LIMIT = 2_000
#: Dead rows (replaced by patches) past which a whole rebuild compacts the arrays: this share
#: of the rows, and at least DEAD_MIN of them.
DEAD_LIMIT = 0.2
DEAD_MIN = 1_000


class VectorQueue(Protocol):
    """Who computes the partner vectors a process meets missing (`app.matches.vectors`)."""

    def want(self) -> None: ...

    def wait_idle(self, timeout: float | None = None) -> bool: ...


@dataclass(frozen=True)
class Built:
    version: int
    partners: Partners
    query_embedder: Embedder  # embeds a need's text in the partners' vector space
    pending: int  # partners whose vectors are still being computed
    # Per row, what its passages are cut from (text, listed skills): cut when first ranked in
    # a query's pool, not for every partner at each build.
    sources: list[tuple[str, list[str]]]
    keys: list[str]  # per row, the hash of what its vector and words come from
    day: date  # the load figures are as of this day


#: Told of each whole build or patch: "build" or "patch", how long it took (seconds), and how
#: many vectors the index still lacks.
OnBuild = Callable[[str, float, int], None]
#: Told how many vectors are left to compute as they are stored (0 when done).
OnVectors = Callable[[int], None]


class PartnerIndex:
    def __init__(
        self,
        db: Database,
        embedder: Embedder,
        weights: Weights | None = None,
        *,
        on_build: OnBuild | None = None,
        on_vectors: OnVectors | None = None,
    ) -> None:
        self.db = db
        self.embedder = embedder
        # Cosines mean different things per embedder: relevance reads them on its own scale.
        self.weights = replace(weights or Weights(), meaning_range=cosine_range(embedder))
        self.on_build = on_build
        self.on_vectors = on_vectors
        self._built: Built | None = None
        self._lock = threading.Lock()  # one writer of `_built` and `_watch` at a time
        self._watch = change_log.ChangeWatch()
        # The background work that computes partner vectors, when this process runs it
        # (`app.matches.vectors`); None: another process does.
        self.vectors: VectorQueue | None = None
        self._rebuilder: threading.Thread | None = None
        self._warmer: threading.Thread | None = None
        self._warm = threading.Event()  # set once a first build was tried (or none was asked)
        self._warm.set()
        # hash of a query's texts -> (when computed, their vectors); oldest dropped first.
        self._queries: dict[str, tuple[float, Vectors]] = {}
        self._queries_lock = threading.Lock()
        # (organization id, hash of its passages) -> their vectors; oldest dropped first.
        self._passages: dict[tuple[int, str], Vectors] = {}
        self._passages_lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.embedder.name

    @property
    def current(self) -> Built | None:
        """The generation queries are answered from now (None before the first)."""
        return self._built

    def get(self, session: Session) -> Built:
        """The index as of the data this session sees: patched with what changed since the
        last call; whole only on the first call (or, for TF-IDF, after any change)."""
        with self._lock:
            built = self._built
            if built is None:
                self._watch.start(session)  # before reading, so no change slips past
                return self._timed("build", lambda: self._build(session, 1))
            current: Built = built
            changed = self._watch.changes(session)
            if not self.embedder.dense:
                if changed is None or changed:
                    return self._timed("build", lambda: self._build(session, current.version + 1))
                return built
            if changed is None or len(changed) > PATCH_LIMIT:
                self._rebuild_later()  # far behind: answer from what is here meanwhile
            elif changed:
                news = changed
                built = self._timed("patch", lambda: self._patch(session, current, news))
            dead, n = built.partners.dead, built.partners.n
            if built.day != today() or dead > max(DEAD_LIMIT * n, DEAD_MIN):
                self._rebuild_later()
            return built

    def _timed(self, how: str, make: Callable[[], Built]) -> Built:
        started = time.perf_counter()
        built = self._built = make()
        if how == "build":
            release_memory()
        if self.on_build is not None:
            self.on_build(how, time.perf_counter() - started, built.pending)
        return built

    def _rebuild_later(self) -> None:
        """A whole build in a background thread, swapped in when done; the changes it may
        have missed are patched in by the next call (a patch re-reads rows: doing one twice
        is harmless)."""
        if self._rebuilder is not None and self._rebuilder.is_alive():
            return

        def work() -> None:
            try:
                watch = change_log.ChangeWatch()
                started = time.perf_counter()
                self._prune()
                with self.db.sessionmaker() as session:
                    watch.start(session)
                    fresh = self._build(session, 0)
                with self._lock:
                    current = self._built
                    version = current.version + 1 if current is not None else 1
                    self._built, self._watch = replace(fresh, version=version), watch
                del current
                release_memory()
                if self.on_build is not None:
                    self.on_build("build", time.perf_counter() - started, fresh.pending)
            except Exception:  # pragma: no cover - logged; the next call tries again
                log.exception("background rebuild of the partner index failed")

        self._rebuilder = threading.Thread(target=work, name="rebuild-index", daemon=True)
        self._rebuilder.start()

    def _prune(self) -> None:
        """The change log's rows older than a day deleted; a failure only logged, so the
        rebuild goes on (the next one prunes)."""
        try:
            with self.db.sessionmaker.begin() as session:
                pruned = change_log.prune(session)
        except Exception:  # pragma: no cover - logged; the next rebuild tries again
            log.exception("pruning the index change log failed")
            return
        if pruned:
            log.info("index change log: %d rows older than %s pruned", pruned, change_log.KEEP)

    def _build(self, session: Session, version: int) -> Built:
        with no_cycle_collection():
            return self._build_now(session, version)

    def _build_now(self, session: Session, version: int) -> Built:
        day = today()
        found = repository.profiles(session)
        figures = load_repository.figures(session, [p.id for p in found], day, DEFAULT_WINDOW)
        texts = [p.text for p in found]
        if self.embedder.dense:
            vectors, has_vector, pending = self._dense_vectors(session, found, texts)
            query_embedder = self.embedder
        else:  # TF-IDF: cheap, fitted to these partners, never stored
            query_embedder = TfidfEmbedder().fit(texts)
            vectors, has_vector, pending = query_embedder.embed(texts), [True] * len(found), 0
        partners = _arrays(found, vectors, has_vector, figures)
        log.info("partner index: %d partners, %d pending vectors", len(found), pending)
        return Built(version, partners, query_embedder, pending,
                     [(p.text, p.skills) for p in found], [_key(p) for p in found],
                     day)  # fmt: skip

    def _patch(self, session: Session, built: Built, ids: set[int]) -> Built:
        """`built` with the partners of `ids` re-read: a new generation, `built` untouched."""
        found = repository.profiles(session, sorted(ids))
        removed = sorted(ids - {p.id for p in found})
        figures = load_repository.figures(session, [p.id for p in found], built.day,
                                          DEFAULT_WINDOW)  # fmt: skip
        texts = [p.text for p in found]
        vectors, has_vector, _ = self._dense_vectors(session, found, texts, only=True)
        current = built.partners
        live = current.rows_of([p.id for p in found])
        rows = [live.get(p.id) for p in found]
        keys = [_key(p) for p in found]
        moved = [row is None or built.keys[row] != key or not current.has_vector[row]
                 for row, key in zip(rows, keys, strict=True)]  # fmt: skip
        changed = _arrays(found, vectors, has_vector, figures)
        texts = [p.terms_text for p in found]
        partners = patch(current, changed, texts=texts, moved=moved, removed=removed)
        sources, row_keys = list(built.sources), list(built.keys)
        for p, row, key, m in zip(found, rows, keys, moved, strict=True):
            if row is not None and not m:
                sources[row], row_keys[row] = (p.text, p.skills), key
        sources += [(p.text, p.skills) for p, m in zip(found, moved, strict=True) if m]
        row_keys += [k for k, m in zip(keys, moved, strict=True) if m]
        pending = int((~partners.has_vector & partners.alive).sum())
        return Built(built.version + 1, partners, built.query_embedder, pending, sources,
                     row_keys, built.day)  # fmt: skip

    def query_vectors(
        self, session: Session, built: Built, texts: Sequence[str], *, need_id: int | None = None
    ) -> Vectors:
        """Vectors of a query's texts (one row each): kept in this process for a while by the
        hash of the texts, and for a stored need kept in the database too (every process, and
        after a restart), recomputed only when the need's texts change."""
        if not self.embedder.dense:  # TF-IDF is fitted per build: its vectors are its own
            return built.query_embedder.embed(texts)
        key = text_hash("\x1f".join(texts))
        now = time.monotonic()
        with self._queries_lock:
            hit = self._queries.get(key)
        if hit is not None and now - hit[0] < QUERY_TTL:
            return hit[1]
        stored = None if need_id is None else repository.stored_need_vectors(
            session, need_id, self.embedder.name)  # fmt: skip
        if stored is not None and stored[0] == key and stored[1].shape[0] == len(texts):
            vectors: Vectors = stored[1]
        else:
            vectors = self.embedder.embed(texts)
            if need_id is not None:
                self._save_need(need_id, key, np.asarray(vectors))
        with self._queries_lock:
            self._queries.pop(key, None)
            self._queries[key] = (now, vectors)
            while len(self._queries) > QUERY_CACHE:
                del self._queries[next(iter(self._queries))]
        return vectors

    def _save_need(self, need_id: int, key: str, vectors: np.ndarray) -> None:
        # Its own transaction: a cache of derived data, written even from a read request. Two
        # processes storing the same need at once: one wins, the other's copy is not needed.
        try:
            with self.db.sessionmaker.begin() as session:
                repository.save_need_vectors(session, need_id, self.embedder.name, key, vectors)
        except (IntegrityError, OperationalError):
            log.info("need %d: vectors stored by another process meanwhile", need_id)

    def passage_vectors(self, built: Built, indices: Sequence[int]) -> list[Vectors]:
        """Passage vectors of the partners at `indices` of `built`, each (k, dim): embedded on
        first use (a query's short pool) and kept, so a partner's passages are embedded once
        per text in this process."""
        texts = [cut_passages(built.sources[i][0], extra=built.sources[i][1]) for i in indices]
        if not self.embedder.dense:  # TF-IDF is fitted per build and cheap: never kept
            return _split(built.query_embedder.embed([t for ts in texts for t in ts]), texts)
        keys = [(int(built.partners.ids[i]), text_hash("\n".join(ts)))
                for i, ts in zip(indices, texts, strict=True)]  # fmt: skip
        with self._passages_lock:
            found = {k: self._passages[k] for k in keys if k in self._passages}
        todo = [(k, ts) for k, ts in zip(keys, texts, strict=True) if k not in found]
        if todo:
            fresh = _split(self.embedder.embed([t for _, ts in todo for t in ts]),
                           [ts for _, ts in todo])  # fmt: skip
            found.update((k, v) for (k, _), v in zip(todo, fresh, strict=True))
            with self._passages_lock:
                self._passages.update((k, v) for (k, _), v in zip(todo, fresh, strict=True))
                while len(self._passages) > PASSAGE_CACHE:
                    del self._passages[next(iter(self._passages))]
        return [found[k] for k in keys]

    def _dense_vectors(
        self,
        session: Session,
        found: Sequence[Profile],
        texts: Sequence[str],
        *,
        only: bool = False,
    ) -> tuple[np.ndarray, list[bool], int]:
        """Vectors of `found`: stored ones where their text is unchanged, the rest embedded
        now (a few) or in the background; `only`: read the stored vectors of `found` alone."""
        ids = [p.id for p in found] if only else None
        dim = self.embedder.dim
        stored = repository.stored_vectors(session, self.embedder.name, dim, ids)
        hashes = [text_hash(t) for t in texts]
        vectors = np.zeros((len(found), dim), dtype=np.float32)
        missing, to, source = [], [], []
        for i, (p, h) in enumerate(zip(found, hashes, strict=True)):
            row = stored.rows.get(p.id)
            if row is not None and stored.hashes[row] == h:
                to.append(i)
                source.append(row)
            else:
                missing.append(i)
        vectors[to] = stored.matrix[source]
        if missing and len(missing) <= SYNC_LIMIT:
            # Embedded for this generation only: the background work stores them (it reads
            # the change log the write stamped), so a request that only reads writes nothing.
            vectors[missing] = self.embedder.embed([texts[i] for i in missing])
            missing = []
        elif missing:
            self._want(len(missing))
        has_vector = [True] * len(found)
        for i in missing:
            has_vector[i] = False
        return vectors, has_vector, len(missing)

    def _want(self, waiting: int) -> None:
        """Ask the background work for the `waiting` vectors missing (and any other); the
        partners rank on their words and fit meanwhile."""
        if self.vectors is None:
            return  # computed by the background work of another process (BACKGROUND=off)
        if self.on_vectors is not None:
            self.on_vectors(waiting)
        self.vectors.want()

    def embed_in_background(self) -> int:
        """Have the background work compute missing or outdated vectors now (after a bulk
        import), so the first query after it need not rank on fit alone; answers how many are
        waiting to be computed (by this process's background work, or another's)."""
        waiting = len(outdated(self.db, self.embedder))
        if waiting:
            self._want(waiting)
        return waiting

    def warm(self) -> None:
        """Build the index in a background thread now, so the first query does not wait for
        it (seconds at 100k partners); `ready` is false until that build is done or failed (a
        failed one is tried again by the first query)."""
        if self._built is not None or self._warmer is not None:
            return
        self._warm.clear()

        def work() -> None:
            try:
                with self.db.sessionmaker() as session:
                    self.get(session)
            except Exception:
                log.exception("building the partner index at start failed")
            finally:
                self._warm.set()

        self._warmer = threading.Thread(target=work, name="build-index", daemon=True)
        self._warmer.start()

    def ready(self, timeout: float = 0) -> bool:
        """Whether the first build asked by `warm` is done, waiting `timeout` seconds for it."""
        return self._warm.wait(timeout)

    def wait(self, timeout: float | None = None) -> None:
        """Wait for background building and embedding to finish (tests, the demo command)."""
        for thread in (self._warmer, self._rebuilder):
            if thread is not None:
                thread.join(timeout)
        if self.vectors is not None:
            self.vectors.wait_idle(timeout)


def index_for(
    db: Database,
    settings: Settings,
    embedder: Embedder | None = None,
    *,
    on_build: OnBuild | None = None,
    on_vectors: OnVectors | None = None,
) -> PartnerIndex:
    """The partner index of a process, weighted as the settings say (loads the embedding
    model the settings name, unless one is handed in)."""
    weights = Weights(
        semantic=settings.weight_semantic,
        fit=settings.weight_fit,
        interest=settings.weight_interest,
        capacity=settings.weight_capacity,
        burnout=settings.burnout_penalties,
    )
    return PartnerIndex(db, embedder or settings_embedder(settings), weights,
                        on_build=on_build, on_vectors=on_vectors)  # fmt: skip


_collection_paused = 0  # builds under way with the cycle collector paused
_collection_lock = threading.Lock()
_collection_was_on = True


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while a whole build runs. A build makes a few
    hundred thousand objects that all live on (rows, profiles, words) and no cycles; the
    collector scanned them again and again as they piled up: at 100k partners on PostgreSQL
    the build took 6.1-8.0 s with it and 4.0-4.1 s without (measured side by side). Reference
    counting frees everything else meanwhile; the collector resumes when the last build ends."""
    global _collection_paused, _collection_was_on
    with _collection_lock:
        if _collection_paused == 0:
            _collection_was_on = gc.isenabled()
            gc.disable()
        _collection_paused += 1
    try:
        yield
    finally:
        with _collection_lock:
            _collection_paused -= 1
            if _collection_paused == 0 and _collection_was_on:
                gc.enable()


def release_memory() -> None:
    """Hand the heap's free pages back to the system (glibc only) after a whole build: the
    rows read to build (every profile and vector: hundreds of MB at 100k partners on
    PostgreSQL) are freed, but glibc keeps the pages, so the process would hold its peak
    (measured at 100k: 820 MB after the build, 573 MB after this)."""
    if sys.platform == "linux":
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # pragma: no cover - another C library (musl)
            pass


def _key(p: Profile) -> str:
    """What a partner's vector and words come from, hashed: when it differs, its row moves."""
    return text_hash(p.text + "\x00" + p.terms_text)


def _arrays(found: Sequence[Profile], vectors: Vectors, has_vector: Sequence[bool],
            figures: LoadFigures) -> Partners:  # fmt: skip
    return build_partners(
        ids=[p.id for p in found],
        names=[p.name for p in found],
        kinds=[p.kind for p in found],
        regions=[p.region for p in found],
        sectors=[p.sectors for p in found],
        texts=[p.terms_text for p in found],
        interest=[p.interest for p in found],
        vectors=vectors,
        has_vector=has_vector,
        figures=figures,
        engagement_types=[p.engagement_types for p in found],
    )


def _split(flat: Vectors, groups: Sequence[Sequence[str]]) -> list[Vectors]:
    """Rows of `flat` cut back into one block per group of texts."""
    bounds = np.cumsum([0, *(len(g) for g in groups)])
    return [flat[bounds[k] : bounds[k + 1]] for k in range(len(groups))]


def outdated(
    db: Database, embedder: Embedder, ids: Sequence[int] | None = None
) -> list[tuple[int, str, str]]:
    """(organization id, text hash, text) of every partner (of `ids`, or all) whose vector
    is missing or was computed from another text."""
    if not embedder.dense:
        return []
    with db.sessionmaker() as session:
        found = repository.profiles(session, ids)
        stored = repository.stored_vectors(session, embedder.name, embedder.dim, ids)
    return [(p.id, text_hash(p.text), p.text) for p in found
            if stored.hash_of(p.id) != text_hash(p.text)]  # fmt: skip


def embed_all(
    db: Database, embedder: Embedder, ids: Sequence[int] | None = None,
    on_vectors: OnVectors | None = None,
) -> int:  # fmt: skip
    """Compute and store every missing or outdated partner vector now (of the organizations
    of `ids`, or all); answers how many this call computed.

    One process of the deployment at a time (`exclusive`): another one importing or starting
    at once waits, then finds the vectors stored and computes none of them again."""
    if not embedder.dense:
        return 0
    with exclusive(db, f"partner-vectors:{embedder.name}"):
        todo = outdated(db, embedder, ids)
        if on_vectors is not None:
            on_vectors(len(todo))
        for start in range(0, len(todo), BATCH):
            batch = todo[start : start + BATCH]
            vectors = embedder.embed([t for _, _, t in batch])
            with db.sessionmaker.begin() as session:
                repository.save_vectors(
                    session, embedder.name,
                    [(o, h, vectors[k]) for k, (o, h, _) in enumerate(batch)],
                )  # fmt: skip
                stamp_vectors(session, [o for o, _, _ in batch])  # every process patches them
            log.info("embedded %d of %d partners", start + len(batch), len(todo))
            if on_vectors is not None:
                on_vectors(len(todo) - start - len(batch))
    return len(todo)


def stamp_vectors(session: Session, ids: Sequence[int]) -> None:
    """Log new vectors of these organizations in the index change log."""
    change_log.stamp(session, "organization_vectors", [(i, i) for i in ids])
