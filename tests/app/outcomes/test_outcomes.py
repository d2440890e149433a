"""The outcomes dashboard over the API, on both databases: the five categories' figures on a
network small enough to count by hand, the filters, the default period, the CSV and its
formula-proof cells, roles and bad filters."""

import csv
import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.auth.models import Role
from matching.outcomes import school_year, school_year_start
from tests.conftest import AuthFor
from tests.helpers import organization, post

FALL = "from=2026-07-01&to=2026-12-01"  # 154 days of the 2027 school year
HEALTH, WELDING = "Health Academy", "Welding Pathway"


def partner(client: TestClient, admin: dict[str, str], name: str, region: str) -> int:
    return int(post(client, admin, "organizations", organization(name=name, region=region))["id"])


def interview(client: TestClient, admin: dict[str, str], org: int, hours: float) -> None:
    body = {
        "organization_id": org,
        "conducted_at": "2026-06-01T10:00:00Z",
        "interest_level": 4,
        "capacity_hours_per_month": hours,
    }
    post(client, admin, "interviews", body)


def small_network(client: TestClient, admin: dict[str, str]) -> dict[str, Any]:
    """Two River Valley partners (one said 10 hours a month, one never interviewed) and one in
    High Desert (20 hours a month); the Health Academy wants 4 job shadows for 20 students this
    school year; four asks and two temperature checks between July and December 2026."""
    alder = partner(client, admin, "Alder Clinic", "River Valley")
    birch = partner(client, admin, "Birch Labs", "River Valley")
    cedar = partner(client, admin, "Cedar Welding", "High Desert")
    interview(client, admin, alder, 10)
    interview(client, admin, cedar, 20)
    health = post(
        client,
        admin,
        "programs",
        {
            "name": HEALTH,
            "region": "River Valley",
            "goals": {"2027": {"job_shadow": {"count": 4, "students": 20}}},
        },
    )
    welding = post(client, admin, "programs", {"name": WELDING, "region": "High Desert"})
    need = post(
        client,
        admin,
        "needs",
        {"title": "Clinic job shadows", "engagement_type": "job_shadow", "program_id": health["id"],
         "slots": 2, "region": "River Valley"},
    )  # fmt: skip
    asks = [
        # Accepted four days after it was asked (time to fill), completed with its outcomes.
        {"organization_id": alder, "program": HEALTH, "engagement_type": "job_shadow",
         "need_id": need["id"], "status": "completed", "asked_at": "2026-09-01T09:00:00Z",
         "responded_at": "2026-09-05T09:00:00Z", "starts_on": "2026-09-10",
         "ends_on": "2026-09-20", "hours_actual": 6, "students_served": 12, "hires": 1,
         "credentials_earned": 2},
        {"organization_id": birch, "program": HEALTH, "engagement_type": "job_shadow",
         "status": "declined", "asked_at": "2026-09-02T09:00:00Z"},
        {"organization_id": cedar, "program": WELDING, "engagement_type": "internship_host",
         "status": "completed", "asked_at": "2026-08-01T09:00:00Z", "starts_on": "2026-08-15",
         "ends_on": "2026-10-15", "hours_actual": 40, "students_served": 2, "hires": 1},
        {"organization_id": alder, "program": WELDING, "engagement_type": "guest_instruction",
         "status": "accepted", "asked_at": "2026-10-01T09:00:00Z", "starts_on": "2026-11-01"},
    ]  # fmt: skip
    for body in asks:
        post(client, admin, "engagements", body)
    for org, day, score in ((alder, "2026-09-15", 4), (cedar, "2026-10-15", 2)):
        body = {"organization_id": org, "checked_at": f"{day}T11:00:00Z", "satisfaction": score}
        post(client, admin, "temperature-checks", body)
    return {"alder": alder, "birch": birch, "cedar": cedar, "health": health, "welding": welding}


