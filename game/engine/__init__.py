"""The rules engine of Collective Resilience: pure, no I/O beyond reading a scenario file,
no Textual or Rich. Everything outside the engine (the TUI, the simulator, saves, reports,
the AI policies) uses only the names exported here (an import-linter contract checks it).

A game in four calls::

    >>> from game.engine import load_scenario, new_game, legal_orders, resolve_turn
    >>> from game.scenarios import scenario_path
    >>> scenario = load_scenario(scenario_path("collective-resilience"))
    >>> state, briefing = new_game(scenario, seed=7, difficulty="normal")
    >>> state.turn, len(state.allies)
    (1, 6)
    >>> options = legal_orders(scenario, state, "japan")
    >>> first = options[0]
    >>> first.legal, first.pc >= 0
    (True, True)
    >>> state, events = resolve_turn(scenario, state, [first.order])
    >>> state.turn, any(e.cause == first.order.move for e in events)
    (2, True)

See docs/engine.md for the whole API, the state, and how to add a figure.
"""

from game.engine.adjudication import (
    INTERVENTION_KINDS,
    Intervention,
    InterventionError,
    Rulable,
    check_intervention,
    check_rulings,
    figure_names,
    figure_range,
    figure_value,
    intervene,
    order_key,
    publish,
    rulable,
    set_figure,
)
from game.engine.doctrine import (
    CONDITION_OPS,
    CONDITION_VARS,
    RAW_RULE,
    SELECTORS,
    compare,
    rule_order,
    unhedged,
)
from game.engine.errors import (
    GameError,
    IllegalOrderError,
    Problem,
    ScenarioError,
    UnknownNameError,
)
from game.engine.events import GRADES, PHASES, Delta, Event
from game.engine.figures import ALLY_VARS, CHINA_VARS, COALITION_VARS
from game.engine.forecast import CoverageForecast, coverage_forecast
from game.engine.inherit import REMOVABLE
from game.engine.legality import (
    Legality,
    OrderOption,
    check_orders,
    legal_orders,
    order_cost,
    order_options,
    order_problem,
)
from game.engine.limits import InputLimitError, read_regular_file, shape_problems
from game.engine.loader import (
    RELATIVE,
    Resolver,
    build_scenario,
    load_scenario,
    parse_injects,
    parse_scenario,
    scenario_data,
)
from game.engine.measures import target_phrase
from game.engine.orders import ORDER_KINDS, Order, new_order
from game.engine.policy import Policy, policy_rng
from game.engine.reasons import possessive
from game.engine.rng import Rng
from game.engine.scenario import (
    AllySpec,
    Briefing,
    ChinaSpec,
    Condition,
    Difficulty,
    Domain,
    Effect,
    Inject,
    Move,
    Objective,
    Rule,
    Scenario,
    ScenarioEvent,
    Sector,
    SectorProfile,
    Tool,
    Victory,
)
from game.engine.scoring import (
    TIERS,
    WIN_TIERS,
    coalition_score,
    collapse_reason,
    objective_met,
    objective_value,
    score_parts,
    tier_of,
    turns_played,
)
from game.engine.state import (
    AllyState,
    ChinaState,
    CoalitionState,
    Episode,
    GameState,
    Measure,
    Outcome,
    Pending,
    Proposal,
    Signal,
)
from game.engine.toml_lines import line_of
from game.engine.tomlreader import did_you_mean, record_keys
from game.engine.tuning import Tuning, tuning_keys
from game.engine.turn import new_game, resolve_turn
from game.engine.view import TeamView, team_view

__all__ = [
    "ALLY_VARS", "CHINA_VARS", "COALITION_VARS", "CONDITION_OPS", "CONDITION_VARS", "GRADES",
    "ORDER_KINDS", "PHASES", "RAW_RULE", "RELATIVE", "REMOVABLE", "SELECTORS", "TIERS", "WIN_TIERS",
    "AllySpec", "AllyState", "Briefing", "ChinaSpec", "ChinaState", "CoalitionState",
    "Condition", "CoverageForecast", "Delta", "Difficulty", "Domain", "Effect", "Episode",
    "Event", "GameError", "GameState", "IllegalOrderError", "InputLimitError", "Legality",
    "Measure", "Move", "Objective", "Order", "OrderOption", "Outcome", "Pending", "Policy",
    "Problem", "Proposal", "Resolver", "Rng", "Rule", "Scenario", "ScenarioError",
    "ScenarioEvent", "Sector", "SectorProfile", "Signal", "TeamView", "Tool", "Tuning",
    "UnknownNameError", "Victory", "build_scenario", "check_orders", "coalition_score",
    "collapse_reason", "compare", "coverage_forecast", "did_you_mean", "legal_orders",
    "line_of", "load_scenario", "new_game", "new_order", "objective_met", "objective_value",
    "order_cost", "order_options", "order_problem", "parse_scenario", "policy_rng", "possessive",
    "read_regular_file", "record_keys", "resolve_turn", "rule_order", "scenario_data",
    "score_parts",
    "shape_problems",
    "target_phrase", "team_view", "tier_of", "tuning_keys", "turns_played", "unhedged",
]  # fmt: skip
__all__ += [  # the facilitator's interventions and injects (docs/engine.md)
    "INTERVENTION_KINDS", "Inject", "Intervention", "InterventionError", "Rulable",
    "check_intervention", "check_rulings", "figure_names", "figure_range", "figure_value",
    "intervene", "order_key", "parse_injects", "publish", "rulable", "set_figure",
]  # fmt: skip
