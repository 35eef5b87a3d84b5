"""The allies table: key figures of every government, with trends since last turn."""

from __future__ import annotations

from textual.widgets import DataTable

import game.safe_text as safe
from game.engine import AllyState
from game.session import Session
from game.tui.abbrev import abbreviate

NAME_WIDTH = 14  # the longest shipped name (European Union): longer authored ones shortened


def _trend(now: float, before: float | None, good_up: bool = True, eps: float = 0.5) -> str:
    if before is None or abs(now - before) < eps:
        return " "
    up = now > before
    return "▲" if up else "▼"


def _style(now: float, before: float | None, good_up: bool) -> str:
    if before is None or abs(now - before) < 0.5:
        return ""
    return "green" if (now > before) == good_up else "red"


class AlliesTable(DataTable):
    """One row per ally: output against baseline, resolve, alignment, strain, digital exposure."""

    COLUMNS = ("ally", "output", "resolve", "align", "strain", "digital", "status")
    # no cell padding (the spaces are in the cells): every column fits at 80 columns
    LABELS = ("   ally", "  output", "  res", "  aln", "  str", "  dig", "  ")
    # from 120 columns the figures are named in full (resolve, business alignment, ...)
    WIDE_LABELS = ("   ally", "  output", " resolve", " business", " strain", " digital", "  ")
    WIDE = 120
    labels: tuple[str, ...] = ()

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.cell_padding = 0

    def show(self, session: Session) -> None:
        """Render the session's current state."""
        labels = self.WIDE_LABELS if self.app.size.width >= self.WIDE else self.LABELS
        if labels != self.labels:
            self.clear(columns=True)
            for col, label in zip(self.COLUMNS, labels, strict=True):
                self.add_column(label, key=col)
            self.labels = labels
        self.clear()
        states = session.states()
        previous = states[-2] if len(states) > 1 else None
        for spec, a in zip(session.scenario.allies, session.state.allies, strict=True):
            before: AllyState | None = previous.ally(a.id) if previous else None
            star = " ★ " if a.id in session.humans else "   "
            name = safe.text(star + abbreviate(safe.clean(spec.name, newlines=False), NAME_WIDTH))
            gap = 100.0 * (a.output / a.baseline - 1.0)
            cells = [name, safe.text(f" {gap:+.2f}%", style="red" if gap < -0.3 else "")]
            for k, (var, good_up) in enumerate(
                (
                    ("resolve", True),
                    ("alignment", True),
                    ("strain", False),
                    ("digital_exposure", False),
                ),
                start=2,
            ):
                now = getattr(a, var)
                was = getattr(before, var) if before else None
                figure = f" {now:3.0f}{_trend(now, was)}".rjust(len(labels[k]))  # under its label
                cells.append(safe.text(figure, style=_style(now, was, good_up)))
            # symbols (explained in the table's title) keep the column visible at 80 columns
            status = " ✘" if a.accommodated else " "
            if any(e.ally == a.id for e in session.state.china.episodes):
                status += "⚠"
            cells.append(safe.text(status, style="bold red" if a.accommodated else "yellow"))
            self.add_row(*cells, key=a.id)
