"""Signing secrets at rest: the stored column is a Fernet token, never the secret; deliveries
are still signed with the secret; keys rotate (a new key first, the old one still decrypting,
`partnermatch webhooks reencrypt` moving every secret to the new one); a wrong or unusable key
fails webhook signing with a clear reason and nothing else; the migration encrypts what was
stored as issued, and its downgrade decrypts it."""

import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from cryptography.fernet import Fernet, InvalidToken
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, Table, make_url, text
from standardwebhooks.webhooks import Webhook

from app.config import Settings
from app.db import Database
from app.main import create_app
from app.migrate import alembic_config
from app.webhooks import keyring as keyring_module
from app.webhooks.keyring import (
    KEY_FILE_NAME,
    KeysUnusable,
    SecretUnreadable,
    key_file,
    keyring_for,
    load_keyring,
)
from app.webhooks.service import new_secret
from app.webhooks.worker import KEYS_UNUSABLE, SECRET_UNREADABLE
from tests.app.webhooks.conftest import MakeWorker, Receiver, settings_for
from tests.app.webhooks.test_delivery import _ask, _deliveries

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()


def _stored(db: Database) -> dict[int, str]:
    """The raw column, read past the models."""
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, encrypted_secret FROM webhook_endpoints"))
        return {row.id: row.encrypted_secret for row in rows}


@pytest.fixture
def served(db: Database) -> Iterator[Any]:
    """Clients of the API run with the given settings (closed at the end)."""
    clients: list[TestClient] = []

    def serve(**over: Any) -> TestClient:
        client = TestClient(create_app(settings_for(db, **over), db=db))
        clients.append(client.__enter__())
        return client

    yield serve
    for client in clients:
        client.__exit__(None, None, None)


