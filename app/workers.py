"""Every domain's background work, registered in one Background (app.ops.jobs): what each API
process runs itself (BACKGROUND=embedded) and `partnermatch worker` runs apart.

A domain with work of its own to run on a schedule (a weekly digest, reminders of holds about
to lapse) writes a `register(background, ...)` beside its service, calling
`background.schedule(name, run, cron=...)`, and is added to `background_for` below."""

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.config import Settings
from app.db import Database
from app.holds import repository as hold_repository
from app.load.keeper import LoadKeeper
from app.mail import repository as mail_repository
from app.mail import worker as mail_worker
from app.matches import vectors
from app.matches.index import PartnerIndex
from app.ops import claims
from app.ops.background import Runs
from app.ops.jobs import Background
from app.ops.metrics import Metrics
from app.organizations.models import Organization
from app.plans import worker as plan_worker
from app.reminders import digest
from app.reminders import holds as hold_reminders
from app.types import utcnow
from app.webhooks import repository as webhooks_repository
from app.webhooks import worker as webhooks_worker


def no_mail_why(session: Session, organization_id: int) -> str | None:
    """Why no mail may go to the organization today (a do-not-ask hold), for the mail worker."""
    organization = session.get(Organization, organization_id)
    name = organization.name if organization is not None else f"organization {organization_id}"
    return hold_repository.no_mail_why(session, organization_id, name)


def background_for(
    db: Database,
    settings: Settings,
    metrics: Metrics,
    load_keeper: LoadKeeper,
    index: PartnerIndex,
) -> Background:
    """The background work of a deployment, not started; `index` solves the big plans and
    is told who computes the partner vectors it meets missing."""
    background = Background(db)
    plan_worker.register(background, db, index, settings)
    vectors.register(background, db, index, settings)
    webhooks_worker.register(background, db, settings, metrics.webhook_attempt)
    mail_worker.register(background, db, settings, metrics.mail_attempt, withheld=no_mail_why)
    load_keeper.register(background)
    if settings.hold_reminder_days:
        hold_reminders.register(background, db.sessionmaker, days=settings.hold_reminder_days,
                                mail_from=settings.mail_from, site=settings.public_url)  # fmt: skip
    if settings.weekly_digest:
        digest.register(background, db.sessionmaker, checkin_after_days=settings.checkin_after_days,
                        mail_from=settings.mail_from, site=settings.public_url)  # fmt: skip
    return background


class Watched:
    """What /metrics reads of the background: the queues and the timed jobs' runs from the
    database, and the work of this process's Background once there is one (`background`)."""

    def __init__(self, db: Database, metrics: Metrics) -> None:
        self.db = db
        self.background: Background | None = None
        metrics.watch_webhooks(self.webhook_queue)
        metrics.watch_mail(self.mail_queue)
        metrics.watch_plans(self.plan_queue)
        metrics.watch_jobs(self.runs, self.job_states)

    def webhook_queue(self) -> dict[str, int]:
        with self.db.sessionmaker() as session:
            return webhooks_repository.queue_depth(session)

    def mail_queue(self) -> dict[str, int]:
        with self.db.sessionmaker() as session:
            return mail_repository.queue_depth(session)

    def plan_queue(self) -> dict[str, int]:
        with self.db.sessionmaker() as session:
            return plan_worker.count_by_status(session)

    def job_states(self) -> list[claims.JobState]:
        with self.db.sessionmaker() as session:
            return claims.states(session, utcnow())

    def runs(self) -> Sequence[Runs]:
        return self.background.runs() if self.background is not None else []
