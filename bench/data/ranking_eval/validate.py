"""Check partners.json, needs.json and qrels.json in this folder and print a short summary.

    python3 bench/data/ranking_eval/validate.py

Exits 1 (after listing every problem) if anything is malformed: duplicate or out-of-sequence ids,
values outside the enums, interview fields of the wrong type, qrels that name unknown needs or
partners, grades outside 1-3, or a need without a grade-3 partner. Standard library only.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, cast

HERE: Path = Path(__file__).resolve().parent

KINDS: frozenset[str] = frozenset(
    {"employer", "college", "district", "intermediary", "agency", "community_org"}
)
SECTORS: frozenset[str] = frozenset(
    {
        "advanced_manufacturing",
        "health_sciences",
        "information_technology",
        "construction",
        "energy",
        "biotech",
        "agriculture",
        "transportation_logistics",
        "education",
        "public_service",
        "finance",
    }
)
ETYPES: frozenset[str] = frozenset(
    {
        "internship_host",
        "job_shadow",
        "work_based_learning",
        "apprenticeship",
        "teacher_externship",
        "curriculum_review",
        "advisory_board",
        "guest_instruction",
        "mentoring",
        "equipment",
        "other",
    }
)
REGIONS: frozenset[str] = frozenset(
    {"Capital Region", "North Coast", "Central Valley", "River Valley", "High Desert"}
)
PARTNER_KEYS: frozenset[str] = frozenset(
    {"id", "name", "kind", "sectors", "region", "description", "interview"}
)
INTERVIEW_KEYS: frozenset[str] = frozenset(
    {
        "business_summary",
        "role_and_skills",
        "interest_level",
        "capacity_hours_per_month",
        "max_concurrent_engagements",
        "engagement_types",
    }
)
NEED_KEYS: frozenset[str] = frozenset(
    {
        "id",
        "title",
        "description",
        "expertise_sought",
        "skills",
        "partner_kinds",
        "sectors",
        "region",
        "engagement_type",
    }
)


def load(name: str) -> object:
    """Parse one JSON file from this folder."""
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def is_text(value: object) -> bool:
    """A non-empty string."""
    return isinstance(value, str) and bool(value.strip())


def is_int(value: object) -> bool:
    """An int that is not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def subset(values: object, allowed: frozenset[str]) -> bool:
    """A list of distinct strings, all in allowed."""
    return (
        isinstance(values, list)
        and all(isinstance(v, str) and v in allowed for v in values)
        and len(set(values)) == len(values)
    )


def check_interview(where: str, interview: object, problems: list[str]) -> None:
    """Append a problem for every malformed interview field."""
    if not isinstance(interview, dict) or set(interview) != INTERVIEW_KEYS:
        problems.append(f"{where}: interview must be null or have exactly {sorted(INTERVIEW_KEYS)}")
        return
    for key in ("business_summary", "role_and_skills"):
        if not is_text(interview[key]):
            problems.append(f"{where}: interview {key} empty")
    level = interview["interest_level"]
    if not is_int(level) or not 1 <= level <= 5:
        problems.append(f"{where}: interest_level {level!r}")
    hours = interview["capacity_hours_per_month"]
    if isinstance(hours, bool) or not isinstance(hours, int | float) or hours < 0:
        problems.append(f"{where}: capacity_hours_per_month {hours!r}")
    concurrent = interview["max_concurrent_engagements"]
    if not is_int(concurrent) or concurrent < 0:
        problems.append(f"{where}: max_concurrent_engagements {concurrent!r}")
    if not subset(interview["engagement_types"], ETYPES):
        problems.append(f"{where}: engagement_types {interview['engagement_types']!r}")


def check_partners(partners: object, problems: list[str]) -> set[str]:
    """Validate partners.json; return the set of partner ids."""
    if not isinstance(partners, list):
        problems.append("partners.json: not a list")
        return set()
    ids: set[str] = set()
    for index, partner in enumerate(partners, start=1):
        where = f"partners[{index - 1}]"
        if not isinstance(partner, dict) or set(partner) != PARTNER_KEYS:
            problems.append(f"{where}: keys must be exactly {sorted(PARTNER_KEYS)}")
            continue
        pid = partner["id"]
        where = f"partner {pid}"
        if pid != f"p{index:03d}":
            problems.append(f"{where}: expected id p{index:03d} (ids must run p001..pNNN)")
        if pid in ids:
            problems.append(f"{where}: duplicate id")
        ids.add(pid)
        for key in ("name", "description"):
            if not is_text(partner[key]):
                problems.append(f"{where}: empty {key}")
        if partner["kind"] not in KINDS:
            problems.append(f"{where}: kind {partner['kind']!r}")
        if not subset(partner["sectors"], SECTORS) or not partner["sectors"]:
            problems.append(f"{where}: sectors {partner['sectors']!r}")
        if partner["region"] not in REGIONS:
            problems.append(f"{where}: region {partner['region']!r}")
        if partner["interview"] is not None:
            check_interview(where, partner["interview"], problems)
    names = Counter(p["name"] for p in partners if isinstance(p, dict) and "name" in p)
    for name, count in names.items():
        if count > 1:
            problems.append(f"partner name used {count} times: {name}")
    return ids


