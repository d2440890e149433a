"""Ranked partners for a stored need or an ad-hoc text: embed, rank, shape the answer."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypeVar

import numpy as np
from sqlalchemy.orm import Session

from app.engagements.repository import slots_taken
from app.errors import NotFound
from app.holds import repository as holds_repository
from app.holds.schemas import ActiveHold
from app.load import repository as load_repository
from app.load.repository import window_bounds
from app.load.service import DEFAULT_WINDOW, today
from app.matches import repository
from app.matches.index import Built, PartnerIndex
from app.matches.schemas import (
    AdhocQuery,
    Capacity,
    Components,
    MatchFilters,
    MatchList,
    MatchOut,
    NeedDraft,
    NeedReadOut,
    Read,
)
from app.vocabularies import service as vocabularies
from matching import understand
from matching.lexicon import label
from matching.load import DAYS_PER_MONTH, RiskLevel
from matching.ranker import (
    Filters,
    Match,
    Need,
    Window,
    rank,
    score_partners,
)
from matching.types import EngagementType, PartnerKind

# Hours left under this share of capacity count as tight.
TIGHT = 0.2

F = TypeVar("F", bound=MatchFilters)
T = TypeVar("T")


@dataclass(frozen=True)
class Fields:
    """The need's texts that are embedded apart: all of it, and the expertise sought; and the
    words counted by name (what it seeks: title, expertise, skills; not the narrative of its
    description, whose generic words would count as much as "NCLEX")."""

    text: str
    expertise: str
    words: str


def _capacity(built: Built, m: Match, window: Window | None) -> Capacity:
    if m.hours_left is None:
        return Capacity(status="unknown", hours_left=None, slots_left=None)
    figures = built.partners.figures
    cap = float(
        figures.capacity_hours[m.index]
        if window is None  # else capacity over the need's own days
        else figures.capacity_hours_per_month[m.index] * window.days / DAYS_PER_MONTH
    )
    if m.hours_left < 0 or (m.slots_left is not None and m.slots_left < 0):
        status = "over"
    elif m.hours_left < TIGHT * cap or m.slots_left == 0:
        status = "tight"
    else:
        status = "room"
    return Capacity(status=status, hours_left=round(m.hours_left, 1), slots_left=m.slots_left)


def _window(session: Session, built: Built, starts_on: date | None, ends_on: date | None) -> (
    Window | None
):  # fmt: skip
    """The need's own days, and what each partner has already promised inside them."""
    if starts_on is None and ends_on is None:
        return None
    first = starts_on or min(today(), ends_on or today())
    last = ends_on or first + timedelta(days=DEFAULT_WINDOW - 1)
    hours, running = repository.promised_between(session, first, last)
    partners = built.partners
    # The few partners with something promised, placed by their rows (not a pass over all).
    booked = np.zeros(partners.n, dtype=np.float64)
    engaged = np.zeros(partners.n, dtype=np.int64)
    for found, into in ((hours, booked), (running, engaged)):
        rows = partners.rows_of(list(found))
        for pid, row in rows.items():
            into[row] = found[pid]
    return Window(days=max((last - first).days + 1, 1), booked=booked, engaged=engaged)


def _fit_note(good: int, shown: int) -> str | None:
    if good >= shown:
        return None
    if good == 0:
        return "no partner fits this need well; all of these are weak matches"
    fits = "partner fits" if good == 1 else "partners fit"
    return f"{good} {fits} this need well; the others are weaker matches, each says why"


#: Held partners named one by one in a ranking's notes (the closest to the need); the rest
#: are counted.
HELD_NAMED = 10


@dataclass(frozen=True)
class Held:
    """A partner on hold the filters let through: its row and what to say of it."""

    row: int
    sentence: str


def _held(session: Session, built: Built, filters: MatchFilters) -> tuple[list[int], list[Held]]:
    """Partners on a do-not-ask hold today, all left out of every ranking; and, for each one
    the filters would let through, its row and what to say (soonest back first)."""
    held = holds_repository.active_holds(session)
    if not held:
        return [], []
    partners = built.partners
    position = partners.rows_of(list(held))  # the held few, not a map of every partner
    kinds = {k.value for k in filters.partner_kinds}
    said = []
    for organization_id, hold in sorted(held.items(), key=lambda kv: (kv[1].until, kv[0])):
        i = position.get(organization_id)
        if i is None or (kinds and partners.kinds_named(i).value not in kinds):
            continue
        if filters.region is not None and partners.regions[i] != filters.region:
            continue
        sentence = ActiveHold.model_validate(hold).sentence()
        said.append(Held(i, f"left out: {partners.names[i]} is {sentence}"))
    return list(held), said


def _say_held(
    held: Sequence[Held], relevance: np.ndarray, shown: Sequence[Match], limit: int
) -> list[str]:
    """The held partners that could have been shown named with their reason: all of them when
    the list has room left, else those as relevant as the least relevant partner shown (and
    of some relevance at all); the others counted."""
    room = len(shown) < limit
    floor = min((m.relevance for m in shown), default=0.0)
    close = [
        h.sentence for h in held if room or (relevance[h.row] >= floor and relevance[h.row] > 0)
    ][:HELD_NAMED]
    notes = list(close)
    rest = len(held) - len(close)
    if rest:
        notes.append(
            f"left out: {rest} more partner{'s' if rest > 1 else ''} on a do-not-ask hold, "
            "further from this need"
        )
    return notes


