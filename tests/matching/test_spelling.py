"""Words typed a letter off are read as the lexicon's word they were meant to be; English
words and names the reader does not know stay as typed."""

import pytest

from matching.lexicon import SECTORS, Entry, Lexicon
from matching.spelling import Speller
from matching.understand import read_need

REGIONS = Lexicon((
    Entry("North Coast", "", ("Port Alder", "Cape Lark")),
    Entry("Central Valley", "", ("Fairhaven", "Delta Springs")),
))  # fmt: skip
SPELLER = Speller.of((SECTORS, REGIONS))


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("hosptial", "hospital"), ("finacial", "financial"), ("vally", "valley"),
     ("Fairhavn", "fairhaven"), ("internshps", "internships"), ("advisry", "advisory")],
)  # fmt: skip
def test_a_word_a_letter_off_is_read_as_the_word_meant(typed: str, meant: str) -> None:
    assert SPELLER.meant(typed) == meant


@pytest.mark.parametrize("word", ["planet", "hospital", "nurses", "grocery", "zzzzzz", "vet"])
def test_english_words_known_words_and_strangers_stay(word: str) -> None:
    # "planet" is one letter off "plant" (of "power plant"), but it is an English word.
    assert SPELLER.meant(word) is None


def test_the_reading_says_what_it_corrected_and_finds_the_field_and_place() -> None:
    reading = read_need("need hosptial rep for advisry board, health pathway, north coast",
                        sectors=SECTORS, regions=REGIONS)  # fmt: skip
    assert [f.value for f in reading.sectors] == ["health_sciences"]
    assert reading.region is not None
    assert reading.region.value == "North Coast"
    assert reading.engagement_type is not None
    assert reading.engagement_type.value == "advisory_board"
    assert reading.said_by[0] == ("text", "read “hosptial” as “hospital”, “advisry” as “advisory”")


def test_a_correction_that_reads_nothing_is_not_said() -> None:
    reading = read_need("a planet science speaker for grade 6", sectors=SECTORS, regions=REGIONS)
    assert not reading.sectors
    assert all(name != "text" for name, _ in reading.said_by)


def test_a_place_a_letter_off_is_read_though_each_word_is_english() -> None:
    regions = Lexicon((Entry("High Desert", "", ("Red Mesa",)), Entry("River Valley")))
    reading = read_need("nursing clinicals in the high dessert for 6 students",
                        sectors=SECTORS, regions=regions)  # fmt: skip
    assert reading.region is not None
    assert reading.region.value == "High Desert"
    assert ("text", "read “high dessert” as “high desert”") in reading.said_by
    # A dessert is still a dessert elsewhere.
    plain = read_need("a dessert bakery near Red Mesa", sectors=SECTORS, regions=regions)
    assert all(name != "text" for name, _ in plain.said_by)
