"""The palette in Theme.qml keeps text legible (WCAG contrast >= 4.5:1) and sizes legible
from a metre (body >= 24 px, headings >= 48 px, touch targets >= 64 px at 1080p)."""

from __future__ import annotations

import re

import pytest

from kiosk.content.contrast import parse_hex, ratio
from kiosk.paths import qml_dir

THEME = (qml_dir() / "Kiosk" / "Theme.qml").read_text(encoding="utf-8")


def colour(name: str) -> str:
    match = re.search(rf'property color {name}: (?:contentColours\.\w+ \?\? )?"(#[0-9a-fA-F]{{6}})"', THEME)
    assert match, f"no colour {name} in Theme.qml"
    return match.group(1)


def size(name: str) -> int:
    match = re.search(rf"property real {name}: Math\.round\((\d+) \* scale\)", THEME)
    assert match, f"no size {name} in Theme.qml"
    return int(match.group(1))


def contrast(a: str, b: str) -> float:
    return ratio(parse_hex(a), parse_hex(b))


@pytest.mark.parametrize(
    ("ink", "paper"),
    [
        ("text", "background"),
        ("text", "surface"),
        ("text", "surfaceRaised"),
        ("textMuted", "background"),
        ("textMuted", "surface"),
        ("accent", "background"),
        ("accent", "surface"),
        ("accentInk", "accent"),
    ],
)
def test_text_contrast_is_at_least_4_5(ink: str, paper: str) -> None:
    assert contrast(colour(ink), colour(paper)) >= 4.5


@pytest.mark.parametrize("name", ["fontBody", "fontSmall", "fontLabel", "fontLead"])
def test_reading_sizes_are_at_least_24_px(name: str) -> None:
    assert size(name) >= 24


@pytest.mark.parametrize("name", ["fontHeading", "fontDisplay"])
def test_headings_are_at_least_48_px(name: str) -> None:
    assert size(name) >= 48


def test_touch_targets_are_at_least_64_px() -> None:
    assert size("touchTarget") >= 64
