"""Ranking metrics on hand-made cases, and the evaluation set's integrity."""

from pathlib import Path

import pytest

from matching.evaluation import EvalSet, evaluate, ndcg, recall, reciprocal_rank, tfidf_ranker

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
