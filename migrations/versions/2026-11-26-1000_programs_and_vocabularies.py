"""programs are records; needs and asks point at them; sector and region vocabularies

Revision ID: 0008a
Revises: 0007
Create Date: 2026-11-26 10:00:00

Data: one program per distinct program name of the needs and asks (names differing only in
case and spacing are one program, spelled as most records spell it), and one vocabulary entry
per distinct sector and region in use (kept; spellings differing only in case, spacing, `_` or
`-` become one value, spelled as most records spell it, and the records are rewritten to it).
"""

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008a"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _stamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "programs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("region", sa.String(length=120), nullable=True),
        sa.Column("goals", JSON, nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_programs_organization_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programs")),
        sa.UniqueConstraint("external_id", name=op.f("uq_programs_external_id")),
        sa.UniqueConstraint("name", name=op.f("uq_programs_name")),
    )
    op.create_index(op.f("ix_programs_organization_id"), "programs", ["organization_id"])
    op.create_index(op.f("ix_programs_region"), "programs", ["region"])
    op.create_table(
        "vocabulary_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "sector",
                "region",
                name="vocabulary_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("value", sa.String(length=120), nullable=False),
        sa.Column("aliases", JSON, nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "kept",
                "new",
                name="entry_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        *_stamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vocabulary_entries")),
        sa.UniqueConstraint("kind", "value", name=op.f("uq_vocabulary_entries_kind")),
    )
    for table in ("needs", "engagements"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("program_id", sa.Integer(), nullable=True))
    _programs_from_names()
    for table in ("needs", "engagements"):
        with op.batch_alter_table(table) as batch:
            batch.alter_column("program_id", existing_type=sa.Integer(), nullable=False)
            batch.create_index(batch.f(f"ix_{table}_program_id"), ["program_id"])
            batch.create_foreign_key(
                batch.f(f"fk_{table}_program_id_programs"),
                "programs",
                ["program_id"],
                ["id"],
                ondelete="RESTRICT",
            )
    _vocabularies_from_values()


def _one_spelling(counts: Counter[str], key: object) -> dict[object, str]:
    """key -> the spelling most records use (ties: the first in sorted order)."""
    groups: defaultdict[object, list[str]] = defaultdict(list)
    for spelling in counts:
        groups[key(spelling)].append(spelling)  # type: ignore[operator]
    return {
        k: sorted(spellings, key=lambda s: (-counts[s], s))[0] for k, spellings in groups.items()
    }


def _name_key(name: str) -> str:
    return " ".join(name.split()).lower()


def _value_key(value: str) -> str:
    return " ".join(value.replace("_", " ").replace("-", " ").split()).casefold()


def _programs_from_names() -> None:
    conn = op.get_bind()
    now = datetime.now(UTC)
    programs = sa.table(
        "programs",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("goals", JSON),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("version", sa.Integer),
    )
    counts: Counter[str] = Counter()
    for table in ("needs", "engagements"):
        rows = conn.execute(sa.text(f"SELECT program, count(*) FROM {table} GROUP BY program"))
        for name, n in rows:
            counts[name] += n
    names = _one_spelling(counts, _name_key)
    stamp = now if conn.dialect.name != "sqlite" else now.replace(tzinfo=None)
    ids: dict[object, int] = {}
    for i, (k, name) in enumerate(sorted(names.items(), key=lambda kv: kv[1]), start=1):
        conn.execute(
            programs.insert().values(
                id=i,
                name=" ".join(name.split()),
                goals={},
                created_at=stamp,
                updated_at=stamp,
                version=1,
            )
        )
        ids[k] = i
    if ids and conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT setval('programs_id_seq', :n)"), {"n": len(ids)})
    for table in ("needs", "engagements"):
        for spelling in counts:
            k = _name_key(spelling)
            conn.execute(
                sa.text(
                    f"UPDATE {table} SET program_id = :id, program = :name "
                    "WHERE program = :spelling"
                ),
                {"id": ids[k], "name": " ".join(names[k].split()), "spelling": spelling},
            )


def _vocabularies_from_values() -> None:
    conn = op.get_bind()
    stamp = datetime.now(UTC)
    if conn.dialect.name == "sqlite":
        stamp = stamp.replace(tzinfo=None)
    entries = sa.table(
        "vocabulary_entries",
        sa.column("kind", sa.String),
        sa.column("value", sa.String),
        sa.column("aliases", JSON),
        sa.column("status", sa.String),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("version", sa.Integer),
    )
    # Regions: a column of organizations and needs; sectors: a list in each.
    regions: Counter[str] = Counter()
    for table in ("organizations", "needs"):
        rows = conn.execute(
            sa.text(
                f"SELECT region, count(*) FROM {table} WHERE region IS NOT NULL GROUP BY region"
            )
        )
        for region, n in rows:
            regions[region] += n
    sector_rows: dict[str, list[tuple[int, list[str]]]] = {}
    sectors: Counter[str] = Counter()
    for table in ("organizations", "needs"):
        listed = sa.table(table, sa.column("id", sa.Integer), sa.column("sectors", JSON))
        found = [
            (i, list(s or [])) for i, s in conn.execute(sa.select(listed.c.id, listed.c.sectors))
        ]
        sector_rows[table] = found
        for _, items in found:
            sectors.update(items)
    for kind, counts in (("region", regions), ("sector", sectors)):
        canonical = _one_spelling(counts, _value_key)
        for value in sorted(canonical.values()):
            conn.execute(
                entries.insert().values(
                    kind=kind,
                    value=value,
                    aliases=[],
                    status="kept",
                    created_at=stamp,
                    updated_at=stamp,
                    version=1,
                )
            )
        if kind == "region":
            for spelling in counts:
                value = canonical[_value_key(spelling)]
                if value != spelling:
                    for table in ("organizations", "needs"):
                        conn.execute(
                            sa.text(f"UPDATE {table} SET region = :v WHERE region = :s"),
                            {"v": value, "s": spelling},
                        )
            continue
        for table, stored in sector_rows.items():
            listed = sa.table(table, sa.column("id", sa.Integer), sa.column("sectors", JSON))
            for row_id, items in stored:
                fixed = list(dict.fromkeys(canonical[_value_key(s)] for s in items))
                if fixed != items:
                    conn.execute(listed.update().where(listed.c.id == row_id).values(sectors=fixed))


def downgrade() -> None:
    for table in ("engagements", "needs"):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(batch.f(f"fk_{table}_program_id_programs"), type_="foreignkey")
            batch.drop_index(batch.f(f"ix_{table}_program_id"))
            batch.drop_column("program_id")
    op.drop_table("vocabulary_entries")
    op.drop_index(op.f("ix_programs_region"), table_name="programs")
    op.drop_index(op.f("ix_programs_organization_id"), table_name="programs")
    op.drop_table("programs")
