"""The terminal chart with axes (charts screen from 120 columns): it fits the room it is
given, its value axis has round ticks, every turn is labelled or evenly skipped, and each
ally has its own mark so the chart reads without colour."""

from __future__ import annotations

import re

from game.tui.widgets.line_chart import MARKS, line_chart


def test_a_chart_fits_its_room_with_round_ticks_and_a_legend() -> None:
    series = [
        ("United States", [70.0, 68.2, 35.5, 36.1, 30.0, 40.4]),
        ("Japan", [60.0, 62.3, 64.9, 66.0, 70.7, 50.2]),
        ("Canada", [56.2, 73.7, 91.2, 88.0, 60.0, 58.0]),
    ]
    for width, height in ((84, 30), (150, 50)):
        lines = line_chart(series, width, height, "quarter").plain.splitlines()
        assert max(len(x) for x in lines) <= width and len(lines) <= height
        ticks = [m.group(1) for x in lines if (m := re.match(r"\s*(-?[\d.]+) ┤", x))]
        assert ticks and all(re.fullmatch(r"-?\d+", t) for t in ticks), ticks  # 30, 40, ...
        steps = {int(b) - int(a) for a, b in zip(ticks[1:], ticks, strict=False)}
        assert len(steps) == 1 and steps.pop() in (5, 10, 20)
        axis = next(x for x in lines if "└" in x)
        numbers = lines[lines.index(axis) + 1].split()
        assert numbers == [str(i) for i in range(6)]
        legend = " ".join(lines[-2:])
        for mark, (name, _) in zip(MARKS, series, strict=False):
            assert f"{mark} {name}" in legend
            assert sum(x.count(mark) for x in lines[: lines.index(axis)]) >= 1


def test_one_figure_is_drawn_as_columns() -> None:
    text = line_chart([("cohesion", [70.0, 66.0, 61.0, 45.0])], 60, 16, "quarter").plain
    assert "█" in text and "quarters; 0 = the start" in text and "●" not in text
