"""The partner link table: only a SHA-256 digest of each link's token is stored; the token
itself is shown once, in the URL, when the link is made."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models_base import ResourceMixin
from app.types import UTCDateTime, str_enum


class LinkPurpose(StrEnum):
    temperature_check = "temperature_check"
    capacity_update = "capacity_update"
    pause = "pause"
    ask = "ask"  # accept or decline one ask (`engagement_id`)


class PartnerLink(ResourceMixin, Base):
    __tablename__ = "partner_links"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[LinkPurpose] = mapped_column(str_enum(LinkPurpose, "link_purpose"))
    # The ask a link of purpose `ask` answers; None for the other purposes.
    engagement_id: Mapped[int | None] = mapped_column(
        ForeignKey("engagements.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The name of the API key that made the link.
    created_by: Mapped[str] = mapped_column(String(255))
