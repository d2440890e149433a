"""The check-in list over the API: each rule puts its partner on the list with its reason and
due day, most urgent first; filters, paging, roles and bad input."""

from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient

from app.auth.models import Role
from tests.conftest import AuthFor
from tests.helpers import organization, post

TODAY = datetime.now(UTC)


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def day(offset: int) -> str:
    return (TODAY.date() + timedelta(days=offset)).isoformat()


def partner(client: TestClient, admin: dict[str, str], name: str, region: str) -> int:
    body = organization(name=name, region=region)
    return int(post(client, admin, "organizations", body)["id"])


def test_each_rule_lists_its_partner_with_a_reason_most_urgent_first(
    client: TestClient, admin: dict[str, str]
) -> None:
    quiet = partner(client, admin, "Quiet Running Co", "North Coast")
    ask = {"program": "Harbor Point Academy", "engagement_type": "job_shadow"}
    # Running for 60 days, last checked 45 days ago: due 15 days ago.
    post(
        client,
        admin,
        "engagements",
        ask
        | {
            "organization_id": quiet,
            "status": "accepted",
            "asked_at": ago(70),
            "starts_on": day(-60),
            "ends_on": day(60),
        },
    )
    post(
        client,
        admin,
        "temperature-checks",
        {"organization_id": quiet, "checked_at": ago(45), "satisfaction": 4},
    )
    # Satisfaction falling over four checks.
    falling = partner(client, admin, "Falling Satisfaction Inc", "North Coast")
    for days, score in ((200, 5), (150, 4), (100, 3), (10, 1)):
        post(
            client,
            admin,
            "temperature-checks",
            {"organization_id": falling, "checked_at": ago(days), "satisfaction": score},
        )
    # An agreement ending in ten days, one past its end, one expired (not listed).
    agreed = partner(client, admin, "Agreement Holder LLC", "Central Valley")
    ending = post(
        client,
        admin,
        "agreements",
        {"organization_id": agreed, "starts_on": day(-300), "ends_on": day(10), "status": "active"},
    )
    lapsed = post(
        client,
        admin,
        "agreements",
        {"organization_id": agreed, "starts_on": day(-300), "ends_on": day(-3), "status": "active"},
    )
    post(
        client,
        admin,
        "agreements",
        {
            "organization_id": agreed,
            "starts_on": day(-300),
            "ends_on": day(-30),
            "status": "expired",
        },
    )
    # An interview 400 days old; an ask unanswered for 20 days, one for 5 (not yet).
    stale = partner(client, admin, "Stale Interview Corp", "Central Valley")
    post(
        client,
        admin,
        "interviews",
        {
            "organization_id": stale,
            "conducted_at": ago(400),
            "interest_level": 4,
            "capacity_hours_per_month": 10,
        },
    )
    waiting = post(
        client, admin, "engagements", ask | {"organization_id": stale, "asked_at": ago(20)}
    )
    post(
        client,
        admin,
        "engagements",
        ask | {"organization_id": stale, "asked_at": ago(5), "engagement_type": "mentoring"},
    )

    answer = client.get("/v1/checkins", headers=admin)
    assert answer.status_code == 200, answer.text
    page = answer.json()
    found = {(c["kind"], c["organization_id"]): c for c in page["items"]}
    assert page["total"] == len(page["items"])
    assert ("no_recent_check", quiet) in found
    check = found["no_recent_check", quiet]
    assert "1 running engagement and no temperature check for 45 days" in check["reason"]
    assert check["due_on"] == day(-15)
    assert check["days_overdue"] == 15
    assert "satisfaction falling" in found["satisfaction_falling", falling]["reason"]
    assert found["agreement_ending", agreed]["record"] == {"type": "agreement", "id": ending["id"]}
    assert "ends in 10 days" in found["agreement_ending", agreed]["reason"]
    assert found["agreement_lapsed", agreed]["record"]["id"] == lapsed["id"]
    assert "still marked active" in found["agreement_lapsed", agreed]["reason"]
    assert "latest interview 400 days ago" in found["interview_stale", stale]["reason"]
    unanswered = found["ask_unanswered", stale]
    assert unanswered["record"] == {"type": "engagement", "id": waiting["id"]}
    assert "asked by Harbor Point Academy 20 days ago" in unanswered["reason"]
    # The falling satisfaction also moved that partner's risk up; the expired agreement and
    # the fresh ask are not listed.
    assert len(page["items"]) == 7
    # The most urgent kind first, the old interview last, though it fell due first.
    assert [c["kind"] for c in page["items"]] == [
        "risk_rising",
        "satisfaction_falling",
        "agreement_lapsed",
        "ask_unanswered",
        "no_recent_check",
        "agreement_ending",
        "interview_stale",
    ]
    assert any("temperature check" in rule for rule in page["rules"])

    # Filters and paging.
    north = client.get("/v1/checkins?region=North%20Coast", headers=admin).json()["items"]
    assert {c["organization_id"] for c in north} == {quiet, falling}
    kind = client.get("/v1/checkins?kind=agreement_lapsed", headers=admin).json()["items"]
    assert [c["kind"] for c in kind] == ["agreement_lapsed"]
    first = client.get("/v1/checkins?limit=4", headers=admin).json()
    rest = client.get(f"/v1/checkins?limit=4&cursor={first['next_cursor']}", headers=admin).json()
    assert first["items"] + rest["items"] == page["items"]
    assert rest["next_cursor"] is None

    # Answering the check and the ask takes them off the list.
    post(
        client,
        admin,
        "temperature-checks",
        {"organization_id": quiet, "satisfaction": 4, "checked_at": ago(0)},
    )
    client.patch(f"/v1/engagements/{waiting['id']}", json={"status": "declined"}, headers=admin)
    after = {
        (c["kind"], c["organization_id"])
        for c in client.get("/v1/checkins", headers=admin).json()["items"]
    }
    assert ("no_recent_check", quiet) not in after
    assert ("ask_unanswered", stale) not in after


