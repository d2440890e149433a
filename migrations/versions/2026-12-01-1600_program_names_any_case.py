"""program names unique whatever their case, in the database and not only in the write path

The write path refuses a name another program has in another case, but two writes racing
each other could both pass that check; a unique index on lower(name) makes the second one a
conflict. Programs that already share a name in another case (only such a race made them)
are merged into the oldest first: their needs and asks move to it.

Revision ID: 0011
Revises: 0008d
Create Date: 2026-12-01 16:00:00
"""

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0008d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _merge_programs_named_alike()
    # The unique constraint on the name as written stays (it is implied by this index; on
    # SQLite dropping it would mean copying a table other tables point at).
    op.create_index(
        op.f("uq_programs_name_any_case"), "programs", [sa.text("lower(name)")], unique=True
    )


def downgrade() -> None:
    op.drop_index(op.f("uq_programs_name_any_case"), table_name="programs")


def _merge_programs_named_alike() -> None:
    conn = op.get_bind()
    groups: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
    for id_, name in conn.execute(sa.text("SELECT id, name FROM programs ORDER BY id")):
        groups[name.lower()].append((id_, name))
    for rows in groups.values():
        (keep, name), *others = rows
        for other, _ in others:
            for table in ("needs", "engagements"):
                conn.execute(
                    sa.text(
                        f"UPDATE {table} SET program_id = :keep, program = :name "  # noqa: S608
                        "WHERE program_id = :other"
                    ),
                    {"keep": keep, "name": name, "other": other},
                )
            conn.execute(sa.text("DELETE FROM programs WHERE id = :other"), {"other": other})
