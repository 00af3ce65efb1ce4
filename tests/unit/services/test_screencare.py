"""Burn-in care without waiting: where the still parts are over an hour, and when the screen dims."""

from __future__ import annotations

import math

import pytest

from kiosk.services.screencare import ScreenCare


def test_the_still_parts_move_round_a_small_circle() -> None:
    care = ScreenCare(shift_pixels=4, shift_minutes=3)
    places = [care.shift(minute * 60) for minute in range(0, 27 * 3, 3)]
    assert places[0] == (0, 0), "its own place first: as designed"
    assert places[1] == (4, 0)
    assert len(set(places[:9])) == 9, "then eight different places"
    assert places[9] == places[0], "then round again"
    assert all(math.hypot(x, y) <= 4.5 for x, y in places), "never further than shift_pixels"
    assert care.shift(60) == care.shift(0), "still within the first three minutes"
    assert care.next_shift_in(60) == 120


def test_each_part_can_be_turned_off() -> None:
    assert ScreenCare(shift_pixels=0).shift(10_000) == (0, 0)
    assert not ScreenCare(dim_after_minutes=0).dimmed(10 * 3600)
    assert not ScreenCare(dim_to=1.0).dimmed(10 * 3600)


def test_the_screen_dims_after_the_quiet_time() -> None:
    care = ScreenCare(dim_after_minutes=30, dim_to=0.4)
    assert not care.dimmed(29 * 60 + 59)
    assert care.dimmed(30 * 60)
    assert care.brightness(10) == 1.0 and care.brightness(31 * 60) == 0.4


@pytest.mark.parametrize(
    "wrong", [{"shift_pixels": -1}, {"shift_minutes": 0}, {"dim_to": 0.05}, {"dim_to": 1.5}, {"dim_after_minutes": -5}]
)
def test_impossible_settings_are_refused(wrong: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="screen care"):
        ScreenCare(**wrong)  # type: ignore[arg-type]
