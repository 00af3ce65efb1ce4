"""The map's rules, in plain Python: its extent, what is shown at a zoom (which marker wins,
what is grouped or moved aside, labels and communes' names), and how tiles replace tiles."""

from __future__ import annotations

import itertools
import math

import pytest

from kiosk.content.geo import Bounds, Layer, Projection
from kiosk.content.mapplan import (
    FALLBACK_BOUNDS,
    FOCUS_MARGIN,
    KEPT_DRAWINGS,
    LABEL_ROOM,
    MAP_MARGIN,
    Pin,
    Shown,
    Style,
    areas_to_name,
    covered_px,
    drawings_to_forget,
    fractions_of,
    frame_px,
    group_label,
    kept_under,
    label_text,
    lay_out,
    map_projection,
    name_areas,
    nearest,
    opening_view,
    ring_area,
    showing,
    tiles_middle_first,
    width_metres,
)

STYLE = Style(
    target=80.0,
    symbol=30.0,
    bubble=52.0,
    border=3.0,
    gap=6.0,
    group_terril="%1 terrils",
    group_shaft="%1 puits",
    group_place="%1 lieux",
    group_mixed="%1 repères",
)
LEVEL, ASPECT = 1000.0, 1.0


def measure(text: str, italic: bool) -> tuple[float, float]:
    """Ten pixels a character, twenty high: the rules need sizes, not fonts."""
    return 10.0 * len(text), 20.0


def pin(pin_id: str, kind: str, x: float, y: float, **options: bool) -> Pin:
    return Pin(pin_id, kind, x, y, pin_id.title(), pin_id.title(), **options)


def by_id(shown: list[Shown]) -> dict[str, Shown]:
    return {s.id: s for s in shown}


# -- the extent ----------------------------------------------------------------------------


def test_the_map_covers_its_layers_and_markers_and_a_margin() -> None:
    layer = Layer(lines=[[(2.70, 50.40), (2.80, 50.45)]])
    projection = map_projection([layer], [(2.90, 50.50)])
    assert projection.bounds == Bounds(2.70, 50.40, 2.90, 50.50).padded(MAP_MARGIN)


def test_a_map_with_nothing_on_it_shows_the_fallback_extent() -> None:
    assert map_projection([Layer()], []).bounds == FALLBACK_BOUNDS.padded(MAP_MARGIN)


def test_the_opening_view_is_the_markers_and_a_margin_cut_to_the_map() -> None:
    projection = Projection(Bounds(0.0, 0.0, 1.0, 1.0))
    markers = [(0.2, 0.3), (0.6, 0.7)]
    focus = opening_view(markers, projection)
    assert focus == Bounds(0.2, 0.3, 0.6, 0.7).padded(FOCUS_MARGIN)
    assert fractions_of(focus, projection) == pytest.approx((0.176, 1 - 0.724, 0.448, 0.448))
    assert opening_view([], projection) == projection.bounds
    # A view reaching beyond the map is cut to it.
    assert fractions_of(Bounds(-1.0, -1.0, 2.0, 2.0), projection) == (0.0, 0.0, 1.0, 1.0)


def test_the_width_in_metres_follows_the_latitude() -> None:
    at_equator = width_metres(Bounds(0.0, -0.5, 1.0, 0.5))
    assert at_equator == pytest.approx(111_195, rel=1e-4)  # a degree of longitude on the equator
    assert width_metres(Bounds(0.0, 59.5, 1.0, 60.5)) == pytest.approx(at_equator / 2, rel=1e-6)


def test_each_name_is_written_in_its_largest_polygon() -> None:
    small = [[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]]
    large = [[(2.0, 0.0), (5.0, 0.0), (5.0, 3.0), (2.0, 3.0), (2.0, 0.0)]]
    layer = Layer(polygons=[small, large, large], names=["Lens", "Lens", ""])
    projection = Projection(Bounds(0.0, 0.0, 5.0, 3.0))
    areas = areas_to_name([("communes", layer)], projection)
    assert [(layer_id, name) for layer_id, name, _ in areas] == [("communes", "Lens")]  # the unnamed one has none
    assert areas[0][2] == [projection.to_map(*p) for p in large[0]]
    assert ring_area([(0, 0), (2, 0), (2, 3), (0, 3)]) == ring_area([(0, 3), (2, 3), (2, 0), (0, 0)]) == 6


# -- words -----------------------------------------------------------------------------------


def test_a_label_says_approximate_and_you_are_here() -> None:
    assert label_text("Puits 11", False, False, "vous êtes ici") == "Puits 11"
    assert label_text("Puits 11", True, False, "vous êtes ici") == "≈ Puits 11"
    assert label_text("Mairie", True, True, "vous êtes ici") == "≈ Mairie · vous êtes ici"
    assert label_text("Mairie", False, True, "") == "Mairie"  # no words given (yet)


