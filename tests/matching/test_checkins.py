"""The check-in rules on plain facts: each rule's threshold, and the order of the list."""

from datetime import date, timedelta

import pytest

from matching.checkins import (
    AgreementFacts,
    AskFacts,
    CheckinKind,
    CheckinParams,
    PartnerFacts,
    checkins,
)
from matching.types import MatchingError

TODAY = date(2026, 12, 1)


def facts(pid: int, **over: object) -> PartnerFacts:
    base: dict[str, object] = {
        "organization_id": pid,
        "name": f"P{pid}",
        "region": None,
        "running": 0,
        "last_check": None,
        "checks": 0,
        "satisfaction_trend": None,
        "risk_moved": None,
        "risk_reason": None,
        "last_interview": None,
    }
    return PartnerFacts(**(base | over))  # type: ignore[arg-type]


def days(n: int) -> date:
    return TODAY - timedelta(days=n)


def kinds(*partners: PartnerFacts, **kw: object) -> list[tuple[CheckinKind, int]]:
    found = checkins(partners, as_of=TODAY, **kw)  # type: ignore[arg-type]
    return [(c.kind, c.organization_id) for c in found]


def test_each_threshold_is_where_the_rule_says() -> None:
    p = CheckinParams(check_after_days=30)
    assert kinds(facts(1, running=1, last_check=days(29)), params=p) == []
    assert kinds(facts(1, running=1, last_check=days(30)), params=p) == [
        (CheckinKind.no_recent_check, 1)
    ]
    assert kinds(facts(1, running=0, last_check=days(300))) == []  # nothing running
    assert kinds(facts(1, checks=2, satisfaction_trend=-2.0)) == []  # too few checks
    assert kinds(facts(1, checks=3, satisfaction_trend=-0.4)) == []  # not falling enough
    assert kinds(facts(1, checks=3, satisfaction_trend=float("nan"))) == []
    assert kinds(facts(1, checks=3, satisfaction_trend=-0.5)) == [
        (CheckinKind.satisfaction_falling, 1)
    ]
    assert kinds(facts(1, risk_moved=(days(3), "elevated", "high"))) == [
        (CheckinKind.risk_rising, 1)
    ]
    assert kinds(facts(1, risk_moved=(days(3), "critical", "high"))) == []  # falling
    assert kinds(facts(1, risk_moved=(days(30), "low", "critical"))) == []  # long ago
    assert kinds(facts(1, last_interview=days(364))) == []
    assert kinds(facts(1, last_interview=days(365))) == [(CheckinKind.interview_stale, 1)]


def test_agreements_and_asks_and_the_order() -> None:
    partners = [facts(1, name="Beta"), facts(2, name="Alpha", risk_moved=(days(1), "low", "high"))]
    agreements = [
        AgreementFacts(7, 1, TODAY + timedelta(days=31)),
        AgreementFacts(8, 1, TODAY + timedelta(days=30)),
        AgreementFacts(9, 2, days(1)),
        AgreementFacts(10, 99, days(1)),
    ]
    asks = [
        AskFacts(5, 1, "Academy", "job shadow", days(13)),
        AskFacts(6, 1, "Academy", "job shadow", days(14)),
    ]
    found = checkins(partners, agreements, asks, as_of=TODAY)
    assert [(c.kind, c.record) for c in found] == [
        (CheckinKind.risk_rising, None),
        (CheckinKind.agreement_lapsed, ("agreement", 9)),
        (CheckinKind.ask_unanswered, ("engagement", 6)),
        (CheckinKind.agreement_ending, ("agreement", 8)),
    ]
    assert found[1].reason.startswith("agreement 9 ended 1 day ago")
    assert found[2].due_on == TODAY


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(MatchingError):
        CheckinParams(check_after_days=0)
    with pytest.raises(MatchingError):
        CheckinParams(falling_per_quarter=0.5)
