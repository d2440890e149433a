"""A recruitment plan: which partners to ask for which needs, across many needs at once.

Ranking each need alone sends every recruiter to the same few partners with room. The plan
solves all the needs together on the candidate edges with HiGHS (scipy): fill as many open
slots as possible, with the most relevant partners, without pushing any partner past its
capacity or above `elevated` risk by the plan's own asks, and spreading asks among
near-equally relevant partners towards those asked least. The core is a transportation
problem (need slots -> partner -> tiers of rising cost), whose LP optimum is integral, so it
is solved as an LP (`linprog`); only the partners' hours rows can make a vertex fractional,
and the few slots those leave are filled by a small integer program on the room left.
Slots whose candidates all fit below `min_relevance` are left as gaps, not filled by a misfit.

Risk is not linear in asks, so each partner's number of asks is bounded from the risk model
first, and the solution is checked with the exact what-if; a partner it would still push too
far loses one ask of room and the rest is solved again.
"""

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray

from matching.concentration import concentration
from matching.load import LoadFigures, RiskLevel, RiskParams, assess
from matching.types import MatchingError

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: Called with a stage name and the share of the work done, in [0, 1].
Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class PlanNeed:
    """A need as the plan sees it: its open slots, the hours of one ask, and what its gap is
    summed by when it cannot be filled."""

    id: int
    title: str
    open_slots: int
    hours: float = 0.0
    program: str = ""
    sectors: tuple[str, ...] = ()
    region: str | None = None
    engagement_type: str = "other"
    # Candidates left out because they fit only weakly (the plan asks good fits only unless
    # told otherwise): said in the gap, as whom to recruit.
    weak_left_out: int = 0


@dataclass(frozen=True)
class PlanPartners:
    """The partners that appear on some edge: ids, names and load, index-aligned (n,)."""

    ids: IntArray
    names: Sequence[str]
    figures: LoadFigures

    @property
    def n(self) -> int:
        return int(self.ids.shape[0])


@dataclass(frozen=True)
class Edges:
    """Candidate (need, partner) pairs from the ranker, all arrays of shape (n_edges,).

    `need` and `partner` are positions in the plan's needs and partners; `relevance` is the
    ranker's relevance in [0, 1]; `hours_left` the partner's hours left over the need's own
    dates after this ask (NaN: capacity unknown); `rank` the partner's place in the need's
    ranking (1 is best).
    """

    need: IntArray
    partner: IntArray
    relevance: FloatArray
    hours_left: FloatArray
    rank: IntArray

    @property
    def n(self) -> int:
        return int(self.need.shape[0])

    @classmethod
    def build(
        cls,
        need: ArrayLike,
        partner: ArrayLike,
        relevance: ArrayLike,
        hours_left: ArrayLike | None = None,
        rank: ArrayLike | None = None,
    ) -> "Edges":
        """Edges from plain sequences; `hours_left` defaults to unknown, `rank` to 1..k per
        need by falling relevance."""
        n_ = np.asarray(need, dtype=np.int64)
        p = np.asarray(partner, dtype=np.int64)
        r = np.asarray(relevance, dtype=np.float64)
        h = np.full(n_.shape, np.nan) if hours_left is None else np.asarray(hours_left, float)
        if rank is None:
            order = np.lexsort((-r, n_))
            ranks = np.empty(n_.shape, dtype=np.int64)
            first = np.r_[True, n_[order][1:] != n_[order][:-1]]
            starts = np.maximum.accumulate(np.where(first, np.arange(order.size), 0))
            ranks[order] = np.arange(order.size) - starts + 1
        else:
            ranks = np.asarray(rank, dtype=np.int64)
        if not (n_.shape == p.shape == r.shape == h.shape == ranks.shape):
            raise MatchingError("edge arrays must have the same length")
        return cls(n_, p, r, h, ranks)


