"""A CRM integrator's path: generate a Python client (openapi-python-client) from the document a
running server gives out, then sync an organization by its CRM id and ask for matches with it."""

import importlib
import re
import subprocess
import sys
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.main import create_app
from tests.helpers import served

PACKAGE = "partner_match_client"
GENERATOR = Path(sys.executable).with_name("openapi-python-client")
# No formatting hooks (the generated code is thrown away) and one package name to import.
CONFIG = f"post_hooks: []\npackage_name_override: {PACKAGE}\n"
# openapi-python-client sends JSON, forms, multipart and octet-stream bodies only: the import
# is generated with its octet-stream body (and ?format=), the CSV / JSON-lines variants are
# skipped with a warning each. Every other warning is a spec problem.
KNOWN_WARNING = re.compile(
    r"WARNING parsing POST /v1/import/\{resource\} within bulk\.\s+"
    r"Unsupported content type (text/csv|application/x-ndjson)\s+"
    r"^\{$.*?^\}$",  # the request body it read, as JSON
    re.MULTILINE | re.DOTALL,
)
GENERATOR_LINES = re.compile(
    r"^(Generating .*|Warning\(s\) encountered while generating\. Client was generated, but some "
    r"pieces may be missing|If you believe this was a mistake.*)$",
    re.MULTILINE,
)


@pytest.fixture
def base_url(db: Database) -> Iterator[str]:
    """The app served by uvicorn on a free local port, for the length of the test."""
    app = create_app(Settings(database_url=db.url, embedder="tfidf"), db=db)
    with served(app, start_within=10) as url:
        yield url


@pytest.fixture
def client_package(base_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Generate the client from the served document; the name of its package, importable."""
    response = httpx.get(f"{base_url}/openapi.json", trust_env=False)
    assert response.status_code == 200
    spec = tmp_path / "openapi.json"
    spec.write_bytes(response.content)
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG)
    generated = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(spec),
            "--output-path",
            str(tmp_path / PACKAGE),
            "--meta",
            "none",
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = generated.stdout + generated.stderr
    assert generated.returncode == 0, output
    unexpected = GENERATOR_LINES.sub("", KNOWN_WARNING.sub("", output)).strip()
    assert not unexpected, f"the generator found problems in the document:\n{output}"

    monkeypatch.syspath_prepend(str(tmp_path))
    yield PACKAGE
    for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
        del sys.modules[name]


def _load(package: str, module: str) -> Any:
    return importlib.import_module(f"{package}.{module}")


def test_generated_client_upserts_by_crm_id_and_matches(
    client_package: str, base_url: str, keys: dict[Role, str]
) -> None:
    client_module = _load(client_package, "client")
    models = _load(client_package, "models")
    upsert = _load(client_package, "api.organizations.upsert_organization")
    match_text = _load(client_package, "api.matches.match_text")
    import_records = _load(client_package, "api.bulk.import_records")
    types = _load(client_package, "types")

    # What a CRM sync job holds: its own record ids and an API key.
    client = client_module.AuthenticatedClient(
        base_url=base_url, token=keys[Role.convener], httpx_args={"trust_env": False}
    )
    hospital = models.OrganizationCreate(
        name="Mercy Valley Medical Center",
        kind=models.PartnerKind.EMPLOYER,
        sectors=["health_sciences"],
        region="Central Valley",
        description="Regional hospital: nursing assistants, pharmacy and imaging technicians.",
    )
    with client as session:
        first = upsert.sync_detailed("001Dn00000kPq3RA", client=session, body=hospital)
        assert first.status_code == HTTPStatus.CREATED, first.content
        created = first.parsed
        assert isinstance(created, models.OrganizationRead)
        assert created.external_id == "001Dn00000kPq3RA"

        hospital.description += " Hosts job shadows in patient care and the clinical lab."
        second = upsert.sync_detailed("001Dn00000kPq3RA", client=session, body=hospital)
        assert second.status_code == HTTPStatus.OK, second.content
        assert (second.parsed.id, second.parsed.version) == (created.id, created.version + 1)
        assert second.parsed.description == hospital.description

        shop = models.OrganizationCreate(
            name="Riverbend Precision Machining",
            kind=models.PartnerKind.EMPLOYER,
            description="Five-axis CNC machining of aerospace brackets; welding and fixtures.",
        )
        assert upsert.sync_detailed("001Dn00000rB7wQX", client=session, body=shop).status_code == (
            HTTPStatus.CREATED
        )

        # A bulk file goes as bytes, with ?format= saying what it is.
        csv = b"external_id,name,kind\n001Dn00000zZ9yXW,Harbor Point Credit Union,employer\n"
        imported = import_records.sync_detailed(
            models.Bulk.ORGANIZATIONS,
            client=session,
            body=types.File(payload=csv),
            format_=models.FileFormat.CSV,
        )
        assert imported.status_code == HTTPStatus.OK, imported.content
        assert (imported.parsed.created, imported.parsed.rejected) == (1, [])

        query = models.AdhocQuery(text="job shadows in patient care at a hospital clinical lab")
        answer = match_text.sync_detailed(client=session, body=query)
    assert answer.status_code == HTTPStatus.OK, answer.content
    matches = answer.parsed
    assert isinstance(matches, models.MatchList)
    best = matches.items[0]
    assert (best.organization_id, best.name) == (created.id, "Mercy Valley Medical Center")
    assert 0 < best.score <= 1
    assert best.score > matches.items[1].score
    assert best.capacity.status.value == "unknown"  # never interviewed: not unlimited
    assert best.explanation
