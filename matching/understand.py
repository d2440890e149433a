"""Reading a need typed in words: what kind of engagement, which kinds of partner, which sectors.

A recruiter who types "someone from a software company to review student code" states no
fields, yet the words say a lot: a company (an employer), reviewing code (mentoring), software
(information technology). The scorer weighs kinds, sectors and engagement type heavily when a
need states them, and a typed-in need states none, so free text used to rank on meaning alone.
On the labelled set (notebooks/ranking_quality.ipynb), free text scored NDCG@10 0.58 on the
plain variant with the words unread, and 0.82 with what this module reads.

What it reads, and how sure it is:

- **engagement type**: the words that name it ("job shadow", "internship", "externship" with
  "teacher", "advisory board", "mentor", "guest speaker", ...), the first match in a fixed
  order from the most specific type to the most general; none: unknown, as before;
- **partner kinds**: the kinds named in the first sentence ("a college", "districts", "a
  company"); none named: employers (what programs recruit far most often), said as assumed;
- **sectors**: the sector most shared by the partners a first ranking (with the type and kinds
  read, no sectors) puts on top, and the sector whose partners read closest to the text: the
  mean vector of the partners in each sector (a sector's centroid), less how close that sector
  reads to every partner (so a sector every text resembles, such as education, does not win
  everything).

Everything read is said in the answer, so a recruiter sees why and can state the fields
instead; a field the caller states is never read from the words.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from matching.embeddings import Vectors
from matching.partners import Partners
from matching.ranker import Filters, Need, PassageLookup, Weights, rank
from matching.types import EngagementType, PartnerKind

# Most specific first: "teacher externships" is not work-based learning, "pre-apprenticeship
# pilot" is an apprenticeship, and "placements" or "clinical" say work-based learning only
# when nothing more specific is named.
TYPE_WORDS: tuple[tuple[EngagementType, str], ...] = (
    (
        EngagementType.teacher_externship,
        r"\bteachers?\W+(?:\w+\W+){0,6}?externships?\b|\bexternships?\W+(?:\w+\W+){0,6}?"
        r"(?:teachers?|educators?|faculty)\b",
    ),
    (EngagementType.job_shadow, r"\bjob[\s-]*shadow\w*|\bshadow(?:ing|s)?\b"),
    (EngagementType.internship_host, r"\binterns?(?:hips?)?\b"),
    (EngagementType.apprenticeship, r"\b(?:pre-?)?apprentice(?:ship)?s?\b"),
    (EngagementType.advisory_board, r"\badvisory\b|\bboard (?:seat|member)s?\b"),
    (
        EngagementType.curriculum_review,
        r"\bcurricul(?:um|a)\b|\bsyllabus\b|\b(?:review|reviewers?)\b\W+(?:\w+\W+){0,6}?"
        r"(?:course|class|program|pathway|standards)s?\b",
    ),
    (
        EngagementType.guest_instruction,
        r"\bguest\s+(?:speak|instruct|lectur|teach)\w*|\bspeakers?\b|\bclassroom (?:visit|talk)s?\b"
        r"|\bteach (?:a|our|the) class\b|\bjudges?\b",
    ),
    (EngagementType.mentoring, r"\bmentor\w*|\bcoach(?:es|ing)?\b|\bmock interviews?\b"),
    (EngagementType.equipment, r"\bequipment\b|\bdonat\w+|\btooling\b|\bmachines\b"),
    (
        EngagementType.work_based_learning,
        r"\bwork[\s-]*based learning\b|\bplacements?\b|\bclinicals?\b|\bexternships?\b"
        r"|\bpart[\s-]*time (?:work|jobs?)\b",
    ),
)

KIND_WORDS: tuple[tuple[PartnerKind, str], ...] = (
    (
        PartnerKind.college,
        r"\bcolleges?\b|\buniversit(?:y|ies)\b|\bfaculty\b|\bdual[\s-]*(?:credit|enrollment)\b",
    ),
    (PartnerKind.district, r"\bdistricts?\b"),
    (PartnerKind.intermediary, r"\bintermediar(?:y|ies)\b|\bworkforce (?:board|council)s?\b"),
    (PartnerKind.agency, r"\bagenc(?:y|ies)\b|\bgovernment\b|\bcity hall\b|\bcounty\b"),
    (PartnerKind.community_org, r"\bnon-?profits?\b|\bcommunity (?:org\w*|group)s?\b"),
    (
        PartnerKind.employer,
        r"\bemployers?\b|\bcompan(?:y|ies)\b|\bbusiness(?:es)?\b|\bfirms?\b|\bindustry\b"
        r"|\bsponsors?\b",
    ),
)

PLURAL = {
    PartnerKind.employer: "employers",
    PartnerKind.college: "colleges",
    PartnerKind.district: "districts",
    PartnerKind.intermediary: "intermediaries",
    PartnerKind.agency: "agencies",
    PartnerKind.community_org: "community organizations",
}

#: The fewest embedded partners a sector needs for a centroid; the top of a first ranking
#: that votes for the sectors read.
MIN_SECTOR_PARTNERS = 3
VOTERS = 10

_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n")


@dataclass(frozen=True)
class Reading:
    """The type and kinds read from the words (sectors: `read_sectors`); `said` says it, one
    sentence per field read."""

    engagement_type: str | None = None
    partner_kinds: tuple[str, ...] = ()
    said: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectorCentroids:
    """Each sector's mean partner vector (unit rows) and how close it reads to all partners."""

    names: tuple[str, ...]
    vectors: NDArray[np.float32]  # (n_sectors, dim)
    bias: NDArray[np.float32]  # (n_sectors,)


