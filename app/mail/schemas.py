"""Answers about mail: what a write queued, and a partner's mail as any key may read it
(subject, recipient and status; never the bodies)."""

from datetime import datetime

from pydantic import BaseModel, Field

from app.mail.models import MailStatus
from app.schemas import ListQuery, ReadModel


class MailQueued(BaseModel):
    """A message a write queued: sent after the write commits, by the mail worker."""

    id: int
    status: MailStatus = Field(description="pending: queued, sent after this answer.")
    to: str = Field(description="The address it goes to.")


class MailRead(ReadModel):
    id: int
    kind: str = Field(
        description=(
            "What it is for: partner_link (a self-service link); invitation, password_reset "
            "(to a person, never to a partner)."
        )
    )
    to_name: str
    to_address: str
    contact_id: int | None
    organization_id: int | None
    subject: str
    status: MailStatus = Field(
        description=(
            "pending: waiting for its first or next attempt; sent: the mail server took it; "
            "bounced: refused for good; failed: given up (retry window passed, or the "
            "address was marked bouncing or unsubscribed before it went)."
        )
    )
    attempt_count: int
    created_at: datetime
    next_attempt_at: datetime | None
    sent_at: datetime | None
    last_error: str | None = Field(description="Why the last attempt failed, if it did.")
    created_by: str | None = Field(description="The name of the API key that queued it.")


class MailQuery(ListQuery):
    pass
