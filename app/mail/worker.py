"""The mail worker: a thread per API process hands what the outbox holds to the SMTP server
once it is due, keeps every attempt, and schedules the next by the retry policy.

SMTP is spoken with aiosmtplib, whose coroutines run under `asyncio.run` in this worker's own
thread (or a test's): never on the API's event loop, so a slow or dead mail server holds up
no request. Processes sharing one database never send the same attempt twice: each message is
claimed with a lease (compare-and-set) before it is sent, and all state lives in the
database, so a restart loses nothing (a message held by a process that died is taken up when
its lease ends).

A permanent refusal of the recipient or the message (5xx to RCPT or DATA) bounces the message
and marks the address; a message to an address marked bouncing or unsubscribed since it was
queued, or to a partner put on a do-not-ask hold since, is given up without an attempt.
Without SMTP_HOST nothing is sent: mail stays queued, and the worker says so once in the log.
"""

import asyncio
import dataclasses
import logging
import random
import ssl
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage

import aiosmtplib
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import Database
from app.mail import outbox, repository
from app.mail.models import MailStatus, MailSuppression, SuppressionReason
from app.mail.policy import Decision, Reply, Stage, decide
from app.mail.repository import Claimed, Moved
from app.ops.background import OutboxWorker, RetryPolicy
from app.ops.jobs import Background
from app.types import utcnow

log = logging.getLogger(__name__)

#: What the server said, kept at most this long (its words: the operator's own relay).
REPLY_CHARS = 300


def _said(text: str) -> str:
    """A server's reply, one line, printable, short."""
    printable = "".join(c if c.isprintable() else " " for c in text)
    return " ".join(printable.split())[:REPLY_CHARS]