@dataclass(frozen=True, kw_only=True)
class PlanSettings:
    """How the plan trades relevance against spreading.

    Parameters
    ----------
    max_asks : int, keyword-only
        At most this many asks of one partner in one plan.
    alternates : int, keyword-only
        Ranked alternates kept per assignment.
    fill_bonus : float, keyword-only
        Worth of filling a slot at all, above any relevance, so the plan fills first.
    spread : float, keyword-only
        Cost of the busiest partner's past asks (scaled to [0, spread]): among near-equal
        relevance, those asked least are preferred.
    tier : float, keyword-only
        Extra cost of each further ask of one partner inside the plan.
    max_level : RiskLevel, keyword-only
        The highest risk level the plan's own asks may bring a partner to.
    time_limit : float, keyword-only
        Seconds the solver may take per round.
    method : {"lp", "milp"}, keyword-only
        "lp": solve the LP relaxation (a transportation problem, integral unless a partner's
        hours bind) and repair what is fractional; "milp": one integer program on all edges
        (exact, but slow past some thousands of needs).
    exact_edges : int, keyword-only
        The LP's repair is an integer program on the edges left open up to this many edges,
        a greedy fill by cost beyond.
    min_relevance : float, keyword-only
        The relevance floor: a candidate below it is never asked (unless locked), so a slot
        whose candidates all fit worse is a gap ("no partner fits well enough") showing where
        partners must be recruited, not a misfit. 0 turns the floor off.
    """

    max_asks: int = 3
    alternates: int = 3
    fill_bonus: float = 2.0
    spread: float = 0.02
    tier: float = 0.01
    max_level: RiskLevel = RiskLevel.elevated
    time_limit: float = 60.0
    method: Literal["lp", "milp"] = "lp"
    exact_edges: int = 20_000
    min_relevance: float = 0.1

    def __post_init__(self) -> None:
        if self.max_asks < 1:
            raise MatchingError("max_asks must be at least 1")
        if self.alternates < 0:
            raise MatchingError("alternates must not be negative")
        if not 0.0 <= self.min_relevance <= 1.0:
            raise MatchingError("min_relevance must be between 0 and 1")
        if self.method not in ("lp", "milp"):
            raise MatchingError('method must be "lp" or "milp"')


@dataclass(frozen=True)
class Alternate:
    partner_id: int
    name: str
    relevance: float
    reason: str


@dataclass(frozen=True)
class Assignment:
    need_id: int
    partner_id: int
    name: str
    relevance: float
    rank: int
    locked: bool
    reasons: list[str]
    alternates: list[Alternate]


@dataclass(frozen=True)
class Gap:
    need_id: int
    title: str
    missing: int
    reason: str


@dataclass(frozen=True)
class PartnerLoad:
    """A partner the plan asks: its asks in the window and risk, before and after."""

    partner_id: int
    name: str
    asks_before: int
    plan_asks: int
    level_before: str
    level_after: str


@dataclass(frozen=True)
class Effect:
    """What a plan does to the partners, comparable between the plan and the greedy."""

    slots_open: int
    slots_filled: int
    mean_relevance: float
    pushed_high: int
    partners_asked: int
    max_asks_per_partner: int
    gini_before: float
    gini_after: float
    top20_before: float
    top20_after: float
    lorenz_before: list[tuple[float, float]]
    lorenz_after: list[tuple[float, float]]


@dataclass(frozen=True)
class Plan:
    assignments: list[Assignment]
    gaps: list[Gap]
    gap_totals: dict[str, dict[str, int]]
    load: list[PartnerLoad]
    outcome: Effect
    notes: list[str]
    solver_seconds: float = 0.0
    rounds: int = 0
    timings: dict[str, float] = field(default_factory=dict)


# ----------------------------------------------------------------------------- risk and room


def _after(
    figures: LoadFigures, asks: FloatArray, hours: FloatArray, programs: FloatArray
) -> LoadFigures:
    """The figures once every partner took `asks[i]` more asks of `hours[i]` hours in all,
    from `programs[i]` programs new to it (the cautious view of `with_one_more_ask`)."""
    a = asks.astype(np.int64)
    return replace(
        figures,
        asks=figures.asks + a,
        distinct_programs=figures.distinct_programs + programs.astype(np.int64),
        active_engagements=figures.active_engagements + a,
        hours_committed=figures.hours_committed + hours,
        hours_ahead=figures.hours_ahead + hours,
    )


def _room(
    partners: PlanPartners,
    edges: Edges,
    needs: Sequence[PlanNeed],
    settings: PlanSettings,
    params: RiskParams | None,
) -> tuple[IntArray, FloatArray, IntArray]:
    """Per partner: asks the plan may make (by the risk model, with the hours of its typical
    candidate ask), hours left before capacity (inf: unknown), and the level now."""
    f = partners.figures
    level = assess(f, params=params).level
    hours_of_need = np.array([nd.hours for nd in needs], dtype=np.float64)
    typical = np.zeros(partners.n)
    if edges.n:
        h = hours_of_need[edges.need]
        sums = np.bincount(edges.partner, weights=h, minlength=partners.n)
        counts = np.bincount(edges.partner, minlength=partners.n)
        typical = np.divide(sums, counts, out=np.zeros(partners.n), where=counts > 0)
    room = np.zeros(partners.n, dtype=np.int64)
    allowed = level <= int(settings.max_level)
    for k in range(1, settings.max_asks + 1):
        ks = np.full(partners.n, float(k))
        after = assess(_after(f, ks, ks * typical, ks), params=params).level
        ok = allowed & (after <= int(settings.max_level))
        room = np.where(ok, k, room)
        allowed = ok
    busiest = np.maximum(f.hours_committed, f.hours_ahead)
    left = np.where(np.isnan(f.capacity_hours), np.inf, f.capacity_hours - busiest)
    return room, left, level


# ----------------------------------------------------------------------------- the solve