def test_a_bubble_says_what_it_holds() -> None:
    assert group_label({"shaft"}, 2, STYLE) == "2 puits"
    assert group_label({"terril"}, 3, STYLE) == "3 terrils"
    assert group_label({"shaft", "place"}, 4, STYLE) == "4 repères"


# -- what is shown at a zoom -------------------------------------------------------------------


def crowd() -> list[Pin]:
    """Seven markers within a few pixels of each other at LEVEL, and one far away."""
    return [
        pin("shaft-a", "shaft", 0.500, 0.500),
        pin("place-b", "place", 0.502, 0.500),
        pin("terril-c", "terril", 0.504, 0.501),
        pin("shaft-d", "shaft", 0.501, 0.503),
        pin("mairie", "place", 0.503, 0.503, here=True),
        pin("terril-74", "terril", 0.500, 0.502, featured=True),
        pin("shaft-e", "shaft", 0.505, 0.505),
        pin("far", "terril", 0.1, 0.1),
    ]


def test_crowded_markers_are_grouped_and_the_kind_that_wins_names_the_bubble() -> None:
    shown = lay_out(crowd(), LEVEL, ASPECT, False, set(), STYLE, None, measure)
    groups = [s for s in shown if s.kind == "group"]
    assert len(groups) == 1
    bubble = groups[0]
    assert sorted(bubble.members) == ["place-b", "shaft-a", "shaft-d", "shaft-e", "terril-c"]
    assert bubble.id == "group:terril-c"  # terrils before places before shafts
    assert bubble.label == "5 repères" and bubble.title == "5"
    assert bubble.box == pytest.approx((0.500, 0.500, 0.505, 0.505))
    assert sum(len(s.members) for s in shown) == len(crowd())  # nobody lost


def test_you_are_here_and_the_main_subjects_are_never_in_a_bubble() -> None:
    shown = by_id(lay_out(crowd(), LEVEL, ASPECT, False, set(), STYLE, None, measure))
    assert shown["mairie"].members == ["mairie"] and shown["mairie"].here
    assert shown["terril-74"].members == ["terril-74"] and shown["terril-74"].featured
    # 'You are here' keeps its own place; the featured one is moved aside, a line leading back.
    assert (shown["mairie"].x, shown["mairie"].y) == pytest.approx((503.0, 503.0)) and shown["mairie"].origin is None
    assert shown["terril-74"].origin == pytest.approx((500.0, 502.0))
    for a, b in itertools.combinations(shown.values(), 2):
        assert math.hypot(a.x - b.x, a.y - b.y) >= STYLE.target - 1e-6, (a.id, b.id)


def test_at_the_closest_zoom_crowds_move_aside_instead_of_grouping() -> None:
    shown = lay_out(crowd(), LEVEL, ASPECT, True, set(), STYLE, None, measure)
    assert all(s.kind != "group" for s in shown) and len(shown) == len(crowd())
    for a, b in itertools.combinations(shown, 2):
        assert math.hypot(a.x - b.x, a.y - b.y) >= STYLE.target - 1e-6, (a.id, b.id)
    moved = [s for s in shown if s.origin is not None]
    assert moved and by_id(shown)["mairie"].origin is None  # the most important keeps its place


def test_hidden_kinds_are_left_out() -> None:
    shown = lay_out(crowd(), LEVEL, ASPECT, False, {"shaft", "communes"}, STYLE, None, measure)
    members = {m for s in shown for m in s.members}
    assert members == {"place-b", "terril-c", "mairie", "terril-74", "far"}


def test_labels_overlap_nothing_and_markers_are_named_before_bubbles() -> None:
    shown = lay_out(crowd(), LEVEL, ASPECT, False, set(), STYLE, None, measure)
    assert [s.kind == "group" for s in shown] == sorted(s.kind == "group" for s in shown)
    labelled = [s for s in shown if s.label_rect is not None]
    assert {"mairie", "terril-74", "far"} <= {s.id for s in labelled}
    for s in labelled:
        assert s.label_rect is not None
        assert s.label_rect[2:] == (10.0 * len(s.label) + LABEL_ROOM, 20.0)
    for a, b in itertools.combinations(labelled, 2):
        assert a.label_rect is not None and b.label_rect is not None
        (ax, ay, aw, ah), (bx, by, bw, bh) = a.label_rect, b.label_rect
        assert not (ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah), (a.id, b.id)


