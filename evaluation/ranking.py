"""Ranking quality on a labelled set: NDCG@10, MRR and recall@10 for the full scorer, its
semantic part alone, and two keyword baselines (BM25 and TF-IDF cosine) on the same data.

The set (bench/data/ranking_eval/) holds partners, needs and graded relevance 0-3; a pair left
out is graded 0. Grades of 2 and 3 count as relevant for MRR and recall.
"""

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from matching import understand
from matching.embeddings import Embedder, Vectors, cosine_range
from matching.lexicon import SECTORS, Entry, Lexicon
from matching.load import LoadFigures, RiskLevel
from matching.ranker import Need, Partners, Weights, build_partners, rank, score_partners
from matching.relevance import cosines, dense_rows, passage_fit, passages

RELEVANT = 2
K = 10


@dataclass(frozen=True)
class EvalSet:
    partners: list[dict[str, Any]]
    needs: list[dict[str, Any]]
    qrels: dict[str, dict[str, int]]
    # Realistic variant only: load figures per partner id, and the plain set's judgments.
    loads: dict[str, dict[str, float]] = field(default_factory=dict)
    irrelevant: dict[str, dict[str, int]] | None = None

    @classmethod
    def load(cls, folder: str | Path) -> "EvalSet":
        """Read a set from `folder`.

        Parameters
        ----------
        folder : str or Path
            Holds partners.json, needs.json and qrels.json.

        Returns
        -------
        EvalSet
            The plain set: no loads, judgments in `qrels` only.
        """
        folder = Path(folder)

        def read(name: str) -> Any:
            return json.loads((folder / name).read_text(encoding="utf-8"))

        return cls(read("partners.json"), read("needs.json"), read("qrels.json"))


def partner_text(p: Mapping[str, Any]) -> str:
    """The text a partner is embedded and searched by.

    Parameters
    ----------
    p : mapping
        One partner of the set: name, description, sectors, interview.

    Returns
    -------
    str
        Name, description, sectors and the interview's summaries, one per line.
    """
    iv = p.get("interview") or {}
    sectors = ", ".join(s.replace("_", " ") for s in p.get("sectors", []))
    parts = [p["name"], p.get("description", ""), f"Sectors: {sectors}." if sectors else "",
             iv.get("business_summary", ""), iv.get("role_and_skills", "")]  # fmt: skip
    return "\n".join(x for x in parts if x)


def need_text(n: Mapping[str, Any]) -> str:
    """The full text of a need.

    Parameters
    ----------
    n : mapping
        One need of the set: title, description, expertise sought, skills.

    Returns
    -------
    str
        Its fields, one per line.
    """
    skills = "Skills: " + ", ".join(n["skills"]) if n.get("skills") else ""
    parts = [n["title"], n.get("description", ""), n.get("expertise_sought", ""), skills]
    return "\n".join(x for x in parts if x)


def ndcg(ranked: Sequence[str], grades: Mapping[str, int], *, k: int = K) -> float:
    """Normalised discounted cumulative gain with gains 2^grade - 1.

    Parameters
    ----------
    ranked : sequence of str
        Partner ids, best first.
    grades : mapping of str to int
        Graded relevance 0-3 of partners to the need; missing: 0.
    k : int, keyword-only
        Cut-off.

    Returns
    -------
    float
        NDCG@k in [0, 1]; 0 when no partner has gain.
    """
    gain = sum((2 ** grades.get(p, 0) - 1) / np.log2(i + 2) for i, p in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2**g - 1) / np.log2(i + 2) for i, g in enumerate(ideal))
    return float(gain / best) if best > 0 else 0.0


def reciprocal_rank(ranked: Sequence[str], grades: Mapping[str, int]) -> float:
    """One over the place of the first relevant partner (graded 2 or 3).

    Parameters
    ----------
    ranked : sequence of str
        Partner ids, best first.
    grades : mapping of str to int
        Graded relevance 0-3; missing: 0.

    Returns
    -------
    float
        In (0, 1]; 0 when no relevant partner is ranked.
    """
    for i, p in enumerate(ranked):
        if grades.get(p, 0) >= RELEVANT:
            return 1.0 / (i + 1)
    return 0.0


