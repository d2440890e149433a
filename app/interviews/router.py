"""Routes for interviews and temperature checks."""

from app.crud import crud_router
from app.interviews.domain import INTERVIEWS, TEMPERATURE_CHECKS

interviews = crud_router(INTERVIEWS)
temperature_checks = crud_router(TEMPERATURE_CHECKS)
