"""Vector layers (GeoJSON, WGS84 longitude/latitude) and the map's projection. Plain Python.

The map covers a few kilometres, so an equirectangular projection (longitudes shrunk by
the cosine of the latitude) is exact to well under a pixel. Positions come out as
fractions of the map's width (x: 0..1) and of its height (y: 0..1), north up.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_GEOJSON_BYTES = 5 * 1024 * 1024
DRAWN_TYPES = ("Polygon", "MultiPolygon", "LineString", "MultiLineString", "Point", "MultiPoint")

LonLat = tuple[float, float]


@dataclass(frozen=True)
class Bounds:
    west: float
    south: float
    east: float
    north: float

    def contains(self, lon: float, lat: float, margin: float = 0.0) -> bool:
        dx, dy = (self.east - self.west) * margin, (self.north - self.south) * margin
        return self.west - dx <= lon <= self.east + dx and self.south - dy <= lat <= self.north + dy

    def padded(self, fraction: float) -> Bounds:
        dx, dy = (self.east - self.west) * fraction, (self.north - self.south) * fraction
        return Bounds(self.west - dx, self.south - dy, self.east + dx, self.north + dy)


@dataclass(frozen=True)
class Projection:
    """Longitude/latitude to map fractions, north up, true proportions."""

    bounds: Bounds

    @property
    def _k(self) -> float:
        return math.cos(math.radians((self.bounds.north + self.bounds.south) / 2))

    @property
    def aspect(self) -> float:
        """Height / width of the map, in true proportions."""
        width = (self.bounds.east - self.bounds.west) * self._k
        return (self.bounds.north - self.bounds.south) / width

    def to_map(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.bounds.west) / (self.bounds.east - self.bounds.west)
        y = (self.bounds.north - lat) / (self.bounds.north - self.bounds.south)
        return x, y

    def to_lonlat(self, x: float, y: float) -> LonLat:
        return (
            self.bounds.west + x * (self.bounds.east - self.bounds.west),
            self.bounds.north - y * (self.bounds.north - self.bounds.south),
        )


@dataclass
class Layer:
    """A GeoJSON file as drawable polygons and lines, and what could not be drawn."""

    polygons: list[list[list[LonLat]]] = field(default_factory=list)  # each: its outline, then its holes
    lines: list[list[LonLat]] = field(default_factory=list)  # open
    points: list[LonLat] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # geometry type -> count
    # Each polygon's name (its feature's `name` property), or "": the map writes it inside.
    names: list[str] = field(default_factory=list)

    def coordinates(self) -> Iterator[LonLat]:
        for polygon in self.polygons:
            for ring in polygon:
                yield from ring
        for line in self.lines:
            yield from line
        yield from self.points

    def is_empty(self) -> bool:
        return not (self.polygons or self.lines or self.points)


class GeoJSONError(ValueError):
    """The file is not GeoJSON the kiosk can read; the message says why."""


def read_layer(path: Path) -> Layer:
    if path.stat().st_size > MAX_GEOJSON_BYTES:
        raise GeoJSONError(f"file is too large: a layer may be at most {MAX_GEOJSON_BYTES // 1_048_576} MB")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise GeoJSONError("the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise GeoJSONError(f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    layer = Layer()
    for geometry, name in _geometries(data):
        _add(layer, geometry)
        layer.names += [name] * (len(layer.polygons) - len(layer.names))
    return layer


def _geometries(data: object, name: str = "") -> Iterator[tuple[dict[str, Any], str]]:
    """Each geometry, with the `name` property of the feature that holds it ("" if none)."""
    if not isinstance(data, dict) or "type" not in data:
        raise GeoJSONError('not GeoJSON: expected an object with a "type" (FeatureCollection, Feature...)')
    kind = data["type"]
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise GeoJSONError('a FeatureCollection needs a "features" list')
        for feature in features:
            yield from _geometries(feature)
    elif kind == "Feature":
        geometry = data.get("geometry")
        properties = data.get("properties")
        named = properties.get("name") if isinstance(properties, dict) else None
        if geometry is not None:
            yield from _geometries(geometry, named.strip() if isinstance(named, str) else "")
    elif kind == "GeometryCollection":
        for geometry in data.get("geometries") or []:
            yield from _geometries(geometry, name)
    else:
        yield data, name


def _position(value: object) -> LonLat:
    if not (isinstance(value, list) and len(value) >= 2 and all(isinstance(v, int | float) for v in value[:2])):
        raise GeoJSONError(f"a position must be [longitude, latitude], not {json.dumps(value)[:40]}")
    lon, lat = float(value[0]), float(value[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise GeoJSONError(f"position [{lon}, {lat}] is not a longitude/latitude (WGS84 degrees)")
    return lon, lat


def _add(layer: Layer, geometry: dict[str, Any]) -> None:
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    try:
        if kind == "Point":
            layer.points.append(_position(coords))
        elif kind == "MultiPoint":
            layer.points.extend(_position(p) for p in coords)  # type: ignore[union-attr]
        elif kind == "LineString":
            layer.lines.append([_position(p) for p in coords])  # type: ignore[union-attr]
        elif kind == "MultiLineString":
            layer.lines.extend([_position(p) for p in line] for line in coords)  # type: ignore[union-attr]
        elif kind == "Polygon":
            layer.polygons.append([[_position(p) for p in ring] for ring in coords])  # type: ignore[union-attr]
        elif kind == "MultiPolygon":
            for polygon in coords:  # type: ignore[union-attr]
                layer.polygons.append([[_position(p) for p in ring] for ring in polygon])
        else:
            layer.skipped[str(kind)] = layer.skipped.get(str(kind), 0) + 1
    except TypeError:
        raise GeoJSONError(f"the coordinates of a {kind} are not laid out as GeoJSON says") from None


def extent(points: Sequence[LonLat]) -> Bounds | None:
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return Bounds(min(lons), min(lats), max(lons), max(lats))


def simplify(line: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker: drop the points that lie within `tolerance` of the straight line
    between the points kept around them (the ends are kept). An outline drawn on screen
    looks the same with a tolerance under a pixel, with far fewer points."""
    if len(line) <= 2:
        return list(line)
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = line[first], line[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        worst, worst_at = -1.0, -1
        for index in range(first + 1, last):
            px, py = line[index]
            # Distance to the segment's line, or to its first point when the ends meet (a ring).
            d = abs(dy * (px - ax) - dx * (py - ay)) / length if length > 0 else math.hypot(px - ax, py - ay)
            if d > worst:
                worst, worst_at = d, index
        if worst > tolerance:
            keep[worst_at] = True
            stack += [(first, worst_at), (worst_at, last)]
    return [point for point, kept in zip(line, keep, strict=True) if kept]


# -- what the map shows at a zoom: markers that keep apart, labels that fit --------------

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom


class _Grid:
    """Boxes in square cells, to find the few near a place without looking at them all."""

    def __init__(self, cell: float) -> None:
        self.cell = max(cell, 1.0)
        self.cells: dict[tuple[int, int], list[tuple[Box, int]]] = {}

    def _keys(self, box: Box) -> Iterator[tuple[int, int]]:
        c = self.cell
        for gx in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for gy in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                yield gx, gy

    def add(self, box: Box, owner: int) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append((box, owner))

    def hits(self, box: Box, ignore: int = -1) -> bool:
        """Whether `box` overlaps a box of another owner than `ignore`."""
        for key in self._keys(box):
            for other, owner in self.cells.get(key, ()):
                if (
                    owner != ignore
                    and box[0] < other[2]
                    and other[0] < box[2]
                    and box[1] < other[3]
                    and other[1] < box[3]
                ):
                    return True
        return False


def cluster(points: Sequence[Point], radius: float) -> list[list[int]]:
    """Group points (pixels, most important first) that lie closer than `radius`.

    Greedy: each point joins the group whose first point (its anchor, where it is drawn)
    lies nearest within `radius`, or starts a group of its own. So any two anchors stand
    at least `radius` apart, and an important place is never moved into a neighbour's group.
    """
    anchors: dict[tuple[int, int], list[int]] = {}
    groups: list[list[int]] = []
    cell = max(radius, 1e-9)
    for index, (x, y) in enumerate(points):
        gx, gy = math.floor(x / cell), math.floor(y / cell)
        best, best_d = -1, radius
        for nx in (gx - 1, gx, gx + 1):
            for ny in (gy - 1, gy, gy + 1):
                for group in anchors.get((nx, ny), ()):
                    ax, ay = points[groups[group][0]]
                    d = math.hypot(ax - x, ay - y)
                    if d < best_d:
                        best, best_d = group, d
        if best >= 0:
            groups[best].append(index)
        else:
            anchors.setdefault((gx, gy), []).append(len(groups))
            groups.append([index])
    return groups


def declutter(points: Sequence[Point], radius: float) -> list[Point]:
    """Where to draw each point (most important first) so that all stand `radius` apart:
    its own place if that is free, else the nearest free spot on rings around it (for
    places that still crowd at the closest zoom)."""
    cell = max(radius, 1e-9)
    grid: dict[tuple[int, int], list[Point]] = {}

    def near(x: float, y: float) -> Iterator[Point]:
        gx, gy = math.floor(x / cell), math.floor(y / cell)
        for nx in (gx - 1, gx, gx + 1):
            for ny in (gy - 1, gy, gy + 1):
                yield from grid.get((nx, ny), ())

    def free(x: float, y: float) -> bool:
        return all(math.hypot(x - ox, y - oy) >= radius - 1e-9 for ox, oy in near(x, y))

    placed: list[Point] = []
    for x, y in points:
        spot = (x, y)
        # Pushed away from the nearest point in its way: the spots on the far side first.
        blocker = _nearest(near(x, y), x, y)
        away = math.atan2(y - blocker[1], x - blocker[0]) if blocker and blocker != (x, y) else -math.pi / 2
        ring = 0
        while not free(*spot):
            ring += 1
            steps = 6 * ring  # neighbours on a ring stand about one radius apart
            candidates = [
                (x + ring * radius * math.cos(away + turn), y + ring * radius * math.sin(away + turn))
                for turn in _turns(steps)
            ]
            spot = next((c for c in candidates if free(*c)), candidates[0])
        grid.setdefault((math.floor(spot[0] / cell), math.floor(spot[1] / cell)), []).append(spot)
        placed.append(spot)
    return placed


def _nearest(points: Iterable[Point], x: float, y: float) -> Point | None:
    """The point nearest to (x, y), or None if there is none."""
    best, best_d = None, math.inf
    for point in points:
        d = math.hypot(x - point[0], y - point[1])
        if d < best_d:
            best, best_d = point, d
    return best


def _turns(steps: int) -> list[float]:
    """`steps` angles around a circle, the smallest turns (either way) first."""
    return sorted((2 * math.pi * k / steps for k in range(steps)), key=lambda a: abs(math.remainder(a, 2 * math.pi)))


def spread(points: Sequence[Point], radius: float, steps: int = 72) -> list[Point]:
    """Where to draw each point (most important first) so that all stand `radius` apart,
    for the few main subjects of a map that must never be grouped: a point keeps its place
    if it is free, else it goes on a ring around the point in its way, on the side where it
    really lies (a starburst around it, as a reader expects), or as near that side as is
    free; farther rings only if the first is full."""
    placed: list[Point] = []

    def free(x: float, y: float) -> bool:
        return all(math.hypot(x - ox, y - oy) >= radius - 1e-9 for ox, oy in placed)

    for x, y in points:
        if free(x, y):
            placed.append((x, y))
            continue
        bx, by = _nearest(placed, x, y) or (x, y)
        bearing = math.atan2(y - by, x - bx) if (x, y) != (bx, by) else -math.pi / 2
        spot = None
        ring = 1
        while spot is None:
            for turn in _turns(steps):
                angle = bearing + turn
                cx, cy = bx + ring * radius * math.cos(angle), by + ring * radius * math.sin(angle)
                if free(cx, cy):
                    spot = (cx, cy)
                    break
            ring += 1
        placed.append(spot)
    return placed


@dataclass(frozen=True)
class LabelRequest:
    """A symbol at (x, y) pixels, `reach` pixels from its centre to its edge, and the size
    of its label (0 x 0: no label)."""

    x: float
    y: float
    reach: float
    width: float = 0.0
    height: float = 0.0


def place_labels(
    items: Sequence[LabelRequest], gap: float, frame: Box | None = None, taken: Sequence[Box] = ()
) -> list[Point | None]:
    """Where each label goes, as the offset of its top-left corner from its symbol's
    centre, or None when it does not fit. Most important first; a label overlaps no other
    label, no symbol but its own and none of the `taken` boxes. Tried to the right, left,
    below, above, then at the corners. With a `frame` (the part of the map in view), the
    places inside it come first, then those below or above slid inside it, so a marker at
    the edge of the view keeps its name readable; a label never lies across the frame's
    edge (it may lie wholly outside, out of view, for a marker out of view)."""
    symbols = _Grid(max((2 * i.reach for i in items), default=1.0) * 2)
    for index, item in enumerate(items):
        symbols.add((item.x - item.reach, item.y - item.reach, item.x + item.reach, item.y + item.reach), index)
    labels = _Grid(max((i.height for i in items), default=1.0) * 3)
    for box in taken:
        labels.add(box, -2)
    placed: list[Point | None] = []
    for index, item in enumerate(items):
        if item.width <= 0 or item.height <= 0:
            placed.append(None)
            continue
        w, h, r = item.width, item.height, item.reach + gap
        d = r * 0.7  # a corner: the label's near corner a gap from the symbol, diagonally
        candidates = [
            (r, -h / 2),
            (-r - w, -h / 2),
            (-w / 2, r),
            (-w / 2, -r - h),
            (d, -d - h),
            (-d - w, -d - h),
            (d, d),
            (-d - w, d),
        ]
        if frame is not None:
            left, right = frame[0] - item.x, frame[2] - item.x - w  # dx that keep it inside
            slid = [(min(max(-w / 2, left), right), dy) for dy in (r, -r - h)] if left <= right else []
            boxes = [(c, (item.x + c[0], item.y + c[1], item.x + c[0] + w, item.y + c[1] + h)) for c in candidates]
            slid_boxes = [(c, (item.x + c[0], item.y + c[1], item.x + c[0] + w, item.y + c[1] + h)) for c in slid]
            # Never across the frame's edge: cut there, a name cannot be read.
            candidates = [c for c, box in boxes + slid_boxes if _within(box, frame)] + [
                c for c, box in boxes if not _meets(box, frame)
            ]
        chosen = None
        for dx, dy in candidates:
            box = (item.x + dx, item.y + dy, item.x + dx + w, item.y + dy + h)
            if not symbols.hits(box, ignore=index) and not labels.hits(box):
                chosen = (dx, dy)
                labels.add(box, index)
                break
        placed.append(chosen)
    return placed


def _within(box: Box, frame: Box) -> bool:
    return frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]


