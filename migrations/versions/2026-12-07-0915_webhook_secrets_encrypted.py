"""webhook signing secrets are kept encrypted

`webhook_endpoints.secret`, the secret as issued, becomes `encrypted_secret`: each one encrypted
(Fernet) with the first of WEBHOOK_SECRET_KEYS or, when that is unset, with the key in the file
beside the database (made here if there are secrets and no file yet). Downgrade decrypts them
back with whichever key opens each one; a secret no key opens stops it, with nothing changed.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 09:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# The app's own key lookup, not a copy: what this encrypts, the app must decrypt.
from app.config import Settings
from app.webhooks.keyring import Keyring, KeysUnusable, load_keyring

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _keyring() -> Keyring:
    # The keys from the environment (or .env); the key file by the database being migrated.
    keys = tuple(key.get_secret_value() for key in Settings().webhook_secret_keys)
    url = op.get_bind().engine.url.render_as_string(hide_password=False)
    return load_keyring(keys, url)


def _endpoints(column: str) -> sa.TableClause:
    return sa.table("webhook_endpoints", sa.column("id", sa.Integer), sa.column(column, sa.String))


def upgrade() -> None:
    # Wider first: a token of a 50-character secret is 164 characters.
    with op.batch_alter_table("webhook_endpoints") as batch:
        batch.alter_column(
            "secret",
            new_column_name="encrypted_secret",
            existing_type=sa.String(length=100),
            type_=sa.String(length=255),
            existing_nullable=False,
        )
    conn = op.get_bind()
    endpoints = _endpoints("encrypted_secret")
    rows = conn.execute(sa.select(endpoints.c.id, endpoints.c.encrypted_secret)).all()
    if not rows:  # no key is needed (nor a key file made) for a database with no webhook
        return
    keyring = _keyring()
    for id_, secret in rows:
        conn.execute(
            endpoints.update()
            .where(endpoints.c.id == id_)
            .values(encrypted_secret=keyring.encrypt(secret))
        )


def downgrade() -> None:
    conn = op.get_bind()
    endpoints = _endpoints("encrypted_secret")
    rows = conn.execute(sa.select(endpoints.c.id, endpoints.c.encrypted_secret)).all()
    if rows:
        keyring = _keyring()
        for id_, stored in rows:
            try:
                secret = keyring.decrypt(stored)
            except KeysUnusable as exc:
                raise type(exc)(f"webhook {id_}: {exc.reason}") from None
            conn.execute(
                endpoints.update().where(endpoints.c.id == id_).values(encrypted_secret=secret)
            )
    with op.batch_alter_table("webhook_endpoints") as batch:
        batch.alter_column(
            "encrypted_secret",
            new_column_name="secret",
            existing_type=sa.String(length=255),
            type_=sa.String(length=100),
            existing_nullable=False,
        )
