"""The delivery worker: a thread per API process sends what the outbox holds once it is due,
signed per Standard Webhooks, logs every attempt and schedules the next by the retry policy.

Processes sharing one database never send the same attempt twice: each delivery is claimed
with a lease (compare-and-set) before it is sent, and all state lives in the database, so a
restart loses nothing (a delivery held by a process that died is taken up when its lease ends).
"""

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from standardwebhooks.webhooks import Webhook

from app.config import Settings
from app.db import Database
from app.types import utcnow
from app.webhooks import outbox, repository
from app.webhooks.models import DeliveryStatus
from app.webhooks.policy import Outcome, RetryPolicy, decide
from app.webhooks.repository import Claimed

log = logging.getLogger(__name__)

USER_AGENT = "PartnerMatch-Webhooks/1"
# How much of a receiver's answer is kept with the attempt.
RESPONSE_BYTES = 1024


@dataclass(frozen=True)
class Sent:
    """What happened to one HTTP request."""

    status_code: int | None
    retry_after: str | None
    body: str | None
    error: str | None
    duration_ms: float


def _head(response: httpx.Response) -> bytes:
    # Read only the start: a receiver answering with megabytes costs nothing more.
    kept = b""
    for chunk in response.iter_bytes():
        kept += chunk
        if len(kept) >= RESPONSE_BYTES:
            break
    return kept[:RESPONSE_BYTES]


class WebhookWorker:
    """Sends due deliveries. `deliver_due` is one pass (tests call it with their own clock);
    `start` runs passes in a thread every `webhook_poll_seconds`, or sooner when a commit
    wrote to the outbox."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
        transport: httpx.BaseTransport | None = None,
        batch: int = 20,
    ) -> None:
        self.db = db
        self.policy = RetryPolicy(
            base=timedelta(seconds=settings.webhook_retry_base_seconds),
            cap=timedelta(seconds=settings.webhook_retry_max_seconds),
            window=timedelta(hours=settings.webhook_retry_window_hours),
        )
        self.poll_seconds = settings.webhook_poll_seconds
        # Longer than any one send can take (connect, write and read each get the timeout),
        # so a lease only runs out under a worker that died.
        self.lease = timedelta(seconds=3 * settings.webhook_timeout_seconds + 30)
        self.clock = clock
        self.rng = rng or random.Random()
        self.batch = batch
        self.client = httpx.Client(
            timeout=settings.webhook_timeout_seconds,
            follow_redirects=False,  # a redirect is an answer like any other non-2xx
            transport=transport,
            headers={"user-agent": USER_AGENT},
        )
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    # One pass

    def deliver_due(self, now: datetime | None = None) -> int:
        """Claim and send the deliveries due at `now` (default: the clock), up to one batch;
        answers how many attempts were made."""
        with self.db.sessionmaker.begin() as session:
            ids = repository.due(session, now or self.clock(), self.batch)
        made = 0
        for id_ in ids:
            if self._stop.is_set():
                break
            at = now or self.clock()
            with self.db.sessionmaker.begin() as session:
                claimed = repository.claim(session, id_, at, at + self.lease)
            if claimed is None:  # another worker took it first
                continue
            self._attempt(claimed, now)
            made += 1
        return made

    def _attempt(self, claimed: Claimed, now: datetime | None) -> None:
        started = now or self.clock()
        sent = self.send(claimed, started)
        finished = now or self.clock()
        attempt = claimed.attempt_count + 1
        decision = decide(
            self.policy,
            Outcome(sent.status_code, sent.retry_after),
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
                    "response_body": sent.body,
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
        headers = {
            "content-type": "application/json",
            "webhook-id": claimed.event_id,
            "webhook-timestamp": str(int(at.timestamp())),
            "webhook-signature": Webhook(claimed.secret).sign(
                claimed.event_id, at, claimed.payload
            ),
        }
        start = time.perf_counter()
        try:
            with self.client.stream(
                "POST", claimed.url, content=claimed.payload.encode(), headers=headers
            ) as response:
                body = _head(response)
        except Exception as exc:  # any failure to get an answer is a failed attempt, logged
            error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            return Sent(None, None, None, error[:500], _ms(start))
        return Sent(
            response.status_code,
            response.headers.get("retry-after"),
            body.decode("utf-8", "replace"),
            None,
            _ms(start),
        )

    # The thread

    def start(self) -> None:
        """Run passes in a daemon thread until `stop`."""
        outbox.add_waker(self.wake)
        self._thread = threading.Thread(target=self._run, name="webhook-worker", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Make the thread run a pass now rather than at the next poll."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                made = self.deliver_due()
            except Exception:  # the database may be away for a while; try again at next poll
                log.exception("webhook delivery pass failed")
                made = 0
            if made < self.batch:  # a full batch means more may be due at once
                self._wake.wait(self.poll_seconds)
                self._wake.clear()

    def stop(self, timeout: float | None = None) -> None:
        """Stop the thread (after the attempt under way, if any) and close the HTTP client."""
        outbox.remove_waker(self.wake)
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.client.close()


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000
