"""People sign in as themselves: invited by mail through a real SMTP server on loopback, a
password set from the link, signed in; links that are reused, expired or withdrawn refused
plainly; resets that work once; the same answer for unknown emails and wrong passwords;
guesses limited per account and per client address; disabling that ends sessions and keys at
once; roles a convener may not give; names that cannot add mail headers; forms that refuse
other sites."""

import re
import time
from datetime import timedelta
from statistics import median

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import func, select, update

from app.auth.models import Role
from app.auth.service import create_key
from app.db import Database
from app.mail.models import MailMessage
from app.mail.worker import MailWorker
from app.ops.logs import mask
from app.people.models import Invitation, Person
from app.types import utcnow
from app.ui.session import COOKIE
from tests.app.mail.conftest import SmtpServer, messages
from tests.app.people.conftest import (
    ACCOUNT_LIMIT,
    ADDRESS_LIMIT,
    PASSWORD,
    mailed_link,
    make_person,
    sign_in,
)
from tests.app.ui.html import Page
from tests.conftest import AuthFor

MAYA = "maya.chen@riverbend-cc.example"


def _people(db: Database) -> list[Person]:
    with db.sessionmaker() as session:
        return list(session.scalars(select(Person).order_by(Person.id)))


def test_an_invited_colleague_sets_a_password_from_the_mail_and_signs_in(
    client: TestClient, auth: AuthFor, smtp: SmtpServer, worker: MailWorker, db: Database
) -> None:
    convener = auth(Role.convener)
    made = client.post(
        "/v1/people",
        json={"email": MAYA, "name": "Maya Chen", "role": "recruiter"},
        headers=convener,
    )
    assert made.status_code == 201, made.text
    person = made.json()
    assert made.headers["location"] == f"/v1/people/{person['id']}"
    assert (person["status"], person["invited_by"], person["role"]) == (
        "invited", "test convener", "recruiter")  # fmt: skip
    assert person["invitation"]["mail"] == {"id": person["invitation"]["mail"]["id"],
                                            "status": "pending", "to": MAYA}  # fmt: skip
    assert smtp.received == []  # sent after the commit, by the worker

    path = mailed_link(smtp, worker)
    [got] = smtp.received
    assert got.rcpt_tos == [MAYA]
    assert got.message["Subject"] == "test convener invites you to Partner Match"
    assert got.message["To"] == f"Maya Chen <{MAYA}>"
    assert f'href="http://testserver{path}"' in got.html()
    assert "as a recruiter" in got.text()
    token = path.rsplit("/", 1)[1]
    [kept] = messages(db)  # the link is not kept once sent, nor logged
    assert token not in kept.text_body + (kept.html_body or "")
    assert mask(f"GET {path} HTTP/1.1") == f"GET /ui/invite/{token[:4]}*** HTTP/1.1"
    with db.sessionmaker() as session:
        assert token not in session.scalars(select(Invitation.token_hash)).all()

    # A cookie planted before (here a live operator session) is worth nothing after.
    planted = client.post("/ui/login", data={"api_key": client_key(db)}, follow_redirects=False)
    planted_token = planted.cookies[COOKIE]

    form = client.get(path)
    assert form.status_code == 200
    assert "Welcome, Maya" in form.text
    assert form.headers["x-robots-tag"] == "noindex"
    short = client.post(path, data={"password": "short", "confirm": "short"})
    assert short.status_code == 422
    assert "at least 10 characters" in Page(short.text).text("f-password-error")
    unlike = client.post(path, data={"password": PASSWORD, "confirm": PASSWORD + "!"})
    assert "does not match" in Page(unlike.text).text("f-confirm-error")
    done = client.post(path, data={"password": PASSWORD, "confirm": PASSWORD},
                       follow_redirects=False)  # fmt: skip
    assert (done.status_code, done.headers["location"]) == (303, "/ui/load")
    assert done.cookies[COOKIE] != planted_token
    page = client.get("/ui/load")
    assert page.status_code == 200
    assert "Maya Chen" in page.text
    assert "(recruiter)" in page.text
    client.cookies.clear()
    client.cookies.set(COOKIE, planted_token, path="/ui")
    assert client.get("/ui/load", follow_redirects=False).status_code == 303

    # Used: a plain page, nothing written; signing in with the password works.
    for again in (
        client.get(path),
        client.post(path, data={"password": "another one!", "confirm": "another one!"}),
    ):
        assert again.status_code == 410
        assert "This link has already been used" in again.text
    client.cookies.clear()
    assert sign_in(client, MAYA.upper()) == 303
    assert "Maya Chen" in client.get("/ui/load").text
    listed = client.get("/v1/people?role=recruiter", headers=convener).json()
    assert [(p["email"], p["status"]) for p in listed["items"]] == [(MAYA, "active")]
    assert client.get("/v1/people?role=admin", headers=convener).json()["items"] == []


