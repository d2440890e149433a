"""How well a partner fits a need, before anyone asks whether it has room: meaning by field
(the need's full text and its expertise sought, each against the partner's text, and on a short
pool against the partner's best-matching passage) and structured fit (kind, sectors, region,
skills by word or by meaning, engagement type from the latest interview).

Everything here works on all partners at once (arrays), except the passage step, which runs on
the pool the caller hands it.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from matching.embeddings import Vectors
from matching.types import MatchingError

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
# A word ends on no full stop ("node.js." is "node.js"): found as it is, not stripped after.
_WORD = re.compile(r"[a-z0-9](?:[a-z0-9+#.]*[a-z0-9+#])?")
# Sentence ends and list separators: a passage is one claim a profile makes.
_PASSAGE = re.compile(r"(?<=[.!?])\s+|[\n;]+|\s+-\s+|:\s+")
#: Passages shorter than this many words are joined to the next one (a bare "Shop manager.").
MIN_PASSAGE_WORDS = 3


def words(text: str) -> list[str]:
    """Lower-case words of a text, the unit skills are matched in.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of str
        Its words, lower-case, in order, trailing full stops removed.
    """
    found: list[str] = _WORD.findall(text.lower())
    return found


def passages(text: str, *, extra: Sequence[str] = ()) -> list[str]:
    """A profile cut into passages (sentences and list items), each long enough to mean
    something; `extra` (contacts' skills, one per entry) are passages of their own.

    Parameters
    ----------
    text : str
        The partner's text (profile, latest interview).
    extra : sequence of str, keyword-only
        Short phrases kept whole, such as a contact's listed skills.

    Returns
    -------
    list of str
        The passages, in reading order; empty for an empty text.
    """
    out: list[str] = []
    carry = ""
    for piece in _PASSAGE.split(text):
        piece = (carry + " " + piece).strip() if carry else piece.strip()
        if not piece:
            continue
        if len(words(piece)) < MIN_PASSAGE_WORDS:
            carry = piece
            continue
        out.append(piece)
        carry = ""
    if carry:
        out.append(carry)
    out.extend(s.strip() for s in extra if s.strip())
    return out


def dense_rows(raw: Any, *, dim: int) -> NDArray[np.float32]:
    """Query vectors as a dense (k, dim) float32 array, whatever the embedder answered.

    Parameters
    ----------
    raw : array-like or sparse matrix of shape (dim,) or (k, dim)
        What the embedder answered.
    dim : int, keyword-only
        Length the vectors must have (the partners' vectors' length).

    Returns
    -------
    ndarray of shape (k, dim)
        float32 rows; a single vector becomes one row.
    """
    q = np.asarray(raw.toarray() if sp.issparse(raw) else raw, dtype=np.float32)
    q = q.reshape(-1, q.shape[-1]) if q.ndim else q.reshape(1, -1)
    if q.shape[1] != dim:
        raise MatchingError("the need's vector and the partners' vectors differ in length")
    return q


def cosines(vectors: Vectors, queries: NDArray[np.float32]) -> FloatArray:
    """Cosine of every row of `vectors` (n, dim) with every query (k, dim).

    One matrix-vector product per query, not one matrix-matrix product: for a handful of
    queries OpenBLAS's GEMV is as fast per pass, and its GEMM wakes threads that, on a busy
    machine, cost more than the arithmetic.

    Parameters
    ----------
    vectors : ndarray or sparse matrix of shape (n, dim)
        Unit rows.
    queries : ndarray of shape (k, dim)
        Unit query vectors.

    Returns
    -------
    ndarray of shape (n, k)
        Clipped to [0, 1]; rows and queries are unit vectors.
    """
    sims = np.column_stack([np.asarray(vectors @ q).reshape(-1) for q in queries])
    clipped: FloatArray = np.clip(sims, 0.0, 1.0)
    return clipped


@dataclass(frozen=True)
class PassageFit:
    """Per partner of the pool: best passage cosine, and which sought skills its passages carry
    by meaning (a skill covered when some passage reads close to it)."""

    best: FloatArray  # (p,)
    skills: BoolArray  # (p, n_skills)
    skill_cosines: FloatArray | None = None  # (p, n_skills): each skill's closest passage


def passage_fit(
    pool_passages: Sequence[Vectors],
    queries: NDArray[np.float32],
    skill_vectors: NDArray[np.float32] | None,
    *,
    skill_threshold: float,
) -> PassageFit:
    """Meaning at the level of passages, for a pool of partners.

    Parameters
    ----------
    pool_passages : sequence of (k_i, dim) unit vectors
        Each pool partner's passage vectors (k_i may be 0).
    queries : ndarray of shape (q, dim)
        The need's field vectors (full text, expertise sought).
    skill_vectors : ndarray of shape (s, dim) or None
        One vector per sought skill.
    skill_threshold : float
        Cosine at or above which a passage covers a skill.

    Returns
    -------
    PassageFit
        `best` of shape (p,): the best cosine of any passage with any field, averaged over the
        fields; `skills` of shape (p, s); `skill_cosines` (p, s): each skill's closest passage.
    """
    p = len(pool_passages)
    n_skills = 0 if skill_vectors is None else skill_vectors.shape[0]
    best = np.zeros(p)
    skills = np.zeros((p, n_skills), dtype=bool)
    sizes = [int(v.shape[0]) for v in pool_passages]
    if not sum(sizes):
        return PassageFit(best, skills)
    stacked = (
        sp.vstack([v for v in pool_passages if v.shape[0]]).tocsr()
        if any(sp.issparse(v) for v in pool_passages)
        else np.vstack([v for v in pool_passages if v.shape[0]])
    )
    owner = np.repeat(np.arange(p), sizes)
    targets = queries if skill_vectors is None else np.vstack([queries, skill_vectors])
    sims = cosines(stacked, targets).astype(np.float64)  # (sum k_i, q + s)
    top = np.zeros((p, targets.shape[0]))
    np.maximum.at(top, owner, sims)
    best = top[:, : queries.shape[0]].mean(axis=1)
    closest = top[:, queries.shape[0] :]
    if n_skills:
        skills = closest >= skill_threshold
    return PassageFit(best, skills, closest)