def _run(
    session: Session, index: PartnerIndex, fields: Fields, need: Need, filters: MatchFilters,
    notes: list[str], dates: tuple[date | None, date | None] = (None, None),
    exclude: Sequence[int] = (), need_id: int | None = None,
) -> MatchList:  # fmt: skip
    built = index.get(session)
    # One call embeds every field: the full text, the expertise sought, each skill.
    texts = [fields.text, *([fields.expertise] if fields.expertise else []), *need.skills]
    vectors = index.query_vectors(session, built, texts, need_id=need_id)
    at = 2 if fields.expertise else 1
    need = replace(
        need,
        vector=vectors[0:1],
        text=fields.words,
        expertise_vector=vectors[1:2] if fields.expertise else None,
        skill_vectors=vectors[at:] if need.skills else None,
        window=_window(session, built, *dates),
    )
    partners = built.partners
    held_ids, on_hold = _held(session, built, filters)
    exclude = [*exclude, *held_ids]

    def programs(indices: Sequence[int]) -> Mapping[int, Sequence[tuple[str, int]]]:
        ids = [int(partners.ids[i]) for i in indices]
        asked = load_repository.programs_asking(
            session, ids, *window_bounds(today(), DEFAULT_WINDOW)
        )
        return {i: asked.get(pid, []) for i, pid in zip(indices, ids, strict=True)}

    hard = Filters(
        partner_kinds=[k.value for k in filters.partner_kinds],
        region=filters.region,
        include_at_risk=filters.include_at_risk,
        exclude=exclude,
    )
    # While profiles are still being embedded in the background, passages wait too.
    passages = None if built.pending else (lambda ix: index.passage_vectors(built, ix))
    scored = score_partners(partners, need, index.weights)  # once: both rankings below read it
    matches = rank(
        partners, need, limit=filters.limit, filters=hard, weights=index.weights,
        programs=programs, passages=passages, scored=scored,
    )  # fmt: skip
    notes += _say_held(on_hold, scored.relevance, matches, filters.limit)
    good = sum(m.good for m in matches)
    note = _fit_note(good, len(matches))
    if note:
        notes.insert(0, note)
    gap = understand.field_gap(partners, need, vocabularies.lexicons(session).sectors,
                               working=scored.rel.field_ok)  # fmt: skip
    if gap is not None:  # said first: whom to recruit, before the weak matches
        notes.insert(0, gap.sentence)
    if built.pending:
        notes.append(
            f"{built.pending} partners' profiles are still being embedded; "
            "until then they rank on fit, interest and capacity alone"
        )
    if not filters.include_at_risk:
        # Name who would have been shown: the at-risk partners of the same ranking's top.
        shown = {m.index for m in matches}
        with_risk = rank(
            partners, need, limit=filters.limit, filters=replace(hard, include_at_risk=True),
            weights=index.weights, passages=passages, explain=False, scored=scored,
        )  # fmt: skip
        held = [partners.names[m.index] for m in with_risk if m.index not in shown
                and m.level >= RiskLevel.critical]  # fmt: skip
        if held:
            notes.append(
                f"left out at critical burnout risk: {', '.join(held)} "
                "(include_at_risk=true shows them)"
            )
    items = [
        MatchOut(
            organization_id=int(partners.ids[m.index]),
            name=partners.names[m.index],
            kind=partners.kinds_named(m.index),
            region=partners.regions[m.index],
            score=round(m.score, 4),
            components=Components(**m.components),
            capacity=_capacity(built, m, need.window),
            burnout_level=m.level.name,
            explanation=m.explanation,
            fit="good" if m.good else "weak",
            relevance=min(max(m.relevance, 0.0), 1.0),
            capacity_unknown=m.capacity_unknown,
        )
        for m in matches
    ]
    return MatchList(items=items, embedder=index.name, notes=notes, good_matches=good, note=note,
                     field_gap=None if gap is None else gap.sentence)  # fmt: skip


