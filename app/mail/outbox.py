"""The mail outbox: `queue` writes a message in the caller's transaction (a write rolled back
sends nothing), and the mail workers of this process are woken when it commits. A domain
composes its own mail (what it says, to whom) and hands it here; this module knows none.

Addresses a server refused for good, or whose owner unsubscribed, are kept apart
(`standing`): callers ask `refusal` before queueing, and the worker asks again before it
sends, so mail queued before an unsubscribe or a bounce does not go either.
"""

import hashlib
import secrets as token_source
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any
from uuid import uuid4

from markupsafe import escape  # as the templates escape (Jinja)
from sqlalchemy.orm import Session

from app.mail import repository
from app.mail.models import MailKind, MailStatus, MailSuppression, SuppressionReason
from app.mail.templates import render
from app.ops.background import Wakers
from app.types import utcnow

#: What stands in a message's stored bodies for a secret once it is out (see `strike`).
STRUCK = {True: "(link sent; not kept)", False: "(link not sent; not kept)"}
#: The unsubscribe page of a message: its token in the place of a partner link's, so the
#: access log masks it the same way (app.ops.logs).
UNSUBSCRIBE_PATH = "/p/{token}/unsubscribe"
TOKEN_BYTES = 32

#: The mail workers of this process, woken by a commit that queued mail.
WAKERS = Wakers()
add_waker = WAKERS.add
remove_waker = WAKERS.remove


