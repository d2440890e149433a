"""Interviews and temperature checks as the write path and the routes see them: both are
part of what a partner can give and how it feels about giving it, so both move its risk."""

from app.auth.models import Role
from app.domain import Domain, Summaries
from app.interviews import schemas
from app.interviews.models import Interview, TemperatureCheck
from app.organizations.domain import CONTACT, ORGANIZATION, contact_of_organization

INTERVIEWS = Domain(
    path="interviews",
    label="interview",
    model=Interview,
    create=schemas.InterviewCreate,
    update=schemas.InterviewUpdate,
    read=schemas.InterviewRead,
    query=schemas.InterviewQuery,
    summaries=Summaries(
        create="Record a candidate interview",
        list="List interviews, oldest first, with filters and a cursor",
        get="Get an interview",
        update="Change some fields of an interview",
        delete="Delete an interview",
    ),
    write_role=Role.recruiter,  # a recruiter interviews the partners it recruits
    references=(ORGANIZATION, CONTACT),
    rules=(contact_of_organization,),
    ranked=True,  # interest and capacity
    moves_risk=True,  # capacity is what utilisation is measured against
)
TEMPERATURE_CHECKS = Domain(
    path="temperature-checks",
    label="temperature check",
    model=TemperatureCheck,
    create=schemas.TemperatureCheckCreate,
    update=schemas.TemperatureCheckUpdate,
    read=schemas.TemperatureCheckRead,
    query=schemas.TemperatureCheckQuery,
    summaries=Summaries(
        create="Record a temperature check",
        list="List temperature checks, oldest first, with filters and a cursor",
        get="Get a temperature check",
        update="Change some fields of a temperature check",
        delete="Delete a temperature check",
    ),
    references=(ORGANIZATION, CONTACT),
    rules=(contact_of_organization,),
    ranked=True,  # satisfaction feeds the burnout risk a ranking penalises
    moves_risk=True,
)
