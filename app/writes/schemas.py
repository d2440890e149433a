"""A record's history as the API answers it (`GET /v1/{records}/{id}/history`)."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.actors import Door
from app.domain import Action


class HistoryEntry(BaseModel):
    """One write of a record: when, what it did, through which door and by whom (the person's
    name, the key's, or the partner contact's for a link, as it was then)."""

    model_config = ConfigDict(from_attributes=True)

    at: datetime
    action: Action
    door: Door = Field(
        description="page: a person on the web pages; api: an API key; import: a bulk file; "
        "link: the partner, through its self-service link; cli: the command line; system: the "
        "service itself (a consequence of another write, a timed job)."
    )
    by_name: str = Field(description="Who, as shown to people then.")


class History(BaseModel):
    items: list[HistoryEntry] = Field(description="Newest first; at most the last 200.")
