"""Single sign-on with OpenID Connect: the authorization code flow with PKCE, for people who
were invited already (a provider's account opens no account here).

`start` makes the address to send the browser to and the `Flow` it must bring back (state,
nonce, PKCE verifier, made with authlib: kept in a short-lived cookie of its own); `finish`
checks the state, exchanges the code for tokens (client secret and verifier), checks the ID
token's signature against the provider's published keys and its issuer, audience, expiry and
nonce (joserfc, authlib's JOSE library), and answers who signed in. The provider's
configuration and keys are read on first use and kept for an hour (keys read again when a
token names a key not seen yet).

Every call here is blocking (httpx): the pages call it from plain `def` routes, in the thread
pool, never on the event loop.
"""

import base64
import binascii
import json
import threading
import time
from dataclasses import asdict, dataclass
from hmac import compare_digest
from typing import Any

import httpx
from authlib.common.security import generate_token
from authlib.common.urls import add_params_to_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from app.config import Settings

#: Seconds a sign-in may take between leaving for the provider and coming back.
FLOW_SECONDS = 600
#: Seconds the provider's configuration and keys are kept.
KEEP_SECONDS = 3600
#: Seconds any call to the provider may take.
TIMEOUT = 10.0
#: What the provider's discovery document must name.
ENDPOINTS = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
#: Signatures accepted on an ID token (never "none", never a shared-secret HMAC).
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"]


class SignOnRefused(Exception):
    """A sign-in that cannot go on, with what the person is told."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


@dataclass(frozen=True)
class Flow:
    """What the browser brings back from the provider: the state to compare, the nonce the
    ID token must carry, the PKCE verifier, and the page to go to once signed in."""

    state: str
    nonce: str
    verifier: str
    next: str

    def cookie(self) -> str:
        return base64.urlsafe_b64encode(json.dumps(asdict(self)).encode()).decode()

    @classmethod
    def from_cookie(cls, value: str | None) -> "Flow | None":
        if not value or len(value) > 4096:
            return None
        try:
            fields = json.loads(base64.urlsafe_b64decode(value.encode()))
            return cls(**{k: str(fields[k]) for k in ("state", "nonce", "verifier", "next")})
        except (binascii.Error, ValueError, KeyError, TypeError):
            return None


@dataclass(frozen=True)
class SignedOn:
    """Who the provider says signed in."""

    email: str
    name: str
    subject: str


def configured(settings: Settings) -> bool:
    return settings.oidc_issuer is not None


_lock = threading.Lock()
_providers: dict[str, tuple[float, Provider]] = {}
_keys: dict[str, tuple[float, KeySet]] = {}


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = httpx.get(url, timeout=TIMEOUT, follow_redirects=False)
        response.raise_for_status()
        found = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise SignOnRefused(
            "the sign-on provider could not be reached; try again, or sign in with your password"
        ) from exc
    if not isinstance(found, dict):
        raise SignOnRefused("the sign-on provider answered something unexpected")
    return found


def provider(settings: Settings) -> Provider:
    """The provider's endpoints, read from its discovery document (kept an hour)."""
    issuer = str(settings.oidc_issuer).rstrip("/")
    with _lock:
        kept = _providers.get(issuer)
        if kept and time.monotonic() - kept[0] < KEEP_SECONDS:
            return kept[1]
    found = _get_json(f"{issuer}/.well-known/openid-configuration")
    try:
        made = Provider(**{k: str(found[k]) for k in ENDPOINTS})
    except KeyError as exc:
        raise SignOnRefused("the sign-on provider's configuration is incomplete") from exc
    if made.issuer.rstrip("/") != issuer:  # OpenID Connect Discovery 4.3
        raise SignOnRefused("the sign-on provider names another issuer than OIDC_ISSUER")
    with _lock:
        _providers[issuer] = (time.monotonic(), made)
    return made


def _key_set(found: Provider, *, fresh: bool = False) -> KeySet:
    with _lock:
        kept = _keys.get(found.jwks_uri)
        if kept and not fresh and time.monotonic() - kept[0] < KEEP_SECONDS:
            return kept[1]
    try:
        keys = KeySet.import_key_set(_get_json(found.jwks_uri))  # type: ignore[arg-type]
    except (JoseError, ValueError, TypeError) as exc:
        raise SignOnRefused("the sign-on provider's keys could not be read") from exc
    with _lock:
        _keys[found.jwks_uri] = (time.monotonic(), keys)
    return keys


