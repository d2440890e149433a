"""Needs (participant profiles) as the write path and the routes see them; recruiters may
create and change them."""

from app.auth.models import Role
from app.domain import Domain, Summaries
from app.needs import schemas
from app.needs.models import Need

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
    organization_column=None,
)
