"""What an SMTP attempt's outcome means for its message, as plain functions of the outcome
and the clock: sent, refused for good (a bounce), or tried again when."""

import random
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.mail.models import MailStatus
from app.ops.background import RetryPolicy


class Stage(StrEnum):
    """The step of the SMTP conversation an answer came at."""

    connect = "connect"  # connecting, the greeting, EHLO, STARTTLS, AUTH
    sender = "sender"  # MAIL FROM
    recipient = "recipient"  # RCPT TO
    data = "data"  # DATA and the message itself
    done = "done"


# RFC 3463 enhanced status codes: x.1.x addressing, x.2.x the mailbox. A 5xx after DATA with
# another class (x.3 system, x.4 network, x.5 protocol, x.6 content, x.7 policy) refuses this
# message, not the address: the message bounces, the address is not marked.
_ENHANCED = re.compile(r"^\s*([245])\.(\d{1,3})\.\d{1,3}\b")


@dataclass(frozen=True)
class Reply:
    """What one attempt got: the server's reply code and where in the conversation, or no
    reply at all (`code` None: no connection, a timeout, the connection dropped)."""

    code: int | None
    stage: Stage
    reply: str = ""


@dataclass(frozen=True)
class Decision:
    status: MailStatus
    next_attempt_at: datetime | None = None
    # The address is marked bouncing: no more mail goes to it.
    address_bouncing: bool = False
    reason: str = ""


def is_about_the_address(outcome: Reply) -> bool:
    """Whether a permanent refusal says the address itself does not take mail."""
    if outcome.stage is Stage.recipient:
        return True
    found = _ENHANCED.match(outcome.reply)
    return found is None or found.group(2) in ("1", "2")


def decide(
    policy: RetryPolicy,
    outcome: Reply,
    attempts: int,
    created_at: datetime,
    now: datetime,
    rng: random.Random,
) -> Decision:
    """What to do after the `attempts`-th attempt (counting this one) of a message queued at
    `created_at`.

    A 2xx at the end is sent. A 5xx to the recipient or to the message (RCPT, DATA) is a
    refusal for good: the message bounces, and the address is marked when the refusal is
    about it. Anything else (a 4xx, no reply, a 5xx before RCPT: to our sender, our
    credentials, TLS, which an operator can fix) is tried again with backoff until the
    window ends.
    """
    code = outcome.code
    if code is not None and 200 <= code < 300 and outcome.stage is Stage.done:
        return Decision(MailStatus.sent)
    if code is not None and 500 <= code < 600 and outcome.stage in (Stage.recipient, Stage.data):
        return Decision(
            MailStatus.bounced,
            address_bouncing=is_about_the_address(outcome),
            reason="refused by the mail server",
        )
    later = policy.next_attempt(attempts, created_at, now, rng)
    if later is None:
        return Decision(MailStatus.failed, reason="retry window passed")
    return Decision(MailStatus.pending, later)
