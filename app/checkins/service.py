"""The check-in list: rows from the repository and the load figures (satisfaction trend, risk)
handed to `matching.checkins` as plain facts; the answer shaped and paged."""

from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.checkins import repository
from app.checkins.schemas import CheckinOut, CheckinPage, CheckinQuery, Concerning
from app.load import service as load_service
from app.load.repository import midnight
from app.schemas import OFFSET, encode_cursor
from matching.checkins import (
    AgreementFacts,
    AskFacts,
    Checkin,
    CheckinParams,
    PartnerFacts,
    checkins,
)


def params_for(checkin_after_days: int) -> CheckinParams:
    return CheckinParams(check_after_days=checkin_after_days)


def rules(p: CheckinParams) -> list[str]:
    return [
        f"partners running accepted engagements with no temperature check in "
        f"{p.check_after_days} days",
        f"satisfaction falling {-p.falling_per_quarter:.1f} points a quarter or faster "
        f"(trend over a year, {p.trend_checks} checks or more)",
        f"active agreements ending within {p.agreement_warning_days} days, or past their end",
        f"partners moved to high or critical risk in the last {p.check_after_days} days",
        f"latest interview {p.interview_stale_days} days old or older",
        f"asks with no answer {p.unanswered_days} days after they were made",
    ]


def due(
    session: Session,
    *,
    params: CheckinParams,
    region: str | None = None,
    ids: list[int] | None = None,
    as_of: date | None = None,
) -> list[Checkin]:
    """Every check-in due for the partners in view (all, a region's, or those of `ids`)."""
    population = load_service.assess_partners(session, region=region, ids=ids, as_of=as_of)
    today = population.as_of
    table, figures = population.partners, population.figures
    pids = table.ids.tolist()
    running = repository.running(session, pids, today)
    checks = repository.last_checks(session, pids)
    interviews = repository.last_interviews(session, pids)
    moves = repository.latest_transitions(session, pids)
    partners = []
    for i, pid in enumerate(pids):
        move = moves.get(pid)
        partners.append(
            PartnerFacts(
                organization_id=pid,
                name=table.names[i],
                region=table.regions[i],
                running=running.get(pid, 0),
                last_check=checks[pid].date() if pid in checks else None,
                checks=int(figures.checks[i]),
                satisfaction_trend=float(figures.satisfaction_slope[i]),
                risk_moved=(move[0].date(), move[1], move[2]) if move else None,
                risk_reason=move[3][0] if move and move[3] else None,
                last_interview=interviews[pid].date() if pid in interviews else None,
            )
        )
    agreements = [
        AgreementFacts(aid, org, end)
        for aid, org, end in repository.active_agreements(
            session, pids, today + timedelta(days=params.agreement_warning_days)
        )
    ]
    cutoff = midnight(today - timedelta(days=params.unanswered_days - 1))
    asks = [
        AskFacts(eid, org, program, f"for “{title}”" if title else kind.replace("_", " "),
                 asked_at.date())
        for eid, org, program, kind, title, asked_at in repository.unanswered_asks(
            session, pids, cutoff
        )
    ]  # fmt: skip
    return checkins(partners, agreements, asks, as_of=today, params=params)


def checkin_page(
    session: Session, query: CheckinQuery, *, params: CheckinParams, as_of: date | None = None
) -> CheckinPage:
    """One page of the check-in list, filtered as asked."""
    ids = [query.organization_id] if query.organization_id is not None else None
    found = due(session, params=params, region=query.region, ids=ids, as_of=as_of)
    if query.kind is not None:
        found = [c for c in found if c.kind == query.kind]
    today = as_of or load_service.today()
    start = query.offset()
    rows = found[start : start + query.limit]
    more = start + query.limit < len(found)
    return CheckinPage(
        as_of=today,
        total=len(found),
        rules=rules(params),
        items=[
            CheckinOut(
                kind=c.kind,
                organization_id=c.organization_id,
                name=c.name,
                region=c.region,
                reason=c.reason,
                due_on=c.due_on,
                days_overdue=(today - c.due_on).days,
                record=Concerning(type=c.record[0], id=c.record[1]) if c.record else None,
            )
            for c in rows
        ],
        next_cursor=encode_cursor(start + query.limit, OFFSET) if more else None,
    )
