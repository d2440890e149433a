"""Program table: who asks, run by an organization, with goals per year."""

from typing import Any

from sqlalchemy import ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models_base import ResourceMixin
from app.types import JsonObject


class Program(ResourceMixin, Base):
    __tablename__ = "programs"

    external_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    # Unique whatever its case: the write path says which program has it, and the index
    # below turns a race between two writes into a conflict.
    name: Mapped[str] = mapped_column(String(255), unique=True)
    # The school, college or agency running it: never recommended to its own program.
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    region: Mapped[str | None] = mapped_column(String(120), index=True)
    # {"2027": {"job_shadow": {"count": 10, "students": 40}}}; see schemas.Goals.
    goals: Mapped[dict[str, Any]] = mapped_column(JsonObject, default=dict)

    __table_args__ = (Index("uq_programs_name_any_case", func.lower(name), unique=True),)
