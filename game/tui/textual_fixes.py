"""Work-arounds for bugs of the Textual version the game pins, applied when the app is imported.

``OptionList`` pages up and down through a line map it builds only once it has room to lay out
its options; in a window too small for that (a few rows: the orders screen's "Your orders" at
40x12, the command palette at 20x5) the map is empty and page up/down raised ``KeyError: 0``.
There the keys move the highlight by one option instead.

A stale ``Screen.dismiss`` is ignored (see below).
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete
from textual.screen import Screen
from textual.widgets import OptionList

_move_page = OptionList._move_page


def _safe_move_page(self: OptionList, direction: int) -> None:
    if self.options and (self.highlighted or 0) not in self._index_to_line:
        if direction < 0:
            self.action_cursor_up()
        else:
            self.action_cursor_down()
        return
    _move_page(self, direction)  # type: ignore[arg-type]


OptionList._move_page = _safe_move_page  # type: ignore[method-assign]


# ``Screen.dismiss`` pops whatever screen is on top. A second key press that reaches a screen
# already dismissed (Enter twice on the resolution's last step) popped the screen below it
# too, and could leave only Textual's default screen, which ``switch_screen`` then cannot
# pop (``IndexError: pop from empty list``). A screen that is no longer the active one is
# not dismissed again.
_dismiss = Screen.dismiss


def _dismiss_if_active(self: Screen[Any], result: Any = None) -> AwaitComplete:
    if not self.is_attached or self.app.screen is not self:
        return AwaitComplete.nothing()
    return _dismiss(self, result)


Screen.dismiss = _dismiss_if_active  # type: ignore[method-assign]
