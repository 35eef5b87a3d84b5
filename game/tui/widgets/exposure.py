"""The exposure heat map: sectors by allies, China's unhedged leverage in each cell."""

from __future__ import annotations

from rich.table import Table
from textual.widgets import Static

import game.safe_text as safe
from game.session import Session

_SHADES = ((0.05, "grey42"), (0.15, "yellow"), (0.25, "dark_orange"), (0.4, "red"))


def shade(value: float) -> str:
    """The colour of a share at China's mercy."""
    for limit, style in _SHADES:
        if value < limit:
            return style
    return "bold bright_red"


def short_name(name: str) -> str:
    """A two- or three-letter code for an ally: initials, or the first letters of one word."""
    words = [w for w in name.replace("-", " ").split() if w[0].isupper()]
    if len(words) >= 2:
        return "".join(w[0] for w in words)[:3]
    return name[:3]


class ExposureMap(Static):
    """Each cell: the share of a sector's output sold to China, after resilience (percent).
    Reversed cells are under coercion now."""

    def show(self, session: Session) -> None:
        """Render the session's current state."""
        s = session.scenario
        table = Table(box=None, pad_edge=False, padding=(0, 0, 0, 1), header_style="bold")
        table.add_column("sector", no_wrap=True, max_width=22)
        for spec in s.allies:
            table.add_column(safe.text(short_name(spec.name)), justify="right", min_width=3)
        episodes = {(e.ally, e.sector) for e in session.state.china.episodes}
        for i, sector in enumerate(s.sectors):
            row = [safe.text(sector.name)]
            for a in session.state.allies:
                value = a.export_exposure[i] * (1.0 - a.resilience[i])
                cell = safe.text(f"{100 * value:.0f}", style=shade(value))
                if (a.id, i) in episodes:
                    cell.stylize("reverse")
                row.append(cell)
            table.add_row(*row)
        self.update(table)
