"""The retry policy, as plain functions of an attempt's outcome and the clock: what happens to a
delivery next (done, given up, or tried again when). The backoff is the one every outbox uses
(app.ops.background.RetryPolicy); what an answer means is the webhooks' own."""

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from app.ops.background import RetryPolicy
from app.webhooks.models import DeliveryStatus

# Statuses whose Retry-After says when the receiver can take the delivery again.
HONOURS_RETRY_AFTER = (429, 503)


@dataclass(frozen=True)
class Answer:
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
    outcome: Answer,
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
    deadline = policy.deadline(created_at)
    if now >= deadline:
        return Decision(DeliveryStatus.failed, reason="retry window passed")
    asked = retry_after_seconds(outcome.retry_after, now) if code in HONOURS_RETRY_AFTER else None
    if asked is not None:
        # The receiver said when; never sooner than the base, so "Retry-After: 0" cannot spin.
        wait = max(asked, policy.base.total_seconds())
        if wait > (deadline - now).total_seconds():
            return Decision(DeliveryStatus.failed, reason="Retry-After is past the retry window")
        return Decision(DeliveryStatus.pending, now + timedelta(seconds=wait))
    return Decision(DeliveryStatus.pending, policy.retry_at(attempts, now, deadline, rng))
