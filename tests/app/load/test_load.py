"""The convener's view over the API, on both databases: the load table, one partner's load,
concentration, and risk transitions recorded when a write moves a partner."""

from datetime import UTC, date, datetime

import numpy as np
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.db import Database
from app.engagements.models import Engagement
from app.interviews.models import Interview, TemperatureCheck
from app.load import repository
from app.load.repository import figures
from app.organizations.models import Organization
from matching.concentration import concentration
from matching.load import EngagementRows, aggregate, days_since_completed
from tests.helpers import organization, post

HEAVY = {
    "Meridian Health System", "Castellan Aerostructures", "Riverbend Community College",
    "Kestrel Cloud Systems", "Sunridge Power & Light", "Tidewater Construction Group",
    "Larkspur Biologics",
}  # fmt: skip


def all_pages(client: TestClient, headers: dict[str, str], query: str = "") -> list[dict]:  # type: ignore[type-arg]
    items, cursor = [], None
    while True:
        page = client.get(
            f"/v1/partners/load?limit=25{query}" + (f"&cursor={cursor}" if cursor else ""),
            headers=headers,
        )
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return items


@pytest.mark.parametrize("window", [30, 90, 365])
def test_sql_figures_match_the_reference_aggregation(demo_db: Database, window: int) -> None:
    """The grouped SQL and matching.aggregate compute the same figures from the same rows."""
    today = datetime.now(UTC).date()
    with demo_db.sessionmaker() as session:
        ids = list(session.scalars(select(Organization.id).order_by(Organization.id)))
        at = {pid: i for i, pid in enumerate(ids)}
        sql = figures(session, ids, today, window)
        es = session.scalars(select(Engagement)).all()
        programs = {p: k for k, p in enumerate(sorted({e.program for e in es}))}

        def day(d: date | None) -> float:
            return np.nan if d is None else float(d.toordinal())

        rows = EngagementRows(
            partner=np.array([at[e.organization_id] for e in es]),
            program=np.array([programs[e.program] for e in es]),
            status=[e.status.value for e in es],
            asked_day=np.array([day(e.asked_at.date()) for e in es]),
            start_day=np.array([day(e.starts_on) for e in es]),
            end_day=np.array([day(e.ends_on) for e in es]),
            hours_estimated=np.array([e.hours_estimated for e in es]),
            hours_actual=np.array(
                [np.nan if e.hours_actual is None else e.hours_actual for e in es]
            ),
        )
        latest: dict[int, Interview] = {}
        for iv in session.scalars(select(Interview).order_by(Interview.conducted_at)):
            latest[iv.organization_id] = iv
        cap = np.array([latest[p].capacity_hours_per_month if p in latest else np.nan for p in ids])
        conc = np.array(
            [latest[p].max_concurrent_engagements if p in latest else np.nan for p in ids]
        )
        cs = session.scalars(select(TemperatureCheck)).all()
        ref = aggregate(
            len(ids),
            rows,
            capacity_hours_per_month=cap,
            max_concurrent=conc,
            check_partner=np.array([at[c.organization_id] for c in cs]),
            check_day=np.array([float(c.checked_at.date().toordinal()) for c in cs]),
            check_satisfaction=np.array([float(c.satisfaction) for c in cs]),
            as_of=today,
            window_days=window,
        )
    for name in ("asks", "distinct_programs", "active_engagements", "declines", "checks"):
        assert np.array_equal(getattr(sql, name), getattr(ref, name)), name
    for name in (
        "hours_committed",
        "hours_ahead",
        "capacity_hours_per_month",
        "max_concurrent",
        "satisfaction_mean",
        "satisfaction_slope",
    ):
        np.testing.assert_allclose(
            getattr(sql, name), getattr(ref, name), rtol=1e-9, atol=1e-9, err_msg=name
        )
    assert sql.asks.sum() > 0
    rested = np.full(len(ids), np.nan)
    with demo_db.sessionmaker() as session:
        for org, days in repository.days_since_completed(session, ids, today).items():
            rested[at[org]] = days
    np.testing.assert_array_equal(rested, days_since_completed(len(ids), rows, today))