def _program(
    hours: FloatArray,
    slots: FloatArray,
    n_partners: int,
    edges: Edges,
    cost: FloatArray,
    room: IntArray,
    tier_start: IntArray,
    hours_left: FloatArray,
    locked: NDArray[np.bool_],
    settings: PlanSettings,
    *,
    integral: bool,
    time_limit: float | None = None,
) -> tuple[FloatArray, float]:
    """The flow program need -> partner (x, one per edge) -> tiers (y): x and the objective.

    Tier t of a partner (t = `tier_start`, .., `tier_start` + room - 1) costs `settings.tier`
    times t, so further asks of one partner cost more. Without hours rows the matrix is a
    network matrix and every vertex of the LP is integral; hours rows (one per partner with a
    known capacity) are knapsack rows and may leave a few x fractional.
    """
    # Here, not at the top: importing scipy.optimize takes a while, and only a solve needs it.
    from scipy.optimize import Bounds, LinearConstraint, linprog, milp

    e = edges.n
    hours_e = hours[edges.need]
    partner_ids = np.unique(edges.partner)
    k = np.maximum(room[partner_ids], 0)
    n_tiers = int(k.sum())
    tier_partner = np.repeat(np.arange(partner_ids.size), k)
    tier_index = np.arange(n_tiers) - np.repeat(np.cumsum(k) - k, k)  # 0, 1, .. per partner
    tier_index = tier_index + np.repeat(tier_start[partner_ids], k)
    c = np.concatenate([cost, settings.tier * tier_index.astype(np.float64)])
    row_of_partner = np.full(n_partners, -1, dtype=np.int64)
    row_of_partner[partner_ids] = np.arange(partner_ids.size)
    prow = row_of_partner[edges.partner]
    a_need = sp.csr_matrix(
        (np.ones(e), (edges.need, np.arange(e))), shape=(slots.size, e + n_tiers)
    )
    a_flow = sp.csr_matrix(
        (
            np.concatenate([np.ones(e), -np.ones(n_tiers)]),
            (np.concatenate([prow, tier_partner]), np.arange(e + n_tiers)),
        ),
        shape=(partner_ids.size, e + n_tiers),
    )
    upper_rows = [a_need]
    upper = [slots]
    finite = np.isfinite(hours_left[partner_ids]) & (hours_e > 0).any()
    if finite.any():
        keep = finite[prow] & (hours_e > 0)
        rows = np.cumsum(finite) - 1
        upper_rows.append(
            sp.csr_matrix(
                (hours_e[keep], (rows[prow[keep]], np.arange(e)[keep])),
                shape=(int(finite.sum()), e + n_tiers),
            )
        )
        upper.append(np.maximum(hours_left[partner_ids][finite], 0))
    lower = np.concatenate([locked.astype(np.float64), np.zeros(n_tiers)])
    if integral:
        result = milp(
            c,
            constraints=[
                LinearConstraint(sp.vstack(upper_rows).tocsr(), -np.inf, np.concatenate(upper)),
                LinearConstraint(a_flow, 0.0, 0.0),
            ],
            integrality=np.concatenate([np.ones(e), np.zeros(n_tiers)]),
            bounds=Bounds(lower, np.ones(e + n_tiers)),
            options={"time_limit": time_limit or settings.time_limit, "mip_rel_gap": 1e-4},
        )
    else:
        result = linprog(
            c,
            A_ub=sp.vstack(upper_rows).tocsc(),
            b_ub=np.concatenate(upper),
            A_eq=a_flow.tocsc(),
            b_eq=np.zeros(partner_ids.size),
            bounds=np.column_stack([lower, np.ones(e + n_tiers)]),
            method="highs",
            options={"time_limit": settings.time_limit},
        )
    if result.x is None:
        raise MatchingError(f"the plan could not be solved: {result.message}")
    return np.asarray(result.x[:e], dtype=np.float64), float(result.fun)