class Unmailable(Exception):
    """This message cannot be sent to this address; `reason` says why, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Recipient:
    address: str
    name: str = ""
    contact_id: int | None = None
    organization_id: int | None = None


@dataclass(frozen=True)
class Queued:
    id: int
    status: MailStatus
    to: str


def normalized(address: str) -> str:
    """An address as suppressions are kept and looked up."""
    return address.strip().lower()


def one_line(text: str) -> str:
    """`text` fit for a header: its runs of white space, line breaks included, made one space
    (a name from a CRM import never adds a header)."""
    return " ".join(text.split())


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def standing(session: Session, addresses: Iterable[str]) -> dict[str, list[MailSuppression]]:
    """The suppressions of each address that has any, by normalized address."""
    found: dict[str, list[MailSuppression]] = {}
    for row in repository.suppressions(session, (normalized(a) for a in addresses if a)):
        found.setdefault(row.address, []).append(row)
    return found


def in_words(row: MailSuppression) -> str:
    """Why an address is not mailed, since when."""
    when = f"{row.created_at:%d %b %Y}"
    if row.reason is SuppressionReason.bouncing:
        why = f": {row.detail}" if row.detail else ""
        return f"bouncing since {when} (a mail server refused it for good{why})"
    return f"unsubscribed on {when} (its owner asked for no more mail)"


def refusal(session: Session, address: str) -> str | None:
    """Why `address` may not be mailed, in words (None: it may)."""
    rows = standing(session, [address]).get(normalized(address), [])
    return f"{address} is {in_words(rows[0])}" if rows else None


def queue(
    session: Session,
    *,
    kind: MailKind,
    to: Recipient,
    subject: str,
    template: str,
    context: dict[str, Any],
    secrets: Sequence[str] = (),
    mail_from: str,
    unsubscribe_base: str | None = None,
    created_by: str | None = None,
) -> Queued:
    """Write a message to `to` from template pair `template` in the session's transaction,
    due at once; the mail workers of this process are woken when the transaction commits.

    `secrets` are strings of the context that open something (a link's address): struck from
    the stored message once it is out. With `unsubscribe_base` (the site's address) the
    message gets an unsubscribe page of its own, named in `List-Unsubscribe` (one-click, RFC
    8058) and given to the templates as `unsubscribe_url`. `mail_from` (MAIL_FROM) names the
    domain of the Message-ID. Raises Unmailable for an address no message can carry."""
    address = to.address.strip()
    now = utcnow()
    headers: dict[str, str] = {}
    token_hash = None
    context = dict(context)
    kept_secrets = list(secrets)
    if unsubscribe_base is not None:
        token = token_source.token_urlsafe(TOKEN_BYTES)
        token_hash = digest(token)
        url = unsubscribe_base.rstrip("/") + UNSUBSCRIBE_PATH.format(token=token)
        headers["List-Unsubscribe"] = f"<{url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        context["unsubscribe_url"] = url
        kept_secrets.append(url)
    text, html = render(template, context)
    values = {
        "kind": kind.value,
        "to_address": address,
        "to_name": one_line(to.name)[:255],
        "contact_id": to.contact_id,
        "organization_id": to.organization_id,
        "subject": one_line(subject)[:500],
        "text_body": text,
        "html_body": html,
        "headers": headers,
        "message_id_header": f"<{uuid4().hex}@{_domain(mail_from)}>",
        "created_by": created_by,
        "unsubscribe_token_hash": token_hash,
        "secrets": kept_secrets or None,
        "status": MailStatus.pending.value,
        "attempt_count": 0,
        "next_attempt_at": now,
        "created_at": now,
    }
    # Built once now, so a message that cannot be (an address the mail format refuses) is
    # refused to the caller rather than failing in the worker.
    build(values, mail_from)
    id_ = repository.add_message(session, values)
    # This session only, once: a rolled-back transaction wakes no one.
    WAKERS.after_commit(session)
    return Queued(id_, MailStatus.pending, address)


def _domain(mail_from: str) -> str:
    return mail_from.rsplit("@", 1)[-1].rstrip(">").strip() or "localhost"


def build(message: Mapping[str, Any], mail_from: str) -> EmailMessage:
    """The MIME message for an outbox row's values: text and HTML alternatives, its own
    headers, From as MAIL_FROM says. Raises Unmailable when the address or a header cannot
    be written."""
    mail = EmailMessage()
    try:
        mail["From"] = mail_from
        mail["To"] = Address(display_name=message["to_name"], addr_spec=message["to_address"])
        mail["Subject"] = message["subject"]
        mail["Date"] = format_datetime(message["created_at"])
        mail["Message-ID"] = message["message_id_header"]
        for name, value in (message.get("headers") or {}).items():
            mail[name] = value
    except (ValueError, TypeError, IndexError, MessageError) as exc:  # the email package's
        raise Unmailable(f"the address {message['to_address']!r} cannot be mailed ({exc})") from exc
    mail.set_content(message["text_body"])
    if message.get("html_body"):
        mail.add_alternative(message.get("html_body"), subtype="html")
    return mail


def strike(
    secrets: Sequence[str] | None,
    text_body: str,
    html_body: str | None,
    headers: dict[str, str],
    *,
    sent: bool,
) -> dict[str, Any]:
    """The stored parts of a message that is out, with its secrets struck.

    Once a message has been handed over (or given up) nothing needs its links again: the
    partner has them in the mail, and the service keeps only the digest of a link's token.
    Kept in the outbox, a body would be a working partner link at rest in the database, in
    every backup of it, and readable by whoever reads mail rows. The subject, the recipient
    and the status stay, so the partner page can say what was sent to whom."""
    placeholder = STRUCK[sent]
    found = list(secrets or ())

    def clean(value: str, *, html: bool = False) -> str:
        for secret in found:
            value = value.replace(secret, placeholder)
            if html:
                value = value.replace(str(escape(secret)), str(escape(placeholder)))
        return value

    return {
        "text_body": clean(text_body),
        "html_body": clean(html_body, html=True) if html_body is not None else None,
        "headers": {name: clean(value) for name, value in headers.items()},
        "secrets": None,
    }


def unsubscribe(session: Session, token: str, at: datetime) -> tuple[str, bool] | None:
    """Unsubscribe the address the message with unsubscribe `token` went to: (the address,
    whether this call did it). None: no message has that token."""
    row = repository.find_by_unsubscribe_token(session, digest(token))
    if row is None:
        return None
    done = repository.suppress(
        session,
        normalized(row.to_address),
        SuppressionReason.unsubscribed,
        contact_id=row.contact_id,
        message_id=row.id,
        detail=None,
        at=at,
    )
    return row.to_address, done
