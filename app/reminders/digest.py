"""The weekly digest: each Monday every convener and admin who may be mailed gets what needs
them this week. First their own, read from the write log (`app.writes.attribution`): the needs
they posted still open, their asks still waiting for an answer after a week, and the gaps of
their plans. Then the deployment's view, the same for all: check-ins due, partners at high or
critical burnout risk, needs still open, and the gaps of plans not yet committed (slots no
partner on file fills well: whom to recruit), each counted with the first few named. A person
with nothing in any of them gets nothing.

Run by the background on a schedule (`register`), claimed once per deployment; a week missed
while every process was down is sent when one starts (catch-up)."""

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import QueryableAttribute, Session, sessionmaker

from app.auth.models import Role
from app.checkins import service as checkins
from app.engagements.domain import ENGAGEMENTS
from app.engagements.models import Engagement
from app.load.models import KeptLoad
from app.mail import outbox
from app.mail.models import MailKind
from app.needs.domain import NEEDS
from app.needs.models import Need
from app.ops.jobs import Background
from app.organizations.models import Organization
from app.people.mail import first_name
from app.people.models import Person
from app.plans.domain import PLANS
from app.plans.models import Plan
from app.plans.status import PlanStatus
from app.types import utcnow
from app.writes.models import WriteRecord
from matching.types import EngagementStatus, NeedStatus

log = logging.getLogger(__name__)

JOB = "weekly-digest"
#: Mondays, 07:00 UTC.
AT = "0 7 * * 1"
#: How many of each list a digest names (the counts are whole).
SHOWN = 8
SUBJECT = "Partner Match this week: {summary}"
#: The roles that get it: the people who look after partners.
ROLES = (Role.convener, Role.admin)
#: An ask of one's own is said to wait for an answer once it is this old.
WAITING = timedelta(days=7)


@dataclass
class Section:
    count: int = 0
    lines: list[str] = field(default_factory=list)


@dataclass
class Digest:
    checkins: Section
    at_risk: Section
    open_needs: Section
    plan_gaps: Section = field(default_factory=Section)

    @property
    def empty(self) -> bool:
        return not (self.checkins.count or self.at_risk.count or self.open_needs.count
                    or self.plan_gaps.count)  # fmt: skip

    def summary(self) -> str:
        parts = [(self.checkins.count, "check-in", "check-ins", "due"),
                 (self.at_risk.count, "partner", "partners", "at high risk"),
                 (self.open_needs.count, "need", "needs", "open"),
                 (self.plan_gaps.count, "plan gap", "plan gaps", "to recruit for")]  # fmt: skip
        return _counted(parts)


@dataclass
class Mine:
    """One person's own part: what they started that still waits."""

    open_needs: Section
    waiting_asks: Section
    plan_gaps: Section

    @property
    def empty(self) -> bool:
        return not (self.open_needs.count or self.waiting_asks.count or self.plan_gaps.count)

    def summary(self) -> str:
        parts = [(self.waiting_asks.count, "ask", "asks", "of yours waiting for an answer"),
                 (self.open_needs.count, "need", "needs", "of yours open"),
                 (self.plan_gaps.count, "gap", "gaps", "in your plans")]  # fmt: skip
        return _counted(parts)


def _counted(parts: list[tuple[int, str, str, str]]) -> str:
    """ "62 check-ins due, 1 need open": each (count, one, many, what) counted, none said 0."""
    return ", ".join(f"{n} {one if n == 1 else many} {what}"
                     for n, one, many, what in parts if n)  # fmt: skip


def day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def gather(session: Session, *, checkin_after_days: int, today: date | None = None) -> Digest:
    """What this week's digest says."""
    due = checkins.due(session, params=checkins.params_for(checkin_after_days), as_of=today)
    checkin = Section(len(due), [f"{c.name}: {c.reason} (due {day(c.due_on)})"
                                 for c in due[:SHOWN]])  # fmt: skip
    risky = (KeptLoad.risk_level.in_(("high", "critical")),)
    at_risk = Section(
        session.scalar(select(func.count()).select_from(KeptLoad).where(*risky)) or 0,
        [f"{name}: {level} risk"
         for name, level in session.execute(
             select(Organization.name, KeptLoad.risk_level)
             .join(Organization, Organization.id == KeptLoad.organization_id)
             .where(*risky)
             .order_by(KeptLoad.risk_score.desc(), Organization.id)
             .limit(SHOWN))],
    )  # fmt: skip
    return Digest(checkin, at_risk, _open_needs(session), _plan_gaps(session))