def get(client: TestClient, headers: dict[str, str], query: str) -> dict[str, Any]:
    answer = client.get(f"/v1/outcomes?{query}", headers=headers)
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def test_the_five_categories_on_a_network_counted_by_hand(
    client: TestClient, admin: dict[str, str], auth: AuthFor
) -> None:
    ids = small_network(client, admin)
    out = get(client, auth(Role.viewer), FALL)
    assert out["period"] == {
        "from": "2026-07-01", "to": "2026-12-01", "days": 154, "school_years": ["2027"],
        "year_share": round(154 / 365, 4), "step": "month",
    }  # fmt: skip
    assert out["program"] is None
    assert out["region"] is None

    # 1. One need of 2 slots, one taken, four days from its first ask to the acceptance.
    goals = out["goals_reached"]
    assert (goals["needs"], goals["slots"], goals["slots_filled"]) == (1, 2, 1)
    assert goals["fill_rate"] == 0.5
    assert goals["median_days_to_fill"] == 4.0
    [goal] = goals["goals"]
    assert goal["program"] == HEALTH
    assert goal["program_id"] == ids["health"]["id"]
    # 1 of 4 job shadows and 12 of 20 students; by 1 December 2 and 8 were due.
    assert (goal["actual_count"], goal["goal_count"]) == (1, 4)
    assert (goal["actual_students"], goal["goal_students"]) == (12, 20)
    assert (goal["expected_count"], goal["expected_students"]) == (2, 8)
    assert goal["status"] == "behind"
    assert goal["students_status"] == "on pace"

    # 2. 46 hours given (6 + 40), all by partners that stated capacity: 30 hours a month.
    res = out["use_of_resources"]
    assert res["hours_given"] == 46.0
    assert res["hours_given_known"] == 46.0
    assert res["capacity_hours"] == round(30 * 154 / 30.4375, 1)
    assert res["capacity_use"] == round(46 / (30 * 154 / 30.4375), 4)
    assert (res["partners_with_capacity"], res["partners_capacity_unknown"]) == (2, 1)
    # Asks 2, 1, 1: the busiest of three partners (ceil 20%: one) took 2 of 4.
    assert res["asks"] == 4
    assert res["top20_share_asks"] == 0.5
    assert res["top20_share_hours"] == round(40 / 46, 4)

    # 3. Two checks (4 and 2), one ask of four declined, Alder engaged twice.
    q = out["quality"]
    assert (q["checks"], q["satisfaction_mean"]) == (2, 3.0)
    assert q["satisfaction_trend_per_quarter"] is None  # two checks draw no trend
    months = {p["period"]: p["mean"] for p in q["satisfaction_over_time"]}
    assert list(months) == ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]
    assert (months["2026-09"], months["2026-10"], months["2026-07"]) == (4.0, 2.0, None)
    assert (q["asks"], q["declined"], q["decline_share"]) == (4, 1, 0.25)
    assert (q["partners_engaged"], q["partners_returning"], q["partners_repeat"]) == (2, 0, 1)

    # 4. Two completed: 14 students, an internship, 2 hires, 2 credentials.
    imp = out["impact"]
    assert (imp["completed"], imp["reporting"], imp["students_served"]) == (2, 2, 14)
    assert (imp["internships_completed"], imp["hires"], imp["credentials_earned"]) == (1, 2, 2)
    assert [(r["program"], r["students_served"]) for r in imp["by_program"]] == [
        (HEALTH, 12), (WELDING, 2),
    ]  # fmt: skip

    # 5. Asks month by month; Alder and Cedar engaged for the first time.
    dyn = out["dynamics"]
    asks = {p["period"]: p["asks"] for p in dyn["over_time"]}
    assert asks == {"2026-07": 0, "2026-08": 1, "2026-09": 2, "2026-10": 1, "2026-11": 0,
                    "2026-12": 0}  # fmt: skip
    september = dyn["over_time"][2]
    assert (september["partners_asked"], september["top20_share"]) == (2, 0.5)
    assert dyn["over_time"][0]["gini"] is None  # no asks in July
    assert [p["name"] for p in dyn["partners_gained"]] == ["Alder Clinic", "Cedar Welding"]
    assert dyn["partners_lost"] == []
    assert set(out["definitions"]) == {
        "goals_reached", "use_of_resources", "quality", "impact", "dynamics",
    }  # fmt: skip


