"""Plans: choose the needs, take each need's candidates from the match service (so every
exclusion the ranking makes holds here too), solve with `matching.plan`, store, edit, commit."""

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from app.config import Settings
from app.engagements.domain import ENGAGEMENTS
from app.engagements.schemas import EngagementCreate
from app.errors import Conflict, FieldError, NotFound, Unprocessable, invalid
from app.integrations.bulk import neutralised
from app.load.service import assess_partners
from app.matches import service as matches
from app.matches.index import PartnerIndex
from app.matches.schemas import MatchFilters
from app.needs.models import Need
from app.plans import repository
from app.plans.domain import PLANS
from app.plans.models import Plan
from app.plans.schemas import (
    Committed,
    Links,
    PlanChange,
    PlanEdit,
    PlanRead,
    PlanRequest,
    PlanStore,
    Refused,
)
from app.plans.status import PlanStatus
from app.types import utcnow
from app.writes.service import WriteService
from matching.plan import Edges, PlanNeed, PlanPartners, PlanSettings, greedy, recheck, solve
from matching.types import EngagementStatus, MatchingError, NeedStatus

PLAN_WRITES = WriteService(PLANS)
ASK_WRITES = WriteService(ENGAGEMENTS)

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Inputs:
    needs: list[PlanNeed]
    partners: PlanPartners
    edges: Edges
    described: list[dict[str, Any]]
    weak: set[tuple[int, int]]


def _quiet(stage: str, done: float) -> None:
    return None


# ----------------------------------------------------------------------------- choosing


def choose_needs(session: Session, request: PlanRequest) -> list[Need]:
    """The needs a request names; unknown ids are named (422)."""
    if request.need_ids is not None:
        wanted = list(dict.fromkeys(request.need_ids))
        found = repository.needs_by_id(session, wanted)
        known = {n.id for n in found}
        unknown = [i for i in wanted if i not in known]
        if unknown:
            shown = ", ".join(map(str, unknown[:20])) + (" ..." if len(unknown) > 20 else "")
            raise invalid("need_ids", f"no such need: {shown}")
        chosen = [
            n
            for n in found
            if (request.program is None or n.program == request.program)
            and (request.region is None or n.region == request.region)
        ]
        return chosen
    return repository.needs_where(session, request.program, request.region, request.status)


def options_of(request: PlanRequest, settings: Settings) -> dict[str, float | bool]:
    return {
        "max_asks": request.max_asks or settings.plan_max_asks,
        "alternates": request.alternates if request.alternates is not None
        else settings.plan_alternates,
        "candidates": request.candidates or settings.plan_candidates,
        "min_relevance": request.min_relevance if request.min_relevance is not None
        else settings.plan_min_relevance,
        "allow_weak": request.allow_weak,
    }  # fmt: skip


def selection_of(request: PlanRequest, needs: Sequence[Need]) -> dict[str, Any]:
    given = request.model_dump(include={"program", "region", "status", "need_ids"})
    return {k: v for k, v in given.items() if v is not None} | {"need_ids": [n.id for n in needs]}


# ----------------------------------------------------------------------------- solving


