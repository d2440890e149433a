"""Engagements (asks; recruiters may record them) and agreements as the write path and the
routes see them. An ask is a partner's load: writing one moves its risk and its ranking, one
completed ends on the day it was completed, and an organization with asks is not deleted
unless the caller says its history goes too."""

from collections.abc import Mapping, MutableMapping
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import repository
from app.auth.models import Role
from app.domain import Domain, Reference, Summaries
from app.engagements import schemas
from app.engagements.models import Agreement, Engagement
from app.engagements.repository import slots_taken
from app.errors import Conflict, FieldError, invalid
from app.holds import repository as holds
from app.needs.domain import BY_PROGRAM
from app.needs.models import Need
from app.organizations.domain import BY_CRM_ID, CONTACT, ORGANIZATION, contact_of_organization
from app.organizations.models import Organization
from app.programs.domain import PROGRAM
from app.types import utcnow
from matching.types import TAKES_SLOT, EngagementStatus

NEED = Reference("need_id", Need, "need")
OPEN = (EngagementStatus.proposed, EngagementStatus.asked, EngagementStatus.accepted)


def one_open_ask_per_need(session: Session, values: Mapping[str, object], own: int | None) -> None:
    """A partner is asked once for a need: a second open ask (a double click, two recruiters
    at once) is refused, naming the first."""
    organization_id, need_id = values.get("organization_id"), values.get("need_id")
    if need_id is None or values.get("status") not in OPEN:
        return
    # Asks of one partner are written one at a time, so two at once cannot both pass.
    if isinstance(organization_id, int):
        repository.lock(session, Organization, organization_id)
    first = session.scalars(
        select(Engagement.id)
        .where(
            Engagement.organization_id == organization_id,
            Engagement.need_id == need_id,
            Engagement.status.in_(OPEN),
            Engagement.id != (own or 0),
        )
        .order_by(Engagement.id)
        .limit(1)
    ).first()
    if first is not None:
        message = (
            f"organization {organization_id} already has an open ask for need {need_id} "
            f"(engagement {first}); change that one instead"
        )
        raise Conflict(
            message, errors=[FieldError(field="need_id", location="body", message=message)]
        )


def a_slot_left(session: Session, values: Mapping[str, object], own: int | None) -> None:
    """Accepting (or completing) an ask takes one of its need's slots: an ask that would take
    a slot of a need whose slots are all taken is refused, naming the need and its slots,
    whoever sends it and however often it is retried. The need is locked first, so two
    accepts of its last slot at once are one success and one refusal, on either database.
    An ask holding its slot already (any other change to it) passes."""
    need_id = values.get("need_id")
    if not isinstance(need_id, int) or values.get("status") not in TAKES_SLOT:
        return
    if own is not None:
        stored = session.get(Engagement, own)
        if stored is not None and stored.need_id == need_id and stored.status in TAKES_SLOT:
            return
    repository.lock(session, Need, need_id)
    slots = session.scalar(select(Need.slots).where(Need.id == need_id))
    taken = slots_taken(session, need_id)  # this ask holds none of them (above)
    if slots is None or taken < slots:
        return
    message = (
        f"need {need_id} has all its {slots} slot{'s' if slots != 1 else ''} taken ({taken} "
        "asks accepted or completed): give the need more slots, or release one first"
    )
    raise Conflict(message, errors=[FieldError(field="status", location="body", message=message)])


def not_on_hold(session: Session, values: Mapping[str, object], own: int | None) -> None:
    """A partner on a do-not-ask hold is not asked: a new ask of it (or an ask moved to it)
    made while the hold is in force is refused, naming the hold. Asks made before the hold
    began (a CRM's history) and changes to a partner's existing asks are let through."""
    organization_id = values.get("organization_id")
    if not isinstance(organization_id, int):
        return
    if own is not None:
        stored = session.get(Engagement, own)
        if stored is not None and stored.organization_id == organization_id:
            return
    hold = holds.active_holds(session, [organization_id]).get(organization_id)
    asked_at = values.get("asked_at")
    if hold is None or (isinstance(asked_at, datetime) and asked_at.date() < hold.starts_on):
        return
    message = (
        f"organization {organization_id} is on a do-not-ask hold until "
        f"{hold.until.isoformat()} (hold {hold.id}): {hold.reason}"
    )
    raise Conflict(
        message, errors=[FieldError(field="organization_id", location="body", message=message)]
    )


