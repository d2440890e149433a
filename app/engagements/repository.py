"""Queries about asks that other packages read: how many of a need's slots its asks take."""

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.engagements.models import Engagement
from matching.types import TAKES_SLOT


def slots_taken_by_need(session: Session, need_ids: Sequence[int]) -> dict[int, int]:
    """need id -> engagements for it that were accepted or completed (needs with none left out)."""
    if not need_ids:
        return {}
    stmt = (
        select(Engagement.need_id, func.count())
        .where(Engagement.need_id.in_(need_ids), Engagement.status.in_(TAKES_SLOT))
        .group_by(Engagement.need_id)
    )
    return {need: count for need, count in session.execute(stmt).all() if need is not None}


def slots_taken(session: Session, need_id: int) -> int:
    """Engagements for the need that were accepted or completed."""
    return slots_taken_by_need(session, [need_id]).get(need_id, 0)
