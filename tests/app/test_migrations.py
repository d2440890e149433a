"""The schema is made by Alembic alone, and the models agree with it on both databases."""

from datetime import UTC, date, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, Table, inspect, select
from sqlalchemy.exc import IntegrityError

from app.db import Database
from app.engagements.models import Engagement
from app.migrate import alembic_config
from app.models import Base, Need, Organization, Program, VocabularyEntry
from app.programs.domain import PROGRAMS
from app.programs.schemas import ProgramCreate
from app.writes.service import WriteService
from matching.lexicon import DEFAULT_SECTORS


# SQLite's reflection cannot read an index on an expression (lower(name) on programs); the
# comparison skips it there and checks it on PostgreSQL.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
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
        # 0008a's values from the records, and (0013) the shipped sectors, each once: a value
        # in use under a shipped name takes its description and terms.
        assert entries == {
            ("region", "High Desert", "kept"),
            ("sector", "health_sciences", "kept"),
            ("sector", "energy", "kept"),
        } | {("sector", e.value, "kept") for e in DEFAULT_SECTORS}
        health = session.scalars(
            select(VocabularyEntry).where(VocabularyEntry.value == "health_sciences")
        ).one()
        assert (health.description, "nursing" in health.terms) == ("health care", True)
    # A program made afterwards gets the next id on PostgreSQL too.
    with db.sessionmaker.begin() as session:
        made = WriteService(PROGRAMS).create(session, ProgramCreate(name="New one"))
        assert made.id == 3


def test_programs_named_alike_are_merged_and_then_refused_by_the_database(db: Database) -> None:
    """0011: two programs whose names differ only in case (what a race between two writes
    could leave) become one, their needs moving to the older; after it the database itself
    refuses such a name, whatever path writes it."""
    config = alembic_config(db.url)
    command.downgrade(config, "0008d")
    now = datetime.now(UTC)
    stamps = {"created_at": now, "updated_at": now, "version": 1}
    with db.engine.begin() as conn:
        programs, needs = (
            Table(name, MetaData(), autoload_with=conn) for name in ("programs", "needs")
        )
        for id_, name in ((1, "Lincoln Academy"), (2, "LINCOLN ACADEMY"), (3, "Riverbend CC")):
            conn.execute(programs.insert().values(id=id_, name=name, goals={}, **stamps))
        need = {"description": "", "expertise_sought": "", "skills": [], "partner_kinds": [],
                "engagement_type": "mentoring", "hours_per_partner": 0, "slots": 1,
                "status": "open", "sectors": [], **stamps}  # fmt: skip
        for id_, (program_id, name) in enumerate(
            [(1, "Lincoln Academy"), (2, "LINCOLN ACADEMY"), (3, "Riverbend CC")], start=1
        ):
            conn.execute(
                needs.insert().values(
                    id=id_, title=f"N{id_}", program_id=program_id, program=name, **need
                )
            )
    command.upgrade(config, "head")

    with db.sessionmaker() as session:
        assert {p.id: p.name for p in session.scalars(select(Program))} == {
            1: "Lincoln Academy",
            3: "Riverbend CC",
        }
        assert {n.id: (n.program_id, n.program) for n in session.scalars(select(Need))} == {
            1: (1, "Lincoln Academy"),
            2: (1, "Lincoln Academy"),
            3: (3, "Riverbend CC"),
        }
    with pytest.raises(IntegrityError), db.sessionmaker.begin() as session:
        session.add(Program(name="riverbend cc", goals={}))


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_asks_completed_before_end_on_the_day_they_were_last_written(db: Database) -> None:
    """0017: an ask marked completed kept its planned end, so the partner's hours worked and
    last finished engagement ignored it until then. Those asks end on the day they were last
    written (a later start moves too); asks that ended already, or are not completed, keep
    their dates; the changed ones move their version."""
    config = alembic_config(db.url)
    program = WriteService(PROGRAMS)
    with db.sessionmaker.begin() as session:
        program_id = program.create(session, ProgramCreate(name="Riverbend CC")).id
    written = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)
    stamps = {"created_at": written, "updated_at": written, "version": 3}
    planned = {"starts_on": date(2026, 11, 20), "ends_on": date(2027, 1, 15)}
    with db.engine.begin() as conn:
        orgs = Table("organizations", MetaData(), autoload_with=conn)
        asks = Table("engagements", MetaData(), autoload_with=conn)
        conn.execute(orgs.insert().values(id=1, name="Org", kind="employer", sectors=[],
                                          region=None, description="", **stamps))  # fmt: skip
        ask = {"organization_id": 1, "program": "Riverbend CC", "program_id": program_id,
               "engagement_type": "mentoring", "asked_at": written, "hours_estimated": 10,
               **stamps}  # fmt: skip
        conn.execute(asks.insert().values(id=1, status="completed", **planned, **ask))
        conn.execute(asks.insert().values(id=2, status="accepted", **planned, **ask))
        conn.execute(asks.insert().values(id=3, status="completed", starts_on=date(2026, 9, 1),
                                          ends_on=date(2026, 10, 1), **ask))  # fmt: skip
    command.downgrade(config, "0016")
    command.upgrade(config, "head")
    with db.sessionmaker() as session:
        found = {e.id: (e.starts_on, e.ends_on, e.version)
                 for e in session.scalars(select(Engagement))}  # fmt: skip
    assert found == {
        1: (date(2026, 11, 2), date(2026, 11, 2), 4),
        2: (date(2026, 11, 20), date(2027, 1, 15), 3),
        3: (date(2026, 9, 1), date(2026, 10, 1), 3),
    }
