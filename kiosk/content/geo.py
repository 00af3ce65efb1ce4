"""Vector layers (GeoJSON, WGS84 longitude/latitude) and the map's projection. Plain Python.

The map covers a few kilometres, so an equirectangular projection (longitudes shrunk by
the cosine of the latitude) is exact to well under a pixel. Positions come out as
fractions of the map's width (x: 0..1) and of its height (y: 0..1), north up.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

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
        return (self.bounds.west + x * (self.bounds.east - self.bounds.west),
                self.bounds.north - y * (self.bounds.north - self.bounds.south))


@dataclass
class Layer:
    """A GeoJSON file as drawable rings and lines, and what could not be drawn."""

    rings: list[list[LonLat]] = field(default_factory=list)  # closed (polygons)
    lines: list[list[LonLat]] = field(default_factory=list)  # open
    points: list[LonLat] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # geometry type -> count

    def coordinates(self) -> Iterator[LonLat]:
        for ring in self.rings:
            yield from ring
        for line in self.lines:
            yield from line
        yield from self.points

    def is_empty(self) -> bool:
        return not (self.rings or self.lines or self.points)


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
    for geometry in _geometries(data):
        _add(layer, geometry)
    return layer


def _geometries(data: object) -> Iterator[dict]:
    if not isinstance(data, dict) or "type" not in data:
        raise GeoJSONError("not GeoJSON: expected an object with a \"type\" (FeatureCollection, Feature...)")
    kind = data["type"]
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise GeoJSONError("a FeatureCollection needs a \"features\" list")
        for feature in features:
            yield from _geometries(feature)
    elif kind == "Feature":
        geometry = data.get("geometry")
        if geometry is not None:
            yield from _geometries(geometry)
    elif kind == "GeometryCollection":
        for geometry in data.get("geometries") or []:
            yield from _geometries(geometry)
    else:
        yield data


def _position(value: object) -> LonLat:
    if not (isinstance(value, list) and len(value) >= 2 and all(isinstance(v, int | float) for v in value[:2])):
        raise GeoJSONError(f"a position must be [longitude, latitude], not {json.dumps(value)[:40]}")
    lon, lat = float(value[0]), float(value[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise GeoJSONError(f"position [{lon}, {lat}] is not a longitude/latitude (WGS84 degrees)")
    return lon, lat


def _add(layer: Layer, geometry: dict) -> None:
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
            layer.rings.extend([_position(p) for p in ring] for ring in coords)  # type: ignore[union-attr]
        elif kind == "MultiPolygon":
            for polygon in coords:  # type: ignore[union-attr]
                layer.rings.extend([_position(p) for p in ring] for ring in polygon)
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


def simplify(ring: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Drop points closer than `tolerance` to the previous kept one (cheap, keeps the shape)."""
    if len(ring) <= 4:
        return list(ring)
    kept = [ring[0]]
    for point in ring[1:-1]:
        if abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= tolerance:
            kept.append(point)
    kept.append(ring[-1])
    return kept
