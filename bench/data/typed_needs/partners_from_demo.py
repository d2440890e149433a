"""Write partners.json: the demo's partners in the evaluation set's shape (the typed-needs set
is graded against every partner a new user of the demo sees). Stdlib only, deterministic:

    python3 bench/data/typed_needs/partners_from_demo.py
"""

import json
from pathlib import Path

HERE = Path(__file__).parent
DEMO = HERE.parents[2] / "app" / "demo" / "data.json"
FIELDS = ("business_summary", "role_and_skills", "interest_level", "capacity_hours_per_month",
          "max_concurrent_engagements", "engagement_types", "notes")  # fmt: skip


def main() -> None:
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    latest: dict[str, dict[str, object]] = {}
    # Fewest days ago is the latest interview, the one the service reads.
    for row in sorted(demo["interviews"], key=lambda r: -r["conducted_days_ago"]):
        latest[row["organization"]] = {f: row.get(f) for f in FIELDS}
    partners = [
        {
            "id": org["key"],
            "name": org["name"],
            "kind": org["kind"],
            "sectors": org["sectors"],
            "region": org["region"],
            "description": org["description"],
            "interview": latest.get(org["key"]),
        }
        for org in demo["organizations"]
    ]
    out = HERE / "partners.json"
    out.write_text(json.dumps(partners, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(partners)} partners -> {out}")


if __name__ == "__main__":
    main()
