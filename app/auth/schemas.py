"""Bodies for the API key routes."""

from datetime import datetime

from pydantic import Field

from app.auth.models import Role
from app.schemas import InputModel, Name, ReadModel, shown_once


class KeyCreate(InputModel):
    name: Name
    role: Role


class KeyRead(ReadModel):
    id: int
    name: str
    role: Role
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    owner_id: int | None = Field(
        description="The person the key works for (revoked when they are disabled); null: a "
        "service key, known by its name."
    )


class KeyCreated(KeyRead):
    key: str = shown_once(
        "The key itself (`pm_...`), sent as `Authorization: Bearer <key>`. Shown only here: "
        "the service keeps a digest of it."
    )