def _assign(
    needs: Sequence[PlanNeed],
    n_partners: int,
    edges: Edges,
    cost: FloatArray,
    room: IntArray,
    hours_left: FloatArray,
    locked: NDArray[np.bool_],
    settings: PlanSettings,
) -> tuple[NDArray[np.bool_], dict[str, float]]:
    """Chosen edges, and what the solve did (LP bound, fractional edges, repair).

    `settings.method` "milp": one integer program on every edge. "lp": the LP relaxation
    (exact where no hours row binds); its integral part is kept, and the slots its fractional
    edges leave are filled by an integer program on what room is left (when that residue has
    at most `settings.exact_edges` edges) or, beyond that, greedily by cost.
    """
    hours = np.array([nd.hours for nd in needs], dtype=np.float64)
    slots = np.array([nd.open_slots for nd in needs], dtype=np.float64)
    zero = np.zeros(n_partners, dtype=np.int64)
    if settings.method == "milp":
        x, _ = _program(hours, slots, n_partners, edges, cost, room, zero, hours_left, locked,
                        settings, integral=True)  # fmt: skip
        return x > 0.5, {"fractional": 0.0}
    x, bound = _program(hours, slots, n_partners, edges, cost, room, zero, hours_left, locked,
                        settings, integral=False)  # fmt: skip
    chosen = x > 1 - 1e-6
    fractional = (x > 1e-6) & ~chosen
    info = {"lp_bound": bound, "fractional": float(fractional.sum())}
    if not fractional.any():
        return chosen, info
    # The neighbourhood of the fractional edges (their needs and partners) is solved again as
    # an integer program on the room the rest of the LP's choices leave; beyond
    # `exact_edges`, the integral part is kept and the slots left are filled greedily by cost.
    near = (
        np.isin(edges.need, np.unique(edges.need[fractional]))
        | np.isin(edges.partner, np.unique(edges.partner[fractional]))
    ) & ~locked
    exact = int(near.sum()) <= settings.exact_edges
    keep = chosen & ~near if exact else chosen
    used = np.bincount(edges.partner[keep], minlength=n_partners)
    used_hours = np.bincount(
        edges.partner[keep], weights=hours[edges.need[keep]], minlength=n_partners
    )
    slots_left = slots - np.bincount(edges.need[keep], minlength=slots.size)
    room_left = room - used
    hours_rest = hours_left - used_hours
    residue = np.flatnonzero(
        ~keep
        & (slots_left[edges.need] > 0)
        & (room_left[edges.partner] > 0)
        & (hours[edges.need] <= hours_rest[edges.partner] + 1e-9)
    )
    info["residual_edges"] = float(residue.size)
    if exact and residue.size:
        sub = _take(edges, residue)
        try:
            xr, _ = _program(hours, slots_left, n_partners, sub, cost[residue], room_left,
                             used, hours_rest, np.zeros(residue.size, dtype=bool), settings,
                             integral=True, time_limit=min(settings.time_limit, 10.0))  # fmt: skip
        except MatchingError:
            exact, keep = False, chosen  # no integer answer in time: repair greedily
        else:
            chosen = keep.copy()
            chosen[residue[xr > 0.5]] = True
            info["repair"] = 1.0
            return chosen, info
    chosen = keep.copy()
    if not exact:
        used = np.bincount(edges.partner[chosen], minlength=n_partners)
        used_hours = np.bincount(
            edges.partner[chosen], weights=hours[edges.need[chosen]], minlength=n_partners
        )
        slots_left = slots - np.bincount(edges.need[chosen], minlength=slots.size)
        room_left, hours_rest = room - used, hours_left - used_hours
        residue = np.flatnonzero(~chosen)
    for i in residue[np.argsort(cost[residue], kind="stable")].tolist():
        n, p, h = int(edges.need[i]), int(edges.partner[i]), hours[int(edges.need[i])]
        if slots_left[n] > 0 and room_left[p] > 0 and h <= hours_rest[p] + 1e-9:
            chosen[i] = True
            slots_left[n] -= 1
            room_left[p] -= 1
            hours_rest[p] -= h
    info["repair"] = 2.0
    return chosen, info


