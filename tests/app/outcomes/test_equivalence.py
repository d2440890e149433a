"""The outcomes from SQL totals answer exactly what the previous path answered ask by ask
(`app.outcomes.reference`), on both databases: on the demo data, and on random networks full
of edge cases (asks without dates or answers, spanning months and the period's ends, made in
a boundary's first or last millisecond, partners with one ask, needs recorded after their
first ask, empty regions and periods, quarters over long periods)."""

from dataclasses import fields
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np
import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.db import Database
from app.engagements.models import Engagement
from app.interviews.models import Interview, TemperatureCheck
from app.load.models import RiskTransition
from app.needs.models import Need
from app.organizations.models import Organization
from app.outcomes import reference, service
from app.outcomes.schemas import OutcomesQuery
from app.programs.models import Program
from app.vocabularies.models import VocabularyEntry
from matching.load import RiskLevel
from matching.types import EngagementStatus, EngagementType, PartnerKind

TODAY = date(2026, 12, 1)
REGIONS = ["River Valley", "High Desert", "North Coast"]
EMPTY_REGION = "Lonely Plains"  # known, with no partner in it
PROGRAMS = ["Health Academy", "Welding Pathway", "Coding Bootcamp", "Nursing Track"]
FIRST_DAY, LAST_DAY = date(2023, 1, 1), date(2027, 2, 28)


def same_answers(session: Session, params: dict[str, str], today: date | None) -> None:
    """The figures (unrounded) and the API's answer of both paths are equal."""
    query = OutcomesQuery.model_validate(params)
    view = service.view_of(session, query, today=today)
    new_figures = service.categories(session, view)
    old_figures = reference.categories(session, view)
    for field in fields(service.Categories):
        name = field.name
        assert getattr(new_figures, name) == getattr(old_figures, name), (params, name)
    new = service.outcomes(session, query, today=today).model_dump()
    old = reference.outcomes(session, query, today=today).model_dump()
    assert new == old, params


def test_the_same_answers_on_the_demo(demo_db: Database) -> None:
    today = datetime.now(UTC).date()  # the demo's dates are relative to the day it was loaded
    with demo_db.sessionmaker() as session:
        programs = list(session.scalars(select(Program.name)))
        regions = sorted({r for r in session.scalars(select(Organization.region)) if r})
        cases: list[dict[str, str]] = [
            {},
            {"from": (today - timedelta(days=364)).isoformat()},
            {"from": (today - timedelta(days=3 * 365)).isoformat()},
            {"from": (today - timedelta(days=45)).isoformat()},
            *({"program": name} for name in programs),
            *({"region": name} for name in regions),
            {"program": programs[0], "region": regions[0]},
        ]
        for params in cases:
            same_answers(session, params, today)


def day_time(rng: np.random.Generator, day: date) -> datetime:
    """A time on `day`: often midnight or the day's last millisecond, the boundaries. (Not its
    last microsecond: SQLite's julianday() rounds to the millisecond, so `app.sql.epoch_day`,
    which dated every ask on the previous path, puts the last half millisecond of a day on the
    next one; the totals compare times instead.)"""
    pick = rng.integers(0, 4)
    if pick == 0:
        return datetime.combine(day, time(), tzinfo=UTC)
    if pick == 1:
        return datetime.combine(day, time(23, 59, 59, 999_000), tzinfo=UTC)
    seconds = int(rng.integers(0, 86_400))
    return datetime.combine(day, time(), tzinfo=UTC) + timedelta(seconds=seconds)


#: Days the periods asked for start or end on (and the days around them): asks and checks
#: crowd there.
EDGES = [date(2026, 7, 1), date(2026, 12, 1), date(2025, 12, 2), date(2026, 1, 28),
         date(2026, 6, 30), date(2025, 7, 1), date(2026, 9, 30), date(2026, 10, 1)]  # fmt: skip


