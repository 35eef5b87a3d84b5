"""A terminal chart with axes, sized to the room it has: round ticks on the value axis (the
report's :func:`nice_ticks`), turns along the bottom, one bar per turn for a single figure,
one line per series (each with its own mark, so it reads without colour) for several, and a
legend under the plot."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text

import game.safe_text as safe
from game.report.charts import nice_ticks, tick_label

MARKS = "●■▲◆✚✖★▼"  # one per series: told apart in monochrome too
COLOURS = ("cyan", "magenta", "yellow", "green", "red", "blue", "bright_white", "bright_red")
BLOCKS = " ▁▂▃▄▅▆▇█"

Cell = tuple[str, str]  # (character, style)


def line_chart(
    series: Sequence[tuple[str, Sequence[float]]],
    width: int,
    height: int,
    turn_label: str = "turn",
) -> Text:
    """``series`` (name, values after each turn from the start) drawn in ``width`` columns
    and about ``height`` rows (plot, turn axis and legend)."""
    values = [v for _, vs in series for v in vs]
    n = max((len(vs) for _, vs in series), default=0)
    if not values or n == 0:
        return Text("no figures yet")
    legend_rows = 0 if len(series) == 1 else -(-len(series) // max(1, width // 22))
    plot_h = max(4, height - 3 - legend_rows)
    ticks = nice_ticks(min(values), max(values), most=max(2, min(7, plot_h // 2 + 1)))
    lo, hi = ticks[0], ticks[-1]
    labels = [tick_label(t, ticks) for t in ticks]
    label_w = max(len(x) for x in labels)
    plot_w = max(n, width - label_w - 2)

    def row_of(v: float) -> int:  # 0: the top row
        return round((hi - v) / (hi - lo) * (plot_h - 1))

    margin = 2  # the first and last turns' bars and labels stay whole

    def col_of(i: int) -> int:
        span = plot_w - 1 - 2 * margin
        return margin + round(i * span / max(1, n - 1)) if n > 1 else plot_w // 2

    grid: list[list[Cell]] = [[(" ", "")] * plot_w for _ in range(plot_h)]
    tick_rows = {row_of(t): label for t, label in zip(ticks, labels, strict=True)}
    for r in tick_rows:
        grid[r] = [("·", "grey42")] * plot_w
    if len(series) == 1:
        _bars(grid, series[0][1], lo, hi, plot_h, col_of, n)
    else:
        _lines(grid, series, row_of, col_of, plot_w)

    text = Text()
    for r, cells in enumerate(grid):
        label = tick_rows.get(r, "")
        text.append(f"{label:>{label_w}} {'┤' if label else '│'}", style="grey62")
        for char, style in cells:
            text.append(char, style=style)
        text.append("\n")
    text.append(" " * label_w + " └" + "─" * plot_w + "\n", style="grey62")
    text.append_text(_turn_axis(n, label_w + 2, plot_w, col_of, turn_label))
    if len(series) > 1:
        text.append_text(_legend(series, width))
    return text


def _bars(
    grid: list[list[Cell]],
    values: Sequence[float],
    lo: float,
    hi: float,
    plot_h: int,
    col_of: Callable[[int], int],
    n: int,
) -> None:
    """One column per turn, as tall as its value (eighths of a row)."""
    plot_w = len(grid[0])
    bar_w = max(1, min(4, plot_w // max(1, n) - 1))
    for i, v in enumerate(values):
        eighths = round((v - lo) / (hi - lo) * (plot_h - 1) * 8) + 4  # the tick row's middle
        centre = col_of(i)
        cols = range(max(0, centre - bar_w // 2), min(plot_w, centre - bar_w // 2 + bar_w))
        for r in range(plot_h):
            fill = eighths - (plot_h - 1 - r) * 8
            if fill <= 0:
                continue
            char = BLOCKS[min(8, fill)]
            for c in cols:
                grid[r][c] = (char, "cyan")


def _lines(
    grid: list[list[Cell]],
    series: Sequence[tuple[str, Sequence[float]]],
    row_of: Callable[[float], int],
    col_of: Callable[[int], int],
    plot_w: int,
) -> None:
    """Each series as a dotted line between its marks, one mark per turn."""
    for j, (_, vs) in enumerate(series):
        style = COLOURS[j % len(COLOURS)]
        for i in range(len(vs) - 1):
            a, b = col_of(i), col_of(i + 1)
            last = row_of(vs[i])
            for c in range(a + 1, b + 1):
                row = row_of(vs[i] + (vs[i + 1] - vs[i]) * (c - a) / (b - a))
                step = 1 if row >= last else -1  # a steep stretch: fill the rows between
                for r in range(last + step, row + step, step) if row != last else (row,):
                    grid[r][c - 1 if abs(r - last) < abs(r - row) else c] = ("∙", style)
                last = row
    for j, (_, vs) in enumerate(series):  # marks last: they stay on top of the lines
        mark, style = MARKS[j % len(MARKS)], COLOURS[j % len(COLOURS)]
        for i, v in enumerate(vs):
            grid[row_of(v)][col_of(i)] = (mark, style)


def _turn_axis(
    n: int, indent: int, plot_w: int, col_of: Callable[[int], int], turn_label: str
) -> Text:
    """Turn numbers under their columns (every k-th where they would crowd)."""
    line = [" "] * plot_w
    step = 1
    while step < n and plot_w / max(1, (n - 1) / step) < 3:
        step += 1
    for i in range(0, n, step):
        label, c = str(i), col_of(i)
        start = min(max(0, c - len(label) // 2), plot_w - len(label))
        line[start : start + len(label)] = list(label)
    caption = f"{turn_label}s; 0 = the start"
    return Text(
        " " * indent + "".join(line).rstrip() + "\n" + " " * indent + caption + "\n",
        style="grey62",
    )


def _legend(series: Sequence[tuple[str, Sequence[float]]], width: int) -> Text:
    text = Text()
    used = 0
    for j, (name, _) in enumerate(series):
        entry = f"{MARKS[j % len(MARKS)]} {safe.clean(name, newlines=False)}   "
        if used and used + len(entry) > width:
            text.append("\n")
            used = 0
        text.append(entry[:2], style=COLOURS[j % len(COLOURS)])
        text.append(entry[2:])
        used += len(entry)
    text.append("\n")
    return text