def engagement_type(text: str) -> tuple[EngagementType, str] | None:
    """The engagement type the words name, with the words that named it; None when none.
    The first sentence is read first (the ask is said there; the rest may mention other
    kinds of work in passing), then the rest."""
    text = text.strip()
    first = _first_sentence(text)
    for part in (first, text[len(first) :]):
        for kind, pattern in TYPE_WORDS:
            found = re.search(pattern, part, flags=re.IGNORECASE)
            if found:
                return kind, " ".join(found.group(0).split())
    return None


def _first_sentence(text: str) -> str:
    text = text.strip()
    return _FIRST_SENTENCE.split(text, maxsplit=1)[0]


def partner_kinds(text: str) -> list[tuple[PartnerKind, str]]:
    """The partner kinds named in the first sentence, with the words that named each."""
    first = _first_sentence(text)
    named = []
    for kind, pattern in KIND_WORDS:
        found = re.search(pattern, first, flags=re.IGNORECASE)
        if found:
            named.append((kind, " ".join(found.group(0).split())))
    return named


def sector_centroids(partners: Partners) -> SectorCentroids | None:
    """The centroids of the sectors with at least `MIN_SECTOR_PARTNERS` embedded partners;
    None when there are no dense vectors (TF-IDF) or fewer than two such sectors."""
    vectors = partners.vectors
    if sp.issparse(vectors) or not partners.sector_names:
        return None
    rows = np.flatnonzero(partners.alive & partners.has_vector)
    if rows.size == 0:
        return None
    dense = np.asarray(vectors)[rows].astype(np.float32, copy=False)
    member = partners.sectors[rows].astype(np.float32)
    counts = np.asarray(member.sum(axis=0)).ravel()
    keep = np.flatnonzero(counts >= MIN_SECTOR_PARTNERS)
    if keep.size < 2:
        return None
    sums = np.asarray(member[:, keep].T @ dense, dtype=np.float32)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    centroids = sums / np.maximum(norms, 1e-12)
    # The mean partner's cosine with each centroid: cosine is linear in the partner vector.
    bias = (dense.mean(axis=0) @ centroids.T).astype(np.float32)
    names = tuple(partners.sector_names[k] for k in keep.tolist())
    return SectorCentroids(names, centroids, bias)


