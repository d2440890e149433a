"""Request and response bodies for partner links. The token never appears in an answer but
the one that made it (inside the URL); only its digest is stored."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, Strict, StringConstraints

from app.links.models import LinkPurpose
from app.mail.schemas import MailQueued
from app.schemas import (
    InputModel,
    ListQuery,
    Name,
    Ref,
    StoredFields,
    UTCTimestamp,
    partial,
    shown_once,
)

#: Days a link lives by default, and at most.
DEFAULT_DAYS, MAX_DAYS = 14, 90

LinkStatus = Literal["active", "used", "expired", "revoked"]
Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class LinkCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"purpose": "temperature_check", "expires_in_days": 14, "send": True}]
        }
    )

    purpose: LinkPurpose = Field(
        description=(
            "temperature_check: rate how the partnership feels (1-5) with a comment; "
            "capacity_update: hours a month, interest and engagement types it can offer; "
            "pause: ask not to be asked until a date; "
            "ask: accept or decline one ask (`engagement_id`) still waiting for an answer."
        )
    )
    engagement_id: Ref | None = Field(
        default=None,
        description="The ask a link of purpose `ask` answers: an ask of the contact's "
        "partner, status `asked`. Required for that purpose, refused for the others.",
    )
    expires_in_days: Annotated[int, Strict(), Field(ge=1, le=MAX_DAYS)] = Field(
        default=DEFAULT_DAYS, description=f"Days the link works (1-{MAX_DAYS}); default 14."
    )
    send: Annotated[bool, Strict()] = Field(
        default=False,
        description=(
            "Also mail the link to the contact (sent after the answer, by the mail worker). "
            "Refused (422) when the contact has no email address, or it is bouncing or "
            "unsubscribed; then no link is made either."
        ),
    )


class LinkStored(InputModel):
    """A link as the write path stores it (using or revoking it sets a time)."""

    contact_id: Ref
    purpose: LinkPurpose
    engagement_id: Ref | None = None
    token_hash: Digest
    expires_at: UTCTimestamp
    used_at: UTCTimestamp | None = None
    revoked_at: UTCTimestamp | None = None
    created_by: Name


LinkStoredUpdate = partial(LinkStored, "LinkStoredUpdate")


class LinkRead(StoredFields):
    contact_id: int
    organization_id: int
    purpose: LinkPurpose
    engagement_id: int | None = Field(default=None, description="The ask it answers (ask).")
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None
    created_by: str = Field(description="The name of the API key that made the link.")
    status: LinkStatus = Field(
        description="active: it can be used; used: answered once; expired; revoked."
    )


class LinkCreated(LinkRead):
    url: str = shown_once(
        "The page to send the contact. Shown only here: the service keeps a digest of it, "
        "so a lost URL cannot be shown again (revoke it and make another)."
    )
    mail: MailQueued | None = Field(
        default=None, description="The mail carrying the link, when `send` was true."
    )


class LinkQuery(ListQuery):
    pass