def _subscribe(client: TestClient, headers: dict[str, str], url: str) -> dict[str, Any]:
    response = client.post(
        "/v1/webhooks", json={"url": url, "events": ["engagement.created"]}, headers=headers
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _verified(receiver: Receiver, secret: str) -> dict[str, Any]:
    received = receiver.received[-1]
    event: dict[str, Any] = Webhook(secret).verify(received.body, received.headers)
    return event


def test_the_stored_secret_is_ciphertext_and_deliveries_are_signed_with_the_secret(
    db: Database,
    client: TestClient,
    convener: dict[str, str],
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    hook = _subscribe(client, convener, receiver.url)
    secret = hook["secret"]
    stored = _stored(db)[hook["id"]]
    assert stored != secret
    assert not stored.startswith("whsec_")
    assert secret.removeprefix("whsec_") not in stored
    with db.engine.connect() as conn:  # nor anywhere else in the row
        row = conn.execute(text("SELECT * FROM webhook_endpoints")).one()
    assert not any(secret.removeprefix("whsec_") in str(value) for value in row)
    # No setting: the key made once beside the SQLite file (data/ for PostgreSQL).
    path = key_file(db.url)
    if db.engine.dialect.name == "sqlite":
        assert path == Path(str(make_url(db.url).database)).parent / KEY_FILE_NAME
    assert Fernet(path.read_text().strip()).decrypt(stored.encode()).decode() == secret

    _ask(client, convener)
    assert make_worker().deliver_due() == 1
    assert _verified(receiver, secret)["type"] == "engagement.created"
    # Reads never show the secret, nor what is stored.
    for path_ in (
        f"/v1/webhooks/{hook['id']}",
        "/v1/webhooks",
        f"/v1/webhooks/{hook['id']}/deliveries",
    ):
        answer = client.get(path_, headers=convener).text
        assert secret not in answer
        assert stored not in answer


def test_keys_rotate_the_old_one_decrypting_until_reencrypt_moves_every_secret(
    db: Database,
    served: Any,
    convener: dict[str, str],
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    before = served(webhook_secret_keys=[OLD])
    first = _subscribe(before, convener, receiver.url)
    # The new key goes first; the old one, second, still decrypts what it encrypted.
    after = served(webhook_secret_keys=[NEW, OLD])
    second = _subscribe(after, convener, receiver.url)
    stored = _stored(db)
    assert Fernet(OLD).decrypt(stored[first["id"]].encode()).decode() == first["secret"]
    assert Fernet(NEW).decrypt(stored[second["id"]].encode()).decode() == second["secret"]

    _ask(after, convener)
    assert make_worker(webhook_secret_keys=[NEW, OLD]).deliver_due() == 2
    assert {r.headers["webhook-signature"] for r in receiver.received} != set()
    verified = set()
    for received in receiver.received:
        for hook in (first, second):
            try:
                Webhook(hook["secret"]).verify(received.body, received.headers)
            except Exception:  # signed with the other endpoint's secret
                continue
            verified.add(hook["id"])
    assert verified == {first["id"], second["id"]}

    # Re-encrypt (the command, as an operator runs it): the old key's secret moves to the new.
    moved = _run(["webhooks", "reencrypt"], db.url, f"{NEW},{OLD}")
    assert moved.returncode == 0, moved.stderr
    assert "1 webhook secrets re-encrypted with the first key, 1 already were" in moved.stdout
    for id_, value in _stored(db).items():
        hook = first if id_ == first["id"] else second
        assert Fernet(NEW).decrypt(value.encode()).decode() == hook["secret"]
        with pytest.raises(InvalidToken):
            Fernet(OLD).decrypt(value.encode())
    again = _run(["webhooks", "reencrypt"], db.url, f"{NEW},{OLD}")
    assert "0 webhook secrets re-encrypted with the first key, 2 already were" in again.stdout

    # The old key can go now: the new one alone signs both.
    receiver.received.clear()
    _ask(after, convener)
    assert make_worker(webhook_secret_keys=[NEW]).deliver_due() == 2
    assert len(receiver.received) == 2


def test_reencrypt_changes_nothing_when_a_secret_opens_with_no_key(
    db: Database, served: Any, convener: dict[str, str], receiver: Receiver
) -> None:
    hook = _subscribe(served(webhook_secret_keys=[OLD]), convener, receiver.url)
    before = _stored(db)
    # The old key dropped before the re-encryption: said, with the endpoint, and nothing written.
    done = _run(["webhooks", "reencrypt"], db.url, NEW)
    assert done.returncode == 1
    assert f"nothing re-encrypted: webhook {hook['id']}: no key in WEBHOOK_SECRET_KEYS" in (
        done.stderr
    )
    assert NEW not in done.stderr + done.stdout
    assert _stored(db) == before
    unusable = _run(["webhooks", "reencrypt"], db.url, "not-a-key")
    assert unusable.returncode == 1
    assert "WEBHOOK_SECRET_KEYS is not a Fernet key" in unusable.stderr


def _run(args: list[str], db_url: str, keys: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"DATABASE_URL": db_url, "WEBHOOK_SECRET_KEYS": keys}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_wrong_key_fails_the_delivery_with_a_reason_and_nothing_else(
    db: Database,
    served: Any,
    convener: dict[str, str],
    receiver: Receiver,
    make_worker: MakeWorker,
    caplog: pytest.LogCaptureFixture,
) -> None:
    hook = _subscribe(served(webhook_secret_keys=[OLD]), convener, receiver.url)
    # The key that encrypted the secret is gone (a lost key file, a rotation done too soon).
    wrong = served(webhook_secret_keys=[NEW])
    _ask(wrong, convener)
    with caplog.at_level(logging.ERROR, logger="app.webhooks.worker"):
        assert make_worker(webhook_secret_keys=[NEW]).deliver_due() == 1
    assert receiver.received == []  # nothing unsigned or wrongly signed was sent
    [delivery] = _deliveries(wrong, convener, hook)
    assert delivery["status"] == "pending"  # retried: a key put back lets it through
    [attempt] = delivery["attempts"]
    assert attempt["status_code"] is None
    assert attempt["summary"] == SECRET_UNREADABLE
    assert "no key in WEBHOOK_SECRET_KEYS decrypts the stored secret" in caplog.text
    assert NEW not in caplog.text
    assert OLD not in caplog.text

    # Everything else works as before, webhook reads and new webhooks included.
    assert wrong.get("/v1/organizations", headers=convener).status_code == 200
    assert wrong.get(f"/v1/webhooks/{hook['id']}", headers=convener).status_code == 200
    assert _subscribe(wrong, convener, receiver.url)["secret"].startswith("whsec_")

    # The old key put back (second): the same delivery goes through, correctly signed.
    fixed = make_worker(webhook_secret_keys=[NEW, OLD])
    due = datetime.fromisoformat(delivery["next_attempt_at"])
    assert fixed.deliver_due(now=due) == 1
    assert _verified(receiver, hook["secret"])["type"] == "engagement.created"


def test_keys_that_are_not_fernet_keys_stop_webhook_signing_only(
    db: Database,
    served: Any,
    convener: dict[str, str],
    receiver: Receiver,
    make_worker: MakeWorker,
    caplog: pytest.LogCaptureFixture,
) -> None:
    hook = _subscribe(served(), convener, receiver.url)
    bad = "c2hvcnQ="  # base64, but not 32 bytes
    with caplog.at_level(logging.ERROR):
        broken = served(webhook_secret_keys=[NEW, bad])
        made = broken.post(
            "/v1/webhooks",
            json={"url": receiver.url, "events": ["engagement.created"]},
            headers=convener,
        )
        assert made.status_code == 503
        assert made.headers["content-type"] == "application/problem+json"
        assert "WEBHOOK_SECRET_KEYS setting is not usable" in made.json()["detail"]
        assert "no webhook was created" in made.json()["detail"]
        _ask(broken, convener)
        started = make_worker(webhook_secret_keys=[NEW, bad])
        started.start()  # says so at startup
        started.stop()
        assert make_worker(webhook_secret_keys=[NEW, bad]).deliver_due() == 1
    assert "key 2 of 2 in WEBHOOK_SECRET_KEYS is not a Fernet key" in caplog.text
    assert "webhook deliveries cannot be signed" in caplog.text
    assert bad not in caplog.text
    assert NEW not in caplog.text
    [delivery] = _deliveries(broken, convener, hook)
    assert delivery["attempts"][0]["summary"] == KEYS_UNUSABLE
    assert receiver.received == []
    # Nothing else is touched: reads, other routes, health.
    assert broken.get("/v1/webhooks", headers=convener).status_code == 200
    assert broken.get("/v1/organizations", headers=convener).status_code == 200
    assert broken.get("/health").status_code == 200
    # Nor are the keys shown with the settings.
    assert NEW not in repr(settings_for(db, webhook_secret_keys=[NEW]))


def test_the_setting_is_read_from_the_environment_comma_separated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WEBHOOK_SECRET_KEYS", f" {NEW} , {OLD},")
    keys = Settings().webhook_secret_keys
    assert [k.get_secret_value() for k in keys] == [NEW, OLD]
    monkeypatch.setenv("WEBHOOK_SECRET_KEYS", "")
    assert Settings().webhook_secret_keys == []


def test_the_key_file_is_made_once_readable_by_its_owner_only(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db' / 'partnermatch.db'}"
    path = tmp_path / "db" / KEY_FILE_NAME
    assert key_file(url) == path
    assert key_file("postgresql+psycopg://u@h/db") == Path("data") / KEY_FILE_NAME
    # Processes starting together: one key made, every one reading it whole.
    with ThreadPoolExecutor(8) as pool:
        made = set(pool.map(keyring_module._read_or_make, [path] * 16))
    assert len(made) == 1
    assert list(path.parent.iterdir()) == [path]  # no temporary file left
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    sealed = load_keyring((), url).encrypt("whsec_x")
    load_keyring.cache_clear()  # a new process finds the same key
    assert keyring_for(Settings(database_url=url)).decrypt(sealed) == "whsec_x"
    path.write_text("not a key\n")
    load_keyring.cache_clear()
    with pytest.raises(KeysUnusable, match=f"the key file {path} is not a Fernet key"):
        load_keyring((), url)
    load_keyring.cache_clear()


def test_the_migration_encrypts_stored_secrets_and_its_downgrade_decrypts_them(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = alembic_config(db.url)
    command.downgrade(config, "0013")
    plain = {1: new_secret(), 2: new_secret()}
    try:
        with db.engine.begin() as conn:
            endpoints = Table("webhook_endpoints", MetaData(), autoload_with=conn)
            for id_, secret in plain.items():
                conn.execute(
                    endpoints.insert().values(
                        id=id_, url=f"https://crm.example/{id_}", events=["need.filled"],
                        secret=secret, created_at=datetime.now(UTC),
                    )
                )  # fmt: skip
        monkeypatch.setenv("WEBHOOK_SECRET_KEYS", f"{NEW},{OLD}")
        command.upgrade(config, "head")
        stored = _stored(db)
        assert set(stored) == set(plain)
        for id_, value in stored.items():
            assert value != plain[id_]
            assert Fernet(NEW).decrypt(value.encode()).decode() == plain[id_]

        # A downgrade without the key: refused, naming the endpoint, nothing changed.
        monkeypatch.setenv("WEBHOOK_SECRET_KEYS", OLD)
        with pytest.raises(SecretUnreadable, match="webhook 1: no key in WEBHOOK_SECRET_KEYS"):
            command.downgrade(config, "0013")
        assert _stored(db) == stored

        monkeypatch.setenv("WEBHOOK_SECRET_KEYS", f"{OLD},{NEW}")
        command.downgrade(config, "0013")
        with db.engine.connect() as conn:
            back: dict[int, str] = dict(
                conn.execute(text("SELECT id, secret FROM webhook_endpoints")).all()
            )
        assert back == plain

        # No setting: the key file beside the database, the one the app then uses.
        monkeypatch.delenv("WEBHOOK_SECRET_KEYS")
        command.upgrade(config, "head")
        keyring = keyring_for(Settings(database_url=db.url))
        assert {id_: keyring.decrypt(v) for id_, v in _stored(db).items()} == plain
    finally:
        monkeypatch.delenv("WEBHOOK_SECRET_KEYS", raising=False)
        command.upgrade(config, "head")
