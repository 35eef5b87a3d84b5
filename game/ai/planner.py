"""The planner: a search policy that tries candidate orders in simulated futures.

For one government and one turn the planner

1. asks a cheap default policy (``coordinated``) for its orders: the *base* plan;
2. builds candidates around it: the base plan itself, the base plan without each of its
   orders, and, for every move the government may legally order now (on the target that
   matters most to it), that order first and then as much of the base plan as still fits;
3. scores each candidate by *rollouts*: the turn is resolved with the candidate and the other
   governments' default orders, then every government plays the default policy for
   ``horizon`` more turns (0: to the end of the game); a rollout is worth the final coalition
   score, or the coalition score where it stopped;
4. spends its ``budget`` of rollouts by successive halving: every candidate is tried, the
   better half is kept and tried again, and so on; all candidates are compared on the same
   simulated futures (common random numbers), and the base plan wins ties.

China's choices and the deck's events are drawn from the generator in the game state; a
rollout runs on a copy of the state whose generator is re-seeded from the planner's own
``rng``, so the planner never reads China's actual coming rolls, and the game's own generator
is never advanced (states are immutable; rollouts make new ones). The same state and ``rng``
always give the same orders.

It reads only what any government sees and uses only the public engine API, so it plays any
valid scenario: its candidates come from ``Legality.legal_candidates`` and its judgement from
the scenario's own scoring.
"""

from __future__ import annotations

import math

import attrs

from game.ai.plan import Plan
from game.engine import (
    GameState,
    Order,
    Policy,
    Rng,
    Scenario,
    coalition_score,
    policy_rng,
    resolve_turn,
)

# The default budget: rollouts per decision, and turns per rollout (0: to the game's end).
# Rollouts play to the end because `coordinated` times orders whose value lands late
# (research in its last call, cohesion mended at the end): a 3-turn rollout cannot see that
# value and scored below `coordinated` itself (docs/ai.md). Measured in docs/ai.md: a 12-turn
# game of the default scenario with six planner allies takes about 13 s of one core.
DEFAULT_BUDGET = 24
DEFAULT_HORIZON = 0


