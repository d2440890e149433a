"""Settings read from the environment (and a `.env` file), with defaults that run out of the box."""

from email.policy import default as email_policy
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from limits import parse_many
from pydantic import Field, SecretStr, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

if TYPE_CHECKING:  # numpy and scipy: not imported by a command that only reads the settings
    from matching.embeddings import Embedder

DEFAULT_DATABASE_URL = "sqlite:///./data/partnermatch.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    log_level: Literal["debug", "info", "warning", "error", "critical"] = "info"
    # minilm: the bundled sentence-transformer, as int8 ONNX where onnxruntime is installed
    # (~2-3x faster on a CPU), else on torch; minilm-torch: on torch always; tfidf: hashed
    # TF-IDF, for machines without the model. Vectors are stored per model, so a switch
    # recomputes them rather than mixing two models' vectors.
    embedder: Literal["minilm", "minilm-torch", "tfidf"] = "minilm"
    # Where the ONNX export of the bundled model is cached (made once, on first start);
    # default: partner-match/models in the user's cache directory ($XDG_CACHE_HOME or ~/.cache).
    model_cache_dir: Path | None = None
    # onnxruntime's threads per embedding call; default: the cores this process may use.
    embedder_threads: int | None = Field(default=None, ge=1, le=256)
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

    # Background work (the mail and webhook outboxes, the daily load refresh, timed jobs):
    # embedded, each API process runs it too (once per deployment all the same: every piece
    # is claimed with a lease in the database); off, this API process runs none of it, and
    # `partnermatch worker` does, apart (docs/operations.md).
    background: Literal["embedded", "off"] = "embedded"

    # Webhook deliveries: a worker thread per process sends what the outbox holds, retrying
    # with exponential backoff (base doubling up to the cap, with jitter) until the window ends.
    webhook_worker: bool = True
    webhook_poll_seconds: float = Field(default=1.0, gt=0, le=60)
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    webhook_retry_base_seconds: float = Field(default=5.0, gt=0)
    webhook_retry_max_seconds: float = Field(default=3600.0, gt=0)
    webhook_retry_window_hours: float = Field(default=24.0, gt=0)
    # Webhook targets on loopback, private, link-local or otherwise non-public addresses are
    # refused; these hosts or addresses (comma-separated) are let through anyway, for a
    # receiver on a developer's machine or in a test. Empty in production.
    webhook_allowed_hosts: Annotated[list[str], NoDecode] = []
    # A webhook host name that takes longer than this to resolve is not delivered to (this
    # attempt); the lookup runs off the event loop but must not hold a worker forever.
    webhook_dns_timeout_seconds: float = Field(default=3.0, gt=0, le=30)

    # Keys that encrypt webhook signing secrets at rest (Fernet, comma-separated): the first
    # encrypts, every one decrypts, so a new key goes first and the old one stays until
    # `partnermatch webhooks reencrypt` has moved every secret to the new one. Unset: a key
    # made once in a file beside the database (app/webhooks/keyring.py); production sets it.
    webhook_secret_keys: Annotated[list[SecretStr], NoDecode] = []

    @field_validator("webhook_allowed_hosts", "webhook_secret_keys", mode="before")
    @classmethod
    def _split_commas(cls, value: Any) -> Any:
        # "a.example, 127.0.0.1" from the environment; a list from code.
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    # Mail (app/mail): messages are written to an outbox in the transaction of the write that
    # causes them, and a worker thread per process hands them to this SMTP server after the
    # commit, retrying with exponential backoff (base doubling up to the cap, with jitter)
    # until the window ends. SMTP_HOST unset: mail is queued and kept, never sent (the worker
    # says so once in the log). SMTP_STARTTLS upgrades the connection before anything else
    # is said (the server must offer it); credentials are only ever sent over it.
    # SMTP_CA_FILE: certificates (PEM) to trust for a relay with a private CA; default: the
    # system's. MAIL_FROM is the From of every message ("Name <address>").
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_starttls: bool = True
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_ca_file: Path | None = None
    smtp_timeout_seconds: float = Field(default=30.0, gt=0, le=300)
    mail_from: str = "Partner Match <partnermatch@localhost>"
    mail_worker: bool = True
    mail_poll_seconds: float = Field(default=1.0, gt=0, le=60)
    mail_retry_base_seconds: float = Field(default=60.0, gt=0)
    mail_retry_max_seconds: float = Field(default=3600.0, gt=0)
    mail_retry_window_hours: float = Field(default=48.0, gt=0)
    # The person who set a do-not-ask hold is mailed once, this many days before it lapses
    # (app/reminders/holds.py, daily at 07:00 UTC); 0: never.
    hold_reminder_days: int = Field(default=7, ge=0, le=60)
    # Each Monday 07:00 UTC, conveners and admins get what needs them this week (check-ins
    # due, partners at high risk, needs open: app/reminders/digest.py); false: never.
    weekly_digest: bool = True

    @field_validator("smtp_host", "smtp_username", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        # `SMTP_HOST=` in an env file means "no server", not a host named "".
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("mail_from")
    @classmethod
    def _one_address(cls, value: str) -> str:
        header = email_policy.header_factory("From", value)
        addresses: tuple[Any, ...] = getattr(header, "addresses", ())
        if len(addresses) != 1 or header.defects or any(c in value for c in "\r\n"):
            raise ValueError(f"MAIL_FROM {value!r} is not one address such as 'Name <a@b.org>'")
        return str(addresses[0])

    @model_validator(mode="after")
    def _credentials_over_tls(self) -> "Settings":
        if self.smtp_username is not None and not self.smtp_starttls:
            raise ValueError(
                "SMTP_USERNAME needs SMTP_STARTTLS: credentials are never sent in clear"
            )
        if (self.smtp_username is None) != (self.smtp_password is None):
            raise ValueError("SMTP_USERNAME and SMTP_PASSWORD go together")
        return self

    # Single sign-on with OpenID Connect (app/people/oidc.py), for people already invited:
    # OIDC_ISSUER is the provider's issuer URL (its /.well-known/openid-configuration is read
    # on the first sign-in), OIDC_CLIENT_ID and OIDC_CLIENT_SECRET the client registered there
    # with the redirect URI PUBLIC_URL/ui/oidc/callback. OIDC_NAME names the sign-in button.
    # Unset: passwords only.
    oidc_issuer: str | None = Field(default=None, pattern=r"^https?://[^\s/]+(/[^\s]*)?$")
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_name: str = Field(default="single sign-on", min_length=1, max_length=80)

    @field_validator("oidc_issuer", "oidc_client_id", mode="before")
    @classmethod
    def _blank_oidc_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _oidc_whole(self) -> "Settings":
        given = [self.oidc_issuer, self.oidc_client_id, self.oidc_client_secret]
        if any(v is not None for v in given) and not all(v is not None for v in given):
            raise ValueError("OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together")
        return self

    # Vocabularies (comma-separated: sector, region) whose values are a closed list: a
    # value not in it is refused (422 naming the allowed ones) instead of being added as new.
    restricted_vocabularies: Annotated[list[Literal["sector", "region"]], NoDecode] = []

    @field_validator("restricted_vocabularies", mode="before")
    @classmethod
    def _split_kinds(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip().lower() for part in value.split(",") if part.strip()]
        return value

    # Database connections per process, and how long a request waits for one before it is
    # answered 503 (with Retry-After) instead of queueing until the client gives up. Every
    # process opens up to DB_POOL_SIZE + DB_MAX_OVERFLOW connections: keep processes x that
    # under PostgreSQL's max_connections (100 by default).
    db_pool_size: int = Field(default=10, ge=1, le=1000)
    db_max_overflow: int = Field(default=10, ge=0, le=1000)
    db_pool_timeout_seconds: float = Field(default=5.0, gt=0, le=60)
    # Requests a process works on at once (/health aside); one more waits at the door up to
    # QUEUE_TIMEOUT_SECONDS for a place, then answers 503 with Retry-After. A request past the
    # door holds a connection from its key lookup to its answer, across several hops through
    # the thread pool (40 threads): let in 40 or more and a request holding a connection, or a
    # row lock, waits for a thread that every other request holds while it waits for it.
    # Measured in bench/loadtest.py (docs/performance.md): 16 answered the most requests.
    max_in_flight: int = Field(default=16, ge=1, le=39)
    queue_timeout_seconds: float = Field(default=5.0, ge=0, le=60)

    @model_validator(mode="after")
    def _pool_holds_the_requests(self) -> "Settings":
        if self.max_in_flight > self.db_pool_size + self.db_max_overflow:
            raise ValueError(
                "MAX_IN_FLIGHT must not pass DB_POOL_SIZE + DB_MAX_OVERFLOW: every request in "
                "flight may hold a connection"
            )
        return self

    # Requests per API key, in the `limits` package's notation ("600/minute", "10/second");
    # the storage is per process ("memory://") unless a shared one is named ("redis://...").
    rate_limit: str = "600/minute"
    rate_limit_storage: str = "memory://"
    # Prefix of the counters' keys in a shared store: deployments (or test runs) sharing one
    # Redis keep apart by it; processes of one deployment must share it.
    rate_limit_key_prefix: str = "partnermatch"

    # Partner self-service links (/p/...): the address they start with (behind a proxy, the
    # public one, e.g. https://match.example.org; default: the address the request came to),
    # and how many refused link attempts (unknown, used, expired, revoked) a client may make
    # before every link page answers it 429 for a while (the rate limit's storage is shared).
    public_url: str | None = Field(default=None, pattern=r"^https?://[^\s/]+(/[^\s]*)?$")
    link_attempt_limit: str = "30/hour"

    # People (app/people): how long an invitation and a password reset link work, and how
    # many refused sign-ins (wrong password, unknown email, a bad invitation or reset link)
    # one account (by email) and one client address may make before the sign-in forms answer
    # "too many attempts" until the window moves on (counted in the rate limit's storage, so
    # shared through Redis where it is configured).
    invitation_days: int = Field(default=7, ge=1, le=60)
    password_reset_minutes: int = Field(default=60, ge=5, le=7 * 24 * 60)
    sign_in_account_limit: str = "10/15 minutes"
    sign_in_address_limit: str = "30/15 minutes"

    # The check-in list: a partner running engagements with no temperature check for this many
    # days is due one (and a move to high or critical risk stays listed as long).
    checkin_after_days: int = Field(default=30, ge=1, le=365)

    # /metrics (Prometheus text format, no API key): on unless turned off.
    metrics_enabled: bool = True
    # Threads one embedding or BLAS call may use in a process (torch, numpy, scikit-learn):
    # the thread pool already runs requests side by side, so more oversubscribes the cores.
    compute_threads: int = Field(default=1, ge=1, le=64)
    # Build the partner index when the process starts, in the background (/health/ready says
    # not ready until it is built); off: the first query builds it, and waits for it.
    index_warm: bool = True

    # Recruitment plans: at most this many asks of one partner in one plan, alternates kept
    # per assignment, candidates taken from each need's ranking, and from how many needs a
    # plan is solved in the background (POST answers 202 with a status URL).
    plan_max_asks: int = Field(default=3, ge=1, le=20)
    plan_alternates: int = Field(default=3, ge=0, le=10)
    plan_candidates: int = Field(default=20, ge=1, le=100)
    plan_background_needs: int = Field(default=40, ge=1)
    # Big plans are solved by the background work (app.plans.worker), one at a time per
    # process, each by one process of the deployment: looked for this often (and at once when
    # this process queued one), held for this long at a time, extended as the solve goes on.
    plan_poll_seconds: float = Field(default=2.0, gt=0, le=60)
    plan_lease_seconds: float = Field(default=300.0, ge=10)
    # Partner vectors are computed by the background work (app.matches.vectors): it reads the
    # index change log this often for profiles written since, besides being asked by a query
    # or an import that met vectors missing.
    vector_poll_seconds: float = Field(default=5.0, gt=0, le=300)
    # The relevance floor of a plan: a candidate below it is never asked, so a slot only such
    # misfits could fill is a gap showing where partners must be recruited. At 0.1 (relevance
    # is a geometric mean of meaning and fit) only clear misfits are cut: on the demo data,
    # a battery-materials firm for nursing clinical placements, school districts for hospital
    # job shadows.
    plan_min_relevance: float = Field(default=0.1, ge=0.0, le=1.0)

    @field_validator(
        "rate_limit", "link_attempt_limit", "sign_in_account_limit", "sign_in_address_limit"
    )
    @classmethod
    def _rate_limit_parses(cls, value: str, info: ValidationInfo) -> str:
        try:
            parse_many(value)
        except ValueError as exc:
            name = (info.field_name or "rate_limit").upper()
            raise ValueError(f"{name} {value!r} is not a rate such as '600/minute'") from exc
        return value


def settings_embedder(settings: Settings) -> "Embedder":
    """The embedder the settings name (loads the model: once per process)."""
    from matching.embeddings import make_embedder

    return make_embedder(
        settings.embedder, cache_dir=settings.model_cache_dir, threads=settings.embedder_threads
    )


@lru_cache
def get_settings() -> Settings:
    return Settings()