def for_need(
    session: Session, index: PartnerIndex, need_id: int, filters: MatchFilters
) -> MatchList:
    """Partners for a stored need (its kinds, sectors, region and skills weigh in the fit;
    a need naming no sector has one or two read for it, and the answer says so)."""
    need = repository.get_need(session, need_id)
    if need is None:
        raise NotFound(f"need {need_id} does not exist")
    notes = []
    taken = slots_taken(session, need_id)
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
        engagement_type=need.engagement_type.value,
    )  # fmt: skip
    words = "\n".join([need.title, need.expertise_sought or "", *need.skills])
    fields = Fields(text, need.expertise_sought or "", words)
    filters = _known_region(session, filters, "query")
    asked = repository.already_asked(session, need_id)
    exclude = [org for org, _, _ in asked]
    if asked:
        # A partner is asked once per need; one that said no is not asked again by the tool.
        named = ", ".join(f"{name} ({status})" for _, name, status in asked[:10])
        more = f" and {len(asked) - 10} more" if len(asked) > 10 else ""
        notes.append(f"already asked for this need, so left out: {named}{more}")
    owner = repository.program_owner(session, need.program_id)
    if owner is not None:
        # A program does not recruit the school or college that runs it.
        owner_id, owner_name = owner
        exclude.append(owner_id)
        notes.append(
            f"the asking program's own organization, so left out: {owner_name} "
            f"(it runs {need.program})"
        )
    lexicons = vocabularies.lexicons(session)
    if not wants.sectors:  # the field, read from its words
        read = understand.read_sectors_from(text, lexicons.sectors)
        if read:
            wants = replace(wants, sectors=[f.value for f in read])
            said = ", ".join(f"{label(f.value)} (“{f.words}”)" for f in read)
            notes.append(f"sectors read from the words: {said} (set sectors to choose them)")
    wants = understand.stored_need(wants, lexicons.sectors)
    return _run(
        session, index, fields, wants, filters, notes, (need.starts_on, need.ends_on),
        exclude=exclude, need_id=need_id,
    )  # fmt: skip


def _known_region(session: Session, filters: F, location: str) -> F:
    """The filters with their region in canonical form; 422 for a region no one names."""
    if filters.region is None:
        return filters
    region = vocabularies.known(session, "region", filters.region, "region", location)
    return filters.model_copy(update={"region": region})


def adhoc(session: Session, index: PartnerIndex, query: AdhocQuery) -> MatchList:
    """Partners for a text typed in; kinds and region limit who is shown. What the query
    does not state (engagement type, kinds wanted, sectors, region, skills, dates) is read
    from its words (`read`) and said."""
    query = _known_region(session, query, "body")
    lexicons = vocabularies.lexicons(session)
    sectors = vocabularies.lookup(session, "sector")
    wanted = [sectors.canonical(s) or s for s in query.sectors]
    stated_type = query.engagement_type.value if query.engagement_type else None
    wants = Need(
        vector=None, sectors=wanted, skills=query.skills, hours=query.hours,
        engagement_type=stated_type, partner_kinds=[k.value for k in query.partner_kinds],
    )  # fmt: skip
    reading = read(session, query.text)
    wants = understand.apply_reading(wants, reading, lexicons.sectors)
    stated = {name for name, given in (("partner_kinds", query.partner_kinds),
              ("engagement_type", query.engagement_type), ("sectors", query.sectors),
              ("hours", query.hours)) if given}  # fmt: skip
    notes = reading.said_except(stated)
    words = "\n".join([query.text, *query.skills])  # what was typed is what is sought
    dates = (reading.starts_on.value if reading.starts_on else None,
             reading.ends_on.value if reading.ends_on else None)  # fmt: skip
    return _run(session, index, Fields(query.text, "", words), wants, query, notes, dates)


def read(session: Session, text: str) -> understand.NeedReading:
    """Every field the words state, read with this deployment's vocabularies."""
    lexicons = vocabularies.lexicons(session)
    return understand.read_need(text, sectors=lexicons.sectors, regions=lexicons.regions,
                                today=today())  # fmt: skip


#: The longest title a draft takes from the first sentence.
TITLE = 80


def reading_out(reading: understand.NeedReading, text: str) -> NeedReadOut:
    """The reading as the API answers it, with the need form filled from it."""

    def found(f: understand.Found[T] | None) -> Read[T] | None:
        return None if f is None else Read(value=f.value, words=f.words)

    first = " ".join(understand.first_sentence(text).split())
    title = first if len(first) <= TITLE else first[:TITLE].rsplit(" ", 1)[0] + "…"
    kind_of_work = reading.engagement_type
    draft = NeedDraft(
        title=title, description=" ".join(text.split()), skills=list(reading.skills),
        partner_kinds=[PartnerKind(k.value) for k in reading.partner_kinds],
        sectors=[s.value for s in reading.sectors],
        region=reading.region.value if reading.region else None,
        engagement_type=EngagementType(kind_of_work.value) if kind_of_work else
        EngagementType.other,
        hours_per_partner=reading.hours.value if reading.hours else 0,
        slots=reading.slots.value if reading.slots else 1,
        starts_on=reading.starts_on.value if reading.starts_on else None,
        ends_on=reading.ends_on.value if reading.ends_on else None,
    )  # fmt: skip
    return NeedReadOut(
        engagement_type=None if kind_of_work is None else Read(
            value=EngagementType(kind_of_work.value), words=kind_of_work.words),
        partner_kinds=[Read(value=PartnerKind(k.value), words=k.words)
                       for k in reading.partner_kinds],
        kinds_assumed=reading.kinds_assumed, served=list(reading.served),
        sectors=[Read(value=s.value, words=s.words) for s in reading.sectors],
        region=found(reading.region), remote=reading.remote, skills=list(reading.skills),
        hours=found(reading.hours), slots=found(reading.slots),
        starts_on=found(reading.starts_on), ends_on=found(reading.ends_on),
        said=list(reading.said), need=draft,
    )  # fmt: skip
