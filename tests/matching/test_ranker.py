"""The ranker on a small hand-made population, with the TF-IDF embedder (the real model has a
test path of its own in tests/app/matches)."""

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.embeddings import TfidfEmbedder, cosine_range
from matching.load import LoadFigures, assess
from matching.partners import KINDS
from matching.ranker import (
    CLOSE,
    RELATED,
    Filters,
    Need,
    Partners,
    Weights,
    Window,
    build_partners,
    kinds_meant,
    rank,
    score_partners,
)
from matching.types import EngagementType, MatchingError, PartnerKind

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
# The TF-IDF embedder's cosines run lower than the model's.
W = Weights(meaning_range=cosine_range(TfidfEmbedder()))


def population(
    *, critical: int | None = None, asks: list[int] | None = None
) -> tuple[Partners, TfidfEmbedder]:
    embedder = TfidfEmbedder().fit([p[4] for p in PARTNERS])
    n = len(PARTNERS)
    figures = replace(
        LoadFigures.empty(n, window_days=90),
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
    ranked = rank(partners, q, limit=5, weights=W)
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
    shown = [m.index for m in rank(partners, q, limit=5, weights=W)]
    assert 0 not in shown  # critical: left out by default
    with_risk = rank(partners, q, limit=5, filters=Filters(include_at_risk=True), weights=W)
    marked = next(m for m in with_risk if m.index == 0)
    assert marked.components["burnout_penalty"] == 0.5
    assert any(r.startswith("burnout risk critical") for r in marked.explanation)
    colleges = rank(partners, q, limit=5, filters=Filters(partner_kinds=["college"]), weights=W)
    assert [m.index for m in colleges] == [2]
    north = rank(partners, q, limit=5, filters=Filters(region="North Coast"), weights=W)
    assert [m.index for m in north] == [3]


def test_a_big_ask_is_flagged_when_it_would_tip_a_partner_over() -> None:
    partners, emb = population()
    q = need(emb, "security operations analysts", hours=60)
    kestrel = next(m for m in rank(partners, q, limit=5, weights=W) if m.index == 3)
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
    first = rank(partners, q, limit=5, filters=Filters(include_at_risk=at_risk), weights=W)
    again = rank(partners, q, limit=5, filters=Filters(include_at_risk=at_risk), weights=W)
    assert [(m.index, m.score) for m in first] == [(m.index, m.score) for m in again]
    for m in first:
        assert 0 <= m.score <= 1
        assert all(0 <= v <= 1 for v in m.components.values())
        assert m.explanation
    assert assess(partners.figures).score.shape == (5,)


def random_population(seed: int, n: int = 300) -> tuple[Partners, Need]:
    rng = np.random.default_rng(seed)
    figures = LoadFigures.empty(n, window_days=90)
    figures.capacity_hours_per_month[:] = rng.choice([2.0, 5.0, 10.0, 40.0, np.nan], n)
    figures.max_concurrent[:] = rng.integers(1, 4, n)
    figures.asks[:] = rng.poisson(3, n)
    figures.distinct_programs[:] = np.minimum(figures.asks, 3)
    figures.active_engagements[:] = rng.integers(0, 4, n)
    figures.hours_committed[:] = rng.gamma(2, 8, n)
    vectors = rng.normal(size=(n, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    interest = rng.integers(1, 6, n).astype(float)
    interest[np.isnan(figures.capacity_hours_per_month)] = np.nan
    partners = build_partners(
        ids=list(range(n)), names=[str(i) for i in range(n)],
        kinds=rng.choice(["employer", "college", "community_org"], n).tolist(),
        regions=rng.choice(["River Valley", "North Coast"], n).tolist(),
        sectors=[[s] for s in rng.choice(["energy", "health_sciences"], n)], texts=[""] * n,
        interest=interest.tolist(), vectors=vectors, has_vector=[True] * n, figures=figures,
        engagement_types=[rng.choice(["mentoring", "job_shadow"], int(rng.integers(0, 3)),
                                     replace=False).tolist() for _ in range(n)],
    )  # fmt: skip
    unit = (vectors[0] + 0.3) / np.linalg.norm(vectors[0] + 0.3)
    need = Need(vector=unit, hours=30, partner_kinds=["employer"], sectors=["energy"],
                region="River Valley", engagement_type="mentoring")  # fmt: skip
    return partners, need


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.floats(0, 0.5), st.floats(0.3, 0.9))
def test_availability_never_lifts_a_poor_fit_above_a_good_one(
    seed: int, availability: float, good: float
) -> None:
    """Whatever the load, interest and room: partners that fit well come first, and within a
    tier a partner passes a more relevant one only by less than what availability can move."""
    partners, q = random_population(seed)
    # Every partner relevant enough may fit well here (the margin under the best good fit has
    # a test of its own).
    w = Weights(availability=availability, good=good, good_margin=1.0)
    ranked = rank(partners, q, limit=40, weights=w)
    assert len(ranked) == 40
    tiers = [m.good for m in ranked]
    assert tiers == sorted(tiers, reverse=True)  # every good one before every weak one
    # Good: relevant enough, and a profile that reads at least related to the need.
    assert all(
        m.good == (m.relevance >= good and m.components["semantic"] >= w.closeness(RELATED))
        for m in ranked
    )
    slack = availability / (1 - availability) + 1e-3
    for a, b in zip(ranked, ranked[1:], strict=False):
        if a.good == b.good:
            assert a.relevance >= b.relevance - slack


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("from_words", [False, True])
def test_a_good_fit_is_never_far_under_the_best_good_fit(seed: int, from_words: bool) -> None:
    """A convener asks the few that fit best: every partner called good is within the margin
    (`good_margin` for a need stored with its fields, `good_margin_words` for one read from
    words) of the most relevant one called good, and one further is weak however relevant it
    is by the other rules. Each kind of need keeps to its own margin."""
    partners, q = random_population(seed)
    q = replace(q, read_from_words=from_words)
    base = Weights(good=0.3, good_words=0.3, good_margin=1.0, good_margin_words=1.0)
    loose = rank(partners, q, limit=40, weights=base)
    words_tight = replace(base, good_margin_words=0.05)
    stored_tight = replace(base, good_margin=0.05)
    own, other = (words_tight, stored_tight) if from_words else (stored_tight, words_tight)
    tight = rank(partners, q, limit=40, weights=own)
    # The other kind of need's margin does not touch this one.
    untouched = rank(partners, q, limit=40, weights=other)
    assert [m.good for m in untouched] == [m.good for m in loose]
    good_loose = [m for m in loose if m.good]
    assert good_loose  # the population has good fits to tell apart
    best = max(m.relevance for m in good_loose)
    # For stored fields, a profile that reads close to the need keeps its label anyway.
    close = {m.index for m in good_loose
             if not from_words and m.components["semantic"] >= base.closeness(CLOSE)}  # fmt: skip
    expected = {m.index for m in good_loose if m.relevance >= best - 0.05} | close
    assert expected != {m.index for m in good_loose}  # the margin has someone to leave out
    assert {m.index for m in tight if m.good} == expected
    # One the margin leaves out says so, with the two figures.
    left = next(m for m in tight if m.index in {g.index for g in good_loose} - expected)
    assert left.explanation[0] == (
        f"a weaker match: it meets the need's fields, but reads less relevant "
        f"({left.relevance:.2f}) than the best fit ({best:.2f})"
    )


def test_a_never_interviewed_partner_that_fits_beats_an_eager_misfit() -> None:
    partners, emb = population()
    q = need(emb, "iron and aluminum castings, pattern making and molding", hours=10,
             partner_kinds=["employer"], sectors=["advanced_manufacturing"],
             region="River Valley", skills=["pattern making"])  # fmt: skip
    ranked = rank(partners, q, limit=5, weights=W)
    order = [partners.names[m.index] for m in ranked]
    # Quillen Foundry was never interviewed; Meridian Health is eager (5 of 5, 40 hours) but
    # does nothing the need asks.
    assert order.index("Quillen Foundry") < order.index("Meridian Health")
    foundry = ranked[order.index("Quillen Foundry")]
    assert foundry.good
    assert foundry.capacity_unknown
    assert any("capacity unknown" in r for r in foundry.explanation)
    meridian = ranked[order.index("Meridian Health")]
    assert not meridian.good
    assert any(r.startswith("a weak match") for r in meridian.explanation)


def test_when_few_fit_the_rest_are_marked_weak() -> None:
    partners, emb = population()
    q = need(emb, "SOC analysts for a security operations internship", partner_kinds=["employer"],
             sectors=["information_technology"], region="North Coast",
             skills=["security operations"])  # fmt: skip
    ranked = rank(partners, q, limit=5, weights=W)
    assert [m.good for m in ranked] == [True, False, False, False, False]
    assert partners.names[ranked[0].index] == "Kestrel Cloud"


def test_the_engagement_type_the_interview_lists_is_part_of_fit() -> None:
    partners, emb = population()
    typed = replace(partners, types=partners.types.copy())
    mentoring = list(EngagementType).index(EngagementType.mentoring)
    typed.types[2, mentoring] = True  # Riverbend CC said it mentors
    typed.types[0, list(EngagementType).index(EngagementType.job_shadow)] = True  # Castellan
    q = need(emb, "CNC machining mentors", engagement_type="mentoring")
    by_name = {typed.names[m.index]: m for m in rank(typed, q, limit=5, weights=W)}
    before = {partners.names[m.index]: m for m in rank(partners, q, limit=5, weights=W)}
    assert by_name["Riverbend CC"].relevance > before["Riverbend CC"].relevance
    assert by_name["Castellan Aero"].relevance < before["Castellan Aero"].relevance
    said = "said at their last interview they will do mentoring"
    assert said in by_name["Riverbend CC"].explanation
    assert "their last interview does not list mentoring" in by_name["Castellan Aero"].explanation
    unknown = "whether they do mentoring is unknown"
    assert any(unknown in r for r in by_name["Quillen Foundry"].explanation)


def test_room_is_judged_in_the_needs_own_window() -> None:
    """Kestrel is full for the next 90 days, but the need starts next summer, when it is free."""
    partners, emb = population()
    busy = replace(partners.figures, hours_ahead=partners.figures.hours_ahead + [0, 0, 0, 60, 0])
    partners = replace(partners, figures=busy, assessment=assess(busy))
    q = need(emb, "security operations analysts", hours=10)
    now = next(m for m in rank(partners, q, limit=5, weights=W) if m.index == 3)
    assert now.hours_left is not None
    assert now.hours_left < 0
    summer = replace(q, window=Window(days=60, booked=np.zeros(5)))
    later = next(m for m in rank(partners, summer, limit=5, weights=W) if m.index == 3)
    assert later.hours_left is not None
    assert later.hours_left > 0
    assert later.components["capacity"] > now.components["capacity"]
    assert any("in the need's 60-day window" in r for r in later.explanation)


def test_tfidf_takes_no_texts() -> None:
    """An empty database has no partner texts: fitting and embedding nothing is not an error."""
    embedder = TfidfEmbedder().fit([])
    assert embedder.embed([]).shape == (0, embedder.dim)
    assert embedder.embed(["welding"]).shape == (1, embedder.dim)


def test_an_ask_of_no_stated_hours_is_not_called_an_ask_of_0_hours() -> None:
    partners, emb = population()
    for hours, said in ((0.0, "after this ask"), (20.0, "after this ask of 20 hours")):
        q = need(emb, "CNC machining internships for aircraft parts", hours=hours)
        explained = [r for m in rank(partners, q, limit=5, weights=W) for r in m.explanation]
        assert any(r.endswith(said) for r in explained)
        assert not any("ask of 0 hours" in r for r in explained)


def test_scores_made_once_serve_two_rankings_as_each_would_alone() -> None:
    """The service ranks a need twice (without and with the partners at risk) over one
    `score`: the first ranking's changes to its pool (passages, skills covered by meaning)
    must not leak into the second."""
    partners, emb = population(critical=0)
    q = need(emb, "CNC machining internships for aircraft parts", partner_kinds=["employer"],
             skills=["CNC lathe", "welding"], hours=10)  # fmt: skip
    q = replace(q, skill_vectors=emb.embed(q.skills))
    texts = [p[4] for p in PARTNERS]

    def passages(ix: Any) -> list[Any]:
        return [emb.embed(texts[i].split("; ")) for i in ix]

    kw: dict[str, Any] = {"limit": 4, "weights": W, "passages": passages}
    alone = [
        rank(partners, q, **kw),
        rank(partners, q, filters=Filters(include_at_risk=True), **kw),
    ]
    scored = score_partners(partners, q, W)
    fresh = score_partners(partners, q, W)
    at_risk_too = Filters(include_at_risk=True)
    shared = [rank(partners, q, scored=scored, **kw),
              rank(partners, q, filters=at_risk_too, scored=scored, **kw)]  # fmt: skip
    assert shared == alone
    assert 0 not in {m.index for m in shared[0]}  # the partner at risk: only in the second
    assert 0 in {m.index for m in shared[1]}
    for name in ("semantic", "fit", "relevance"):  # read, never changed
        np.testing.assert_array_equal(getattr(scored, name), getattr(fresh, name))
    for part, values in fresh.rel.parts.items():
        np.testing.assert_array_equal(scored.rel.parts[part], values)
    fewer = score_partners(partners, q, W)
    fewer = replace(fewer, semantic=fewer.semantic[:4])
    with pytest.raises(MatchingError, match="other partners"):
        rank(partners, q, scored=fewer, weights=W)


def _at(cosine: float) -> list[float]:
    """A unit vector at `cosine` from the first axis (a need embedded as that axis)."""
    return [cosine, float(np.sqrt(1 - cosine**2)), 0.0, 0.0]


def test_a_partner_reading_far_from_the_need_and_sharing_few_words_is_never_a_good_fit() -> None:
    """Kind, sector and region all match and relevance clears the threshold, but the profile
    reads far from the need (a cosine of 0.2 with MiniLM's range) and shares one word of four:
    a weak match, said as such. The same cosine with every sought word named is a good fit
    (the words are evidence of their own), as is a profile reading related (0.35)."""
    need_vector = np.eye(4, dtype=np.float32)[0]

    n = 3
    partners = build_partners(
        ids=[1, 2, 3], names=["Far Clinic", "Worded Clinic", "Near Hospital"],
        kinds=["employer"] * n, regions=["Capital Region"] * n,
        sectors=[["health_sciences"]] * n,
        texts=["clinic", "nursing phlebotomy cna clinic", "hospital"], interest=[5.0] * n,
        vectors=np.array([_at(0.2), _at(0.2), _at(0.35)], dtype=np.float32),
        has_vector=[True] * n, figures=LoadFigures.empty(n, window_days=90),
    )  # fmt: skip
    q = Need(vector=need_vector, text="nursing phlebotomy cna clinic", partner_kinds=["employer"],
             sectors=["health_sciences"], region="Capital Region")  # fmt: skip
    w = Weights(good=0.45, good_margin=1.0)  # the margin under the best has its own test
    far, worded, near = sorted(rank(partners, q, limit=3, weights=w), key=lambda m: m.index)
    assert far.relevance >= w.good
    assert not far.good
    assert far.explanation[:2] == [
        "a weak match: shown because too few partners fit this need well",
        "their profile reads far from this need (similarity 0.20)",
    ]
    assert worded.good
    assert near.good
    assert [m.index for m in rank(partners, q, limit=3, weights=w)][-1] == 0


def test_words_asking_for_an_employer_take_in_public_agencies_stated_kinds_do_not() -> None:
    """A need read from words names a workplace ("a maintenance shop"), which a public agency
    may run; kinds a recruiter stated are kept as stated."""
    employer, agency = KINDS.index(PartnerKind.employer), KINDS.index(PartnerKind.agency)
    read = Need(vector=None, partner_kinds=["employer"], read_from_words=True)
    assert kinds_meant(read) == [employer, agency]
    assert kinds_meant(replace(read, read_from_words=False)) == [employer]
    college = replace(read, partner_kinds=["college"])
    assert kinds_meant(college) == [KINDS.index(PartnerKind.college)]


def test_a_stored_need_calls_a_close_reading_partner_good_however_far_under_the_best() -> None:
    """Three partners of the kind, sector and region asked for: one reads very close to the
    need, one close (0.55), one only related (0.35). For a need stored with its fields the
    margin under the best leaves out only the one read as related; for the same need read from
    words, both under the margin are weaker matches, and each says why."""
    need_vector = np.eye(4, dtype=np.float32)[0]

    n = 3
    partners = build_partners(
        ids=[1, 2, 3], names=["Best", "Close", "Related"], kinds=["employer"] * n,
        regions=["Capital Region"] * n, sectors=[["health_sciences"]] * n,
        texts=["clinic"] * n, interest=[5.0] * n,
        vectors=np.array([_at(0.95), _at(0.55), _at(0.35)], dtype=np.float32),
        has_vector=[True] * n, figures=LoadFigures.empty(n, window_days=90),
    )  # fmt: skip
    q = Need(vector=need_vector, text="clinic", partner_kinds=["employer"],
             sectors=["health_sciences"], region="Capital Region")  # fmt: skip
    w = Weights(good=0.2, good_words=0.2, good_margin=0.03, good_margin_words=0.03)
    stored = {partners.names[m.index]: m for m in rank(partners, q, limit=3, weights=w)}
    assert {k: m.good for k, m in stored.items()} == {"Best": True, "Close": True,
                                                      "Related": False}  # fmt: skip
    assert stored["Related"].relevance >= w.good  # left out by the margin alone
    assert stored["Related"].explanation[0].startswith("a weaker match: it meets the need's")
    words = {partners.names[m.index]: m for m in rank(
        partners, replace(q, read_from_words=True), limit=3, weights=w)}  # fmt: skip
    assert {k: m.good for k, m in words.items()} == {"Best": True, "Close": False,
                                                     "Related": False}  # fmt: skip
    # The margin names who is sure, not the order: the three stay in relevance order.
    assert list(words) == ["Best", "Close", "Related"]


def test_words_naming_no_school_or_college_find_none_that_fits_well() -> None:
    """A district and an employer read equally close to a need typed in words: the employer
    fits well, the district is shown but not called a good fit unless the words ask for a
    district; a stored need's stated kinds decide as stated."""
    need_vector = np.eye(4, dtype=np.float32)[0]
    n = 3
    partners = build_partners(
        ids=[1, 2, 3], names=["Shop", "District", "College"],
        kinds=["employer", "district", "college"], regions=["Capital Region"] * n,
        sectors=[["advanced_manufacturing"]] * n, texts=["machining cnc"] * n,
        interest=[5.0] * n, vectors=np.array([_at(0.8)] * n, dtype=np.float32),
        has_vector=[True] * n, figures=LoadFigures.empty(n, window_days=90),
    )  # fmt: skip
    q = Need(vector=need_vector, text="machining cnc", sectors=["advanced_manufacturing"],
             read_from_words=True)  # fmt: skip
    w = Weights(good=0.2, good_words=0.2, good_margin=1.0, good_margin_words=1.0)

    def good(need: Need) -> dict[str, bool]:
        return {partners.names[m.index]: m.good for m in rank(partners, need, limit=3, weights=w)}

    assert good(q) == {"Shop": True, "District": False, "College": False}
    said = {partners.names[m.index]: m.explanation[0] for m in rank(partners, q, limit=3,
                                                                    weights=w)}  # fmt: skip
    assert said["District"] == ("a weak match: a school district is where students learn, and "
                                "the words ask for no school district")  # fmt: skip
    asked = replace(q, partner_kinds=["district"])
    assert good(asked) == {"Shop": True, "District": True, "College": False}
    assert good(replace(q, read_from_words=False)) == {"Shop": True, "District": True,
                                                       "College": True}  # fmt: skip
