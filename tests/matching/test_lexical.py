"""The lexical part of the meaning: the need's words counted by name (BM25 over the partners'
words), for the exact terms a sentence model blurs."""

from dataclasses import replace

import numpy as np
import pytest

from matching.load import LoadFigures
from matching.partners import build_partners, patch
from matching.ranker import Need, Partners, Weights, rank
from matching.types import MatchingError

DIM = 8
NURSING = [
    "Regional hospital: nursing units, patient care technicians and a clinical education team",
    "Regional hospital: nursing units, patient care technicians and a clinical education team; "
    "our educators run NCLEX review sessions",
    "Regional hospital: nursing units, patient care technicians and a clinical education team; "
    "our nurses mentor students",
]


def same_vectors(texts: list[str], ids: list[int] | None = None) -> Partners:
    """Partners alike in everything but their words: one vector, kind, region, sector, load."""
    n = len(texts)
    v = np.ones((n, DIM), dtype=np.float32) / np.sqrt(DIM)
    figures = LoadFigures.empty(n, window_days=90)
    figures.capacity_hours_per_month[:] = 20.0
    figures.max_concurrent[:] = 3.0
    return build_partners(
        ids=ids or list(range(1, n + 1)), names=[f"Hospital {i}" for i in range(n)],
        kinds=["employer"] * n, regions=["Capital Region"] * n,
        sectors=[["health_sciences"]] * n, texts=texts, interest=[4.0] * n, vectors=v,
        has_vector=[True] * n, figures=figures,
    )  # fmt: skip


def need(text: str, **kw: object) -> Need:
    v = np.ones(DIM, dtype=np.float32) / np.sqrt(DIM)
    return Need(vector=v, text=text, partner_kinds=["employer"], **kw)  # type: ignore[arg-type]


def test_a_need_naming_nclex_ranks_the_partner_that_says_nclex_first() -> None:
    partners = same_vectors(NURSING)
    q = need("Nursing students preparing for the NCLEX: review sessions with clinical educators")
    # Cosines alone cannot tell them apart: ties are broken by id, Hospital 0 first.
    plain = rank(partners, q, limit=3, weights=Weights(lexical=0.0))
    assert [m.index for m in plain] == [0, 1, 2]
    assert len({m.relevance for m in plain}) == 1
    ranked = rank(partners, q, limit=3)
    assert ranked[0].index == 1
    assert ranked[0].relevance > ranked[1].relevance
    # The rarest shared word comes first in the explanation.
    said = [r for r in ranked[0].explanation if r.startswith("their profile uses the need's words")]
    assert said == ["their profile uses the need's words nclex, review, sessions"]


def test_a_rare_shared_word_counts_for_more_than_a_common_one() -> None:
    # "welding" is in every profile, "smaw" in one; each partner shares one word with the need.
    texts = ["welding shop", "welding shop", "welding and smaw shop", "welding shop", "fab"]
    partners = same_vectors(texts)
    ranked = rank(partners, need("SMAW welding"), limit=5)
    assert ranked[0].index == 2
    assert [m.index for m in ranked][-1] == 4  # shares nothing
    lexical_only = Weights(lexical=1.0)
    scores = {m.index: m.relevance for m in rank(partners, need("SMAW welding"), limit=5,
                                                   weights=lexical_only)}  # fmt: skip
    assert scores[2] > scores[0] > scores[4]


def test_stop_words_and_unknown_words_change_nothing() -> None:
    partners = same_vectors(NURSING)
    for text in ("the and with our for", "zymurgy", ""):
        got = rank(partners, need(text), limit=3)
        assert [m.relevance for m in got] == [m.relevance for m in
                                              rank(partners, need(text), limit=3,
                                                   weights=Weights(lexical=0.0))]  # fmt: skip
        assert not any(r.startswith("their profile uses") for m in got for r in m.explanation)


