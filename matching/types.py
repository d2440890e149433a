"""The domain's vocabulary, shared by the service and the numeric core."""

from enum import StrEnum


class MatchingError(ValueError):
    """Bad input to the matching core; the only exception `matching/` raises."""


class PartnerKind(StrEnum):
    employer = "employer"
    college = "college"
    district = "district"
    intermediary = "intermediary"
    agency = "agency"
    community_org = "community_org"


class EngagementType(StrEnum):
    internship_host = "internship_host"
    job_shadow = "job_shadow"
    work_based_learning = "work_based_learning"
    apprenticeship = "apprenticeship"
    teacher_externship = "teacher_externship"
    curriculum_review = "curriculum_review"
    advisory_board = "advisory_board"
    guest_instruction = "guest_instruction"
    mentoring = "mentoring"
    equipment = "equipment"
    other = "other"


class EngagementStatus(StrEnum):
    proposed = "proposed"
    asked = "asked"
    accepted = "accepted"
    declined = "declined"
    completed = "completed"
    cancelled = "cancelled"


#: The statuses in which an ask takes one of its need's slots.
TAKES_SLOT = (EngagementStatus.accepted, EngagementStatus.completed)


class NeedStatus(StrEnum):
    open = "open"
    filled = "filled"
    closed = "closed"


class AgreementStatus(StrEnum):
    draft = "draft"
    active = "active"
    expired = "expired"
    terminated = "terminated"
