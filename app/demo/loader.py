"""Load `data.json` into a database through the write path, with the API's validation and
checks and the same consequences (risk transitions, webhook events, the index change log);
each kind of record is written as one batch.

Dates in the file are relative to the day of loading, so the history always ends today.
"""

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import actors
from app.actors import By, Door
from app.domain import Domain
from app.engagements.domain import AGREEMENTS, ENGAGEMENTS
from app.holds.domain import HOLDS
from app.interviews.domain import INTERVIEWS, TEMPERATURE_CHECKS
from app.load.service import replay_risk_history
from app.needs.domain import NEEDS
from app.organizations.domain import CONTACTS, ORGANIZATIONS
from app.organizations.models import Organization
from app.programs.domain import PROGRAMS
from app.vocabularies.models import VocabularyEntry
from app.writes import vocabularies
from app.writes.service import WriteService
from matching.outcomes import school_year

DATA_FILE = Path(__file__).with_name("data.json")


class _Clock:
    """Turns the file's relative days into dates and times around `today`."""

    def __init__(self, today: date) -> None:
        self.today = today

    def days_ago(self, days: int | None, hour: int = 15) -> datetime | None:
        if days is None:
            return None
        return datetime.combine(self.today - timedelta(days=days), time(hour), tzinfo=UTC)

    def offset(self, days: int | None) -> date | None:
        return None if days is None else self.today + timedelta(days=days)


def is_loaded(session: Session) -> bool:
    """Whether the database already holds partners (the demo never loads twice)."""
    return bool(session.scalar(select(func.count()).select_from(Organization)))


