"""The recruitment plan: limits it keeps (room, risk, asks per plan), the convener's locks and
drops, gaps summed where partners must be recruited, and the comparison with the greedy."""

from dataclasses import replace

import numpy as np
import pytest

from matching.load import LoadFigures, RiskLevel, assess
from matching.plan import Edges, PlanNeed, PlanPartners, PlanSettings, greedy, recheck, solve
from matching.types import MatchingError


def partners(n: int, **columns: object) -> PlanPartners:
    figures = LoadFigures.empty(n, window_days=90)
    defaults = {"capacity_hours_per_month": np.full(n, 40.0), "max_concurrent": np.full(n, 4.0)}
    figures = replace(figures, **{**defaults, **columns})  # type: ignore[arg-type]
    return PlanPartners(np.arange(n, dtype=np.int64) + 100, [f"P{i}" for i in range(n)], figures)


def need(i: int, slots: int = 1, hours: float = 4.0, **kw: object) -> PlanNeed:
    return PlanNeed(id=i, title=f"need {i}", open_slots=slots, hours=hours, **kw)  # type: ignore[arg-type]


def star_edges(n_needs: int, n_partners: int) -> Edges:
    """Every need ranks every partner, partner 0 best everywhere, then 1, 2, ..."""
    need_ix = np.repeat(np.arange(n_needs), n_partners)
    partner_ix = np.tile(np.arange(n_partners), n_needs)
    return Edges.build(need_ix, partner_ix, 0.9 - 0.01 * partner_ix)


def asked(plan_partner_ids: list[int], pid: int) -> int:
    return plan_partner_ids.count(pid)


def test_the_favourite_is_not_asked_beyond_the_limit_while_the_greedy_asks_it_everywhere() -> None:
    needs = [need(i, program=f"program {i}") for i in range(8)]
    pop, edges = partners(6), star_edges(8, 6)
    plan = solve(needs, pop, edges, settings=PlanSettings(max_asks=2))
    base = greedy(needs, pop, edges)
    assert plan.outcome.slots_filled == base.outcome.slots_filled == 8
    ids = [a.partner_id for a in plan.assignments]
    assert max(ids.count(p) for p in set(ids)) <= 2
    assert [a.partner_id for a in base.assignments] == [100] * 8
    assert plan.outcome.pushed_high == 0 < base.outcome.pushed_high
    assert plan.outcome.gini_after < base.outcome.gini_after


def test_no_partner_is_taken_above_elevated_by_the_plan() -> None:
    needs = [need(i, slots=3, program=f"program {i}") for i in range(10)]
    pop = partners(4)
    plan = solve(needs, pop, star_edges(10, 4), settings=PlanSettings(max_asks=10))
    after = {load.partner_id: load.level_after for load in plan.load}
    assert set(after.values()) <= {"low", "elevated"}
    assert len(plan.gaps) > 0  # four partners cannot take thirty asks without burning out
    assert sum(g.missing for g in plan.gaps) == 30 - plan.outcome.slots_filled


def test_partners_at_high_risk_are_left_out_and_named_when_passed_over() -> None:
    pop = partners(3, asks=np.array([12, 0, 0]), distinct_programs=np.array([6, 0, 0]),
                   declines=np.array([4, 0, 0]))  # fmt: skip
    assert assess(pop.figures).level[0] >= RiskLevel.high
    plan = solve([need(1)], pop, star_edges(1, 3))
    (only,) = plan.assignments
    assert only.partner_id == 101
    assert any("P0" in r and "burnout risk" in r for r in only.reasons)


def test_a_partner_is_not_pushed_past_its_capacity_hours() -> None:
    # 10 hours a month is 29.6 hours over 90 days: two asks of 12 hours fit, a third does not.
    pop = partners(2, capacity_hours_per_month=np.array([10.0, 40.0]))
    needs = [need(i, hours=12.0, program="one") for i in range(4)]
    plan = solve(needs, pop, star_edges(4, 2), settings=PlanSettings(max_asks=4, tier=0))
    counts = {load.partner_id: load.plan_asks for load in plan.load}
    assert counts[100] == 2


