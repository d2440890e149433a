"""Partners as arrays (row i is one partner), built whole or patched with a few changed rows.

A service keeps one `Partners` per process and must answer queries while partners change. A
whole build costs seconds at 100k partners; `patch` makes the next generation from the current
one and a handful of changed partners in milliseconds, and never writes into anything the
current generation reads, so a query running on it sees consistent arrays to the end:

- a partner whose text is unchanged (its load, interest, kind or region moved) is updated in
  copies of the small per-partner arrays (copying 100k numbers is a memcpy);
- a partner whose text changed, or a new one, is appended as a new row and its old row (if any)
  is marked dead (`alive` False; the ranker skips dead rows). Vectors are appended into spare
  room past the current generation's rows (`RowBuffer`); words go to a small row-wise tail of
  the word matrix (`Terms`), so neither the (n, dim) vectors nor the big column-wise word
  matrix is copied;
- a removed partner's row is marked dead.

Dead rows are dropped at the next whole build (`dead` tells a caller when to do one).
"""

import bisect
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import Any, TypeVar

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from matching.embeddings import Vectors
from matching.load import Assessment, LoadFigures, assess
from matching.relevance import words
from matching.types import EngagementType, MatchingError, PartnerKind

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
KINDS = list(PartnerKind)
TYPES = list(EngagementType)
#: Spare rows a fresh build leaves after its vectors for partners appended later.
SPARE_SHARE = 0.1
SPARE_MIN = 1024

__all__ = ["BM25", "KINDS", "TYPES", "Partners", "RowBuffer", "Terms", "build_partners",
           "norm_sector", "patch"]  # fmt: skip


def norm_sector(s: str) -> str:
    return s.strip().lower()


class RowBuffer:
    """Dense rows with spare room after them. A generation reads its first n rows; an append
    writes only past the rows handed out so far, so no generation ever sees its rows change.
    One appender at a time (the caller's lock); a stale generation appending gets a copy."""

    def __init__(self, rows: NDArray[np.float32], *, spare: int) -> None:
        n, dim = rows.shape
        self._data = np.empty((n + spare, dim), dtype=np.float32)
        self._data[:n] = rows
        self._used = n
        self._lock = threading.Lock()

    def view(self, n: int) -> NDArray[np.float32]:
        return self._data[:n]

    def extend(self, n: int, rows: NDArray[np.float32]) -> tuple["RowBuffer", NDArray[np.float32]]:
        """This buffer (or a bigger copy) holding the first `n` rows then `rows`; and its view."""
        k = rows.shape[0]
        with self._lock:
            if self._used == n and n + k <= self._data.shape[0]:
                self._data[n : n + k] = rows
                self._used = n + k
                return self, self._data[: n + k]
        grown = RowBuffer(np.vstack([self._data[:n], rows]),
                          spare=max(SPARE_MIN, int((n + k) * SPARE_SHARE)))  # fmt: skip
        return grown, grown.view(n + k)


@dataclass(frozen=True)
class BM25:
    """BM25 scores of every row for one query, and the inverse document frequency of each of
    its words (the rarer, the higher) over the live rows."""

    scores: FloatArray  # (n,)
    idf: FloatArray  # (n_query_words,)


#: Endings `Terms.like` takes off a word to find its other forms, longest first.
_ENDINGS = ("ing", "ers", "ists", "ist", "ians", "ian", "er", "ed", "es", "s")
_STEM_LEAST = 4
_FORMS_MOST = 64