def completed_with_hours(session: Session, values: Mapping[str, object], own: int | None) -> None:
    """An ask marked completed says how many hours the partner actually gave: load, outcomes
    and the partner's history count them. (An ask stored completed without them before this
    rule keeps its other fields editable.)"""
    if values.get("status") != EngagementStatus.completed or values.get("hours_actual") is not None:
        return
    stored = session.get(Engagement, own) if own is not None else None
    if (
        stored is not None
        and stored.status == EngagementStatus.completed
        and (stored.hours_actual is None)
    ):
        return
    raise invalid(
        "hours_actual",
        "a completed ask needs the hours the partner actually gave: fill in hours_actual "
        "(0 if none)",
    )


def today() -> date:
    """The day an ask marked completed now ends: the UTC day, the one the load figures count."""
    return utcnow().date()


def ends_when_completed(
    session: Session, values: MutableMapping[str, object], own: int | None
) -> None:
    """An ask marked completed is over: it ends on the day it was completed at the latest, so
    its hours count as worked and it is the partner's last finished engagement from that day.

    Completing an ask moves its end to today when the end planned is later, or missing (a
    start planned later moves too); a new record of an ask completed earlier keeps a missing
    end (its one day is its start). An ask completed before keeps the day it ended when a
    write gives no end or one after today (a CRM sync sending the planned end again), so the
    day does not creep forward; another day gone by is taken as a correction."""
    if values.get("status") != EngagementStatus.completed:
        return
    now = today()
    starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
    last = ends_on if ends_on is not None else starts_on
    later = isinstance(last, date) and last > now
    stored = session.get(Engagement, own) if own is not None else None
    ended = stored.ends_on if stored is not None else None
    if stored is not None and stored.status == EngagementStatus.completed and ended is not None:
        day = min(ended, now)
        moves = ends_on is None or later
    else:
        day = now
        being_completed = stored is not None and stored.status != EngagementStatus.completed
        moves = later or (being_completed and ends_on is None)
    if not moves:
        return
    values["ends_on"] = day
    if isinstance(starts_on, date) and starts_on > day:
        values["starts_on"] = day


ENGAGEMENTS = Domain(
    path="engagements",
    label="engagement",
    model=Engagement,
    create=schemas.EngagementCreate,
    update=schemas.EngagementUpdate,
    read=schemas.EngagementRead,
    query=schemas.EngagementQuery,
    summaries=Summaries(
        create="Record an ask of a partner (an engagement)",
        list="List engagements (asks), oldest first, with filters and a cursor",
        get="Get an engagement",
        update="Change some fields of an engagement (e.g. its status)",
        delete="Delete an engagement",
        get_by_external_id="Get an engagement by its CRM id",
        upsert="Create or replace the engagement with this CRM id",
    ),
    write_role=Role.recruiter,
    references=(
        Reference("organization_id", Organization, "organization", guards_delete=True),
        CONTACT,
        NEED,
        BY_PROGRAM,
    ),
    external_refs=(BY_CRM_ID,),
    named_refs=(PROGRAM,),
    settles=(ends_when_completed,),
    rules=(
        contact_of_organization,
        not_on_hold,
        one_open_ask_per_need,
        a_slot_left,
        completed_with_hours,
    ),  # fmt: skip
    ranked=True,
    moves_risk=True,
    takes_slots=True,
)
AGREEMENTS = Domain(
    path="agreements",
    label="agreement",
    model=Agreement,
    create=schemas.AgreementCreate,
    update=schemas.AgreementUpdate,
    read=schemas.AgreementRead,
    query=schemas.AgreementQuery,
    summaries=Summaries(
        create="Record an agreement with a partner",
        list="List agreements, oldest first, with filters and a cursor",
        get="Get an agreement",
        update="Change some fields of an agreement",
        delete="Delete an agreement",
    ),
    references=(ORGANIZATION, NEED),
)
