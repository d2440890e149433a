"""Columns every stored resource has: id, timestamps and the version behind its ETag."""

from datetime import datetime
from typing import Any

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from app.types import UTCDateTime, utcnow


class ResourceMixin:
    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-10)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, sort_order=90)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow, sort_order=91
    )
    # Bumped by SQLAlchemy on every UPDATE; a concurrent writer with an old version fails loudly.
    version: Mapped[int] = mapped_column(Integer, default=1, sort_order=92)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}
