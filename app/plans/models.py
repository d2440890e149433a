"""Plan table: what was planned for, its status, and the solved plan as JSON documents."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models_base import ResourceMixin
from app.plans.status import PlanStatus
from app.types import UTCDateTime, str_enum

Document = JSON().with_variant(JSONB(), "postgresql")


class Plan(ResourceMixin, Base):
    __tablename__ = "plans"

    status: Mapped[PlanStatus] = mapped_column(
        str_enum(PlanStatus, "plan_status"), default=PlanStatus.draft, index=True
    )
    # What was asked for: {"program", "region", "status", "need_ids"} and the limits used.
    selection: Mapped[dict[str, Any]] = mapped_column(Document, default=dict)
    options: Mapped[dict[str, Any]] = mapped_column(Document, default=dict)
    # The convener's edits, kept through every re-solve: [[need_id, organization_id], ...].
    locks: Mapped[list[list[int]]] = mapped_column(Document, default=list)
    drops: Mapped[list[list[int]]] = mapped_column(Document, default=list)
    # The solved plan: {"assignments", "gaps", "gap_totals", "load", "outcome", "baseline",
    # "notes", "timings", "needs"}; empty while it is being solved.
    result: Mapped[dict[str, Any]] = mapped_column(Document, default=dict)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    error: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(255), default="")
    solved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    committed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    engagement_ids: Mapped[list[int]] = mapped_column(Document, default=list)
    # Until when a background worker holds the plan while solving it (`app.plans.worker`).
    leased_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