def test_a_partner_moved_to_high_risk_is_listed(client: TestClient, admin: dict[str, str]) -> None:
    busy = partner(client, admin, "Overloaded Works", "High Desert")
    post(
        client,
        admin,
        "interviews",
        {
            "organization_id": busy,
            "conducted_at": ago(30),
            "interest_level": 4,
            "capacity_hours_per_month": 2,
            "max_concurrent_engagements": 1,
        },
    )
    for n in range(4):
        post(
            client,
            admin,
            "engagements",
            {
                "organization_id": busy,
                "program": f"P{n}",
                "engagement_type": "mentoring",
                "status": "accepted",
                "asked_at": ago(20),
                "starts_on": day(-10),
                "ends_on": day(30),
                "hours_estimated": 40,
            },
        )
    items = client.get(f"/v1/checkins?organization_id={busy}", headers=admin).json()["items"]
    rising = [c for c in items if c["kind"] == "risk_rising"]
    assert rising, items
    # The latest move is the one said, with what drove it.
    assert rising[0]["reason"].startswith("moved from high to critical risk on ")
    assert "of stated capacity" in rising[0]["reason"]


def test_roles_and_bad_input(client: TestClient, auth: AuthFor) -> None:
    assert client.get("/v1/checkins").status_code == 401
    assert client.get("/v1/checkins", headers=auth(Role.viewer)).status_code == 200
    for query, field in (
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("kind=nap", "kind"),
        ("cursor=abc", "cursor"),
        ("region=%20", "region"),
        ("organization_id=0", "organization_id"),
        ("sort=x", "sort"),
    ):
        answer = client.get(f"/v1/checkins?{query}", headers=auth(Role.viewer))
        assert answer.status_code == 422, query
        assert answer.json()["errors"][0]["field"] == field, answer.json()


def test_the_demo_data_has_check_ins_of_every_kind(
    demo_db: object, client: TestClient, admin: dict[str, str]
) -> None:
    items = client.get("/v1/checkins?limit=100", headers=admin).json()
    kinds = {c["kind"] for c in items["items"]}
    assert {
        "no_recent_check",
        "satisfaction_falling",
        "agreement_ending",
        "agreement_lapsed",
        "risk_rising",
        "interview_stale",
        "ask_unanswered",
    } <= kinds
    assert all(date.fromisoformat(c["due_on"]) for c in items["items"])
