"""How legible a colour is on another: the WCAG 2.2 contrast ratio. Plain Python, no Qt.

Used by the screen audit (`kiosk snapshot --audit`, every text against what is drawn behind
it) and by `kiosk validate` (a curator's colours against the backgrounds the kiosk draws
them on). One formula, so both say the same thing about the same pair.
"""

from __future__ import annotations

import re

#: Body text needs 4.5:1 (WCAG 1.4.3, level AA).
NORMAL_TEXT = 4.5
#: Large text may go down to 3:1. "Large" is decided by `is_large`.
LARGE_TEXT = 3.0

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})([0-9a-fA-F]{2})?$")

RGB = tuple[int, int, int]


def parse_hex(colour: str) -> RGB:
    """ "#rrggbb" (or "#rrggbbaa", whose alpha is ignored) as three 0..255 numbers."""
    match = _HEX.match(colour.strip())
    if match is None:
        raise ValueError(f"not a colour of the form #rrggbb: {colour!r}")
    digits = match.group(1)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _channel(value: float) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: RGB | tuple[float, float, float]) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    r, g, b = rgb
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def ratio(a: RGB | tuple[float, float, float], b: RGB | tuple[float, float, float]) -> float:
    """The contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(top: RGB | tuple[float, float, float], alpha: float, under: RGB | tuple[float, float, float]) -> RGB:
    """`top` drawn at `alpha` (0..1) over `under`."""
    alpha = min(1.0, max(0.0, alpha))
    return tuple(round(t * alpha + u * (1 - alpha)) for t, u in zip(top, under, strict=True))  # type: ignore[return-value]


def is_large(pixel_size: float, bold: bool, scale: float = 1.0) -> bool:
    """Large text by the kiosk's rule, for a screen whose 1080p scale factor is `scale`:
    at least 24 px bold or 32 px regular at 1080p (stricter than WCAG's 18.5 / 24 px,
    since visitors read from a metre). `bold` means a bold weight (700 or more): a
    semi-bold label is read as regular text."""
    at_1080 = pixel_size / scale if scale > 0 else pixel_size
    return at_1080 >= 31.5 or (bold and at_1080 >= 23.5)


def required(pixel_size: float, bold: bool, scale: float = 1.0) -> float:
    """The least contrast a text of this size and weight needs."""
    return LARGE_TEXT if is_large(pixel_size, bold, scale) else NORMAL_TEXT
