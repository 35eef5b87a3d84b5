"""The exposure heat map: sectors by allies, China's unhedged leverage in each cell."""

from __future__ import annotations

from rich.table import Table
from textual.widgets import Static

import game.safe_text as safe
from game.engine import AllyState
from game.session import Session
from game.tui.abbrev import abbreviate

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


# What the map can show: (state field, title). Both are shares after resilience (what
# diversification and stockpiles do not cover): what China can hurt by stopping its purchases
# (export exposure) or its supplies of critical inputs (import dependence).
MODES = {
    "exports": ("export_exposure", "Sold to China, % of output (i: imports)"),
    "imports": ("import_dependence", "Inputs from China, % of needs (i: exports)"),
}
SECTOR_WIDTH = 22


def unhedged(ally: AllyState, field: str, sector: int) -> float:
    """The share of a sector's output sold to China (``export_exposure``), or of its critical
    inputs bought from China (``import_dependence``), that resilience does not cover."""
    value: float = getattr(ally, field)[sector] * (1.0 - ally.resilience[sector])
    return value


class ExposureMap(Static):
    """Each cell: the share of a sector's output sold to China (or of its critical inputs
    bought from China), after resilience (percent). Reversed cells are under coercion now."""

    mode = "exports"

    def toggle(self, session: Session) -> None:
        """Switch between export exposure and import dependence."""
        self.mode = "imports" if self.mode == "exports" else "exports"
        self.show(session)

    def show(self, session: Session) -> None:
        """Render the session's current state."""
        s = session.scenario
        field, title = MODES[self.mode]
        table = Table(
            title=safe.text(title, style="bold"),
            title_justify="left",
            box=None,
            pad_edge=False,
            padding=(0, 0, 0, 1),
            header_style="bold",
        )
        table.add_column("sector", no_wrap=True, max_width=SECTOR_WIDTH)
        for spec in s.allies:
            table.add_column(safe.text(short_name(spec.name)), justify="right", min_width=3)
        episodes = {(e.ally, e.sector) for e in session.state.china.episodes}
        for i, sector in enumerate(s.sectors):
            row = [safe.text(abbreviate(sector.name, SECTOR_WIDTH), newlines=False)]
            for a in session.state.allies:
                value = unhedged(a, field, i)
                cell = safe.text(f"{100 * value:.0f}", style=shade(value))
                if (a.id, i) in episodes:
                    cell.stylize("reverse")
                row.append(cell)
            table.add_row(*row)
        self.update(table)
