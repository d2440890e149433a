"""The convener's check-in list: what to do this week about each partner, and why.

Plain facts in (per partner, per agreement, per unanswered ask), plain items out, each with
a kind, a sentence a convener can act on, and the day it fell due. The rules:

- a partner running accepted engagements with no temperature check in `check_after_days`;
- satisfaction falling (the load model's least-squares trend, over enough checks);
- an active agreement ending within `agreement_warning_days`, or past its end and still active;
- a partner moved to high or critical risk in the last `check_after_days`;
- a partner whose latest interview is older than `interview_stale_days` (capacity may be stale);
- an ask with no answer `unanswered_days` after it was made.

Most urgent first: by how much the kind matters (a partner moved to high or critical risk
first, then falling satisfaction, a lapsed agreement, an unanswered ask, a check-in, an
agreement ending, an old interview last), then the earliest due day first, then by name.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from matching.types import MatchingError


class CheckinKind(StrEnum):
    risk_rising = "risk_rising"
    satisfaction_falling = "satisfaction_falling"
    agreement_lapsed = "agreement_lapsed"
    ask_unanswered = "ask_unanswered"
    no_recent_check = "no_recent_check"
    agreement_ending = "agreement_ending"
    interview_stale = "interview_stale"


#: How much each kind matters (lower first): the list's first sort key.
PRIORITY = {kind: i for i, kind in enumerate(CheckinKind)}


@dataclass(frozen=True, kw_only=True)
class CheckinParams:
    """Thresholds of the check-in rules.

    Parameters
    ----------
    check_after_days : int, keyword-only
        Days without a temperature check after which a partner with running engagements is due
        one; also how long a move to high or critical risk stays on the list.
    agreement_warning_days : int, keyword-only
        Days before an active agreement ends from which it is listed.
    interview_stale_days : int, keyword-only
        Age of the latest interview from which it is listed.
    unanswered_days : int, keyword-only
        Days after which an ask still waiting for an answer is listed.
    falling_per_quarter : float, keyword-only
        Satisfaction trend (points per quarter, negative) at or below which it counts as falling.
    trend_checks : int, keyword-only
        Temperature checks in the trend's year below which a trend is not trusted.
    """

    check_after_days: int = 30
    agreement_warning_days: int = 30
    interview_stale_days: int = 365
    unanswered_days: int = 14
    falling_per_quarter: float = -0.5
    trend_checks: int = 3

    def __post_init__(self) -> None:
        for name in (
            "check_after_days",
            "agreement_warning_days",
            "interview_stale_days",
            "unanswered_days",
        ):
            if not 1 <= getattr(self, name) <= 3650:
                raise MatchingError(f"{name} must be between 1 and 3650 days")
        if not self.falling_per_quarter < 0:
            raise MatchingError("falling_per_quarter must be negative")


@dataclass(frozen=True)
class PartnerFacts:
    """What the rules read about one partner.

    `satisfaction_trend` is in points per quarter (NaN or None: too few checks);
    `risk_moved` is the latest recorded risk transition as (day, from level, to level).
    """

    organization_id: int
    name: str
    region: str | None
    running: int
    last_check: date | None
    checks: int
    satisfaction_trend: float | None
    risk_moved: tuple[date, str, str] | None
    risk_reason: str | None
    last_interview: date | None


@dataclass(frozen=True)
class AgreementFacts:
    agreement_id: int
    organization_id: int
    ends_on: date


@dataclass(frozen=True)
class AskFacts:
    engagement_id: int
    organization_id: int
    program: str
    what: str
    asked_on: date


@dataclass(frozen=True)
class Checkin:
    """One thing to do: about a partner (and the record concerned, if one is)."""

    kind: CheckinKind
    organization_id: int
    name: str
    region: str | None
    reason: str
    due_on: date
    record: tuple[str, int] | None = None

    def key(self) -> tuple[int, date, str, int, int]:
        return (
            PRIORITY[self.kind],
            self.due_on,
            self.name.casefold(),
            self.organization_id,
            self.record[1] if self.record else 0,
        )


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _when(day: date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


LEVELS = ("low", "elevated", "high", "critical")
HIGH = ("high", "critical")


def checkins(
    partners: Sequence[PartnerFacts],
    agreements: Sequence[AgreementFacts] = (),
    asks: Sequence[AskFacts] = (),
    *,
    as_of: date,
    params: CheckinParams | None = None,
) -> list[Checkin]:
    """Every check-in due, most urgent first.

    Parameters
    ----------
    partners : sequence of PartnerFacts
        The partners in view; agreements and asks of partners not among them are ignored.
    agreements : sequence of AgreementFacts
        Active agreements (any end date; the rules pick those ending soon or past).
    asks : sequence of AskFacts
        Asks still waiting for an answer (any age; the rules pick the old ones).
    as_of : date, keyword-only
        Today.
    params : CheckinParams or None, keyword-only
        Thresholds; None: the defaults.

    Returns
    -------
    list of Checkin
        Sorted by kind (most urgent first), then due day, then partner name.
    """
    p = params or CheckinParams()
    by_id = {f.organization_id: f for f in partners}
    out: list[Checkin] = []

    def add(
        f: PartnerFacts,
        kind: CheckinKind,
        reason: str,
        due: date,
        record: tuple[str, int] | None = None,
    ) -> None:
        out.append(Checkin(kind, f.organization_id, f.name, f.region, reason, due, record))

    for f in partners:
        if f.running > 0:
            running = f"{f.running} running engagement{'' if f.running == 1 else 's'}"
            if f.last_check is None:
                add(
                    f,
                    CheckinKind.no_recent_check,
                    f"{running} and no temperature check on file: ask how it is going",
                    as_of,
                )
            elif (as_of - f.last_check).days >= p.check_after_days:
                ago = (as_of - f.last_check).days
                add(
                    f,
                    CheckinKind.no_recent_check,
                    f"{running} and no temperature check for {_days(ago)} (since "
                    f"{_when(f.last_check)}): ask how it is going",
                    f.last_check + timedelta(days=p.check_after_days),
                )
        trend = f.satisfaction_trend
        if (
            trend is not None
            and not math.isnan(trend)
            and f.checks >= p.trend_checks
            and trend <= p.falling_per_quarter
        ):
            add(
                f,
                CheckinKind.satisfaction_falling,
                f"satisfaction falling about {-trend:.1f} points a quarter over {f.checks} "
                "temperature checks: ask what changed",
                as_of,
            )
        if f.risk_moved is not None:
            day, before, after = f.risk_moved
            rising = LEVELS.index(after) > LEVELS.index(before) if before in LEVELS else True
            if after in HIGH and rising and (as_of - day).days < p.check_after_days:
                why = f": {f.risk_reason}" if f.risk_reason else ""
                add(
                    f,
                    CheckinKind.risk_rising,
                    f"moved from {before} to {after} risk on {_when(day)}{why}; "
                    "ease off, or ask what would help",
                    day,
                )
        if f.last_interview is not None:
            age = (as_of - f.last_interview).days
            if age >= p.interview_stale_days:
                add(
                    f,
                    CheckinKind.interview_stale,
                    f"latest interview {_days(age)} ago ({_when(f.last_interview)}): interest "
                    "and capacity may have changed; interview again",
                    f.last_interview + timedelta(days=p.interview_stale_days),
                )

    for a in agreements:
        owner = by_id.get(a.organization_id)
        if owner is None:
            continue
        f = owner
        left = (a.ends_on - as_of).days
        if left < 0:
            add(
                f,
                CheckinKind.agreement_lapsed,
                f"agreement {a.agreement_id} ended {_days(-left)} ago ({_when(a.ends_on)}) and "
                "is still marked active: renew it or mark it expired",
                a.ends_on,
                ("agreement", a.agreement_id),
            )
        elif left <= p.agreement_warning_days:
            add(
                f,
                CheckinKind.agreement_ending,
                f"agreement {a.agreement_id} ends in {_days(left)} ({_when(a.ends_on)}): "
                "talk about renewing it",
                a.ends_on - timedelta(days=p.agreement_warning_days),
                ("agreement", a.agreement_id),
            )

    for ask in asks:
        asked = by_id.get(ask.organization_id)
        if asked is None:
            continue
        f = asked
        waited = (as_of - ask.asked_on).days
        if waited >= p.unanswered_days:
            add(
                f,
                CheckinKind.ask_unanswered,
                f"asked by {ask.program} {_days(waited)} ago ({ask.what}) and no answer yet: "
                "follow up, or withdraw the ask",
                ask.asked_on + timedelta(days=p.unanswered_days),
                ("engagement", ask.engagement_id),
            )

    out.sort(key=Checkin.key)
    return out
