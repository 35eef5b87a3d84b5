"""The one way text from data reaches a terminal: control characters made visible.

Text from a scenario, a save, a file name or a user's input may carry terminal control
sequences (``ESC ] 0 ; ... BEL`` retitles the window, ``ESC [ 2 J`` clears it) or Rich and
Textual markup (``[/]``). :func:`clean` turns every control character into a visible escape
(``\\x1b``) so nothing is interpreted; :func:`text` wraps the result in a Rich ``Text``, which
Rich and Textual render as text, never as markup. Build screens and CLI output from these, not
from f-strings passed to ``console.print`` or ``Static``.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls but newline and tab, DEL, C1 controls, and the bidirectional overrides and
# isolates that can make text read differently from what it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(value: object, *, newlines: bool = True) -> str:
    """``value`` as a string with every control character shown as an escape.

    With ``newlines=False`` line breaks and tabs are escaped too (for one-line fields such
    as names and ids).

    >>> clean("title\\x1b]0;owned\\x07")
    'title\\\\x1b]0;owned\\\\x07'
    >>> clean("a\\nb", newlines=False)
    'a\\\\x0ab'
    """
    s = str(value)
    out = _CONTROL.sub(_visible, s)
    if not newlines:
        out = out.replace("\n", "\\x0a").replace("\t", "\\x09")
    return out


def text(value: object, style: str = "", *, newlines: bool = True) -> Text:
    """A Rich ``Text`` of :func:`clean` ``(value)``: rendered as text, never as markup.

    >>> text("[/]  [bold]x").plain
    '[/]  [bold]x'
    """
    return Text(clean(value, newlines=newlines), style=style)
