"""Charts of figures over time: inline SVG for HTML, text sparklines for Markdown."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape as _escape

from game.report.data import Chart
from game.safe_text import clean

SPARKS = "▁▂▃▄▅▆▇█"
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")


def escape(value: str) -> str:
    """Plain text made safe in SVG: HTML-escaped, control characters shown as escapes."""
    return _escape(clean(value), quote=True)


def nice_ticks(lo: float, hi: float, most: int = 6) -> list[float]:
    """Round axis ticks (steps of 1, 2 or 5 times a power of ten) that cover ``lo..hi``, at
    most ``most`` of them: 50, 60, 70, 80, 90 rather than 56.2, 73.7, 91.2."""
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    raw = (hi - lo) / max(1, most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(lo / step + 1e-9) * step
    last = math.ceil(hi / step - 1e-9) * step
    count = round((last - first) / step)
    return [round(first + k * step, 10) for k in range(count + 1)]


def tick_label(value: float, ticks: list[float]) -> str:
    """A tick as text, with the decimals its step needs (none for whole steps)."""
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    digits = max(0, -math.floor(math.log10(step) + 1e-9))
    return f"{0.0 if abs(value) < step / 1e6 else value:.{digits}f}"


def _range(chart: Chart) -> tuple[float, float]:
    ticks = nice_ticks(*_extent(chart))
    return ticks[0], ticks[-1]


def _extent(chart: Chart) -> tuple[float, float]:
    values = [v for s in chart.series for v in s.values]
    return min(values), max(values)


def sparkline(values: Sequence[float], lo: float | None = None, hi: float | None = None) -> str:
    """Values as block characters, lowest to highest (a flat line for constant values)."""
    if not values:
        return ""
    lo = min(values) if lo is None else lo
    hi = max(values) if hi is None else hi
    if hi - lo < 1e-9:
        return SPARKS[3] * len(values)
    top = len(SPARKS) - 1
    return "".join(SPARKS[round((v - lo) / (hi - lo) * top)] for v in values)


def svg_chart(chart: Chart, width: int = 640, height: int = 240) -> str:
    """An SVG line chart: one line per series, turns along the bottom, a legend."""
    left, right, top, bottom = 48, 12, 28, 30 + 16 * ((len(chart.series) + 2) // 3)
    plot_w, plot_h = width - left - right, height - top - bottom
    lo, hi = _range(chart)
    n = max(len(s.values) for s in chart.series)

    def x(i: int) -> float:
        return left + plot_w * (i / max(1, n - 1))

    def y(v: float) -> float:
        return top + plot_h * (1 - (v - lo) / (hi - lo))

    title = escape(chart.title)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{title}">',
        f"<title>{title}</title>",
        f'<text x="{left}" y="16" font-size="13" font-weight="bold">{title} '
        f'<tspan font-weight="normal" fill="#555">({escape(chart.unit)}; by turn, 0 = start)'
        "</tspan></text>",
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
        'stroke="#bbb"/>',
    ]
    ticks = nice_ticks(*_extent(chart))
    for v in ticks:
        parts.append(
            f'<text x="{left - 4}" y="{y(v) + 4:.1f}" font-size="10" text-anchor="end">'
            f"{tick_label(v, ticks)}</text>"
        )
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
            'stroke="#eee"/>'
        )
    for i in range(n):
        parts.append(
            f'<text x="{x(i):.1f}" y="{top + plot_h + 12}" font-size="10" '
            f'text-anchor="middle">{i}</text>'
        )
    for j, s in enumerate(chart.series):
        colour = PALETTE[j % len(PALETTE)]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s.values))
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}">'
            f"<title>{escape(s.name)}</title></polyline>"
        )
        lx = left + (j % 3) * (plot_w / 3)
        ly = top + plot_h + 28 + 16 * (j // 3)
        parts.append(
            f'<rect x="{lx:.1f}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{lx + 14:.1f}" y="{ly + 1}" font-size="11">{escape(s.name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
