"""The comparison operators of scenario conditions (doctrine rules, objectives)."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Final

OPS: Final[dict[str, Callable[[float, float], bool]]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