def solve(
    needs: Sequence[PlanNeed],
    partners: PlanPartners,
    edges: Edges,
    *,
    settings: PlanSettings | None = None,
    locks: Sequence[tuple[int, int]] = (),
    drops: Sequence[tuple[int, int]] = (),
    params: RiskParams | None = None,
    progress: Progress | None = None,
) -> Plan:
    """The plan for `needs`: assignments with reasons and alternates, gaps, and its outcome.

    Parameters
    ----------
    needs : sequence of PlanNeed
        The needs planned for, with their open slots.
    partners : PlanPartners
        Every partner on some edge, with load figures of shape (n_partners,).
    edges : Edges
        Candidate pairs, arrays of shape (n_edges,), one per (need, partner) at most.
    settings : PlanSettings or None, keyword-only
        Limits and weights; None: the defaults.
    locks : sequence of (need id, partner id), keyword-only
        Pairs kept whatever the rest becomes (the convener's choice; a pair not among the
        edges is added with relevance 0).
    drops : sequence of (need id, partner id), keyword-only
        Pairs never made.
    params : RiskParams or None, keyword-only
        The risk model; None: the defaults over the figures' window.
    progress : callable or None, keyword-only
        Told the stage and share done as the solve goes.

    Returns
    -------
    Plan
        Assignments, gaps (and their totals by sector, region and engagement type), the load
        of each partner asked, and the outcome against the partners' load before.
    """
    settings = settings or PlanSettings()
    say = progress or (lambda stage, done: None)
    started = time.perf_counter()
    edges, locked = _with_locks(needs, partners, edges, locks)
    need_pos = {nd.id: i for i, nd in enumerate(needs)}
    partner_pos = {int(pid): i for i, pid in enumerate(partners.ids)}
    dropped = np.zeros(edges.n, dtype=bool)
    if drops:
        pairs = {(need_pos.get(n, -1), partner_pos.get(p, -1)) for n, p in drops}
        dropped = np.array(
            [(int(a), int(b)) in pairs for a, b in zip(edges.need, edges.partner, strict=True)],
            dtype=bool,
        )
    say("room", 0.05)
    room, hours_left, level = _room(partners, edges, needs, settings, params)
    hours = np.array([nd.hours for nd in needs], dtype=np.float64)
    # A locked pair is the convener's decision: it gets the room it needs.
    locked_count = np.bincount(edges.partner[locked], minlength=partners.n)
    room = np.maximum(room, locked_count)
    locked_hours = np.bincount(
        edges.partner[locked], weights=hours[edges.need[locked]], minlength=partners.n
    )
    hours_left = np.maximum(hours_left, locked_hours)
    slots_needed = np.bincount(edges.need[locked], minlength=len(needs))
    over = [nd for nd, s in zip(needs, slots_needed, strict=True) if s > nd.open_slots]
    if over:
        raise MatchingError(
            "more partners are locked than slots are open for need "
            + ", ".join(f"{nd.id} ({nd.open_slots} open)" for nd in over)
        )
    fits_dates = np.isnan(edges.hours_left) | (edges.hours_left >= 0)
    fits_well = edges.relevance >= settings.min_relevance
    usable = locked | ((room[edges.partner] > 0) & fits_dates & ~dropped & fits_well)
    asks = partners.figures.asks.astype(np.float64)
    busiest = max(float(asks[edges.partner].max()) if edges.n else 0.0, 1.0)
    cost = -(
        settings.fill_bonus + edges.relevance - settings.spread * asks[edges.partner] / busiest
    )
    sub = _take(edges, np.flatnonzero(usable))
    sub_cost, sub_locked = cost[usable], locked[usable]
    rounds, solver_seconds = 0, 0.0
    programs = np.array([nd.program for nd in needs], dtype=object)
    chosen = np.zeros(sub.n, dtype=bool)
    fractional, repaired = 0.0, 0.0
    while True:
        rounds += 1
        say("solve", min(0.1 + 0.15 * rounds, 0.8))
        t0 = time.perf_counter()
        if sub.n:
            chosen, info = _assign(
                needs, partners.n, sub, sub_cost, room, hours_left, sub_locked, settings
            )
            fractional += info.get("fractional", 0.0)
            repaired = max(repaired, info.get("repair", 0.0))
        solver_seconds += time.perf_counter() - t0
        too_far = _pushed_too_far(partners, sub, chosen, hours, programs, settings, params)
        too_far &= locked_count == 0
        if not too_far.any() or rounds >= 20:
            break
        counts = np.bincount(sub.partner[chosen], minlength=partners.n)
        room = np.where(too_far, np.maximum(counts - 1, 0), room)
    say("explain", 0.9)
    plan = _shape(
        needs, partners, sub, chosen, sub_locked, room, hours_left, level, settings, params,
        reference=edges, dropped=dropped,
    )  # fmt: skip
    say("done", 1.0)
    return replace(
        plan,
        solver_seconds=solver_seconds,
        rounds=rounds,
        timings={
            "total": time.perf_counter() - started,
            "solver": solver_seconds,
            "fractional_edges": fractional,
            "repair": repaired,
        },
    )


def greedy(
    needs: Sequence[PlanNeed],
    partners: PlanPartners,
    edges: Edges,
    *,
    settings: PlanSettings | None = None,
    params: RiskParams | None = None,
) -> Plan:
    """The baseline: each need in turn takes its top candidates by relevance, as a recruiter
    reading each ranking alone would (partners at critical risk are not shown, so not taken;
    candidates below `settings.min_relevance` are not taken either, as in the plan).

    Parameters
    ----------
    needs, partners, edges, settings, params
        As for `solve`.

    Returns
    -------
    Plan
        The greedy's assignments, gaps and outcome, shaped as `solve` shapes a plan.
    """
    settings = settings or PlanSettings()
    level = assess(partners.figures, params=params).level
    order = np.lexsort((-edges.relevance, edges.need))
    taken = Counter[int]()
    chosen = np.zeros(edges.n, dtype=bool)
    for i in order:
        n = int(edges.need[i])
        if (
            taken[n] < needs[n].open_slots
            and level[edges.partner[i]] < RiskLevel.critical
            and edges.relevance[i] >= settings.min_relevance
        ):
            chosen[i] = True
            taken[n] += 1
    room = np.full(partners.n, settings.max_asks, dtype=np.int64)
    left = np.full(partners.n, np.inf)
    no_lock = np.zeros(edges.n, dtype=bool)
    return _shape(
        needs, partners, edges, chosen, no_lock, room, left, level,
        replace(settings, alternates=0), params, reference=edges,
        dropped=np.zeros(edges.n, dtype=bool),
    )  # fmt: skip


