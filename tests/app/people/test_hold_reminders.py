"""A hold about to lapse is mailed, once, to the person who set it: the partner will be asked
again from its date. Holds set with a key nobody owns, lifted, or lapsing later are not; a
second run sends nothing; the mail arrives through the loopback SMTP server."""

from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.holds.schemas import today
from app.mail.models import MailKind, MailMessage
from app.mail.worker import MailWorker
from app.ops.jobs import Background
from app.reminders import holds as reminders
from app.writes.models import WriteRecord
from tests.app.mail.conftest import SmtpServer
from tests.app.people.conftest import make_person, sign_in
from tests.conftest import AuthFor
from tests.helpers import organization, post

DANA = "dana.okafor@riverbend-cc.example"
SITE = "https://match.example.org"


def _remind(db: Database, settings: Settings, on_day: date | None = None) -> int:
    with db.sessionmaker.begin() as session:
        return reminders.remind(session, today=on_day or today(), days=7,
                                mail_from=settings.mail_from, site=SITE)  # fmt: skip


def test_the_person_who_set_a_hold_is_reminded_once_before_it_lapses(
    client: TestClient, auth: AuthFor, db: Database, settings: Settings, smtp: SmtpServer,
    worker: MailWorker,
) -> None:  # fmt: skip
    admin = auth(Role.admin)
    soon, later, by_key = (post(client, admin, "organizations",
                                organization(name=name))["id"]
                           for name in ("Harbor Light Hospital", "Cape Lark Marine",
                                        "Gull Point Transit"))  # fmt: skip
    make_person(db, DANA, "Dana Okafor", Role.convener)
    assert sign_in(client, DANA) == 303
    for org, days in ((soon, 5), (later, 30)):
        form = {"until": (today() + timedelta(days=days)).isoformat(),
                "reason": "Short-staffed <b>ICU</b> through the winter"}  # fmt: skip
        set_hold = client.post(f"/ui/partners/{org}/holds", data=form, follow_redirects=False)
        assert set_hold.status_code in (200, 303), set_hold.text
    post(client, admin, "holds", {"organization_id": by_key, "reason": "Asked for a break",
                                  "until": (today() + timedelta(days=3)).isoformat()})  # fmt: skip

    assert _remind(db, settings) == 1
    assert worker.send_due() == 1
    [mail] = smtp.received
    assert mail.rcpt_tos == [DANA]
    message = mail.message
    until = today() + timedelta(days=5)
    assert message["Subject"] == (
        f"The hold on Harbor Light Hospital ends on {until.day} {until:%B %Y}"
    )
    text = mail.text()
    assert "Short-staffed <b>ICU</b> through the winter" in text  # the text part, as typed
    assert f"{SITE}/ui/partners/{soon}#holds" in text
    assert "Hello Dana," in text

    # Once: the next day's run finds nothing; the hold says when it was reminded, and the
    # write that marked it is the service's own.
    assert _remind(db, settings, today() + timedelta(days=1)) == 0
    holds = client.get(f"/v1/holds?organization_id={soon}", headers=admin).json()["items"]
    assert holds[0]["reminded_at"] is not None
    with db.sessionmaker() as session:
        marked = session.scalars(select(WriteRecord).where(
            WriteRecord.record_type == "holds", WriteRecord.record_id == holds[0]["id"],
            WriteRecord.action == "updated")).all()  # fmt: skip
        assert [(w.door, w.by_name) for w in marked] == [("system", "Partner Match")]
    # The hold lapsing in 30 days is reminded in its own week, by a run 24 days on.
    assert _remind(db, settings, today() + timedelta(days=24)) == 1


def test_a_lifted_hold_or_a_disabled_setter_is_not_reminded(
    client: TestClient, auth: AuthFor, db: Database, settings: Settings
) -> None:
    admin = auth(Role.admin)
    names = ("Harbor Light Hospital", "Cape Lark Marine", "Gull Point Transit")
    orgs = [post(client, admin, "organizations", organization(name=n))["id"] for n in names]

    def key_of(email: str, name: str) -> dict[str, str]:
        person = make_person(db, email, name, Role.convener)
        made = client.post(f"/v1/people/{person.id}/keys", json={"name": f"{name}'s script"},
                           headers=admin)  # fmt: skip
        return {"Authorization": f"Bearer {made.json()['key']}", "id": str(person.id)}

    dana, sam = key_of(DANA, "Dana Okafor"), key_of("sam@lincoln.example", "Sam Rivera")
    until = (today() + timedelta(days=4)).isoformat()

    def hold(headers: dict[str, str], org: int) -> int:
        auth_only = {"Authorization": headers["Authorization"]}
        body = {"organization_id": org, "until": until, "reason": "Asked for a break"}
        return int(post(client, auth_only, "holds", body)["id"])

    hold(dana, orgs[0])
    lifted = hold(sam, orgs[1])
    reminded = hold(sam, orgs[2])
    assert client.post(f"/v1/holds/{lifted}/lift", headers=admin).status_code == 200
    assert client.post(f"/v1/people/{dana['id']}/disable", headers=admin).status_code == 200
    assert _remind(db, settings) == 1
    got = client.get(f"/v1/holds/{reminded}", headers=admin).json()
    assert got["reminded_at"] is not None
    assert client.get(f"/v1/holds/{lifted}", headers=admin).json()["reminded_at"] is None


def test_the_running_service_reminds_on_its_daily_job(
    client: TestClient, auth: AuthFor, db: Database
) -> None:
    """The job registered with the app's background ("hold-reminders") does the same, and
    its mail waits in the outbox with the page named (no PUBLIC_URL in the test settings)."""
    admin = auth(Role.admin)
    org = post(client, admin, "organizations", organization())["id"]
    dana = make_person(db, DANA, "Dana Okafor", Role.convener)
    made = client.post(f"/v1/people/{dana.id}/keys", json={"name": "Dana's script"},
                       headers=admin).json()  # fmt: skip
    body = {"organization_id": org, "reason": "Asked for a break",
            "until": (today() + timedelta(days=2)).isoformat()}  # fmt: skip
    post(client, {"Authorization": f"Bearer {made['key']}"}, "holds", body)
    background: Background = client.app.state.background  # type: ignore[attr-defined]
    assert background.run_now(reminders.JOB)
    assert background.wait(reminders.JOB, 30)
    with db.sessionmaker() as session:
        [queued] = session.scalars(
            select(MailMessage).where(MailMessage.kind == MailKind.hold_lapsing.value)
        ).all()
        assert (queued.to_address, queued.organization_id) == (DANA, org)
        assert "set a new hold on their page in Partner Match" in queued.text_body
