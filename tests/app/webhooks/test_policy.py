"""The retry policy on its own: backoff, Retry-After, 410 and the retry window."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from app.ops.background import RetryPolicy
from app.webhooks.models import DeliveryStatus
from app.webhooks.policy import Answer, Decision, decide, retry_after_seconds

T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
POLICY = RetryPolicy(
    base=timedelta(seconds=5), cap=timedelta(seconds=3600), window=timedelta(hours=24)
)


def test_backoff_doubles_with_jitter_up_to_the_cap() -> None:
    rng = random.Random(1)
    for attempts, ceiling in [(1, 5), (2, 10), (3, 20), (8, 640), (12, 3600), (40, 3600)]:
        waits = [POLICY.backoff(attempts, rng).total_seconds() for _ in range(50)]
        assert all(ceiling / 2 <= w <= ceiling for w in waits)
        assert len(set(waits)) > 1  # jittered, not all alike


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("Mon, 23 Nov 2026 12:01:30 GMT", 90.0),
        ("Mon, 23 Nov 2026 11:00:00 GMT", 0.0),  # already past
        ("soon", None),
        ("-5", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_reads_seconds_or_an_http_date(header: str | None, seconds: float) -> None:
    assert retry_after_seconds(header, T0) == seconds


def _first(outcome: Answer) -> Decision:
    return decide(POLICY, outcome, 1, T0, T0, random.Random(0))


def test_2xx_succeeds_and_410_gives_up_and_disables() -> None:
    assert _first(Answer(200)).status is DeliveryStatus.succeeded
    assert _first(Answer(299)).status is DeliveryStatus.succeeded
    gone = _first(Answer(410))
    assert gone.status is DeliveryStatus.failed
    assert gone.disable_endpoint


@pytest.mark.parametrize("code", [None, 301, 400, 404, 429, 500, 503])
def test_anything_else_is_retried_with_backoff(code: int | None) -> None:
    decision = decide(POLICY, Answer(code), 3, T0, T0, random.Random(0))
    assert decision.status is DeliveryStatus.pending
    assert decision.next_attempt_at is not None
    assert T0 + timedelta(seconds=10) <= decision.next_attempt_at <= T0 + timedelta(seconds=20)
    assert not decision.disable_endpoint


@pytest.mark.parametrize("code", [429, 503])
def test_retry_after_is_honoured_on_429_and_503(code: int) -> None:
    assert _first(Answer(code, "600")).next_attempt_at == T0 + timedelta(seconds=600)
    # Never sooner than the base, so a receiver saying 0 cannot make the worker spin.
    zero = _first(Answer(code, "0"))
    assert zero.next_attempt_at == T0 + POLICY.base


def test_retry_after_on_a_500_is_ignored() -> None:
    decision = _first(Answer(500, "600"))
    assert decision.next_attempt_at is not None
    assert decision.next_attempt_at <= T0 + timedelta(seconds=5)


def test_the_window_ends_retries_with_a_last_try_at_its_end() -> None:
    late = T0 + timedelta(hours=23, minutes=50)
    last = decide(POLICY, Answer(500), 30, T0, late, random.Random(0))
    assert last.next_attempt_at == T0 + POLICY.window  # the backoff would go past it
    over = decide(POLICY, Answer(500), 31, T0, T0 + POLICY.window, random.Random(0))
    assert over.status is DeliveryStatus.failed
    assert over.next_attempt_at is None
    beyond = decide(POLICY, Answer(429, "86400"), 2, T0, late, random.Random(0))
    assert beyond.status is DeliveryStatus.failed
