"""The map's placing rules, without Qt: groups, spreading, labels, tiles, simplification."""

from __future__ import annotations

import itertools
import json
import math
import random

import pytest

from kiosk.content.geo import (
    LabelRequest,
    area_label,
    cluster,
    declutter,
    inside,
    place_labels,
    read_layer,
    simplify,
    spread,
    tiles_in,
)


def scattered(count: int, size: float, seed: int = 3) -> list[tuple[float, float]]:
    rng = random.Random(seed)
    return [(rng.uniform(0, size), rng.uniform(0, size)) for _ in range(count)]


@pytest.mark.parametrize("count", [2, 50, 600])
def test_groups_stand_a_radius_apart_and_hold_every_point(count: int) -> None:
    points = scattered(count, 400)
    groups = cluster(points, 64)
    assert sorted(i for g in groups for i in g) == list(range(count))
    anchors = [points[g[0]] for g in groups]
    for (ax, ay), (bx, by) in itertools.combinations(anchors, 2):
        assert math.hypot(ax - bx, ay - by) >= 64
    for group in groups:  # every member lies within reach of its group's anchor
        ax, ay = points[group[0]]
        assert all(math.hypot(points[i][0] - ax, points[i][1] - ay) < 64 for i in group)


def test_the_first_point_keeps_its_own_place() -> None:
    """Points come most important first: the first is never moved into another's group."""
    groups = cluster([(0, 0), (10, 0), (200, 0), (205, 0)], 64)
    assert groups == [[0, 1], [2, 3]]


@pytest.mark.parametrize("count", [2, 7, 40, 400])
def test_declutter_keeps_the_first_places_and_sets_the_others_apart(count: int) -> None:
    points = [(100.0, 100.0)] * min(count, 7) + scattered(count - min(count, 7), 300)
    spots = declutter(points, 80)
    assert spots[0] == points[0]  # the most important keeps its place
    for (ax, ay), (bx, by) in itertools.combinations(spots, 2):
        assert math.hypot(ax - bx, ay - by) >= 80 - 1e-6
    lone = declutter([(0.0, 0.0), (500.0, 500.0)], 80)
    assert lone == [(0.0, 0.0), (500.0, 500.0)]  # nobody moves without need


def boxes(items: list[LabelRequest], placed: list[tuple[float, float] | None]) -> list[tuple[int, tuple[float, ...]]]:
    return [
        (n, (i.x + p[0], i.y + p[1], i.x + p[0] + i.width, i.y + p[1] + i.height))
        for n, (i, p) in enumerate(zip(items, placed, strict=True))
        if p is not None
    ]


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_labels_overlap_no_label_and_no_other_symbol_in_a_dense_set() -> None:
    items = [LabelRequest(x, y, 18, 140, 30) for x, y in scattered(300, 900)]
    placed = place_labels(items, 6)
    labelled = boxes(items, placed)
    assert len(labelled) > 30  # a dense set still gets names where they fit
    for (_, a), (_, b) in itertools.combinations(labelled, 2):
        assert not overlap(a, b)
    for n, box in labelled:
        for m, other in enumerate(items):
            if m != n:
                assert not overlap(box, (other.x - 18, other.y - 18, other.x + 18, other.y + 18))


def test_the_most_important_label_wins_a_later_one_moves_aside_or_goes() -> None:
    first = LabelRequest(100, 100, 15, 100, 30)
    below = LabelRequest(100, 125, 15, 100, 30)  # its right side is the first's label
    placed = place_labels([first, below], 5)
    assert placed == [(20, -15), (-120, -15)]  # right of the first; left of the second
    ringed = [LabelRequest(500, 500, 15, 100, 30)] + [
        LabelRequest(500 + 40 * math.cos(a * math.pi / 4), 500 + 40 * math.sin(a * math.pi / 4), 15) for a in range(8)
    ]
    assert place_labels(ringed, 5)[0] is None  # no side free: no label rather than an overlap


def test_a_marker_without_a_label_only_blocks() -> None:
    items = [LabelRequest(100, 100, 15), LabelRequest(60, 100, 15, 100, 30)]
    placed = place_labels(items, 5)
    assert placed[0] is None
    assert placed[1] is not None
    assert not overlap(boxes(items, placed)[0][1], (85, 85, 115, 115))


def test_tiles_cover_the_view_and_stop_at_the_map() -> None:
    assert tiles_in(0, 0, 100, 100, 2000, 1000, 512) == [(0, 0)]
    assert tiles_in(500, 500, 1100, 600, 2000, 1000, 512) == [(0, 0), (1, 0), (2, 0), (0, 1), (1, 1), (2, 1)]
    assert tiles_in(-300, -300, 5000, 5000, 1000, 600, 512) == [(0, 0), (1, 0), (0, 1), (1, 1)]
    assert tiles_in(0, 0, 10, 10, 0, 0, 512) == []