@dataclass(frozen=True)
class Terms:
    """Which words each partner's text holds: a column-wise matrix for the rows of the last
    whole build (columns are read per skill word) and a small row-wise tail of rows appended
    since. `index` maps a word to its column; words new in the tail get new columns.
    `lengths` counts each row's words (repeats included), what BM25 normalises by."""

    index: dict[str, int]
    base: sp.csc_matrix  # (n_base, width at build)
    tail: sp.csr_matrix  # (n_tail, len(index))
    lengths: FloatArray  # (n_base + n_tail,)
    # The words sorted, with their columns, made when first asked for (`like`) and kept while
    # the index is the same: [(len(index), words, columns)].
    _sorted: list[tuple[int, list[str], list[int]]] = field(
        default_factory=list, compare=False, repr=False
    )

    def like(self, word: str) -> list[int]:
        """Columns of `word` and its forms: words starting with its stem ("welding":
        weld, welder, welders; "cyber": cybersecurity). A stem of fewer than four letters is
        looked up as it is, with plural endings."""
        word = word.lower()
        stem = word
        for end in _ENDINGS:
            if word.endswith(end) and len(word) - len(end) >= _STEM_LEAST:
                stem = word[: -len(end)]
                break
        if len(stem) < _STEM_LEAST:
            forms = dict.fromkeys((word, stem, stem + "s", stem + "es"))
            return [self.index[w] for w in forms if w in self.index]
        if not self._sorted or self._sorted[0][0] != len(self.index):
            pairs = sorted(self.index.items())
            self._sorted[:] = [(len(self.index), [w for w, _ in pairs], [c for _, c in pairs])]
        _, keys, cols = self._sorted[0]
        at = bisect.bisect_left(keys, stem)
        out: list[int] = []
        while at < len(keys) and keys[at].startswith(stem) and len(out) < _FORMS_MOST:
            out.append(cols[at])
            at += 1
        return out

    @property
    def n(self) -> int:
        return int(self.base.shape[0] + self.tail.shape[0])

    def held(self, columns: Sequence[int]) -> tuple[IntArray, IntArray]:
        """Every (row, k) where row holds the word of `columns[k]`: read straight from the
        column pointers of the base (no sparse slicing, which costs more than the sums at
        100k partners) and from the small tail.

        Parameters
        ----------
        columns : sequence of int
            Word columns, repeats allowed.

        Returns
        -------
        (ndarray, ndarray)
            Rows and positions in `columns`, of equal length.
        """
        base, tail = self.base, self.tail
        cols = np.asarray(columns, dtype=np.int64)
        at = np.arange(cols.size)
        inside = cols < base.shape[1]
        starts, ends = base.indptr[cols[inside]], base.indptr[cols[inside] + 1]
        rows = [base.indices[a:z].astype(np.int64) for a, z in zip(starts, ends, strict=True)]
        where = [np.full(z - a, k, dtype=np.int64)
                 for k, a, z in zip(at[inside], starts, ends, strict=True)]  # fmt: skip
        wide = cols < tail.shape[1]
        if tail.shape[0] and wide.any():
            sub = tail[:, cols[wide]].tocoo()
            rows.append(sub.row.astype(np.int64) + base.shape[0])
            where.append(at[wide][sub.col])
        empty = np.zeros(0, dtype=np.int64)
        return np.concatenate([empty, *rows]), np.concatenate([empty, *where])

    def holding(self, columns: Sequence[int]) -> IntArray:
        """How many of `columns` (words) each partner's text holds, shape (n,)."""
        rows, _ = self.held(columns)
        found: IntArray = np.bincount(rows, minlength=self.n).astype(np.int64)
        return found

    def holds(self, row: int, columns: Sequence[int]) -> BoolArray:
        """Which of `columns` (words) the text of `row` holds, shape (len(columns),)."""
        cols = np.asarray(columns, dtype=np.int64)
        base = self.base
        if row >= base.shape[0]:
            return np.isin(cols, self.tail[row - base.shape[0]].indices)
        out = np.zeros(cols.size, dtype=bool)
        for k, c in enumerate(cols.tolist()):
            if c < base.shape[1]:
                found = base.indices[base.indptr[c] : base.indptr[c + 1]]
                at = int(np.searchsorted(found, row))
                out[k] = at < found.size and found[at] == row
        return out

    def bm25(self, columns: Sequence[int], alive: BoolArray, *, k1: float, b: float) -> BM25:
        """BM25 of every row for a query of distinct words, over the live rows only.

        A word counts once per row (the matrix is binary: in a profile of a hundred words, a
        term said twice says little more than said once), so a row's score is the sum of the
        inverse document frequencies of the query words it holds, scaled by its length.
        Frequencies and the mean length are counted over live rows at query time, so a patched
        generation scores exactly as a whole rebuild of the same partners.

        Parameters
        ----------
        columns : sequence of int
            Distinct word columns of the query.
        alive : ndarray of shape (n,)
            Rows that count; dead rows score 0.
        k1, b : float, keyword-only
            BM25's term saturation and length normalisation.

        Returns
        -------
        BM25
            `scores` of shape (n,), >= 0 (all 0 when no live row holds a word of the query);
            `idf` of shape (len(columns),).
        """
        rows, where = self.held(columns)
        live = alive[rows]
        rows, where = rows[live], where[live]
        docs = int(alive.sum())
        df = np.bincount(where, minlength=len(columns)).astype(np.float64)
        idf = np.log1p((docs - df + 0.5) / (df + 0.5))
        if not rows.size:
            return BM25(np.zeros(self.n), idf)
        raw = np.bincount(rows, weights=idf[where], minlength=self.n)
        mean = float(np.dot(self.lengths, alive)) / docs if docs else 1.0
        mean = mean or 1.0
        return BM25(raw * (k1 + 1) / (1 + k1 * (1 - b + b * self.lengths / mean)), idf)

    def appended(self, texts: Sequence[str]) -> "Terms":
        """These terms and one more row per text; the index is copied only if words are new."""
        said = [words(t) for t in texts]
        rows_words = [sorted(set(w)) for w in said]
        index = self.index
        if any(w not in index for row in rows_words for w in row):
            index = dict(index)
            for row in rows_words:
                for w in row:
                    index.setdefault(w, len(index))
        rows = [sorted({index[w] for w in row}) for row in rows_words]
        tail = self.tail
        if tail.shape[1] != len(index):
            tail = sp.csr_matrix((tail.data, tail.indices, tail.indptr),
                                 shape=(tail.shape[0], max(len(index), 1)))  # fmt: skip
        more = _binary(rows, len(rows), len(index))
        lengths = np.concatenate([self.lengths, [float(len(w)) for w in said]])
        return Terms(index, self.base, sp.vstack([tail, more], format="csr"), lengths,
                     self._sorted if index is self.index else [])  # fmt: skip


