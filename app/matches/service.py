"""Ranked partners for a stored need or an ad-hoc text: embed, rank, shape the answer."""

from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from app.errors import NotFound
from app.load import repository as load_repository
from app.load.repository import window_bounds
from app.load.service import DEFAULT_WINDOW, today
from app.matches import repository
from app.matches.index import Built, PartnerIndex
from app.matches.schemas import AdhocQuery, Capacity, Components, MatchFilters, MatchList, MatchOut
from matching.ranker import Filters, Match, Need, rank

# Hours left under this share of capacity count as tight.
TIGHT = 0.2


def _capacity(built: Built, m: Match) -> Capacity:
    if m.hours_left is None:
        return Capacity(status="unknown", hours_left=None, slots_left=None)
    cap = float(built.partners.figures.capacity_hours[m.index])
    if m.hours_left < 0 or (m.slots_left is not None and m.slots_left < 0):
        status = "over"
    elif m.hours_left < TIGHT * cap or m.slots_left == 0:
        status = "tight"
    else:
        status = "room"
    return Capacity(status=status, hours_left=round(m.hours_left, 1), slots_left=m.slots_left)


def _run(
    session: Session, index: PartnerIndex, text: str, need: Need, filters: MatchFilters,
    notes: list[str],
) -> MatchList:  # fmt: skip
    built = index.get(session)
    need = Need(
        vector=built.query_embedder.embed([text]), partner_kinds=need.partner_kinds,
        sectors=need.sectors, region=need.region, skills=need.skills, hours=need.hours,
    )  # fmt: skip
    partners = built.partners

    def programs(indices: Sequence[int]) -> Mapping[int, Sequence[tuple[str, int]]]:
        ids = [int(partners.ids[i]) for i in indices]
        asked = load_repository.programs_asking(
            session, ids, *window_bounds(today(), DEFAULT_WINDOW)
        )
        return {i: asked.get(pid, []) for i, pid in zip(indices, ids, strict=True)}

    matches = rank(
        partners, need, limit=filters.limit,
        filters=Filters([k.value for k in filters.partner_kinds], filters.region,
                        filters.include_at_risk),
        weights=index.weights,
        programs=programs,
    )  # fmt: skip
    if built.pending:
        notes.append(
            f"{built.pending} partners' profiles are still being embedded; "
            "until then they rank on fit, interest and capacity alone"
        )
    if not filters.include_at_risk:
        notes.append(
            "partners at critical burnout risk are left out (include_at_risk=true shows them)"
        )
    items = [
        MatchOut(
            organization_id=int(partners.ids[m.index]),
            name=partners.names[m.index],
            kind=partners.kinds_named(m.index),
            region=partners.regions[m.index],
            score=round(m.score, 4),
            components=Components(**m.components),
            capacity=_capacity(built, m),
            burnout_level=m.level.name,
            explanation=m.explanation,
        )
        for m in matches
    ]
    return MatchList(items=items, embedder=index.name, notes=notes)


def for_need(
    session: Session, index: PartnerIndex, need_id: int, filters: MatchFilters
) -> MatchList:
    """Partners for a stored need (its kinds, sectors, region and skills weigh in the fit)."""
    need = repository.get_need(session, need_id)
    if need is None:
        raise NotFound(f"need {need_id} does not exist")
    notes = []
    taken = repository.slots_taken(session, need_id)
    if need.status.value != "open" or taken >= need.slots:
        notes.append(
            f"this need has no open slots ({need.status.value}, {taken} of {need.slots} "
            "taken); the ranking is shown anyway"
        )
    skills = "Skills: " + ", ".join(need.skills) if need.skills else ""
    text = "\n".join(p for p in (need.title, need.description, need.expertise_sought, skills) if p)
    wants = Need(
        vector=None, partner_kinds=list(need.partner_kinds), sectors=list(need.sectors),
        region=need.region, skills=list(need.skills), hours=need.hours_per_partner,
    )  # fmt: skip
    return _run(session, index, text, wants, filters, notes)


def adhoc(session: Session, index: PartnerIndex, query: AdhocQuery) -> MatchList:
    """Partners for a text typed in; kinds and region limit who is shown."""
    wants = Need(vector=None, sectors=query.sectors, skills=query.skills, hours=query.hours)
    return _run(session, index, query.text, wants, query, [])
