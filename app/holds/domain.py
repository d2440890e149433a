"""Do-not-ask holds as the write path sees them. Rankings read holds live (a hold lapses by
date, with no write), so a hold is not in the index change log, nor part of a partner's load."""

from app.domain import Domain, Summaries
from app.holds import schemas
from app.holds.models import Hold
from app.organizations.domain import ORGANIZATION

HOLDS = Domain(
    path="holds",
    label="hold",
    model=Hold,
    create=schemas.HoldStored,
    update=schemas.HoldStoredUpdate,
    read=schemas.HoldRead,
    query=schemas.HoldQuery,
    summaries=Summaries(
        create="Put a partner on a do-not-ask hold until a date",
        list="List do-not-ask holds, oldest first, with filters and a cursor",
        get="Get a do-not-ask hold",
        update="Lift a do-not-ask hold early",
        delete="Holds are never deleted",
    ),
    references=(ORGANIZATION,),
)
