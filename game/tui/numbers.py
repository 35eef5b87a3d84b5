"""Figures as players read them: no negative zero (``-0.00`` is ``0.00``)."""

from __future__ import annotations


def num(value: float, digits: int = 2, signed: bool = False) -> str:
    """``value`` with ``digits`` decimals (``+`` before positives when ``signed``); a value
    that rounds to zero is written without a sign: ``0.00``, never ``-0.00`` or ``+0.00``."""
    rounded = round(value, digits)
    if rounded == 0:
        return f"{0.0:.{digits}f}"
    return f"{rounded:+.{digits}f}" if signed else f"{rounded:.{digits}f}"
