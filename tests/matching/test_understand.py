"""Reading a need typed in words: the type, the kinds of partner and the sectors it names."""

import numpy as np
import pytest
import scipy.sparse as sp

from matching.load import LoadFigures
from matching.partners import Partners, build_partners
from matching.understand import (
    closest_sectors,
    engagement_type,
    partner_kinds,
    read,
    read_sectors,
    sector_centroids,
    voted_sectors,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hospital job shadows for health-science juniors", "job_shadow"),
        ("Students want to shadow a line technician for a day", "job_shadow"),
        ("Paid summer internships for mechatronics students", "internship_host"),
        ("We need a summer externship for our teachers at a plant", "teacher_externship"),
        ("Teachers to spend three weeks in an externship at a biotech lab", "teacher_externship"),
        ("Phlebotomy externship sites for our seniors", "work_based_learning"),
        ("CNA students need clinical hours", "work_based_learning"),
        ("Sponsors for a registered apprenticeship in HVAC", "apprenticeship"),
        ("Two seats on our nursing advisory board", "advisory_board"),
        ("Someone to review our cybersecurity curriculum", "curriculum_review"),
        ("Industry reviewers for the construction estimating and BIM course", "curriculum_review"),
        ("Guest speakers on public safety careers", "guest_instruction"),
        ("Welding instructors to judge the regional SkillsUSA contest", "guest_instruction"),
        ("Software developers to mentor the app club", "mentoring"),
        ("Volunteers for mock interviews with seniors", "mentoring"),
        ("Donated CNC machines for the machining lab", "equipment"),
    ],
)
def test_the_type_is_read_from_the_words_that_name_it(text: str, expected: str) -> None:
    found = engagement_type(text)
    assert found is not None
    assert found[0].value == expected


def test_the_first_sentence_says_the_ask_and_the_rest_only_mentions_other_work() -> None:
    text = (
        "Advisory board members for our accounting pathway. Members also help us find "
        "internships for seniors."
    )
    found = engagement_type(text)
    assert found is not None
    assert (found[0].value, found[1]) == ("advisory_board", "Advisory")
    assert engagement_type("Help with our robotics team this spring") is None


def test_kinds_named_in_the_first_sentence_else_employers_assumed_and_said() -> None:
    assert [k.value for k, _ in partner_kinds("A college partner for dual enrollment")] == [
        "college"
    ]
    assert [k.value for k, _ in partner_kinds("Someone from a software company")] == ["employer"]
    # A school named later is where the students are, not who is wanted.
    assert partner_kinds("Job shadows for seniors.\nOur district runs three high schools.") == []
    reading = read("Job shadows for seniors")
    assert reading.partner_kinds == ("employer",)
    assert any("looking for employers, as no other kind" in s for s in reading.said)


def test_what_the_caller_states_is_never_read_from_the_words() -> None:
    reading = read("Internships at a college lab", stated_type="mentoring", stated_kinds=True)
    assert (reading.engagement_type, reading.partner_kinds) == (None, ())
    assert reading.said == ()


def _partners(sectors: list[list[str]], vectors: np.ndarray | sp.csr_matrix) -> Partners:
    n = len(sectors)
    return build_partners(
        ids=list(range(1, n + 1)),
        names=[f"P{i}" for i in range(n)],
        kinds=["employer"] * n,
        regions=[None] * n,
        sectors=sectors,
        texts=[""] * n,
        interest=[np.nan] * n,
        vectors=vectors,
        has_vector=[True] * n,
        figures=LoadFigures.empty(n, window_days=90),
    )


def test_sectors_are_the_ones_whose_partners_read_closest_less_what_every_text_shares() -> None:
    rng = np.random.default_rng(3)
    dim = 16
    shared = rng.normal(size=dim)  # what every CTE text has in common
    health, energy = rng.normal(size=dim), rng.normal(size=dim)

    def unit(v: np.ndarray) -> np.ndarray:
        return np.asarray(v / np.linalg.norm(v), dtype=np.float64)

    rows, sectors = [], []
    for topic, name in ((health, "health_sciences"), (energy, "energy")):
        for _ in range(4):
            rows.append(unit(topic + 0.3 * rng.normal(size=dim) + shared))
            sectors.append([name])
    for _ in range(4):  # "education": close to everything
        rows.append(unit(2 * shared + 0.3 * rng.normal(size=dim)))
        sectors.append(["education"])
    partners = _partners(sectors, np.array(rows, dtype=np.float32))
    centroids = sector_centroids(partners)
    assert centroids is not None
    query = unit(health + 1.5 * shared).astype(np.float32)
    assert closest_sectors(query, centroids, k=1) == ["health_sciences"]
    # The top of a first ranking votes for energy; the centroids add health: both are read.
    read_now, said = read_sectors(query, centroids, ["energy", "education"])
    assert read_now == ("energy", "health_sciences")
    assert said == (
        "sectors read from the words: energy, health_sciences (set sectors to choose them)"
    )
    # When they agree, one; with word counts only (no vectors), the vote alone.
    assert read_sectors(query, centroids, ["health_sciences"])[0] == ("health_sciences",)
    assert read_sectors(None, None, ["energy"])[0] == ("energy",)
    assert read_sectors(None, None, []) == ((), None)


def test_a_ranking_top_votes_for_its_sectors_by_place() -> None:
    partners = _partners(
        [["energy"], ["health_sciences", "biotech"], ["health_sciences"], ["energy"]],
        np.eye(4, dtype=np.float32),
    )
    # energy 1 + 1/4, health 1/2 + 1/3, biotech 1/2
    assert voted_sectors(partners, [0, 1, 2, 3]) == ["energy", "health_sciences", "biotech"]
    assert voted_sectors(partners, [2, 0]) == ["health_sciences", "energy"]
    assert voted_sectors(partners, []) == []


def test_no_sectors_are_read_from_word_counts_or_from_too_few_partners() -> None:
    few = _partners([["energy"], ["energy"], ["health_sciences"]], np.eye(3, dtype=np.float32))
    assert sector_centroids(few) is None
    sparse = _partners([["energy"]] * 3 + [["health_sciences"]] * 3, sp.eye(6, format="csr"))
    assert sector_centroids(sparse) is None
