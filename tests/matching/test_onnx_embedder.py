"""The int8 ONNX export of all-MiniLM-L6-v2: close to the torch model's vectors and neighbours,
exported once and then read from the cache, and named apart from the torch model."""

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from evaluation.ranking import EvalSet, need_text, partner_text
from matching import onnx_embedder
from matching.embeddings import EMBEDDERS, MINILM, SentenceTransformerEmbedder, make_embedder
from matching.onnx_embedder import ONNX_INT8, OnnxEmbedder, ensure_exported
from matching.types import MatchingError

pytest.importorskip("onnxruntime")
EVAL = Path(__file__).parents[2] / "bench" / "data" / "ranking_eval"


@pytest.fixture(scope="module")
def onnx(model_cache: Path) -> OnnxEmbedder:
    return OnnxEmbedder(cache_dir=model_cache)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    data = EvalSet.load(EVAL)
    needs = [need_text(n) for n in data.needs]
    return [partner_text(p) for p in data.partners[: 200 - len(needs)]] + needs


def test_vectors_and_neighbours_match_the_torch_model(onnx: OnnxEmbedder, texts: list[str]) -> None:
    fast, exact = onnx.embed(texts), SentenceTransformerEmbedder().embed(texts)
    assert fast.shape == exact.shape == (200, 384)
    assert fast.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(fast, axis=1), 1, atol=1e-4)
    cosine = np.sum(fast * exact, axis=1)
    assert cosine.mean() >= 0.98, cosine.mean()
    assert cosine.min() >= 0.95, cosine.min()

    def neighbours(vectors: np.ndarray) -> np.ndarray:
        sims = vectors @ vectors.T
        np.fill_diagonal(sims, -np.inf)
        return np.argsort(-sims, axis=1)[:, :10]

    pairs = zip(neighbours(fast), neighbours(exact), strict=True)
    overlap = [len(set(a) & set(b)) / 10 for a, b in pairs]
    assert np.mean(overlap) >= 0.85, np.mean(overlap)


def test_a_batch_gives_each_text_nearly_the_vector_it_gets_alone(onnx: OnnxEmbedder) -> None:
    # Not exactly: dynamic quantisation scales activations by the whole batch's range, so a
    # text's vector moves a little with its batch mates (padding itself is masked out).
    batch = ["welding", "a hospital that hosts nursing students for clinical rotations", "cnc"]
    together = onnx.embed(batch)
    alone = np.vstack([onnx.embed([t]) for t in batch])
    assert np.sum(together * alone, axis=1).min() >= 0.98
    np.testing.assert_array_equal(onnx.embed(batch[::-1])[::-1], together)  # order is no matter
    assert onnx.embed([]).shape == (0, 384)


def test_a_second_start_reads_the_cache_and_exports_nothing(
    onnx: OnnxEmbedder, model_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = onnx.path.stat().st_mtime_ns
    assert onnx.path.parent == model_cache

    def refuse(*_: object) -> Path:
        raise AssertionError("exported again")

    monkeypatch.setattr(onnx_embedder, "export_int8", refuse)
    again = OnnxEmbedder(cache_dir=model_cache)
    assert again.path == onnx.path
    assert again.path.stat().st_mtime_ns == written
    assert [p.name for p in model_cache.iterdir() if p.suffix == ".onnx"] == [onnx.path.name]


def test_processes_starting_together_export_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def slow_export(_: Path, out: Path) -> Path:
        calls.append(out)
        time.sleep(0.2)
        (out / "int8.onnx").write_bytes(b"graph")
        return out / "int8.onnx"

    monkeypatch.setattr(onnx_embedder, "export_int8", slow_export)
    found: list[Path] = []
    threads = [
        threading.Thread(target=lambda: found.append(ensure_exported(tmp_path))) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(set(found)) == 1
    assert found[0].read_bytes() == b"graph"
    # Nothing half-written is left beside it: the export's folder was renamed from and removed.
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [found[0].name, found[0].name + ".lock"]
    )


def test_the_onnx_and_torch_models_are_named_apart(model_cache: Path) -> None:
    # Stored vectors are keyed by this name: switching models recomputes them, never mixes them.
    assert make_embedder("minilm", cache_dir=model_cache).name == ONNX_INT8
    assert make_embedder("minilm-torch").name == MINILM
    assert ONNX_INT8 != MINILM
    assert make_embedder("tfidf").name not in (ONNX_INT8, MINILM)
    assert EMBEDDERS == ("minilm", "minilm-torch", "tfidf")
    with pytest.raises(MatchingError, match="unknown embedder"):
        make_embedder("onnx")