def test_dead_rows_do_not_count_in_word_frequencies() -> None:
    """A partner edited out of NCLEX by a patch no longer makes NCLEX common."""
    texts = [NURSING[1], NURSING[1], NURSING[0], NURSING[2]]
    current = same_vectors(texts)
    edited = same_vectors([NURSING[0]], ids=[2])
    patched = patch(current, edited, texts=[NURSING[0]], moved=[True])
    rebuilt = same_vectors([NURSING[1], NURSING[0], NURSING[2], NURSING[0]], ids=[1, 3, 4, 2])
    cols = [patched.term_index["nclex"]]
    got = patched.terms.bm25(cols, patched.alive, k1=1.2, b=0.75)
    want = rebuilt.terms.bm25([rebuilt.term_index["nclex"]], rebuilt.alive, k1=1.2, b=0.75)
    by_id = dict(zip(patched.ids[patched.alive].tolist(), got.scores[patched.alive], strict=True))
    assert by_id == pytest.approx(dict(zip(rebuilt.ids.tolist(), want.scores, strict=True)))
    assert got.idf == pytest.approx(want.idf)
    assert got.scores[~patched.alive].tolist() == [0.0]


def test_a_short_profile_holding_the_word_beats_a_long_one() -> None:
    """BM25's length normalisation: one mention in a short profile says more."""
    long = "CNA training site " + " ".join(f"word{k}" for k in range(60))
    partners = same_vectors([long, "CNA training site", "something else entirely here"])
    found = partners.terms.bm25([partners.term_index["cna"]], partners.alive, k1=1.2, b=0.75)
    assert found.scores[1] > found.scores[0] > found.scores[2] == 0


def test_which_words_a_row_holds_in_the_base_and_in_the_tail() -> None:
    current = same_vectors(["cna nclex", "welding"])
    added = same_vectors(["smaw cna"], ids=[9])
    patched = patch(current, added, texts=["smaw cna"], moved=[True])
    cols = [patched.term_index[w] for w in ("cna", "nclex", "smaw", "welding")]
    assert patched.terms.holds(0, cols).tolist() == [True, True, False, False]
    assert patched.terms.holds(1, cols).tolist() == [False, False, False, True]
    assert patched.terms.holds(2, cols).tolist() == [True, False, True, False]


@pytest.mark.parametrize(
    "bad", [{"lexical": 1.5}, {"lexical": -0.1}, {"bm25": (-1.0, 0.75)}, {"bm25": (1.2, 2.0)}]
)
def test_lexical_settings_out_of_range_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(MatchingError):
        replace(Weights(), **bad)  # type: ignore[arg-type]


def test_a_best_partner_sharing_one_word_of_many_is_not_a_full_lexical_match() -> None:
    """The sought words no partner uses ("bank", "teller") are the need's most specific ones:
    the partner that shares only "day" is the best lexical match there is, yet not a full one,
    as it would be if "day" were all the need sought."""
    partners = same_vectors(["pediatric clinic open every day", "hospital nursing", "lab"])
    lexical_only = Weights(lexical=1.0)
    full = rank(partners, need("clinic day"), limit=1, weights=lexical_only)[0]
    one = rank(partners, need("bank teller branch day"), limit=1, weights=lexical_only)[0]
    assert full.index == one.index == 0
    assert full.relevance == pytest.approx(1.0)
    assert one.relevance < 0.85
    # Without the floor, sharing one word of four would be a full lexical match.
    bare = Weights(lexical=1.0, lexical_least=0.0)
    assert rank(partners, need("bank teller branch day"), limit=1, weights=bare)[
        0
    ].relevance == pytest.approx(1.0)


def test_numbers_in_a_need_are_not_words_it_seeks() -> None:
    """ "10 students in 2027" asks for no partner holding "10" or "2027": the partner holding
    every word the need does seek is a full lexical match."""
    partners = same_vectors(["pediatric clinic open every day", "hospital nursing", "lab"])
    lexical_only = Weights(lexical=1.0)
    dated = rank(partners, need("clinic day for 10 students in 2027"), limit=1,
                 weights=lexical_only)[0]  # fmt: skip
    plain = rank(partners, need("clinic day for students"), limit=1, weights=lexical_only)[0]
    assert dated.index == plain.index == 0
    assert dated.relevance == pytest.approx(plain.relevance)
