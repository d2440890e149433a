"""The mail that carries an invitation or a password reset link to a person: what it says.
Queued in the transaction that makes the link (app.mail.outbox), so a refused or rolled-back
invitation mails nothing; the link is struck from the stored message once it is out."""

from datetime import datetime

from sqlalchemy.orm import Session

from app.auth.models import Role
from app.mail import outbox
from app.mail.models import MailKind
from app.mail.templates import render

#: What each role may do, as the invitation says it.
ROLE_MEANS = {
    Role.viewer: "you can read every page, and change nothing.",
    Role.recruiter: "you can write needs, record asks and interviews, and read everything.",
    Role.convener: "you can write partners, contacts, programs, holds, links and plans, "
    "invite colleagues, and do what recruiters do.",
    Role.admin: "you can do everything, API keys, webhooks and people included.",
}
INVITATION_SUBJECT = "{inviter} invites you to Partner Match"
RESET_SUBJECT = "Choose a new Partner Match password"


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else "there"


def when(at: datetime) -> str:
    return f"{at.day} {at:%B %Y} at {at:%H:%M} UTC"


def invitation(
    session: Session,
    *,
    to: str,
    name: str,
    role: Role,
    inviter: str,
    url: str,
    expires_at: datetime,
    mail_from: str,
) -> outbox.Queued:
    """Queue an invitation to `to`. Raises outbox.Unmailable when the address cannot be
    mailed (the format refuses it, it is bouncing, or its owner unsubscribed)."""
    why = outbox.refusal(session, to)
    if why is not None:
        raise outbox.Unmailable(why)
    inviter = outbox.one_line(inviter)
    subject = INVITATION_SUBJECT.format(inviter=inviter)
    context = {
        "subject": subject,
        "first_name": first_name(name),
        "inviter": inviter,
        "role": role.value,
        "role_means": ROLE_MEANS[role],
        "url": url,
        "expires_on": when(expires_at),
        "to_address": to,
    }
    return outbox.queue(
        session,
        kind=MailKind.invitation,
        to=outbox.Recipient(to, name),
        subject=subject,
        template="invitation",
        context=context,
        secrets=[url],
        mail_from=mail_from,
        created_by=inviter,
    )


def _reset_context(to: str, name: str, url: str, expires_at: datetime) -> dict[str, str]:
    return {
        "subject": RESET_SUBJECT,
        "first_name": first_name(name),
        "url": url,
        "expires_on": when(expires_at),
        "to_address": to,
    }


def reset(
    session: Session, *, to: str, name: str, url: str, expires_at: datetime, mail_from: str
) -> outbox.Queued:
    """Queue a password reset mail to `to` (outbox.Unmailable as for an invitation)."""
    why = outbox.refusal(session, to)
    if why is not None:
        raise outbox.Unmailable(why)
    return outbox.queue(
        session,
        kind=MailKind.password_reset,
        to=outbox.Recipient(to, name),
        subject=RESET_SUBJECT,
        template="password_reset",
        context=_reset_context(to, name, url, expires_at),
        secrets=[url],
        mail_from=mail_from,
    )


def compose_reset_only(to: str, url: str, expires_at: datetime) -> None:
    """Render a reset mail and keep nothing: what an unknown address costs, so that asking
    for one takes about as long as for a known address."""
    render("password_reset", _reset_context(to, "", url, expires_at))
