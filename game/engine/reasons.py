"""China's reasons in plain sentences: ``South Korea's resolve is 51.6, below 52``.

The doctrine's conditions compare a figure with a threshold. Written as the rule reads
(``target.resolve 52 < 52``) a rounded figure can seem to contradict its own comparison; here
each figure is given with just enough decimals for the comparison to read true as written,
and the same figure is given the same way wherever it appears in one decision.
"""

from __future__ import annotations

from typing import Final

from game.engine.ops import OPS

OP_WORDS: Final = {
    "<": "below",
    "<=": "at most",
    ">": "above",
    ">=": "at least",
    "==": "exactly",
    "!=": "other than",
}

# What each condition variable is called in a sentence (``target.`` variables are an ally's).
VAR_WORDS: Final = {
    "turn": "the turn",
    "escalation": "China's escalation",
    "backlash": "China's backlash",
    "capacity": "China's capacity",
    "cohesion": "coalition cohesion",
    "pledge_size": "the number of allies in the pledge",
    "controls_in_force": "the number of export controls in force",
    "accommodated": "the number of allies accommodating China",
    "fusion": "civil-military fusion",
    "target.resolve": "resolve",
    "target.alignment": "business alignment",
    "target.strain": "strain",
    "target.digital_exposure": "digital exposure",
    "target.talent": "talent",
    "target.defiance": "defiance",
    "target.treasury": "budget",
    "target.scar": "lasting output loss",
    "target.export_exposure": "largest unhedged export share",
    "target.import_dependence": "largest unhedged import dependence",
    "target.in_pledge": "pledge membership (1 in, 0 out)",
    "target.controls": "number of export controls",
    "target.accommodated": "accommodation (1 yes, 0 no)",
    "target.coerced": "number of coercion episodes under way",
}

# How a selector's choice reads: the quality sought, and the figure shown for each ally
# (its label, and how it follows from the selector's score).
SELECTOR_WORDS: Final = {
    "most_defiant": ("the most defiance", "defiance", 1.0, 0.0),
    "most_exposed": ("the most output at stake in sales to China", "% of output at stake", 1, 0),
    "most_dependent": (
        "the most output hanging on Chinese inputs",
        "% of output at stake",
        1,
        0,
    ),
    "weakest_resolve": ("the weakest resolve", "resolve", -1.0, 100.0),
    "coalition_leader": ("the strongest claim to lead the coalition", "leadership", 1.0, 0.0),
    "most_digital_exposed": ("the most untrusted digital kit", "digital exposure", 1.0, 0.0),
    "least_aligned": ("the least business alignment", "alignment", -1.0, 100.0),
    "pledge_outsider": (
        "the most output at stake outside the pledge",
        "% of output at stake",
        1.0,
        0.0,
    ),
    "highest_tech": ("the highest technology level", "technology", 1.0, 0.0),
}


def var_words(var: str) -> str:
    """A condition variable as words (its name with spaces if it has none of its own)."""
    return VAR_WORDS.get(var, var.removeprefix("target.").replace("_", " "))


