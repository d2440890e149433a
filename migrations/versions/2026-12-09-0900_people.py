"""people: accounts that sign in with an email and a password, their invitations and password
resets; API keys owned by a person; web sessions of a person

A person is invited (a mail with a single-use, expiring link; only the SHA-256 digest of its
token is kept here), sets a password (its Argon2 hash is kept) and signs in. A key may now
belong to a person (`owner_id`, revoked with them) or stay a named service key; a web session
belongs to a person or, for operators signing in with a key, to that key.

On SQLite the key's owner is added with a plain ALTER TABLE (a REFERENCES clause on a new
column is allowed): batch mode would copy api_keys, and dropping the old copy cascades to
every web session signed in with a key.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-09 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLE = sa.Enum(
    "viewer",
    "recruiter",
    "convener",
    "admin",
    name="role",
    native_enum=False,
    create_constraint=True,
    length=32,
)


def _link_table(name: str, *extra: "sa.Column[str]") -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        *extra,
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f(f"fk_{name}_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint("token_hash", name=op.f(f"uq_{name}_token_hash")),
    )
    op.create_index(op.f(f"ix_{name}_person_id"), name, ["person_id"])


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("role", ROLE, nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("invited_by", sa.String(length=255), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_sign_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disabled_by", sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    _link_table("invitations", sa.Column("created_by", sa.String(length=255), nullable=False))
    _link_table("password_resets")

    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE api_keys ADD COLUMN owner_id INTEGER REFERENCES people (id)")
    else:
        op.add_column("api_keys", sa.Column("owner_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_api_keys_owner_id_people"), "api_keys", "people", ["owner_id"], ["id"]
        )
    op.create_index(op.f("ix_api_keys_owner_id"), "api_keys", ["owner_id"])

    # Nothing points at web_sessions: copying it (SQLite's batch mode) loses nothing.
    with op.batch_alter_table("web_sessions") as batch:
        batch.alter_column("api_key_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_web_sessions_person_id"), ["person_id"])
        batch.create_foreign_key(
            batch.f("fk_web_sessions_person_id_people"),
            "people",
            ["person_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_check_constraint(
            batch.f("ck_web_sessions_one_owner"), "(api_key_id IS NULL) <> (person_id IS NULL)"
        )
    # Last, and first to go in a downgrade: SQLite's batch mode reflects the tables a copied
    # table points at, and warns about an index on an expression it cannot read.
    op.create_index(
        op.f("uq_people_email_any_case"), "people", [sa.text("lower(email)")], unique=True
    )


def downgrade() -> None:
    op.drop_index(op.f("uq_people_email_any_case"), table_name="people")
    op.execute("DELETE FROM web_sessions WHERE person_id IS NOT NULL")
    with op.batch_alter_table("web_sessions") as batch:
        batch.drop_constraint(batch.f("ck_web_sessions_one_owner"), type_="check")
        batch.drop_constraint(batch.f("fk_web_sessions_person_id_people"), type_="foreignkey")
        batch.drop_index(batch.f("ix_web_sessions_person_id"))
        batch.drop_column("person_id")
        batch.alter_column("api_key_id", existing_type=sa.Integer(), nullable=False)
    op.drop_index(op.f("ix_api_keys_owner_id"), table_name="api_keys")
    if op.get_bind().dialect.name == "sqlite":
        # The column's REFERENCES clause keeps SQLite's DROP COLUMN from taking it: copy the
        # table (its web sessions go with the old copy; a downgrade signs everyone out).
        with op.batch_alter_table("api_keys", recreate="always") as batch:
            batch.drop_column("owner_id")
    else:
        op.drop_constraint(op.f("fk_api_keys_owner_id_people"), "api_keys", type_="foreignkey")
        op.drop_column("api_keys", "owner_id")
    op.drop_table("password_resets")
    op.drop_table("invitations")
    op.drop_table("people")