def start(settings: Settings, redirect_uri: str, next_path: str) -> tuple[str, Flow]:
    """The provider's address to send the browser to, and the flow it must come back with."""
    found = provider(settings)
    flow = Flow(generate_token(32), generate_token(32), generate_token(64), next_path)
    url = add_params_to_uri(found.authorization_endpoint, [
        ("response_type", "code"), ("client_id", str(settings.oidc_client_id)),
        ("redirect_uri", redirect_uri), ("scope", "openid email profile"),
        ("state", flow.state), ("nonce", flow.nonce),
        ("code_challenge", create_s256_code_challenge(flow.verifier)),
        ("code_challenge_method", "S256"),
    ])  # fmt: skip
    return url, flow


def _exchange(settings: Settings, found: Provider, redirect_uri: str, code: str, verifier: str
              ) -> dict[str, Any]:  # fmt: skip
    """The provider's tokens for `code` (client_secret_basic, with the PKCE verifier)."""
    secret = settings.oidc_client_secret
    try:
        response = httpx.post(
            found.token_endpoint,
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "code_verifier": verifier,
            },  # fmt: skip
            auth=(str(settings.oidc_client_id), secret.get_secret_value() if secret else ""),
            headers={"Accept": "application/json"},
            timeout=TIMEOUT,
            follow_redirects=False,
        )
        token = response.json() if response.status_code == 200 else None
    except (httpx.HTTPError, ValueError) as exc:
        raise SignOnRefused(
            "the sign-on provider could not be reached; try again, or sign in with your password"
        ) from exc
    if not isinstance(token, dict):
        raise SignOnRefused(
            "the sign-on provider refused the sign-in (the code may have been used); start again"
        )
    return token


def finish(settings: Settings, redirect_uri: str, flow: Flow, params: dict[str, str]) -> SignedOn:
    """Who signed in, from the provider's answer (`params`: the callback's query) to `flow`;
    SignOnRefused says why not."""
    if params.get("error"):
        said = params.get("error_description") or params["error"]
        raise SignOnRefused(f"the sign-on provider did not sign you in ({said[:200]})")
    if not compare_digest(params.get("state", "").encode(), flow.state.encode()):
        raise SignOnRefused("this sign-in was not started from this browser; start again")
    code = params.get("code", "")
    if not code or len(code) > 2048:
        raise SignOnRefused("the sign-on provider sent no code back; start again")
    found = provider(settings)
    token = _exchange(settings, found, redirect_uri, code, flow.verifier)
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise SignOnRefused("the sign-on provider sent no ID token")
    claims = _claims(settings, found, flow, id_token)
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        raise SignOnRefused("the sign-on provider gave no email address for you")
    if claims.get("email_verified") is False:
        raise SignOnRefused(f"the sign-on provider has not verified {email}")
    name = claims.get("name")
    return SignedOn(email.strip(), name if isinstance(name, str) else "", str(claims["sub"]))


def _claims(settings: Settings, found: Provider, flow: Flow, id_token: str) -> dict[str, Any]:
    """The ID token's claims, once its signature, issuer, audience, expiry and nonce hold."""
    registry = jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": found.issuer},
        aud={"essential": True, "value": str(settings.oidc_client_id)},
        sub={"essential": True},
        exp={"essential": True},
        nonce={"essential": True, "value": flow.nonce},
    )
    try:
        token = jwt.decode(id_token, _key_set(found), algorithms=ALGORITHMS)
    except (JoseError, ValueError):
        # Perhaps signed with a key rotated in since the keys were read: read them again, once.
        try:
            token = jwt.decode(id_token, _key_set(found, fresh=True), algorithms=ALGORITHMS)
        except (JoseError, ValueError) as exc:
            raise SignOnRefused("the sign-on provider's ID token did not check out") from exc
    try:
        registry.validate(token.claims)
    except JoseError as exc:
        raise SignOnRefused(
            f"the sign-on provider's ID token did not check out ({exc.error})"
        ) from exc
    return dict(token.claims)