def possessive(name: str) -> str:
    """``Japan's``, ``United States'`` (a name ending in s takes the apostrophe alone)."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


_NOISE: Final = 1e-9  # float noise: 54.99999999999 is 55
MOST_DECIMALS: Final = 4  # the most decimals a figure is given to keep its comparison true


def _decimals(x: float) -> int:
    """Whole numbers (counts) none, one decimal from 1, two below."""
    if abs(x - round(x)) < _NOISE:
        return 0
    return 1 if abs(x) >= 1 else 2


def figure_pair(value: float, op: str, threshold: float) -> tuple[str, str]:
    """``value`` and ``threshold`` as text, with the fewest decimals that keep ``value op
    threshold`` reading as it holds (or fails): 51.6 and 52, never 52 < 52."""
    holds = OPS[op](value, threshold)
    digits = _decimals(value)
    for d in range(digits, MOST_DECIMALS + 1):
        v, t = round(value, d), round(threshold, d)
        if OPS[op](v, t) == holds and (v != t or value == threshold):
            digits = d
            break
    else:
        digits = MOST_DECIMALS
    return f"{value:.{digits}f}", _trim(f"{threshold:.{digits}f}")


def _trim(number: str) -> str:
    """``52.0`` as ``52``: a threshold is shown as authored."""
    return number.rstrip("0").rstrip(".") if "." in number else number


def figure(value: float) -> str:
    """One figure alone, as in the sentences: none for whole numbers, one decimal from 1, two
    below."""
    return f"{value:.{_decimals(value)}f}"


def met(var: str, value: float, op: str, threshold: float, ally: str | None = None) -> str:
    """A condition that holds: ``South Korea's resolve is 51.6, below 52``."""
    v, t = figure_pair(value, op, threshold)
    subject = f"{possessive(ally)} {var_words(var)}" if ally else var_words(var).capitalize()
    return f"{subject} is {v}, {OP_WORDS[op]} {t}"


def unmet(var: str, value: float, op: str, threshold: float, ally: str | None = None) -> str:
    """A condition that fails: ``the number of export controls in force is 0, not at least 2``."""
    v, t = figure_pair(value, op, threshold)
    subject = f"{possessive(ally)} {var_words(var)}" if ally else var_words(var)
    return f"{subject} is {v}, not {OP_WORDS[op]} {t}"


def repeated(rule_id: str, turn_label: str) -> str:
    """Why a rule passed over an ally: China does not repeat itself."""
    return f"{rule_name(rule_id)} was aimed at it last {turn_label}"


def pre_empted(ally: str) -> str:
    """Why a signalled action did not happen: its target no longer qualified."""
    return (
        f"China had signalled it against {ally}, but {ally} no longer qualified "
        "(the signal was pre-empted)"
    )


def sparing() -> str:
    """Why a rule passed over an ally in its respite."""
    return "China spares it after its concession"


def respite(ally: str, turns: int, turn_label: str) -> str:
    """Why China spares an ally after it conceded."""
    plural = "s" if turns != 1 else ""
    return f"China spares {ally} for {turns} {turn_label}{plural} after its concession"


def rule_name(rule_id: str) -> str:
    """A rule id as a name: ``make-an-example`` is ``Make an example``."""
    return rule_id.replace("-", " ").replace("_", " ").capitalize()


def selector_figure(selector: str, score: float, shown: dict[str, str] | None = None) -> str:
    """The figure a selector chose by, for one ally: ``resolve 51.6`` (as ``shown`` gives it
    if a condition's sentence already gave the same figure: the same value reads the same)."""
    _, label, sign, offset = SELECTOR_WORDS.get(selector, ("", "score", 1.0, 0.0))
    value = round(offset + sign * score, 9)
    text = (shown or {}).get(label) or figure(value)
    if label.startswith("%"):
        return f"{text}{label}"
    return f"{label} {text}"


def shown_figure(var: str, value: float, op: str, threshold: float) -> tuple[str, str]:
    """(the words for ``var``, ``value`` as the condition's sentence shows it)."""
    return var_words(var), figure_pair(value, op, threshold)[0]


def chosen(selector: str, ally: str, score: float, shown: dict[str, str] | None = None) -> str:
    """``South Korea was chosen as the ally with the weakest resolve (resolve 51.6)``."""
    quality = SELECTOR_WORDS.get(selector, (selector.replace("_", " "),))[0]
    figure_text = selector_figure(selector, score, shown)
    return f"{ally} was chosen as the ally with {quality} ({figure_text})"


def signed(value: float, digits: int = 1) -> str:
    """A change with its sign, ``+0.5`` or ``-1.2``; one that rounds to zero is ``0.0``
    (never ``-0.0``)."""
    rounded = round(value, digits)
    if rounded == 0:
        return f"{0.0:.{digits}f}"
    return f"{rounded:+.{digits}f}"