def recall(ranked: Sequence[str], grades: Mapping[str, int], *, k: int = K) -> float:
    """Share of the relevant partners (graded 2 or 3) among the first `k`.

    Parameters
    ----------
    ranked : sequence of str
        Partner ids, best first.
    grades : mapping of str to int
        Graded relevance 0-3; missing: 0.
    k : int, keyword-only
        Cut-off.

    Returns
    -------
    float
        Recall@k in [0, 1]; 0 when no partner is relevant.
    """
    relevant = {p for p, g in grades.items() if g >= RELEVANT}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


Ranker = Callable[[int], list[str]]  # need index -> partner ids, best first


METRICS = ("ndcg@10", "mrr", "recall@10", "irrelevant@5")


def per_need(data: EvalSet, rankings: Sequence[Sequence[str]]) -> dict[str, np.ndarray]:
    """Each metric for each need, shape (n_needs,), from the rankings (best first) per need.

    Parameters
    ----------
    data : EvalSet
        The set, with n_needs needs.
    rankings : sequence of length n_needs of sequences of str
        Partner ids per need, best first, in the order of `data.needs`.

    Returns
    -------
    dict of str to ndarray of shape (n_needs,)
        One array per name of `METRICS`.
    """
    out: dict[str, list[float]] = {m: [] for m in METRICS}
    judged = data.irrelevant or data.qrels
    for need, ranked in zip(data.needs, rankings, strict=True):
        grades = data.qrels.get(need["id"], {})
        out["ndcg@10"].append(ndcg(ranked, grades))
        out["mrr"].append(reciprocal_rank(ranked, grades))
        out["recall@10"].append(recall(ranked, grades))
        out["irrelevant@5"].append(irrelevant_top(ranked, grades, judged.get(need["id"], {})))
    return {m: np.asarray(v, dtype=np.float64) for m, v in out.items()}


def summary(found: Mapping[str, np.ndarray]) -> dict[str, float]:
    """Each metric over needs: the mean, but irrelevant@5 a total.

    Parameters
    ----------
    found : mapping of str to ndarray of shape (n_needs,)
        Per-need figures, one array per name of `METRICS` (`per_need`).

    Returns
    -------
    dict of str to float
    """
    return {m: float(found[m].sum() if m == "irrelevant@5" else found[m].mean()) for m in METRICS}


def evaluate(data: EvalSet, ranker: Ranker) -> dict[str, float]:
    """Mean NDCG@10, MRR and recall@10, and the total of misfits in the top 5 (irrelevant@5),
    of `ranker` over every need of the set.

    Parameters
    ----------
    data : EvalSet
        The set.
    ranker : callable
        Given a need's index, partner ids best first.

    Returns
    -------
    dict of str to float
        One figure per name of `METRICS`.
    """
    return summary(per_need(data, [ranker(j) for j in range(len(data.needs))]))


def cross_validate(
    per_candidate: Sequence[Sequence[Mapping[str, np.ndarray]]],
    *,
    folds: int = 5,
    seed: int = 0,
) -> tuple[list[dict[str, float]], list[int]]:
    """Choose among candidate settings on training needs only, score on the held-out needs.

    Parameters
    ----------
    per_candidate : sequence over candidates of sequences over variants of per-need metrics
        `per_candidate[c][v][metric]` has shape (n_needs,): what candidate c scores on variant
        v (plain, realistic, ...) for each need. The choice maximises mean NDCG@10 over the
        training needs of all variants together.
    folds : int, keyword-only
        Folds over needs.
    seed : int, keyword-only
        Shuffles the needs before they are cut into folds.

    Returns
    -------
    (list of dict, list of int)
        Per variant, each metric over held-out needs only (means; irrelevant@5 a total); and
        the candidate chosen in each fold.
    """
    n_variants = len(per_candidate[0])
    n_needs = per_candidate[0][0]["ndcg@10"].shape[0]
    order = np.random.default_rng(seed).permutation(n_needs)
    chosen: list[int] = []
    held: list[dict[str, np.ndarray]] = [
        {m: np.zeros(n_needs) for m in METRICS} for _ in range(n_variants)
    ]
    for f in range(folds):
        test = order[f::folds]
        train = np.setdiff1d(order, test)
        fit = [np.mean([v["ndcg@10"][train].mean() for v in cand]) for cand in per_candidate]
        c = int(np.argmax(fit))  # first best: candidates are listed simplest first
        chosen.append(c)
        for v in range(n_variants):
            for m in METRICS:
                held[v][m][test] = per_candidate[c][v][m][test]
    return [summary(h) for h in held], chosen