def test_filters_by_program_and_region(
    client: TestClient, admin: dict[str, str], auth: AuthFor
) -> None:
    ids = small_network(client, admin)
    viewer = auth(Role.viewer)

    # A program by name, whatever its case, or by id: its asks only, no goal of its own.
    by_name = get(client, viewer, f"{FALL}&program=welding%20PATHWAY")
    by_id = get(client, viewer, f"{FALL}&program={ids['welding']['id']}")
    assert by_name == by_id
    assert by_name["program"] == {"id": ids["welding"]["id"], "name": WELDING}
    assert by_name["goals_reached"]["goals"] == []
    assert by_name["impact"]["students_served"] == 2
    assert by_name["quality"]["asks"] == 2
    # Its partner figures cover the partners it asked: Alder (10 h) and Cedar (20 h).
    assert by_name["use_of_resources"]["partners_with_capacity"] == 2
    assert by_name["quality"]["checks"] == 2

    # A region: its partners' asks; the goals of the programs run in it.
    river = get(client, viewer, f"{FALL}&region=river%20valley")
    assert river["region"] == "River Valley"
    assert river["quality"]["asks"] == 3  # Alder twice, Birch once
    assert river["use_of_resources"]["hours_given"] == 6.0
    assert [g["program"] for g in river["goals_reached"]["goals"]] == [HEALTH]
    desert = get(client, viewer, f"{FALL}&region=High%20Desert")
    assert desert["goals_reached"]["goals"] == []
    assert desert["impact"]["internships_completed"] == 1
    assert desert["quality"]["checks"] == 1


def test_the_default_period_is_the_school_year_to_date_and_risk_moves_show(
    client: TestClient, admin: dict[str, str]
) -> None:
    today = datetime.now(UTC).date()
    busy = partner(client, admin, "Overloaded Works", "High Desert")
    interview(client, admin, busy, 2)
    for n in range(4):
        post(
            client,
            admin,
            "engagements",
            {"organization_id": busy, "program": f"P{n}", "engagement_type": "mentoring",
             "status": "accepted", "starts_on": (today - timedelta(days=10)).isoformat(),
             "ends_on": (today + timedelta(days=30)).isoformat(), "hours_estimated": 40},
        )  # fmt: skip
    out = get(client, admin, "")
    start = school_year_start(school_year(today))
    assert (out["period"]["from"], out["period"]["to"]) == (start.isoformat(), today.isoformat())
    assert out["as_of"] == today.isoformat()
    moves = out["dynamics"]["risk_moves"]
    # The asks, as they were written, moved it up from low to high or critical.
    assert moves["up"] >= 1
    assert moves["down"] == 0
    assert moves["by_level"]["high"] + moves["by_level"]["critical"] >= 1
    assert out["quality"]["partners_engaged"] == 1
    # The 4 asks, all in this month.
    assert out["dynamics"]["over_time"][-1]["asks"] == 4
    only_to = get(client, admin, f"to={date(2026, 6, 30).isoformat()}")
    assert only_to["period"]["from"] == "2025-07-01"  # the school year 30 June 2026 ends


