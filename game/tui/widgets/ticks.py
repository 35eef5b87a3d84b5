"""Check boxes and radio buttons whose mark says their state without colour: ``X`` when on,
blank when off (Textual's draw the same ``X`` or ``●`` either way and rely on colour)."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import RadioButton, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist


class TickList(SelectionList[str]):
    """A selection list whose selected entries show ``X`` and the others a blank box."""

    def on_focus(self) -> None:
        """Highlight the first entry on arrival, so that space ticks the entry the eye is on
        (Textual's list starts with none highlighted: down then space ticked the first)."""
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return line
        index = self.scroll_offset.y + y
        try:
            value = self.get_option_at_index(index).value
        except OptionDoesNotExist:  # a line below the last option
            return line
        mark = ToggleButton.BUTTON_INNER if value in self.selected else " "
        segments[1] = Segment(mark, segments[1].style, segments[1].control)
        return Strip(segments, line.cell_length)


class Radio(RadioButton):
    """A radio button whose dot shows only when it is the one chosen."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - per instance here
        return "●" if self.value else " "