def test_simplify_keeps_the_shape_within_the_tolerance() -> None:
    circle = [(math.cos(t / 200 * 2 * math.pi), math.sin(t / 200 * 2 * math.pi)) for t in range(201)]
    kept = simplify(circle, 0.01)
    assert kept[0] == circle[0] and kept[-1] == circle[-1]
    assert len(kept) < 40
    for x, y in circle:  # every dropped point lies within the tolerance of the kept outline
        assert min(_to_segment((x, y), a, b) for a, b in itertools.pairwise(kept)) <= 0.01 + 1e-9
    zigzag = [(0, 0), (1, 5), (2, 0), (3, 5), (4, 0)]
    assert simplify(zigzag, 0.5) == zigzag


def _to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy or 1)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def test_spread_sets_main_subjects_apart_on_the_side_where_they_lie() -> None:
    """The visitor's place keeps its own; a shaft a few metres south-east of it goes one
    radius south-east of it, one south-west goes south-west: a starburst, not a shuffle."""
    here, south_east, south_west, far = (100.0, 100.0), (104.0, 106.0), (95.0, 107.0), (400.0, 100.0)
    spots = spread([here, south_east, south_west, far], 80)
    assert spots[0] == here and spots[3] == far  # nobody moves without need
    for (ax, ay), (bx, by) in itertools.combinations(spots, 2):
        assert math.hypot(ax - bx, ay - by) >= 80 - 1e-6
    (sx, sy), (wx, wy) = spots[1], spots[2]
    assert sx > here[0] and sy > here[1]  # still south-east of it
    assert wx < sx and wy > here[1]  # the other keeps to the south, west of the first
    assert math.hypot(sx - here[0], sy - here[1]) == pytest.approx(80, abs=1)


@pytest.mark.parametrize("count", [3, 12, 40])
def test_spread_keeps_everyone_apart_even_when_all_stand_on_one_spot(count: int) -> None:
    spots = spread([(0.0, 0.0)] * count, 50)
    assert spots[0] == (0.0, 0.0)
    for (ax, ay), (bx, by) in itertools.combinations(spots, 2):
        assert math.hypot(ax - bx, ay - by) >= 50 - 1e-6


def test_a_label_at_the_edge_of_the_view_moves_inside_it() -> None:
    frame = (0.0, 0.0, 500.0, 300.0)
    at_right = LabelRequest(490, 150, 15, 120, 30)  # to its right it would be cut
    at_bottom_left = LabelRequest(10, 290, 15, 120, 30)  # left is out, below is out
    (dx, dy), (ex, ey) = place_labels([at_right, at_bottom_left], 5, frame)
    assert 490 + dx >= 0 and 490 + dx + 120 <= 500 and 150 + dy >= 0 and 150 + dy + 30 <= 300
    assert 10 + ex >= 0 and 10 + ex + 120 <= 500 and 290 + ey >= 0 and 290 + ey + 30 <= 300
    # Without a frame, the first choice stands: right of the symbol.
    assert place_labels([at_right], 5)[0] == (20, -15)


def test_a_label_keeps_off_what_the_page_lays_over_the_map() -> None:
    button = (200.0, 80.0, 300.0, 120.0)
    ((dx, dy),) = place_labels([LabelRequest(180, 100, 15, 100, 30)], 5, taken=[button])
    box = (180 + dx, 100 + dy, 180 + dx + 100, 100 + dy + 30)
    assert not overlap(box, button)


def test_an_area_name_stands_inside_its_outline_in_view_and_clear_of_markers() -> None:
    ring = [(0.0, 0.0), (400.0, 0.0), (400.0, 300.0), (200.0, 300.0), (200.0, 150.0), (0.0, 150.0)]  # an L
    marker = (150.0, 50.0, 250.0, 100.0)
    box = area_label(ring, 120, 30, frame=(0, 0, 400, 300), taken=[marker])
    assert box is not None
    assert all(inside(x, y, ring) for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])))
    assert not overlap(box, marker)
    assert area_label(ring, 120, 30, frame=(500, 500, 900, 900)) is None  # not in view: no name
    assert area_label(ring, 900, 30) is None  # too long for its area


def test_layers_keep_their_features_names(tmp_path) -> None:
    path = tmp_path / "communes.geojson"
    square = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "Lens"},
                        "geometry": {"type": "Polygon", "coordinates": square},
                    },
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {"type": "MultiPolygon", "coordinates": [square, square]},
                    },
                    {
                        "type": "Feature",
                        "properties": {"name": "A road"},
                        "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    layer = read_layer(path)
    assert layer.names == ["Lens", "", ""] and len(layer.polygons) == 3


def test_a_label_never_lies_across_the_edge_of_the_view() -> None:
    """Where every place inside the view is taken, the name goes (or lies wholly out of view),
    rather than being cut at the edge."""
    frame = (0.0, 0.0, 300.0, 300.0)
    marker = LabelRequest(280, 150, 15, 200, 30)  # too long to fit beside it inside the view
    blockers = [
        LabelRequest(280 + 40 * math.cos(a * math.pi / 4), 150 + 40 * math.sin(a * math.pi / 4), 15)
        for a in range(2, 7)
    ]  # the left half of its surroundings taken
    placed = place_labels([marker, *blockers], 5, frame)[0]
    if placed is not None:
        box = (280 + placed[0], 150 + placed[1], 280 + placed[0] + 200, 150 + placed[1] + 30)
        inside_frame = frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]
        assert inside_frame or not overlap(box, frame)