def client_key(db: Database) -> str:
    with db.sessionmaker.begin() as session:
        return create_key(session, "operator", Role.viewer)[1]


def test_expired_withdrawn_and_unknown_invitations_answer_a_clear_page(
    client: TestClient, auth: AuthFor, smtp: SmtpServer, worker: MailWorker, db: Database
) -> None:
    body = {"email": MAYA, "name": "Maya Chen", "role": "viewer"}
    assert client.post("/v1/people", json=body, headers=auth(Role.admin)).status_code == 201
    first = mailed_link(smtp, worker)
    # Invited again: a new link, the first withdrawn.
    assert client.post("/v1/people", json=body, headers=auth(Role.admin)).status_code == 201
    second = mailed_link(smtp, worker)
    assert len(_people(db)) == 1
    withdrawn = client.get(first)
    assert (withdrawn.status_code, "withdrawn" in withdrawn.text) == (410, True)

    with db.sessionmaker.begin() as session:
        session.execute(update(Invitation).values(expires_at=utcnow() - timedelta(seconds=1)))
    for answer in (
        client.get(second),
        client.post(second, data={"password": PASSWORD, "confirm": PASSWORD}),
    ):
        assert answer.status_code == 410
        assert "This link has expired" in answer.text
        assert "Ask the person who invited you for a new invitation" in answer.text
    [person] = _people(db)
    assert person.password_hash is None
    assert sign_in(client, MAYA) == 401

    unknown = client.get("/ui/invite/" + "x" * 43)
    assert (unknown.status_code, "This link is not valid" in unknown.text) == (404, True)


def test_a_reset_link_works_once_and_an_unknown_address_gets_the_same_answer(
    client: TestClient, browser_for: TestClient, smtp: SmtpServer, worker: MailWorker,
    db: Database,
) -> None:  # fmt: skip
    make_person(db, MAYA, "Maya Chen", Role.convener)
    assert sign_in(browser_for, MAYA) == 303  # a session elsewhere, ended by the reset

    known = client.post("/ui/reset", data={"email": MAYA})
    unknown = client.post("/ui/reset", data={"email": "nobody@riverbend-cc.example"})
    assert known.status_code == unknown.status_code == 200
    assert known.text.replace(MAYA, "@") == unknown.text.replace("nobody@riverbend-cc.example", "@")
    assert [m.kind for m in messages(db)] == ["password_reset"]  # to the known one only

    path = mailed_link(smtp, worker)
    assert smtp.received[-1].rcpt_tos == [MAYA]
    assert path.startswith("/ui/reset/")
    new = "a new and longer password"
    done = client.post(path, data={"password": new, "confirm": new}, follow_redirects=False)
    assert (done.status_code, done.headers["location"]) == (303, "/ui/load")
    assert "Maya Chen" in client.get("/ui/load").text
    assert browser_for.get("/ui/load", follow_redirects=False).status_code == 303

    again = client.post(path, data={"password": "yet another one", "confirm": "yet another one"})
    assert again.status_code == 410
    client.cookies.clear()
    assert sign_in(client, MAYA, PASSWORD) == 401
    assert sign_in(client, MAYA, new) == 303


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)  # Argon2's time, not the DB's
def test_a_wrong_password_and_an_unknown_email_answer_alike_in_about_the_same_time(
    client: TestClient, db: Database, real_hashes: None
) -> None:
    make_person(db, MAYA, "Maya Chen", Role.recruiter)
    stranger = "stranger@riverbend-cc.example"
    answers: dict[str, Response] = {}
    took: dict[str, list[float]] = {MAYA: [], stranger: []}
    for _ in range(3):
        for email in (MAYA, stranger):
            start = time.perf_counter()
            answers[email] = client.post("/ui/login", data={"email": email, "password": "guess!"})
            took[email].append(time.perf_counter() - start)
    assert answers[MAYA].status_code == answers[stranger].status_code == 401
    assert "Wrong email or password." in Page(answers[MAYA].text).text("f-password-error")
    assert answers[MAYA].text.replace(MAYA, "@") == answers[stranger].text.replace(stranger, "@")
    # The unknown address is checked against a dummy Argon2 hash: the same work either way.
    fastest = [min(took[MAYA]), min(took[stranger])]
    assert max(fastest) / min(fastest) < 1.5, took
    assert median(took[stranger]) > 0.02  # a hash was computed, not skipped