def _top(ids: Sequence[str], scores: np.ndarray, k: int = 50) -> list[str]:
    order = np.lexsort((np.arange(len(ids)), -scores))[:k]
    return [ids[i] for i in order]


def bm25_ranker(data: EvalSet) -> Ranker:
    """BM25 (the `bm25s` package, English stop words) over the same texts.

    Parameters
    ----------
    data : EvalSet
        The set whose partners are indexed.

    Returns
    -------
    callable
        Given a need's index, the best 50 partner ids, best first.
    """
    import bm25s

    ids = [p["id"] for p in data.partners]
    retriever = bm25s.BM25()
    corpus = bm25s.tokenize([partner_text(p) for p in data.partners], stopwords="en",
                            show_progress=False)  # fmt: skip
    retriever.index(corpus, show_progress=False)
    k = min(50, len(ids))

    def run(j: int) -> list[str]:
        query = bm25s.tokenize([need_text(data.needs[j])], stopwords="en", show_progress=False)
        found, _ = retriever.retrieve(query, k=k, show_progress=False)
        return [ids[int(i)] for i in found[0]]

    return run


def tfidf_ranker(data: EvalSet) -> Ranker:
    """TF-IDF cosine (scikit-learn, English stop words, sublinear tf) over the same texts.

    Parameters
    ----------
    data : EvalSet
        The set whose partners are indexed.

    Returns
    -------
    callable
        Given a need's index, the best 50 partner ids, best first.
    """
    ids = [p["id"] for p in data.partners]
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    docs = vectorizer.fit_transform([partner_text(p) for p in data.partners])

    def run(j: int) -> list[str]:
        q = vectorizer.transform([need_text(data.needs[j])])
        return _top(ids, np.asarray((docs @ q.T).toarray()).reshape(-1))

    return run


def semantic_ranker(data: EvalSet, embedder: Embedder) -> Ranker:
    """The cosine of the need's full text with each partner's text alone.

    Parameters
    ----------
    data : EvalSet
        The set.
    embedder : Embedder
        Embeds partners and needs.

    Returns
    -------
    callable
        Given a need's index, the best 50 partner ids, best first.
    """
    ids = [p["id"] for p in data.partners]
    docs = embedder.embed([partner_text(p) for p in data.partners])
    queries = embedder.embed([need_text(n) for n in data.needs])

    def run(j: int) -> list[str]:
        q = queries[j]
        q = q.toarray().reshape(-1) if hasattr(q, "toarray") else q
        return _top(ids, np.asarray(docs @ q).reshape(-1))

    return run


def need_fields(n: Mapping[str, Any]) -> tuple[str, str, list[str]]:
    """The need's texts embedded apart: full text, expertise sought, each skill.

    Parameters
    ----------
    n : mapping
        One need of the set.

    Returns
    -------
    (str, str, list of str)
        Full text, expertise sought (the title when none), and the skills.
    """
    return need_text(n), n.get("expertise_sought") or n["title"], list(n.get("skills", []))


def need_words(n: Mapping[str, Any]) -> str:
    """The words of a need counted by name (the lexical part of the meaning): what it seeks,
    as the service takes them (title, expertise sought, skills; not the description).

    Parameters
    ----------
    n : mapping
        One need of the set.

    Returns
    -------
    str
        Those fields, one per line.
    """
    return "\n".join([n["title"], n.get("expertise_sought", ""), *n.get("skills", [])])


@dataclass(frozen=True)
class Prepared:
    """The scorer's inputs for a set, embedded once, so many weightings can be tried cheaply."""

    partners: Partners
    passages: list[Vectors]
    needs: list[Need]