def test_a_candidate_without_hours_over_the_needs_dates_is_not_asked() -> None:
    edges = Edges.build([0, 0], [0, 1], [0.9, 0.5], hours_left=[-3.0, 20.0])
    plan = solve([need(1)], partners(2), edges)
    assert [a.partner_id for a in plan.assignments] == [101]
    assert "no hours left over this need's dates" in plan.assignments[0].reasons[-1]


def test_locks_and_drops_are_honoured_and_a_swap_is_a_drop_and_a_lock() -> None:
    needs = [need(1, slots=2), need(2)]
    pop, edges = partners(5), star_edges(2, 5)
    first = solve(needs, pop, edges)
    assert {(a.need_id, a.partner_id) for a in first.assignments} >= {(1, 100), (1, 101)}
    again = solve(needs, pop, edges, locks=[(1, 104)], drops=[(1, 100)])
    pairs = {(a.need_id, a.partner_id) for a in again.assignments}
    assert (1, 104) in pairs
    assert (1, 100) not in pairs
    assert next(a for a in again.assignments if a.partner_id == 104).locked
    assert any(r == "locked by the convener" for a in again.assignments for r in a.reasons)


def test_a_lock_beyond_the_open_slots_is_refused_by_name() -> None:
    with pytest.raises(MatchingError, match="need 1"):
        solve([need(1)], partners(3), star_edges(1, 3), locks=[(1, 100), (1, 101)])
    with pytest.raises(MatchingError, match="partner 999"):
        solve([need(1)], partners(3), star_edges(1, 3), locks=[(1, 999)])


def test_alternates_are_ranked_have_room_and_say_why() -> None:
    plan = solve([need(1)], partners(5), star_edges(1, 5), settings=PlanSettings(alternates=3))
    (a,) = plan.assignments
    assert [alt.partner_id for alt in a.alternates] == [101, 102, 103]
    assert all("relevance" in alt.reason for alt in a.alternates)


def test_gaps_are_summed_by_sector_region_and_engagement_type() -> None:
    needs = [
        need(1, slots=3, sectors=("health",), region="north", engagement_type="job_shadow"),
        need(2, slots=2, sectors=("health", "it"), region="south", engagement_type="mentoring"),
    ]
    edges = Edges.build([0], [0], [0.8])  # one candidate in all
    plan = solve(needs, partners(1), edges)
    assert plan.gap_totals == {
        "sector": {"health": 4, "it": 2},
        "region": {"north": 2, "south": 2},
        "engagement_type": {"job_shadow": 2, "mentoring": 2},
    }
    assert {g.need_id: g.missing for g in plan.gaps} == {1: 2, 2: 2}
    assert "no partner is a candidate" in next(g for g in plan.gaps if g.need_id == 2).reason


def test_needs_without_open_slots_explain_themselves() -> None:
    plan = solve([need(1, slots=0)], partners(2), star_edges(1, 2))
    assert plan.assignments == []
    assert "has an open slot" in plan.notes[0]


def test_spreading_prefers_the_partner_asked_least_among_equals() -> None:
    pop = partners(2, asks=np.array([3, 0]))
    edges = Edges.build([0, 0], [0, 1], [0.800, 0.795])
    plan = solve([need(1)], pop, edges)
    assert plan.assignments[0].partner_id == 101
    clear = Edges.build([0, 0], [0, 1], [0.9, 0.6])  # but never over a clearly better fit
    assert solve([need(1)], pop, clear).assignments[0].partner_id == 100


