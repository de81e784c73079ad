"""Code colours on screen: passage backgrounds blended toward the surface so text stays legible."""

from __future__ import annotations

from rich.style import Style
from textual.color import Color

#: How much of the code colour a highlighted passage shows (the rest is the background).
HIGHLIGHT_STRENGTH = 0.42


def highlight_style(code_color: str, surface: str, dark: bool) -> Style:
    """Background style for a passage coded with ``code_color`` on ``surface``."""
    base = Color.parse(surface)
    tint = base.blend(Color.parse(code_color), HIGHLIGHT_STRENGTH)
    return Style(bgcolor=tint.rich_color)


def stripe_style(code_color: str, gutter_background: str | None) -> Style:
    """Style of one coding stripe in the gutter: the code colour itself."""
    return Style(color=Color.parse(code_color).rich_color,
                 bgcolor=Color.parse(gutter_background).rich_color if gutter_background else None)
