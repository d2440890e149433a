"""Ranking metrics on hand-made cases, and the evaluation set's integrity."""

from pathlib import Path

import numpy as np
import pytest

from evaluation.ranking import (
    METRICS,
    EvalSet,
    cross_validate,
    evaluate,
    irrelevant_top,
    ndcg,
    realistic,
    recall,
    reciprocal_rank,
    tfidf_ranker,
)

GRADES = {"a": 3, "b": 2, "c": 1}
EVAL = Path(__file__).parents[2] / "bench" / "data" / "ranking_eval"


def test_perfect_and_reversed_rankings() -> None:
    assert ndcg(["a", "b", "c", "x"], GRADES) == pytest.approx(1.0)
    worse = ndcg(["x", "c", "b", "a"], GRADES)
    assert 0 < worse < 1
    assert ndcg(["x", "y"], GRADES) == 0


def test_mrr_and_recall_count_grades_two_and_up() -> None:
    assert reciprocal_rank(["c", "x", "b"], GRADES) == pytest.approx(1 / 3)  # c is only a 1
    assert reciprocal_rank(["x"], GRADES) == 0
    assert recall(["a", "x"], GRADES) == pytest.approx(0.5)
    assert recall(["x"] * 10 + ["a"], GRADES) == 0  # past the cut-off


def test_the_evaluation_set_is_whole() -> None:
    data = EvalSet.load(EVAL)
    assert len(data.partners) >= 300
    assert len(data.needs) >= 30
    ids = {p["id"] for p in data.partners}
    for need in data.needs:
        grades = data.qrels[need["id"]]
        assert set(grades) <= ids
        assert 3 in grades.values()
    # a baseline runs end to end and lands between nonsense and perfection
    score = evaluate(data, tfidf_ranker(data))["ndcg@10"]
    assert 0.3 < score < 0.95


def test_the_realistic_variant() -> None:
    data = EvalSet.load(EVAL)
    real = realistic(data)
    assert real.needs == data.needs
    best: dict[str, int] = {}
    for grades in data.qrels.values():
        for p, g in grades.items():
            best[p] = max(best.get(p, 0), g)
    relevant = [p for p in real.partners if best.get(p["id"], 0) >= 2]
    never = sum(p["interview"] is None for p in relevant)
    assert never == pytest.approx(len(relevant) / 4, abs=1)
    eager = [p for p in real.partners if (p["interview"] or {}).get("interest_level") == 5
             and best.get(p["id"], 0) <= 1]  # fmt: skip
    assert len(eager) >= 20
    assert real.loads  # heavy hitters past capacity, whose gain is 0
    for p in real.loads:
        assert best[p] == 3
        assert all(grades.get(p, 0) == 0 for grades in real.qrels.values())
    assert realistic(data) == real  # deterministic


def test_misfits_in_the_top_places_and_cross_validation() -> None:
    grades, judged = {"a": 3, "b": 0}, {"a": 3, "b": 2, "x": 0}
    # one place had gain to give ("a"); "x" took it, "b" is no misfit (its gain is only 0 now)
    assert irrelevant_top(["x", "a"], grades, judged) == 1
    assert irrelevant_top(["b", "a"], grades, judged) == 0
    needs = 10
    flat = {m: np.full(needs, 0.5) for m in METRICS}
    spiky = {m: np.where(np.arange(needs) == 3, 1.0, 0.4) for m in METRICS}  # wins one need
    steady = {m: np.full(needs, 0.6) for m in METRICS}
    held, chosen = cross_validate([[flat], [spiky], [steady]], folds=5)
    assert chosen == [2] * 5  # the steady one wins every fold's training needs
    assert held[0]["ndcg@10"] == pytest.approx(0.6)
