"""Routes for engagements (asks) and agreements."""

from app.crud import crud_router
from app.engagements.domain import AGREEMENTS, ENGAGEMENTS

engagements = crud_router(ENGAGEMENTS)
agreements = crud_router(AGREEMENTS)
