"""Needs (participant profiles) as the write path and the routes see them; recruiters may
create and change them."""

from app.auth.models import Role
from app.domain import Domain, Reference, Summaries, VocabularyField
from app.needs import schemas
from app.needs.models import Need
from app.programs.domain import PROGRAM
from app.programs.models import Program

# A program's needs and asks keep it: deleting it asks for them to go too.
BY_PROGRAM = Reference("program_id", Program, "program", guards_delete=True)
SECTORS = VocabularyField("sectors", "sector")
REGION = VocabularyField("region", "region")

NEEDS = Domain(
    path="needs",
    label="need",
    model=Need,
    create=schemas.NeedCreate,
    update=schemas.NeedUpdate,
    read=schemas.NeedRead,
    query=schemas.NeedQuery,
    summaries=Summaries(
        create="Post a need (a participant profile)",
        list="List needs, oldest first, with filters and a cursor",
        get="Get a need",
        update="Change some fields of a need",
        delete="Delete a need",
        get_by_external_id="Get a need by its CRM id",
        upsert="Create or replace the need with this CRM id",
    ),
    write_role=Role.recruiter,
    references=(BY_PROGRAM,),
    named_refs=(PROGRAM,),
    vocabularies=(SECTORS, REGION),
    organization_column=None,
)
