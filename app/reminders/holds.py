"""Mail the person who set a do-not-ask hold a few days before it lapses, once: the partner
will be ranked and asked again from that day, and they may want to set a new hold.

Run daily by the background (`register`, claimed once per deployment). A hold is reminded when
it lapses within `HOLD_REMINDER_DAYS` days, was set by a person (the write log says who:
`app.writes.attribution`), that person is not disabled and may be mailed, and the hold was
neither lifted nor reminded before. The mail is queued and `reminded_at` written in one
transaction through the write path, so a reminder is neither lost nor sent twice. Holds asked
for by a partner through its link, or set with a key no person owns, have nobody to remind."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.holds.domain import HOLDS
from app.holds.models import Hold
from app.holds.schemas import HoldStoredUpdate
from app.mail import outbox
from app.mail.models import MailKind
from app.ops.jobs import Background
from app.organizations.models import Organization
from app.people.mail import first_name
from app.people.models import Person
from app.types import utcnow
from app.writes import attribution
from app.writes.service import WriteService

log = logging.getLogger(__name__)

JOB = "hold-reminders"
#: 07:00 UTC each day: before the working day in every region of the state.
AT = "0 7 * * *"
SUBJECT = "The hold on {organization} ends on {until}"


@dataclass(frozen=True)
class Due:
    hold: Hold
    organization: Organization
    person: Person
    set_at: datetime


def day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def due(session: Session, today: date, days: int) -> list[Due]:
    """The holds to remind of today, with their partner and the person who set them."""
    holds = session.execute(
        select(Hold, Organization)
        .join(Organization, Organization.id == Hold.organization_id)
        .where(Hold.lifted_at.is_(None), Hold.reminded_at.is_(None),
               Hold.starts_on <= today, Hold.until > today,
               Hold.until <= today + timedelta(days=days))
        .order_by(Hold.until, Hold.id)
    ).all()  # fmt: skip
    if not holds:
        return []
    setters = attribution.made_in(session, HOLDS.path, [h.id for h, _ in holds])
    people = {
        p.id: p
        for p in session.scalars(
            select(Person).where(
                Person.id.in_({s.person_id for s in setters.values() if s.person_id}),
                Person.disabled_at.is_(None),
            )
        )
    }
    out = []
    for hold, organization in holds:
        setter = setters.get(hold.id)
        person = people.get(setter.person_id) if setter and setter.person_id else None
        if setter is not None and person is not None:
            out.append(Due(hold, organization, person, setter.at))
    return out


def remind(session: Session, *, today: date, days: int, mail_from: str,
           site: str | None) -> int:  # fmt: skip
    """Queue today's reminders and mark their holds reminded; how many were queued. A person
    who may not be mailed (bouncing, unsubscribed) is skipped, the hold marked all the same."""
    queued = 0
    now = utcnow()
    for item in due(session, today, days):
        hold, organization, person = item.hold, item.organization, item.person
        subject = SUBJECT.format(organization=organization.name, until=day(hold.until))
        context = {
            "subject": subject,
            "first_name": first_name(person.name),
            "organization": organization.name,
            "until": day(hold.until),
            "reason": hold.reason,
            "url": f"{site.rstrip('/')}/ui/partners/{organization.id}#holds" if site else "",
            "set_on": day(item.set_at.date()),
            "to_address": person.email,
        }
        why = outbox.refusal(session, person.email)
        if why is None:
            try:
                outbox.queue(session, kind=MailKind.hold_lapsing,
                             to=outbox.Recipient(person.email, person.name,
                                                 organization_id=organization.id),
                             subject=subject, template="hold_lapsing", context=context,
                             mail_from=mail_from, created_by="hold reminders")  # fmt: skip
                queued += 1
            except outbox.Unmailable as exc:
                why = exc.reason
        if why is not None:
            log.warning("hold %d: %s is not reminded: %s", hold.id, person.email, why)
        patch = HoldStoredUpdate.model_validate({"reminded_at": now})
        WriteService(HOLDS).update(session, hold.id, patch)
    return queued


def register(background: Background, db_sessions: sessionmaker[Session], *, days: int,
             mail_from: str, site: str | None) -> None:  # fmt: skip
    """The daily run, claimed once per deployment."""

    def run() -> int:
        with db_sessions.begin() as session:
            count = remind(session, today=utcnow().date(), days=days, mail_from=mail_from,
                           site=site)  # fmt: skip
        log.info("hold reminders: %d queued", count)
        return count

    background.schedule(JOB, run, cron=AT)