def gather(
    session: Session,
    index: PartnerIndex,
    need_ids: Sequence[int],
    candidates: int,
    progress: Progress = _quiet,
    allow_weak: bool = False,
) -> Inputs:
    """The plan's inputs: open slots per need, and each need's candidates as the match
    service ranks them (so already asked, critical risk and every other exclusion hold):
    its good fits only, unless `allow_weak` (then weak fits too, marked)."""
    needs = repository.needs_by_id(session, need_ids)
    held = repository.slots_held(session, [n.id for n in needs])
    plan_needs: list[PlanNeed] = []
    described: list[dict[str, Any]] = []
    rows: list[tuple[int, int, float, float, int]] = []
    weak_pairs: set[tuple[int, int]] = set()
    for i, need in enumerate(needs):
        progress("candidates", 0.6 * i / max(len(needs), 1))
        open_slots = max(need.slots - held.get(need.id, 0), 0)
        notes: list[str] = []
        if need.status != NeedStatus.open:
            open_slots = 0
            notes.append(f"the need is {need.status.value}")
        elif open_slots == 0:
            notes.append(f"all {need.slots} slots are taken or awaiting an answer")
        weak = 0
        found = None
        if open_slots:
            # A kind the need does not ask for is a conflict, not a weaker fit.
            wanted = MatchFilters(limit=candidates, partner_kinds=list(need.partner_kinds))
            found = matches.for_need(session, index, need.id, wanted)
            notes += [n for n in found.notes if n != found.note]
            for rank, m in enumerate(found.items, start=1):
                if m.fit != "good":
                    weak += 1
                    if not allow_weak:
                        continue  # a slot only weak fits could fill is a gap: whom to recruit
                    weak_pairs.add((need.id, m.organization_id))
                left = m.capacity.hours_left
                rows.append(
                    (len(plan_needs), m.organization_id, m.relevance,
                     np.nan if left is None else left, rank)
                )  # fmt: skip
        if weak and allow_weak:
            notes.append(
                f"{weak} of the candidates fit weakly: the plan asks them only where no "
                "better fit has room, marked weak"
            )
        elif weak:
            notes.append(
                f"{weak} candidates fit weakly and are not asked (allow_weak lets this plan "
                "ask them)"
            )
        if found is not None and found.field_gap:
            notes.insert(0, found.field_gap)
        plan_needs.append(
            PlanNeed(
                id=need.id, title=need.title, open_slots=open_slots,
                hours=need.hours_per_partner, program=need.program,
                sectors=tuple(need.sectors), region=need.region,
                engagement_type=need.engagement_type.value,
                weak_left_out=0 if allow_weak else weak,
            )
        )  # fmt: skip
        described.append(
            {"id": need.id, "title": need.title, "program": need.program,
             "region": need.region, "engagement_type": need.engagement_type.value,
             "slots": need.slots, "open_slots": open_slots, "hours": need.hours_per_partner,
             "notes": notes}
        )  # fmt: skip
    org_ids = sorted({r[1] for r in rows})
    population = assess_partners(session, ids=org_ids)
    pos = {int(pid): i for i, pid in enumerate(population.partners.ids)}
    rows = [r for r in rows if r[1] in pos]
    edges = Edges.build(
        [r[0] for r in rows], [pos[r[1]] for r in rows], [r[2] for r in rows],
        hours_left=[r[3] for r in rows], rank=[r[4] for r in rows],
    )  # fmt: skip
    partners = PlanPartners(
        population.partners.ids.astype(np.int64), population.partners.names, population.figures
    )
    return Inputs(plan_needs, partners, edges, described, weak_pairs)