def test_on_a_skewed_population_the_plan_beats_the_greedy_where_the_issue_asks() -> None:
    rng = np.random.default_rng(7)
    n_needs, n_partners, k = 60, 400, 15
    weights = 1 / (np.arange(n_partners) + 1) ** 0.8
    chosen = [rng.choice(n_partners, k, replace=False, p=weights / weights.sum())
              for _ in range(n_needs)]  # fmt: skip
    partner_ix = np.concatenate(chosen)
    relevance = np.clip(0.9 - 0.0004 * partner_ix + rng.normal(0, 0.05, partner_ix.size), 0, 1)
    edges = Edges.build(np.repeat(np.arange(n_needs), k), partner_ix, relevance)
    needs = [need(i, slots=int(rng.integers(1, 4)), program=f"p{i % 4}") for i in range(n_needs)]
    pop = partners(n_partners, asks=rng.poisson(0.8, n_partners).astype(np.int64))
    plan, base = solve(needs, pop, edges).outcome, greedy(needs, pop, edges).outcome
    assert plan.slots_filled >= base.slots_filled
    assert plan.mean_relevance >= 0.97 * base.mean_relevance
    assert plan.pushed_high == 0
    assert plan.gini_after < base.gini_after


def test_progress_is_reported_to_the_end() -> None:
    seen: list[tuple[str, float]] = []
    solve([need(1)], partners(2), star_edges(1, 2), progress=lambda s, d: seen.append((s, d)))
    assert seen[-1] == ("done", 1.0)
    assert [d for _, d in seen] == sorted(d for _, d in seen)


def test_recheck_refuses_only_the_asks_the_load_of_now_cannot_take() -> None:
    needs = [need(i, hours=12.0, program="one") for i in range(3)]
    pairs = Edges.build([0, 1, 2], [0, 0, 1], [0.9, 0.8, 0.7])
    # Partner 0 has room for two asks of 12 hours (10 a month); partner 1 became critical.
    pop = partners(2, capacity_hours_per_month=np.array([10.0, 40.0]),
                   hours_ahead=np.array([10.0, 0.0]), asks=np.array([0, 14]),
                   distinct_programs=np.array([0, 6]), declines=np.array([0, 4]))  # fmt: skip
    out = recheck(needs, pop, pairs)
    assert out[0] is None
    assert "past its capacity" in str(out[1])
    assert "burnout risk" in str(out[2])


def random_case(seed: int, n_needs: int, n_partners: int, k: int, capacity: float) -> tuple[
    list[PlanNeed], PlanPartners, Edges
]:  # fmt: skip
    rng = np.random.default_rng(seed)
    weights = 1 / (np.arange(n_partners) + 1) ** 0.7
    picks = [rng.choice(n_partners, k, replace=False, p=weights / weights.sum())
             for _ in range(n_needs)]  # fmt: skip
    partner_ix = np.concatenate(picks)
    relevance = np.clip(rng.uniform(0.05, 0.95, partner_ix.size), 0, 1)
    hours_left = np.where(rng.random(partner_ix.size) < 0.05, -1.0, np.nan)
    edges = Edges.build(
        np.repeat(np.arange(n_needs), k), partner_ix, relevance, hours_left=hours_left
    )
    needs = [need(i, slots=int(rng.integers(1, 4)), hours=float(rng.choice([2, 6, 12, 20])),
                  program=f"p{i % 5}") for i in range(n_needs)]  # fmt: skip
    pop = partners(
        n_partners,
        asks=rng.poisson(1.0, n_partners).astype(np.int64),
        capacity_hours_per_month=np.where(
            rng.random(n_partners) < 0.8, rng.uniform(2, capacity, n_partners), np.nan
        ),
    )
    return needs, pop, edges


def pairs_of(plan: object) -> set[tuple[int, int]]:
    return {(a.need_id, a.partner_id) for a in plan.assignments}  # type: ignore[attr-defined]


@pytest.mark.parametrize("seed", range(6))
def test_the_lp_path_gives_the_integer_programs_assignment_where_hours_do_not_bind(
    seed: int,
) -> None:
    needs, pop, edges = random_case(seed, 25, 60, 8, capacity=1e6)
    lp = solve(needs, pop, edges, settings=PlanSettings(method="lp"))
    exact = solve(needs, pop, edges, settings=PlanSettings(method="milp"))
    assert lp.timings["fractional_edges"] == 0
    assert pairs_of(lp) == pairs_of(exact)
    assert lp.outcome == exact.outcome


