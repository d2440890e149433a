"""Settings read from the environment (and a `.env` file), with defaults that run out of the box."""

from functools import lru_cache
from typing import Literal

from limits import parse_many
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./data/partnermatch.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    log_level: Literal["debug", "info", "warning", "error", "critical"] = "info"
    # minilm: the bundled sentence-transformer; tfidf: hashed TF-IDF, for machines without it.
    embedder: Literal["minilm", "tfidf"] = "minilm"
    # Ranking weights (must sum to 1) and the burnout penalty per risk level: semantic and fit
    # make relevance, interest and capacity availability (see matching.ranker.Weights).
    weight_semantic: float = Field(default=0.35, ge=0, le=1)
    weight_fit: float = Field(default=0.35, ge=0, le=1)
    weight_interest: float = Field(default=0.10, ge=0, le=1)
    weight_capacity: float = Field(default=0.20, ge=0, le=1)
    burnout_penalties: tuple[float, float, float, float] = (0.0, 0.1, 0.25, 0.5)

    @model_validator(mode="after")
    def _weights_sum_to_one(self) -> "Settings":
        total = self.weight_semantic + self.weight_fit + self.weight_interest + self.weight_capacity
        if abs(total - 1) > 1e-6:
            raise ValueError(
                f"WEIGHT_SEMANTIC, _FIT, _INTEREST and _CAPACITY must sum to 1, not {total:g}"
            )
        if not all(0 <= p <= 1 for p in self.burnout_penalties):
            raise ValueError("BURNOUT_PENALTIES must be four numbers in [0, 1]")
        return self

    # Largest request body accepted, in bytes; larger ones answer 413 before they are read.
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    # Bulk imports (`POST /v1/import/...`) may be larger; rows are written this many at a time.
    max_import_bytes: int = Field(default=64 * 1_048_576, ge=1024)
    import_batch_size: int = Field(default=500, ge=1, le=10_000)

    # Webhook deliveries: a worker thread per process sends what the outbox holds, retrying
    # with exponential backoff (base doubling up to the cap, with jitter) until the window ends.
    webhook_worker: bool = True
    webhook_poll_seconds: float = Field(default=1.0, gt=0, le=60)
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    webhook_retry_base_seconds: float = Field(default=5.0, gt=0)
    webhook_retry_max_seconds: float = Field(default=3600.0, gt=0)
    webhook_retry_window_hours: float = Field(default=24.0, gt=0)

    # Requests per API key, in the `limits` package's notation ("600/minute", "10/second");
    # the storage is per process ("memory://") unless a shared one is named ("redis://...").
    rate_limit: str = "600/minute"
    rate_limit_storage: str = "memory://"

    @field_validator("rate_limit")
    @classmethod
    def _rate_limit_parses(cls, value: str) -> str:
        try:
            parse_many(value)
        except ValueError as exc:
            raise ValueError(f"RATE_LIMIT {value!r} is not a rate such as '600/minute'") from exc
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
