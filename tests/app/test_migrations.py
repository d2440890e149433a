"""The schema is made by Alembic alone, and the models agree with it on both databases."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from app.db import Database
from app.migrate import alembic_config
from app.models import Base


def test_models_and_migrations_agree(database: Database) -> None:
    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_one_head_and_a_full_round_trip(database: Database) -> None:
    config = alembic_config(database.url)
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1
    tables = set(Base.metadata.tables)
    command.downgrade(config, "base")
    assert not tables & set(inspect(database.engine).get_table_names())
    command.upgrade(config, "head")
    assert tables <= set(inspect(database.engine).get_table_names())