def load(
    session: Session,
    today: date | None = None,
    data: dict[str, Any] | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, int]:
    """Insert the demo records; answers how many of each kind were written."""
    data = data if data is not None else json.loads(DATA_FILE.read_text(encoding="utf-8"))
    actors.act_as(session, By(Door.import_, "demo data"))
    clock = _Clock(today or datetime.now(UTC).date())
    ids: dict[str, dict[str, int]] = {"organizations": {}, "contacts": {}, "needs": {}}
    counts: dict[str, int] = {}

    def insert(
        domain: Domain[Any], records: list[dict[str, Any]], keys: list[str] | None = None
    ) -> None:
        rows = WriteService(domain).create_many(
            session, [domain.create.model_validate(values) for values in records]
        )
        counts[domain.path] = len(rows)
        for key, row in zip(keys or [], rows, strict=False):
            ids[domain.path][key] = row.id

    def ref(kind: str, key: str | None) -> int | None:
        return None if key is None else ids[kind][key]

    organizations = data["organizations"]
    insert(
        ORGANIZATIONS,
        [{k: v for k, v in o.items() if k != "key"} for o in organizations],
        [o["key"] for o in organizations],
    )
    # Programs by name, with the organization running each and their goals by school year
    # (counted back from today's); needs and asks name them.
    this_year = school_year(clock.today)
    insert(
        PROGRAMS,
        [
            {"name": p["name"], "region": p["region"]}
            | {"organization_id": ref("organizations", p["organization"])}
            | {
                "goals": {
                    str(this_year - int(ago)): by_type
                    for ago, by_type in p.get("goals_years_ago", {}).items()
                }
            }
            for p in data.get("programs", [])
        ],
    )
    insert(
        CONTACTS,
        [
            {k: v for k, v in c.items() if k not in ("key", "organization")}
            | {"organization_id": ref("organizations", c["organization"])}
            for c in data["contacts"]
        ],
        [c["key"] for c in data["contacts"]],
    )
    progress(f"{counts['organizations']} organizations, {counts['contacts']} contacts")
    interview_fields = (
        "business_summary",
        "role_and_skills",
        "interest_level",
        "capacity_hours_per_month",
        "max_concurrent_engagements",
        "engagement_types",
        "notes",
    )
    insert(
        INTERVIEWS,
        [
            {
                "organization_id": ref("organizations", i["organization"]),
                "contact_id": ref("contacts", i["contact"]),
                "conducted_at": clock.days_ago(i["conducted_days_ago"], hour=10),
                **{k: i[k] for k in interview_fields},
            }
            for i in data["interviews"]
        ],
    )
    insert(
        NEEDS,
        [
            {
                k: v
                for k, v in n.items()
                if k not in ("key", "starts_offset_days", "ends_offset_days")
            }
            | {
                "starts_on": clock.offset(n["starts_offset_days"]),
                "ends_on": clock.offset(n["ends_offset_days"]),
            }
            for n in data["needs"]
        ],
        [n["key"] for n in data["needs"]],
    )
    insert(
        ENGAGEMENTS,
        [
            {
                "organization_id": ref("organizations", e["organization"]),
                "contact_id": ref("contacts", e["contact"]),
                "need_id": ref("needs", e["need"]),
                "program": e["program"],
                "engagement_type": e["engagement_type"],
                "status": e["status"],
                "asked_at": clock.days_ago(e["asked_days_ago"], hour=9),
                "responded_at": clock.days_ago(e["responded_days_ago"], hour=16),
                "starts_on": clock.offset(e["starts_offset_days"]),
                "ends_on": clock.offset(e["ends_offset_days"]),
                "hours_estimated": e["hours_estimated"],
                "hours_actual": e["hours_actual"],
                "students_served": e.get("students_served"),
                "hires": e.get("hires"),
                "credentials_earned": e.get("credentials_earned"),
                "outcome_note": e.get("outcome_note"),
            }
            for e in data["engagements"]
        ],
    )
    progress(f"{counts['needs']} needs, {counts['engagements']} engagements")
    insert(
        TEMPERATURE_CHECKS,
        [
            {
                "organization_id": ref("organizations", t["organization"]),
                "contact_id": ref("contacts", t["contact"]),
                "checked_at": clock.days_ago(t["checked_days_ago"], hour=11),
                "satisfaction": t["satisfaction"],
                "comment": t["comment"],
            }
            for t in data["temperature_checks"]
        ],
    )
    insert(
        AGREEMENTS,
        [
            {
                "organization_id": ref("organizations", a["organization"]),
                "need_id": ref("needs", a["need"]),
                "roles": a["roles"],
                "responsibilities": a["responsibilities"],
                "starts_on": clock.offset(a["starts_offset_days"]),
                "ends_on": clock.offset(a["ends_offset_days"]),
                "status": a["status"],
            }
            for a in data["agreements"]
        ],
    )
    # Holds last: the asks of the story were all made while their partner could be asked.
    insert(
        HOLDS,
        [
            {
                "organization_id": ref("organizations", h["organization"]),
                "starts_on": clock.offset(-h["starts_days_ago"]),
                "until": clock.offset(h["until_offset_days"]),
                "reason": h["reason"],
                "source": h["source"],
                "lifted_at": clock.days_ago(h["lifted_days_ago"], hour=14),
                "lifted_by": h["lifted_by"],
            }
            for h in data.get("holds", [])
        ],
    )
    # The demo's sectors and regions are the deployment's own, not values to review.
    for entry in session.scalars(select(VocabularyEntry).where(VocabularyEntry.status == "new")):
        vocabularies.keep(session, entry.kind, entry.value)
    # What each region covers and its towns, so a need naming "Port Alder" is read as North Coast.
    for kind, described in data.get("vocabularies", {}).items():
        for item in described:
            vocabularies.describe(session, kind, item["value"], item.get("description"),
                                  item.get("terms"))  # fmt: skip
    # Loaded at once, every risk move would be dated now: replay the year as it happened.
    counts["risk_transitions"] = replay_risk_history(
        session, first=clock.today - timedelta(days=365), last=clock.today, step_days=14
    )
    return counts
