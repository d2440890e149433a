"""Programs as the write path and the routes see them. Needs and asks name their program by
id or by name (`PROGRAM`); a name is one program whatever its case."""

from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.models import Role
from app.domain import Domain, NamedRef, Reference, Summaries, VocabularyField
from app.errors import Conflict, FieldError
from app.organizations.models import Organization
from app.programs import schemas
from app.programs.models import Program

PROGRAM = NamedRef("program", "program_id", Program, "program")


def find_by_name(session: Session, name: str) -> Program | None:
    """The program of this name, whatever its case and spacing."""
    wanted = " ".join(name.split()).lower()
    return session.scalars(
        select(Program).where(func.lower(Program.name) == wanted).order_by(Program.id).limit(1)
    ).first()


def one_program_per_name(session: Session, values: Mapping[str, object], own: int | None) -> None:
    """ "Lincoln USD Health Academy" and "lincoln usd health academy" are one program."""
    name = values.get("name")
    if not isinstance(name, str):
        return
    other = find_by_name(session, name)
    if other is not None and other.id != own:
        message = f"program {other.id} is already named {other.name!r}"
        raise Conflict(message, errors=[FieldError(field="name", location="body", message=message)])


PROGRAMS = Domain(
    path="programs",
    label="program",
    model=Program,
    create=schemas.ProgramCreate,
    update=schemas.ProgramUpdate,
    read=schemas.ProgramRead,
    query=schemas.ProgramQuery,
    summaries=Summaries(
        create="Add a program (who asks partners)",
        list="List programs, oldest first, with filters and a cursor",
        get="Get a program",
        update="Change some fields of a program (a new name goes to its needs and asks)",
        delete="Delete a program",
        get_by_external_id="Get a program by its CRM id",
        upsert="Create or replace the program with this CRM id",
    ),
    write_role=Role.convener,  # conveners run programs; recruiters read them
    references=(Reference("organization_id", Organization, "organization"),),
    vocabularies=(VocabularyField("region", "region"),),
    rules=(one_program_per_name,),
    organization_column=None,  # the organization running it is not a partner's load
)
