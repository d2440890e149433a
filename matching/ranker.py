"""Rank every partner for a need at once, relevance first.

Relevance (meaning by field plus structured fit, `matching.relevance`) decides who is a
candidate and whether it fits well; availability (interest, room in the need's window, burnout)
only re-orders partners of similar relevance:

    meaning      = (1 − l)·dense + l·lexical                   (l = `Weights.lexical`)
    relevance    = meaning^(w_s / (w_s + w_f)) · fit^(w_f / (w_s + w_f))
    availability = (w_i·interest + w_c·capacity) / (w_i + w_c) × (1 − burnout penalty)
    score        = (1 − a)·relevance + a·availability          (a = `Weights.availability`)

where dense is the cosines of the need's fields with the partner's text (and, on the pool, its
best passage) mapped onto [0, 1], and lexical the BM25 of the words the need seeks (`Need.text`)
in the partner's words (profile, interview, contacts' skills) divided by the best partner's:
exact terms a sentence model blurs ("NCLEX", "SMAW") count by name. Partners that fit well
(relevance ≥ `Weights.good`) always come before those that do not, so an eager partner with
room never passes one that fits. A partner never interviewed gets the neutral 0.5 for
interest and capacity and is flagged "capacity unknown".

One matrix-vector product gives the meaning of every partner (the need's fields blended), one
pass over the columns of the need's words its lexical part; fit is array maths; passages, the
what-if and explanations run on a short pool of the best candidates only, grown until no
partner outside it could still place.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matching.embeddings import Vectors
from matching.lexicon import label
from matching.load import (
    DAYS_PER_MONTH,
    LoadFigures,
    RiskLevel,
    assess,
    reasons,
    with_one_more_ask,
)
from matching.partners import (
    KINDS,
    TYPES,
    BoolArray,
    FloatArray,
    IntArray,
    Partners,
    build_partners,
    norm_sector,
)
from matching.relevance import dense_rows, passage_fit, words
from matching.types import EngagementType, MatchingError, PartnerKind

COMPONENTS = ("semantic", "fit", "interest", "capacity", "burnout_penalty")
#: Structured-fit parts, in the order of `Weights.fit_parts`.
FIT_PARTS = ("kind", "sectors", "region", "skills", "engagement_type")
#: Interest and capacity of a partner never interviewed: neither a bonus nor a burial.
UNKNOWN = 0.5
#: The need's words an explanation names, rarest first.
LEXICAL_NAMED = 3
#: How far up `Weights.meaning_range` a cosine must be for a profile to read "related to" and
#: "close to" a need (0.3 and 0.5 for MiniLM). A partner whose profile reads far from the need
#: and shares few of its words (lexical share under `WORDS_SHARED`) is never called a good fit,
#: whatever its structured fit: a kind and a sector that match say nothing when the work
#: described is another. Shared words are evidence of their own: a profile naming "code review"
#: and "testing" fits code-review mentors though the sentence model reads it at 0.27.
RELATED, CLOSE = 0.4, 0.8
WORDS_SHARED = 0.5
#: Distinct terms of a field a partner's words must hold to work in it without the sector on
#: file: one ("clinics" in a software firm's profile) is a mention, two are work.
FIELD_TERMS = 2

__all__ = ["KINDS", "Filters", "Match", "Need", "Partners", "Scored", "Weights", "Window",
           "build_partners", "rank", "score_partners", "words"]  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class Weights:
    """How relevance and availability are made and mixed; defaults chosen by cross-validation
    over needs on bench/data/ranking_eval (see docs/matching.md, "Ranking quality").

    `semantic` and `fit` split relevance, `interest` and `capacity` split availability (the four
    sum to 1, as the settings have always had them). `availability` is the most availability can
    move a score; `good` the relevance from which a partner fits well.

    Parameters
    ----------
    semantic, fit, interest, capacity : float, keyword-only
        Shares of meaning and fit in relevance, of interest and capacity in availability;
        the four sum to 1.
    burnout : (float, float, float, float), keyword-only
        Share of availability taken off at risk level low, elevated, high, critical.
    availability : float, keyword-only
        The most availability can move a score, in [0, 1].
    good : float, keyword-only
        Relevance from which a partner fits well, for a need stored with its fields.
    good_words : float, keyword-only
        The same for a need read from words (chosen by cross-validation over typed needs).
    good_margin : float, keyword-only
        How far under the most relevant partner that fits well (by every other rule) a partner
        may be and still fit well, for a need stored with its fields: a sector is broad ("health
        sciences" holds dental offices and pediatric clinics), so a partner that matches the
        fields but reads well under the best one is as often a misfit as not.
    good_margin_words : float, keyword-only
        The same for a need read from words (what the words say is less sure still).
    expertise : float, keyword-only
        Share of the expertise sought in the meaning (the rest: the need's full text).
    passage : float, keyword-only
        Share of the best-matching passage in the meaning, on the pool.
    meaning_range : (float, float), keyword-only
        Cosines mapped linearly onto [0, 1] for relevance.
    lexical : float, keyword-only
        Share of the words shared with the need (BM25, divided by the best partner's) in the
        meaning; the rest is the cosines mapped by `meaning_range`.
    lexical_least : float, keyword-only
        The lexical part is divided by the best partner's BM25, but never by less than this
        share of what a partner holding every word of the need would score: when the best
        partner shares only a common word ("students"), it is not a full lexical match.
    bm25 : (float, float), keyword-only
        BM25's k1 (term saturation, >= 0) and b (length normalisation, in [0, 1]).
    skill_meaning : float, keyword-only
        Cosine from which a passage covers a sought skill.
    specialty_meaning : float, keyword-only
        Cosine from which a passage shows an employer does the specialty words name (a need
        read from words: "respiratory care" and a hospital short of respiratory therapists).
    fit_parts : tuple of float of length len(FIT_PARTS), keyword-only
        Weights of kind, sectors, region, skills and engagement type in fit.
    fit_floor : float, keyword-only
        What a missing fit part counts as, in (0, 1].
    """

    semantic: float = 0.35
    fit: float = 0.35
    interest: float = 0.10
    capacity: float = 0.20
    # Multiplied off availability by current risk level: low, elevated, high, critical.
    burnout: tuple[float, float, float, float] = (0.0, 0.1, 0.25, 0.5)
    availability: float = 0.05
    # `good_words` and `good_margin_words` (needs read from words) and `good_margin` (stored
    # needs) chosen by `evaluation.typed.choose` over the 538 typed dev needs (the label that
    # misleads least: wrong "fits well" plus wrong "nothing fits"). `good` stays where the
    # first set's cross-validation put it (0.525): the typed needs stored with their fields
    # chose 0.45, misleading 0.005 less, and the first set's NDCG@10 lost 0.005 there.
    good: float = 0.525
    good_words: float = 0.4
    # A good fit is at most this far under the most relevant good fit.
    good_margin: float = 0.03
    good_margin_words: float = 0.03
    # Share of the expertise sought in the meaning (the rest: the need's full text).
    expertise: float = 0.5
    # Share of the best-matching passage in the meaning, on the pool.
    passage: float = 0.3
    # Cosines mapped linearly onto [0, 1] for relevance (MiniLM's useful range).
    meaning_range: tuple[float, float] = (0.1, 0.6)
    # Share of the words the need and the partner share (BM25) in the meaning.
    lexical: float = 0.3
    # The lexical part's divisor is at least this share of a partner holding every word's BM25.
    lexical_least: float = 0.25
    # BM25's term saturation and length normalisation.
    bm25: tuple[float, float] = (1.2, 0.75)
    # A passage this close to a sought skill covers it.
    skill_meaning: float = 0.6
    # A passage this close to a skill read from words shows the specialty is done there (lower
    # than `skill_meaning`: it decides a label's evidence, not a share of the fit).
    specialty_meaning: float = 0.4
    # kind, sectors, region, skills, engagement type
    fit_parts: tuple[float, float, float, float, float] = (1.5, 1.5, 1.0, 0.5, 1.0)
    # A missing part counts as this much (not 0, which would sink any partner with one miss).
    fit_floor: float = 0.1

    def closeness(self, share: float) -> float:
        """The cosine `share` of the way up `meaning_range` (`RELATED`, `CLOSE`)."""
        lo, hi = self.meaning_range
        return lo + share * (hi - lo)

    def __post_init__(self) -> None:
        parts = (self.semantic, self.fit, self.interest, self.capacity)
        if min(parts) < 0 or abs(sum(parts) - 1) > 1e-6:
            raise MatchingError("semantic, fit, interest and capacity weights must sum to 1")
        if self.semantic + self.fit <= 0 or self.interest + self.capacity <= 0:
            raise MatchingError("relevance and availability each need some weight")
        if not all(0 <= p <= 1 for p in self.burnout):
            raise MatchingError("burnout penalties must be in [0, 1]")
        shares = (self.availability, self.good, self.good_words, self.expertise, self.passage,
                  self.skill_meaning, self.fit_floor, self.lexical, self.lexical_least,
                  self.good_margin, self.good_margin_words, self.specialty_meaning)  # fmt: skip
        if not all(0 <= s <= 1 for s in shares):
            raise MatchingError(
                "availability, good, good_words, expertise, passage, skill_meaning, fit_floor, "
                "lexical, lexical_least, good_margin, good_margin_words and specialty_meaning "
                "must be in [0, 1]"
            )
        if self.fit_floor <= 0:
            raise MatchingError("fit_floor must be above 0")
        if self.bm25[0] < 0 or not 0 <= self.bm25[1] <= 1:
            raise MatchingError("bm25 must be k1 >= 0 and b in [0, 1]")
        lo, hi = self.meaning_range
        if not 0 <= lo < hi <= 1:
            raise MatchingError("meaning_range must be two rising numbers in [0, 1]")
        if len(self.fit_parts) != len(FIT_PARTS) or min(self.fit_parts) < 0:
            raise MatchingError(f"fit_parts must be {len(FIT_PARTS)} weights >= 0")


@dataclass(frozen=True)
class Window:
    """The need's own dates, for judging room: its length in days and, per partner, the hours
    already promised and the engagements already running inside it.

    `booked` and `engaged` have shape (n_partners,), in the order of `Partners`.
    """

    days: int
    booked: FloatArray
    engaged: IntArray | None = None

    def __post_init__(self) -> None:
        if self.days < 1:
            raise MatchingError("a need's window is at least one day")


@dataclass(frozen=True)
class Need:
    """What is asked for. `vector` embeds its full text (title, description, expertise,
    skills); `expertise_vector` its expertise sought alone; `skill_vectors` one row per skill of
    `skills`. Only `vector` is required; the others sharpen the meaning when given."""

    vector: Vectors | None  # (dim,) or (1, dim); None until embedded
    partner_kinds: Sequence[str] = ()
    sectors: Sequence[str] = ()
    region: str | None = None
    skills: Sequence[str] = ()
    hours: float = 0.0
    expertise_vector: Vectors | None = None
    text: str = ""  # the words it seeks, counted by name (the lexical part of the meaning)
    skill_vectors: Vectors | None = None  # (len(skills), dim)
    # Other terms that show a skill's work (`matching.lexicon.specialty_forms`): a die shop
    # shows "CNC" without the word. Skills not in it are shown by their own words only.
    skill_forms: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # Kinds the need narrows by words a partner of the kind must use ("college": "university",
    # "bachelor"): others of the kind are not the kind wanted.
    kind_words: Mapping[str, Sequence[str]] = field(default_factory=dict)
    engagement_type: str | None = None
    window: Window | None = None
    # The terms of each of the need's sectors (a lexicon's): a partner that works in none of
    # them by its sectors or by its profile's words (`FIELD_TERMS` of one) is never a good
    # fit. Empty: the field is judged by relevance alone.
    field_terms: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # Whether a good fit must be of a kind asked for / in the need's region (the need names
    # them, rather than assuming them; on-site work).
    kinds_required: bool = False
    region_required: bool = False
    # Its fields were read from words (`matching.understand`), not stated: the good label
    # then takes `Weights.good_words` and `good_margin_words`.
    read_from_words: bool = False


@dataclass(frozen=True, kw_only=True)
class Filters:
    """Hard limits on who may appear at all; `exclude` holds partner ids left out by name
    (already asked for this need).

    Parameters
    ----------
    partner_kinds : sequence of str, keyword-only
        `PartnerKind` values allowed; empty: all.
    region : str or None, keyword-only
        The only region allowed; None: all.
    include_at_risk : bool, keyword-only
        Whether partners at critical burnout risk may appear.
    exclude : sequence of int, keyword-only
        Partner ids that never appear.
    """

    partner_kinds: Sequence[str] = ()
    region: str | None = None
    include_at_risk: bool = False
    exclude: Sequence[int] = ()


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
    relevance: float = 0.0
    good: bool = True  # fits well; False: shown only because too few fit well
    capacity_unknown: bool = False


#: The pass over every partner runs in float32: half the memory traffic, and numpy's log and
#: exp run several times faster; it only chooses the pool. The pool's rows (the answer's
#: figures) are recombined in float64.
Wide = NDArray[np.float32]
Floats = NDArray[np.floating[Any]]


@dataclass(frozen=True)
class _Relevance:
    """Meaning, fit and relevance of every partner, with the parts the explanations cite."""

    semantic: Wide  # (n,) cosine, the meaning component
    parts: dict[str, Floats]  # name -> (n,) in [0, 1], only the parts the need states
    kind_ok: BoolArray | None
    sectors_hit: Wide | None
    region_ok: BoolArray | None
    skills_hit: BoolArray | None  # (n, s) skills whose words all appear in the partner's text
    type_said: IntArray | None  # 1: the interview lists the type, 0: lists others, -1: unknown
    field_ok: BoolArray | None = None  # works in one of the need's fields (sector or words)
    # (n, s): which of a skill's specialty forms showed it, where its own words did not; -1
    # otherwise. None when the need's skills have no forms.
    skill_form: NDArray[np.int16] | None = None


def _meaning(partners: Partners, need: Need, w: Weights) -> tuple[Wide, np.ndarray]:
    """Meaning of every partner, and the need's field vectors (full text first).

    The blend of the fields' cosines is the cosine with the blend of the fields' vectors
    (a dot product is linear), so every partner costs one pass over its vector whatever the
    number of fields.
    """
    if need.vector is None:
        raise MatchingError("the need has not been embedded")
    dim = int(partners.vectors.shape[1])
    fields = [dense_rows(need.vector, dim=dim)]
    if need.expertise_vector is not None:
        fields.append(dense_rows(need.expertise_vector, dim=dim))
    queries = np.vstack(fields)
    blend = (
        queries[0]
        if len(fields) == 1
        else (1 - w.expertise) * queries[0] + w.expertise * queries[1]
    )
    semantic = np.asarray(partners.vectors @ blend.astype(np.float32), dtype=np.float32)
    semantic = np.clip(semantic.reshape(-1), 0.0, 1.0)
    return np.where(partners.has_vector, semantic, np.float32(0.0)), queries


def _relevance(partners: Partners, need: Need, semantic: Wide) -> _Relevance:
    n = partners.n
    parts: dict[str, Floats] = {}
    kind_ok = sectors_hit = region_ok = skills_hit = type_said = None
    wanted = kinds_meant(need)
    if wanted:
        kind_ok = partners.of_kinds(wanted)
        for kind, phrases in need.kind_words.items():
            # A narrower kind than the vocabulary's ("a four-year university" of colleges):
            # a partner of the kind is one only when its words say so.
            of_kind = partners.of_kinds([KINDS.index(PartnerKind(kind))])
            says = np.zeros(n, dtype=bool)
            for phrase in phrases:
                says |= _holding(partners, phrase)
            kind_ok = kind_ok & ~(of_kind & ~says)
        parts["kind"] = kind_ok.astype(np.float32)
    want_sectors = {norm_sector(s) for s in need.sectors}
    field_ok = None
    if want_sectors:
        sectors_hit = partners.sector_hits(sorted(want_sectors)).astype(np.float32)
        # The need's sectors are alternatives: working in any one of them is the fit.
        parts["sectors"] = np.minimum(sectors_hit, np.float32(1.0))
    if need.field_terms:
        by_words = field_words(partners, need.field_terms.values())
        field_ok = by_words | (sectors_hit > 0 if sectors_hit is not None else False)
        wide = field_wide(partners, need)
        if wide is not None:
            field_ok |= wide
        if "sectors" in parts:  # a profile doing the work counts as the sector on file
            parts["sectors"] = np.maximum(parts["sectors"], by_words.astype(np.float32))
    if need.region:
        region_ok = partners.in_region(need.region)
        parts["region"] = region_ok.astype(np.float32)
    columns = []
    by_form = np.full((n, len(need.skills)), -1, dtype=np.int16) if need.skill_forms else None
    for k, skill in enumerate(need.skills):
        column = _holding(partners, skill)
        for j, form in enumerate(need.skill_forms.get(skill, ())):
            shown = _holding(partners, form) & ~column
            if by_form is not None and shown.any():
                by_form[shown, k] = j  # the first form that shows it
                column = column | shown
        columns.append(column)
    if columns:
        skills_hit = np.stack(columns, axis=1)
        covered = np.zeros(n, dtype=np.float32)
        for column in columns:  # column by column: a row-wise mean over n rows is slower
            covered += column
        if by_form is not None:  # a skill shown by another term of its specialty counts half
            covered -= np.float32(0.5) * (by_form >= 0).sum(axis=1, dtype=np.float32)
        parts["skills"] = covered / np.float32(len(columns))
    if need.engagement_type:
        said = partners.types[:, TYPES.index(EngagementType(need.engagement_type))]
        known = partners.types_known
        type_said = np.where(known, said.astype(np.int64), -1)
        parts["engagement_type"] = np.where(known, said.astype(np.float32), np.float32(UNKNOWN))
    return _Relevance(semantic, parts, kind_ok, sectors_hit, region_ok, skills_hit, type_said,
                      field_ok, by_form)  # fmt: skip


def _holding(partners: Partners, phrase: str) -> BoolArray:
    """Which partners' words hold every word of `phrase` (as written), shape (n,)."""
    cols = [partners.term_index.get(w, -1) for w in words(phrase)]
    if not cols or min(cols) < 0:  # no words, or a word no partner uses
        return np.zeros(partners.n, dtype=bool)
    held: BoolArray = partners.terms.holding(cols) == len(cols)
    return held


def kinds_meant(need: Need) -> list[int]:
    """The kinds (indices into `KINDS`) a need's partner kinds take in. Words that ask for an
    employer name a workplace ("a lab", "a maintenance shop"), not who owns it: a public
    agency running one (a highway district, a harbor) hosts and employs as a company does.
    Kinds a recruiter stated are taken as stated."""
    kinds = [PartnerKind(k) for k in need.partner_kinds]
    if need.read_from_words and PartnerKind.employer in kinds and PartnerKind.agency not in kinds:
        kinds.append(PartnerKind.agency)
    return [KINDS.index(k) for k in kinds]


def _says_any(partners: Partners, need: Need, rows: IntArray) -> BoolArray:
    """Which of `rows` say some skill of `need` in any form of its words ("welding": a
    profile saying "welders"; "cyber": "cybersecurity") or of a term of its specialty ("CNC":
    "tool and die"), shape (len(rows),)."""
    terms = partners.terms
    hit = np.zeros(partners.n, dtype=bool)
    for skill in need.skills:
        for phrase in (skill, *need.skill_forms.get(skill, ())):
            said = words(phrase)
            if not said:
                continue
            holds = np.ones(partners.n, dtype=bool)
            for word in said:
                found, _ = terms.held(terms.like(word))
                mask = np.zeros(partners.n, dtype=bool)
                mask[found] = True
                holds &= mask
            hit |= holds
    out: BoolArray = hit[rows]
    return out


#: Kinds that serve every field when a need asks for them by kind: a district runs all its
#: pathways, an intermediary gathers employers of any field.
FIELD_WIDE = (PartnerKind.district, PartnerKind.intermediary)
#: The kinds that teach: a need read from words is served by them unless it names them.
SCHOOLS = (PartnerKind.district, PartnerKind.college)


def field_wide(partners: Partners, need: Need) -> BoolArray | None:
    """The partners of a kind the need asks for that serves every field (`FIELD_WIDE`);
    None when the need asks for none of them."""
    if not need.kinds_required:
        return None
    wide = [KINDS.index(k) for k in FIELD_WIDE if k.value in need.partner_kinds]
    return partners.of_kinds(wide) if wide else None


def field_words(partners: Partners, fields: Iterable[Sequence[str]]) -> BoolArray:
    """Which partners' words hold at least `FIELD_TERMS` distinct terms of one of `fields`
    (each a sequence of terms; a term of several words counts half when all of them are
    held, as they may stand apart).

    Returns
    -------
    ndarray of shape (n_partners,)
    """
    # Words too common to say anything lexically ("the", "with", "our"). Imported here:
    # scikit-learn takes most of a second to import, and a process that never ranks skips it.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as STOP_WORDS

    index = partners.term_index
    out = np.zeros(partners.n, dtype=bool)
    for terms in fields:
        counted = np.zeros(partners.n, dtype=np.float64)
        for term in dict.fromkeys(terms):
            said = words(term)
            cols = [index.get(w, -1) for w in said]
            if not cols or min(cols) < 0 or any(w in STOP_WORDS for w in said):
                continue  # a word no partner uses, or one too common to look up ("IT")
            rows, _ = partners.terms.held(cols)
            if len(cols) == 1:
                counted[rows] += 1.0
            else:
                # Words are held, not phrases: "network" and "support" apart are no "network
                # support", so a phrase counts half.
                counted += 0.5 * (np.bincount(rows, minlength=partners.n) == len(cols))
        out |= counted >= FIELD_TERMS
    return out


@dataclass(frozen=True)
class _Lexical:
    """The need's words (those some partner uses, stop words left out), rarest first, and
    every partner's BM25 for them divided by the best partner's; `share` None when no live
    partner shares any word (the meaning is then the cosines alone)."""

    share: Wide | None  # (n,) in [0, 1]
    words: list[str]
    columns: list[int]


def _lexical(partners: Partners, need: Need, w: Weights) -> _Lexical:
    """Exact terms a sentence model blurs ("NCLEX", "SMAW", "CNA") count here by name: BM25
    over live partners, divided by the best partner's, so 1 is the partner that shares the
    need's rarest words most and 0 one that shares none; but divided by no less than
    `Weights.lexical_least` of the BM25 of a partner of average length holding every word
    the need seeks (the sum of their inverse document frequencies, words no partner uses
    included), so a best partner that shares one word of ten gets a small share, not a full
    one."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as STOP_WORDS  # see field_words

    index = partners.term_index
    # One letter or digit is no word a profile shares ("CC's" leaves an "s").
    sought = dict.fromkeys(t for t in words(need.text) if t not in STOP_WORDS and len(t) > 1)
    said = dict.fromkeys(t for t in sought if t in index)
    if w.lexical <= 0 or not said:
        return _Lexical(None, [], [])
    cols = [index[t] for t in said]
    found = partners.terms.bm25(cols, partners.alive, k1=w.bm25[0], b=w.bm25[1])
    best = float(found.scores.max())
    if best <= 0:  # only dead rows used these words
        return _Lexical(None, [], [])
    # A partner holding every sought word scores the sum of their idf; a word no live partner
    # uses (often the need's most specific: "teller", "sous-chef") has the highest idf there is.
    # Numbers ("2027", "10") are not sought.
    missing = sum(1 for t in sought if t not in said and not t.replace(".", "").isdigit())
    unseen = missing * float(np.log1p((partners.alive.sum() + 0.5) / 0.5))
    best = max(best, w.lexical_least * (float(found.idf.sum()) + unseen))
    order = np.argsort(-found.idf, kind="stable").tolist()
    return _Lexical((found.scores / best).astype(np.float32), [list(said)[k] for k in order],
                    [cols[k] for k in order])  # fmt: skip


def _combine(
    semantic: Floats, lexical: Floats | None, parts: Mapping[str, Floats], w: Weights
) -> tuple[Floats, Floats]:
    """(fit, relevance) from meaning and the fit parts, for the rows given.

    Meaning is the cosines mapped by `Weights.meaning_range`, blended with the lexical share
    when the need has words some partner shares. Fit is a weighted geometric mean of its
    parts, each floored at `Weights.fit_floor`, so every miss (wrong kind, no shared sector,
    another region) costs, and two cost more than twice one would under a mean. Relevance is
    a weighted geometric mean of meaning and fit: a partner has to read close to the need
    *and* fit it; either one near zero sinks it. Computed in the dtype of `semantic`.
    """
    lo, hi = w.meaning_range
    meaning = np.clip((semantic - lo) / (hi - lo), 0.0, 1.0)
    if lexical is not None:  # a need with no word any partner shares: the cosines alone
        meaning = (1 - w.lexical) * meaning + w.lexical * lexical
    weights = dict(zip(FIT_PARTS, w.fit_parts, strict=True))
    total = sum(weights[p] for p in parts)
    if total > 0:
        logs = sum(weights[p] * np.log(np.maximum(v, w.fit_floor)) for p, v in parts.items())
        fit = np.exp(np.asarray(logs, dtype=semantic.dtype) / total)
    else:  # the need states nothing structured: fit is neutral
        fit = np.full(semantic.shape[0], 0.5, dtype=semantic.dtype)
    share = w.semantic / (w.semantic + w.fit)
    return fit, meaning**share * fit ** (1 - share)


@dataclass(frozen=True)
class Scored:
    """Meaning, fit and relevance of every partner for one need, before any filter: the O(n)
    part of a ranking, made once by `score_partners` when one need is ranked more than once
    (with and without the partners at risk) and handed to each `rank`."""

    semantic: Wide
    queries: np.ndarray  # the need's field vectors, full text first
    lexical: _Lexical
    rel: _Relevance
    fit: Floats
    relevance: Floats


def score_partners(partners: Partners, need: Need, weights: Weights = Weights()) -> Scored:  # noqa: B008
    """Every partner's meaning, fit and relevance for `need` (see `Scored`)."""
    semantic, queries = _meaning(partners, need, weights)
    lexical = _lexical(partners, need, weights)
    rel = _relevance(partners, need, semantic)
    fit, relevance = _combine(semantic, lexical.share, rel.parts, weights)
    return Scored(semantic, queries, lexical, rel, fit, relevance)


@dataclass(frozen=True)
class _Room:
    """Capacity after this ask for the partners of `idx`, before the what-if."""

    component: FloatArray  # halved later where the ask would raise the risk
    hours_left: FloatArray
    slots_left: FloatArray


def _room(partners: Partners, need: Need, idx: IntArray) -> _Room:
    f = partners.figures
    window = need.window
    if window is None:  # the next rolling window (the need has no dates)
        cap = f.capacity_hours[idx]
        busy = np.maximum(f.hours_committed[idx], f.hours_ahead[idx])
        active = f.active_engagements[idx].astype(np.float64)
    else:  # the need's own window: its length, and what is already promised inside it
        cap = f.capacity_hours_per_month[idx] * (window.days / DAYS_PER_MONTH)
        busy = window.booked[idx]
        engaged = window.engaged if window.engaged is not None else f.active_engagements
        active = engaged[idx].astype(np.float64)
    maximum = f.max_concurrent[idx]
    hours_left = cap - busy - need.hours
    slots_left = maximum - active - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        room_h = np.where(cap > 0, np.clip(hours_left / cap + 1 / 3, 0, 1), 0.0)
        room_s = np.where(maximum > 0, np.clip((slots_left + 1) / maximum, 0, 1), 0.0)
    unknown = np.isnan(cap)
    return _Room(
        component=np.where(unknown, UNKNOWN, 0.5 * room_h + 0.5 * room_s),
        hours_left=np.where(unknown, np.nan, hours_left),
        slots_left=np.where(np.isnan(maximum), np.nan, slots_left),
    )


def _levels_after(partners: Partners, need: Need, idx: IntArray) -> IntArray:
    """Risk level of partners `idx` if they took this ask (the what-if), judged over the need's
    own window when it has one: what is promised there, scaled to the risk window."""
    subset = partners.figures.take(idx)
    hours = need.hours
    window = need.window
    if window is not None:
        scale = subset.window_days / window.days
        booked = window.booked[idx] * scale
        engaged = subset.active_engagements if window.engaged is None else window.engaged[idx]
        subset = LoadFigures(**{**subset.__dict__, "hours_committed": booked,
                                "hours_ahead": booked, "active_engagements": engaged})  # fmt: skip
        hours = hours * scale
    return assess(with_one_more_ask(subset, hours), params=partners.assessment.params).level


#: Passage vectors of the partners at the given positions, each (k_i, dim).
PassageLookup = Callable[[Sequence[int]], Sequence[Vectors]]
#: Who asked each of the partners at the given positions lately: (program, asks), busiest first.
ProgramLookup = Callable[[Sequence[int]], Mapping[int, Sequence[tuple[str, int]]]]


def rank(
    partners: Partners,
    need: Need,
    *,
    limit: int = 10,
    filters: Filters = Filters(),  # noqa: B008 - frozen, so sharing the default is safe
    weights: Weights = Weights(),  # noqa: B008
    programs: ProgramLookup | None = None,
    passages: PassageLookup | None = None,
    pool: int = 50,
    explain: bool = True,
    scored: Scored | None = None,
) -> list[Match]:
    """The best `limit` partners for `need`, best first, each with its explanation.

    Parameters
    ----------
    partners : Partners
        The n partners, as arrays.
    need : Need
        What is asked; `need.vector` has shape (dim,) or (1, dim).
    limit : int, keyword-only
        How many to answer, 1-100.
    filters : Filters, keyword-only
        Kinds, region, and whether partners at critical risk may appear.
    weights : Weights, keyword-only
        How relevance and availability are made and mixed.
    programs : callable, keyword-only
        Given the positions of the partners shown, who asked each of them lately, so burnout
        reasons can name the programs.
    passages : callable, keyword-only
        Given positions of pool partners, their passage vectors, each of shape (k_i, dim); when
        given, the best-matching passage joins the meaning and skills can be covered by meaning.
    pool : int, keyword-only
        Candidates: the `max(pool, 3 * limit)` most relevant partners; availability re-orders
        only these.
    explain : bool, keyword-only
        Write each match's explanation (evaluations that only read the order skip it).
    scored : Scored, keyword-only
        `score_partners(partners, need, weights)` made already (it is only read, never changed), so
        ranking one need twice costs the pass over every partner once.

    Returns
    -------
    list of Match
        At most `limit`, partners that fit well first, then by score; ties by id.
    """
    if not 1 <= limit <= 100:
        raise MatchingError("limit must be between 1 and 100")
    if need.hours < 0:
        raise MatchingError("hours must not be negative")
    if need.window is not None and need.window.booked.shape[0] != partners.n:
        raise MatchingError("the need's window must give booked hours for every partner")
    w = weights
    if scored is None:
        scored = score_partners(partners, need, w)
    elif scored.semantic.shape[0] != partners.n:
        raise MatchingError("the scores given are for other partners")
    queries, lexical, fit, relevance = scored.queries, scored.lexical, scored.fit, scored.relevance
    share = lexical.share
    rel = scored.rel
    level = partners.assessment.level

    keep = partners.alive.copy()
    if filters.partner_kinds:
        keep &= partners.of_kinds([KINDS.index(PartnerKind(k)) for k in filters.partner_kinds])
    if filters.region:
        keep &= partners.in_region(filters.region)
    if not filters.include_at_risk:
        keep &= level < RiskLevel.critical
    if len(filters.exclude):
        keep &= ~np.isin(partners.ids, np.asarray(filters.exclude, dtype=partners.ids.dtype))
    candidates = np.flatnonzero(keep)
    if candidates.size == 0:
        return []
    size = min(candidates.size, max(pool, 3 * limit))
    top = candidates[np.argpartition(-relevance[candidates], size - 1)[:size]]
    top = top[np.lexsort((partners.ids[top], -relevance[top]))]

    # The pool's rows in float64 from here on (the figures the answer shows).
    semantic: FloatArray = scored.semantic.astype(np.float64)
    pool_parts = {k: v[top].astype(np.float64) for k, v in rel.parts.items()}
    # On the pool: the best passage joins the meaning, and skills may be covered by meaning.
    by_meaning = specialty = None
    if passages is not None:
        skill_q = None
        if need.skill_vectors is not None and len(need.skills):
            skill_q = dense_rows(need.skill_vectors, dim=queries.shape[1])
        # Passages answer what expertise is sought (the full text also says how: mentoring...).
        found = passage_fit(list(passages(top.tolist())), queries[-1:], skill_q,
                            skill_threshold=w.skill_meaning)  # fmt: skip
        semantic[top] = (1 - w.passage) * semantic[top] + w.passage * found.best
        semantic[top] = np.where(partners.has_vector[top], semantic[top], 0.0)
        if found.skill_cosines is not None and found.skill_cosines.shape[1]:
            specialty = np.zeros((partners.n, found.skill_cosines.shape[1]), dtype=bool)
            specialty[top] = found.skill_cosines >= w.specialty_meaning
        if rel.skills_hit is not None and found.skills.shape[1] == rel.skills_hit.shape[1]:
            by_meaning = np.zeros_like(rel.skills_hit)
            by_meaning[top] = found.skills & ~rel.skills_hit[top]
            pool_parts["skills"] = (rel.skills_hit[top] | by_meaning[top]).mean(axis=1)
    # Only the pool's relevance is recombined, in float64: not every partner's.
    fit, relevance = fit.astype(np.float64), relevance.astype(np.float64)
    fit[top], relevance[top] = _combine(
        semantic[top],
        None if share is None else share[top].astype(np.float64),
        pool_parts,
        w,
    )

    interest = np.where(np.isnan(partners.interest[top]), UNKNOWN,
                        (partners.interest[top] - 1) / 4)  # fmt: skip
    room = _room(partners, need, top)
    after = _levels_after(partners, need, top)
    capacity = np.where(after > level[top], 0.5, 1.0) * room.component
    penalty = np.asarray(w.burnout)[level[top]]
    available = (w.interest * interest + w.capacity * capacity) / (w.interest + w.capacity)
    available = available * (1 - penalty)
    score = np.clip((1 - w.availability) * relevance[top] + w.availability * available, 0, 1)
    # Judged on the relevance the answer shows (4 places), so a partner shown at the
    # threshold is never labelled weak by a digit nobody sees; and never good when its
    # profile reads far from the need and shares few of its words.
    said = np.round(semantic[top], 4) >= w.closeness(RELATED)
    if share is not None:
        said |= share[top] >= WORDS_SHARED
    good = np.round(relevance[top], 4) >= (w.good_words if need.read_from_words else w.good)
    good &= said
    school = np.zeros(top.size, dtype=bool)  # would fit well, but a school not asked for
    # Evidence a convener would ask for: the field, and the kind and place the need names.
    if rel.field_ok is not None:
        good &= rel.field_ok[top]
    if need.kinds_required and rel.kind_ok is not None:
        good &= rel.kind_ok[top]
    if need.read_from_words:
        # A school district or a college is where students come from: in words it is asked
        # for by name ("which school district", "a community college to build"), so one not
        # read as wanted does not fit well however close its profile reads (a district was
        # graded a misfit in every such case on the typed needs).
        unasked = [KINDS.index(k) for k in SCHOOLS if k.value not in need.partner_kinds]
        if unasked:
            school = partners.of_kinds(unasked)[top] & good
            good &= ~school
    if need.region_required and rel.region_ok is not None:
        good &= rel.region_ok[top]
    # The order: partners that meet the rules above first. The checks below (the specialty
    # of a stored need, the margin under the best good fit) say which of them to call good;
    # they do not move them.
    tier = good.copy()
    lacks = np.zeros(top.size, dtype=bool)  # shows none of the skills' specialty
    if rel.skills_hit is not None:
        # Skills name a specialty ("HVAC", "solar farm", "dental"): an employer that fits well
        # does some of it, by its words or a passage's meaning, not only the broad field
        # around it (a sector on file says "energy", not "solar"). A college or an
        # intermediary asked for serves the whole field (it builds the course, it knows the
        # employers).
        covered = _says_any(partners, need, top)
        if need.kinds_required:
            others = [KINDS.index(PartnerKind(k)) for k in need.partner_kinds
                      if k != PartnerKind.employer.value]  # fmt: skip
            covered |= partners.of_kinds(others)[top] if others else False
        if specialty is not None:
            covered |= specialty[top].any(axis=1)
        good &= covered
        lacks = ~covered
        if need.read_from_words:  # read from words, the specialty also decides the order
            tier &= covered
    margin = w.good_margin_words if need.read_from_words else w.good_margin
    best_good = None  # the relevance of the best good fit, when the margin leaves some out
    under = np.zeros(top.size, dtype=bool)
    if good.any() and margin < 1:
        shown_relevance = np.round(relevance[top], 4)
        best_good = float(shown_relevance[good].max())
        under = good & (shown_relevance < best_good - margin)
        if not need.read_from_words:
            # For fields a recruiter stated, a profile that reads close to the need is
            # evidence enough of its own (graded good 97 % of the time on the typed needs
            # stored with their fields): the margin keeps to those read only related. Words
            # read close for who is served as much as for who is wanted, so not there.
            under &= np.round(semantic[top], 4) < w.closeness(CLOSE)
        good &= ~under
    order = np.lexsort((partners.ids[top], -score, ~tier))[:limit]

    shown = top[order].tolist()
    asked = programs([int(i) for i in shown]) if programs and explain else {}
    out = []
    for j in order.tolist():
        i = int(top[j])
        comps = {"semantic": semantic[i], "fit": fit[i], "interest": interest[j],
                 "capacity": capacity[j], "burnout_penalty": penalty[j]}  # fmt: skip
        m = Match(
            index=i,
            score=float(score[j]),
            components={c: round(float(v), 4) for c, v in comps.items()},
            hours_left=None if np.isnan(room.hours_left[j]) else float(room.hours_left[j]),
            slots_left=None if np.isnan(room.slots_left[j]) else int(room.slots_left[j]),
            level=RiskLevel(int(level[i])),
            level_after=RiskLevel(int(after[j])),
            explanation=[],
            relevance=round(float(relevance[i]), 4),
            good=bool(good[j]),
            capacity_unknown=bool(np.isnan(partners.figures.capacity_hours_per_month[i])),
        )
        if explain:
            m.explanation.extend(
                _explain(
                    partners,
                    need,
                    m,
                    rel,
                    semantic,
                    lexical,
                    by_meaning,
                    asked.get(i, ()),
                    w,
                    specialty,
                    _weaker(need, m, best_good, lacks=bool(lacks[j]))
                    if tier[j] and not good[j]
                    else _unasked(partners, i)
                    if school[j]
                    else None,
                )  # fmt: skip
            )
            _explain_capacity(need, m)
        out.append(m)
    return out


def _unasked(partners: Partners, i: int) -> str:
    """Why a school or college that reads as a fit is not called good for words."""
    kind = "school district" if KINDS[partners.kinds[i]] is PartnerKind.district else "college"
    return (f"a weak match: a {kind} is where students learn, and the words ask for no "
            f"{kind}")  # fmt: skip


def _weaker(need: Need, m: Match, best_good: float | None, *, lacks: bool) -> str:
    """Why a partner that meets the need's fields is not called good: it shows none of the
    skills' specialty (`lacks`), or it reads well under the best good fit."""
    if lacks or best_good is None:
        return (f"a weaker match: it meets the need's fields, but nothing on file shows it "
                f"does {' or '.join(need.skills)}")  # fmt: skip
    return (f"a weaker match: it meets the need's fields, but reads less relevant "
            f"({m.relevance:.2f}) than the best fit ({best_good:.2f})")  # fmt: skip


def _a(word: str) -> str:
    return f"a{'n' if word[0] in 'aeiou' else ''} {word}"


def _explain(
    partners: Partners,
    need: Need,
    m: Match,
    rel: _Relevance,
    semantic: FloatArray,
    lexical: _Lexical,
    by_meaning: BoolArray | None,
    programs: Sequence[tuple[str, int]],
    w: Weights,
    specialty: BoolArray | None = None,
    weaker: str | None = None,
) -> list[str]:
    i = m.index
    said = [
        "fits this need well"
        if m.good
        else weaker or "a weak match: shown because too few partners fit this need well"
    ]
    if not partners.has_vector[i]:
        said.append("their profile is still being read (no embedding yet): meaning not scored")
    else:
        closeness = (
            "close to"
            if semantic[i] >= w.closeness(CLOSE)
            else "related to"
            if semantic[i] >= w.closeness(RELATED)
            else "far from"
        )
        said.append(f"their profile reads {closeness} this need (similarity {semantic[i]:.2f})")
    if lexical.share is not None and lexical.share[i] > 0:
        held = partners.terms.holds(i, lexical.columns)
        shared = [t for t, h in zip(lexical.words, held.tolist(), strict=True) if h][:LEXICAL_NAMED]
        said.append(f"their profile uses the need's words {', '.join(shared)}")
    kind = label(KINDS[int(partners.kinds[i])].value)
    if rel.kind_ok is not None:
        wanted = " or ".join(label(k) for k in need.partner_kinds)
        as_asked = KINDS[int(partners.kinds[i])].value in need.partner_kinds
        said.append(
            f"{_a(kind)}, as the need asks"
            if rel.kind_ok[i] and as_asked
            else f"{_a(kind)}: a public employer, as the need asks for {wanted}"
            if rel.kind_ok[i]
            else f"{_a(kind)}; the need asks for {wanted}"
        )
    if rel.sectors_hit is not None:
        row = partners.sectors.indices[partners.sectors.indptr[i] : partners.sectors.indptr[i + 1]]
        theirs = [partners.sector_names[j] for j in row]
        shared = sorted(set(theirs) & {norm_sector(s) for s in need.sectors})
        said.append(
            f"works in {', '.join(label(s) for s in shared)}"
            if shared
            else "works in none of the need's sectors"
        )
    if rel.region_ok is not None:
        stated = partners.regions[i]
        region = label(stated) if stated else "no stated region"
        said.append(
            f"in {region}, the need's region"
            if rel.region_ok[i]
            else f"in {region}; the need is in {label(need.region or '')}"
        )
    if rel.skills_hit is not None:
        covered = [
            s + (" (by meaning)" if by_meaning is not None and by_meaning[i, k] else
                 _by_form(need, rel, i, k))
            for k, s in enumerate(need.skills)
            if rel.skills_hit[i, k] or (by_meaning is not None and by_meaning[i, k])
        ]  # fmt: skip
        said.append(
            f"covers {len(covered)} of {len(need.skills)} skills sought"
            + (f": {', '.join(covered)}" if covered else "")
        )
        near = [s for k, s in enumerate(need.skills)
                if specialty is not None and k < specialty.shape[1] and specialty[i, k]
                and not rel.skills_hit[i, k]
                and not (by_meaning is not None and by_meaning[i, k])]  # fmt: skip
        if near and need.read_from_words:
            # The evidence a good label's specialty check took (`Weights.specialty_meaning`).
            said.append(f"their profile reads near {', '.join(near)}, though not in those words")
    if rel.type_said is not None and need.engagement_type:
        kind_of_work = label(need.engagement_type)
        state = int(rel.type_said[i])
        said.append(
            f"said at their last interview they will do {kind_of_work}"
            if state == 1
            else f"their last interview does not list {kind_of_work}"
            if state == 0
            else f"no interview on file: whether they do {kind_of_work} is unknown"
            if np.isnan(partners.interest[i])
            else f"their last interview names no engagement types: {kind_of_work} unknown"
        )
    interest = partners.interest[i]
    said.append(
        "no interview on file: interest unknown"
        if np.isnan(interest)
        else f"interest {int(interest)} of 5 at their last interview"
    )
    level = RiskLevel(int(partners.assessment.level[i]))
    if level > RiskLevel.low:
        why = reasons(partners.figures, partners.assessment, i, programs=programs)
        said.append(f"burnout risk {level.name}" + (f": {why[0]}" if why else ""))
    return said


def _by_form(need: Need, rel: _Relevance, i: int, k: int) -> str:
    """How skill `k` shows in partner `i`'s words when not by its own: " (as “tool and die”)"."""
    if rel.skill_form is None or rel.skill_form[i, k] < 0:
        return ""
    return f" (as “{need.skill_forms[need.skills[k]][int(rel.skill_form[i, k])]}”)"


def _explain_capacity(need: Need, m: Match) -> None:
    where = f" in the need's {need.window.days}-day window" if need.window else ""
    if m.hours_left is None:
        m.explanation.append("no interview on file: capacity unknown, not unlimited")
    else:
        hours = (
            f"{m.hours_left:.0f} hours" if m.hours_left >= 0 else f"{-m.hours_left:.0f} hours over"
        )
        slots = "" if m.slots_left is None else f" and {max(m.slots_left, 0)} engagement slot(s)"
        left = "left" if m.hours_left >= 0 else "their stated capacity"
        # A need that names no hours asks for an ask, not for "0 hours".
        ask = f"this ask of {need.hours:.0f} hours" if need.hours > 0 else "this ask"
        m.explanation.append(
            f"{hours} {left}{slots}{where} after {ask}"
            if m.hours_left >= 0
            else f"{hours} {left}{where} with {ask}"
        )
    if m.level_after > m.level:
        m.explanation.append(
            f"one more ask would push them from {m.level.name} to {m.level_after.name}"
        )
