"""The delivery worker: a thread per API process sends what the outbox holds once it is due,
signed per Standard Webhooks, logs every attempt and schedules the next by the retry policy.

Processes sharing one database never send the same attempt twice: each delivery is claimed
with a lease (compare-and-set) before it is sent, and all state lives in the database, so a
restart loses nothing (a delivery held by a process that died is taken up when its lease ends).

Every send goes through a PinnedTransport: the target is checked (and resolved) again at
connect time, and only the checked address is connected to. What a receiver answers beyond its
status is never kept: an attempt is logged with its status or a short summary in our words.

The endpoint's secret is decrypted right before signing; a secret no key opens fails the
attempt (retried like any other: a fixed key lets the delivery through), never the pass.
"""

import errno
import logging
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from sqlalchemy.orm import Session
from standardwebhooks.webhooks import Webhook

from app.config import Settings
from app.db import Database
from app.ops.background import OutboxWorker, RetryPolicy
from app.ops.jobs import Background
from app.types import utcnow
from app.webhooks import outbox, repository, targets
from app.webhooks.keyring import KeysUnusable, SecretUnreadable, keyring_for
from app.webhooks.models import DeliveryStatus
from app.webhooks.policy import Answer, decide
from app.webhooks.repository import Claimed

log = logging.getLogger(__name__)

USER_AGENT = "PartnerMatch-Webhooks/1"

# Attempts that could not be signed, in our words (the log says more, never a key).
SECRET_UNREADABLE = "not sent: the server's webhook keys do not decrypt this endpoint's secret"
KEYS_UNUSABLE = "not sent: the server's webhook keys (WEBHOOK_SECRET_KEYS) are not usable"


@dataclass(frozen=True)
class Sent:
    """What happened to one HTTP request."""

    status_code: int | None
    retry_after: str | None
    error: str | None
    duration_ms: float


