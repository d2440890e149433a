"""The retry policy, as plain functions of an attempt's outcome and the clock: what happens to a
delivery next (done, given up, or tried again when)."""

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from app.webhooks.models import DeliveryStatus

# Statuses whose Retry-After says when the receiver can take the delivery again.
HONOURS_RETRY_AFTER = (429, 503)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter: the n-th retry waits a random time between half and
    all of `base * 2**(n-1)`, capped at `cap`; retries go on until `window` has passed since
    the event was created (the last one at the window's end)."""

    base: timedelta
    cap: timedelta
    window: timedelta

    def backoff(self, attempts: int, rng: random.Random) -> timedelta:
        """The wait after `attempts` failed attempts (1 or more)."""
        ceiling = min(self.cap.total_seconds(), self.base.total_seconds() * 2 ** (attempts - 1))
        # Jitter spreads the retries of many deliveries that failed together (an outage).
        return timedelta(seconds=rng.uniform(ceiling / 2, ceiling))


@dataclass(frozen=True)
class Outcome:
    """What one attempt got back: a status (and Retry-After), or no answer at all."""

    status_code: int | None
    retry_after: str | None = None


@dataclass(frozen=True)
class Decision:
    status: DeliveryStatus
    next_attempt_at: datetime | None = None
    disable_endpoint: bool = False
    reason: str = ""


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """The wait a Retry-After header asks for (delay-seconds or an HTTP date), or None if it
    is missing or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def decide(
    policy: RetryPolicy,
    outcome: Outcome,
    attempts: int,
    created_at: datetime,
    now: datetime,
    rng: random.Random,
) -> Decision:
    """What to do after the `attempts`-th attempt (counting this one) of a delivery whose
    event was created at `created_at`."""
    code = outcome.status_code
    if code is not None and 200 <= code < 300:
        return Decision(DeliveryStatus.succeeded)
    if code == 410:
        return Decision(DeliveryStatus.failed, disable_endpoint=True, reason="410 Gone")
    deadline = created_at + policy.window
    if now >= deadline:
        return Decision(DeliveryStatus.failed, reason="retry window passed")
    asked = retry_after_seconds(outcome.retry_after, now) if code in HONOURS_RETRY_AFTER else None
    if asked is not None:
        # The receiver said when; never sooner than the base, so "Retry-After: 0" cannot spin.
        wait = max(asked, policy.base.total_seconds())
        if wait > (deadline - now).total_seconds():
            return Decision(DeliveryStatus.failed, reason="Retry-After is past the retry window")
        return Decision(DeliveryStatus.pending, now + timedelta(seconds=wait))
    return Decision(DeliveryStatus.pending, min(now + policy.backoff(attempts, rng), deadline))