def describe(exc: BaseException) -> tuple[Reply, str]:
    """The outcome of an attempt that raised, and why it failed in words."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused) and exc.recipients:
        exc = exc.recipients[0]
    if isinstance(exc, aiosmtplib.SMTPRecipientRefused):
        stage = Stage.recipient
    elif isinstance(exc, aiosmtplib.SMTPDataError):
        stage = Stage.data
    elif isinstance(exc, aiosmtplib.SMTPSenderRefused):
        stage = Stage.sender
    else:
        stage = Stage.connect
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        reply = _said(exc.message)
        what = {
            Stage.recipient: "the recipient",
            Stage.data: "the message",
            Stage.sender: "the sender (MAIL_FROM)",
        }.get(stage)
        if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
            what = "the credentials (SMTP_USERNAME, SMTP_PASSWORD)"
        said = f"{exc.code} {reply}".strip()
        return Reply(exc.code, stage, reply), (f"refused {what}: {said}" if what else said)
    return Reply(None, Stage.connect), _no_reply(exc)


def _no_reply(exc: BaseException) -> str:
    if isinstance(exc, aiosmtplib.SMTPConnectTimeoutError):
        return "timed out connecting to the mail server"
    if isinstance(exc, aiosmtplib.SMTPTimeoutError | TimeoutError):
        return "timed out waiting for the mail server"
    if isinstance(exc, aiosmtplib.SMTPConnectError):
        return "could not connect to the mail server"
    if isinstance(exc, aiosmtplib.SMTPServerDisconnected):
        return "the mail server closed the connection"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return "the mail server's TLS certificate is not valid for it"
    if isinstance(exc, ssl.SSLError):
        return "the TLS handshake with the mail server failed"
    if isinstance(exc, aiosmtplib.SMTPNotSupported):
        # STARTTLS or AUTH asked of a server that does not offer it.
        return f"the mail server does not support what the settings ask: {_said(str(exc))}"
    if isinstance(exc, aiosmtplib.SMTPException):  # the client's own words, not the server's
        return f"SMTP failed: {_said(exc.message)}"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused by the mail server"
    if isinstance(exc, OSError):
        return "could not reach the mail server"
    return f"sending failed ({type(exc).__name__})"


#: What a claim reads: the message, whatever bars its address (bouncing, unsubscribed), and
#: why its partner may not be mailed today (a do-not-ask hold), if so.
Taken = tuple[Claimed, dict[str, list[MailSuppression]], str | None]

#: Why no mail may go to an organization today (its id, read in the claim's transaction), or
#: None; told by the domain that keeps holds (`app.workers` wires it), as mail knows none.
Withheld = Callable[[Session, int], str | None]


class MailWorker(OutboxWorker[Taken]):
    """Sends due mail. `send_due` is one pass (tests call it with their own clock); `start`
    runs passes in a thread (a Poller) every `mail_poll_seconds`, or sooner when a commit
    queued mail."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
        batch: int = 20,
        on_attempt: Callable[[str], None] | None = None,
        withheld: Withheld | None = None,
    ) -> None:
        self.withheld = withheld
        # One whole conversation (connect, STARTTLS, AUTH, envelope, data) is bounded by a few
        # timeouts; the lease outlasts it, so it only runs out under a worker that died.
        self.send_timeout = 4 * settings.smtp_timeout_seconds
        # Told of each attempt kept: "sent", "retry", "bounced" or "failed".
        super().__init__(
            db,
            "mail-outbox",
            work=self.send_due,
            every=settings.mail_poll_seconds,
            batch=batch,
            lease=timedelta(seconds=self.send_timeout + 30),
            policy=RetryPolicy(
                base=timedelta(seconds=settings.mail_retry_base_seconds),
                cap=timedelta(seconds=settings.mail_retry_max_seconds),
                window=timedelta(hours=settings.mail_retry_window_hours),
            ),
            wakers=outbox.WAKERS,
            clock=clock,
            rng=rng,
            on_attempt=on_attempt,
        )
        self.settings = settings
        self._said_unset = False

    # One pass

    def send_due(self, now: datetime | None = None) -> int:
        """Claim and send the messages due at `now` (default: the clock), up to one batch;
        answers how many were taken (sent, tried, or given up)."""
        if self.settings.smtp_host is None:
            self._say_unset()
            return 0
        return self.run_pass(now)

    def due(self, session: Session, now: datetime, limit: int) -> list[int]:
        return repository.due(session, now, limit)

    def claim(self, session: Session, id_: int, now: datetime, until: datetime) -> Taken | None:
        claimed = repository.claim(session, id_, now, until)
        if claimed is None:
            return None
        # Read with the claim: mail queued before an unsubscribe, a bounce or a do-not-ask
        # hold does not go.
        # Only mail to a partner's contact: mail about a partner to a person (a hold about to
        # lapse, to the convener who set it) is not the partner's to refuse.
        held = None
        partner = claimed.organization_id if claimed.contact_id is not None else None
        if self.withheld is not None and partner is not None:
            held = self.withheld(session, partner)
        return claimed, outbox.standing(session, [claimed.to_address]), held

    def attempt(self, taken: Taken, now: datetime | None) -> None:
        claimed, barred, held = taken
        rows = barred.get(outbox.normalized(claimed.to_address))
        if rows:
            why = f"not sent: {claimed.to_address} is {outbox.in_words(rows[0])}"
            self._give_up(claimed, why, now)
            return
        if held is not None:
            self._give_up(claimed, f"not sent: {held}", now)
            return
        try:
            message = outbox.build(dataclasses.asdict(claimed), self.settings.mail_from)
        except outbox.Unmailable as exc:  # queued before a check that refuses it
            self._give_up(claimed, f"not sent: {exc.reason}", now)
        else:
            self._attempt(claimed, message, now)

    def _say_unset(self) -> None:
        if self._said_unset:
            return
        self._said_unset = True
        with self.db.sessionmaker() as session:
            waiting = repository.queue_depth(session)[MailStatus.pending.value]
        log.warning(
            "SMTP_HOST is not set: mail is kept in the outbox, not sent (%d waiting)", waiting
        )

    def _give_up(self, claimed: Claimed, why: str, now: datetime | None) -> None:
        at = now or self.clock()
        moved = Moved(MailStatus.failed, None, None, why[:500], self._struck(claimed, False))
        with self.db.sessionmaker.begin() as session:
            # No attempt (none was made, so none is counted in the metrics either).
            repository.record_attempt(session, claimed, None, moved)
        log.info("mail %s given up at %s: %s", claimed.id, at.isoformat(), why)

    def _attempt(self, claimed: Claimed, message: EmailMessage, now: datetime | None) -> None:
        started = now or self.clock()
        start = time.perf_counter()
        outcome, error = self.send(message, claimed.to_address)
        duration = (time.perf_counter() - start) * 1000
        finished = now or self.clock()
        attempt = claimed.attempt_count + 1
        decision = decide(self.policy, outcome, attempt, claimed.created_at, finished, self.rng)
        done = decision.status is not MailStatus.pending
        moved = Moved(
            decision.status,
            decision.next_attempt_at,
            finished if decision.status is MailStatus.sent else None,
            error,
            self._struck(claimed, decision.status is MailStatus.sent) if done else None,
        )
        with self.db.sessionmaker.begin() as session:
            recorded = repository.record_attempt(
                session,
                claimed,
                {
                    "attempted_at": started,
                    "smtp_code": outcome.code,
                    "error": error,
                    "duration_ms": round(duration, 2),
                },
                moved,
            )
            if recorded and decision.address_bouncing:
                repository.suppress(
                    session,
                    outbox.normalized(claimed.to_address),
                    SuppressionReason.bouncing,
                    contact_id=claimed.contact_id,
                    message_id=claimed.id,
                    detail=error,
                    at=finished,
                )
        self._report(claimed, decision, recorded, attempt, error)

    def _report(
        self, claimed: Claimed, decision: Decision, recorded: bool, attempt: int, error: str | None
    ) -> None:
        if not recorded:
            # Taken over after the lease ran out, or deleted with its contact.
            log.warning("mail %s changed while being sent; attempt not kept", claimed.id)
            return
        if self.on_attempt is not None:
            outcome = {MailStatus.pending: "retry"}.get(decision.status, decision.status.value)
            self.on_attempt(outcome)
        if decision.status is MailStatus.bounced:
            log.warning(
                "mail %s bounced%s: %s",
                claimed.id,
                " (address marked bouncing)" if decision.address_bouncing else "",
                error,
            )
        elif decision.status is MailStatus.failed:
            log.warning(
                "mail %s failed after %d attempts (%s): %s",
                claimed.id,
                attempt,
                decision.reason,
                error,
            )

    @staticmethod
    def _struck(claimed: Claimed, sent: bool) -> dict[str, object]:
        return outbox.strike(
            claimed.secrets, claimed.text_body, claimed.html_body, claimed.headers, sent=sent
        )

    def send(self, message: EmailMessage, recipient: str) -> tuple[Reply, str | None]:
        """Hand `message` for `recipient` to the SMTP server, in a loop of this thread's own;
        never raises. The outcome, and why it failed (None: it was taken)."""
        try:
            reply = asyncio.run(self._smtp(message, recipient))
        except Exception as exc:  # any failure to get the message taken is a failed attempt
            outcome, why = describe(exc)
            return outcome, why[:500]
        return Reply(250, Stage.done, _said(reply)), None

    async def _smtp(self, message: EmailMessage, recipient: str) -> str:
        s = self.settings
        password = s.smtp_password.get_secret_value() if s.smtp_password is not None else None
        client = aiosmtplib.SMTP(
            hostname=s.smtp_host,
            port=s.smtp_port,
            start_tls=False,
            cert_bundle=str(s.smtp_ca_file) if s.smtp_ca_file else None,
            timeout=s.smtp_timeout_seconds,
        )
        # Step by step, not `aiosmtplib.send`: a STARTTLS or a login refused inside its
        # connect closed the TLS connection gracefully, the goodbye waited on the server, this
        # loop ended first, and the socket was left to the garbage collector, one per refused
        # attempt. Here every step runs after the connection is made, and whatever happens
        # the connection is aborted at the end (after QUIT when the message was taken).
        try:
            async with asyncio.timeout(self.send_timeout):
                await client.connect()
                if s.smtp_starttls:  # required: a server that does not offer it gets nothing
                    await client.starttls()
                if s.smtp_username is not None and password is not None:
                    await client.login(s.smtp_username, password)
                _, reply = await client.send_message(message, recipients=[recipient])
                try:
                    await client.execute_command(b"QUIT")
                except aiosmtplib.SMTPException:
                    pass  # taken already: a server that drops the QUIT changes nothing
            return reply
        finally:
            if isinstance(client.transport, asyncio.Transport):
                client.transport.abort()
            client.close()


def register(
    background: Background,
    db: Database,
    settings: Settings,
    on_attempt: Callable[[str], None] | None = None,
    withheld: Withheld | None = None,
) -> None:
    """This outbox's worker, run with the rest of the background work (unless MAIL_WORKER is
    off); `on_attempt` is told of each attempt kept (the metrics), `withheld` says which
    partners may not be mailed today."""
    if settings.mail_worker:
        background.add(MailWorker(db, settings, on_attempt=on_attempt, withheld=withheld))
