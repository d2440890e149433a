"""The schema is made by Alembic alone, and the models agree with it on both databases."""

from datetime import UTC, datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, Table, inspect, select

from app.db import Database
from app.engagements.models import Engagement
from app.migrate import alembic_config
from app.models import Base, Need, Organization, Program, VocabularyEntry
from app.programs.domain import PROGRAMS
from app.programs.schemas import ProgramCreate
from app.writes.service import WriteService


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


def test_the_programs_upgrade_makes_programs_and_vocabularies_from_stored_values(
    db: Database,
) -> None:
    """0008a: one program per program name (whatever its case), one kept vocabulary value per
    sector and region (whatever the case, spacing, `_` or `-`), records rewritten to it."""
    config = alembic_config(db.url)
    command.downgrade(config, "0007")
    now = datetime.now(UTC)
    stamps = {"created_at": now, "updated_at": now, "version": 1}
    with db.engine.begin() as conn:
        orgs, needs, asks = (
            Table(name, MetaData(), autoload_with=conn)
            for name in ("organizations", "needs", "engagements")
        )
        for i, (region, sectors) in enumerate(
            [
                ("High Desert", ["health_sciences"]),
                ("High Desert", ["Health Sciences", "energy"]),
                ("high desert", ["health-sciences"]),
            ],
            start=1,
        ):
            conn.execute(
                orgs.insert().values(
                    id=i, name=f"Org {i}", kind="employer", sectors=sectors, region=region,
                    description="", **stamps,
                )
            )  # fmt: skip
        need = {"description": "", "expertise_sought": "", "skills": [], "partner_kinds": [],
                "engagement_type": "mentoring", "hours_per_partner": 0, "slots": 1,
                "status": "open", **stamps}  # fmt: skip
        conn.execute(
            needs.insert().values(
                id=1, title="A", sectors=[], region="HIGH DESERT", program="Lincoln Academy",
                **need,
            )
        )  # fmt: skip
        conn.execute(
            needs.insert().values(
                id=2, title="B", sectors=["energy", "health_sciences"], region=None,
                program="lincoln academy",
                **need,
            )
        )  # fmt: skip
        conn.execute(
            asks.insert().values(
                organization_id=1, program="Riverbend CC", engagement_type="mentoring",
                status="asked", asked_at=now, hours_estimated=0, **stamps,
            )
        )  # fmt: skip
    command.upgrade(config, "head")

    with db.sessionmaker() as session:
        programs = {p.name: p.id for p in session.scalars(select(Program))}
        assert set(programs) == {"Lincoln Academy", "Riverbend CC"}
        stored = {n.id: (n.program, n.program_id, n.region) for n in session.scalars(select(Need))}
        lincoln = programs["Lincoln Academy"]
        assert stored == {1: ("Lincoln Academy", lincoln, "High Desert"),
                          2: ("Lincoln Academy", lincoln, None)}  # fmt: skip
        ask = session.scalars(select(Engagement)).one()
        assert ask.program_id == programs["Riverbend CC"]
        orgs_sectors = [o.sectors for o in session.scalars(select(Organization).order_by("id"))]
        assert orgs_sectors == [["health_sciences"], ["health_sciences", "energy"],
                                ["health_sciences"]]  # fmt: skip
        entries = {(e.kind.value, e.value, e.status.value)
                   for e in session.scalars(select(VocabularyEntry))}  # fmt: skip
        assert entries == {
            ("region", "High Desert", "kept"),
            ("sector", "health_sciences", "kept"),
            ("sector", "energy", "kept"),
        }
    # A program made afterwards gets the next id on PostgreSQL too.
    with db.sessionmaker.begin() as session:
        made = WriteService(PROGRAMS).create(session, ProgramCreate(name="New one"))
        assert made.id == 3
