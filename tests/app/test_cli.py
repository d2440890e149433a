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
from app.matches.models import PartnerEmbedding
from app.organizations.models import Organization
from matching.onnx_embedder import ONNX_INT8


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


def test_import_writes_rows_and_their_vectors_and_reports_bad_ones(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run(["migrate"], url).returncode == 0
    file = tmp_path / "partners.csv"
    file.write_text(
        "external_id,name,kind,sectors,description\n"
        "sf-1,Acme Tool,employer,advanced_manufacturing,CNC machining and welding\n"
        "sf-2,Valley College,college,health_sciences,Nursing and allied health programs\n"
        "sf-3,Broken,spaceship,,\n"
    )
    env_model = {"EMBEDDER": "minilm"}
    done = subprocess.run(
        [sys.executable, "-m", "app", "import", str(file), "--resource", "organizations"],
        env=os.environ | {"DATABASE_URL": url} | env_model,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # a row was rejected
    assert "line 4: kind:" in done.stderr
    assert "importing organizations" in done.stderr  # the progress bar
    assert (
        done.stdout.strip()
        == "organizations: 3 rows, 2 created, 0 updated, 0 unchanged, 1 rejected"
    )

    db = Database(url)
    with db.sessionmaker() as session:
        vectors = session.scalars(select(PartnerEmbedding.model)).all()
    db.dispose()
    assert vectors == [ONNX_INT8, ONNX_INT8]  # the default: MiniLM as int8 ONNX


def test_import_of_a_bad_file_says_why_and_writes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run(["migrate"], url).returncode == 0
    file = tmp_path / "partners.csv"
    file.write_text("name;kind\nAcme;employer\n")
    done = run(["import", str(file), "--resource", "organizations", "--no-embed"], url)
    assert done.returncode == 1
    assert "separated by commas" in done.stderr
    db = Database(url)
    with db.sessionmaker() as session:
        assert session.scalars(select(Organization)).all() == []
    db.dispose()