def test_csv_is_long_and_tidy_and_its_cells_never_run_as_formulas(
    client: TestClient, admin: dict[str, str], auth: AuthFor
) -> None:
    small_network(client, admin)
    # A program named like a formula, with a goal: its name goes into the CSV.
    evil = '=HYPERLINK("http://evil.example","x")'
    post(client, admin, "programs", {"name": evil, "goals": {"2027": {"mentoring": {"count": 2}}}})
    answer = client.get(f"/v1/outcomes.csv?{FALL}", headers=auth(Role.viewer))
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"] == (
        'attachment; filename="outcomes-2026-07-01-2026-12-01.csv"'
    )
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert rows[0] == ["category", "measure", "program", "period", "value"]
    assert all(len(r) == 5 for r in rows)
    cells = {(r[0], r[1], r[2], r[3]): r[4] for r in rows[1:]}
    whole = "2026-07-01/2026-12-01"
    assert cells["impact", "students_served", "all programs", whole] == "14"
    assert cells["impact", "students_served", HEALTH, whole] == "12"
    assert cells["use_of_resources", "hours_given", "all programs", whole] == "46.0"
    assert cells["quality", "satisfaction_mean", "all programs", "2026-09"] == "4.0"
    assert cells["quality", "satisfaction_mean", "all programs", "2026-07"] == ""  # none
    assert cells["dynamics", "asks", "all programs", "2026-09"] == "2"
    assert cells["goals_reached", "goal_count.job_shadow", HEALTH, whole] == "4"
    assert cells["goals_reached", "actual_students.job_shadow", HEALTH, whole] == "12"
    assert cells["goals_reached", "expected_count.job_shadow", HEALTH, whole] == "2"
    # The formula is written as text: a leading apostrophe, which spreadsheets show as such.
    assert cells["goals_reached", "goal_count.mentoring", "'" + evil, whole] == "2"
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r[:4])
    # Same filters as the JSON: one program's CSV names it on every row.
    one = client.get(f"/v1/outcomes.csv?{FALL}&program={HEALTH}", headers=auth(Role.viewer))
    assert {r[2] for r in list(csv.reader(io.StringIO(one.text)))[1:]} == {HEALTH}


@pytest.mark.parametrize("path", ["/v1/outcomes", "/v1/outcomes.csv"])
def test_any_role_reads_and_no_key_is_401(client: TestClient, auth: AuthFor, path: str) -> None:
    for role in Role:
        assert client.get(path, headers=auth(role)).status_code == 200, role
    assert client.get(path).status_code == 401
    assert client.get(path, headers={"Authorization": "Bearer pm_wrong"}).status_code == 401


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=2026-02-30", "from", "day value is outside expected range"),
        ("to=yesterday", "to", "must be a date written YYYY-MM-DD"),
        ("to=0", "to", "must be a date written YYYY-MM-DD"),
        ("from=2026-09-01&to=2026-08-31", "to", "must be on or after from (2026-09-01)"),
        ("from=2999-01-01", "from", "year must be between"),
        ("from=2100-01-01", "from", "must be on or before to"),
        ("from=2010-01-01&to=2026-01-01", "to", "at most ten years"),
        ("program=999", "program", "no program has id 999"),
        ("program=Helth%20Academy", "program", "did you mean Health Academy?"),
        ("program=", "program", "at least 1 character"),
        ("program=%00", "program", "must not contain NUL characters"),
        ("region=River%20Vally", "region", "did you mean River Valley?"),
        ("region=Atlantis", "region", "is not a known region"),
        ("window_days=30", "window_days", "Extra inputs are not permitted"),
    ],
)
def test_bad_filters_are_422_naming_the_field(
    client: TestClient, admin: dict[str, str], query: str, field: str, message: str
) -> None:
    partner(client, admin, "Alder Clinic", "River Valley")
    post(client, admin, "programs", {"name": HEALTH})
    for path in ("/v1/outcomes", "/v1/outcomes.csv"):
        answer = client.get(f"{path}?{query}", headers=admin)
        assert answer.status_code == 422, (path, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        [error] = answer.json()["errors"]
        assert error["field"] == field
        assert error["location"] == "query"
        assert message in error["message"]
