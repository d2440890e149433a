"""The retry policy as plain functions: sent, bounced (and whether the address is marked), or
tried again with backoff until the window ends."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from app.mail.models import MailStatus
from app.mail.policy import Decision, Outcome, Stage, decide
from app.ops.background import RetryPolicy

POLICY = RetryPolicy(base=timedelta(seconds=60), cap=timedelta(hours=1), window=timedelta(hours=48))
CREATED = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def _decide(outcome: Outcome, attempts: int = 1, after: timedelta = timedelta(0)) -> Decision:
    return decide(POLICY, outcome, attempts, CREATED, CREATED + after, random.Random(1))


def test_taken_is_sent() -> None:
    assert _decide(Outcome(250, Stage.done)).status is MailStatus.sent


@pytest.mark.parametrize(
    ("outcome", "marked"),
    [
        (Outcome(550, Stage.recipient, "5.1.1 no such user"), True),
        (Outcome(553, Stage.recipient, "mailbox name not allowed"), True),
        (Outcome(550, Stage.data, "mailbox unavailable"), True),
        (Outcome(552, Stage.data, "5.2.2 mailbox full"), True),
        (Outcome(554, Stage.data, "5.7.1 rejected by policy"), False),
        (Outcome(552, Stage.data, "5.3.4 message too big"), False),
    ],
)
def test_a_5xx_to_the_recipient_or_the_message_bounces(outcome: Outcome, marked: bool) -> None:
    decision = _decide(outcome)
    assert decision.status is MailStatus.bounced
    assert decision.address_bouncing is marked
    assert decision.next_attempt_at is None


@pytest.mark.parametrize(
    "outcome",
    [
        Outcome(451, Stage.recipient, "4.3.0 try later"),
        Outcome(421, Stage.connect, "service not available"),
        Outcome(452, Stage.data, "insufficient storage"),
        Outcome(None, Stage.connect),
        # Our side's to fix (sender, credentials, TLS): tried again, never a bounce.
        Outcome(550, Stage.sender, "5.7.1 sender not allowed"),
        Outcome(535, Stage.connect, "5.7.8 bad credentials"),
    ],
)
def test_anything_else_is_tried_again_with_backoff(outcome: Outcome) -> None:
    first = _decide(outcome, attempts=1)
    assert first.status is MailStatus.pending
    assert first.next_attempt_at is not None
    assert timedelta(seconds=30) <= first.next_attempt_at - CREATED <= timedelta(seconds=60)
    later = _decide(outcome, attempts=10)
    assert later.next_attempt_at is not None
    assert later.next_attempt_at - CREATED <= timedelta(hours=1)


def test_the_last_retry_is_at_the_end_of_the_window_then_it_is_given_up() -> None:
    outcome = Outcome(451, Stage.recipient)
    near_end = _decide(outcome, attempts=20, after=timedelta(hours=47, minutes=59))
    assert near_end.next_attempt_at == CREATED + POLICY.window
    over = _decide(outcome, attempts=21, after=POLICY.window)
    assert over.status is MailStatus.failed
