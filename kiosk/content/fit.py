"""Will a curator's text fit where the kiosk shows it? Plain Python, no Qt.

A few texts are shown on one or two lines of fixed width, and a text too long for its place
is cut with "…" on screen (a button naming a linked item, a chip naming an era or a layer).
`kiosk validate` measures those texts here with the kiosk's own fonts (Pillow reads the
same font files Qt draws with) and warns, at the text's file and line, before a visitor
meets the "…". Widths are given for a 1080-pixel-high screen, like Theme.qml's sizes;
`PLACES` lists each place with the narrowest width it gets on the four screen shapes the
exhibit is checked at (1920x1080, 1280x720, 3840x2160, 1080x1920).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageFont

from kiosk.paths import resources_dir

_FONT_FILES = {
    ("sans", 400): "Inter-Regular.otf",
    ("sans", 500): "Inter-Medium.otf",
    ("sans", 600): "Inter-SemiBold.otf",
    ("sans", 700): "Inter-Bold.otf",
    ("serif", 300): "RobotoSlab-Light.otf",
    ("serif", 400): "RobotoSlab-Regular.otf",
    ("serif", 700): "RobotoSlab-Bold.otf",
}


@dataclass(frozen=True)
class Place:
    """Where a text is shown: its font, and the room it has (1080p pixels, lines)."""

    description: str
    family: str
    weight: int
    pixel_size: int
    width: float
    lines: int = 1


@lru_cache(maxsize=32)
def _font(family: str, weight: int, pixel_size: int) -> ImageFont.FreeTypeFont:
    name = _FONT_FILES.get((family, weight)) or _FONT_FILES[(family, 400)]
    return ImageFont.truetype(str(resources_dir() / "fonts" / name), pixel_size)


def width_of(text: str, family: str = "sans", weight: int = 400, pixel_size: int = 27) -> float:
    """The width of `text` on one line, in pixels."""
    return float(_font(family, weight, pixel_size).getlength(text))


def lines_needed(text: str, place: Place) -> int:
    """How many lines `text` takes in `place`, broken between words as Qt's word wrap does."""
    font = _font(place.family, place.weight, place.pixel_size)
    space = font.getlength(" ")
    lines, used = 1, 0.0
    for word in text.split():
        length = font.getlength(word)
        if used == 0.0:
            used = length
            # A single word wider than the line still takes one line (and is cut).
            continue
        if used + space + length <= place.width:
            used += space + length
        else:
            lines += 1
            used = length
    return lines


def fits(text: str, place: Place) -> bool:
    """True when `text` is shown whole in `place`."""
    words = text.split()
    if not words:
        return True
    font = _font(place.family, place.weight, place.pixel_size)
    if place.lines == 1:
        return font.getlength(" ".join(words)) <= place.width
    if any(font.getlength(word) > place.width for word in words):
        return False
    return lines_needed(text, place) <= place.lines
