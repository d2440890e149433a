"""Admin routes for API keys. The plain key is in the create answer and nowhere else."""

from typing import Any

from fastapi import APIRouter, Depends

from app.auth import service
from app.auth.models import Role
from app.auth.schemas import KeyCreate, KeyCreated, KeyRead
from app.deps import SessionDep, require
from app.schemas import Id

router = APIRouter(prefix="/keys", tags=["api keys"], dependencies=[Depends(require(Role.admin))])


@router.get("", response_model=list[KeyRead], summary="List API keys")
def list_keys(session: SessionDep) -> Any:
    """List API keys (digests are never shown)."""
    return service.list_keys(session)


@router.post(
    "", status_code=201, response_model=KeyCreated, summary="Create an API key (shown once)"
)
def create_key(payload: KeyCreate, session: SessionDep) -> Any:
    """Create an API key; the answer is the only place the key is ever shown."""
    row, plain = service.create_key(session, payload.name, payload.role)
    return KeyCreated(**KeyRead.model_validate(row).model_dump(), key=plain)


@router.delete("/{id}", response_model=KeyRead, summary="Revoke an API key")
def revoke_key(id: Id, session: SessionDep) -> Any:
    """Revoke an API key; it stops working at once."""
    return service.revoke_key(session, id)