def check_needs(needs: object, problems: list[str]) -> set[str]:
    """Validate needs.json; return the set of need ids."""
    if not isinstance(needs, list):
        problems.append("needs.json: not a list")
        return set()
    ids: set[str] = set()
    for index, need in enumerate(needs, start=1):
        where = f"needs[{index - 1}]"
        if not isinstance(need, dict) or set(need) != NEED_KEYS:
            problems.append(f"{where}: keys must be exactly {sorted(NEED_KEYS)}")
            continue
        nid = need["id"]
        where = f"need {nid}"
        if nid != f"n{index:02d}":
            problems.append(f"{where}: expected id n{index:02d}")
        if nid in ids:
            problems.append(f"{where}: duplicate id")
        ids.add(nid)
        for key in ("title", "description", "expertise_sought"):
            if not is_text(need[key]):
                problems.append(f"{where}: empty {key}")
        skills = need["skills"]
        if not isinstance(skills, list) or not skills or not all(is_text(s) for s in skills):
            problems.append(f"{where}: skills {skills!r}")
        if not subset(need["partner_kinds"], KINDS):
            problems.append(f"{where}: partner_kinds {need['partner_kinds']!r}")
        if not subset(need["sectors"], SECTORS):
            problems.append(f"{where}: sectors {need['sectors']!r}")
        if need["region"] is not None and need["region"] not in REGIONS:
            problems.append(f"{where}: region {need['region']!r}")
        if need["engagement_type"] not in ETYPES:
            problems.append(f"{where}: engagement_type {need['engagement_type']!r}")
    return ids


def check_qrels(
    qrels: object, need_ids: set[str], partner_ids: set[str], problems: list[str]
) -> None:
    """Validate qrels.json against the need and partner ids."""
    if not isinstance(qrels, dict):
        problems.append("qrels.json: not an object")
        return
    for nid in sorted(need_ids - set(qrels)):
        problems.append(f"qrels: need {nid} has no judgments")
    for nid, grades in qrels.items():
        if nid not in need_ids:
            problems.append(f"qrels: unknown need {nid}")
        if not isinstance(grades, dict):
            problems.append(f"qrels {nid}: not an object")
            continue
        for pid, grade in grades.items():
            if pid not in partner_ids:
                problems.append(f"qrels {nid}: unknown partner {pid}")
            if not is_int(grade) or not 0 <= grade <= 3:
                problems.append(f"qrels {nid}: grade {grade!r} for {pid}")
        if 3 not in grades.values():
            problems.append(f"qrels {nid}: no grade-3 partner")


Qrels = dict[str, dict[str, int]]


def summary(partners: list[dict[str, Any]], needs: list[dict[str, Any]], qrels: Qrels) -> str:
    """Counts and distributions as plain text."""
    lines = [f"partners: {len(partners)}   needs: {len(needs)}"]
    without = sum(1 for p in partners if p["interview"] is None)
    lines.append(f"partners without interview: {without} ({without / len(partners):.0%})")
    for label, field in (("kind", "kind"), ("region", "region")):
        counts = Counter(str(p[field]) for p in partners)
        lines.append(f"{label}: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    sectors = Counter(s for p in partners for s in p["sectors"])
    lines.append("partner sectors: " + ", ".join(f"{k} {v}" for k, v in sectors.most_common()))
    grades = Counter(g for judged in qrels.values() for g in judged.values())
    total = sum(grades.values())
    lines.append(
        f"judged pairs: {total}   grade 3: {grades[3]}   grade 2: {grades[2]}   "
        f"grade 1: {grades[1]}   grade 0 listed: {grades[0]}"
    )
    lines.append("need   g3 g2 g1  kinds / region / engagement type")
    for need in needs:
        judged = Counter(qrels.get(need["id"], {}).values())
        kinds = ",".join(need["partner_kinds"]) or "any"
        lines.append(
            f"{need['id']}  {judged[3]:3d}{judged[2]:3d}{judged[1]:3d}  "
            f"{kinds} / {need['region'] or 'statewide'} / {need['engagement_type']}"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    problems: list[str] = []
    partners = load("partners.json")
    needs = load("needs.json")
    qrels = load("qrels.json")
    partner_ids = check_partners(partners, problems)
    need_ids = check_needs(needs, problems)
    check_qrels(qrels, need_ids, partner_ids, problems)
    if problems:
        sys.stdout.write("\n".join(problems) + f"\n{len(problems)} problem(s)\n")
        return 1
    sys.stdout.write(
        summary(
            cast(list[dict[str, Any]], partners),
            cast(list[dict[str, Any]], needs),
            cast(Qrels, qrels),
        )
    )
    sys.stdout.write("OK\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
