"""The ranker on a small hand-made population, with the TF-IDF embedder (the real model has a
test path of its own in tests/app/matches)."""

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.embeddings import TfidfEmbedder
from matching.load import LoadFigures, assess
from matching.ranker import Filters, Need, Partners, Weights, build_partners, rank
from matching.types import MatchingError

PARTNERS = [
    # name, kind, region, sectors, text, interest, capacity h/month, max at once
    ("Castellan Aero", "employer", "River Valley", ["advanced_manufacturing"],
     "CNC machining and composite fabrication of aircraft wing parts; machinists use "
     "blueprint reading and CNC programming daily", 4, 20, 3),
    ("Meridian Health", "employer", "Capital Region", ["health_sciences"],
     "Hospital system: nursing, phlebotomy and patient care technicians", 5, 40, 4),
    ("Riverbend CC", "college", "River Valley", ["advanced_manufacturing", "education"],
     "Community college mechatronics and welding programs with CNC labs", 3, 30, 2),
    ("Kestrel Cloud", "employer", "North Coast", ["information_technology"],
     "Cloud hosting and security operations center; SOC analysts and network engineers",
     2, 10, 1),
    ("Quillen Foundry", "employer", "River Valley", ["advanced_manufacturing"],
     "Iron and aluminum castings; pattern making, molding and CNC finishing", np.nan,
     np.nan, np.nan),
]  # fmt: skip


def population(
    *, critical: int | None = None, asks: list[int] | None = None
) -> tuple[Partners, TfidfEmbedder]:
    embedder = TfidfEmbedder().fit([p[4] for p in PARTNERS])
    n = len(PARTNERS)
    figures = replace(
        LoadFigures.empty(n, 90),
        capacity_hours_per_month=np.array([p[6] for p in PARTNERS], dtype=float),
        max_concurrent=np.array([p[7] for p in PARTNERS], dtype=float),
    )
    if critical is not None:  # overload one partner badly
        bump = np.zeros(n, dtype=np.int64)
        bump[critical] = 20
        figures = replace(figures, asks=figures.asks + bump,
                          distinct_programs=figures.distinct_programs + bump // 3,
                          declines=figures.declines + bump // 4,
                          active_engagements=figures.active_engagements + bump // 4,
                          hours_committed=figures.hours_committed + bump * 20.0)  # fmt: skip
    partners = build_partners(
        ids=list(range(1, n + 1)),
        names=[p[0] for p in PARTNERS],
        kinds=[p[1] for p in PARTNERS],
        regions=[p[2] for p in PARTNERS],
        sectors=[p[3] for p in PARTNERS],
        texts=[p[4] for p in PARTNERS],
        interest=[p[5] for p in PARTNERS],
        vectors=embedder.embed([p[4] for p in PARTNERS]),
        has_vector=[True] * n,
        figures=figures,
    )
    return partners, embedder


def need(embedder: TfidfEmbedder, text: str, **kw: Any) -> Need:
    return Need(vector=embedder.embed([text]), **kw)


def test_the_partner_that_fits_comes_first_with_reasons() -> None:
    partners, emb = population()
    q = need(emb, "CNC machining internships for aircraft parts", partner_kinds=["employer"],
             sectors=["advanced_manufacturing"], region="River Valley",
             skills=["CNC programming", "blueprint reading"], hours=20)  # fmt: skip
    ranked = rank(partners, q, limit=5)
    assert partners.names[ranked[0].index] == "Castellan Aero"
    scores = [m.score for m in ranked]
    assert scores == sorted(scores, reverse=True)
    first = ranked[0].explanation
    assert any("covers 2 of 2 skills sought" in r for r in first)
    assert any("River Valley, the need's region" in r for r in first)
    assert any("an employer, as the need asks" in r for r in first)
    foundry = next(m for m in ranked if m.index == 4)
    assert foundry.hours_left is None
    assert any("capacity unknown" in r for r in foundry.explanation)


def test_hard_filters_and_the_critical_partner() -> None:
    partners, emb = population(critical=0)
    q = need(emb, "CNC machining for aircraft", hours=10)
    shown = [m.index for m in rank(partners, q, limit=5)]
    assert 0 not in shown  # critical: left out by default
    with_risk = rank(partners, q, limit=5, filters=Filters(include_at_risk=True))
    marked = next(m for m in with_risk if m.index == 0)
    assert marked.components["burnout_penalty"] == 0.5
    assert any(r.startswith("burnout risk critical") for r in marked.explanation)
    colleges = rank(partners, q, limit=5, filters=Filters(partner_kinds=["college"]))
    assert [m.index for m in colleges] == [2]
    north = rank(partners, q, limit=5, filters=Filters(region="North Coast"))
    assert [m.index for m in north] == [3]


