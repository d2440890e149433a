"""Needs typed in words, judged as a convener would: the second labelled set
(bench/data/typed_needs), its readers' grades, and the measures the fit label is held to.

Each need of the set is the text a recruiter typed and the same need stored with its fields.
Both go through the service's scorer: the words read by `matching.understand.read_need`, the
fields as written. Measured per answer of ten:

- NDCG@5 over the readers' mean grades (0-3), on the needs some partner fits (graded 2 or
  more on average);
- the "good" label: precision (labelled good and graded 2 or more on average) and recall (of
  the partners graded 2 or more, those labelled good, at most ten per need);
- "nothing fits": said (no partner labelled good) for the needs no partner fits, and said
  wrongly for the needs some partner fits.

The good label's two settings (`label_settings`: the relevance from which a partner fits well,
and how far under the best good fit it may be) are the one thing tuned, by cross-validation
over needs (`cross_validate`); BM25 and TF-IDF get a threshold on their own scores the same way
(`threshold_cv`).
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from evaluation.ranking import (
    RELEVANT,
    EvalSet,
    Prepared,
    ndcg,
    partner_text,
)
from matching.embeddings import Embedder
from matching.lexicon import SECTORS, Entry, Lexicon
from matching.ranker import Need, Weights, rank
from matching.understand import apply_reading, field_gap, read_need, stored_need

if TYPE_CHECKING:
    from evaluation.kinds import KindModel

#: Places an answer shows, and the cut-off of NDCG.
SHOWN, CUT = 10, 5
#: The day the set's needs are read on (month names alone are read from it on).
READ_ON = date(2026, 12, 7)


@dataclass(frozen=True)
class Answer:
    """One answer: partner ids best first, which are labelled good, each one's relevance,
    and the sentence saying no partner on file does the work (when said)."""

    ids: list[str]
    good: list[bool]
    relevance: list[float]
    gap: str | None = None


def load(folder: str | Path, *, holdout: bool = False) -> EvalSet:
    """The typed set: partners, needs (each with `text` and its stored fields) and the mean
    of its readers' grades per (need, partner); `holdout`: the needs written and graded after
    the reader was built, kept for measuring only."""
    if not holdout:
        return EvalSet.load(folder)
    folder = Path(folder)

    def read(name: str) -> Any:
        return json.loads((folder / name).read_text(encoding="utf-8"))

    return EvalSet(read("partners.json"), read("needs_holdout.json"), read("qrels_holdout.json"))


def regions_of(path: str | Path) -> Lexicon:
    """The region entries (value, description, towns) a demo data file ships."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    entries = [Entry(r["value"], r.get("description", ""), tuple(r.get("terms", [])))
               for r in data.get("vocabularies", {}).get("region", [])]  # fmt: skip
    return Lexicon(tuple(entries))


def typed_needs(
    data: EvalSet, embedder: Embedder, *, regions: Lexicon, sectors: Lexicon = SECTORS,
    read: bool = True, kinds: "KindModel | None" = None,
) -> list[Need]:  # fmt: skip
    """Each need's words as POST /v1/matches takes them: the text embedded whole, its words
    sought by name, its fields read (`read=False`: nothing read, meaning and words alone;
    `kinds`: the kinds read weighed by a learned model, `evaluation.kinds`, not shipped)."""
    from evaluation.kinds import KINDS, weigh  # noqa: PLC0415 - kinds imports this module

    texts = [x["text"] for x in data.needs]
    vectors = embedder.embed(texts)
    out = []
    for j, text in enumerate(texts):
        need = Need(vector=vectors[j : j + 1], text=text)
        if read:
            reading = read_need(text, sectors=sectors, regions=regions, today=READ_ON)
            if kinds is not None:
                odds = kinds.probabilities(np.asarray(vectors[j : j + 1]))
                reading = weigh(reading, dict(zip(KINDS, odds.tolist(), strict=True)),
                                drop=kinds.drop, add=kinds.add)  # fmt: skip
            need = apply_reading(need, reading, sectors)
        out.append(need)
    # Every need's skills in one call (a call per need spent most of the time in the model's
    # per-call overhead); the same vectors, as the model embeds each text on its own.
    skills = sorted({s for need in out for s in need.skills})
    if skills:
        found = embedder.embed(skills)
        row = {s: i for i, s in enumerate(skills)}
        out = [replace(need, skill_vectors=found[[row[s] for s in need.skills]])
               if need.skills else need for need in out]  # fmt: skip
    return out


