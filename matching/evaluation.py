"""Ranking quality on a labelled set: NDCG@10, MRR and recall@10 for the full scorer, its
semantic part alone, and two keyword baselines (BM25 and TF-IDF cosine) on the same data.

The set (bench/data/ranking_eval/) holds partners, needs and graded relevance 0-3; a pair left
out is graded 0. Grades of 2 and 3 count as relevant for MRR and recall.
"""

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from matching.embeddings import Embedder
from matching.load import LoadFigures
from matching.ranker import Need, Weights, build_partners, rank

RELEVANT = 2
K = 10


@dataclass(frozen=True)
class EvalSet:
    partners: list[dict[str, Any]]
    needs: list[dict[str, Any]]
    qrels: dict[str, dict[str, int]]

    @classmethod
    def load(cls, folder: str | Path) -> "EvalSet":
        folder = Path(folder)

        def read(name: str) -> Any:
            return json.loads((folder / name).read_text(encoding="utf-8"))

        return cls(read("partners.json"), read("needs.json"), read("qrels.json"))


def partner_text(p: Mapping[str, Any]) -> str:
    iv = p.get("interview") or {}
    sectors = ", ".join(s.replace("_", " ") for s in p.get("sectors", []))
    parts = [p["name"], p.get("description", ""), f"Sectors: {sectors}." if sectors else "",
             iv.get("business_summary", ""), iv.get("role_and_skills", "")]  # fmt: skip
    return "\n".join(x for x in parts if x)


def need_text(n: Mapping[str, Any]) -> str:
    skills = "Skills: " + ", ".join(n["skills"]) if n.get("skills") else ""
    parts = [n["title"], n.get("description", ""), n.get("expertise_sought", ""), skills]
    return "\n".join(x for x in parts if x)


def ndcg(ranked: Sequence[str], grades: Mapping[str, int], k: int = K) -> float:
    """Normalised discounted cumulative gain with gains 2^grade - 1."""
    gain = sum((2 ** grades.get(p, 0) - 1) / np.log2(i + 2) for i, p in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2**g - 1) / np.log2(i + 2) for i, g in enumerate(ideal))
    return float(gain / best) if best > 0 else 0.0


def reciprocal_rank(ranked: Sequence[str], grades: Mapping[str, int]) -> float:
    for i, p in enumerate(ranked):
        if grades.get(p, 0) >= RELEVANT:
            return 1.0 / (i + 1)
    return 0.0


def recall(ranked: Sequence[str], grades: Mapping[str, int], k: int = K) -> float:
    relevant = {p for p, g in grades.items() if g >= RELEVANT}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


Ranker = Callable[[int], list[str]]  # need index -> partner ids, best first


def evaluate(data: EvalSet, ranker: Ranker) -> dict[str, float]:
    """Mean NDCG@10, MRR and recall@10 of `ranker` over every need of the set."""
    scores = {"ndcg@10": [], "mrr": [], "recall@10": []}  # type: dict[str, list[float]]
    for j, need in enumerate(data.needs):
        ranked, grades = ranker(j), data.qrels.get(need["id"], {})
        scores["ndcg@10"].append(ndcg(ranked, grades))
        scores["mrr"].append(reciprocal_rank(ranked, grades))
        scores["recall@10"].append(recall(ranked, grades))
    return {name: float(np.mean(values)) for name, values in scores.items()}


def _top(ids: Sequence[str], scores: np.ndarray, k: int = 50) -> list[str]:
    order = np.lexsort((np.arange(len(ids)), -scores))[:k]
    return [ids[i] for i in order]


def bm25_ranker(data: EvalSet) -> Ranker:
    """BM25 (the `bm25s` package, English stop words) over the same texts."""
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
    ids = [p["id"] for p in data.partners]
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    docs = vectorizer.fit_transform([partner_text(p) for p in data.partners])

    def run(j: int) -> list[str]:
        q = vectorizer.transform([need_text(data.needs[j])])
        return _top(ids, np.asarray((docs @ q.T).toarray()).reshape(-1))

    return run


def semantic_ranker(data: EvalSet, embedder: Embedder) -> Ranker:
    ids = [p["id"] for p in data.partners]
    docs = embedder.embed([partner_text(p) for p in data.partners])
    queries = embedder.embed([need_text(n) for n in data.needs])

    def run(j: int) -> list[str]:
        q = queries[j]
        q = q.toarray().reshape(-1) if hasattr(q, "toarray") else q
        return _top(ids, np.asarray(docs @ q).reshape(-1))

    return run


def scorer_ranker(data: EvalSet, embedder: Embedder, weights: Weights = Weights()) -> Ranker:  # noqa: B008
    """The service's full scorer: meaning, structured fit, interest, capacity, burnout."""
    ps = data.partners
    n = len(ps)
    texts = [partner_text(p) for p in ps]

    def interview(key: str) -> np.ndarray:
        return np.array([float((p.get("interview") or {}).get(key, np.nan)) for p in ps])

    figures = LoadFigures.empty(n, 90)
    figures.capacity_hours_per_month[:] = interview("capacity_hours_per_month")
    figures.max_concurrent[:] = interview("max_concurrent_engagements")
    partners = build_partners(
        ids=list(range(n)), names=[p["name"] for p in ps], kinds=[p["kind"] for p in ps],
        regions=[p.get("region") for p in ps], sectors=[p.get("sectors", []) for p in ps],
        texts=texts, interest=interview("interest_level").tolist(),
        vectors=embedder.embed(texts), has_vector=[True] * n, figures=figures,
    )  # fmt: skip
    queries = embedder.embed([need_text(x) for x in data.needs])

    def run(j: int) -> list[str]:
        need = data.needs[j]
        wants = Need(
            vector=queries[j], partner_kinds=need.get("partner_kinds", []),
            sectors=need.get("sectors", []), region=need.get("region"),
            skills=need.get("skills", []),
        )  # fmt: skip
        return [ps[m.index]["id"] for m in rank(partners, wants, 50, weights=weights)]

    return run
