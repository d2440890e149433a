"""Explanations say vocabulary values as words ("works in health sciences"), never as the
stored value ("health_sciences"); the values themselves stay as they are (issue 24)."""

import pytest

from matching.lexicon import SECTORS, label
from matching.ranker import rank
from tests.matching.test_ranker import PARTNERS, W, need, population


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("health_sciences", "health sciences"),
        ("environment_natural_resources", "environment natural resources"),
        ("River Valley", "River Valley"),
        ("internship_host", "internship host"),
        ("a__b_", "a b"),
    ],
)
def test_a_value_is_said_as_words(value: str, said: str) -> None:
    assert label(value) == said


def test_a_sector_without_a_description_is_described_by_its_label() -> None:
    assert SECTORS.describe("robot_repair") == "robot repair"


def test_the_reasons_name_sectors_kinds_and_types_in_words() -> None:
    partners, emb = population()
    q = need(emb, "CNC machining internships for aircraft parts", partner_kinds=["employer"],
             sectors=["advanced_manufacturing", "information_technology"],
             region="River Valley", engagement_type="internship_host")  # fmt: skip
    ranked = rank(partners, q, limit=5, weights=W)
    by_name = {partners.names[m.index]: m.explanation for m in ranked}
    assert "works in advanced manufacturing" in by_name["Castellan Aero"]
    assert not any("_" in reason for said in by_name.values() for reason in said), by_name
    # The partners' values are untouched: only the sentences change.
    assert "advanced_manufacturing" in PARTNERS[0][3]
    assert "advanced_manufacturing" in partners.sector_names
