"""The palette in Theme.qml keeps text legible (WCAG contrast >= 4.5:1; >= 7:1 in the high
contrast palette) and sizes legible from a metre (body >= 24 px, headings >= 48 px, touch
targets >= 64 px at 1080p; larger text multiplies every text size by 1.4)."""

from __future__ import annotations

import re

import pytest

from kiosk.content.contrast import parse_hex, ratio
from kiosk.paths import qml_dir

THEME = (qml_dir() / "Kiosk" / "Theme.qml").read_text(encoding="utf-8")


def colour(name: str, high_contrast: bool = False) -> str:
    """The colour as the default palette gives it (or the high contrast one, when it has its own)."""
    match = re.search(
        rf'property color {name}: (?:theme\.highContrast \? "(#[0-9a-fA-F]{{6}})" : \(?)?'
        rf'(?:contentColours\.\w+ \?\? )?"(#[0-9a-fA-F]{{6}})"',
        THEME,
    )
    assert match, f"no colour {name} in Theme.qml"
    return (match.group(1) or match.group(2)) if high_contrast else match.group(2)


def size(name: str, text: bool = False) -> int:
    scaled = r" \* textScale" if text else ""
    match = re.search(rf"property real {name}: Math\.round\((\d+) \* scale{scaled}\)", THEME)
    assert match, f"no size {name} in Theme.qml"
    return int(match.group(1))


#: Each text colour and the grounds it is drawn on.
TEXT_ON_GROUND = [
    ("text", "background"),
    ("text", "surface"),
    ("text", "surfaceRaised"),
    ("textMuted", "background"),
    ("textMuted", "surface"),
    ("accent", "background"),
    ("accent", "surface"),
    ("accentInk", "accent"),
]


def contrast(a: str, b: str) -> float:
    return ratio(parse_hex(a), parse_hex(b))


@pytest.mark.parametrize(("ink", "paper"), TEXT_ON_GROUND)
def test_text_contrast_is_at_least_4_5(ink: str, paper: str) -> None:
    assert contrast(colour(ink), colour(paper)) >= 4.5


@pytest.mark.parametrize(("ink", "paper"), TEXT_ON_GROUND)
def test_high_contrast_text_is_at_least_7_to_1(ink: str, paper: str) -> None:
    assert contrast(colour(ink, high_contrast=True), colour(paper, high_contrast=True)) >= 7.0


@pytest.mark.parametrize("name", ["fontBody", "fontSmall", "fontLabel", "fontLead"])
def test_reading_sizes_are_at_least_24_px(name: str) -> None:
    assert size(name, text=True) >= 24


@pytest.mark.parametrize("name", ["fontHeading", "fontDisplay", "fontTileTitle", "fontBody", "fontLabel", "fontSmall"])
def test_larger_text_scales_every_text_size(name: str) -> None:
    assert re.search(rf"property real {name}: Math\.round\(\d+ \* scale \* textScale\)", THEME)
    assert "textScale: theme.largerText ? 1.4 : 1.0" in THEME


@pytest.mark.parametrize("name", ["fontHeading", "fontDisplay"])
def test_headings_are_at_least_48_px(name: str) -> None:
    assert size(name, text=True) >= 48


def test_touch_targets_are_at_least_64_px() -> None:
    assert size("touchTarget") >= 64
