"""The mail that carries a partner link to its contact: what it says, and when it may not be
sent (no address, an address that is bouncing or unsubscribed, or a partner on a do-not-ask
hold). Queued in the transaction that makes the link, so a link refused or rolled back mails
nothing."""

from datetime import datetime
from typing import NamedTuple

from sqlalchemy.orm import Session

from app.errors import Unprocessable, invalid
from app.holds import repository as hold_repository
from app.links import asks, repository
from app.links.models import LinkPurpose, PartnerLink
from app.mail import outbox
from app.mail.models import MailKind
from app.mail.schemas import MailQueued
from app.organizations.models import Contact


class Words(NamedTuple):
    subject: str  # {organization} is the partner's name
    ask: str  # "<sender> asks <organization> ..."
    intro: str
    button: str


WORDS = {
    LinkPurpose.temperature_check: Words(
        "A quick check-in for {organization}",
        "for a quick check-in",
        "How does working with our programs feel at the moment? One rating from 1 to 5, and "
        "room for a comment if you want to say more.",
        "Tell us how it is going",
    ),
    LinkPurpose.capacity_update: Words(
        "What can {organization} offer? A short update",
        "what it can offer",
        "Tell us how much time your organization can give and what kind of work suits it, "
        "so that you are asked for the right things and not too often.",
        "Update what you can offer",
    ),
    LinkPurpose.ask: Words(
        "Can {organization} help? {title}",
        "whether it can help with this",
        "Could your organization take this on? Choose yes or no below: the page that opens "
        "shows your choice, and nothing changes until you send it.",
        "Answer",
    ),
    LinkPurpose.pause: Words(
        "Need a break? Ask for a pause from partnership requests",
        "whether it needs a pause",
        "If you need a break, tell us until when, and nobody in the partnership will ask your "
        "organization for anything before then.",
        "Ask for a pause",
    ),
}


def _first_name(contact: Contact) -> str:
    return contact.name.split()[0] if contact.name.split() else "there"


def _when(at: datetime) -> str:
    return f"{at.day} {at:%B %Y} at {at:%H:%M} UTC"


def refused(why: str) -> Unprocessable:
    return invalid(
        "send",
        f"{why}; nothing was made or sent. Leave `send` out to make the link and pass it on "
        "another way.",
    )


def send(
    session: Session, link: PartnerLink, url: str, *, site: str, sender: str, mail_from: str
) -> MailQueued:
    """Queue the mail of `link` (whose page is `url`) to its contact, from `sender` (the key
    that made it). Refused (422 naming `send`) when the contact cannot be mailed; the caller's
    transaction then rolls the link back with it."""
    contact, organization = repository.holder(session, link)
    if not contact.email:
        raise refused(f"contact {contact.id} ({contact.name}) has no email address")
    why = outbox.refusal(session, contact.email)
    if why is not None:
        raise refused(why)
    # The partner asked not to be asked: no mail goes to it unasked (a link it asked for can
    # still be made, and passed on by the convener).
    held = hold_repository.no_mail_why(session, organization.id, organization.name)
    if held is not None:
        raise refused(held)
    words = WORDS[link.purpose]
    title, details, answers = "", list[str](), dict[str, str]()
    if link.purpose is LinkPurpose.ask:
        ask = asks.answerable(session, contact, link.engagement_id)
        title, details = asks.what_is_asked(session, ask)
        # The buttons open the page with the answer chosen; the partner still sends it (a
        # mail scanner that follows links changes nothing).
        answers = {"accept": f"{url}?answer=accept", "decline": f"{url}?answer=decline"}
    subject = words.subject.format(organization=organization.name, title=title)
    context = {
        "title": title,
        "details": details,
        "answers": answers,
        "subject": subject,
        "first_name": _first_name(contact),
        "organization": organization.name,
        "sender": sender,
        "ask": words.ask,
        "intro": words.intro,
        "button": words.button,
        "url": url,
        "expires_on": _when(link.expires_at),
        "to_address": contact.email,
    }
    try:
        queued = outbox.queue(
            session,
            kind=MailKind.partner_link,
            to=outbox.Recipient(contact.email, contact.name, contact.id, contact.organization_id),
            subject=subject,
            template="partner_link",
            context=context,
            secrets=[url],
            mail_from=mail_from,
            unsubscribe_base=site,
            created_by=sender,
        )
    except outbox.Unmailable as exc:
        raise refused(exc.reason) from exc
    return MailQueued(id=queued.id, status=queued.status, to=queued.to)
