"""Accessibility modes (kiosk/services/accessibility.py) and kiosk.yaml's reach band."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.services.accessibility import FALLBACK_SHARE, Choices, ReachBand, ReachBandError
from kiosk.services.config import load_config, run_settings


def test_the_modes_start_off_toggle_and_reset_together() -> None:
    choices = Choices()
    assert choices.modes() == ("larger_text", "high_contrast", "reach", "less_motion")
    assert not choices.any()
    assert choices.toggle("larger_text") is True
    assert choices.toggle("reach") is True
    assert choices.toggle("reach") is False
    choices.toggle("less_motion")
    assert choices.any()
    assert choices.reset() == ["larger_text", "less_motion"]
    assert not choices.any() and choices.reset() == []


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="no accessibility mode 'audio'"):
        Choices().toggle("audio")


def test_the_default_band_is_the_lower_part_of_a_55_inch_screen_at_90_cm() -> None:
    # 120 cm - 90 cm = 30 cm of a 68.5 cm picture.
    assert ReachBand().share() == pytest.approx(30 / 68.5)


def test_a_lower_screen_has_more_of_it_in_reach() -> None:
    assert ReachBand(screen_bottom_cm=70).share() == pytest.approx(50 / 68.5)
    assert ReachBand(screen_bottom_cm=100, screen_height_cm=121.8).share() == pytest.approx(20 / 121.8)


@pytest.mark.parametrize(
    ("band", "words"),
    [
        (ReachBand(screen_bottom_cm=130), "no part of it is within a seated visitor's reach"),
        (ReachBand(screen_bottom_cm=120), "no part of it"),
        (ReachBand(screen_bottom_cm=40, screen_height_cm=60), "whole screen (40 to 100 cm) is below"),
        (ReachBand(screen_height_cm=0), "more than 0 cm"),
    ],
)
def test_a_band_off_the_screen_says_why_and_falls_back(band: ReachBand, words: str) -> None:
    with pytest.raises(ReachBandError, match=words.replace("(", r"\(").replace(")", r"\)")):
        band.share()
    share, problem = band.share_or_fallback()
    assert share == FALLBACK_SHARE and problem is not None and words in problem


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_kiosk_yaml_sets_the_band(tmp_path: Path) -> None:
    config, report = load_config(
        write(tmp_path, "accessibility:\n  screen_bottom_cm: 80\n  screen_height_cm: 100\n  reach_top_cm: 115\n")
    )
    assert report.ok, [p.format() for p in report.problems]
    assert run_settings(config, frozen=False).reach_share == pytest.approx(0.35)


def test_no_kiosk_yaml_gives_the_default_band() -> None:
    assert run_settings(None, frozen=False).reach_share == pytest.approx(30 / 68.5)


def test_an_empty_block_is_the_defaults(tmp_path: Path) -> None:
    config, report = load_config(write(tmp_path, "accessibility:\n  # screen_bottom_cm: 90\n"))
    assert report.ok and config is not None
    assert run_settings(config, frozen=False).reach_share == pytest.approx(30 / 68.5)


def test_a_screen_above_reach_is_reported_at_its_line_and_falls_back(tmp_path: Path) -> None:
    config, report = load_config(write(tmp_path, "rotation: 0\naccessibility:\n  screen_bottom_cm: 150\n"))
    [problem] = [p.format() for p in report.problems]
    assert problem.startswith("kiosk.yaml:3:")
    assert "error: accessibility: the screen starts at 150 cm, above the reach top of 120 cm" in problem
    assert "lower 40% of the screen" in problem
    assert run_settings(config, frozen=False).reach_share == FALLBACK_SHARE


def test_a_screen_below_reach_is_reported_too(tmp_path: Path) -> None:
    config, report = load_config(write(tmp_path, "accessibility:\n  screen_bottom_cm: 0.5\n  screen_height_cm: 0.7\n"))
    [problem] = [p.format() for p in report.problems]
    assert problem.startswith("kiosk.yaml:3:"), problem  # 0.7 is not a screen's height in cm
    config, report = load_config(write(tmp_path, "accessibility:\n  screen_bottom_cm: 10\n  screen_height_cm: 70\n"))
    [problem] = [p.format() for p in report.problems]
    assert "whole screen (10 to 80 cm) is below the reach top" in problem and "centimetres" in problem
    assert run_settings(config, frozen=False).reach_share == FALLBACK_SHARE


def test_a_misspelt_key_is_named(tmp_path: Path) -> None:
    _config, report = load_config(write(tmp_path, "accessibility:\n  screen_botom_cm: 90\n"))
    [problem] = [p.format() for p in report.problems]
    assert "kiosk.yaml:2:" in problem and "screen_bottom_cm" in problem