def _with_locks(
    needs: Sequence[PlanNeed],
    partners: PlanPartners,
    edges: Edges,
    locks: Sequence[tuple[int, int]],
) -> tuple[Edges, NDArray[np.bool_]]:
    need_pos = {nd.id: i for i, nd in enumerate(needs)}
    partner_pos = {int(pid): i for i, pid in enumerate(partners.ids)}
    missing = [f"need {n}" for n, _ in locks if n not in need_pos]
    missing += [f"partner {p}" for _, p in locks if p not in partner_pos]
    if missing:
        raise MatchingError("a lock names what is not in the plan: " + ", ".join(missing))
    wanted = {(need_pos[n], partner_pos[p]) for n, p in locks}
    pairs = list(zip(edges.need.tolist(), edges.partner.tolist(), strict=True))
    locked = np.array([pair in wanted for pair in pairs], dtype=bool)
    extra = sorted(wanted - set(pairs))
    if not extra:
        return edges, locked
    worst = int(edges.rank.max()) + 1 if edges.n else 1
    more = Edges(
        need=np.array([n for n, _ in extra], dtype=np.int64),
        partner=np.array([p for _, p in extra], dtype=np.int64),
        relevance=np.zeros(len(extra)),
        hours_left=np.full(len(extra), np.nan),
        rank=np.full(len(extra), worst, dtype=np.int64),
    )
    joined = Edges(
        *(np.concatenate([getattr(edges, f), getattr(more, f)]) for f in Edges.__dataclass_fields__)
    )
    return joined, np.concatenate([locked, np.ones(len(extra), dtype=bool)])


def _take(edges: Edges, idx: IntArray) -> Edges:
    return Edges(*(getattr(edges, f)[idx] for f in Edges.__dataclass_fields__))


def _load_after(
    partners: PlanPartners,
    edges: Edges,
    chosen: NDArray[np.bool_],
    hours: FloatArray,
    programs: NDArray[np.object_],
) -> tuple[LoadFigures, IntArray]:
    p = edges.partner[chosen]
    counts = np.bincount(p, minlength=partners.n)
    h = np.bincount(p, weights=hours[edges.need[chosen]], minlength=partners.n).astype(np.float64)
    distinct: defaultdict[int, set[str]] = defaultdict(set)
    for partner, need in zip(p.tolist(), edges.need[chosen].tolist(), strict=True):
        distinct[partner].add(str(programs[need]))
    new = np.zeros(partners.n)
    for partner, names in distinct.items():
        new[partner] = len(names)
    return _after(partners.figures, counts.astype(np.float64), h, new), counts.astype(np.int64)


def _pushed_too_far(
    partners: PlanPartners,
    edges: Edges,
    chosen: NDArray[np.bool_],
    hours: FloatArray,
    programs: NDArray[np.object_],
    settings: PlanSettings,
    params: RiskParams | None,
) -> NDArray[np.bool_]:
    after, counts = _load_after(partners, edges, chosen, hours, programs)
    level = assess(after, params=params).level
    return np.asarray((counts > 0) & (level > int(settings.max_level)))


# ----------------------------------------------------------------------------- the answer


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _asked(n: int, window: int) -> str:
    return (
        f"not asked in the last {window} days"
        if n == 0
        else (f"asked {_times(n)} in the last {window} days")
    )


