"""Issuing and checking API keys. Keys are random 256-bit tokens, so a plain SHA-256 digest
is enough to store them safely (a slow password hash protects guessable secrets, not these)."""

import hashlib
import logging
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.auth.models import ApiKey, Role, WebSession
from app.db import SQLITE_BUSY_SECONDS
from app.errors import NotFound
from app.types import utcnow

log = logging.getLogger(__name__)

KEY_PREFIX = "pm_"
# last_used_at is a hint for admins; writing it on every request would turn reads into writes.
LAST_USED_RESOLUTION = timedelta(minutes=10)
#: How long noting a key's last use may wait for another writer.
HINT_WAIT_MS = 200


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def bearer_digest(authorization: str) -> str:
    """The digest of the key in an `Authorization: Bearer <key>` header: who sent a request,
    known without a database lookup (the middlewares key their state by it)."""
    return digest(authorization.removeprefix("Bearer ").strip())


def create_key(
    session: Session, name: str, role: Role, owner_id: int | None = None
) -> tuple[ApiKey, str]:
    """Store a new key's digest; the plain key is returned once and never kept. `owner_id`:
    the person it works for (None: a service key)."""
    plain = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(name=name, role=role, prefix=plain[:10], key_hash=digest(plain), owner_id=owner_id)
    session.add(row)
    session.flush()
    return row, plain


def is_live(session: Session, key_hash: str) -> bool:
    """Whether a key with this digest exists and is not revoked (no side effects)."""
    found = session.scalar(
        select(ApiKey.id).where(ApiKey.key_hash == key_hash, ApiKey.revoked_at.is_(None))
    )
    return found is not None


def authenticate(session: Session, presented: str) -> ApiKey | None:
    """The live key matching `presented`, or None."""
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == digest(presented)))
    if row is None or row.revoked_at is not None:
        return None
    now = utcnow()
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_RESOLUTION:
        _touch(session, row, now)
    return row


def _touch(session: Session, row: ApiKey, now: datetime) -> None:
    """Note when a key was last used, committed at once on a connection of its own: the
    request's transaction stays a read until it writes something of its own. (Written in it,
    the hint held SQLite's write lock for the whole request, and every other writer meanwhile
    (a plan storing the vectors of the needs it reads, the background embedder) waited for
    the busy timeout.)"""
    bind = session.get_bind()
    if not isinstance(bind, Engine):  # a session on a caller's connection: write it there
        row.last_used_at = now
        return
    try:
        with bind.begin() as conn:
            # A hint waits for no one: another writer holding the lock (SQLite's one writer, a
            # row lock in PostgreSQL) makes it give up within a moment, not the request wait
            # for the whole busy timeout (30 s on SQLite: a GET read out in 10 s failed so).
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {HINT_WAIT_MS}")
            else:
                conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{HINT_WAIT_MS}ms'")
            try:
                conn.execute(update(ApiKey).where(ApiKey.id == row.id).values(last_used_at=now))
            finally:
                if conn.dialect.name == "sqlite":  # the connection goes back to the pool
                    conn.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_BUSY_SECONDS * 1000}")
    except SQLAlchemyError:  # a hint: the database is busy or no connection is free; next time
        log.info("api key %d: last use not noted (database busy)", row.id)
        return
    set_committed_value(row, "last_used_at", now)


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))


def revoke_key(session: Session, key_id: int) -> ApiKey:
    row = session.get(ApiKey, key_id)
    if row is None:
        raise NotFound(f"api key {key_id} does not exist")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
    session.flush()
    return row


# ---------------------------------------------------------------------- web pages' sessions


def start_session(session: Session, key: ApiKey, lasts: timedelta) -> str:
    """A session for a browser signed in with `key`: the value for its cookie, a random
    token (only its digest is stored) and the key's digest, by which the rate limit counts
    pages and API calls of one key together without reading the database (a digest opens
    nothing; the session checks it is its key's). Sessions expired a day ago or more are
    cleared on the way."""
    token = _new_session(session, lasts, api_key_id=key.id)
    return f"{token}.{key.key_hash}"


def start_person_session(session: Session, person_id: int, lasts: timedelta) -> str:
    """A session for a person signed in with their password: the value for its cookie, a
    random token alone (the rate limit then counts by its digest: the session's own)."""
    return _new_session(session, lasts, person_id=person_id)


def _new_session(
    session: Session, lasts: timedelta, *, api_key_id: int | None = None,
    person_id: int | None = None,
) -> str:  # fmt: skip
    now = utcnow()
    session.execute(delete(WebSession).where(WebSession.expires_at < now - timedelta(days=1)))
    token = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            token_hash=digest(token),
            api_key_id=api_key_id,
            person_id=person_id,
            expires_at=now + lasts,
        )
    )
    session.flush()
    return token


def cookie_parts(cookie: str) -> tuple[str, str]:
    """(session token, key digest) of a session cookie's value."""
    token, _, key_hash = cookie.partition(".")
    return token, key_hash


def session_key(session: Session, cookie: str) -> ApiKey | None:
    """The live key of the session a cookie names: None when there is no such session, or
    it ended (logout), expired, its key was revoked, or the cookie names another key."""
    now = utcnow()
    token, key_hash = cookie_parts(cookie)
    row = session.execute(
        select(ApiKey, WebSession.id)
        .join(WebSession, WebSession.api_key_id == ApiKey.id)
        .where(WebSession.token_hash == digest(token), WebSession.ended_at.is_(None),
               WebSession.expires_at > now, ApiKey.revoked_at.is_(None),
               ApiKey.key_hash == key_hash)
    ).first()  # fmt: skip
    if row is None:
        return None
    key: ApiKey = row[0]
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        _touch(session, key, now)
    return key


def session_person_id(session: Session, cookie: str) -> int | None:
    """The person whose live session a cookie names (a person's cookie is a token alone),
    or None. Whether the person may still sign in is theirs to say (app.people)."""
    token, key_hash = cookie_parts(cookie)
    if key_hash:
        return None
    found: int | None = session.scalar(
        select(WebSession.person_id).where(
            WebSession.token_hash == digest(token),
            WebSession.person_id.is_not(None),
            WebSession.ended_at.is_(None),
            WebSession.expires_at > utcnow(),
        )
    )
    return found


def end_person_sessions(session: Session, person_id: int) -> int:
    """End every live session of a person at once (disabled, or a new password set); how
    many there were."""
    ended = session.execute(
        update(WebSession)
        .where(WebSession.person_id == person_id, WebSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    return int(getattr(ended, "rowcount", 0) or 0)


def revoke_person_keys(session: Session, person_id: int) -> int:
    """Revoke every live key a person owns (their key sessions end with them); how many."""
    revoked = session.execute(
        update(ApiKey)
        .where(ApiKey.owner_id == person_id, ApiKey.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return int(getattr(revoked, "rowcount", 0) or 0)


def end_session(session: Session, cookie: str) -> None:
    """End the session a cookie names (logout); an unknown one changes nothing."""
    token, _ = cookie_parts(cookie)
    session.execute(
        update(WebSession)
        .where(WebSession.token_hash == digest(token), WebSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
