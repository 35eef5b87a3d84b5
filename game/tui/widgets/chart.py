"""Compact terminal charts (80 columns): a column chart with round labels at its top and
bottom, and a block-character line of values over turns."""

from __future__ import annotations

from rich.text import Text

import game.safe_text as safe
from game.report.charts import SPARKS as BLOCKS
from game.report.charts import nice_ticks, sparkline, tick_label

__all__ = ["bar_chart", "sparkline"]


def bar_chart(values: list[float], height: int = 8, width_each: int = 3) -> Text:
    """A column chart, one column per turn, with the axis range on the left."""
    text = Text()
    if not values:
        return text
    ticks = nice_ticks(min(values), max(values))  # round labels at the top and bottom
    lo, hi = ticks[0], ticks[-1]
    top, bottom = tick_label(hi, ticks), tick_label(lo, ticks)
    levels = height * 8
    scaled = [round((v - lo) / (hi - lo) * levels) for v in values]
    for row in range(height, 0, -1):
        label = f"{top:>8} " if row == height else (f"{bottom:>8} " if row == 1 else " " * 9)
        text.append(safe.clean(label), style="grey62")
        for s in scaled:
            fill = s - (row - 1) * 8
            ch = "█" if fill >= 8 else (BLOCKS[fill - 1] if fill > 0 else " ")
            text.append(safe.clean(ch * (width_each - 1) + " "), style="cyan")
        text.append("\n")
    text.append(safe.clean(" " * 9))
    for i in range(len(values)):
        text.append(safe.clean(f"{i:<{width_each}d}"), style="grey62")
    text.append("  (turn)\n")
    return text
