"""A patched generation of partners ranks exactly as a whole rebuild of the same partners would,
and the generation it was made from (queries may still be reading it) never changes."""

from dataclasses import dataclass, replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.load import LoadFigures
from matching.partners import KINDS, RowBuffer, build_partners, patch
from matching.ranker import Filters, Need, Partners, Weights, rank
from matching.types import MatchingError

WORDS = ["welding", "cnc", "nursing", "plc", "robotics", "cloud", "security", "patient",
         "care", "machining", "blueprint", "network"]  # fmt: skip
REGIONS = ["River Valley", "High Desert", "North Coast", None]
SECTORS = ["manufacturing", "healthcare", "energy", "information_technology"]
TYPES = ["internship_host", "job_shadow", "mentoring"]
DIM = 8


@dataclass(frozen=True)
class Row:
    id: int
    kind: int
    region: int
    sectors: tuple[int, ...]
    words: tuple[int, ...]
    interest: float
    capacity: float
    asks: int
    types: tuple[int, ...]
    seed: int  # the vector


rows = st.builds(
    Row,
    id=st.integers(1, 40),
    kind=st.integers(0, len(KINDS) - 1),
    region=st.integers(0, len(REGIONS) - 1),
    sectors=st.lists(st.integers(0, len(SECTORS) - 1), max_size=2).map(tuple),
    words=st.lists(st.integers(0, len(WORDS) - 1), min_size=1, max_size=5).map(tuple),
    interest=st.sampled_from([np.nan, 1.0, 3.0, 5.0]),
    capacity=st.sampled_from([np.nan, 0.0, 8.0, 40.0]),
    asks=st.integers(0, 12),
    types=st.lists(st.integers(0, len(TYPES) - 1), max_size=2).map(tuple),
    seed=st.integers(0, 5),
)


def text(r: Row) -> str:
    return " ".join(WORDS[w] for w in r.words)


def build(found: list[Row]) -> Partners:
    n = len(found)
    figures = replace(
        LoadFigures.empty(n, window_days=90),
        capacity_hours_per_month=np.array([r.capacity for r in found], dtype=float),
        max_concurrent=np.full(n, 3.0),
        asks=np.array([r.asks for r in found], dtype=np.int64),
        distinct_programs=np.array([min(r.asks, 4) for r in found], dtype=np.int64),
        hours_committed=np.array([r.asks * 6.0 for r in found]),
    )
    vectors = np.zeros((n, DIM), dtype=np.float32)
    for i, r in enumerate(found):
        v = np.random.default_rng(r.seed * 1000 + r.words[0]).normal(size=DIM)
        vectors[i] = v / np.linalg.norm(v)
    return build_partners(
        ids=[r.id for r in found], names=[f"Partner {r.id}" for r in found],
        kinds=[KINDS[r.kind].value for r in found], regions=[REGIONS[r.region] for r in found],
        sectors=[[SECTORS[s] for s in r.sectors] for r in found],
        texts=[text(r) for r in found], interest=[r.interest for r in found],
        vectors=vectors, has_vector=[True] * n, figures=figures,
        engagement_types=[[TYPES[t] for t in r.types] for r in found],
    )  # fmt: skip


def ranked(partners: Partners, need: Need, **filters: object) -> list[tuple[int, float, bool]]:
    found = rank(partners, need, limit=100, filters=Filters(**filters),  # type: ignore[arg-type]
                 weights=Weights(), explain=False)  # fmt: skip
    return [(int(partners.ids[m.index]), m.score, m.good) for m in found]


def same(got: list[tuple[int, float, bool]], expected: list[tuple[int, float, bool]]) -> bool:
    """The same partners, fits and scores (to float32 noise: the product runs over rows laid
    out otherwise), in the same order but for partners whose scores tie within that noise."""
    if sorted(i for i, _, _ in got) != sorted(i for i, _, _ in expected):
        return False
    want = {i: (score, good) for i, score, good in expected}
    if any(good != want[i][1] or abs(score - want[i][0]) > 1e-6 for i, score, good in got):
        return False
    place = {i: k for k, (i, _, _) in enumerate(expected)}
    return all(place[a[0]] < place[b[0]] or abs(a[1] - b[1]) <= 1e-6
               for a, b in zip(got, got[1:], strict=False))  # fmt: skip


def needs() -> list[Need]:
    rng = np.random.default_rng(7)
    out = []
    for k in range(3):
        v = rng.normal(size=DIM).astype(np.float32)
        out.append(Need(
            vector=v / np.linalg.norm(v), partner_kinds=["employer", "college"][: k + 1],
            sectors=SECTORS[k : k + 2], region=REGIONS[k], skills=[WORDS[k], WORDS[k + 3]],
            engagement_type=TYPES[k], hours=10.0,
            # Its words: the lexical part weighs them by how rare they are among live rows.
            text=f"the {WORDS[k]} and {WORDS[k + 4]} with {WORDS[2 * k + 1]} care",
        ))  # fmt: skip
    return out


def unique(found: list[Row]) -> list[Row]:
    return list({r.id: r for r in found}.values())


@settings(max_examples=60, deadline=None)
@given(before=st.lists(rows, min_size=1, max_size=12), after=st.lists(rows, max_size=8),
       gone=st.lists(st.integers(1, 40), max_size=4), text_kept=st.booleans())  # fmt: skip
