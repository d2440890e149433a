"""A plan's life: solving (when big, in the background) -> draft -> reviewed -> committed."""

from enum import StrEnum


class PlanStatus(StrEnum):
    solving = "solving"
    failed = "failed"
    draft = "draft"
    reviewed = "reviewed"
    committed = "committed"