def test_a_big_ask_is_flagged_when_it_would_tip_a_partner_over() -> None:
    partners, emb = population()
    q = need(emb, "security operations analysts", hours=60)
    kestrel = next(m for m in rank(partners, q, limit=5) if m.index == 3)
    assert kestrel.hours_left is not None
    assert kestrel.hours_left < 0
    assert kestrel.level_after > kestrel.level
    assert any("would push them from" in r for r in kestrel.explanation)


def test_bad_input() -> None:
    partners, emb = population()
    with pytest.raises(MatchingError):
        rank(partners, need(emb, "x"), limit=0)
    with pytest.raises(MatchingError):
        rank(partners, need(emb, "x"), limit=101)
    with pytest.raises(MatchingError):
        rank(partners, Need(vector=np.ones(3, dtype=np.float32)))
    with pytest.raises(MatchingError):
        Weights(semantic=0.9)


@settings(max_examples=50, deadline=None)
@given(
    st.text(min_size=1, max_size=60),
    st.lists(st.sampled_from(["employer", "college", "district"]), max_size=2),
    st.floats(0, 500),
    st.booleans(),
)
def test_scores_are_in_unit_range_and_ranking_is_deterministic(
    text: str, kinds: list[str], hours: float, at_risk: bool
) -> None:
    partners, emb = population(critical=1)
    q = need(emb, text, partner_kinds=kinds, hours=hours)
    first = rank(partners, q, limit=5, filters=Filters(include_at_risk=at_risk))
    again = rank(partners, q, limit=5, filters=Filters(include_at_risk=at_risk))
    assert [(m.index, m.score) for m in first] == [(m.index, m.score) for m in again]
    for m in first:
        assert 0 <= m.score <= 1
        assert all(0 <= v <= 1 for v in m.components.values())
        assert m.explanation
    assert assess(partners.figures).score.shape == (5,)


def test_pruned_what_if_gives_the_exact_top_k() -> None:
    """Only the best upper bounds get the what-if; the answer must equal running it on all."""
    from matching.ranker import _levels_after, _room

    rng = np.random.default_rng(4)
    n = 900
    figures = LoadFigures.empty(n, 90)
    figures.capacity_hours_per_month[:] = rng.choice([2.0, 5.0, 10.0, 40.0], n)
    figures.max_concurrent[:] = rng.integers(1, 4, n)
    figures.asks[:] = rng.poisson(3, n)
    figures.distinct_programs[:] = np.minimum(figures.asks, 3)
    figures.active_engagements[:] = rng.integers(0, 4, n)
    figures.hours_committed[:] = rng.gamma(2, 8, n)
    vectors = rng.normal(size=(n, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    partners = build_partners(
        ids=list(range(n)), names=[str(i) for i in range(n)], kinds=["employer"] * n,
        regions=["River Valley"] * n, sectors=[[]] * n, texts=[""] * n,
        interest=rng.integers(1, 6, n).astype(float).tolist(), vectors=vectors,
        has_vector=[True] * n, figures=figures,
    )  # fmt: skip
    unit = (vectors[0] + 0.1) / np.linalg.norm(vectors[0] + 0.1)
    q = Need(vector=unit, hours=30)
    got = [(m.index, round(m.score, 9)) for m in rank(partners, q, limit=25)]

    w = Weights()
    room = _room(partners, 30)
    after = _levels_after(partners, 30, np.arange(n))
    level = partners.assessment.level
    sims = np.clip(vectors @ unit, 0, 1)
    interest = (partners.interest - 1) / 4
    capacity = np.where(after > level, 0.5, 1.0) * room.component
    score = (w.semantic * sims + w.fit * 0.5 + w.interest * interest + w.capacity * capacity) * (
        1 - np.asarray(w.burnout)[level]
    )
    score = np.where(level < 3, score, -np.inf)
    expected = np.lexsort((np.arange(n), -score))[:25]
    assert [i for i, _ in got] == expected.tolist()
    assert [s for _, s in got] == pytest.approx(score[expected].tolist(), abs=1e-6)


def test_tfidf_takes_no_texts() -> None:
    """An empty database has no partner texts: fitting and embedding nothing is not an error."""
    embedder = TfidfEmbedder().fit([])
    assert embedder.embed([]).shape == (0, embedder.dim)
    assert embedder.embed(["welding"]).shape == (1, embedder.dim)