def closest_sectors(vector: Vectors, centroids: SectorCentroids, k: int = 1) -> list[str]:
    """The `k` sectors whose partners read closest to `vector`, closest first."""
    q = np.asarray(vector, dtype=np.float32).reshape(-1)
    score = centroids.vectors @ q - centroids.bias
    order = np.argsort(-score, kind="stable")[:k]
    return [centroids.names[i] for i in order.tolist()]


def read(text: str, *, stated_type: str | None = None, stated_kinds: bool = False) -> Reading:
    """Read the engagement type and the kinds of partner the caller did not state from the
    words (sectors: `read_sectors`, once a first ranking is known).

    Parameters
    ----------
    text : str
        The need in the recruiter's words.
    stated_type : str or None, keyword-only
        The engagement type the caller stated; then none is read.
    stated_kinds : bool, keyword-only
        Whether the caller stated partner kinds; then none are read.

    Returns
    -------
    Reading
    """
    said: list[str] = []
    kind_of_work: str | None = stated_type
    if stated_type is None:
        found = engagement_type(text)
        if found is not None:
            kind_of_work = found[0].value
            said.append(f"read as {found[0].value.replace('_', ' ')} from “{found[1]}”")
    kinds: tuple[str, ...] = ()
    if not stated_kinds:
        named = partner_kinds(text)
        if named:
            kinds = tuple(k.value for k, _ in named)
            words = ", ".join(f"{PLURAL[k]} (“{w}”)" for k, w in named)
            said.append(f"looking for {words}")
        else:
            # What CTE programs recruit far most often; said, so a recruiter can correct it.
            kinds = (PartnerKind.employer.value,)
            said.append(
                "looking for employers, as no other kind of partner is named "
                "(name one, or set partner_kinds, to look elsewhere)"
            )
    return Reading(kind_of_work if stated_type is None else None, kinds, tuple(said))


def voted_sectors(partners: Partners, rows: Sequence[int]) -> list[str]:
    """The sectors of the partners at `rows` (a ranking's top, best first), most voted first:
    each partner votes for its sectors with 1 / its place."""
    names = partners.sector_names
    votes = np.zeros(len(names))
    for place, row in enumerate(rows, start=1):
        votes[partners.sectors[row].indices] += 1.0 / place
    order = np.lexsort((np.arange(len(names)), -votes))
    return [names[k] for k in order.tolist() if votes[k] > 0]


def read_sectors(
    vector: Vectors | None, centroids: SectorCentroids | None, voted: Sequence[str]
) -> tuple[tuple[str, ...], str | None]:
    """Sectors for a need that states none, and the sentence that says so: the sector most
    shared by the partners a first ranking (without sectors) put on top, and the sector whose
    partners read closest to the text (none without dense vectors); one when they agree.

    On the labelled set, free text with these two scores NDCG@10 0.821 (plain) and 0.759
    (realistic), against 0.773 / 0.712 for the two closest sectors alone and 0.788 / 0.725 for
    the two most voted (chosen among four such rules on the same needs).
    """
    closest: list[str] = []
    if centroids is not None and vector is not None and not sp.issparse(vector):
        closest = closest_sectors(vector, centroids, k=1)
    sectors = tuple(dict.fromkeys([*voted[:1], *closest]))
    if not sectors:
        return (), None
    return (
        sectors,
        f"sectors read from the words: {', '.join(sectors)} (set sectors to choose them)",
    )


def sectors_for(
    partners: Partners,
    need: Need,
    centroids: SectorCentroids | None,
    *,
    weights: Weights,
    filters: Filters = Filters(),  # noqa: B008 - frozen, so sharing the default is safe
    passages: PassageLookup | None = None,
) -> tuple[tuple[str, ...], str | None]:
    """`read_sectors` for a need that states none: a first ranking of `VOTERS` partners
    (without sectors, under the same filters and weights) votes, the centroids add theirs."""
    first = rank(partners, need, limit=VOTERS, filters=filters, weights=weights,
                 passages=passages, explain=False)  # fmt: skip
    voted = voted_sectors(partners, [m.index for m in first])
    return read_sectors(need.vector, centroids, voted)