@dataclass(frozen=True)
class Partners:
    """Everything the ranker knows about n partners, as arrays (row i is one partner).

    `sectors` is a binary sparse matrix over `sector_names`; `terms` the words of each
    partner's text and contacts' skills. `types` (n, 11) marks the engagement types the latest
    interview lists (all False: none said, or no interview). Rows whose `alive` is False were
    replaced or removed by a `patch` and are never ranked.
    """

    ids: IntArray
    names: list[str]
    kinds: IntArray  # index into KINDS
    regions: list[str | None]
    region_codes: IntArray  # index into region_names; -1: no region
    region_names: list[str]
    vectors: Vectors  # (n, dim) unit rows
    has_vector: BoolArray
    sectors: sp.csr_matrix
    sector_names: list[str]
    terms: Terms
    interest: FloatArray  # latest interview's 1-5, NaN: never interviewed
    figures: LoadFigures
    assessment: Assessment = field(repr=False)
    types: BoolArray = field(default_factory=lambda: np.zeros((0, len(TYPES)), dtype=bool))
    alive: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    buffer: RowBuffer | None = field(default=None, repr=False, compare=False)

    @property
    def n(self) -> int:
        """Rows, dead ones included."""
        return int(self.ids.shape[0])

    @property
    def term_index(self) -> dict[str, int]:
        return self.terms.index

    @property
    def interviewed(self) -> BoolArray:
        found: BoolArray = ~np.isnan(self.interest)
        return found

    @cached_property
    def types_known(self) -> BoolArray:
        """Which partners' latest interview lists any engagement type (worked out once per
        generation: a row-wise reduction over n rows costs more than the ranking's product)."""
        found: BoolArray = np.asarray(self.types.any(axis=1), dtype=bool)
        return found

    @cached_property
    def _sector_columns(self) -> sp.csc_matrix:
        return sp.csc_matrix(self.sectors)

    def sector_hits(self, names: Sequence[str]) -> IntArray:
        """How many of the sectors `names` each partner works in, from the sectors' columns.

        Parameters
        ----------
        names : sequence of str
            Sector names (canonical); names no partner uses count for nothing.

        Returns
        -------
        ndarray of shape (n_partners,)
            Counts.
        """
        named = set(names)
        wanted = [i for i, s in enumerate(self.sector_names) if s in named]
        columns = self._sector_columns
        rows = [columns.indices[columns.indptr[c] : columns.indptr[c + 1]] for c in wanted]
        found: IntArray = np.bincount(
            np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64), minlength=self.n
        )
        return found

    def of_kinds(self, kinds: Sequence[int]) -> BoolArray:
        """Which partners are of one of `kinds` (indices into KINDS), by table lookup."""
        table = np.zeros(len(KINDS), dtype=bool)
        table[list(kinds)] = True
        found: BoolArray = table[self.kinds]
        return found

    @property
    def dead(self) -> int:
        """Rows that are dead: a whole build drops them."""
        return self.n - int(self.alive.sum())

    @property
    def dead_share(self) -> float:
        """The share of rows that are dead."""
        return self.dead / self.n if self.n else 0.0

    def in_region(self, region: str) -> BoolArray:
        """Which partners are in `region` (a comparison of codes, not of strings).

        Parameters
        ----------
        region : str
            A region's name.

        Returns
        -------
        ndarray of shape (n_partners,)
            True for the partners in it; all False for a region no partner is in.
        """
        if region not in self.region_names:
            return np.zeros(self.n, dtype=bool)
        found: BoolArray = self.region_codes == self.region_names.index(region)
        return found

    def kinds_named(self, i: int) -> PartnerKind:
        """The kind of partner `i`."""
        return KINDS[int(self.kinds[i])]

    def row_of(self, partner_id: int) -> int | None:
        """The live row of a partner, or None."""
        return self.rows_of([partner_id]).get(partner_id)

    def rows_of(self, partner_ids: Sequence[int]) -> dict[int, int]:
        """partner id -> live row, for the partners of `partner_ids` that have one (one pass
        over the ids however many are asked for)."""
        wanted = np.asarray(partner_ids, dtype=np.int64)
        found = np.flatnonzero(np.isin(self.ids, wanted) & self.alive)
        return {int(self.ids[i]): int(i) for i in found}

    def __post_init__(self) -> None:
        n = self.ids.shape[0]
        if self.types.shape[0] == 0 and n:  # nothing said about types: unknown for all
            object.__setattr__(self, "types", np.zeros((n, len(TYPES)), dtype=bool))
        if self.alive.shape[0] == 0 and n:
            object.__setattr__(self, "alive", np.ones(n, dtype=bool))
        shapes = {self.kinds.shape[0], len(self.regions), self.vectors.shape[0],
                  self.sectors.shape[0], self.terms.n, self.interest.shape[0],
                  self.figures.n, len(self.names), self.types.shape[0], self.alive.shape[0],
                  self.assessment.level.shape[0]}  # fmt: skip
        if shapes != {n}:
            raise MatchingError(f"partner arrays disagree on their length: {sorted(shapes)}")


