"""``resilience new-scenario``: a commented starter file that validates as written."""

from __future__ import annotations

from pathlib import Path

from game.atomic import write_atomically
from game.engine import GameError

TEMPLATE = '''\
# A scenario for Collective Resilience. It starts from the shipped default scenario and
# changes only what is written here: the full format is in docs/scenarios.md.
# Check it with:   resilience validate --check-balance {name}
# More games:      resilience simulate --scenario {name} --policy coordinated --games 200

extends = "collective-resilience"

[scenario]
id = "{stem}"
title = "My scenario"
briefing = """Write the situation the class starts from: who is exposed, what China wants, \\
and what the allies can do together."""
turns = 8                       # quarters
deck_chance = 0.5               # chance a random event is drawn each quarter

# The victory tiers are coalition scores (0-100), set for a number of quarters and allies:
# they do not scale. Set them again whenever you change turns or allies; `resilience
# validate --check-balance` plays quick games and suggests values.
[victory]
decisive = 81                   # at or above: a decisive win
marginal = 77                   # at or above: a marginal win (coordinated play: about half)
stalemate = 60                  # below: defeat

# Change an ally: give its id and only the keys you want to change.
[[allies]]
id = "australia"
resolve = 55                    # 0-100: domestic political will
alignment = 50                  # 0-100: how far boardrooms follow government risk guidance

# Add a scripted event (turn) or a deck event (weight).
[[events]]
id = "summit"
title = "Leaders' summit"
text = "Allied leaders meet to coordinate their response to coercion."
turn = 2
effects = [ {{ who = "coalition", var = "cohesion", amount = 4 }} ]

# Add a move of your own.
[[moves]]
id = "export-credit"
name = "Export credit for coerced firms"
line = "offensive"
description = "State export credit helps firms hit by a boycott find other buyers."
source = "US EXIM's $600m for Lithuanian exporters, 2022"
target = "sector"
pc = 1
budget = 2
effects = [ {{ who = "self", var = "resilience", amount = 0.1 }} ]

# Aim China at one ally, ahead of its other rules (uncomment; tools are listed in the parent).
# [[china.doctrine]]
# id = "single-out-australia"
# description = "Punish Canberra first whenever it defies China."
# selector = "most_defiant"
# target = "australia"          # an ally id: the rule only ever aims at this ally
# priority = 10                 # tried before rules of lower priority (default 0)
# tool = "informal-boycott"
# when = [ {{ var = "target.defiance", op = ">=", value = 10 }} ]

# Change the model's coefficients (every key, range and default: docs/scenarios.md).
# [tuning]
# pledge_absorb = 0.5           # share of a boycotted member's lost sales the pledge absorbs

# Remove things you do not want (ids from the parent scenario).
[remove]
moves = ["blanket-visa-ban"]
'''


def write_template(path: Path, force: bool = False) -> None:
    """Write the starter file atomically; refuse to overwrite unless ``force``."""
    if path.suffix != ".toml":
        raise GameError(f"{path}: a scenario file name must end in .toml")
    if path.exists() and not force:
        raise GameError(f"{path} already exists (use --force to overwrite)")
    if not path.resolve().parent.is_dir():
        raise GameError(f"cannot write {path}: folder {path.resolve().parent} does not exist")
    text = TEMPLATE.format(name=path.name, stem=path.stem)
    write_atomically(path, text.encode("utf-8"), mkdir=False)
