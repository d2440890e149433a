"""Routes for needs (participant profiles); recruiters may create and change them."""

from app.auth.models import Role
from app.crud import crud_router
from app.needs import schemas
from app.needs.models import Need
from app.resources import Resource

NEEDS = Resource(
    path="needs",
    label="need",
    model=Need,
    create=schemas.NeedCreate,
    update=schemas.NeedUpdate,
    read=schemas.NeedRead,
    query=schemas.NeedQuery,
    write_role=Role.recruiter,
)

needs = crud_router(NEEDS)
