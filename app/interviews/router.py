"""Routes for interviews and temperature checks."""

from app.crud import crud_router
from app.interviews import schemas
from app.interviews.models import Interview, TemperatureCheck
from app.load.service import record_risk_changes
from app.organizations.models import Contact, Organization
from app.resources import Reference, Resource

_PARTNER = (
    Reference("organization_id", Organization, "organization"),
    Reference("contact_id", Contact, "contact"),
)

INTERVIEWS = Resource(
    path="interviews",
    label="interview",
    model=Interview,
    create=schemas.InterviewCreate,
    update=schemas.InterviewUpdate,
    read=schemas.InterviewRead,
    query=schemas.InterviewQuery,
    references=_PARTNER,
    on_write=record_risk_changes,
)
TEMPERATURE_CHECKS = Resource(
    path="temperature-checks",
    label="temperature check",
    model=TemperatureCheck,
    create=schemas.TemperatureCheckCreate,
    update=schemas.TemperatureCheckUpdate,
    read=schemas.TemperatureCheckRead,
    query=schemas.TemperatureCheckQuery,
    references=_PARTNER,
    on_write=record_risk_changes,
)

interviews = crud_router(INTERVIEWS)
temperature_checks = crud_router(TEMPERATURE_CHECKS)
