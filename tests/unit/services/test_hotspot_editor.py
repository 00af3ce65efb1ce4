"""The hotspot drawing rules of `kiosk hotspots`: plain Python, no Qt."""

from __future__ import annotations

import pytest
import yaml

from kiosk.content.schema import Hotspot
from kiosk.services.hotspot_editor import HotspotDraft


def draft_with(*points: tuple[float, float], mode: str = "polygon") -> HotspotDraft:
    draft = HotspotDraft()
    draft.set_mode(mode)
    for x, y in points:
        assert draft.add(x, y), f"({x}, {y}) was refused"
    return draft


def test_points_are_added_in_order_and_rounded_to_three_decimals() -> None:
    draft = draft_with((0.1234, 0.5678), (0.9, 0.1))
    assert draft.points == ((0.123, 0.568), (0.9, 0.1))


def test_undo_removes_the_last_point_and_clear_removes_all() -> None:
    draft = draft_with((0.1, 0.1), (0.5, 0.1), (0.5, 0.5))
    assert draft.undo() is True
    assert draft.points == ((0.1, 0.1), (0.5, 0.1))
    assert draft.clear() is True
    assert draft.points == ()
    assert draft.undo() is False and draft.clear() is False


def test_taps_just_outside_the_image_are_clamped_onto_its_edge() -> None:
    draft = draft_with((-0.01, 1.015), (1.019, -0.0001))
    assert draft.points == ((0.0, 1.0), (1.0, 0.0))
    assert "-0.000" not in draft_with((-0.0001, 0.5), (0.5, 0.5), (0.5, 0.9)).to_yaml()


@pytest.mark.parametrize("x, y", [(-0.2, 0.5), (0.5, 1.3), (1.5, -1.0), (float("nan"), 0.5), (0.5, float("inf"))])
def test_taps_off_the_image_are_ignored(x: float, y: float) -> None:
    draft = HotspotDraft()
    assert draft.add(x, y) is False
    assert draft.points == ()


def test_duplicate_points_are_ignored() -> None:
    draft = draft_with((0.1, 0.1), (0.5, 0.1))
    assert draft.add(0.1, 0.1) is False
    assert draft.add(0.50004, 0.09996) is False, "the same point once rounded"
    assert draft.points == ((0.1, 0.1), (0.5, 0.1))
    assert not draft.can_print


def test_a_polygon_needs_three_corners_before_it_can_be_printed() -> None:
    draft = HotspotDraft()
    for x, y in [(0.1, 0.1), (0.5, 0.1)]:
        draft.add(x, y)
        assert not draft.can_print
        assert "more" in draft.hint
    with pytest.raises(ValueError, match="not complete"):
        draft.to_yaml()
    draft.add(0.5, 0.5)
    assert draft.can_print


def test_corners_on_one_line_are_not_a_polygon() -> None:
    draft = draft_with((0.1, 0.1), (0.2, 0.2), (0.3, 0.3))
    assert not draft.can_print
    assert "one line" in draft.hint
    draft.add(0.1, 0.4)
    assert draft.can_print


def test_polygon_yaml_is_exact_and_valid_for_the_schema() -> None:
    text = draft_with((0.17, 0.042), (0.5, 0.042), (0.5, 0.4)).to_yaml()
    assert text == "hotspot:\n  polygon: [[0.170, 0.042], [0.500, 0.042], [0.500, 0.400]]"
    hotspot = Hotspot.model_validate(yaml.safe_load(text)["hotspot"])
    assert hotspot.polygon == [(0.17, 0.042), (0.5, 0.042), (0.5, 0.4)]


def test_ellipse_yaml_from_two_opposite_corners_in_any_order() -> None:
    text = draft_with((0.59, 0.99), (0.41, 0.81), mode="ellipse").to_yaml()
    assert text == "hotspot:\n  ellipse: {cx: 0.500, cy: 0.900, rx: 0.090, ry: 0.090}"
    hotspot = Hotspot.model_validate(yaml.safe_load(text)["hotspot"])
    assert hotspot.ellipse is not None and hotspot.ellipse.rx == pytest.approx(0.09)


def test_ellipse_needs_two_corners_that_make_a_box() -> None:
    draft = draft_with((0.4, 0.8), mode="ellipse")
    assert not draft.can_print
    assert draft.add(0.4, 0.8) is False, "the same corner"
    assert draft.add(0.401, 0.95) is False, "no width"
    assert draft.add(0.6, 0.8) is False, "no height"
    assert draft.add(0.6, 0.95) is True
    assert draft.can_print


def test_a_third_tap_in_ellipse_mode_starts_a_new_ellipse() -> None:
    draft = draft_with((0.1, 0.1), (0.3, 0.3), mode="ellipse")
    assert draft.add(0.7, 0.7)
    assert draft.points == ((0.7, 0.7),)
    assert not draft.can_print


def test_changing_mode_drops_the_points_and_unknown_modes_are_refused() -> None:
    draft = draft_with((0.1, 0.1), (0.5, 0.1), (0.5, 0.5))
    assert draft.set_mode("polygon") is False
    assert len(draft.points) == 3
    assert draft.set_mode("ellipse") is True
    assert (draft.mode, draft.points) == ("ellipse", ())
    with pytest.raises(ValueError, match="circle"):
        draft.set_mode("circle")
