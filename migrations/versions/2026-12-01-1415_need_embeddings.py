"""need embeddings: a stored need's field vectors, kept like partner vectors

Revision ID: 0009
Revises: 0008c
Create Date: 2026-12-01 14:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "need_embeddings",
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(length=120), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("dim", sa.Integer(), nullable=False),
        sa.Column("vectors", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["need_id"],
            ["needs.id"],
            name=op.f("fk_need_embeddings_need_id_needs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("need_id", "model", name=op.f("pk_need_embeddings")),
    )


def downgrade() -> None:
    op.drop_table("need_embeddings")
