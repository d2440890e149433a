"""How many threads one request's numeric work may use.

An API process already runs up to 40 requests at once in its thread pool, and a machine runs
several processes: if each embedding (torch) or BLAS call also starts a thread per core, the
threads outnumber the cores many times over and every request gets slower. COMPUTE_THREADS
(default 1) caps both, per process, at startup.
"""

import logging
import os
import sys

from threadpoolctl import threadpool_limits

log = logging.getLogger(__name__)


def limit_threads(threads: int) -> None:
    """Cap torch's intra-op threads and the BLAS pools (numpy, scikit-learn) at `threads`,
    for the whole process. Call it after the embedder is loaded: torch is told only if the
    embedder imported it (the TF-IDF embedder does not).

    Both settings are process-wide: torch hands its count to every thread that starts work
    afterwards (the request threads) and OpenBLAS has one pool. OpenMP's count is per thread,
    so it is not set here: set OMP_NUM_THREADS in the environment (read when it loads)."""
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(threads)
    # Not used as a context manager: the limit stays for the life of the process.
    threadpool_limits(limits=threads, user_api="blas")
    # A BLAS loaded later (scipy's own OpenBLAS, imported when a plan is first solved) reads
    # its pool size from the environment when it loads.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", str(threads))
    log.info("numeric libraries limited to %d thread(s) per call", threads)
