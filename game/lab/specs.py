"""Policy specs: the strings that name a strategy on the command line and in worker tasks.

- ``coordinated``: a policy registered in :data:`game.ai.policies.POLICIES`;
- ``path/to/file.py:function`` or ``package.module:function``: your own policy;
- any of these followed by modifiers (restricted play, see :mod:`game.lab.restricted`):
  ``coordinated+forbid=blanket-visa-ban``, ``coordinated+spam=targeted-visa-screening``,
  ``coordinated+first=solidarity-pledge``, ``coordinated+only=defensive``,
  ``coordinated+instead=worker-transition:public-communication``,
  ``coordinated+ignore=signals``.

Workers receive spec strings, never functions, and resolve them themselves (cached), so a
process pool or a Dask cluster needs nothing pickled but text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from game.ai.policies import POLICIES
from game.engine import GameError, Policy, Scenario, did_you_mean
from game.lab.restricted import IGNORABLE, MODIFIERS, Restricted
from game.lab.userpolicy import is_user_spec, load_user_policy, normalise

_MODIFIER = re.compile(r"\+(" + "|".join(MODIFIERS) + r")=([^+=]+)$")
LINES = ("defensive", "offensive")


def split_modifiers(spec: str) -> tuple[str, list[tuple[str, str]]]:
    """The base spec and its modifiers, in the order written."""
    mods: list[tuple[str, str]] = []
    while (m := _MODIFIER.search(spec)) is not None:
        mods.insert(0, (m.group(1), m.group(2)))
        spec = spec[: m.start()]
    return spec, mods


def _base(spec: str) -> Policy:
    if is_user_spec(spec):
        return load_user_policy(spec)  # type: ignore[return-value]
    if spec not in POLICIES:
        raise GameError(
            f"unknown policy '{spec}'{did_you_mean(spec, POLICIES)}; choose from "
            f"{', '.join(POLICIES)}, or give FILE.py:FUNCTION or package.module:FUNCTION"
        )
    return POLICIES[spec]


@lru_cache(maxsize=512)
def resolve(spec: str) -> Policy:
    """The policy a spec names (loaded once per process)."""
    base, mods = split_modifiers(spec)
    if "+" in base and not is_user_spec(base):
        bad = base.split("+", 1)[1]
        raise GameError(
            f"policy '{spec}': unknown modifier '+{bad}'; use "
            + ", ".join(f"+{k}=..." for k in MODIFIERS)
        )
    policy = _base(base)
    if not mods:
        return policy
    forbid = frozenset(v for k, v in mods if k == "forbid")
    spam = next((v for k, v in mods if k == "spam"), None)
    first = next((v for k, v in mods if k == "first"), None)
    only = next((v for k, v in mods if k == "only"), None)
    if only is not None and only not in LINES:
        raise GameError(f"policy '{spec}': +only= takes {' or '.join(LINES)}, not '{only}'")
    instead = []
    for k, v in mods:
        if k == "instead":
            old, colon, new = v.partition(":")
            if not colon or not old or not new:
                raise GameError(f"policy '{spec}': write +instead=OLD:NEW (two move ids)")
            instead.append((old, new))
    ignore = [v for k, v in mods if k == "ignore"]
    for v in ignore:
        if v not in IGNORABLE:
            raise GameError(f"policy '{spec}': +ignore= takes {' or '.join(IGNORABLE)}, not '{v}'")
    return Restricted(policy, forbid, spam, first, only, tuple(instead), bool(ignore))


def check(spec: str, scenario: Scenario | None = None) -> str:
    """Check a spec now (in the main process), with its moves against the scenario; return it
    with any file path made absolute."""
    spec = spec.strip()
    base, mods = split_modifiers(spec)
    if is_user_spec(base):
        base = normalise(base)
    spec = base + "".join(f"+{k}={v}" for k, v in mods)
    resolve(spec)
    if scenario is not None:
        ids = [m.id for m in scenario.moves]
        for k, v in mods:
            if k in ("only", "ignore"):
                continue
            for move in v.split(":") if k == "instead" else [v]:
                if move not in ids:
                    raise GameError(
                        f"policy '{spec}': the scenario has no move '{move}'"
                        f"{did_you_mean(move, ids)}"
                    )
    return spec


def label(spec: str) -> str:
    """A short name for tables: a file policy by its file name and function."""
    base, mods = split_modifiers(spec)
    if is_user_spec(base):
        where, _, function = base.rpartition(":")
        base = f"{where.replace(chr(92), '/').rsplit('/', 1)[-1]}:{function}"
    return base + "".join(f"+{k}={v}" for k, v in mods)
