"""The retry policy as plain functions: sent, bounced (and whether the address is marked), or
tried again with backoff until the window ends."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from app.mail.models import MailStatus
from app.mail.policy import Decision, Reply, Stage, decide
from app.ops.background import RetryPolicy

POLICY = RetryPolicy(base=timedelta(seconds=60), cap=timedelta(hours=1), window=timedelta(hours=48))
CREATED = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def _decide(outcome: Reply, attempts: int = 1, after: timedelta = timedelta(0)) -> Decision:
    return decide(POLICY, outcome, attempts, CREATED, CREATED + after, random.Random(1))


def test_taken_is_sent() -> None:
    assert _decide(Reply(250, Stage.done)).status is MailStatus.sent


@pytest.mark.parametrize(
    ("outcome", "marked"),
    [
        (Reply(550, Stage.recipient, "5.1.1 no such user"), True),
        (Reply(553, Stage.recipient, "mailbox name not allowed"), True),
        (Reply(550, Stage.data, "mailbox unavailable"), True),
        (Reply(552, Stage.data, "5.2.2 mailbox full"), True),
        (Reply(554, Stage.data, "5.7.1 rejected by policy"), False),
        (Reply(552, Stage.data, "5.3.4 message too big"), False),
    ],
)
def test_a_5xx_to_the_recipient_or_the_message_bounces(outcome: Reply, marked: bool) -> None:
    decision = _decide(outcome)
    assert decision.status is MailStatus.bounced
    assert decision.address_bouncing is marked
    assert decision.next_attempt_at is None


@pytest.mark.parametrize(
    "outcome",
    [
        Reply(451, Stage.recipient, "4.3.0 try later"),
        Reply(421, Stage.connect, "service not available"),
        Reply(452, Stage.data, "insufficient storage"),
        Reply(None, Stage.connect),
        # Our side's to fix (sender, credentials, TLS): tried again, never a bounce.
        Reply(550, Stage.sender, "5.7.1 sender not allowed"),
        Reply(535, Stage.connect, "5.7.8 bad credentials"),
    ],
)
def test_anything_else_is_tried_again_with_backoff(outcome: Reply) -> None:
    first = _decide(outcome, attempts=1)
    assert first.status is MailStatus.pending
    assert first.next_attempt_at is not None
    assert timedelta(seconds=30) <= first.next_attempt_at - CREATED <= timedelta(seconds=60)
    later = _decide(outcome, attempts=10)
    assert later.next_attempt_at is not None
    assert later.next_attempt_at - CREATED <= timedelta(hours=1)


def test_the_last_retry_is_at_the_end_of_the_window_then_it_is_given_up() -> None:
    outcome = Reply(451, Stage.recipient)
    near_end = _decide(outcome, attempts=20, after=timedelta(hours=47, minutes=59))
    assert near_end.next_attempt_at == CREATED + POLICY.window
    over = _decide(outcome, attempts=21, after=POLICY.window)
    assert over.status is MailStatus.failed