def _causes(exc: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and cause not in found:
        found.append(cause)
        cause = cause.__cause__ or cause.__context__
    return found


def describe(exc: Exception) -> str:
    """Why no answer came, in our own words. Exception texts are never kept: they can quote
    what the other end sent (h11 puts a bad status line, say a redis banner, in its message)."""
    if isinstance(exc, targets.Refused):
        return f"refused: {exc.reason}"
    if isinstance(exc, targets.LookupFailed):
        return exc.reason
    if isinstance(exc, httpx.ConnectTimeout):
        return "timed out connecting"
    if isinstance(exc, httpx.ReadTimeout):
        return "timed out waiting for the answer"
    if isinstance(exc, httpx.WriteTimeout):
        return "timed out sending the event"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        for cause in _causes(exc):
            if isinstance(cause, ConnectionRefusedError):
                return "connection refused"
            if isinstance(cause, ssl.SSLCertVerificationError):
                return "TLS certificate not valid for the host"
            if isinstance(cause, ssl.SSLError):
                return "TLS handshake failed"
            if isinstance(cause, OSError) and cause.errno == errno.ENETUNREACH:
                return "network unreachable"
            if isinstance(cause, OSError) and cause.errno == errno.EHOSTUNREACH:
                return "host unreachable"
        return "could not connect"
    if isinstance(exc, httpx.RemoteProtocolError):
        # Only the kind is read from the message, never kept.
        if str(exc).startswith("Server disconnected"):
            return "the receiver closed the connection without answering"
        return "the answer was not HTTP"
    if isinstance(exc, httpx.NetworkError):
        return "the connection broke"
    return f"request failed ({type(exc).__name__})"


class WebhookWorker(OutboxWorker[Claimed]):
    """Sends due deliveries. `deliver_due` is one pass (tests call it with their own clock);
    `start` runs passes in a thread (a Poller) every `webhook_poll_seconds`, or sooner when a
    commit wrote to the outbox."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
        transport: httpx.BaseTransport | None = None,
        batch: int = 20,
        on_attempt: Callable[[str], None] | None = None,
    ) -> None:
        # Told of each attempt kept: "succeeded", "retry" or "failed" (given up).
        super().__init__(
            db,
            "webhook-outbox",
            work=self.deliver_due,
            every=settings.webhook_poll_seconds,
            batch=batch,
            # Longer than any one send can take (connect, write and read each get the
            # timeout), so a lease only runs out under a worker that died.
            lease=timedelta(seconds=3 * settings.webhook_timeout_seconds + 30),
            policy=RetryPolicy(
                base=timedelta(seconds=settings.webhook_retry_base_seconds),
                cap=timedelta(seconds=settings.webhook_retry_max_seconds),
                window=timedelta(hours=settings.webhook_retry_window_hours),
            ),
            wakers=outbox.WAKERS,
            clock=clock,
            rng=rng,
            on_attempt=on_attempt,
        )
        self.settings = settings
        # `transport` (tests) is what the pinned transport sends through once it has checked.
        self.client = httpx.Client(
            timeout=settings.webhook_timeout_seconds,
            # A redirect is an answer like any other non-2xx; following it would send the
            # event to a target nobody checked.
            follow_redirects=False,
            transport=targets.PinnedTransport(
                targets.TargetPolicy.from_settings(settings), transport
            ),
            headers={"user-agent": USER_AGENT},
            # No proxy from the environment: httpx would route through it around the pinned
            # transport, and connect-time checks would check the proxy, not the target.
            trust_env=False,
        )

    # One pass

    def deliver_due(self, now: datetime | None = None) -> int:
        """Claim and send the deliveries due at `now` (default: the clock), up to one batch;
        answers how many attempts were made."""
        return self.run_pass(now)

    def due(self, session: Session, now: datetime, limit: int) -> list[int]:
        return repository.due(session, now, limit)

    def claim(self, session: Session, id_: int, now: datetime, until: datetime) -> Claimed | None:
        return repository.claim(session, id_, now, until)

    def attempt(self, claimed: Claimed, now: datetime | None) -> None:
        started = now or self.clock()
        sent = self.send(claimed, started)
        finished = now or self.clock()
        attempt = claimed.attempt_count + 1
        decision = decide(
            self.policy,
            Answer(sent.status_code, sent.retry_after),
            attempt,
            claimed.created_at,
            finished,
            self.rng,
        )
        done = decision.status is not DeliveryStatus.pending
        with self.db.sessionmaker.begin() as session:
            recorded = repository.record_attempt(
                session,
                claimed,
                {
                    "attempted_at": started,
                    "status_code": sent.status_code,
                    "error": sent.error,
                    "duration_ms": round(sent.duration_ms, 2),
                },
                decision.status,
                decision.next_attempt_at,
                finished if done else None,
            )
            if recorded and decision.disable_endpoint:
                dropped = repository.disable_endpoint(
                    session, claimed.endpoint_id, finished, "the receiver answered 410 Gone"
                )
                log.warning(
                    "webhook endpoint %s answered 410 Gone: disabled, %d pending deliveries "
                    "given up",
                    claimed.endpoint_id,
                    dropped,
                )
        if recorded and self.on_attempt is not None:
            succeeded = decision.status is DeliveryStatus.succeeded
            self.on_attempt("succeeded" if succeeded else "failed" if done else "retry")
        if not recorded:
            # Taken over after the lease ran out, given up with its endpoint, or deleted.
            log.warning(
                "webhook delivery %s changed while being sent; attempt not kept", claimed.id
            )
        elif done and decision.status is DeliveryStatus.failed:
            log.warning(
                "webhook delivery %s to endpoint %s failed after %d attempts (%s)",
                claimed.id,
                claimed.endpoint_id,
                attempt,
                decision.reason,
            )

    def send(self, claimed: Claimed, at: datetime) -> Sent:
        """POST the delivery's body, signed at `at`; never raises."""
        try:
            secret = keyring_for(self.settings).decrypt(claimed.encrypted_secret)
        except KeysUnusable as exc:
            log.error(
                "webhook delivery %s to endpoint %s not sent: %s",
                claimed.id,
                claimed.endpoint_id,
                exc.reason,
            )
            why = SECRET_UNREADABLE if isinstance(exc, SecretUnreadable) else KEYS_UNUSABLE
            return Sent(None, None, why, 0.0)
        headers = {
            "content-type": "application/json",
            "webhook-id": claimed.event_id,
            "webhook-timestamp": str(int(at.timestamp())),
            "webhook-signature": Webhook(secret).sign(claimed.event_id, at, claimed.payload),
        }
        start = time.perf_counter()
        try:
            # The syntax first, so that a URL httpx cannot even make a request of is refused
            # with its reason; the pinned transport checks the rest when it connects.
            targets.parse(claimed.url)
            with self.client.stream(
                "POST", claimed.url, content=claimed.payload.encode(), headers=headers
            ) as response:
                # The status and Retry-After are all that is read: the body is left unread.
                status, retry_after = response.status_code, response.headers.get("retry-after")
        except Exception as exc:  # any failure to get an answer is a failed attempt, logged
            return Sent(None, None, describe(exc), _ms(start))
        return Sent(status, retry_after, None, _ms(start))

    # The thread (app.ops.background.Poller)

    def start(self) -> None:
        """Run passes in a daemon thread until `stop`."""
        if self.settings.webhook_secret_keys:
            # Said at startup, not first at a delivery; the rest of the API serves regardless.
            # (The key file, when the setting is unset, is made when first needed.)
            try:
                keyring_for(self.settings)
            except KeysUnusable as exc:
                log.error("webhook deliveries cannot be signed: %s", exc.reason)
        super().start()

    def stop(self, timeout: float | None = None) -> bool:
        """Stop the thread (after the attempt under way, if any) and close the HTTP client;
        answers whether the thread ended within `timeout`."""
        ended = super().stop(timeout)
        if ended:  # else the attempt under way still uses it; it goes with the process
            self.client.close()
        return ended


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def register(
    background: Background,
    db: Database,
    settings: Settings,
    on_attempt: Callable[[str], None] | None = None,
) -> None:
    """This outbox's worker, run with the rest of the background work (unless WEBHOOK_WORKER is
    off); `on_attempt` is told of each attempt kept (the metrics)."""
    if settings.webhook_worker:
        background.add(WebhookWorker(db, settings, on_attempt=on_attempt))
