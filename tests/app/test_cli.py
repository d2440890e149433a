"""The partnermatch command, run as a user runs it: a real process on a real database file."""

import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.auth.models import ApiKey
from app.config import Settings
from app.db import Database
from app.main import create_app


def run(args: list[str], db_url: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"DATABASE_URL": db_url}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_migrate_then_create_a_key_that_works(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    migrated = run(["migrate"], url)
    assert migrated.returncode == 0, migrated.stderr

    made = run(["keys", "create", "--role", "recruiter", "--name", "Ana (recruiter)"], url)
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip().splitlines()[-1]
    assert key.startswith("pm_")
    assert len(key) > 40

    db = Database(url)
    with db.sessionmaker() as session:
        row = session.scalars(select(ApiKey)).one()
    assert row.key_hash != key
    assert key not in row.key_hash
    assert row.role.value == "recruiter"
    with TestClient(create_app(Settings(database_url=url, embedder="tfidf"), db=db)) as client:
        headers = {"Authorization": f"Bearer {key}"}
        assert client.get("/v1/needs", headers=headers).status_code == 200
        assert client.get("/v1/keys", headers=headers).status_code == 403
    db.dispose()


def test_bad_role_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run(["migrate"], url).returncode == 0
    made = run(["keys", "create", "--role", "superuser", "--name", "x"], url)
    assert made.returncode == 2
    assert "superuser" in made.stderr
    assert made.stdout == ""


def test_serve_refuses_a_database_that_is_not_migrated(tmp_path: Path) -> None:
    served = run(["serve", "--port", "1"], f"sqlite:///{tmp_path / 'empty.db'}")
    assert served.returncode == 1
    assert "partnermatch migrate" in served.stderr