def some_day(rng: np.random.Generator) -> date:
    if rng.random() < 0.25:
        return EDGES[int(rng.integers(0, len(EDGES)))] + timedelta(days=int(rng.integers(-1, 2)))
    return FIRST_DAY + timedelta(days=int(rng.integers(0, (LAST_DAY - FIRST_DAY).days)))


def maybe(rng: np.random.Generator, value: Any, none_share: float = 0.3) -> Any:
    return None if rng.random() < none_share else value


def random_network(db: Database, seed: int) -> None:
    """A network of a few dozen partners and a few hundred asks, dates spread over four years
    and crowded on the periods' boundaries, with every optional field sometimes missing."""
    rng = np.random.default_rng(seed)
    n_partners = int(rng.integers(20, 40))
    statuses = list(EngagementStatus)
    kinds = list(EngagementType)
    with db.engine.begin() as conn:
        conn.execute(insert(VocabularyEntry), [
            {"kind": "region", "value": r, "aliases": [], "status": "kept"}
            for r in [*REGIONS, EMPTY_REGION]
        ])  # fmt: skip
        conn.execute(insert(Organization), [
            {"id": i, "name": f"Partner {i:02d}", "kind": list(PartnerKind)[i % 3].value,
             "region": maybe(rng, REGIONS[int(rng.integers(0, 3))], 0.1), "sectors": []}
            for i in range(1, n_partners + 2)  # the last one is not asked at random
        ])  # fmt: skip
        conn.execute(insert(Program), [
            {"id": k, "name": name, "region": REGIONS[k % 3],
             "goals": {str(year): {kinds[int(j)].value: {"count": int(rng.integers(0, 30)),
                                                         "students": int(rng.integers(0, 90))}
                                   for j in rng.choice(len(kinds), 3, replace=False)}
                       for year in (2025, 2026, 2027)}}
            for k, name in enumerate(PROGRAMS, start=1)
        ])  # fmt: skip
        needs = []
        for n in range(1, int(rng.integers(10, 25)) + 1):
            k = int(rng.integers(1, len(PROGRAMS) + 1))
            recorded = some_day(rng)
            ends = maybe(rng, recorded + timedelta(days=int(rng.integers(0, 400))), 0.5)
            needs.append({
                "id": n, "title": f"Need {n}", "engagement_type": kinds[n % len(kinds)].value,
                "program_id": k, "program": PROGRAMS[k - 1], "slots": int(rng.integers(1, 5)),
                "region": maybe(rng, REGIONS[int(rng.integers(0, 3))], 0.2),
                "created_at": day_time(rng, recorded), "ends_on": ends,
            })  # fmt: skip
        conn.execute(insert(Need), needs)
        asks = []
        # A few partners get most asks; some get exactly one, some none at all.
        weight = rng.pareto(1.0, n_partners) + 0.02
        for _ in range(int(rng.integers(150, 400))):
            org = int(rng.choice(n_partners, p=weight / weight.sum())) + 1
            k = int(rng.integers(1, len(PROGRAMS) + 1))
            asked = some_day(rng)
            need = maybe(rng, needs[int(rng.integers(0, len(needs)))], 0.6)
            if need is not None and rng.random() < 0.5:  # asked for it soon after (or before)
                asked = need["created_at"].date() + timedelta(days=int(rng.integers(-10, 60)))
            starts = maybe(rng, asked + timedelta(days=int(rng.integers(-20, 90))), 0.3)
            ends = maybe(rng, (starts or asked) + timedelta(days=int(rng.integers(0, 200))), 0.3)
            status = statuses[int(rng.integers(0, len(statuses)))]
            asks.append({
                "organization_id": org, "program_id": k, "program": PROGRAMS[k - 1],
                "need_id": None if need is None else need["id"],
                "engagement_type": kinds[int(rng.integers(0, len(kinds)))].value,
                "status": status.value, "asked_at": day_time(rng, asked),
                "responded_at": maybe(
                    rng, day_time(rng, asked + timedelta(days=int(rng.integers(0, 60)))), 0.4
                ),
                "starts_on": starts, "ends_on": ends if starts is None or ends is None
                else max(starts, ends),
                # Quarter hours: sums are exact whatever order the database adds them in.
                "hours_actual": maybe(rng, float(rng.integers(0, 160)) / 4),
                "students_served": maybe(rng, int(rng.integers(0, 30))),
                "hires": maybe(rng, int(rng.integers(0, 3))),
                "credentials_earned": maybe(rng, int(rng.integers(0, 5))),
            })  # fmt: skip
        # One partner with a single ask, on the default period's first instant.
        asks.append({**asks[0], "organization_id": n_partners, "status": "accepted",
                     "asked_at": datetime(2026, 7, 1, tzinfo=UTC)})  # fmt: skip
        # One a program served only by finishing in the period what it asked a year before:
        # its check and risk move count among the program's.
        last = n_partners + 1
        asks.append({**asks[0], "organization_id": last, "status": "completed", "program_id": 1,
                     "program": PROGRAMS[0], "asked_at": datetime(2025, 9, 1, tzinfo=UTC),
                     "starts_on": date(2025, 9, 15), "ends_on": date(2026, 9, 15)})  # fmt: skip
        conn.execute(insert(Engagement), asks)
        conn.execute(insert(TemperatureCheck), [
            {"organization_id": last, "checked_at": datetime(2026, 10, 1, tzinfo=UTC),
             "satisfaction": 1},
        ])  # fmt: skip
        conn.execute(insert(RiskTransition), [
            {"organization_id": last, "changed_at": datetime(2026, 10, 2, tzinfo=UTC),
             "from_level": "low", "to_level": "critical", "score": 0.9, "reasons": []},
        ])  # fmt: skip
        conn.execute(insert(Interview), [
            {"organization_id": int(org), "conducted_at": day_time(rng, some_day(rng)),
             "interest_level": 3,
             "capacity_hours_per_month": maybe(rng, float(rng.integers(1, 40)), 0.3)}
            for org in rng.integers(1, n_partners + 1, n_partners)
        ])  # fmt: skip
        conn.execute(insert(TemperatureCheck), [
            {"organization_id": int(org), "checked_at": day_time(rng, some_day(rng)),
             "satisfaction": int(rng.integers(1, 6))}
            for org in rng.integers(1, n_partners + 1, 3 * n_partners)
        ])  # fmt: skip
        levels = [level.name for level in RiskLevel]
        conn.execute(insert(RiskTransition), [
            {"organization_id": int(org), "changed_at": day_time(rng, some_day(rng)),
             "from_level": levels[int(rng.integers(0, 4))],
             "to_level": levels[int(rng.integers(0, 4))], "score": 0.5, "reasons": []}
            for org in rng.integers(1, n_partners + 1, n_partners)
        ])  # fmt: skip


CASES: list[dict[str, str]] = [
    {},  # the school year to date: 1 July to 1 December 2026
    {"region": "River Valley"},
    {"region": EMPTY_REGION},
    {"program": "Health Academy"},
    {"program": "Welding Pathway", "region": "High Desert"},
    {"program": "Nursing Track", "region": EMPTY_REGION},
    {"from": "2025-12-01"},  # 366 days: months
    {"from": "2025-11-30"},  # 367 days: quarters
    {"from": "2023-03-15", "to": "2026-11-30"},  # years of quarters, the first one cut
    {"from": "2026-09-30", "to": "2026-09-30"},  # one day
    {"from": "2026-07-01", "to": "2026-07-31", "program": "Coding Bootcamp"},
    {"from": "2010-01-01", "to": "2010-06-30"},  # before any record
    {"from": "2027-01-01", "to": "2027-02-27"},  # after today, some asks still made then
]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_same_answers_on_random_networks(db: Database, seed: int) -> None:
    random_network(db, seed)
    with db.sessionmaker() as session:
        for params in CASES:
            same_answers(session, params, TODAY)