def test_guesses_are_limited_per_account_and_per_client_address(
    client: TestClient, db: Database
) -> None:
    make_person(db, MAYA, "Maya Chen", Role.recruiter)
    make_person(db, "sam@riverbend-cc.example", "Sam Rivera", Role.recruiter)
    make_person(db, "jo@riverbend-cc.example", "Jo Lee", Role.recruiter)
    for _ in range(ACCOUNT_LIMIT):
        assert sign_in(client, MAYA, "not my password") == 401
    refused = client.post("/ui/login", data={"email": MAYA, "password": PASSWORD})
    assert refused.status_code == 429
    assert "Too many attempts, try again in 15 minutes." in refused.text
    assert 850 < int(refused.headers["retry-after"]) <= 900
    # Another account from the same address may still sign in, until the address has guessed
    # too often too (unknown emails count like known ones).
    assert sign_in(client, "sam@riverbend-cc.example") == 303
    client.cookies.clear()
    for n in range(ADDRESS_LIMIT - ACCOUNT_LIMIT):
        assert sign_in(client, f"guess{n}@riverbend-cc.example", "guess") == 401
    assert sign_in(client, "jo@riverbend-cc.example") == 429


def test_signing_in_starts_the_accounts_count_again(client: TestClient, db: Database) -> None:
    make_person(db, MAYA, "Maya Chen", Role.recruiter)
    for _ in range(ACCOUNT_LIMIT - 1):
        assert sign_in(client, MAYA, "not my password") == 401
    assert sign_in(client, MAYA) == 303
    client.cookies.clear()
    # A few typos a week later are not one guess from a lockout.
    for _ in range(ACCOUNT_LIMIT - 1):
        assert sign_in(client, MAYA, "not my password") == 401
    assert sign_in(client, MAYA) == 303


def test_disabling_ends_a_live_session_and_revokes_the_persons_key_at_once(
    client: TestClient, browser_for: TestClient, auth: AuthFor, db: Database
) -> None:
    maya = make_person(db, MAYA, "Maya Chen", Role.recruiter)
    make_person(db, "dana@riverbend-cc.example", "Dana Okafor", Role.convener)
    assert sign_in(client, MAYA) == 303
    assert client.get("/ui/load", follow_redirects=False).status_code == 200
    admin = auth(Role.admin)
    too_high = client.post(f"/v1/people/{maya.id}/keys", json={"name": "x", "role": "admin"},
                           headers=admin)  # fmt: skip
    assert too_high.status_code == 422
    assert [e["field"] for e in too_high.json()["errors"]] == ["role"]
    made = client.post(f"/v1/people/{maya.id}/keys", json={"name": "Maya's script"},
                       headers=admin)  # fmt: skip
    assert (made.status_code, made.json()["owner_id"], made.json()["role"]) == (
        201, maya.id, "recruiter")  # fmt: skip
    key = {"Authorization": f"Bearer {made.json()['key']}"}
    assert client.get("/v1/needs", headers=key).status_code == 200

    # A convener, signed in as herself, disables Maya from the people page.
    assert sign_in(browser_for, "dana@riverbend-cc.example") == 303
    people_page = browser_for.get("/ui/people")
    assert "Maya Chen" in Page(people_page.text).text(f"person-{maya.id}")
    done = browser_for.post(f"/ui/people/{maya.id}/disable")
    assert done.status_code == 200
    assert "Maya Chen is disabled" in Page(done.text).text("done")

    assert client.get("/ui/load", follow_redirects=False).status_code == 303
    assert client.get("/v1/needs", headers=key).status_code == 401
    client.cookies.clear()
    disabled = client.post("/ui/login", data={"email": MAYA, "password": PASSWORD})
    assert disabled.status_code == 403
    assert "This account is disabled" in disabled.text
    assert sign_in(client, MAYA, "a wrong password") == 401  # nothing said without it

    assert browser_for.post(f"/ui/people/{maya.id}/enable").status_code == 200
    assert sign_in(client, MAYA) == 303
    assert client.get("/v1/needs", headers=key).status_code == 401  # a key stays revoked
    # Nobody disables themselves.
    dana = _people(db)[1]
    assert browser_for.post(f"/ui/people/{dana.id}/disable").status_code == 409


