"""The demo data set: loaded through the API's own checks, big and varied enough to show the
product, with a year of asks in which a few heavy hitters carry most of the load; and
`partnermatch demo` serving it to a user holding the printed key."""

import os
import socket
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.auth.models import Role
from app.db import Database
from app.demo.loader import is_loaded
from app.engagements.models import Engagement
from app.interviews.models import Interview
from app.load.models import RiskTransition
from app.needs.models import Need
from app.organizations.models import Organization
from tests.conftest import AuthFor


def test_demo_has_the_partners_a_convener_would_have(demo_db: Database) -> None:
    with demo_db.sessionmaker() as session:
        orgs = session.scalars(select(Organization)).all()
        needs = session.scalars(select(Need)).all()
        interviewed = set(session.scalars(select(Interview.organization_id)))
    assert len(orgs) >= 60
    assert len({o.region for o in orgs}) >= 4
    kinds = Counter(o.kind.value for o in orgs)
    assert kinds["employer"] >= 30
    assert kinds["college"] >= 5
    assert kinds["district"] >= 5
    assert kinds["intermediary"] >= 3
    sectors = {s for o in orgs for s in o.sectors}
    assert {
        "advanced_manufacturing",
        "health_sciences",
        "information_technology",
        "construction",
        "energy",
        "biotech",
    } <= sectors
    assert len(needs) >= 20
    assert len({n.program for n in needs}) >= 6
    # some partners were never interviewed: their capacity is unknown, not unlimited
    assert 0 < len({o.id for o in orgs} - interviewed) < len(orgs) // 2
    assert len({o.description for o in orgs}) == len(orgs)


