"""Rank every partner for a need at once: one matrix product for meaning, array maths for fit,
interest, capacity and burnout, `argpartition` for the top k. No loop over partners; the loop
over the k results only writes their explanations.

Score = (semantic·w_s + fit·w_f + interest·w_i + capacity·w_c) × (1 − burnout penalty), with
the weights summing to 1, so every score is in [0, 1].
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from matching.embeddings import Vectors
from matching.load import Assessment, LoadFigures, RiskLevel, assess, reasons, with_one_more_ask
from matching.types import MatchingError, PartnerKind

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
KINDS = list(PartnerKind)
COMPONENTS = ("semantic", "fit", "interest", "capacity", "burnout_penalty")
_WORD = re.compile(r"[a-z0-9][a-z0-9+#.]*")


def words(text: str) -> list[str]:
    """Lower-case words of a text, the unit skills are matched in."""
    return [w.rstrip(".") for w in _WORD.findall(text.lower())]


@dataclass(frozen=True)
class Weights:
    """How much each component counts; defaults favour meaning, then structured fit."""

    semantic: float = 0.45
    fit: float = 0.25
    interest: float = 0.10
    capacity: float = 0.20
    # Multiplied off the score by current risk level: low, elevated, high, critical.
    burnout: tuple[float, float, float, float] = (0.0, 0.1, 0.25, 0.5)

    def __post_init__(self) -> None:
        parts = (self.semantic, self.fit, self.interest, self.capacity)
        if min(parts) < 0 or abs(sum(parts) - 1) > 1e-6:
            raise MatchingError("semantic, fit, interest and capacity weights must sum to 1")
        if not all(0 <= p <= 1 for p in self.burnout):
            raise MatchingError("burnout penalties must be in [0, 1]")


@dataclass(frozen=True)
class Partners:
    """Everything the ranker knows about n partners, as arrays (row i is one partner).

    `sectors` and `terms` are binary sparse matrices over `sector_names` and `term_index`;
    `terms` holds the words of each partner's text and contacts' skills.
    """

    ids: IntArray
    names: list[str]
    kinds: IntArray  # index into KINDS
    regions: list[str | None]
    region_codes: IntArray  # index into region_names; -1: no region
    region_names: list[str]
    vectors: Vectors  # (n, dim) unit rows
    has_vector: NDArray[np.bool_]
    sectors: sp.csr_matrix
    sector_names: list[str]
    terms: sp.csc_matrix
    term_index: dict[str, int]
    interest: FloatArray  # latest interview's 1-5, NaN: never interviewed
    figures: LoadFigures
    assessment: Assessment = field(repr=False)

    @property
    def n(self) -> int:
        return int(self.ids.shape[0])

    def in_region(self, region: str) -> NDArray[np.bool_]:
        """Which partners are in `region` (a comparison of codes, not of strings)."""
        if region not in self.region_names:
            return np.zeros(self.n, dtype=bool)
        found: NDArray[np.bool_] = self.region_codes == self.region_names.index(region)
        return found

    def kinds_named(self, i: int) -> PartnerKind:
        return KINDS[int(self.kinds[i])]

    def __post_init__(self) -> None:
        n = self.ids.shape[0]
        shapes = {self.kinds.shape[0], len(self.regions), self.vectors.shape[0],
                  self.sectors.shape[0], self.terms.shape[0], self.interest.shape[0],
                  self.figures.n, len(self.names)}  # fmt: skip
        if shapes != {n}:
            raise MatchingError(f"partner arrays disagree on their length: {sorted(shapes)}")


@dataclass(frozen=True)
class Need:
    """What is asked for; `vector` is the embedding of its text."""

    vector: Vectors | None  # (dim,) or (1, dim); None until embedded
    partner_kinds: Sequence[str] = ()
    sectors: Sequence[str] = ()
    region: str | None = None
    skills: Sequence[str] = ()
    hours: float = 0.0


@dataclass(frozen=True)
class Filters:
    """Hard limits on who may appear at all."""

    partner_kinds: Sequence[str] = ()
    region: str | None = None
    include_at_risk: bool = False


@dataclass(frozen=True)
class Match:
    index: int
    score: float
    components: dict[str, float]
    hours_left: float | None
    slots_left: int | None
    level: RiskLevel
    level_after: RiskLevel
    explanation: list[str]


def _norm_sector(s: str) -> str:
    return s.strip().lower()


def _semantic(partners: Partners, need: Need) -> FloatArray:
    raw: Any = need.vector
    if raw is None:
        raise MatchingError("the need has not been embedded")
    q = np.asarray(raw.toarray() if sp.issparse(raw) else raw, dtype=np.float32).reshape(-1)
    if q.shape[0] != partners.vectors.shape[1]:
        raise MatchingError("the need's vector and the partners' vectors differ in length")
    sims = np.asarray(partners.vectors @ q).reshape(-1).astype(np.float64)
    return np.where(partners.has_vector, np.clip(sims, 0.0, 1.0), 0.0)


@dataclass(frozen=True)
class _Fit:
    score: FloatArray
    kind_ok: NDArray[np.bool_] | None
    sectors_hit: FloatArray | None
    region_ok: NDArray[np.bool_] | None
    skills_hit: list[NDArray[np.bool_]]


def _fit(partners: Partners, need: Need) -> _Fit:
    n = partners.n
    parts: list[FloatArray] = []
    kind_ok = sectors_hit = region_ok = None
    wanted = [KINDS.index(PartnerKind(k)) for k in need.partner_kinds]
    if wanted:
        kind_ok = np.isin(partners.kinds, wanted)
        parts.append(kind_ok.astype(np.float64))
    want_sectors = {_norm_sector(s) for s in need.sectors}
    if want_sectors:
        cols = [i for i, s in enumerate(partners.sector_names) if s in want_sectors]
        hits = (
            np.asarray(partners.sectors[:, cols].sum(axis=1)).reshape(-1) if cols else np.zeros(n)
        )
        sectors_hit = hits.astype(np.float64)
        parts.append(sectors_hit / len(want_sectors))
    if need.region:
        region_ok = partners.in_region(need.region)
        parts.append(region_ok.astype(np.float64))
    skills_hit = []
    for skill in need.skills:
        cols = [partners.term_index.get(w, -1) for w in words(skill)]
        if not cols:
            continue
        if min(cols) < 0:  # a word no partner uses: nobody covers this skill
            skills_hit.append(np.zeros(n, dtype=bool))
            continue
        present = np.asarray(partners.terms[:, cols].sum(axis=1)).reshape(-1)
        skills_hit.append(present == len(cols))
    if skills_hit:
        parts.append(np.mean(skills_hit, axis=0))
    score = np.mean(parts, axis=0) if parts else np.full(n, 0.5)
    return _Fit(score, kind_ok, sectors_hit, region_ok, skills_hit)


@dataclass(frozen=True)
class _Room:
    """Capacity after this ask, for every partner, before the what-if."""

    component: FloatArray  # an upper bound: halved later where the ask would raise the risk
    hours_left: FloatArray
    slots_left: FloatArray


def _room(partners: Partners, hours: float) -> _Room:
    f = partners.figures
    cap = f.capacity_hours
    hours_left = cap - np.maximum(f.hours_committed, f.hours_ahead) - hours
    slots_left = f.max_concurrent - f.active_engagements - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        room_h = np.where(cap > 0, np.clip(hours_left / cap + 1 / 3, 0, 1), 0.0)
        room_s = np.where(
            f.max_concurrent > 0, np.clip((slots_left + 1) / f.max_concurrent, 0, 1), 0.0
        )
    unknown = np.isnan(cap)
    return _Room(
        component=np.where(unknown, 0.3, 0.5 * room_h + 0.5 * room_s),
        hours_left=np.where(unknown, np.nan, hours_left),
        slots_left=np.where(np.isnan(f.max_concurrent), np.nan, slots_left),
    )


def _levels_after(partners: Partners, hours: float, idx: IntArray) -> IntArray:
    """Risk level of partners `idx` if they took one more ask of `hours` (the what-if)."""
    subset = partners.figures.take(idx)
    return assess(with_one_more_ask(subset, hours), partners.assessment.params).level


def rank(
    partners: Partners,
    need: Need,
    limit: int = 10,
    filters: Filters = Filters(),  # noqa: B008 - frozen, so sharing the default is safe
    weights: Weights = Weights(),  # noqa: B008
    programs: Callable[[Sequence[int]], Mapping[int, Sequence[tuple[str, int]]]] | None = None,
) -> list[Match]:
    """The best `limit` partners for `need`, best first, each with its explanation.

    `programs`, given the indices of the partners shown, answers who asked each of them
    lately, so that burnout reasons can name the programs.
    """
    if not 1 <= limit <= 100:
        raise MatchingError("limit must be between 1 and 100")
    if need.hours < 0:
        raise MatchingError("hours must not be negative")
    semantic = _semantic(partners, need)
    fit = _fit(partners, need)
    interest = np.where(np.isnan(partners.interest), 0.25, (partners.interest - 1) / 4)
    room = _room(partners, need.hours)
    level = partners.assessment.level
    penalty = np.asarray(weights.burnout)[level]
    rest = weights.semantic * semantic + weights.fit * fit.score + weights.interest * interest
    # Scores before the what-if are upper bounds: it can only halve the capacity component.
    upper = np.clip((rest + weights.capacity * room.component) * (1 - penalty), 0.0, 1.0)

    keep = np.ones(partners.n, dtype=bool)
    if filters.partner_kinds:
        keep &= np.isin(
            partners.kinds, [KINDS.index(PartnerKind(k)) for k in filters.partner_kinds]
        )
    if filters.region:
        keep &= partners.in_region(filters.region)
    if not filters.include_at_risk:
        keep &= level < RiskLevel.critical
    candidates = np.flatnonzero(keep)
    if candidates.size == 0:
        return []
    k = min(limit, candidates.size)
    # The what-if (a risk assessment) runs on the best upper bounds only; the pool grows until
    # no partner outside it could still beat the k-th exact score, so the answer is exact.
    pool = min(candidates.size, max(200, 10 * k))
    while True:
        order = candidates[np.argpartition(-upper[candidates], pool - 1)[:pool]]
        after = _levels_after(partners, need.hours, order)
        capacity = np.where(after > level[order], 0.5, 1.0) * room.component[order]
        exact = np.clip((rest[order] + weights.capacity * capacity) * (1 - penalty[order]), 0, 1)
        kth = np.partition(exact, exact.size - k)[exact.size - k]
        outside = np.setdiff1d(candidates, order, assume_unique=True)
        if outside.size == 0 or upper[outside].max() <= kth:
            break
        pool = min(candidates.size, pool * 4)
    best = np.lexsort((partners.ids[order], -exact))[:k]  # best first; ties by id
    top, score = order[best], exact[best]
    after_of = dict(zip(top.tolist(), after[best].tolist(), strict=True))
    capacity_of = dict(zip(top.tolist(), capacity[best].tolist(), strict=True))

    asked = programs([int(i) for i in top]) if programs else {}
    out = []
    for rank_, i in enumerate(top.tolist()):
        comps = {"semantic": semantic[i], "fit": fit.score[i], "interest": interest[i],
                 "capacity": capacity_of[i], "burnout_penalty": penalty[i]}  # fmt: skip
        out.append(Match(
            index=int(i),
            score=float(score[rank_]),
            components={c: round(float(v), 4) for c, v in comps.items()},
            hours_left=None if np.isnan(room.hours_left[i]) else float(room.hours_left[i]),
            slots_left=None if np.isnan(room.slots_left[i]) else int(room.slots_left[i]),
            level=RiskLevel(int(level[i])),
            level_after=RiskLevel(int(after_of[i])),
            explanation=_explain(partners, need, int(i), semantic, fit, asked.get(int(i), ())),
        ))  # fmt: skip
    for m in out:
        _explain_capacity(partners, need, m)
    return out


def _explain(
    partners: Partners,
    need: Need,
    i: int,
    semantic: FloatArray,
    fit: _Fit,
    programs: Sequence[tuple[str, int]],
) -> list[str]:
    said = []
    if not partners.has_vector[i]:
        said.append("their profile is still being read (no embedding yet): meaning not scored")
    else:
        closeness = (
            "close to" if semantic[i] >= 0.5 else "related to" if semantic[i] >= 0.3 else "far from"
        )
        said.append(f"their profile reads {closeness} this need (similarity {semantic[i]:.2f})")
    kind = KINDS[int(partners.kinds[i])].value.replace("_", " ")
    if fit.kind_ok is not None:
        wanted = " or ".join(k.replace("_", " ") for k in need.partner_kinds)
        said.append(
            f"a{'n' if kind[0] in 'aeiou' else ''} {kind}, as the need asks"
            if fit.kind_ok[i]
            else f"a{'n' if kind[0] in 'aeiou' else ''} {kind}; the need asks for {wanted}"
        )
    if fit.sectors_hit is not None:
        theirs = [partners.sector_names[j] for j in partners.sectors[i].indices]
        shared = sorted(set(theirs) & {_norm_sector(s) for s in need.sectors})
        said.append(
            f"works in {', '.join(shared)}" if shared else "works in none of the need's sectors"
        )
    if fit.region_ok is not None:
        region = partners.regions[i] or "no stated region"
        said.append(
            f"in {region}, the need's region"
            if fit.region_ok[i]
            else f"in {region}; the need is in {need.region}"
        )
    if fit.skills_hit:
        skills = [s for s in need.skills if words(s)]
        covered = [s for s, hit in zip(skills, fit.skills_hit, strict=True) if hit[i]]
        said.append(
            f"covers {len(covered)} of {len(skills)} skills sought"
            + (f": {', '.join(covered)}" if covered else "")
        )
    interest = partners.interest[i]
    said.append(
        "no interview on file: interest unknown"
        if np.isnan(interest)
        else f"interest {int(interest)} of 5 at their last interview"
    )
    level = RiskLevel(int(partners.assessment.level[i]))
    if level > RiskLevel.low:
        why = reasons(partners.figures, partners.assessment, i, programs)
        said.append(f"burnout risk {level.name}" + (f": {why[0]}" if why else ""))
    return said  # fmt: skip


def _explain_capacity(partners: Partners, need: Need, m: Match) -> None:
    if m.hours_left is None:
        m.explanation.append("no interview on file: capacity unknown, not unlimited")
    else:
        hours = (
            f"{m.hours_left:.0f} hours" if m.hours_left >= 0 else f"{-m.hours_left:.0f} hours over"
        )
        slots = "" if m.slots_left is None else f" and {max(m.slots_left, 0)} engagement slot(s)"
        left = "left" if m.hours_left >= 0 else "their stated capacity"
        m.explanation.append(
            f"{hours} {left}{slots} after this ask of {need.hours:.0f} hours"
            if m.hours_left >= 0
            else f"{hours} {left} with this ask of {need.hours:.0f} hours"
        )
    if m.level_after > m.level:
        m.explanation.append(
            f"one more ask would push them from {m.level.name} to {m.level_after.name}"
        )


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
    assessment: Assessment | None = None,
) -> Partners:
    """Partners from per-partner lists: sparse sector and word matrices are built here.

    `texts` is what skills are looked for in (profile, interview, contacts' skills).
    """
    region_names = sorted({r for r in regions if r is not None})
    region_at = {r: j for j, r in enumerate(region_names)}
    sector_names = sorted({_norm_sector(s) for row in sectors for s in row})
    sector_at = {s: j for j, s in enumerate(sector_names)}
    sector_rows = [sorted({sector_at[_norm_sector(s)] for s in row}) for row in sectors]
    term_index: dict[str, int] = {}
    term_rows = [sorted({term_index.setdefault(w, len(term_index)) for w in words(t)})
                 for t in texts]  # fmt: skip
    n = len(ids)
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
        sectors=_binary(sector_rows, n, len(sector_names)).tocsr(),
        sector_names=sector_names,
        terms=_binary(term_rows, n, len(term_index)).tocsc(),
        term_index=term_index,
        interest=np.asarray(interest, dtype=np.float64),
        figures=figures,
        assessment=assessment or assess(figures),
    )


def _binary(rows: Sequence[Sequence[int]], n: int, width: int) -> sp.csr_matrix:
    indptr = np.cumsum([0, *(len(r) for r in rows)])
    indices = np.fromiter((j for r in rows for j in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.ones(indices.size, dtype=np.float32)
    return sp.csr_matrix((data, indices, indptr), shape=(n, max(width, 1)))