def _pairs(rows: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    return [(int(r[0]), int(r[1])) for r in rows]


def run(
    session: Session,
    index: PartnerIndex,
    need_ids: Sequence[int],
    options: dict[str, Any],
    locks: Sequence[Sequence[int]] = (),
    drops: Sequence[Sequence[int]] = (),
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """Solve the plan for these needs; the stored `result` document."""
    allow_weak = bool(options.get("allow_weak", False))
    inputs = gather(session, index, need_ids, int(options["candidates"]), progress, allow_weak)
    settings = PlanSettings(
        max_asks=int(options["max_asks"]), alternates=int(options["alternates"]),
        # Plans stored before the floor existed keep being solved without one.
        min_relevance=float(options.get("min_relevance", 0.0)),
    )  # fmt: skip
    known = set(inputs.partners.ids.tolist())
    lost = [(n, p) for n, p in _pairs(locks) if p not in known]
    if lost:
        # A locked partner the ranking no longer offers (asked since, on hold) cannot be kept.
        named = ", ".join(f"organization {p} for need {n}" for n, p in lost)
        raise Conflict(f"a lock can no longer be kept: {named} is not a candidate any more")
    try:
        plan = solve(
            inputs.needs, inputs.partners, inputs.edges, settings=settings,
            locks=_pairs(locks), drops=_pairs(drops),
            progress=lambda stage, done: progress(stage, 0.6 + 0.4 * done),
        )  # fmt: skip
    except MatchingError as exc:
        raise Unprocessable(str(exc)) from None
    baseline = greedy(inputs.needs, inputs.partners, inputs.edges, settings=settings)
    notes = list(plan.notes)
    if not inputs.needs:
        notes.append("no needs match this selection")
    elif plan.outcome.slots_open == 0:
        notes = [
            "none of these needs has an open slot, so there is nothing to plan: "
            + "; ".join(f"need {d['id']}: {', '.join(d['notes'])}" for d in inputs.described)
        ]
    if plan.gaps:
        weak_only = sum(g.missing for g in plan.gaps if g.reason.startswith("only weak fits"))
        missing = sum(g.missing for g in plan.gaps) - weak_only
        if weak_only:
            notes.append(
                f"{weak_only} slot{'s' if weak_only > 1 else ''} only weak fits could fill: "
                "partners that fit must be recruited (see gaps), or weak fits allowed"
            )
        if missing:
            notes.append(
                f"{missing} slot{'s' if missing > 1 else ''} cannot be filled without "
                "over-tapping partners; see gaps for where new partners must be recruited"
            )
    assignments = [_renamed(asdict(a)) for a in plan.assignments]
    for a in assignments:
        a["alternates"] = [_renamed(alt) for alt in a["alternates"]]
        weak = (a["need_id"], a["organization_id"]) in inputs.weak
        a["fit"] = "weak" if weak else "good"
        if weak:
            a["reasons"].append("a weak fit, allowed for this plan: few partners fit this need")
    weak_count = sum(a["fit"] == "weak" for a in assignments)
    if weak_count:
        notes.append(f"{weak_count} of {len(assignments)} assignments are weak fits (allowed)")
    return {
        "assignments": assignments,
        "gaps": [asdict(g) for g in plan.gaps],
        "gap_totals": plan.gap_totals,
        "load": [_renamed(asdict(x)) for x in plan.load],
        "outcome": asdict(plan.outcome) | {"weak_assignments": weak_count},
        "baseline": asdict(baseline.outcome),
        "needs": inputs.described,
        "notes": notes,
        "timings": plan.timings | {"rounds": plan.rounds},
    }


def _renamed(named: dict[str, Any]) -> dict[str, Any]:
    """`partner_id` (the solver's word) said as `organization_id`, the word of every other
    answer; the old name stays beside it for clients that read it."""
    return {"organization_id": named["partner_id"]} | named


def _org(assignment: dict[str, Any]) -> int:
    """The partner of a stored assignment (plans stored before say only `partner_id`)."""
    return int(assignment.get("organization_id", assignment.get("partner_id", 0)))


def changes(before: dict[str, Any], after: dict[str, Any], titles: dict[int, str]) -> list[str]:
    """What solving again changed, as a convener reads it: per need who is out and who is
    in, then the slots filled and the mean relevance, before and after."""

    def asked(result: dict[str, Any]) -> dict[tuple[int, int], str]:
        return {(a["need_id"], _org(a)): a["name"] for a in result.get("assignments", [])}

    was, now = asked(before), asked(after)
    out: list[str] = []
    for need_id in sorted({pair[0] for pair in was.keys() ^ now.keys()}):
        gone = [name for pair, name in sorted(was.items()) if pair[0] == need_id
                and pair not in now]  # fmt: skip
        new = [name for pair, name in sorted(now.items()) if pair[0] == need_id
               and pair not in was]  # fmt: skip
        said = [f"{', '.join(gone)} no longer asked"] if gone else []
        said += [f"{', '.join(new)} asked"] if new else []
        out.append(f"{titles.get(need_id, f'need {need_id}')}: {'; '.join(said)}")
    if not out:
        out.append("no assignment changed")
    b, a = before.get("outcome", {}), after.get("outcome", {})
    if b and a:
        out.append(
            f"slots filled {b.get('slots_filled', 0)} → {a.get('slots_filled', 0)} of "
            f"{a.get('slots_open', 0)}; mean relevance {b.get('mean_relevance', 0):.2f} → "
            f"{a.get('mean_relevance', 0):.2f}"
        )
    return out


# ----------------------------------------------------------------------------- the resource


def get(session: Session, plan_id: int) -> Plan:
    plan = repository.get(session, plan_id)
    if plan is None:
        raise NotFound(f"plan {plan_id} does not exist")
    return plan


#: The parts of a plan's stored `result` its answer shows.
ANSWERED = ("assignments", "gaps", "gap_totals", "load", "outcome", "baseline", "needs", "notes",
            "changes")  # fmt: skip


def read(plan: Plan) -> PlanRead:
    """The stored plan as answered, its result checked against the answer's types (plans
    stored before a field existed read with its default)."""
    base = PlanRead.model_validate(plan).model_dump(exclude=set(ANSWERED) | {"links"})
    result = plan.result or {}
    return PlanRead.model_validate(
        base
        | {key: result[key] for key in ANSWERED if key in result}
        | {
            "links": Links(
                self=f"/v1/plans/{plan.id}",
                csv=f"/v1/plans/{plan.id}/assignments.csv",
                page=f"/ui/plans/{plan.id}",
            )
        }
    )


def start(
    session: Session, request: PlanRequest, settings: Settings, who: str,
    needs: Sequence[Need] | None = None,
) -> Plan:  # fmt: skip
    """A plan row for the request, not yet solved (status `solving`); `needs`: the request's
    needs when the caller chose them already (`choose_needs`)."""
    needs = choose_needs(session, request) if needs is None else needs
    return PLAN_WRITES.create(
        session,
        PlanStore(
            status=PlanStatus.solving, selection=selection_of(request, needs),
            options=options_of(request, settings), created_by=who,
        ),
    )  # fmt: skip


def plan_now(
    session: Session, index: PartnerIndex, request: PlanRequest, settings: Settings, who: str,
    progress: Progress = _quiet, needs: Sequence[Need] | None = None,
) -> Plan:  # fmt: skip
    """A plan for the request, solved and stored as a draft in the caller's transaction;
    `needs` as for `start`.

    Solved before its row is written: solving stores the vectors of needs read for the first
    time on a connection of its own, which on SQLite would wait for this transaction's write
    lock (the busy timeout, 30 s a need) had the row been written first."""
    needs = choose_needs(session, request) if needs is None else needs
    options = options_of(request, settings)
    result = run(session, index, [n.id for n in needs], options, (), (), progress)
    return PLAN_WRITES.create(
        session,
        PlanStore(selection=selection_of(request, needs), options=options, created_by=who,
                  **_answered(result)),
    )  # fmt: skip


def _answered(result: dict[str, Any]) -> dict[str, Any]:
    """The fields of a plan just solved: its answer, and a draft (again)."""
    return {"status": PlanStatus.draft, "result": result, "progress": 1.0, "error": None,
            "solved_at": utcnow()}  # fmt: skip


def solved(
    session: Session, index: PartnerIndex, plan_id: int, progress: Progress = _quiet
) -> dict[str, Any]:
    """The stored plan solved (again) on the data of now; writes nothing."""
    plan = get(session, plan_id)
    return run(
        session, index, plan.selection.get("need_ids", []), plan.options,
        plan.locks, plan.drops, progress,
    )  # fmt: skip


def store(session: Session, plan_id: int, result: dict[str, Any]) -> Plan:
    """Keep a solved plan's answer; the plan is a draft (again)."""
    return PLAN_WRITES.update(session, plan_id, PlanChange(**_answered(result)))


def set_progress(session: Session, plan_id: int, done: float) -> None:
    PLAN_WRITES.update(session, plan_id, PlanChange(progress=round(done, 3)))


def failed(session: Session, plan_id: int, error: str) -> None:
    PLAN_WRITES.update(session, plan_id, PlanChange(status=PlanStatus.failed, error=error))


def _editable(plan: Plan) -> None:
    if plan.status == PlanStatus.committed:
        raise Conflict(f"plan {plan.id} is committed and cannot change; make a new plan")
    if plan.status == PlanStatus.solving:
        raise Conflict(f"plan {plan.id} is still being solved; try again when it is a draft")


def edit(
    session: Session, index: PartnerIndex, plan_id: int, change: PlanEdit, if_match: str | None
) -> Plan:
    """Lock, drop, swap or unlock assignments, then solve the rest again."""
    plan = get(session, plan_id)
    _editable(plan)
    planned = set(plan.selection.get("need_ids", []))
    for field, pairs in (("lock", change.lock), ("drop", change.drop), ("swap", change.swap)):
        for i, pair in enumerate(pairs):
            if pair.need_id not in planned:
                raise invalid(f"{field}[{i}].need_id", f"need {pair.need_id} is not in this plan")
    locks = {tuple(x) for x in plan.locks}
    drops = {tuple(x) for x in plan.drops}
    for pair in change.unlock:
        locks.discard((pair.need_id, pair.organization_id))
        drops.discard((pair.need_id, pair.organization_id))
    for pair in change.lock:
        locks.add((pair.need_id, pair.organization_id))
        drops.discard((pair.need_id, pair.organization_id))
    for pair in change.drop:
        drops.add((pair.need_id, pair.organization_id))
        locks.discard((pair.need_id, pair.organization_id))
    for swap in change.swap:
        drops.add((swap.need_id, swap.organization_id))
        locks.discard((swap.need_id, swap.organization_id))
        locks.add((swap.need_id, swap.with_organization_id))
    both = locks & drops
    if both:
        raise invalid("lock", f"locked and dropped at once: {sorted(both)}")
    # Solved before the row is written, as `plan_now` is.
    kept, dropped = [list(x) for x in sorted(locks)], [list(x) for x in sorted(drops)]
    result = run(session, index, plan.selection.get("need_ids", []), plan.options, kept, dropped)
    titles = {int(d["id"]): str(d["title"]) for d in result["needs"]}
    result["changes"] = changes(plan.result or {}, result, titles)
    return PLAN_WRITES.update(
        session, plan.id,
        PlanChange(locks=kept, drops=dropped, **_answered(result)),
        if_match=if_match,
    )  # fmt: skip


def review(session: Session, plan_id: int) -> Plan:
    """A convener has read the draft: it is reviewed."""
    plan = get(session, plan_id)
    _editable(plan)
    if plan.status == PlanStatus.failed:
        raise Conflict(f"plan {plan.id} failed to solve ({plan.error}); make a new plan")
    return PLAN_WRITES.update(session, plan.id, PlanChange(status=PlanStatus.reviewed))


def commit(session: Session, plan_id: int, status: EngagementStatus, partial: bool) -> Committed:
    """Make the plan's asks, every one through the write path, in this one transaction.

    Each assignment is checked again against the load of now; any refused one is named and
    nothing is written, unless `partial` asks for the rest to be made anyway."""
    plan = get(session, plan_id)
    _editable(plan)
    if plan.status == PlanStatus.failed:
        raise Conflict(f"plan {plan.id} failed to solve ({plan.error}); make a new plan")
    assignments: list[dict[str, Any]] = list((plan.result or {}).get("assignments", []))
    if not assignments:
        raise Conflict(f"plan {plan.id} asks no one, so there is nothing to commit")
    refused = _refused(session, assignments)
    if refused and not partial:
        named = "; ".join(f"{r.name} for need {r.need_id}: {r.reason}" for r in refused)
        raise Conflict(
            f"{len(refused)} of {len(assignments)} asks can no longer be made, so none were: "
            f"{named}. Solve the plan again (PATCH) or commit with partial=true",
            errors=[
                FieldError(field=f"assignments[{assignments.index(a)}]", location="body",
                           message=r.reason)
                for r in refused
                for a in assignments
                if (a["need_id"], _org(a)) == (r.need_id, r.organization_id)
            ],
        )  # fmt: skip
    skip = {(r.need_id, r.organization_id) for r in refused}
    needs = {n.id: n for n in repository.needs_by_id(session, [a["need_id"] for a in assignments])}
    payloads = [
        EngagementCreate(
            organization_id=_org(a), need_id=a["need_id"],
            program=needs[a["need_id"]].program,
            engagement_type=needs[a["need_id"]].engagement_type, status=status,
            starts_on=needs[a["need_id"]].starts_on, ends_on=needs[a["need_id"]].ends_on,
            hours_estimated=needs[a["need_id"]].hours_per_partner,
        )
        for a in assignments
        if (a["need_id"], _org(a)) not in skip
    ]  # fmt: skip
    made = ASK_WRITES.create_many(session, payloads) if payloads else []
    ids = [row.id for row in made]
    stored = PLAN_WRITES.update(
        session, plan.id,
        PlanChange(status=PlanStatus.committed, committed_at=utcnow(), engagement_ids=ids),
    )  # fmt: skip
    return Committed(plan=read(stored), engagement_ids=ids, refused=refused)


def _refused(session: Session, assignments: Sequence[dict[str, Any]]) -> list[Refused]:
    """The assignments the data of now refuses: needs no longer open or full, partners asked
    for the need since, and partners whose load changed so the ask would over-tap them."""
    names = {(a["need_id"], _org(a)): a["name"] for a in assignments}
    out: dict[tuple[int, int], str] = {}
    needs = {n.id: n for n in repository.needs_by_id(session, [a["need_id"] for a in assignments])}
    held = repository.slots_held(session, list(needs))
    by_need: dict[int, list[dict[str, Any]]] = {}
    for a in sorted(assignments, key=lambda a: -float(a["relevance"])):
        by_need.setdefault(a["need_id"], []).append(a)
    asked = repository.open_asks(session, list(names))
    for pair in asked:
        out[pair] = "already asked for this need since the plan was made"
    for need_id, mine in by_need.items():
        need = needs.get(need_id)
        if need is None or need.status != NeedStatus.open:
            why = "the need was deleted" if need is None else f"the need is {need.status.value}"
            out |= {(need_id, _org(a)): why for a in mine}
            continue
        room = max(need.slots - held.get(need_id, 0), 0)
        waiting = [a for a in mine if (need_id, _org(a)) not in asked]
        for a in waiting[room:]:
            out[(need_id, _org(a))] = f"the need has only {room} slots open now"
    rest = [a for a in assignments if (a["need_id"], _org(a)) not in out]
    out |= _over_limit(session, rest, needs)
    return [
        Refused(need_id=n, organization_id=p, name=names[(n, p)], reason=why)
        for (n, p), why in sorted(out.items())
    ]


def _over_limit(
    session: Session, assignments: Sequence[dict[str, Any]], needs: dict[int, Need]
) -> dict[tuple[int, int], str]:
    unlocked = [a for a in assignments if not a.get("locked")]
    if not unlocked:
        return {}
    population = assess_partners(session, ids=sorted({_org(a) for a in unlocked}))
    pos = {int(pid): i for i, pid in enumerate(population.partners.ids)}
    need_list = sorted({a["need_id"] for a in unlocked})
    need_pos = {n: i for i, n in enumerate(need_list)}
    plan_needs = [
        PlanNeed(id=n, title=needs[n].title, open_slots=needs[n].slots,
                 hours=needs[n].hours_per_partner, program=needs[n].program)
        for n in need_list
    ]  # fmt: skip
    pairs = Edges.build(
        [need_pos[a["need_id"]] for a in unlocked], [pos[_org(a)] for a in unlocked],
        [float(a["relevance"]) for a in unlocked],
    )  # fmt: skip
    partners = PlanPartners(
        population.partners.ids.astype(np.int64), population.partners.names, population.figures
    )
    verdicts = recheck(plan_needs, partners, pairs)
    return {
        (a["need_id"], _org(a)): why
        for a, why in zip(unlocked, verdicts, strict=True)
        if why is not None
    }


# ----------------------------------------------------------------------------- export

COLUMNS = [
    "program", "need_id", "need", "organization_id", "partner", "rank", "relevance", "locked",
    "asks_before", "plan_asks", "risk_before", "risk_after", "alternates", "reasons",
]  # fmt: skip


def csv_lines(plan: Plan) -> Iterator[str]:
    """The plan as CSV: who is asked for what, by which program, with the alternates and each
    partner's load before and after; no cell a spreadsheet would run as a formula."""
    result = plan.result or {}
    needs = {d["id"]: d for d in result.get("needs", [])}
    load = {_org(x): x for x in result.get("load", [])}
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells: Sequence[object]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([neutralised(c) if isinstance(c, str) else c for c in cells])
        return buffer.getvalue()

    yield line(COLUMNS)
    for a in result.get("assignments", []):
        need = needs.get(a["need_id"], {})
        x = load.get(_org(a), {})
        yield line(
            [
                need.get("program", ""), a["need_id"], need.get("title", ""), _org(a),
                a["name"], a["rank"], a["relevance"], "yes" if a["locked"] else "no",
                x.get("asks_before", ""), x.get("plan_asks", ""), x.get("level_before", ""),
                x.get("level_after", ""),
                "; ".join(f"{alt['name']} ({alt['relevance']:.2f})" for alt in a["alternates"]),
                "; ".join(a["reasons"]),
            ]
        )  # fmt: skip
