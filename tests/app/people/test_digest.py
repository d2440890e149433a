"""The weekly digest: each convener and admin who has signed up gets what needs them this week,
counted as the API counts it (check-ins due, partners at high or critical risk, needs open),
with the first few named; recruiters, disabled people and invitees who never set a password
get nothing, and a week with nothing to say sends nothing."""

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.mail.worker import MailWorker
from app.people.models import Person
from app.plans.models import Plan
from app.plans.status import PlanStatus
from app.reminders import digest
from app.types import utcnow
from tests.app.mail.conftest import SmtpServer
from tests.app.people.conftest import make_person
from tests.conftest import AuthFor
from tests.helpers import post, stored_chain

SITE = "https://match.example.org"


def _send(db: Database, settings: Settings) -> int:
    with db.sessionmaker.begin() as session:
        return digest.send(session, checkin_after_days=settings.checkin_after_days,
                           mail_from=settings.mail_from, site=SITE)  # fmt: skip


def _all(client: TestClient, headers: dict[str, str], path: str) -> list[dict[str, object]]:
    answer = client.get(path, headers=headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert not body.get("next_cursor"), "more than one page: the test set is too big"
    items: list[dict[str, object]] = body["items"]
    return items


def test_conveners_get_this_weeks_digest_counted_as_the_api_counts(
    client: TestClient, auth: AuthFor, demo_db: Database, settings: Settings,
    smtp: SmtpServer, worker: MailWorker,
) -> None:  # fmt: skip
    admin = auth(Role.admin)
    make_person(demo_db, "dana@riverbend-cc.example", "Dana Okafor", Role.convener)
    make_person(demo_db, "sam@lincoln.example", "Sam Rivera", Role.recruiter)
    gone = make_person(demo_db, "lee@capital.example", "Lee Park", Role.admin)
    with demo_db.sessionmaker.begin() as session:
        session.execute(update(Person).where(Person.id == gone.id).values(disabled_at=utcnow()))
    due = client.get("/v1/checkins?limit=1", headers=admin).json()["total"]
    risky = sum(len(_all(client, admin, f"/v1/partners/load?risk={level}&limit=100"))
                for level in ("high", "critical"))  # fmt: skip
    open_needs = len(_all(client, admin, "/v1/needs?status=open&limit=100"))
    assert min(due, risky, open_needs) > 0  # the demo has some of each: the check means something

    with demo_db.sessionmaker() as session:
        expected = set(session.scalars(select(Person.email).where(
            Person.role.in_(("convener", "admin")), Person.disabled_at.is_(None),
            Person.password_hash.is_not(None))))  # fmt: skip
    assert "dana@riverbend-cc.example" in expected
    assert _send(demo_db, settings) == len(expected)
    worker.send_due()
    got = {m.rcpt_tos[0]: m for m in smtp.received}
    assert set(got) == expected
    text = got["dana@riverbend-cc.example"].text().replace("\r\n", "\n")
    assert "Hello Dana," in text
    assert f"Check-ins due: {due}\n" in text
    assert f"Partners at high or critical burnout risk: {risky}\n" in text
    assert f"Needs still open: {open_needs}\n" in text
    subject = got["dana@riverbend-cc.example"].message["Subject"]
    assert subject.startswith("Partner Match this week: ")
    assert f"{open_needs} needs open" in subject


def test_each_convener_reads_their_own_waiting_asks_and_open_needs_first(
    client: TestClient, auth: AuthFor, db: Database, settings: Settings,
    smtp: SmtpServer, worker: MailWorker,
) -> None:  # fmt: skip
    """Dana's own key makes a need and two asks (one a fortnight old, one from yesterday);
    her digest starts with hers, by the write log; Lee, who made nothing, reads only the
    deployment's view."""
    admin = auth(Role.admin)
    dana = make_person(db, "dana@riverbend-cc.example", "Dana Okafor", Role.convener)
    make_person(db, "lee@capital.example", "Lee Park", Role.convener)
    key = client.post(f"/v1/people/{dana.id}/keys", json={"name": "Dana's script"},
                      headers=admin).json()["key"]  # fmt: skip
    hers = {"Authorization": f"Bearer {key}"}
    chain = stored_chain(client, hers)
    now = utcnow()
    body = {"organization_id": chain["organization"]["id"], "need_id": chain["need"]["id"],
            "program": "Riverbend CC Mechatronics Pathway", "engagement_type": "internship_host",
            "status": "asked"}  # fmt: skip
    post(client, hers, "engagements", body | {"asked_at": (now - timedelta(days=14)).isoformat()})
    later = body | {"need_id": None, "asked_at": (now - timedelta(days=1)).isoformat()}
    post(client, hers, "engagements", later)  # not a week old
    post(client, admin, "engagements", later | {"asked_at": (now - timedelta(days=30)).isoformat()})

    assert _send(db, settings) == 2
    worker.send_due()
    got = {m.rcpt_tos[0]: m for m in smtp.received}
    text = got["dana@riverbend-cc.example"].text().replace("\r\n", "\n")
    yours, _, everyone = text.partition("What needs the partnership's attention this week.")
    assert "Your asks waiting for an answer for a week or more: 1\n" in yours
    assert (f"- {chain['organization']['name']}, for Riverbend CC Mechatronics Pathway: asked "
            f"{digest.day((now - timedelta(days=14)).date())}") in yours  # fmt: skip
    assert "Your needs still open: 1\n" in yours
    assert "- Mechatronics summer internships (Riverbend CC Mechatronics Pathway)" in yours
    assert "Gaps in your plans" not in yours  # none: not said
    assert "Needs still open: 1\n" in everyone
    # Her subject says hers first, then what everyone's says.
    lees = got["lee@capital.example"].message["Subject"]
    assert lees.startswith("Partner Match this week: ")
    assert lees.endswith(", 1 need open")
    everyones = lees.removeprefix("Partner Match this week: ")
    assert got["dana@riverbend-cc.example"].message["Subject"] == (
        "Partner Match this week: 1 ask of yours waiting for an answer, 1 need of yours open; "
        + everyones)  # fmt: skip
    assert "Yours first." not in got["lee@capital.example"].text()
    assert "Your asks" not in got["lee@capital.example"].text()


def test_a_quiet_week_sends_nothing(db: Database, settings: Settings) -> None:
    make_person(db, "dana@riverbend-cc.example", "Dana Okafor", Role.convener)
    assert _send(db, settings) == 0


def test_the_gaps_of_plans_not_committed_are_in_the_digest(
    db: Database, settings: Settings, smtp: SmtpServer, worker: MailWorker
) -> None:
    """A draft plan with a gap, and a committed one with another: the digest names the
    draft's (whom to recruit), never the committed plan's, and counts it in the subject."""
    make_person(db, "dana@riverbend-cc.example", "Dana Okafor", Role.convener)
    gap = {"need_id": 1, "title": "Clinical placements", "missing": 2,
           "reason": "only weak fits could fill it: recruit health sciences employers"}  # fmt: skip
    with db.sessionmaker.begin() as session:
        draft = Plan(status=PlanStatus.draft, result={"gaps": [gap]}, created_by="Dana Okafor")
        done = Plan(status=PlanStatus.committed, created_by="Dana Okafor",
                    result={"gaps": [gap | {"title": "Welding shadows"}]})  # fmt: skip
        session.add_all([draft, done])
        session.flush()
        draft_id = draft.id
    assert _send(db, settings) == 1
    worker.send_due()
    [mail] = smtp.received
    text = mail.text().replace("\r\n", "\n")
    assert "Plan gaps: slots no partner on file fills well, whom to recruit: 1\n" in text
    assert ("- Clinical placements: 2 short, only weak fits could fill it: recruit health "
            f"sciences employers (plan {draft_id})") in text  # fmt: skip
    assert "Welding shadows" not in text
    assert "1 plan gap to recruit for" in mail.message["Subject"]
