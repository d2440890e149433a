"""Valid request bodies for every resource, a way to store a chain of related records, and the
app served for real (uvicorn in a thread) for tests that need a socket."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient


def organization(**over: Any) -> dict[str, Any]:
    return {
        "name": "Riverbend Precision Machining",
        "kind": "employer",
        "sectors": ["advanced_manufacturing"],
        "region": "River Valley",
        "description": "Five-axis CNC shop making aerospace brackets.",
        "website": "https://riverbend.example",
    } | over


def post(client: TestClient, headers: dict[str, str], path: str, body: dict[str, Any]) -> Any:
    response = client.post(f"/v1/{path}", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def stored_chain(client: TestClient, headers: dict[str, str]) -> dict[str, Any]:
    """An organization with a contact, and a need: what most other records point at."""
    org = post(client, headers, "organizations", organization())
    contact = post(
        client,
        headers,
        "contacts",
        {
            "organization_id": org["id"],
            "name": "Dana Ortiz",
            "email": "dana@riverbend.example",
            "title": "Plant manager",
            "skills": ["CNC programming", "lean"],
        },
    )
    need = post(
        client,
        headers,
        "needs",
        {
            "title": "Mechatronics summer internships",
            "engagement_type": "internship_host",
            "program": "Riverbend CC Mechatronics Pathway",
            "hours_per_partner": 80,
            "slots": 3,
            "partner_kinds": ["employer"],
            "sectors": ["advanced_manufacturing"],
            "starts_on": "2027-06-01",
            "ends_on": "2027-08-15",
        },
    )
    return {"organization": org, "contact": contact, "need": need}


def bodies(chain: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A valid create body for each resource path, pointing into `chain`."""
    org_id, contact_id = chain["organization"]["id"], chain["contact"]["id"]
    need_id = chain["need"]["id"]
    return {
        "organizations": organization(
            name="Lakeside Health", kind="employer", sectors=["health_sciences"]
        ),
        "contacts": {"organization_id": org_id, "name": "Sam Lee", "skills": ["welding"]},
        "interviews": {
            "organization_id": org_id,
            "contact_id": contact_id,
            "conducted_at": "2026-10-01T14:00:00-07:00",
            "business_summary": "CNC machining",
            "role_and_skills": "Plant manager",
            "interest_level": 4,
            "capacity_hours_per_month": 20,
            "max_concurrent_engagements": 2,
            "engagement_types": ["internship_host", "job_shadow"],
        },
        "needs": {
            "title": "Advisory board seat",
            "engagement_type": "advisory_board",
            "program": "Capital Region IT Academy",
        },
        "engagements": {
            "organization_id": org_id,
            "contact_id": contact_id,
            "need_id": need_id,
            "program": "Riverbend CC Mechatronics Pathway",
            "engagement_type": "internship_host",
            "status": "asked",
            "asked_at": "2026-11-02T09:00:00Z",
            "hours_estimated": 40,
        },
        "temperature-checks": {
            "organization_id": org_id,
            "checked_at": "2026-11-01T10:00:00Z",
            "satisfaction": 4,
            "comment": "Happy so far",
        },
        "agreements": {
            "organization_id": org_id,
            "need_id": need_id,
            "roles": "Host employer",
            "responsibilities": "Supervise two interns",
            "starts_on": "2027-06-01",
            "ends_on": "2027-08-15",
            "status": "draft",
        },
    }


RESOURCES = list(bodies({"organization": {"id": 1}, "contact": {"id": 1}, "need": {"id": 1}}))


@contextmanager
def served(app: FastAPI, start_within: float = 20) -> Iterator[str]:
    """`app` served by uvicorn in a thread on a free 127.0.0.1 port; its base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + start_within
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped while starting"
        assert time.monotonic() < deadline, f"uvicorn did not start in {start_within} s"
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
