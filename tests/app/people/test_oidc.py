"""Single sign-on with OpenID Connect against a real provider on loopback (oidc-provider-mock,
on both databases): an invited person signs in through the provider and lands where they were
going, as themselves; an address with no account here, a disabled person, a callback forged
or brought by another browser, a provider that denies or cannot be reached: each gets the
sign-in page with why, and no session."""

import base64
import json
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import oidc_provider_mock
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.main import create_app
from app.people import oidc
from app.people import service as people
from app.people.service import Actor
from app.ui.session import COOKIE
from tests.app.mail.conftest import SmtpServer, free_port, settings_for
from tests.app.people.conftest import PASSWORD

MAYA = "maya.chen@riverbend-cc.example"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with oidc_provider_mock.run_server_in_thread(require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def settings(db: Database, smtp: SmtpServer, provider: str) -> Settings:
    oidc._providers.clear()  # each test reads the provider's configuration afresh
    oidc._keys.clear()
    return settings_for(db, smtp, oidc_issuer=provider, oidc_client_id="partner-match",
                        oidc_client_secret="s3cret", oidc_name="Riverbend SSO")  # fmt: skip


@pytest.fixture
def app(db: Database, settings: Settings) -> FastAPI:
    return create_app(settings, db=db)


@pytest.fixture
def maya(db: Database) -> int:
    with db.sessionmaker.begin() as session:
        person, _ = people.ensure_person(
            session, email=MAYA, name="Maya Chen", role=Role.recruiter, password=PASSWORD,
            by="tests",
        )  # fmt: skip
        return person.id


def _through_provider(client: TestClient, provider: str, sub: str, **claims: object) -> str:
    """Start a sign-in, sign in at the provider as `sub` with `claims`, and answer the
    callback's address (path and query) the provider sends the browser back to."""
    httpx.put(f"{provider}/users/{quote(sub)}", json={"email": sub, **claims}).raise_for_status()
    start = client.get("/ui/oidc/start", params={"next": "/ui/needs"}, follow_redirects=False)
    assert start.status_code == 303, start.text
    sent = urlsplit(start.headers["location"])
    query = parse_qs(sent.query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["redirect_uri"] == ["http://testserver/ui/oidc/callback"]
    assert {"state", "nonce", "code_challenge"} <= set(query)
    back = httpx.post(start.headers["location"], data={"sub": sub})
    assert back.status_code == 302, back.text
    found = urlsplit(back.headers["location"])
    assert found.path == "/ui/oidc/callback"
    return f"{found.path}?{found.query}"


def test_an_invited_person_signs_in_through_the_provider_as_themselves(
    client: TestClient, provider: str, maya: int
) -> None:
    login = client.get("/ui/login")
    assert "Sign in with Riverbend SSO" in login.text
    callback = _through_provider(client, provider, MAYA, name="Maya C.", email_verified=True)
    signed = client.get(callback)
    assert signed.status_code == 200, signed.text
    assert '<meta http-equiv="refresh" content="0; url=/ui/needs">' in signed.text
    assert "Welcome, Maya Chen" in signed.text
    assert client.cookies.get(COOKIE)
    page = client.get("/ui/needs")
    assert page.status_code == 200
    assert "Maya Chen" in page.text
    assert "(recruiter)" in page.text
    # The flow's cookie is spent: the same answer again opens nothing.
    again = client.get(callback)
    assert again.status_code == 400
    assert "not started from this browser" in again.text


def test_an_address_with_no_account_or_a_disabled_one_is_not_signed_in(
    client: TestClient, provider: str, maya: int, db: Database
) -> None:
    stranger = client.get(_through_provider(client, provider, "eve@elsewhere.example"))
    assert stranger.status_code == 403
    assert "There is no account here for eve@elsewhere.example" in stranger.text
    assert not client.cookies.get(COOKIE)
    with db.sessionmaker.begin() as session:
        admin, _ = people.ensure_person(session, email="admin@riverbend-cc.example",
                                        name="Ada Admin", role=Role.admin, password=PASSWORD,
                                        by="tests")  # fmt: skip
        people.disable(session, Actor.of_person(admin), maya)
    disabled = client.get(_through_provider(client, provider, MAYA))
    assert disabled.status_code == 403
    assert not client.cookies.get(COOKIE)


def test_a_forged_or_foreign_callback_and_an_unverified_address_sign_in_no_one(
    client: TestClient, app: FastAPI, provider: str, maya: int
) -> None:
    callback = _through_provider(client, provider, MAYA)
    forged = callback.replace("state=", "state=x")
    assert client.get(forged).status_code == 400
    # The same answer brought by another browser (no flow cookie of its own).
    with TestClient(app) as other:
        refused = other.get(callback)
        assert refused.status_code == 400
        assert "not started from this browser" in refused.text
        assert not other.cookies.get(COOKIE)
    unverified = client.get(_through_provider(client, provider, MAYA, email_verified=False))
    assert unverified.status_code == 400
    assert "has not verified" in unverified.text
    assert not client.cookies.get(COOKIE)


def test_a_provider_that_denies_or_is_down_gets_a_plain_answer(
    client: TestClient, provider: str, db: Database, smtp: SmtpServer, maya: int
) -> None:
    start = client.get("/ui/oidc/start", follow_redirects=False)
    denied = httpx.post(start.headers["location"], data={"action": "deny"})
    back = urlsplit(denied.headers["location"])
    answer = client.get(f"{back.path}?{back.query}")
    assert answer.status_code == 400
    assert "did not sign you in" in answer.text, answer.text

    oidc._providers.clear()
    down = settings_for(db, smtp, oidc_issuer=f"http://127.0.0.1:{free_port()}",
                        oidc_client_id="partner-match", oidc_client_secret="s3cret")  # fmt: skip
    with TestClient(create_app(down, db=db)) as offline:
        page = offline.get("/ui/oidc/start", follow_redirects=False)
        assert page.status_code == 502
        assert "could not be reached" in page.text


def test_without_settings_there_is_no_single_sign_on(db: Database, smtp: SmtpServer) -> None:
    with TestClient(create_app(settings_for(db, smtp), db=db)) as plain:
        assert plain.get("/ui/oidc/start").status_code == 404
        assert plain.get("/ui/oidc/callback?code=x&state=y").status_code == 404
        assert 'id="sso"' not in plain.get("/ui/login").text
    with pytest.raises(ValueError, match="go together"):
        Settings(oidc_issuer="https://id.example")


@pytest.mark.parametrize(
    ("case", "said"),
    [
        ("good", None),
        ("other_key", "did not check out"),
        ("other_audience", "did not check out"),
        ("other_nonce", "did not check out"),
        ("expired", "did not check out"),
        ("unsigned", "did not check out"),
    ],
)
def test_an_id_token_counts_only_signed_by_the_provider_for_this_client_and_sign_in(
    monkeypatch: pytest.MonkeyPatch, case: str, said: str | None
) -> None:
    """The ID token's checks, one by one: the provider's key (a token signed with another
    key, or with none, is refused even after reading the keys again), this client as its
    audience, this sign-in's nonce, not expired."""
    ours, theirs = RSAKey.generate_key(2048), RSAKey.generate_key(2048)
    published = KeySet([ours]).as_dict(private=False)
    monkeypatch.setattr(oidc, "_get_json", lambda url: published)
    found = oidc.Provider("https://id.example", "https://id.example/a", "https://id.example/t",
                          "https://id.example/jwks")  # fmt: skip
    settings = Settings(oidc_issuer="https://id.example", oidc_client_id="partner-match",
                        oidc_client_secret="s3cret")  # fmt: skip
    flow = oidc.Flow("state", "nonce-1", "verifier", "/ui/load")
    now = int(time.time())
    claims: dict[str, object] = {"iss": "https://id.example", "aud": "partner-match", "sub": "maya",
              "exp": now + 300, "iat": now, "nonce": "nonce-1", "email": MAYA}  # fmt: skip
    changes: dict[str, dict[str, object]] = {
        "other_audience": {"aud": "someone-else"}, "other_nonce": {"nonce": "nonce-2"},
        "expired": {"exp": now - 60},
    }  # fmt: skip
    claims |= changes.get(case, {})
    key = theirs if case == "other_key" else ours
    if case == "unsigned":

        def part(value: dict[str, object]) -> str:
            return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

        token = f"{part({'alg': 'none'})}.{part(claims)}."
    else:
        token = jwt.encode({"alg": "RS256", "kid": ours.kid}, claims, key)
    oidc._keys.clear()
    if said is None:
        assert oidc._claims(settings, found, flow, token)["email"] == MAYA
    else:
        with pytest.raises(oidc.SignOnRefused, match=said):
            oidc._claims(settings, found, flow, token)


def test_a_flow_cookie_naming_another_site_still_lands_on_this_one(
    client: TestClient, provider: str, maya: int
) -> None:
    """The page to go to after signing in rides in the flow's cookie: one edited to name
    another site (or a script) is read as this site's home, never followed."""
    for target in ("https://evil.example/phish", "javascript:alert(1)", "//evil.example"):
        callback = _through_provider(client, provider, MAYA)
        flow = oidc.Flow.from_cookie(client.cookies.get("pm_oidc"))
        assert flow is not None
        client.cookies.clear()
        edited = oidc.Flow(flow.state, flow.nonce, flow.verifier, target)
        client.cookies.set("pm_oidc", edited.cookie(), domain="testserver.local", path="/ui/oidc")
        landed = client.get(callback)
        assert landed.status_code == 200, landed.text
        assert target not in landed.text
        assert 'content="0; url=/ui/load"' in landed.text