def stored_needs(prepared: Prepared, sectors: Lexicon = SECTORS) -> list[Need]:
    """Each need stored with its fields, as GET /v1/needs/{id}/matches takes it: kinds and
    region as stated are required of a good fit, its sectors' terms are the field."""
    return [stored_need(need, sectors) for need in prepared.needs]


def answers(
    data: EvalSet, prepared: Prepared, needs: Sequence[Need], *, weights: Weights,
    sectors: Lexicon = SECTORS,
) -> list[Answer]:  # fmt: skip
    """The scorer's answer of ten to each need, with its labels and field gap."""

    def look(idx: Sequence[int]) -> list[Any]:
        return [prepared.passages[i] for i in idx]

    gaps = _gaps(prepared, needs, sectors)
    out = []
    for need, gap in zip(needs, gaps, strict=True):
        found = rank(prepared.partners, need, limit=SHOWN, weights=weights, passages=look,
                     explain=False)  # fmt: skip
        out.append(Answer([data.partners[m.index]["id"] for m in found],
                          [m.good for m in found], [m.relevance for m in found],
                          None if gap is None else gap.sentence))  # fmt: skip
    return out


#: The field gaps of the last few lists of needs answered: they depend on the needs and
#: the partners, not on the label's settings, which `answers` is called once per setting for.
_GAPS: dict[tuple[int, int, int], tuple[object, object, object, list[Any]]] = {}


def _gaps(prepared: Prepared, needs: Sequence[Need], sectors: Lexicon) -> list[Any]:
    key = (id(prepared), id(needs), id(sectors))
    hit = _GAPS.get(key)
    if hit is not None and hit[0] is prepared and hit[1] is needs and hit[2] is sectors:
        return hit[3]
    gaps = [field_gap(prepared.partners, need, sectors) for need in needs]
    while len(_GAPS) >= 4:
        del _GAPS[next(iter(_GAPS))]
    _GAPS[key] = (prepared, needs, sectors, gaps)  # kept alive, so no id is reused
    return gaps