def build_partners(
    ids: Sequence[int],
    names: Sequence[str],
    kinds: Sequence[str],
    regions: Sequence[str | None],
    sectors: Sequence[Sequence[str]],
    texts: Sequence[str],
    interest: Sequence[float],
    vectors: Vectors,
    has_vector: Sequence[bool],
    figures: LoadFigures,
    *,
    assessment: Assessment | None = None,
    engagement_types: Sequence[Sequence[str]] | None = None,
) -> Partners:
    """Partners from per-partner lists: sparse sector and word matrices are built here.

    `texts` is what skills are looked for in (profile, interview, contacts' skills);
    `engagement_types` what each partner's latest interview says it will do (empty: unknown).

    Parameters
    ----------
    ids : sequence of int of length n_partners
        The partners' ids; ties in ranking are broken by them.
    names : sequence of str of length n_partners
        Their names.
    kinds : sequence of str of length n_partners
        Their kinds, `PartnerKind` values.
    regions : sequence of str or None, of length n_partners
        Their regions (None: not stated).
    sectors : sequence of sequences of str, of length n_partners
        The sectors each partner works in.
    texts : sequence of str of length n_partners
        What skills are looked for in.
    interest : sequence of float of length n_partners
        Interest 1-5 at the latest interview; NaN: never interviewed.
    vectors : ndarray or sparse CSR matrix of shape (n_partners, dim)
        Unit rows embedding each partner's text. Dense rows are copied into a buffer with
        spare room for partners appended by `patch`.
    has_vector : sequence of bool of length n_partners
        False where the text is not embedded yet (its row is not read).
    figures : LoadFigures
        Load of the partners, arrays of shape (n_partners,).
    assessment : Assessment or None, keyword-only
        Risk of the partners; None: `assess(figures)`.
    engagement_types : sequence of sequences of str, or None, keyword-only
        `EngagementType` values each partner's latest interview lists; None: unknown for all.

    Returns
    -------
    Partners
        The arrays the ranker reads; `sectors` of shape (n_partners, n_sectors), `terms`
        holding (n_partners, n_terms), `types` of shape (n_partners, len(TYPES)).
    """
    region_names = sorted({r for r in regions if r is not None})
    region_at = {r: j for j, r in enumerate(region_names)}
    sector_names = sorted({norm_sector(s) for row in sectors for s in row})
    sector_at = {s: j for j, s in enumerate(sector_names)}
    sector_rows = [sorted({sector_at[norm_sector(s)] for s in row}) for row in sectors]
    term_index: dict[str, int] = {}
    said = [words(t) for t in texts]
    # Each distinct word once (dict.fromkeys: in order, at C speed), then its column.
    term_rows = [sorted([term_index.setdefault(w, len(term_index)) for w in dict.fromkeys(ws)])
                 for ws in said]  # fmt: skip
    n = len(ids)
    buffer = None
    if isinstance(vectors, np.ndarray):
        buffer = RowBuffer(vectors.astype(np.float32, copy=False),
                           spare=max(SPARE_MIN, int(n * SPARE_SHARE)))  # fmt: skip
        vectors = buffer.view(n)
    return Partners(
        ids=np.asarray(ids, dtype=np.int64),
        names=list(names),
        kinds=np.asarray([KINDS.index(PartnerKind(k)) for k in kinds], dtype=np.int64),
        regions=list(regions),
        region_codes=np.asarray(
            [region_at[r] if r is not None else -1 for r in regions], dtype=np.int64
        ),
        region_names=region_names,
        vectors=vectors,
        has_vector=np.asarray(has_vector, dtype=bool),
        sectors=_binary(sector_rows, n, len(sector_names)),
        sector_names=sector_names,
        terms=Terms(
            term_index,
            _binary(term_rows, n, len(term_index)).tocsc(),
            sp.csr_matrix((0, max(len(term_index), 1)), dtype=np.float32),
            np.asarray([float(len(ws)) for ws in said], dtype=np.float64),
        ),
        interest=np.asarray(interest, dtype=np.float64),
        figures=figures,
        assessment=assessment or assess(figures),
        types=_types(engagement_types, n),
        buffer=buffer,
    )