def _shape(
    needs: Sequence[PlanNeed],
    partners: PlanPartners,
    edges: Edges,
    chosen: NDArray[np.bool_],
    locked: NDArray[np.bool_],
    room: IntArray,
    hours_left: FloatArray,
    level: IntArray,
    settings: PlanSettings,
    params: RiskParams | None,
    *,
    reference: Edges,
    dropped: NDArray[np.bool_],
) -> Plan:
    hours = np.array([nd.hours for nd in needs], dtype=np.float64)
    programs = np.array([nd.program for nd in needs], dtype=object)
    after, counts = _load_after(partners, edges, chosen, hours, programs)
    level_after = assess(after, params=params).level
    hours_used = np.bincount(
        edges.partner[chosen], weights=hours[edges.need[chosen]], minlength=partners.n
    )
    f = partners.figures
    window = f.window_days
    names = partners.names
    by_need: defaultdict[int, list[int]] = defaultdict(list)  # need -> edge positions, best first
    for i in np.lexsort((-edges.relevance, edges.need)).tolist():
        by_need[int(edges.need[i])].append(i)
    ref_by_need: defaultdict[int, list[int]] = defaultdict(list)
    for i in np.lexsort((-reference.relevance, reference.need)).tolist():
        ref_by_need[int(reference.need[i])].append(i)
    chosen_pairs = {(int(edges.need[i]), int(edges.partner[i])) for i in np.flatnonzero(chosen)}

    def why_not(i: int) -> str:
        """Why a better-ranked candidate of the reference edges was not chosen."""
        p = int(reference.partner[i])
        if dropped[i]:
            return "dropped by the convener"
        if level[p] > int(settings.max_level):
            return f"at {RiskLevel(int(level[p])).name} burnout risk"
        if room[p] == 0:
            return f"one more ask would take it above {settings.max_level.name} risk"
        if not (np.isnan(reference.hours_left[i]) or reference.hours_left[i] >= 0):
            return "no hours left over this need's dates"
        if counts[p] >= room[p]:
            return f"its room in this plan ({room[p]} asks) goes to needs it fits as well"
        if hours_used[p] + hours[int(reference.need[i])] > hours_left[p]:
            return "its hours left go to other needs of the plan"
        return f"{_asked(int(f.asks[p]), window)}; spreading asks"

    assignments: list[Assignment] = []
    for n, nd in enumerate(needs):
        picks = [i for i in by_need[n] if chosen[i]]
        alternates: list[Alternate] = []
        for i in by_need[n]:
            p = int(edges.partner[i])
            if chosen[i] or len(alternates) >= settings.alternates:
                continue
            if counts[p] >= room[p] or hours_used[p] + nd.hours > hours_left[p]:
                continue
            alternates.append(
                Alternate(
                    int(partners.ids[p]), names[p], round(float(edges.relevance[i]), 4),
                    f"relevance {edges.relevance[i]:.2f}; {_asked(int(f.asks[p]), window)}, "
                    + (f"{_times(int(counts[p]))} in this plan" if counts[p] else
                       "not yet in this plan"),
                )
            )  # fmt: skip
        for i in picks:
            p = int(edges.partner[i])
            reasons = [
                f"relevance {edges.relevance[i]:.2f}, #{int(edges.rank[i])} of "
                f"{len(ref_by_need[n])} candidates for this need"
            ]
            if locked[i]:
                reasons.insert(0, "locked by the convener")
            reasons.append(
                f"{_asked(int(f.asks[p]), window)}; this plan asks it {_times(int(counts[p]))}"
            )
            before, now = RiskLevel(int(level[p])).name, RiskLevel(int(level_after[p])).name
            reasons.append(
                f"risk stays {now}" if before == now else f"risk {before} -> {now} with the plan"
            )
            better = [
                j for j in ref_by_need[n]
                if reference.relevance[j] > edges.relevance[i]
                and (n, int(reference.partner[j])) not in chosen_pairs
            ]  # fmt: skip
            if better:
                j = better[0]
                reasons.append(
                    f"chosen over {names[int(reference.partner[j])]} "
                    f"(relevance {reference.relevance[j]:.2f}): {why_not(j)}"
                )
            assignments.append(
                Assignment(
                    need_id=nd.id, partner_id=int(partners.ids[p]), name=names[p],
                    relevance=round(float(edges.relevance[i]), 4), rank=int(edges.rank[i]),
                    locked=bool(locked[i]), reasons=reasons, alternates=alternates,
                )
            )  # fmt: skip
    gaps, totals = _gaps(needs, edges, chosen, reference, ref_by_need, settings.min_relevance)
    loads = [
        PartnerLoad(
            int(partners.ids[p]), names[p], int(f.asks[p]), int(counts[p]),
            RiskLevel(int(level[p])).name, RiskLevel(int(level_after[p])).name,
        )
        for p in np.flatnonzero(counts).tolist()
    ]  # fmt: skip
    outcome = _outcome(needs, partners, edges, chosen, level, level_after, counts)
    notes = []
    if outcome.slots_open == 0:
        notes.append("none of these needs has an open slot, so there is nothing to plan")
    return Plan(assignments, gaps, totals, loads, outcome, notes)


def _gaps(
    needs: Sequence[PlanNeed],
    edges: Edges,
    chosen: NDArray[np.bool_],
    reference: Edges,
    ref_by_need: dict[int, list[int]],
    floor: float,
) -> tuple[list[Gap], dict[str, dict[str, int]]]:
    filled = np.bincount(edges.need[chosen], minlength=len(needs))
    gaps: list[Gap] = []
    totals: dict[str, Counter[str]] = {
        "sector": Counter(),
        "region": Counter(),
        "engagement_type": Counter(),
    }
    for n, nd in enumerate(needs):
        missing = nd.open_slots - int(filled[n])
        if missing <= 0:
            continue
        mine = ref_by_need.get(n, [])
        candidates = len(mine)
        below = [i for i in mine if reference.relevance[i] < floor]
        if candidates == 0 and nd.weak_left_out:
            reason = (
                f"only weak fits: {nd.weak_left_out} candidate{'s' if nd.weak_left_out > 1 else ''}"
                " fit this need weakly, and the plan asks good fits only; recruit partners "
                "that fit (or allow weak fits for this plan)"
            )
        elif candidates == 0:
            reason = "no partner is a candidate for this need"
        elif below and candidates - len(below) <= int(filled[n]):
            best = max(float(reference.relevance[i]) for i in below)
            reason = (
                f"no partner fits well enough: {len(below)} other candidates fit below the "
                f"relevance floor of {floor:.2f} (the best {best:.2f}); recruit partners for "
                "this need"
            )
        elif candidates <= int(filled[n]):
            reason = (
                f"only {candidates} candidate{'s' if candidates != 1 else ''}; "
                f"{'all are' if candidates != 1 else 'it is'} in the plan"
            )
        else:
            reason = (
                f"{candidates - int(filled[n]) - len(below)} other candidates would be pushed "
                "past their capacity or risk limit, are already asked for other needs of the "
                "plan, or were dropped"
            )
            if below:
                reason += f"; {len(below)} more fit below the relevance floor of {floor:.2f}"
        gaps.append(Gap(nd.id, nd.title, missing, reason))
        for sector in nd.sectors or ("(no sector named)",):
            totals["sector"][sector] += missing
        totals["region"][nd.region or "(no region named)"] += missing
        totals["engagement_type"][nd.engagement_type] += missing
    return gaps, {k: dict(v.most_common()) for k, v in totals.items()}


