"""Settings read from the environment (and a `.env` file), with defaults that run out of the box."""

from functools import lru_cache
from typing import Literal

from pydantic import Field
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
    # Largest request body accepted, in bytes; larger ones answer 413 before they are read.
    max_body_bytes: int = Field(default=1_048_576, ge=1024)


@lru_cache
def get_settings() -> Settings:
    return Settings()
