"""Needs (participant profiles) as the write path and the routes see them; recruiters may
create and change them."""

from app.auth.models import Role
from app.domain import Domain
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
    write_role=Role.recruiter,
    organization_column=None,
)
