"""vocabulary entries carry a description and the terms that name them; the shipped sectors

A need typed in words is read with the vocabularies: each sector and region entry has a short
description (said in answers: "no partner on file does veterinary and animal care work") and
terms (words and phrases that name it; for a region, its towns). Conveners edit both.

Data: the shipped sector entries (`matching.lexicon.DEFAULT_SECTORS`, following the national
Career Clusters and common CTE programs) are added as kept values where the deployment has no
value of that name (in any spelling); an existing value of that name gets their description
and terms. Downgrade drops the columns and leaves the entries.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 09:00:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from matching.lexicon import DEFAULT_SECTORS

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _key(value: str) -> str:
    return " ".join(value.replace("_", " ").replace("-", " ").split()).casefold()


def upgrade() -> None:
    with op.batch_alter_table("vocabulary_entries") as batch:
        batch.add_column(sa.Column("description", sa.String(length=500), nullable=True))
        batch.add_column(sa.Column("terms", JSON, nullable=True))
    entries = sa.table(
        "vocabulary_entries", sa.column("id", sa.Integer), sa.column("kind", sa.String),
        sa.column("value", sa.String), sa.column("aliases", JSON), sa.column("status", sa.String),
        sa.column("description", sa.String), sa.column("terms", JSON),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)), sa.column("version", sa.Integer),
    )  # fmt: skip
    conn = op.get_bind()
    conn.execute(entries.update().values(description="", terms=[]))
    found: dict[str, int] = {}
    for row_id, value, aliases in conn.execute(
        sa.select(entries.c.id, entries.c.value, entries.c.aliases).where(
            entries.c.kind == "sector"
        )
    ):
        for spelling in (value, *(aliases or [])):
            found.setdefault(_key(spelling), row_id)
    stamp = datetime.now(UTC)
    for entry in DEFAULT_SECTORS:
        at = found.get(_key(entry.value))
        if at is None:
            conn.execute(entries.insert().values(
                kind="sector", value=entry.value, aliases=[], status="kept",
                description=entry.description, terms=list(entry.terms),
                created_at=stamp, updated_at=stamp, version=1,
            ))  # fmt: skip
        else:
            conn.execute(entries.update().where(entries.c.id == at).values(
                description=entry.description, terms=list(entry.terms)))  # fmt: skip
    with op.batch_alter_table("vocabulary_entries") as batch:
        batch.alter_column("description", existing_type=sa.String(length=500), nullable=False)
        batch.alter_column("terms", existing_type=JSON, nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("vocabulary_entries") as batch:
        batch.drop_column("terms")
        batch.drop_column("description")
