"""The ask a partner link of purpose `ask` answers: whether the link may answer it (an ask
of the contact's own partner, still waiting for an answer) and what the mail and the page say
it asks."""

from datetime import date

from sqlalchemy.orm import Session

from app.engagements.models import Engagement
from app.errors import invalid
from app.needs.models import Need
from app.organizations.models import Contact
from matching.lexicon import label
from matching.types import EngagementStatus


def answerable(session: Session, contact: Contact, engagement_id: int | None) -> Engagement:
    """The ask `engagement_id`, when the contact's partner may answer it by a link: an ask of
    its own organization still `asked` (not yet accepted, declined or withdrawn)."""
    if engagement_id is None:
        raise invalid("engagement_id", "an ask link answers one ask: name it (engagement_id)")
    ask = session.get(Engagement, engagement_id)
    if ask is None:
        raise invalid("engagement_id", f"there is no ask {engagement_id}")
    if ask.organization_id != contact.organization_id:
        raise invalid(
            "engagement_id",
            f"ask {engagement_id} is of another partner than the one contact {contact.id} "
            "works for",
        )
    if ask.status is not EngagementStatus.asked:
        raise invalid(
            "engagement_id",
            f"ask {engagement_id} is {ask.status.value}: only an ask still waiting for an "
            "answer (asked) can be answered by a link",
        )
    return ask


def what_is_asked(session: Session, ask: Engagement) -> tuple[str, list[str]]:
    """What an ask asks of the partner, as its mail and page say it: a title (the need's, or
    the kind of work and program) and a few lines (program, kind of work, dates, hours)."""
    need = session.get(Need, ask.need_id) if ask.need_id is not None else None
    kind = label(ask.engagement_type.value)
    title = need.title if need is not None else f"{kind[:1].upper()}{kind[1:]} for {ask.program}"
    lines = [f"Program: {ask.program}", f"Kind of work: {kind}"]
    if ask.starts_on and ask.ends_on:
        lines.append(f"When: {_day(ask.starts_on)} to {_day(ask.ends_on)}")
    elif ask.starts_on:
        lines.append(f"From: {_day(ask.starts_on)}")
    if ask.hours_estimated:
        lines.append(f"Time asked: about {ask.hours_estimated:g} hours")
    return title, lines


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
