"""Routes for needs (participant profiles)."""

from app.crud import crud_router
from app.needs.domain import NEEDS

needs = crud_router(NEEDS)
