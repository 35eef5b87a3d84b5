"""Typed access from a screen or widget to the app and its game session.

``self.app`` is typed as a plain :class:`textual.app.App`; these helpers give it back as the
:class:`~game.tui.app.ResilienceApp` it is, so screens need no ``type: ignore``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:  # nothing here imports the engine before a game starts
    from game.session import Session
    from game.tui.app import ResilienceApp


def app_of(node: DOMNode) -> ResilienceApp:
    """The Resilience app a screen or widget belongs to."""
    return cast("ResilienceApp", node.app)


def session_of(node: DOMNode) -> Session:
    """The game in progress in the app a screen or widget belongs to (raises
    :class:`~game.tui.app.NoGameError` if there is none)."""
    return app_of(node).session
