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

import re
from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageFont

from kiosk.content.typeset import typeset
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


@lru_cache(maxsize=65536)
def _length(family: str, weight: int, pixel_size: int, text: str) -> float:
    """Pillow's width of `text`, remembered: the checks measure the same words and titles
    several times (each piece, then the lines it makes; with and without French spacing),
    and shaping one costs a tenth of a millisecond. Four in five measures are repeats."""
    return float(_font(family, weight, pixel_size).getlength(text))


def width_of(text: str, family: str = "sans", weight: int = 400, pixel_size: int = 27) -> float:
    """The width of `text` on one line, in pixels."""
    return _length(family, weight, pixel_size, text)


#: The spaces a line may break at, as Qt breaks lines: every white space but the no-break
#: ones (U+00A0, U+2007 figure space, U+202F narrow no-break space), which `typeset` puts
#: where French forbids a break ("n° 11", "852 m", "Loos !").
_BREAKABLE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def _words(text: str) -> list[str]:
    return [word for word in _BREAKABLE.split(text) if word]


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The unbreakable pieces of a text, each with whether a space comes before it. A line
    may break at a space or after a hyphen ("UNESCO-" / "werelderfgoed"), as Qt's does,
    never at a no-break space."""
    pieces: list[tuple[str, bool]] = []
    for word in _words(text):
        parts = re.findall(r"[^-]+-*|-+", word)
        pieces += [(part, index == 0 and bool(pieces)) for index, part in enumerate(parts)]
    return pieces


def lines_needed(text: str, place: Place) -> int:
    """How many lines `text` takes in `place`, broken between words as Qt's word wrap does."""
    space = _length(place.family, place.weight, place.pixel_size, " ")
    lines, used = 1, 0.0
    for piece, spaced in _pieces(text):
        length = _length(place.family, place.weight, place.pixel_size, piece)
        if used == 0.0:
            used = length  # a piece wider than the line still takes one line (and is cut)
            continue
        gap = space if spaced else 0.0
        if used + gap + length <= place.width:
            used += gap + length
        else:
            lines += 1
            used = length
    return lines


def fits(text: str, place: Place, language: str = "") -> bool:
    """True when `text`, written in `language`, is shown whole in `place`: measured as the
    kiosk shows it, with the no-break spaces `typeset` adds in French."""
    text = typeset(text, language)
    if not _words(text):
        return True
    if place.lines == 1:
        return _length(place.family, place.weight, place.pixel_size, " ".join(_words(text))) <= place.width
    if any(_length(place.family, place.weight, place.pixel_size, piece) > place.width for piece, _ in _pieces(text)):
        return False
    return lines_needed(text, place) <= place.lines


# The places where the kiosk still cuts a curator's over-long text with "…", with the
# narrowest room each gets at 1920x1080, 1280x720, 3840x2160 and 1080x1920, in 1080p
# pixels (tests/gui/test_fit_places.py measures the live screens and fails when a layout
# gives less room than written here).
EVENT_TILE_TITLE = Place("its card on the timeline", "sans", 500, 24, 262, lines=3)
EVENT_HEADING = Place("the heading of its opened card", "serif", 700, 64, 745, lines=3)
EVENT_STEP_TITLE = Place("the button of the card before or after it", "sans", 600, 24, 342, lines=2)
#: A link button in an opened event card: the linked item's title and an arrow, on one line.
EVENT_LINK = Place("a link button in an event card", "sans", 600, 26, 713, lines=1)
LINK_ARROW = "  →"
