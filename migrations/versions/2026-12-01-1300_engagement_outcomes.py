"""engagements record what came of them: students served, hires, credentials, a note

Revision ID: 0008d
Revises: 0007
Create Date: 2026-12-01 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008d"
down_revision: str | None = "0008a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("engagements") as batch:
        batch.add_column(sa.Column("students_served", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("hires", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("credentials_earned", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("outcome_note", sa.Text(), nullable=True))
        batch.create_check_constraint(
            op.f("ck_engagements_students_served_nonneg"),
            "students_served IS NULL OR students_served >= 0",
        )
        batch.create_check_constraint(
            op.f("ck_engagements_hires_nonneg"), "hires IS NULL OR hires >= 0"
        )
        batch.create_check_constraint(
            op.f("ck_engagements_credentials_nonneg"),
            "credentials_earned IS NULL OR credentials_earned >= 0",
        )


def downgrade() -> None:
    with op.batch_alter_table("engagements") as batch:
        batch.drop_constraint(op.f("ck_engagements_credentials_nonneg"), type_="check")
        batch.drop_constraint(op.f("ck_engagements_hires_nonneg"), type_="check")
        batch.drop_constraint(op.f("ck_engagements_students_served_nonneg"), type_="check")
        batch.drop_column("outcome_note")
        batch.drop_column("credentials_earned")
        batch.drop_column("hires")
        batch.drop_column("students_served")