@pytest.mark.parametrize("seed", range(4))
def test_where_hours_bind_the_lp_repair_fills_as_many_slots_almost_as_well(seed: int) -> None:
    needs, pop, edges = random_case(seed, 40, 50, 8, capacity=14.0)
    lp = solve(needs, pop, edges, settings=PlanSettings(method="lp")).outcome
    exact = solve(needs, pop, edges, settings=PlanSettings(method="milp")).outcome
    assert lp.slots_filled >= exact.slots_filled - 1
    lp_total = lp.mean_relevance * lp.slots_filled
    assert lp_total >= 0.97 * exact.mean_relevance * exact.slots_filled


@pytest.mark.parametrize("exact_edges", [20_000, 0])  # repair by integer program / greedily
def test_every_limit_holds_on_a_random_medium_case(exact_edges: int) -> None:
    needs, pop, edges = random_case(3, 300, 1500, 12, capacity=12.0)
    settings = PlanSettings(max_asks=3, exact_edges=exact_edges)
    plan = solve(needs, pop, edges, settings=settings)
    assert plan.timings["fractional_edges"] > 0  # the hours rows did bind: the repair ran
    pos = {int(pid): i for i, pid in enumerate(pop.ids)}
    edge_of = {
        (int(n), int(p)): i for i, (n, p) in enumerate(zip(edges.need, edges.partner, strict=True))
    }
    by_id = {nd.id: i for i, nd in enumerate(needs)}
    made = [(by_id[a.need_id], pos[a.partner_id]) for a in plan.assignments]
    assert len(set(made)) == len(made)
    assert all(pair in edge_of for pair in made)
    per_need = np.bincount([n for n, _ in made], minlength=len(needs))
    assert (per_need <= [nd.open_slots for nd in needs]).all()
    per_partner = np.bincount([p for _, p in made], minlength=pop.n)
    assert per_partner.max() <= settings.max_asks
    hours = np.bincount([p for _, p in made], weights=[needs[n].hours for n, _ in made],
                        minlength=pop.n)  # fmt: skip
    f = pop.figures
    left = f.capacity_hours - np.maximum(f.hours_committed, f.hours_ahead)
    assert (hours <= np.where(np.isnan(left), np.inf, left) + 1e-9).all()
    for n, p in made:
        i = edge_of[(n, p)]
        assert edges.relevance[i] >= settings.min_relevance
        assert np.isnan(edges.hours_left[i]) or edges.hours_left[i] >= 0
    assert {x.level_after for x in plan.load} <= {"low", "elevated"}
    assert plan.outcome.slots_filled == len(made)
    assert sum(g.missing for g in plan.gaps) == plan.outcome.slots_open - len(made)
    with_milp = solve(needs, pop, edges, settings=replace(settings, method="milp")).outcome
    # The exact repair fills what the integer program fills; the greedy one nearly as much.
    least = with_milp.slots_filled if exact_edges else 0.98 * with_milp.slots_filled
    assert plan.outcome.slots_filled >= least


def test_a_slot_whose_candidates_all_fit_below_the_floor_is_a_gap_not_a_misfit() -> None:
    needs = [need(1, sectors=("health",)), need(2)]
    edges = Edges.build([0, 0, 1], [0, 1, 2], [0.06, 0.04, 0.7])
    plan = solve(needs, partners(3), edges, settings=PlanSettings(min_relevance=0.1))
    assert pairs_of(plan) == {(2, 102)}
    (gap,) = plan.gaps
    assert gap.need_id == 1
    assert gap.reason.startswith("no partner fits well enough")
    assert "0.06" in gap.reason
    assert plan.gap_totals["sector"] == {"health": 1}
    assert greedy(needs, partners(3), edges).outcome.slots_filled == 1
    # Without the floor the misfit is asked; a convener's lock overrides the floor.
    unfloored = solve(needs, partners(3), edges, settings=PlanSettings(min_relevance=0.0))
    assert (1, 100) in pairs_of(unfloored)
    assert (1, 101) in pairs_of(solve(needs, partners(3), edges, locks=[(1, 101)]))


def test_a_floor_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(MatchingError, match="min_relevance"):
        PlanSettings(min_relevance=1.5)