def test_a_convener_cannot_invite_or_disable_an_admin(
    client: TestClient, auth: AuthFor, db: Database, smtp: SmtpServer, worker: MailWorker
) -> None:
    convener = auth(Role.convener)
    body = {"email": "boss@riverbend-cc.example", "name": "Bo Ss", "role": "admin"}
    refused = client.post("/v1/people", json=body, headers=convener)
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    [error] = refused.json()["errors"]
    assert error["field"] == "role"
    assert "only an admin invites an admin" in error["message"]

    # The page offers no admin role to a convener, and refuses one posted anyway.
    make_person(db, "dana@riverbend-cc.example", "Dana Okafor", Role.convener)
    assert sign_in(client, "dana@riverbend-cc.example") == 303
    page = Page(client.get("/ui/people").text)
    assert "admin" not in page.text("f-role")
    posted = client.post("/ui/people", data=body)
    assert posted.status_code == 403
    assert "only an admin invites an admin" in Page(posted.text).text("f-role-error")
    assert worker.send_due() == 0
    assert [p.email for p in _people(db)] == ["dana@riverbend-cc.example"]

    # An address someone signs in with, in another case: 409 naming email.
    again = client.post(
        "/v1/people",
        json=body | {"email": "DANA@riverbend-cc.example", "role": "viewer"},
        headers=convener,
    )
    assert again.status_code == 409
    assert [e["field"] for e in again.json()["errors"]] == ["email"]
    boss = make_person(db, "boss@riverbend-cc.example", "Bo Ss", Role.admin)
    assert client.post(f"/v1/people/{boss.id}/disable", headers=convener).status_code == 403
    assert client.post(f"/ui/people/{boss.id}/disable").status_code == 403
    assert _people(db)[1].disabled_at is None


def test_a_name_with_line_breaks_adds_no_header_to_the_invitation(
    client: TestClient, smtp: SmtpServer, worker: MailWorker, db: Database
) -> None:
    with db.sessionmaker.begin() as session:
        _, key = create_key(session, "Ops\r\nX-Injected: yes", Role.admin)
    name = "Eve\r\nBcc: mallory@evil.example\r\n\r\nInjected body"
    made = client.post(
        "/v1/people",
        json={"email": "eve@riverbend-cc.example", "name": name, "role": "viewer"},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert made.status_code == 201, made.text
    assert made.json()["name"] == "Eve Bcc: mallory@evil.example Injected body"
    assert worker.send_due() == 1
    [got] = smtp.received
    assert got.rcpt_tos == ["eve@riverbend-cc.example"]
    mail = got.message
    assert mail["Bcc"] is None
    assert mail["X-Injected"] is None
    assert mail["Subject"] == "Ops X-Injected: yes invites you to Partner Match"
    assert mail["To"].addresses[0].addr_spec == "eve@riverbend-cc.example"
    assert "mallory" not in str(mail["To"].addresses[0].domain)
    with db.sessionmaker() as session:
        assert session.scalar(select(func.count()).select_from(MailMessage)) == 1


def test_every_people_form_refuses_a_post_from_another_site(
    client: TestClient, db: Database
) -> None:
    maya = make_person(db, MAYA, "Maya Chen", Role.admin)
    assert sign_in(client, MAYA) == 303
    evil = {"Origin": "https://evil.example"}
    for path, data in (
        ("/ui/login", {"email": MAYA, "password": PASSWORD}),
        ("/ui/reset", {"email": MAYA}),
        ("/ui/invite/" + "x" * 43, {"password": PASSWORD, "confirm": PASSWORD}),
        ("/ui/reset/" + "x" * 43, {"password": PASSWORD, "confirm": PASSWORD}),
        ("/ui/people", {"email": "e@x.example", "name": "E", "role": "viewer"}),
        (f"/ui/people/{maya.id}/disable", {}),
        ("/ui/logout", {}),
    ):
        answer = client.post(path, data=data, headers=evil, follow_redirects=False)
        assert answer.status_code == 403, path
    assert len(_people(db)) == 1
    assert client.get("/ui/load", follow_redirects=False).status_code == 200  # still in
    assert re.search(r"Maya Chen", client.get("/ui/people").text)