def _outcome(
    needs: Sequence[PlanNeed],
    partners: PlanPartners,
    edges: Edges,
    chosen: NDArray[np.bool_],
    level: IntArray,
    level_after: IntArray,
    counts: IntArray,
) -> Effect:
    before = concentration(partners.figures.asks)
    after = concentration(partners.figures.asks + counts)
    rel = edges.relevance[chosen]
    return Effect(
        slots_open=sum(nd.open_slots for nd in needs),
        slots_filled=int(chosen.sum()),
        mean_relevance=round(float(rel.mean()), 4) if rel.size else 0.0,
        pushed_high=int(((level < RiskLevel.high) & (level_after >= RiskLevel.high)).sum()),
        partners_asked=int((counts > 0).sum()),
        max_asks_per_partner=int(counts.max()) if counts.size else 0,
        gini_before=round(before.gini, 4),
        gini_after=round(after.gini, 4),
        top20_before=round(before.top20_share, 4),
        top20_after=round(after.top20_share, 4),
        lorenz_before=before.lorenz,
        lorenz_after=after.lorenz,
    )


# ----------------------------------------------------------------------------- the re-check


def recheck(
    needs: Sequence[PlanNeed],
    partners: PlanPartners,
    pairs: Edges,
    *,
    settings: PlanSettings | None = None,
    params: RiskParams | None = None,
) -> list[str | None]:
    """Before a plan's asks are made: which of them the partners' load of now refuses.

    Each partner's asks are added in falling relevance; an ask that would take the partner
    above `settings.max_level` or past its capacity hours is refused with its reason, and the
    partner's later asks are weighed without it.

    Parameters
    ----------
    needs : sequence of PlanNeed
        The needs the asks are for.
    partners : PlanPartners
        The partners asked, with their load of now, arrays of shape (n_partners,).
    pairs : Edges
        The plan's asks, arrays of shape (n_pairs,).
    settings : PlanSettings or None, keyword-only
        The limits; None: the defaults.
    params : RiskParams or None, keyword-only
        The risk model; None: the defaults over the figures' window.

    Returns
    -------
    list of (str or None) of length n_pairs
        None for an ask that may be made, else why not.
    """
    settings = settings or PlanSettings()
    f = partners.figures
    limit = int(settings.max_level)
    level_now = assess(f, params=params).level
    busiest = np.maximum(f.hours_committed, f.hours_ahead)
    left = np.where(np.isnan(f.capacity_hours), np.inf, f.capacity_hours - busiest)
    out: list[str | None] = [None] * pairs.n
    for p in np.unique(pairs.partner).tolist():
        mine = np.flatnonzero(pairs.partner == p)
        mine = mine[np.argsort(-pairs.relevance[mine], kind="stable")]
        one = f.take(np.array([p]))
        if level_now[p] > limit:
            for i in mine.tolist():
                out[i] = f"now at {RiskLevel(int(level_now[p])).name} burnout risk"
            continue
        kept, kept_hours, programs = 0, 0.0, set[str]()
        for i in mine.tolist():
            nd = needs[int(pairs.need[i])]
            hours = kept_hours + nd.hours
            if hours > left[p]:
                out[i] = f"would take it past its capacity ({max(left[p], 0):.0f} hours left)"
                continue
            progs = programs | {nd.program}
            after = _after(
                one, np.array([kept + 1.0]), np.array([hours]), np.array([float(len(progs))])
            )
            level = int(assess(after, params=params).level[0])
            if level > limit:
                out[i] = (
                    "its load changed since the plan was solved: this ask would take it to "
                    f"{RiskLevel(level).name} risk"
                )
                continue
            kept, kept_hours, programs = kept + 1, hours, progs
    return out