def baseline_answers(data: EvalSet, kind: str) -> list[Answer]:
    """BM25 or TF-IDF cosine over the partners' text for each need's words; `relevance` is the
    score divided by the best possible one for the need (BM25: the sum of its words' idf,
    TF-IDF: 1), so one threshold means the same for every need."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415

    docs = [partner_text(p) for p in data.partners]
    texts = [x["text"] for x in data.needs]
    out = []
    if kind == "bm25":
        import bm25s  # noqa: PLC0415

        retriever = bm25s.BM25()
        retriever.index(bm25s.tokenize(docs, stopwords="en", show_progress=False),
                        show_progress=False)  # fmt: skip
        for text in texts:
            tokens = bm25s.tokenize([text], stopwords="en", show_progress=False)
            scores = np.asarray(
                retriever.get_scores(
                    tokens.vocab
                    and [w for w, _ in sorted(tokens.vocab.items(), key=lambda kv: kv[1])]
                )
            )
            full = float(
                np.asarray(
                    retriever.get_scores(
                        [w for w, _ in sorted(tokens.vocab.items(), key=lambda kv: kv[1])]
                    )
                ).max()
                or 1
            )
            out.append(_top(data, scores, full))
        return out
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit(docs + texts)
    partners = vectorizer.transform(docs)
    for text in texts:
        scores = (partners @ vectorizer.transform([text]).T).toarray().ravel()
        out.append(_top(data, scores, 1.0))
    return out


def _top(data: EvalSet, scores: np.ndarray, best: float) -> Answer:
    order = np.lexsort((np.arange(scores.size), -scores))[:SHOWN]
    rel = (scores[order] / best).tolist() if best > 0 else [0.0] * len(order)
    return Answer([data.partners[i]["id"] for i in order.tolist()], [True] * len(order), rel)


def relabel(answers: Sequence[Answer], threshold: float) -> list[Answer]:
    """The answers with good meaning relevance at least `threshold` as well."""
    return [replace(a, good=[g and r >= threshold for g, r in zip(a.good, a.relevance,
                                                                   strict=True)])
            for a in answers]  # fmt: skip


def measures(data: EvalSet, answers: Sequence[Answer], needs: Sequence[int] | None = None) -> (
    dict[str, float]
):  # fmt: skip
    """NDCG@5, good precision and recall, nothing-fits said (where true) and said wrongly
    (where some partner fits), over `needs` (default: all)."""
    idx = range(len(data.needs)) if needs is None else needs
    gains, labelled, right, relevant = [], 0, 0, 0
    none_true = none_said = some_true = some_said = 0
    for j in idx:
        grades = data.qrels.get(data.needs[j]["id"], {})
        a = answers[j]
        fits = {p for p, g in grades.items() if g >= RELEVANT}
        if fits:  # a need nothing fits is measured by whether the answer says so
            gains.append(ndcg(a.ids, grades, k=CUT))
        good = {p for p, g in zip(a.ids, a.good, strict=True) if g}
        labelled += len(good)
        right += len(good & fits)
        relevant += min(len(fits), SHOWN)
        said_none = not good
        if fits:
            some_true += 1
            some_said += said_none
        else:
            none_true += 1
            none_said += said_none
    return {
        "ndcg@5": float(np.mean(gains)) if gains else 0.0,
        "good precision": right / labelled if labelled else 1.0,
        "good recall": right / relevant if relevant else 1.0,
        "nothing fits said (none fits)": none_said / none_true if none_true else float("nan"),
        "nothing fits said (some fit)": some_said / some_true if some_true else float("nan"),
        "good labels": float(labelled),
    }


#: How far under the best good fit a good fit may be: the settings tried (1: no limit).
MARGINS = (0.03, 0.05, 0.08, 1.0)


def label_settings(base: Weights = Weights(), *, words: bool = True) -> list[Weights]:  # noqa: B008
    """The fit label's settings cross-validation chooses among: the relevance from which a
    partner fits well, and how far under the best good fit it may be; for needs read from
    words (`good_words`, `good_margin_words`) or stored with their fields (`good`,
    `good_margin`)."""
    out = []
    for g in np.arange(0.35, 0.601, 0.05):
        for m in MARGINS:
            out.append(
                replace(base, good_words=round(float(g), 3), good_margin_words=m)
                if words
                else replace(base, good=round(float(g), 3), good_margin=m)
            )
    return out


def choose(data: EvalSet, by_setting: Sequence[Sequence[Answer]], needs: Sequence[int]) -> int:
    """The setting (an index into `by_setting`) whose label misleads least on `needs`: the
    share of "fits well" labels that are wrong plus the share of needs with fits told that
    nothing fits, the two ways a label costs a recruiter's trust, counted alike; the most
    complete label first among equals.

    (Until session 10 the rule was the most recall at precision 0.90 or more. On needs written
    later it reached 0.90 only by telling a fifth of the needs with fits that nothing fits.)"""
    scored = []
    for k, answers in enumerate(by_setting):
        m = measures(data, answers, needs)
        wrong = m["nothing fits said (some fit)"]
        precision = m["good precision"] if m["good labels"] > 0 else 0.0
        misleads = (1 - precision) + (0 if wrong != wrong else wrong)
        scored.append((-round(misleads, 6), m["good recall"], -k))
    return -max(scored)[2]


def cross_validate(
    data: EvalSet, by_setting: Sequence[Sequence[Answer]], *, folds: int = 5, seed: int = 0,
) -> tuple[dict[str, float], list[int]]:  # fmt: skip
    """Held-out measures when each fold's answers come from the setting chosen on the other
    folds' needs (`choose`); and the settings chosen, one per fold."""
    n = len(data.needs)
    order = np.random.default_rng(seed).permutation(n)
    held: list[Answer] = list(by_setting[0])
    chosen = []
    for k in range(folds):
        test = set(order[k::folds].tolist())
        train = [j for j in range(n) if j not in test]
        best = choose(data, by_setting, train)
        chosen.append(best)
        for j in test:
            held[j] = by_setting[best][j]
    return measures(data, held), chosen


def threshold_cv(data: EvalSet, answers: Sequence[Answer], *, folds: int = 5, seed: int = 0
                 ) -> tuple[dict[str, float], list[int]]:  # fmt: skip
    """`cross_validate` for a ranking whose label is a threshold on its own relevance (the
    keyword baselines): thresholds 0 to 1 in steps of 0.025."""
    grid = [relabel(answers, float(t)) for t in np.round(np.arange(0.0, 1.0001, 0.025), 3)]
    return cross_validate(data, grid, folds=folds, seed=seed)


def grades_table(data: EvalSet) -> Mapping[str, int]:
    """How many needs have k partners graded 2 or more on average (k: 0, 1-2, 3-5, 6+)."""
    counts = {"0": 0, "1-2": 0, "3-5": 0, "6+": 0}
    for x in data.needs:
        n = sum(1 for g in data.qrels.get(x["id"], {}).values() if g >= RELEVANT)
        counts["0" if n == 0 else "1-2" if n <= 2 else "3-5" if n <= 5 else "6+"] += 1
    return counts


__all__ = ["Answer", "answers", "baseline_answers", "choose", "cross_validate",
           "grades_table", "label_settings", "load", "measures", "regions_of", "relabel",
           "stored_needs", "threshold_cv", "typed_needs"]  # fmt: skip