def _open_needs(session: Session, *where: ColumnElement[bool]) -> Section:
    """The needs still open (those `where` says), oldest first."""
    opened = (Need.status == NeedStatus.open, *where)
    return Section(
        session.scalar(select(func.count()).select_from(Need).where(*opened)) or 0,
        [f"{title} ({program}), open since {day(created.date())}"
         for title, program, created in session.execute(
             select(Need.title, Need.program, Need.created_at).where(*opened)
             .order_by(Need.created_at, Need.id).limit(SHOWN))],
    )  # fmt: skip


def _made_by(person_id: int, path: str, id_column: QueryableAttribute[int]) -> ColumnElement[bool]:
    """The records (`path`, whose id is `id_column`) the person created."""
    made = select(WriteRecord.record_id).where(
        WriteRecord.person_id == person_id, WriteRecord.record_type == path,
        WriteRecord.action == "created",
    )  # fmt: skip
    return id_column.in_(made)


def mine(session: Session, person_id: int, today: date | None = None) -> Mine:
    """What the person started that still waits: needs open, asks unanswered after a week,
    the gaps of their plans not yet committed."""
    now = utcnow() if today is None else datetime.combine(today, time(), tzinfo=UTC)
    open_needs = _open_needs(session, _made_by(person_id, NEEDS.path, Need.id))
    waiting = (Engagement.status == EngagementStatus.asked, Engagement.asked_at <= now - WAITING,
               _made_by(person_id, ENGAGEMENTS.path, Engagement.id))  # fmt: skip
    waiting_asks = Section(
        session.scalar(select(func.count()).select_from(Engagement).where(*waiting)) or 0,
        [f"{name}, for {program}: asked {day(asked.date())}"
         for name, program, asked in session.execute(
             select(Organization.name, Engagement.program, Engagement.asked_at)
             .join(Organization, Organization.id == Engagement.organization_id)
             .where(*waiting).order_by(Engagement.asked_at, Engagement.id).limit(SHOWN))],
    )  # fmt: skip
    return Mine(open_needs, waiting_asks,
                _plan_gaps(session, _made_by(person_id, PLANS.path, Plan.id)))  # fmt: skip


def _plan_gaps(session: Session, *where: ColumnElement[bool]) -> Section:
    """The gaps of the plans not yet committed (drafts and reviewed; those `where` says),
    oldest plan first: a need's slots no partner on file fills well, and why."""
    rows = session.execute(
        select(Plan.id, Plan.result)
        .where(Plan.status.in_((PlanStatus.draft, PlanStatus.reviewed)), *where)
        .order_by(Plan.id)
    ).all()  # fmt: skip
    gaps = [(plan_id, gap) for plan_id, result in rows
            for gap in (result or {}).get("gaps", []) if isinstance(gap, dict)]  # fmt: skip
    return Section(len(gaps), [
        f"{gap.get('title', 'a need')}: {gap.get('missing', 0)} short, "
        f"{gap.get('reason', '')} (plan {plan_id})" for plan_id, gap in gaps[:SHOWN]
    ])  # fmt: skip


def send(session: Session, *, checkin_after_days: int, mail_from: str, site: str | None,
         today: date | None = None) -> int:  # fmt: skip
    """Queue this week's digest to every convener and admin who may be mailed and has
    something in it; how many."""
    digest = gather(session, checkin_after_days=checkin_after_days, today=today)
    people = session.scalars(
        select(Person).where(Person.role.in_(ROLES), Person.disabled_at.is_(None),
                             Person.password_hash.is_not(None))
        .order_by(Person.id)
    ).all()  # fmt: skip
    base = site.rstrip("/") if site else ""
    queued = 0
    for person in people:
        if outbox.refusal(session, person.email) is not None:
            continue
        theirs = mine(session, person.id, today)
        if digest.empty and theirs.empty:
            continue
        said = [part.summary() for part in (theirs, digest) if not part.empty]
        subject = SUBJECT.format(summary="; ".join(said))
        context = {
            "subject": subject, "first_name": first_name(person.name), "digest": digest,
            "mine": theirs, "shown": SHOWN, "site": base, "to_address": person.email,
        }  # fmt: skip
        try:
            outbox.queue(session, kind=MailKind.digest, to=outbox.Recipient(person.email,
                         person.name), subject=subject, template="digest", context=context,
                         mail_from=mail_from, created_by="weekly digest")  # fmt: skip
            queued += 1
        except outbox.Unmailable as exc:
            log.warning("the weekly digest is not sent to %s: %s", person.email, exc.reason)
    return queued


def register(background: Background, db_sessions: sessionmaker[Session], *,
             checkin_after_days: int, mail_from: str, site: str | None) -> None:  # fmt: skip
    """The Monday run, claimed once per deployment."""

    def run() -> int:
        with db_sessions.begin() as session:
            count = send(session, checkin_after_days=checkin_after_days, mail_from=mail_from,
                         site=site, today=utcnow().date())  # fmt: skip
        log.info("weekly digest: %d queued", count)
        return count

    background.schedule(JOB, run, cron=AT)
