"""Touchable regions of an image, in coordinates relative to it (0..1 both ways).

Plain geometry, so hit-testing and the curator's checks are tested without Qt and behave
the same at any screen size: the bridge converts a touch into image-relative coordinates
and asks `hit()` which region it falls in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.content.schema import Hotspot

Point = tuple[float, float]
ELLIPSE_STEPS = 48


@dataclass(frozen=True)
class Region:
    """A hotspot with its id, as the hit test and the drawing need it."""

    id: str
    hotspot: Hotspot

    def outline(self) -> list[Point]:
        """The polygon, or the ellipse as a polygon of many sides (for drawing and overlaps)."""
        if self.hotspot.polygon is not None:
            return [(float(x), float(y)) for x, y in self.hotspot.polygon]
        e = self.hotspot.ellipse
        assert e is not None
        angles = [2 * math.pi * i / ELLIPSE_STEPS for i in range(ELLIPSE_STEPS)]
        return [(e.cx + e.rx * math.cos(a), e.cy + e.ry * math.sin(a)) for a in angles]

    def area(self) -> float:
        if self.hotspot.ellipse is not None:
            return math.pi * self.hotspot.ellipse.rx * self.hotspot.ellipse.ry
        return polygon_area(self.outline())

    def contains(self, x: float, y: float) -> bool:
        if self.hotspot.ellipse is not None:
            e = self.hotspot.ellipse
            return ((x - e.cx) / e.rx) ** 2 + ((y - e.cy) / e.ry) ** 2 <= 1.0
        return point_in_polygon(self.outline(), x, y)


def polygon_area(points: Sequence[Point]) -> float:
    """Shoelace formula, always positive."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(points, [*points[1:], points[0]], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def point_in_polygon(points: Sequence[Point], x: float, y: float) -> bool:
    """Even-odd ray casting."""
    inside = False
    for (x1, y1), (x2, y2) in zip(points, [*points[1:], points[0]], strict=True):
        if (y1 > y) != (y2 > y):
            crossing = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < crossing:
                inside = not inside
    return inside


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Proper crossing of segments ab and cd (touching at an end does not count)."""

    def orient(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2 = orient(c, d, a), orient(c, d, b)
    d3, d4 = orient(a, b, c), orient(a, b, d)
    return (d1 * d2 < 0) and (d3 * d4 < 0)


def self_intersects(points: Sequence[Point]) -> bool:
    edges = list(zip(points, [*points[1:], points[0]], strict=True))
    for i, (a, b) in enumerate(edges):
        for j in range(i + 1, len(edges)):
            if j == i + 1 or (i == 0 and j == len(edges) - 1):
                continue  # neighbours share a corner
            c, d = edges[j]
            if _segments_cross(a, b, c, d):
                return True
    return False


def overlap(first: Region, second: Region) -> bool:
    """Whether two regions share some area: an edge crossing, or one corner inside the other."""
    a, b = first.outline(), second.outline()
    if any(second.contains(x, y) for x, y in a) or any(first.contains(x, y) for x, y in b):
        # A shared edge is not an overlap: look just inside the corners rather than on them.
        inner_a = _shrunk(a)
        inner_b = _shrunk(b)
        if any(second.contains(x, y) for x, y in inner_a) or any(first.contains(x, y) for x, y in inner_b):
            return True
    edges_a = list(zip(a, [*a[1:], a[0]], strict=True))
    edges_b = list(zip(b, [*b[1:], b[0]], strict=True))
    return any(_segments_cross(p, q, r, s) for p, q in edges_a for r, s in edges_b)


def _shrunk(points: Sequence[Point], by: float = 0.02) -> list[Point]:
    cx = sum(x for x, _ in points) / len(points)
    cy = sum(y for _, y in points) / len(points)
    return [(x + (cx - x) * by, y + (cy - y) * by) for x, y in points]


def hit(regions: Sequence[Region], x: float, y: float) -> str | None:
    """The region under a touch; where regions overlap, the smaller one wins."""
    under = [region for region in regions if region.contains(x, y)]
    if not under:
        return None
    return min(under, key=lambda region: region.area()).id