def test_labels_keep_inside_the_view_and_off_what_covers_the_map() -> None:
    pins = [pin("edge", "terril", 0.295, 0.5)]
    frame = (0.1, 0.1, 0.3, 0.9, ((0.26, 0.46, 0.29, 0.49),))  # a button up and left of the marker
    assert frame_px(frame, LEVEL, ASPECT, 6.0) == pytest.approx((112.0, 112.0, 288.0, 888.0))
    (covered,) = covered_px(frame, LEVEL, ASPECT, 6.0)
    assert covered == pytest.approx((254.0, 454.0, 296.0, 496.0))
    (shown,) = lay_out(pins, LEVEL, ASPECT, False, set(), STYLE, frame, measure)
    assert shown.label_rect is not None
    x, y, width, height = shown.label_rect
    assert x >= 112.0 and x + width <= 288.0  # not right of its marker, across the view's edge
    assert not (x < 296.0 and x + width > 254.0 and y < 496.0 and y + height > 454.0)
    assert frame_px(None, LEVEL, ASPECT, 6.0) is None and covered_px(None, LEVEL, ASPECT, 6.0) == []


def test_a_commune_is_named_inside_its_outline_clear_of_markers_unless_its_layer_is_hidden() -> None:
    ring = [(0.1, 0.1), (0.6, 0.1), (0.6, 0.4), (0.1, 0.4)]
    areas = [("communes", "Lens", ring)]
    shown = lay_out([pin("terril", "terril", 0.35, 0.25)], LEVEL, ASPECT, False, set(), STYLE, None, measure)

    def measure_name(text: str) -> tuple[float, float]:
        assert text == "LENS"  # written in capitals
        return 40.0, 20.0

    ((name, (x, y, width, height)),) = name_areas(areas, set(), LEVEL, ASPECT, shown, STYLE, None, measure_name)
    assert name == "Lens" and (width, height) == pytest.approx((40.0 * 1.08 + 12.0, 20.0))
    assert x >= 100 and x + width <= 600 and y >= 100 and y + height <= 400
    (marker,) = shown
    r = marker.reach(STYLE)
    assert not (x < marker.x + r and marker.x - r < x + width and y < marker.y + r and marker.y - r < y + height)
    assert name_areas(areas, {"communes"}, LEVEL, ASPECT, shown, STYLE, None, measure_name) == []


def test_a_touch_goes_to_the_nearest_within_reach() -> None:
    shown = [Shown("a", "terril", 100.0, 100.0, "A"), Shown("b", "shaft", 180.0, 100.0, "B")]
    assert nearest(shown, 130.0, 100.0, 60.0) == "a"
    assert nearest(shown, 150.0, 100.0, 60.0) == "b"
    assert nearest(shown, 140.0, 100.0, 60.0) == "b"  # halfway: the later one
    assert nearest(shown, 100.0, 200.0, 60.0) == ""


# -- tiles -----------------------------------------------------------------------------------


def test_tiles_are_drawn_from_the_middle_of_the_view_out() -> None:
    tiles = tiles_middle_first(2048.0, 1.0, 0.0, 0.0, 1.0, 1.0, 512)
    assert sorted(tiles) == [(c, r) for c in range(4) for r in range(4)]
    assert set(tiles[:4]) == {(1, 1), (2, 1), (1, 2), (2, 2)}
    assert set(tiles[-4:]) == {(0, 0), (3, 0), (0, 3), (3, 3)}


def row(key: str, front: bool, ready: bool) -> dict[str, object]:
    return {"key": key, "front": front, "ready": ready}


def test_a_new_drawing_replaces_the_last_only_once_all_its_tiles_are_drawn() -> None:
    old = [row("old/0", True, True), row("old/1", True, False)]
    under = kept_under(old)
    assert under == [row("old/0", False, True)]  # drawn ones stay, under the new drawing
    rows, complete = showing([*under, row("new/0", True, True), row("new/1", True, False)])
    assert not complete
    assert {r["key"]: r["shown"] for r in rows} == {"old/0": True, "new/0": False, "new/1": False}
    rows, complete = showing([*under, row("new/0", True, True), row("new/1", True, True)])
    assert complete
    assert {r["key"]: r["shown"] for r in rows} == {"new/0": True, "new/1": True}  # the old ones gone


def test_with_nothing_under_it_a_drawing_shows_each_tile_when_drawn() -> None:
    rows, complete = showing([row("new/0", True, True), row("new/1", True, False)])
    assert not complete and [r["shown"] for r in rows] == [True, False]


def test_when_the_last_drawing_had_no_tile_drawn_the_one_before_stays() -> None:
    old = [row("before/0", False, True), row("last/0", True, False)]
    assert kept_under(old) == [row("before/0", False, True)]


def test_drawings_on_screen_are_kept_and_the_oldest_others_go() -> None:
    numbers = list(range(1, 8))
    assert drawings_to_forget(numbers, {1, 7}) == [2, 3, 4][: len(numbers) - KEPT_DRAWINGS]
    assert drawings_to_forget([1, 2, 3], {3}) == []
