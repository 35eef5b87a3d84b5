"""The figures effects can change, by name, with their bounds.

An ally's scalar figures and its per-domain and per-sector lists are fields of
:class:`~game.engine.state.AllyState`; China's and the coalition's are fields of
:class:`~game.engine.state.ChinaState` and :class:`~game.engine.state.CoalitionState`.
This module says which of them the effect vocabulary reaches and within which bounds; the
loader's vocabulary, the working copy's changes and the doctrine's ``target.*`` variables
all read it (docs/engine.md: adding a figure).
"""

from __future__ import annotations

import math
from typing import Final

from game.engine.tuning import Tuning

# An ally's per-domain or per-sector figures: name -> what each entry is for.
ALLY_LISTS: Final = {
    "tech": "domain",
    "export_exposure": "sector",
    "import_dependence": "sector",
    "resilience": "sector",
}
SECTOR_LISTS: Final = tuple(k for k, per in ALLY_LISTS.items() if per == "sector")


def ally_bounds(tuning: Tuning) -> dict[str, tuple[float, float]]:
    """Every ally figure an effect can change, with its bounds (some set by the scenario)."""
    loss = tuning.max_output_loss
    return {
        "resolve": (0.0, 100.0),
        "alignment": (0.0, 100.0),
        "strain": (0.0, 100.0),
        "digital_exposure": (0.0, 100.0),
        "talent": (0.0, 100.0),
        "defiance": (0.0, 100.0),
        "treasury": (0.0, math.inf),
        "tech": (0.0, 100.0),
        "export_exposure": (0.0, 1.0),
        "import_dependence": (0.0, 1.0),
        "resilience": (0.0, tuning.resilience_cap),
        "scar": (-loss, loss),  # lasting output loss, percent of baseline
        "gap": (-loss, loss),  # this turn's output loss, percent of baseline
    }


# Effects name output changes the way players think of them: "gdp" and "scar" raise output
# (one-off, or lasting), so they change the figures "gap" and "scar" the other way round.
OUTPUT_ALIASES: Final = {"gdp": "gap", "scar": "scar"}
# Every name an ally-directed effect may use.
ALLY_VARS: Final = (*(k for k in ally_bounds(Tuning()) if k != "gap"), "gdp")
# An ally's scalar figures the doctrine may read as ``target.<name>``.
ALLY_SCALARS: Final = tuple(k for k in ally_bounds(Tuning()) if k not in ALLY_LISTS)

CHINA_BOUNDS: Final = {
    "capacity": (0.0, 100.0),
    "tech": (0.0, 100.0),  # per domain
    "fusion": (0.0, 100.0),
    "backlash": (0.0, 100.0),
    "escalation": (0.0, math.inf),  # capped at the ladder's top rung
}
CHINA_VARS: Final = ("tech", "fusion", "capacity", "escalation", "backlash")
COALITION_BOUNDS: Final = {"cohesion": (0.0, 100.0), "standards": (0.0, 100.0)}
COALITION_VARS: Final = tuple(COALITION_BOUNDS)
