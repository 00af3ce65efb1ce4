"""The WCAG contrast formula and the kiosk's large-text rule (kiosk.content.contrast)."""

from __future__ import annotations

import pytest

from kiosk.content import contrast


def test_known_ratios() -> None:
    assert contrast.ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast.ratio(contrast.parse_hex("#777777"), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    # The brick red of the coal era on a card (Theme.surface): too faint for body text.
    assert contrast.ratio(contrast.parse_hex("#c0583f"), contrast.parse_hex("#1d2126")) == pytest.approx(3.6, abs=0.05)


def test_ratio_is_symmetric_and_at_least_one() -> None:
    a, b = contrast.parse_hex("#e3b23c"), contrast.parse_hex("#1d2126")
    assert contrast.ratio(a, b) == contrast.ratio(b, a)
    assert contrast.ratio(a, a) == 1.0


def test_blend_draws_a_colour_over_another() -> None:
    assert contrast.blend((255, 255, 255), 0.0, (0, 0, 0)) == (0, 0, 0)
    assert contrast.blend((255, 255, 255), 1.0, (0, 0, 0)) == (255, 255, 255)
    assert contrast.blend((200, 100, 0), 0.5, (0, 100, 200)) == (100, 100, 100)


@pytest.mark.parametrize("bad", ["red", "#12345", "#gg0000", ""])
def test_parse_hex_refuses_what_is_not_a_colour(bad: str) -> None:
    with pytest.raises(ValueError, match="not a colour"):
        contrast.parse_hex(bad)


def test_large_text_by_size_and_weight_at_the_screen_scale() -> None:
    assert contrast.required(27, bold=False) == 4.5  # body text
    assert contrast.required(26, bold=True) == 3.0  # a bold label of 26 px at 1080p
    assert contrast.required(32, bold=False) == 3.0  # a heading
    # On a 4K screen (scale 2) the same heading is drawn at 64 px: still large, 27 px is not.
    assert contrast.required(64, bold=False, scale=2.0) == 3.0
    assert contrast.required(27, bold=True, scale=2.0) == 4.5