def patch(
    partners: Partners,
    changed: Partners,
    *,
    texts: Sequence[str],
    moved: Sequence[bool],
    removed: Sequence[int] = (),
) -> Partners:
    """The next generation of `partners`: `changed` partners put in, `removed` ones taken out.

    `partners` itself is never written to (queries may be reading it).

    Parameters
    ----------
    partners : Partners
        The current generation.
    changed : Partners
        The changed and new partners, built alone (`build_partners`), one row each.
    texts : sequence of str of length changed.n
        What skills are looked for in, per changed partner (as given to `build_partners`).
    moved : sequence of bool of length changed.n
        True where the partner's text or vector changed (or it is new): it gets a new row and
        its old one dies. False: its row is updated in place (only the small arrays are copied).
    removed : sequence of int, keyword-only
        Ids of partners that are gone.

    Returns
    -------
    Partners
        The next generation: rows of `partners` first (dead ones marked), then the appended
        rows. Risk is carried over per row from `changed.assessment`.
    """
    if len(texts) != changed.n or len(moved) != changed.n:
        raise MatchingError("texts and moved must give one entry per changed partner")
    if changed.figures.window_days != partners.figures.window_days:
        raise MatchingError("changed partners' load must be over the same window")
    alive = partners.alive.copy()
    rows = partners.rows_of([*changed.ids.tolist(), *removed])
    gone = [rows[r] for r in removed if r in rows]
    stay = [k for k in range(changed.n) if not moved[k] and int(changed.ids[k]) in rows]
    add = [k for k in range(changed.n) if moved[k] or int(changed.ids[k]) not in rows]
    gone += [rows[int(changed.ids[k])] for k in add if int(changed.ids[k]) in rows]
    alive[gone] = False
    region_names = list(partners.region_names)
    for r in changed.region_names:
        if r not in region_names:
            region_names.append(r)  # appended: codes already handed out keep their meaning
    codes = np.array([region_names.index(r) for r in changed.region_names] or [0], dtype=np.int64)
    changed_codes = np.where(changed.region_codes >= 0, codes[changed.region_codes], -1)

    at = np.asarray([rows[int(changed.ids[k])] for k in stay], dtype=np.int64)

    def put(old: NDArray[Any], new: NDArray[Any]) -> NDArray[Any]:
        out = old.copy() if len(stay) else old
        if len(stay):
            out[at] = new[stay]
        return np.concatenate([out, new[add]]) if add else out

    regions, names = list(partners.regions), list(partners.names)
    for j, k in zip(at.tolist(), stay, strict=True):
        regions[j], names[j] = changed.regions[k], changed.names[k]
    regions += [changed.regions[k] for k in add]
    names += [changed.names[k] for k in add]

    sector_names = list(partners.sector_names)
    for s in changed.sector_names:
        if s not in sector_names:
            sector_names.append(s)
    sectors = partners.sectors
    if add:
        wanted = np.array([sector_names.index(s) for s in changed.sector_names] or [0])
        picked = changed.sectors[add].tocoo()
        more = sp.csr_matrix((picked.data, (picked.row, wanted[picked.col])),
                             shape=(len(add), max(len(sector_names), 1)))  # fmt: skip
        head = sp.csr_matrix((sectors.data, sectors.indices, sectors.indptr),
                             shape=(sectors.shape[0], max(len(sector_names), 1)))  # fmt: skip
        sectors = sp.vstack([head, more], format="csr")

    buffer, vectors = partners.buffer, partners.vectors
    if add:
        fresh = changed.vectors[add]
        if buffer is not None and isinstance(fresh, np.ndarray):
            buffer, vectors = buffer.extend(partners.n, fresh.astype(np.float32, copy=False))
        else:
            vectors = sp.vstack([sp.csr_matrix(vectors), sp.csr_matrix(fresh)], format="csr")
    terms = partners.terms.appended([texts[k] for k in add]) if add else partners.terms
    return Partners(
        ids=put(partners.ids, changed.ids),
        names=names,
        kinds=put(partners.kinds, changed.kinds),
        regions=regions,
        region_codes=put(partners.region_codes, changed_codes),
        region_names=region_names,
        vectors=vectors,
        has_vector=put(partners.has_vector, changed.has_vector),
        sectors=sectors,
        sector_names=sector_names,
        terms=terms,
        interest=put(partners.interest, changed.interest),
        figures=_rows(partners.figures, changed.figures, put),
        assessment=_rows(partners.assessment, changed.assessment, put),
        types=put(partners.types, changed.types),
        alive=np.concatenate([alive, np.ones(len(add), dtype=bool)]),
        buffer=buffer,
    )


R = TypeVar("R", LoadFigures, Assessment)
Put = Callable[[NDArray[Any], NDArray[Any]], NDArray[Any]]


def _rows(old: R, new: R, put: Put) -> R:
    """`old` with every per-partner array of `new` put in (other fields kept)."""
    arrays: dict[str, Any] = {f.name: put(getattr(old, f.name), getattr(new, f.name))
              for f in fields(old) if isinstance(getattr(old, f.name), np.ndarray)}  # fmt: skip
    return replace(old, **arrays)


def _types(said: Sequence[Sequence[str]] | None, n: int) -> BoolArray:
    out = np.zeros((n, len(TYPES)), dtype=bool)
    for i, row in enumerate(said or ()):
        for t in row:
            out[i, TYPES.index(EngagementType(t))] = True
    return out


def _binary(rows: Sequence[Sequence[int]], n: int, width: int) -> sp.csr_matrix:
    indptr = np.cumsum([0, *(len(r) for r in rows)])
    indices = np.fromiter((j for r in rows for j in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.ones(indices.size, dtype=np.float32)
    return sp.csr_matrix((data, indices, indptr), shape=(n, max(width, 1)))