def _meets(box: Box, other: Box) -> bool:
    return box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]


def inside(x: float, y: float, ring: Sequence[Point]) -> bool:
    """Whether (x, y) lies inside the ring (even-odd rule)."""
    result = False
    for (ax, ay), (bx, by) in zip(ring, list(ring[1:]) + list(ring[:1]), strict=True):
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            result = not result
    return result


def _to_edge(x: float, y: float, ring: Sequence[Point]) -> float:
    """Distance from (x, y) to the ring's outline."""
    best = math.inf
    for (ax, ay), (bx, by) in zip(ring, list(ring[1:]) + list(ring[:1]), strict=True):
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length))
        best = min(best, math.hypot(x - ax - t * dx, y - ay - t * dy))
    return best


def area_label(
    ring: Sequence[Point],
    width: float,
    height: float,
    frame: Box | None = None,
    taken: Sequence[Box] = (),
    steps: int = 10,
) -> Box | None:
    """Where to write an area's name (a `width` x `height` box, pixels) inside its outline
    `ring`, within `frame` if given, clear of the `taken` boxes: the free spot farthest
    from the outline, so the name reads as the area's own. None if it fits nowhere."""
    if len(ring) < 3:
        return None
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
    if frame is not None:
        left, top, right, bottom = max(left, frame[0]), max(top, frame[1]), min(right, frame[2]), min(bottom, frame[3])
    left, top, right, bottom = left + width / 2, top + height / 2, right - width / 2, bottom - height / 2
    if left > right or top > bottom:
        return None
    # Only what lies over the region searched can be in the way.
    reach = (left - width / 2, top - height / 2, right + width / 2, bottom + height / 2)
    taken = [o for o in taken if reach[0] < o[2] and o[0] < reach[2] and reach[1] < o[3] and o[1] < reach[3]]
    best: tuple[float, Box] | None = None
    for i in range(steps + 1):
        for j in range(steps + 1):
            x, y = left + (right - left) * i / steps, top + (bottom - top) * j / steps
            box = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
            corners = ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3]), (x, y))
            if not all(inside(cx, cy, ring) for cx, cy in corners):
                continue
            if any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in taken):
                continue
            room = _to_edge(x, y, ring)
            if best is None or room > best[0]:
                best = (room, box)
    return best[1] if best is not None else None


def tiles_in(
    left: float, top: float, right: float, bottom: float, width: float, height: float, size: int
) -> list[tuple[int, int]]:
    """The (column, row) of the `size`-pixel tiles of a `width` x `height` map that the
    pixel rectangle touches."""
    if width <= 0 or height <= 0:
        return []
    columns, rows = math.ceil(width / size), math.ceil(height / size)
    c0, c1 = max(0, math.floor(left / size)), min(columns - 1, math.floor(right / size))
    r0, r1 = max(0, math.floor(top / size)), min(rows - 1, math.floor(bottom / size))
    return [(c, r) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]