def test_a_patched_generation_ranks_as_a_rebuild_does(
    before: list[Row], after: list[Row], gone: list[int], text_kept: bool
) -> None:
    before = sorted(unique(before), key=lambda r: r.id)
    old = {r.id: r for r in before}
    if text_kept:  # a load or interest change: same text, same vector, row kept in place
        after = [replace(r, words=old[r.id].words, seed=old[r.id].seed, sectors=old[r.id].sectors)
                 if r.id in old else r for r in after]  # fmt: skip
    after = [r for r in unique(after) if r.id not in gone]
    current = build(before)
    frozen = {k: ranked(current, nd) for k, nd in enumerate(needs())}

    moved = [r.id not in old or (text(r), r.seed, r.sectors)
             != (text(old[r.id]), old[r.id].seed, old[r.id].sectors) for r in after]  # fmt: skip
    changed = build(after) if after else None
    if changed is None:  # nothing changed but removals: patch one partner with itself
        after, moved, changed = before[:1], [False], build(before[:1])
    patched = patch(current, changed, texts=[text(r) for r in after], moved=moved, removed=gone)
    merged = {**{r.id: r for r in before}, **{r.id: r for r in after}}
    whole = sorted((r for i, r in merged.items() if i not in gone), key=lambda r: r.id)
    for k, nd in enumerate(needs()):
        expect = ranked(build(whole), nd) if whole else []
        assert same(ranked(patched, nd), expect)
        assert same(
            ranked(patched, nd, region="High Desert"),
            ranked(build(whole), nd, region="High Desert") if whole else [],
        )
        assert ranked(current, nd) == frozen[k]  # the old generation is untouched
    if whole:  # word counts per row and BM25 of every word, per live partner, as rebuilt
        rebuilt = build(whole)
        alive = np.flatnonzero(patched.alive)
        lengths = dict(zip(rebuilt.ids.tolist(), rebuilt.terms.lengths.tolist(), strict=True))
        assert dict(zip(patched.ids[alive].tolist(), patched.terms.lengths[alive].tolist(),
                        strict=True)) == lengths  # fmt: skip
        for word in WORDS:
            if word not in rebuilt.term_index:  # said only by dead rows, if at all: scores 0
                if word in patched.term_index:
                    dead = patched.terms.bm25([patched.term_index[word]], patched.alive,
                                              k1=1.2, b=0.75)  # fmt: skip
                    assert not dead.scores.any()
                continue
            got = patched.terms.bm25([patched.term_index[word]], patched.alive, k1=1.2, b=0.75)
            want = rebuilt.terms.bm25([rebuilt.term_index[word]], rebuilt.alive, k1=1.2, b=0.75)
            assert got.idf == pytest.approx(want.idf)
            assert dict(zip(patched.ids[alive].tolist(), got.scores[alive], strict=True)) == (
                pytest.approx(dict(zip(rebuilt.ids.tolist(), want.scores, strict=True)))
            )


def test_dead_rows_are_never_ranked_and_their_share_is_told() -> None:
    first = [Row(i, 0, 0, (0,), (0, 1), 4.0, 20.0, 1, (0,), i) for i in range(1, 5)]
    current = build(first)
    edited = replace(first[1], words=(2, 3))
    patched = patch(current, build([edited]), texts=[text(edited)], moved=[True], removed=[3])
    assert patched.n == 5
    assert patched.dead_share == pytest.approx(2 / 5)
    assert patched.row_of(2) == 4
    assert patched.row_of(3) is None
    shown = [pid for pid, *_ in ranked(patched, needs()[0])]
    assert sorted(shown) == [1, 2, 4]


def test_appended_vectors_go_into_spare_room_without_copying_the_old_rows() -> None:
    current = build([Row(i, 0, 0, (), (0,), 3.0, 8.0, 0, (), i) for i in range(1, 4)])
    assert current.buffer is not None
    new = Row(9, 1, 1, (1,), (4, 5), 5.0, 40.0, 0, (1,), 3)
    patched = patch(current, build([new]), texts=[text(new)], moved=[True])
    assert np.shares_memory(patched.vectors, current.vectors)
    assert patched.vectors.shape == (4, DIM)
    assert current.vectors.shape == (3, DIM)
    # A second patch of the older generation must not overwrite the row the first one added.
    other = Row(10, 1, 1, (1,), (6,), 5.0, 40.0, 0, (1,), 4)
    forked = patch(current, build([other]), texts=[text(other)], moved=[True])
    assert not np.shares_memory(forked.vectors, current.vectors)
    np.testing.assert_array_equal(patched.vectors[3], build([new]).vectors[0])


def test_a_row_buffer_grows_when_its_room_runs_out() -> None:
    buffer = RowBuffer(np.ones((2, 3), dtype=np.float32), spare=1)
    same, view = buffer.extend(2, np.full((1, 3), 2, dtype=np.float32))
    assert same is buffer
    assert view.shape == (3, 3)
    bigger, view = same.extend(3, np.full((2, 3), 3, dtype=np.float32))
    assert bigger is not buffer
    assert view[:, 0].tolist() == [1, 1, 2, 3, 3]


def test_changed_partners_must_come_with_their_texts() -> None:
    current = build([Row(1, 0, 0, (), (0,), 3.0, 8.0, 0, (), 1)])
    with pytest.raises(MatchingError, match="one entry per changed partner"):
        patch(current, current, texts=[], moved=[])
