"""one vocabulary entry per spelling of a value

Entries were unique per exact (kind, value), while every lookup matches spellings ("Salt Flats",
"salt-flats", "SALT_FLATS"): records naming a new value at once in two spellings made two
entries. A `spelling` column (the value's key: lower case, `_` and `-` as spaces, one space) is
unique per kind instead. Entries that already share a spelling (made by that race) stop the
upgrade, named: merge them first (POST /v1/vocabularies/{kind}/{value}/merge).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 10:30:00
"""

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _key(value: str) -> str:
    # Frozen here as it is today (app.vocabularies.models.key): a migration keeps its meaning.
    return " ".join(value.replace("_", " ").replace("-", " ").split()).casefold()


def upgrade() -> None:
    entries = sa.table("vocabulary_entries", sa.column("id", sa.Integer),
                       sa.column("kind", sa.String), sa.column("value", sa.String),
                       sa.column("spelling", sa.String))  # fmt: skip
    with op.batch_alter_table("vocabulary_entries") as batch:
        batch.add_column(sa.Column("spelling", sa.String(length=120), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.select(entries.c.id, entries.c.kind, entries.c.value)).all()
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for id_, kind, value in rows:
        shared[(kind, _key(value))].append(value)
        bind.execute(entries.update().where(entries.c.id == id_).values(spelling=_key(value)))
    twins = {k: v for k, v in shared.items() if len(v) > 1}
    if twins:
        named = "; ".join(f"{kind}: {', '.join(map(repr, values))}"
                          for (kind, _), values in sorted(twins.items()))  # fmt: skip
        raise RuntimeError(f"vocabulary values spelled alike, to merge first: {named}")
    with op.batch_alter_table("vocabulary_entries") as batch:
        batch.alter_column("spelling", existing_type=sa.String(length=120), nullable=False)
        batch.drop_constraint("uq_vocabulary_entries_kind", type_="unique")
        batch.create_unique_constraint("uq_vocabulary_entries_kind_spelling", ["kind", "spelling"])


def downgrade() -> None:
    with op.batch_alter_table("vocabulary_entries") as batch:
        batch.drop_constraint("uq_vocabulary_entries_kind_spelling", type_="unique")
        batch.create_unique_constraint("uq_vocabulary_entries_kind", ["kind", "value"])
        batch.drop_column("spelling")