def test_demo_history_is_a_year_carried_by_a_few(demo_db: Database) -> None:
    with demo_db.sessionmaker() as session:
        asks = session.scalars(select(Engagement)).all()
        partners = session.scalars(select(Organization.id)).all()
    now = datetime.now(UTC)
    assert all(now - timedelta(days=366) <= a.asked_at <= now for a in asks)
    per_partner = Counter(a.organization_id for a in asks)
    counts = sorted((per_partner.get(p, 0) for p in partners), reverse=True)
    top20 = counts[: max(1, len(counts) // 5)]
    assert sum(top20) / sum(counts) > 0.5
    heaviest = per_partner.most_common(1)[0][0]
    assert len({a.program for a in asks if a.organization_id == heaviest}) >= 5


def test_demo_loads_once(demo_db: Database) -> None:
    with demo_db.sessionmaker() as session:
        assert is_loaded(session)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_partnermatch_demo_serves_the_partners(tmp_path: Path) -> None:
    port = _free_port()
    env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    with subprocess.Popen(
        [sys.executable, "-m", "app", "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as proc:
        try:
            assert proc.stdout is not None
            lines = []
            for line in proc.stdout:  # the key is alone on the last line before serving
                lines.append(line.strip())
                if line.startswith("pm_"):
                    break
            key = lines[-1]
            assert key.startswith("pm_"), lines
            assert f"http://127.0.0.1:{port}/docs" in "\n".join(lines)
            # A person of each role, and the password they sign in with.
            printed = "\n".join(lines)
            assert "the password partnermatch-demo" in printed
            for role in ("admin", "convener", "recruiter", "viewer"):
                assert f"{role}@demo.partnermatch.example" in printed
            deadline = time.monotonic() + 60
            while True:
                try:
                    response = httpx.get(
                        f"http://127.0.0.1:{port}/v1/organizations?limit=100",
                        headers={"Authorization": f"Bearer {key}"},
                        timeout=5,
                    )
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "the demo server did not start"
                    time.sleep(0.2)
            assert response.status_code == 200
            assert len(response.json()["items"]) >= 60
            signed_in = httpx.post(
                f"http://127.0.0.1:{port}/ui/login",
                data={"email": "convener@demo.partnermatch.example",
                      "password": "partnermatch-demo"},
                headers={"Origin": f"http://127.0.0.1:{port}"},
            )  # fmt: skip
            assert signed_in.status_code == 303, signed_in.text
            assert signed_in.headers["location"] == "/ui/load"
            # a recruiter's first question, answered by the real model in the real server
            headers = {"Authorization": f"Bearer {key}"}
            need = httpx.get(f"http://127.0.0.1:{port}/v1/needs?limit=1", headers=headers).json()
            matches = httpx.get(
                f"http://127.0.0.1:{port}/v1/needs/{need['items'][0]['id']}/matches",
                headers=headers,
                timeout=60,
            ).json()
            # the default: the model as int8 ONNX
            assert matches["embedder"] == "sentence-transformers/all-MiniLM-L6-v2-onnx-int8"
            assert len(matches["items"]) == 10
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def test_the_builder_still_writes_the_shipped_data_byte_for_byte(tmp_path: Path) -> None:
    """The demo story is edited in tools/build_demo_data.py; the package ships its output."""
    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "data.json"
    subprocess.run(
        [sys.executable, str(root / "tools" / "build_demo_data.py"), str(out)],
        check=True,
        timeout=120,
    )
    assert out.read_bytes() == (root / "app" / "demo" / "data.json").read_bytes()


def test_demo_risk_history_is_dated_as_it_happened(client: TestClient, demo_db: Database,
                                                   auth: AuthFor) -> None:  # fmt: skip
    """Loaded at once, the demo's risk moves are dated across its year, not at load time, and
    each partner's last recorded level is the level its load answer shows now."""
    with demo_db.sessionmaker() as session:
        moves = session.execute(
            select(RiskTransition.organization_id, RiskTransition.changed_at,
                   RiskTransition.to_level).order_by(RiskTransition.changed_at,
                                                     RiskTransition.id)
        ).all()  # fmt: skip
    days = {m.changed_at.date() for m in moves}
    assert len(days) >= 6  # spread over the year
    assert min(days) < date.today() - timedelta(days=60)
    last = {m.organization_id: m.to_level for m in moves}
    loads = client.get("/v1/partners/load?limit=100", headers=auth(Role.viewer)).json()["items"]
    for item in loads:
        assert last.get(item["organization_id"], "low") == item["risk"]["level"], item["name"]


def test_demo_holds_leave_partners_out_of_rankings_and_plans_with_the_reason(
    client: TestClient, demo_db: Database, auth: AuthFor, keys: dict[Role, str]
) -> None:
    """Three partners rest on a hold now, one was lifted early, one lapsed; the rankings and
    plans a recruiter reads, over the API and on the plan's page, name the resting ones with
    their reason."""
    viewer = auth(Role.viewer)
    holds = client.get("/v1/holds?limit=100", headers=viewer).json()["items"]
    assert sorted(h["status"] for h in holds) == ["active", "active", "active", "lapsed", "lifted"]
    lifted = next(h for h in holds if h["status"] == "lifted")
    assert lifted["lifted_by"] == "Maya Chen"
    assert {h["source"] for h in holds if h["status"] == "active"} == {"convener", "partner"}
    resting = {
        client.get(f"/v1/organizations/{h['organization_id']}", headers=viewer).json()["name"]: h
        for h in holds
        if h["status"] == "active"
    }

    found = client.post(
        "/v1/matches", json={"text": "hospital nursing job shadows", "limit": 20}, headers=viewer
    ).json()
    assert not set(resting) & {m["name"] for m in found["items"]}
    hospital = resting["St. Brendan Community Hospital"]
    assert (
        "left out: St. Brendan Community Hospital is on a do-not-ask hold until "
        f"{hospital['until']}: {hospital['reason']}"
    ) in found["notes"]
    plan = client.post("/v1/plans", json={}, headers=auth(Role.convener))
    assert plan.status_code == 201, plan.text
    said = [note for need in plan.json()["needs"] for note in need["notes"]]
    held = {n for n in said if " is on a do-not-ask hold" in n}
    # Named where they would have been close to the need; for the other needs only counted.
    named = {n.split(" is on ")[0] for n in held}
    assert named == {f"left out: {name}" for name in resting}
    assert any("on a do-not-ask hold, further from this need" in n for n in said)
    # The plan's page says each one once, with its reason.
    client.post("/ui/login", data={"api_key": keys[Role.viewer]}, follow_redirects=False)
    page = client.get(f"/ui/plans/{plan.json()['id']}").text
    listed = page.split('id="held-out"')[1].split("</ul>")[0]
    assert listed.count("<li>") == 3
    assert "Moving production to the new Eastgate plant in January" in listed