def prepare(data: EvalSet, embedder: Embedder) -> Prepared:
    """Embed partners, their passages and every need's fields once.

    Load figures come from the interviews (capacity) and, in the realistic variant, from
    `data.loads` (asks, hours and engagements over the last 90 days).

    Parameters
    ----------
    data : EvalSet
        The set, with n_partners partners.
    embedder : Embedder
        Embeds partners, passages and needs.

    Returns
    -------
    Prepared
        `partners` (vectors of shape (n_partners, dim)), one passage array of shape
        (k_i, dim) per partner, and one `Need` per need of the set.
    """
    ps = data.partners
    n = len(ps)
    texts = [partner_text(p) for p in ps]

    def interview(key: str) -> np.ndarray:
        return np.array([float((p.get("interview") or {}).get(key, np.nan)) for p in ps])

    figures = LoadFigures.empty(n, window_days=90)
    figures.capacity_hours_per_month[:] = interview("capacity_hours_per_month")
    figures.max_concurrent[:] = interview("max_concurrent_engagements")
    for i, p in enumerate(ps):
        for key, value in data.loads.get(p["id"], {}).items():
            getattr(figures, key)[i] = value
    partners = build_partners(
        ids=list(range(n)), names=[p["name"] for p in ps], kinds=[p["kind"] for p in ps],
        regions=[p.get("region") for p in ps], sectors=[p.get("sectors", []) for p in ps],
        texts=texts, interest=interview("interest_level").tolist(),
        vectors=embedder.embed(texts), has_vector=[True] * n, figures=figures,
        engagement_types=[(p.get("interview") or {}).get("engagement_types", []) for p in ps],
    )  # fmt: skip
    cut = [passages(t) for t in texts]
    flat = embedder.embed([x for c in cut for x in c])
    bounds = np.cumsum([0, *(len(c) for c in cut)])
    pieces = [flat[bounds[i] : bounds[i + 1]] for i in range(n)]
    fields = [need_fields(x) for x in data.needs]
    full = embedder.embed([f[0] for f in fields])
    expertise = embedder.embed([f[1] for f in fields])
    skills = [embedder.embed(f[2]) if f[2] else None for f in fields]
    needs = [
        Need(
            vector=full[j],
            expertise_vector=expertise[j],
            text=need_words(x),
            skill_vectors=skills[j],
            partner_kinds=x.get("partner_kinds", []),
            sectors=x.get("sectors", []),
            region=x.get("region"),
            skills=fields[j][2],
            engagement_type=x.get("engagement_type"),
            hours=float(x.get("hours", 0)),
        )  # fmt: skip
        for j, x in enumerate(data.needs)
    ]
    return Prepared(partners, pieces, needs)


def scorer_ranker(
    data: EvalSet,
    embedder: Embedder | None = None,
    *,
    weights: Weights = Weights(),  # noqa: B008
    prepared: Prepared | None = None,
    use_passages: bool = True,
) -> Ranker:
    """The service's scorer: meaning by field, structured fit, then availability.

    Parameters
    ----------
    data : EvalSet
        The set.
    embedder : Embedder or None
        Embeds the set when `prepared` is not given.
    weights : Weights, keyword-only
        The scorer's weights.
    prepared : Prepared or None, keyword-only
        The set already embedded (`prepare(data, embedder)`), to try many weights cheaply.
    use_passages : bool, keyword-only
        Whether the best-matching passage joins the meaning.

    Returns
    -------
    callable
        Given a need's index, the best 10 partner ids, best first.
    """
    if prepared is None:
        if embedder is None:
            raise ValueError("give an embedder or a prepared set")
        prepared = prepare(data, embedder)
    got = prepared
    lookup = (lambda idx: [got.passages[i] for i in idx]) if use_passages else None

    def run(j: int) -> list[str]:
        found = rank(got.partners, got.needs[j], limit=K, weights=weights, passages=lookup,
                     explain=False)  # fmt: skip
        return [data.partners[m.index]["id"] for m in found]

    return run