def test_heavy_hitters_are_flagged_and_light_partners_stay_low(
    client: TestClient, admin: dict[str, str], demo_db: Database
) -> None:
    rows = all_pages(client, admin)
    assert len(rows) == 68
    scores = [r["risk"]["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)  # default sort: riskiest first
    by_name = {r["name"]: r for r in rows}
    for name in HEAVY:
        risk = by_name[name]["risk"]
        assert risk["level"] in ("high", "critical"), name
        asked = next(r for r in risk["reasons"] if r.startswith("asked"))
        assert "programs in the last 90 days:" in asked  # names who is asking
        assert "(" in asked.split(":", 1)[1]
    # lightly used: asked once at most, and within what they said they can give
    light = [
        r for r in rows if r["asks"] <= 1 and r["utilization"] is not None and r["utilization"] <= 1
    ]
    assert len(light) >= 15
    assert all(r["risk"]["level"] == "low" for r in light)
    unknown = [r for r in rows if r["capacity_hours"] is None]
    assert unknown
    assert all(
        any("capacity unknown" in reason for reason in r["risk"]["reasons"]) for r in unknown
    )


def test_filters_and_sorts(client: TestClient, admin: dict[str, str], demo_db: Database) -> None:
    critical = all_pages(client, admin, "&risk=critical")
    assert critical
    assert {r["risk"]["level"] for r in critical} == {"critical"}
    colleges = all_pages(client, admin, "&kind=college&sort=-asks")
    assert {r["kind"] for r in colleges} == {"college"}
    assert [r["asks"] for r in colleges] == sorted((r["asks"] for r in colleges), reverse=True)
    north = all_pages(client, admin, "&region=North%20Coast&sort=name")
    names = [r["name"] for r in north]
    assert names == sorted(names, key=str.casefold)
    assert {r["region"] for r in north} == {"North Coast"}
    util = [r["utilization"] for r in all_pages(client, admin, "&sort=-utilization")]
    known = [u for u in util if u is not None]
    assert known == sorted(known, reverse=True)
    assert util[: len(known)] == known  # unknown capacity sorts last


def test_a_wider_window_sees_more_asks(
    client: TestClient, admin: dict[str, str], demo_db: Database
) -> None:
    short = sum(r["asks"] for r in all_pages(client, admin, "&window_days=30"))
    year = sum(r["asks"] for r in all_pages(client, admin, "&window_days=365"))
    assert 0 < short < year


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/v1/partners/load?window_days=0", "window_days"),
        ("/v1/partners/load?window_days=1096", "window_days"),
        ("/v1/partners/load?risk=panic", "risk"),
        ("/v1/partners/load?sort=shoe_size", "sort"),
        ("/v1/partners/load?cursor=aWQ6Mg", "cursor"),  # an id cursor from another listing
        ("/v1/organizations/1/load?window_days=2000", "window_days"),
        ("/v1/insights/concentration?window_days=-5", "window_days"),
    ],
)
def test_bad_queries_are_422(
    client: TestClient, admin: dict[str, str], path: str, field: str
) -> None:
    response = client.get(path, headers=admin)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


def test_unknown_organization_is_404(client: TestClient, admin: dict[str, str]) -> None:
    response = client.get("/v1/organizations/4242/load", headers=admin)
    assert response.status_code == 404


def test_a_partner_never_asked_is_low_with_zero_figures(
    client: TestClient, admin: dict[str, str]
) -> None:
    org = post(client, admin, "organizations", organization())
    body = client.get(f"/v1/organizations/{org['id']}/load", headers=admin).json()
    load = body["load"]
    assert load["risk"]["level"] == "low"
    assert (load["asks"], load["hours_committed"], load["declines"]) == (0, 0, 0)
    assert len(body["timeline"]) == 12
    assert all(m["asks"] == 0 for m in body["timeline"])
    assert body["askers"] == []
    assert body["risk_history"] == []


def test_timeline_and_askers_of_a_heavy_hitter(
    client: TestClient, admin: dict[str, str], demo_db: Database
) -> None:
    meridian = client.get("/v1/organizations?limit=100", headers=admin).json()["items"]
    org_id = next(o["id"] for o in meridian if o["name"] == "Meridian Health System")
    body = client.get(f"/v1/organizations/{org_id}/load", headers=admin).json()
    months = [m["month"] for m in body["timeline"]]
    assert months == sorted(months)
    assert months[-1] == datetime.now(UTC).strftime("%Y-%m")
    assert sum(m["asks"] for m in body["timeline"]) == sum(a["asks"] for a in body["askers"])
    assert len(body["askers"]) >= 6
    assert body["risk_history"][0]["to_level"] == body["load"]["risk"]["level"]


def test_concentration_matches_the_load_table(
    client: TestClient, admin: dict[str, str], demo_db: Database
) -> None:
    body = client.get("/v1/insights/concentration?window_days=365", headers=admin).json()
    asks = [r["asks"] for r in all_pages(client, admin, "&window_days=365")]
    expected = concentration(asks)
    assert body["partners"] == 68
    assert body["asks"] == sum(asks)
    assert body["gini"] == pytest.approx(expected.gini, abs=1e-4)
    assert body["top20_share"] > 0.5  # a few heavy hitters carry most asks
    assert body["lorenz"][0] == [0.0, 0.0]
    assert body["lorenz"][-1] == [1.0, 1.0]
    employers = client.get("/v1/insights/concentration?kind=employer", headers=admin).json()
    assert employers["partners"] == 41


def test_a_write_that_moves_a_partner_records_a_transition(
    client: TestClient, admin: dict[str, str]
) -> None:
    org = post(client, admin, "organizations", organization())
    post(
        client,
        admin,
        "interviews",
        {
            "organization_id": org["id"],
            "conducted_at": "2026-01-05T10:00:00Z",
            "interest_level": 4,
            "capacity_hours_per_month": 10,
            "max_concurrent_engagements": 1,
        },
    )
    today = datetime.now(UTC).date().isoformat()
    programs = [
        "Lincoln USD Health Academy",
        "Riverbend CC",
        "Carver City Schools",
        "River Valley Summer Earn & Learn",
    ]
    for program in programs:
        post(
            client,
            admin,
            "engagements",
            {
                "organization_id": org["id"],
                "program": program,
                "engagement_type": "mentoring",
                "status": "accepted",
                "starts_on": today,
                "ends_on": today,
                "hours_estimated": 20,
            },
        )
    history = client.get(f"/v1/organizations/{org['id']}/load", headers=admin).json()
    transitions = history["risk_history"]
    assert transitions, "no transition recorded"
    newest = transitions[0]
    assert newest["to_level"] == history["load"]["risk"]["level"]
    assert newest["to_level"] in ("high", "critical")
    assert transitions[-1]["from_level"] == "low"
    assert any("Lincoln USD Health Academy" in r for r in newest["reasons"])
    # levels only ever move: consecutive transitions chain
    for later, earlier in zip(transitions, transitions[1:], strict=False):
        assert later["from_level"] == earlier["to_level"]
        assert later["from_level"] != later["to_level"]
