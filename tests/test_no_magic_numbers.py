"""Every number that shapes a game is scenario data: the engine's code holds no coefficient.

The scan reads every numeric literal in ``game/engine/*.py``. Besides 0, 1, -1 and 100 (and
their float forms), a number is allowed only where the allow-list below says why; a new
coefficient belongs in the scenario (``[tuning]``, or the catalogue of moves and tools).
"""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "game" / "engine"
FREE = {0, 1, 100}  # -1 is the literal 1 negated

# (file, value) -> why the number is not a coefficient of the model
ALLOWED: dict[tuple[str, float], str] = {
    ("adjudication.py", 200): "a facilitator's reason is one line of at most 200 characters",
    ("adjudication.py", 8): "at most eight figure names are suggested for an unknown one",
    ("coercion.py", 4): "at most four rules not fired are listed in a coercion's explanation",
    ("doctrine.py", 3): "at most three candidates passed over are listed in a decision",
    ("legality.py", 1e-9): "float tolerance: a cost within it of the treasury is affordable",
    ("moves.py", 2): "a cooldown entry is (ally, move, target, turn): field 2 is the target",
    ("turn.py", 6): "at most six rules not fired are listed when China holds back",
    ("work.py", 2): "ALL_INDICES = -2, the index meaning every domain or sector",
    ("scoring.py", 0.5): "the tech part is centred: an unchanged lead scores one half",
    ("scoring.py", 2): "scores are recorded to two decimals",
    ("scoring.py", 4): "score parts are recorded to four decimals",
    ("rng.py", 64): "SplitMix64: a 64-bit generator",
    ("rng.py", 53): "SplitMix64: a float from the top 53 bits",
    ("rng.py", 11): "SplitMix64: 64 - 53 bits shifted out",
    ("rng.py", 30): "SplitMix64 mixing shift",
    ("rng.py", 27): "SplitMix64 mixing shift",
    ("rng.py", 31): "SplitMix64 mixing shift",
    ("rng.py", 0x9E3779B97F4A7C15): "SplitMix64 increment (the golden ratio)",
    ("rng.py", 0xBF58476D1CE4E5B9): "SplitMix64 multiplier",
    ("rng.py", 0x94D049BB133111EB): "SplitMix64 multiplier",
    ("rng.py", 0x5DEECE66D): "salt that derives the AI governments' own generators",
    ("suggest.py", 0.6): "did-you-mean: how close a name must be to be suggested",
    ("suggest.py", 12): "did-you-mean: lists of at most twelve ids are printed in full",
    ("suggest.py", 3): "did-you-mean: ids shorter than three letters are not matched by part",
    ("reasons.py", 1e-9): "float noise: a figure within it of a whole number is shown whole",
    ("reasons.py", 9): "a selector's figure is rounded to 9 decimals to drop float noise",
    ("reasons.py", 2): "figures below 1 are shown with two decimals in China's reasons",
    ("reasons.py", 4): "at most four decimals keep a rounded comparison true as written",
    ("toml_lines.py", 2): "TOML syntax: the two brackets of an array-of-tables header",
}
# Files that are tables of data rather than rules.
ALLOWED_FILES = {
    "tuning.py": "the [tuning] table itself: each key's default, range and meaning, "
    "documented in docs/scenarios.md and overridable by any scenario",
    "limits.py": "the limits on what a file may hold (sizes, depth, entries, chain length), "
    "documented in docs/scenarios.md and docs/saves.md: input checks, not rules of the model",
    "loader.py": "the scenario format: each key's valid range, and the documented default "
    "of a key a file may omit (docs/scenarios.md)",
}


def _numbers(path: Path) -> list[tuple[float, int]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        number = isinstance(node, ast.Constant) and type(node.value) in (int, float)
        if number and node.value not in FREE:
            out.append((node.value, node.lineno))
    return out


def test_the_engine_holds_no_coefficient_outside_the_scenario() -> None:
    stray = []
    for path in sorted(ENGINE.glob("*.py")):
        if path.name in ALLOWED_FILES:
            continue
        for value, line in _numbers(path):
            if (path.name, value) not in ALLOWED:
                stray.append(f"game/engine/{path.name}:{line}: {value!r}")
    assert not stray, "numbers in the engine that belong in the scenario:\n" + "\n".join(stray)


def test_every_allowed_number_is_still_there() -> None:
    present = {(p.name, v) for p in ENGINE.glob("*.py") for v, _ in _numbers(p)}
    assert set(ALLOWED) <= present, f"stale allow-list entries: {set(ALLOWED) - present}"


def test_the_scan_finds_a_coefficient(tmp_path: Path) -> None:
    sample = tmp_path / "world.py"
    sample.write_text("def drift(x):\n    return 0.04 * x\n")
    assert _numbers(sample) == [(0.04, 2)]