def realistic(data: EvalSet, *, seed: int = 0) -> EvalSet:
    """The set under the conditions a convener meets, derived deterministically from `data`:

    * a quarter of the relevant partners (graded 2-3 for some need) were never interviewed;
    * half of the partners that fit no need (graded 0-1 everywhere) are eager: interviewed at
      interest 5, with 40 hours a month, room for 6 engagements and most engagement types;
    * a fifth of the heavy hitters (graded 3 somewhere, interviewed) are loaded past capacity
      (twice their hours, every slot taken, asked by six programs): their gain becomes 0.

    `irrelevant` keeps the plain set's judgments: a loaded heavy hitter is no misfit.

    Parameters
    ----------
    data : EvalSet
        The plain set.
    seed : int, keyword-only
        Seed of the choice of partners changed.

    Returns
    -------
    EvalSet
        New partners, `loads` per loaded partner id, gains of loaded partners set to 0, and
        the plain judgments in `irrelevant`.
    """
    rng = np.random.default_rng(seed)
    best: dict[str, int] = {}
    for grades in data.qrels.values():
        for p, g in grades.items():
            best[p] = max(best.get(p, 0), g)
    partners = [dict(p) for p in data.partners]
    by_id = {p["id"]: p for p in partners}
    relevant = sorted(p for p, g in best.items() if g >= RELEVANT)
    missing = [p for p in relevant if by_id[p].get("interview") is None]
    target = round(len(relevant) / 4) - len(missing)
    interviewed = [p for p in relevant if by_id[p].get("interview") is not None]
    loaded_pool = [p for p in interviewed if best[p] == 3]
    loaded = set(rng.choice(loaded_pool, size=len(loaded_pool) // 5, replace=False).tolist())
    strip = [p for p in interviewed if p not in loaded]
    for p in rng.choice(strip, size=max(target, 0), replace=False).tolist():
        by_id[p]["interview"] = None
    misfits = sorted(p["id"] for p in partners if best.get(p["id"], 0) <= 1)
    eager_types = ["internship_host", "job_shadow", "mentoring", "guest_instruction",
                   "advisory_board", "work_based_learning", "curriculum_review"]  # fmt: skip
    for p in rng.choice(misfits, size=len(misfits) // 2, replace=False).tolist():
        old = by_id[p].get("interview") or {}
        by_id[p]["interview"] = {
            "business_summary": old.get("business_summary", ""),
            "role_and_skills": old.get("role_and_skills", ""),
            "interest_level": 5, "capacity_hours_per_month": 40,
            "max_concurrent_engagements": 6, "engagement_types": eager_types,
        }  # fmt: skip
    load: dict[str, dict[str, float]] = {}
    for p in sorted(loaded):
        iv = by_id[p]["interview"]
        cap = float(iv["capacity_hours_per_month"]) * 90 / (365.25 / 12)
        load[p] = {"asks": 12, "distinct_programs": 6, "declines": 2,
                   "active_engagements": int(iv["max_concurrent_engagements"]),
                   "hours_committed": 2 * cap, "hours_ahead": 2 * cap}  # fmt: skip
    qrels = {n: {p: (0 if p in loaded else g) for p, g in grades.items()}
             for n, grades in data.qrels.items()}  # fmt: skip
    return EvalSet(partners, data.needs, qrels, loads=load, irrelevant=data.qrels)


def irrelevant_top(ranked: Sequence[str], grades: Mapping[str, int],
                   judged: Mapping[str, int], *, k: int = 5) -> int:  # fmt: skip
    """Misfits (graded 0 in `judged`) among the first min(k, partners with gain) places: the
    places a partner with some gain could have held.

    Parameters
    ----------
    ranked : sequence of str
        Partner ids, best first.
    grades : mapping of str to int
        Graded relevance 0-3 the ranking is scored by.
    judged : mapping of str to int
        Graded relevance that says who is a misfit (the plain set's).
    k : int, keyword-only
        Places looked at, at most.

    Returns
    -------
    int
        Misfits in those places.
    """
    places = min(k, sum(1 for g in grades.values() if g > 0))
    return sum(1 for p in ranked[:places] if judged.get(p, 0) == 0)


def candidates() -> list[Weights]:
    """The settings cross-validation chooses among, simplest first: the lexical share of the
    meaning (0: cosines alone), how much availability may move a score (0.2 was dropped: no
    fold ever chose it, and the notebook has to stay quick), meaning's share of relevance, and
    how the fit parts weigh.

    Returns
    -------
    list of Weights
        48 settings; the shipped defaults among them.
    """
    out = []
    for lexical in (0.0, 0.2, 0.3, 0.4):
        for fit_parts in ((1.0, 1.0, 1.0, 1.0, 1.0), (1.5, 1.5, 1.0, 0.5, 1.0)):
            for semantic in (0.35, 0.3, 0.4):
                for availability in (0.1, 0.05):
                    out.append(Weights(semantic=semantic, fit=round(0.7 - semantic, 2),
                                       availability=availability, fit_parts=fit_parts,
                                       lexical=lexical))  # fmt: skip
    return out


def good_threshold(relevance: np.ndarray, grade: np.ndarray) -> float:
    """The relevance from which a partner is called a good fit, chosen to best tell grades 2-3
    from 0-1 (F1) among the given (relevance, grade) pairs of shown partners.

    Parameters
    ----------
    relevance : ndarray of shape (n_shown,)
        Relevance of each partner shown.
    grade : ndarray of shape (n_shown,)
        Its grade, 0-3.

    Returns
    -------
    float
        The threshold, from 0.3 to 0.875 in steps of 0.025.
    """
    best, at = -1.0, 0.5
    for t in np.round(np.arange(0.3, 0.9, 0.025), 3):
        said, truly = relevance >= t, grade >= RELEVANT
        hits = float((said & truly).sum())
        f1 = 2 * hits / max(float(said.sum() + truly.sum()), 1.0)
        if f1 > best:
            best, at = f1, float(t)
    return at


class CachedEmbedder:
    """An embedder that embeds each distinct text once (the plain and realistic variants share
    most texts), in one call per batch of new texts.

    Parameters
    ----------
    embedder : Embedder
        The embedder asked for texts not seen before.
    """

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.name = embedder.name
        self.dim = embedder.dim
        self.dense = embedder.dense
        self.cosine_range = cosine_range(embedder)
        self._seen: dict[str, Vectors] = {}

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Unit vectors of `texts`, as the wrapped embedder would answer them.

        Parameters
        ----------
        texts : sequence of str of length n_texts
            The texts, possibly none.

        Returns
        -------
        ndarray or sparse CSR matrix of shape (n_texts, dim)
            One row per text.
        """
        new = [t for t in dict.fromkeys(texts) if t not in self._seen]
        if new:
            rows = self.embedder.embed(new)
            self._seen.update((t, rows[k : k + 1]) for k, t in enumerate(new))
        if not texts:
            return self.embedder.embed([])
        parts = [self._seen[t] for t in texts]
        return sp.vstack(parts).tocsr() if sp.issparse(parts[0]) else np.vstack(parts)


def free_text(
    data: EvalSet, embedder: Embedder, prepared: Prepared, *, weights: Weights, read: bool = True
) -> Ranker:
    """The scorer as POST /v1/matches runs it: the need's title and description typed in, no
    kinds, sectors, region, skills or type (the recruiter's words only); with `read`, every
    field read from those words (`matching.understand.read_need`, with the shipped sectors and
    the set's region names), as the service does.

    Parameters
    ----------
    data : EvalSet
        The set.
    embedder : Embedder
        Embeds the typed-in needs.
    prepared : Prepared
        The set's partners and passages, embedded (`prepare(data, embedder)`).
    weights : Weights, keyword-only
        The scorer's weights.
    read : bool, keyword-only
        Whether the words are read for their fields.

    Returns
    -------
    callable
        Given a need's index, the best 10 partner ids, best first.
    """

    texts = [f"{x['title']}. {x.get('description', '')}" for x in data.needs]
    queries = embedder.embed(texts)
    regions = Lexicon(tuple(Entry(r) for r in sorted({p["region"] for p in data.partners
                                                      if p.get("region")})))  # fmt: skip

    def lookup(idx: Sequence[int]) -> list[Vectors]:
        return [prepared.passages[i] for i in idx]

    def run(j: int) -> list[str]:
        need = Need(vector=queries[j : j + 1], text=texts[j])
        if read:  # as app.matches.service does
            reading = understand.read_need(texts[j], sectors=SECTORS, regions=regions)
            need = understand.apply_reading(need, reading, SECTORS)
            if need.skills:
                need = replace(need, skill_vectors=embedder.embed(list(need.skills)))
        found = rank(prepared.partners, need, limit=K, weights=weights, passages=lookup,
                     explain=False)  # fmt: skip
        return [data.partners[m.index]["id"] for m in found]

    return run


#: What a learned ranker is given per (need, partner): the scorer's own parts, unblended.
FEATURES = ("cosine_full", "cosine_expertise", "passage_expertise", "passage_full", "lexical",
            "kind", "sectors", "region", "skills_by_word", "skills_any", "engagement_type",
            "interviewed", "feedback")  # fmt: skip


@dataclass(frozen=True)
class Features:
    """One need's candidates as a learned ranker sees them: `x` of shape (n_candidates,
    len(FEATURES)), their `grades` and partner `ids`, in the order of the set's partners."""

    x: np.ndarray
    grades: np.ndarray
    ids: list[str]


def features(data: EvalSet, prepared: Prepared, *, weights: Weights = Weights()) -> list[Features]:  # noqa: B008
    """The parts the scorer blends, kept apart, for every need and every partner the service
    could show (alive, not at critical risk), to ask how far a ranker learned from the labels
    gets with the same information.

    A part a need does not state (a region, skills, a type) is 0 for every partner of that need:
    it moves no partner against another. `feedback` is the cosine with the mean vector of the
    five most relevant partners (pseudo-relevance feedback), the one part the scorer lacks.

    Parameters
    ----------
    data : EvalSet
        The set, with its grades.
    prepared : Prepared
        The set embedded (`prepare`).
    weights : Weights, keyword-only
        The scorer's settings (for the lexical part and the feedback's first ranking).

    Returns
    -------
    list of Features
        One per need, in the order of `data.needs`.
    """
    p = prepared.partners
    shown = np.flatnonzero(p.alive & (p.assessment.level < RiskLevel.critical))
    dense = np.asarray(p.vectors, dtype=np.float64)
    out = []
    for j, need in enumerate(prepared.needs):
        scored = score_partners(p, need, weights)
        q = scored.queries
        skills = (dense_rows(need.skill_vectors, dim=q.shape[1])
                  if need.skill_vectors is not None and len(need.skills) else None)  # fmt: skip
        by_expertise = passage_fit(prepared.passages, q[-1:], skills,
                                   skill_threshold=weights.skill_meaning)  # fmt: skip
        by_text = passage_fit(prepared.passages, q[:1], None, skill_threshold=1.0)
        lead = shown[np.argsort(-scored.relevance[shown], kind="stable")[:5]]
        centre = dense[lead].mean(axis=0)
        parts = scored.rel.parts
        zero = np.zeros(p.n)
        word = scored.rel.skills_hit
        fields = cosines(p.vectors, q)  # full text first, expertise sought last
        cols = {
            "cosine_full": fields[:, 0],
            "cosine_expertise": fields[:, -1],
            "passage_expertise": by_expertise.best,
            "passage_full": by_text.best,
            "lexical": zero if scored.lexical.share is None else scored.lexical.share,
            "kind": parts.get("kind", zero), "sectors": parts.get("sectors", zero),
            "region": parts.get("region", zero), "skills_by_word": parts.get("skills", zero),
            "skills_any": zero if word is None else (word | by_expertise.skills).mean(axis=1),
            "engagement_type": parts.get("engagement_type", zero),
            "interviewed": (~np.isnan(p.interest)).astype(np.float64),
            "feedback": dense @ (centre / max(float(np.linalg.norm(centre)), 1e-12)),
        }  # fmt: skip
        grades = data.qrels.get(data.needs[j]["id"], {})
        ids = [data.partners[i]["id"] for i in shown.tolist()]
        x = np.column_stack([cols[f][shown] for f in FEATURES])
        out.append(Features(x, np.array([grades.get(i, 0) for i in ids]), ids))
    return out


def learned_ranker_cv(
    sets: Sequence[EvalSet],
    by_variant: Sequence[Sequence[Features]],
    fit: Callable[[np.ndarray, np.ndarray, list[int]], Callable[[np.ndarray], np.ndarray]],
    *,
    folds: int = 5,
    seed: int = 0,
) -> list[dict[str, float]]:
    """A ranker learned from the labels, cross-validated over needs as the scorer's settings
    are: per fold, `fit` sees the training needs of every variant, the held-out needs are
    ranked by what it learned.

    Parameters
    ----------
    sets : sequence of EvalSet
        The variants (plain, realistic, ...), whose judgments score the rankings.
    by_variant : sequence over variants of sequences over needs of Features
        `features(...)` of each variant of `sets`, needs in the same order.
    fit : callable
        Given stacked `x`, `grades` and the number of candidates per need (groups), a function
        scoring the rows of an `x`.
    folds, seed : int, keyword-only
        As `cross_validate`.

    Returns
    -------
    list of dict of str to float
        Per variant, each metric of `METRICS` over the held-out rankings (`summary`).
    """
    n = len(by_variant[0])
    order = np.random.default_rng(seed).permutation(n)
    rankings: list[list[list[str]]] = [[[] for _ in range(n)] for _ in by_variant]
    for f in range(folds):
        test = order[f::folds]
        train = [int(j) for j in np.setdiff1d(order, test)]
        rows = [v[j] for v in by_variant for j in train]
        model = fit(np.vstack([r.x for r in rows]), np.concatenate([r.grades for r in rows]),
                    [len(r.ids) for r in rows])  # fmt: skip
        for v, need_rows in enumerate(by_variant):
            for j in test.tolist():
                r = need_rows[j]
                rankings[v][j] = [r.ids[i] for i in np.argsort(-model(r.x), kind="stable")[:K]]
    return [summary(per_need(data, ranked)) for data, ranked in zip(sets, rankings, strict=True)]
