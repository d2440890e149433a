"""Big plans solved by the background work: each by one worker of the deployment (a lease in
the database), a plan held by a live worker left alone, one left by a process that died taken
up once its lease lapses; /metrics counts the plans by status."""

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.main import create_app
from app.plans.models import Plan
from app.plans.worker import PlanWorker
from app.types import utcnow
from tests.conftest import AuthFor


def test_a_plan_is_solved_once_and_one_left_by_a_dead_process_is_taken_up(
    demo_db: Database, auth: AuthFor
) -> None:
    settings = Settings(database_url=demo_db.url, embedder="tfidf", plan_background_needs=2,
                        background="off")  # fmt: skip
    app = create_app(settings, db=demo_db)
    with TestClient(app) as client:
        made = client.post("/v1/plans", json={}, headers=auth(Role.convener))
        assert made.status_code == 202, made.text
        location = made.headers["Location"]
        plan_id = made.json()["id"]
        # No background in this process: nothing solves it.
        assert client.get(location, headers=auth(Role.viewer)).json()["status"] == "solving"
        metrics = client.get("/metrics").text
        assert 'partnermatch_plans{status="solving"} 1.0' in metrics

        # Another process took it and is solving it: its lease is live.
        now = utcnow()
        with demo_db.sessionmaker.begin() as session:
            session.execute(update(Plan).where(Plan.id == plan_id)
                            .values(leased_until=now + timedelta(minutes=5)))  # fmt: skip
        clock = [now]
        worker = PlanWorker(demo_db, app.state.index, every=60, lease=timedelta(minutes=5),
                            clock=lambda: clock[0])  # fmt: skip
        assert worker.solve_due() == 0
        assert client.get(location, headers=auth(Role.viewer)).json()["status"] == "solving"

        # That process died: once its lease lapses, this worker takes the plan and solves it.
        clock[0] = now + timedelta(minutes=6)
        assert worker.solve_due() == 1
        done = client.get(location, headers=auth(Role.viewer)).json()
        assert done["status"] == "draft", done["error"]
        assert done["progress"] == 1.0
        assert done["assignments"]
        # Solved once: no worker takes it again.
        other = PlanWorker(demo_db, app.state.index, every=60, lease=timedelta(minutes=5),
                           clock=lambda: clock[0] + timedelta(hours=1))  # fmt: skip
        assert other.solve_due() == 0
        assert worker.solve_due() == 0
        metrics = client.get("/metrics").text
        assert 'partnermatch_plans{status="solving"} 0.0' in metrics
        assert 'partnermatch_plans{status="draft"} 1.0' in metrics