class Planner:
    """A :class:`~game.engine.Policy` that searches: see the module docstring.

    ``default`` is the cheap policy that gives the base plan and plays the rollouts;
    ``budget`` the rollouts spent on one decision (at most ``budget // 2`` candidates are
    tried, at least two);
    ``horizon`` the turns each rollout plays before it is scored (0: to the game's end).
    """

    def __init__(
        self, default: Policy, budget: int = DEFAULT_BUDGET, horizon: int = DEFAULT_HORIZON
    ) -> None:
        if budget < 1 or horizon < 0:
            raise ValueError("a planner needs a budget of at least 1 and a horizon of 0 or more")
        self.default = default
        self.budget = budget
        self.horizon = horizon

    def __repr__(self) -> str:
        return f"Planner(budget={self.budget}, horizon={self.horizon})"

    def __call__(self, scenario: Scenario, state: GameState, ally_id: str, rng: Rng) -> list[Order]:
        if state.outcome is not None:
            return []
        base = self.default(scenario, state, ally_id, policy_rng(scenario, state, ally_id))
        candidates = _candidates(scenario, state, ally_id, base)
        # More candidates than half the budget: keep the base plan and a random sample.
        room = max(2, self.budget // 2)
        if len(candidates) > room:
            rest = candidates[1:]
            picked = sorted(_sample(len(rest), room - 1, rng))
            candidates = [base] + [rest[k] for k in picked]
        others = {
            a.id: self.default(scenario, state, a.id, policy_rng(scenario, state, a.id))
            for a in scenario.allies
            if a.id != ally_id
        }
        seeds: list[int] = []
        totals = [0.0] * len(candidates)
        tried = [0] * len(candidates)
        alive = list(range(len(candidates)))
        rounds = max(1, math.ceil(math.log2(len(candidates))))
        for _ in range(rounds):
            each = max(1, self.budget // (rounds * len(alive)))
            for c in alive:
                orders = [
                    o
                    for a in scenario.allies
                    for o in (candidates[c] if a.id == ally_id else others[a.id])
                ]
                for k in range(tried[c], tried[c] + each):
                    while len(seeds) <= k:
                        seeds.append(rng.next_u64())
                    totals[c] += self._rollout(scenario, state, orders, seeds[k])
                tried[c] += each

            def rank(c: int) -> tuple[float, bool, int]:
                return (-totals[c] / tried[c], c != 0, c)

            alive = sorted(alive, key=rank)[: max(1, len(alive) // 2)]
            if len(alive) == 1:
                break
        return candidates[alive[0]]

    def _rollout(
        self, scenario: Scenario, state: GameState, orders: list[Order], seed: int
    ) -> float:
        """The coalition score of one simulated future after ``orders`` this turn."""
        s, _ = resolve_turn(scenario, attrs.evolve(state, rng=seed), orders, explain=False)
        played = 1
        while s.outcome is None and (self.horizon == 0 or played < self.horizon):
            turn: list[Order] = []
            for a in scenario.allies:
                turn.extend(self.default(scenario, s, a.id, policy_rng(scenario, s, a.id)))
            s, _ = resolve_turn(scenario, s, turn, explain=False)
            played += 1
        if s.outcome is not None:
            return s.outcome.score
        return coalition_score(scenario, s)[0]


def _sample(n: int, k: int, rng: Rng) -> list[int]:
    """``k`` distinct indices below ``n``, drawn from ``rng`` (a partial Fisher-Yates shuffle)."""
    pool = list(range(n))
    for j in range(k):
        swap = j + rng.below(n - j)
        pool[j], pool[swap] = pool[swap], pool[j]
    return pool[:k]


def _candidates(
    scenario: Scenario, state: GameState, ally_id: str, base: list[Order]
) -> list[list[Order]]:
    """The plans worth trying, the base plan first, each once (as a set of orders)."""
    out = [base]
    seen = {frozenset(base)}

    def keep(orders: list[Order]) -> None:
        key = frozenset(orders)
        if key not in seen:
            seen.add(key)
            out.append(orders)

    for j in range(len(base)):
        keep(base[:j] + base[j + 1 :])
    plan = Plan(scenario, state, ally_id)
    for move, target, kind, proposal in _options(scenario, state, ally_id, plan):
        forced = Plan(scenario, state, ally_id)
        forced.add(move, target, kind, proposal)
        for o in base:
            forced.add(o.move, o.target, o.kind, o.proposal)
        keep(forced.orders)
    return out


def _options(
    scenario: Scenario, state: GameState, ally_id: str, plan: Plan
) -> list[tuple[str, str | None, str, str | None]]:
    """One legal order per move and kind (joining each open proposal apart): the target
    that matters most to this government among the legal ones."""
    rank = _target_rank(scenario, state, ally_id)
    best: dict[tuple[str, str], tuple[float, tuple[str, str | None, str, str | None]]] = {}
    joins = []
    for option in plan.legality.legal_candidates():
        move, target, kind, _ = option
        if kind == "join":
            joins.append(option)
            continue
        where = scenario.move(move).target
        score = rank[where].get(target, 0.0) if where in rank else 0.0
        key = (move, kind)
        if key not in best or score > best[key][0]:
            best[key] = (score, option)
    return joins + [option for _, option in best.values()]


def _target_rank(
    scenario: Scenario, state: GameState, ally_id: str
) -> dict[str, dict[str | None, float]]:
    """How much each sector and domain matters to a government: a sector by the share of its
    output at China's mercy (more if China has signalled an action there), a domain by its
    share of world supply."""
    i = scenario.ally_index(ally_id)
    spec = scenario.allies[i]
    a = state.allies[i]
    sectors: dict[str | None, float] = {}
    for k, (p, sec) in enumerate(zip(spec.sectors, scenario.sectors, strict=True)):
        exposure = a.export_exposure[k] + a.import_dependence[k]
        sectors[sec.id] = p.weight * exposure * (1 - a.resilience[k])
    for signal in state.signals:
        if signal.ally == ally_id and signal.sector in sectors:
            sectors[signal.sector] += 1.0
    domains: dict[str | None, float] = {
        d.id: share for share, d in zip(spec.supply_share, scenario.domains, strict=True)
    }
    return {"sector": sectors, "domain": domains}
