"""What the terril map shows at a zoom, decided in plain Python (no Qt).

The map's extent and its opening view; which markers fit at a zoom (grouped in bubbles
when they crowd, the main subjects and 'you are here' moved aside instead), the words
beside them and where those go; the communes' names; which tiles to draw first, and when
a new drawing's tiles replace the last one's. `kiosk.bridge.map` measures texts with the
kiosk's fonts, draws, and hands all this to QML. The placing tools themselves (grouping,
moving aside, label places, projection) are `kiosk.content.geo`.

Pixels are those of the map drawn `level` pixels wide (its height: `level * aspect`);
fractions are of the map's width (x) and height (y), 0 to 1.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kiosk.content.geo import (
    Bounds,
    Box,
    LabelRequest,
    Layer,
    LonLat,
    Point,
    Projection,
    area_label,
    cluster,
    declutter,
    extent,
    place_labels,
    spread,
    tiles_in,
)

#: Which markers win a place (and a label) when they crowd: where the visitor stands, then
#: the featured ones, then terrils, places, shafts; a bubble is named after its first by this.
PRIORITY = {"terril": 1, "place": 2, "shaft": 3}
#: The map reaches this share of its content's extent (layers and markers) beyond it on each side.
MAP_MARGIN = 0.04
#: The map's extent when nothing at all is placed on it (no layer, no marker): Loos-en-Gohelle.
FALLBACK_BOUNDS = Bounds(2.75, 50.43, 2.82, 50.48)
#: Around the markers, the opening view shows this share of their extent on each side.
FOCUS_MARGIN = 0.06
#: Pixels added to a label's measured width, so its last letter is never clipped.
LABEL_ROOM = 2.0
#: A commune's name is written in spaced capitals: its measured width times this.
AREA_SPACING = 1.08
#: Drawings of the map kept besides those on screen (a tile the cache let go is drawn again
#: from its drawing).
KEPT_DRAWINGS = 4

#: A rectangle in pixels: x, y, width, height.
Rect = tuple[float, float, float, float]
#: A name written inside an area (a commune), and where it is written.
AreaName = tuple[str, Rect]
#: An area to name: its layer's id, its name, its outline (map fractions).
Area = tuple[str, str, list[Point]]
#: The part of the map in view where the last zoom ended (fractions: left, top, right,
#: bottom) and the boxes in it that the page lays over the map (fractions too).
Frame = tuple[float, float, float, float, tuple[tuple[float, ...], ...]]
#: A text's measured width and height in pixels; `italic` for approximate places.
MeasureLabel = Callable[[str, bool], tuple[float, float]]
MeasureName = Callable[[str], tuple[float, float]]
#: A tile as the view's model holds it: key, level, column, row, front, ready, shown...
TileRow = dict[str, Any]


@dataclass(frozen=True)
class Style:
    """How the map is drawn, in pixels of the screen and colours of the Theme (sent by QML)."""

    ground: str = "#1d2126"
    stroke: float = 3.0
    label_family: str = "Inter"
    label_px: float = 24.0
    symbol: float = 30.0  # a marker's dot
    bubble: float = 52.0  # a group's bubble
    border: float = 3.0
    target: float = 80.0  # the touch target: shown markers keep this far apart
    gap: float = 6.0  # between a symbol and its label
    terril: str = "#7ea35a"
    shaft: str = "#e3b23c"
    place: str = "#5b9bd5"
    group: str = "#2a2f36"
    text: str = "#f3efe6"
    halo: str = "#121417"
    here: str = "#e3b23c"
    here_text: str = ""  # "vous êtes ici"
    area_text: str = "#b9b2a5"  # the names of the communes
    # A bubble's words, '%1' standing for how many it holds: of one kind, or of several.
    group_terril: str = "%1"
    group_shaft: str = "%1"
    group_place: str = "%1"
    group_mixed: str = "%1"


@dataclass(frozen=True)
class Pin:
    """A marker as a layout needs it: its place (map fractions) and its words in the
    visitor's language."""

    id: str
    kind: str  # terril, shaft or place
    x: float
    y: float
    title: str
    label: str  # the words beside it (see `label_text`)
    approximate: bool = False
    featured: bool = False
    here: bool = False


@dataclass
class Shown:
    """A marker, or a bubble for markers that crowd, as laid out at one zoom (pixels)."""

    id: str
    kind: str  # terril, shaft, place, or group
    x: float
    y: float
    title: str
    approximate: bool = False
    here: bool = False
    members: list[str] = field(default_factory=list)
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # what it holds, in map fractions
    label: str = ""
    label_rect: Rect | None = None  # where its label is drawn, if it fits
    featured: bool = False  # a main subject: never in a bubble
    origin: tuple[float, float] | None = None  # its true place, when it is drawn moved aside

    def reach(self, style: Style) -> float:
        """From its centre to the edge of what is drawn."""
        if self.kind == "group":
            return style.bubble / 2
        return style.symbol if self.here else style.symbol / 2 + style.border


@dataclass(frozen=True)
class Drawing:
    """Everything a tile shows: one drawing of the map (its number is in the tiles' names)."""

    level: float
    layers_on: tuple[bool, ...]
    markers: tuple[Shown, ...]
    style: Style
    areas: tuple[AreaName, ...] = ()


# -- the map's extent -------------------------------------------------------------------


def map_projection(layers: Iterable[Layer], markers: Sequence[LonLat]) -> Projection:
    """The map covers every layer and marker and a margin around them."""
    points = [p for data in layers for p in data.coordinates()] + list(markers)
    bounds = extent(points) or FALLBACK_BOUNDS
    return Projection(bounds.padded(MAP_MARGIN))


def opening_view(markers: Sequence[LonLat], projection: Projection) -> Bounds:
    """What the map shows when it opens: every marker and a margin, close enough for the
    main subjects to stand apart; the whole map if there is no marker."""
    found = extent(markers)
    return found.padded(FOCUS_MARGIN) if found else projection.bounds


def fractions_of(bounds: Bounds, projection: Projection) -> tuple[float, float, float, float]:
    """`bounds` as map fractions (x, y, width, height), cut to the map."""
    left, top = projection.to_map(bounds.west, bounds.north)
    right, bottom = projection.to_map(bounds.east, bounds.south)
    return max(0.0, left), max(0.0, top), min(1.0, right - left), min(1.0, bottom - top)


def width_metres(bounds: Bounds) -> float:
    """The ground distance across the middle of `bounds`, west to east, in metres (a sphere
    of the Earth's mean radius): the scale bar's measure."""
    latitude = (bounds.north + bounds.south) / 2
    return math.radians(bounds.east - bounds.west) * 6_371_008.8 * math.cos(math.radians(latitude))


def ring_area(ring: Sequence[Point]) -> float:
    """A ring's area (shoelace), whatever its direction."""
    return (
        abs(sum(ax * by - bx * ay for (ax, ay), (bx, by) in zip(ring, list(ring[1:]) + list(ring[:1]), strict=True)))
        / 2
    )


def areas_to_name(layers: Iterable[tuple[str, Layer]], projection: Projection) -> list[Area]:
    """The areas whose name the map writes inside them (a commune's): of each name in a
    layer, its largest polygon's outline."""
    areas: list[Area] = []
    for layer_id, data in layers:
        largest: dict[str, list[Point]] = {}
        for name, polygon in zip(data.names, data.polygons, strict=True):
            ring = [projection.to_map(lon, lat) for lon, lat in polygon[0]] if polygon and name else []
            if len(ring) >= 3 and ring_area(ring) > ring_area(largest.get(name, [])):
                largest[name] = ring
        areas += [(layer_id, name, ring) for name, ring in largest.items()]
    return areas


# -- words ------------------------------------------------------------------------------


def label_text(title: str, approximate: bool, here: bool, here_text: str) -> str:
    """The words beside a marker on the map: its name, '≈' first when its place is
    approximate, 'you are here' after the visitor's own place."""
    words = ("≈ " if approximate else "") + title
    return f"{words} · {here_text}" if here and here_text else words


def group_label(kinds: Collection[str], count: int, style: Style) -> str:
    """A bubble's words: '2 puits', '3 repères' (markers of several kinds)."""
    words = {"terril": style.group_terril, "shaft": style.group_shaft, "place": style.group_place}
    pattern = words[next(iter(kinds))] if len(kinds) == 1 else style.group_mixed
    return pattern.replace("%1", str(count))


# -- the layout at a zoom ---------------------------------------------------------------


def frame_px(frame: Frame | None, level: float, aspect: float, gap: float) -> Box | None:
    """The part of the map in view, in pixels, two gaps inside its edges."""
    if frame is None:
        return None
    left, top, right, bottom, _ = frame
    height, gap = level * aspect, gap * 2
    return (left * level + gap, top * height + gap, right * level - gap, bottom * height - gap)


def covered_px(frame: Frame | None, level: float, aspect: float, gap: float) -> list[Box]:
    """What the page lays over the map (scale, buttons), in pixels, a gap around."""
    if frame is None:
        return []
    height = level * aspect
    return [(b[0] * level - gap, b[1] * height - gap, b[2] * level + gap, b[3] * height + gap) for b in frame[4]]


def lay_out(
    pins: Sequence[Pin],
    level: float,
    aspect: float,
    closest: bool,
    hidden: Collection[str],
    style: Style,
    frame: Frame | None,
    measure: MeasureLabel,
) -> list[Shown]:
    """What the map shows at this zoom: markers a touch target apart, grouped (or at the
    closest zoom moved aside) when they crowd, each label where it overlaps nothing.

    'You are here' and the featured markers (the map's main subjects) are never put in
    a bubble: where they crowd, they are moved aside, a line leading to their place, the
    most important keeping its own. The others are grouped, and a bubble that would
    stand on a featured marker is moved aside the same way. Kinds in `hidden` are left out."""

    def first(i: int) -> bool:
        return pins[i].here or pins[i].featured

    order = sorted(
        (i for i, pin in enumerate(pins) if pin.kind not in hidden),
        key=lambda i: (not pins[i].here, not first(i), PRIORITY[pins[i].kind]),
    )
    pixels = [(pins[i].x * level, pins[i].y * level * aspect) for i in order]

    def single(index: int, px: float, py: float) -> Shown:
        return _single(pins[index], px, py, level, aspect)

    if closest:
        # The closest zoom: no bubble would open any further, so crowding markers move
        # aside instead, the most important keeping their places.
        spots = declutter(pixels, style.target)
        shown = [single(order[n], x, y) for n, (x, y) in enumerate(spots)]
        return _place_marker_labels(shown, level, aspect, style, frame, measure)
    lead = sum(1 for i in order if first(i))
    groups = [[lead + g for g in group] for group in cluster(pixels[lead:], style.target)]
    # The main subjects first, then each bubble's (or lone marker's) place: moved aside
    # from what stands before it in that order where they crowd.
    spots = spread(pixels[:lead], style.target)
    spots = declutter(spots + [pixels[group[0]] for group in groups], style.target)
    shown = [single(order[n], *spots[n]) for n in range(lead)]
    for group, (x, y) in zip(groups, spots[lead:], strict=True):
        members = [order[g] for g in group]
        shown.append(
            single(members[0], x, y) if len(members) == 1 else _group(pins, members, x, y, level, aspect, style)
        )
    return _place_marker_labels(shown, level, aspect, style, frame, measure)


def _moved(origin: Point, drawn: Point) -> Point | None:
    """A marker's true place, if it is drawn more than a pixel away from it; else None."""
    return origin if math.hypot(origin[0] - drawn[0], origin[1] - drawn[1]) > 1 else None


def _single(pin: Pin, px: float, py: float, level: float, aspect: float) -> Shown:
    """A marker drawn at (px, py): its own place, or beside it when moved aside."""
    return Shown(
        pin.id,
        pin.kind,
        px,
        py,
        pin.title,
        pin.approximate,
        pin.here,
        [pin.id],
        (pin.x, pin.y, pin.x, pin.y),
        pin.label,
        featured=pin.featured,
        origin=_moved((pin.x * level, pin.y * level * aspect), (px, py)),
    )


def _group(
    pins: Sequence[Pin], members: list[int], px: float, py: float, level: float, aspect: float, style: Style
) -> Shown:
    """A bubble for markers that crowd at this zoom, named after the first by `PRIORITY`
    (then by the order given); a tap zooms onto `box`. Its label says what it holds."""
    xs = [pins[m].x for m in members]
    ys = [pins[m].y for m in members]
    first = pins[min(members, key=lambda m: (PRIORITY[pins[m].kind], members.index(m)))]
    ax, ay = xs[0] * level, ys[0] * level * aspect
    return Shown(
        f"group:{first.id}",
        "group",
        px,
        py,
        str(len(members)),
        False,
        members=[pins[m].id for m in members],
        box=(min(xs), min(ys), max(xs), max(ys)),
        label=group_label({pins[m].kind for m in members}, len(members), style),
        origin=_moved((ax, ay), (px, py)),
    )


def _place_marker_labels(
    shown: list[Shown], level: float, aspect: float, style: Style, frame: Frame | None, measure: MeasureLabel
) -> list[Shown]:
    """Each label where it overlaps no other label and no other marker, or none; inside
    the part of the map in view where it can. Markers' own names are placed before the
    bubbles' (most important first within each)."""
    shown.sort(key=lambda s: s.kind == "group")
    requests = []
    for s in shown:
        width, height = 0.0, 0.0
        if s.label:
            advance, height = measure(s.label, s.approximate)
            width = advance + LABEL_ROOM
        requests.append(LabelRequest(s.x, s.y, s.reach(style), width, height))
    placed = place_labels(
        requests, style.gap, frame_px(frame, level, aspect, style.gap), covered_px(frame, level, aspect, style.gap)
    )
    for s, request, where in zip(shown, requests, placed, strict=True):
        if where is not None:
            s.label_rect = (s.x + where[0], s.y + where[1], request.width, request.height)
    return shown


def _grown(rect: Rect, pad: float) -> Box:
    """`rect` grown by `pad` on every side, as a box; the sums in the order Qt's
    QRectF.adjusted makes them, so names land where they always did, to the last bit."""
    x, y, width, height = rect
    left, top = x - pad, y - pad
    return left, top, left + (width + pad + pad), top + (height + pad + pad)


def name_areas(
    areas: Sequence[Area],
    hidden: Collection[str],
    level: float,
    aspect: float,
    shown: Sequence[Shown],
    style: Style,
    frame: Frame | None,
    measure: MeasureName,
) -> list[AreaName]:
    """The communes' names (in capitals), each inside its outline and in view, clear of
    every marker, name and leader line, and of what the page lays over the map; those of
    hidden layers left out."""
    if not areas:
        return []
    pad = style.gap
    taken = covered_px(frame, level, aspect, pad)
    for s in shown:
        r = s.reach(style) + pad
        taken.append((s.x - r, s.y - r, s.x + r, s.y + r))
        if s.label_rect is not None:
            taken.append(_grown(s.label_rect, pad))
        if s.origin is not None:
            taken.append(
                (
                    min(s.x, s.origin[0]) - pad,
                    min(s.y, s.origin[1]) - pad,
                    max(s.x, s.origin[0]) + pad,
                    max(s.y, s.origin[1]) + pad,
                )
            )
    in_view = frame_px(frame, level, aspect, style.gap)
    named: list[AreaName] = []
    for layer_id, name, ring in areas:
        if layer_id in hidden:
            continue
        advance, height = measure(name.upper())
        width = advance * AREA_SPACING + pad * 2
        box = area_label([(x * level, y * level * aspect) for x, y in ring], width, height, in_view, taken)
        if box is None:
            continue
        taken.append(box)
        named.append((name, (box[0], box[1], box[2] - box[0], box[3] - box[1])))
    return named


def nearest(shown: Iterable[Shown], x: float, y: float, reach: float) -> str:
    """The id of the marker or bubble nearest to (x, y) pixels within `reach`, "" if none
    (of two as near, the later one). Shown markers stand a touch target apart, so each keeps at least
    half a target all round: close markers share the glass between them fairly."""
    best, best_distance = "", reach
    for s in shown:
        distance = math.hypot(s.x - x, s.y - y)
        if distance <= best_distance:
            best, best_distance = s.id, distance
    return best


# -- tiles ------------------------------------------------------------------------------


def tiles_middle_first(
    level: float, aspect: float, left: float, top: float, right: float, bottom: float, size: int
) -> list[tuple[int, int]]:
    """The (column, row) of the `size`-pixel tiles over (left, top, right, bottom) map
    fractions, the middle of that view first: the order they are drawn in."""
    width, height = level, level * aspect
    cx, cy = (left + right) / 2 * width / size, (top + bottom) / 2 * height / size
    return sorted(
        tiles_in(left * width, top * height, right * width, bottom * height, width, height, size),
        key=lambda t: (t[0] + 0.5 - cx) ** 2 + (t[1] + 0.5 - cy) ** 2,
    )


def kept_under(old: Sequence[Mapping[str, Any]]) -> list[TileRow]:
    """While a new drawing is under way, the tiles that stay under it: the last drawing's
    tiles already drawn (no longer in front), or, if none of them was drawn yet, those of
    the one before."""
    back = [dict(row, front=False) for row in old if row["front"] and row["ready"]]
    return back or [dict(row) for row in old if not row["front"]]


def showing(rows: Sequence[Mapping[str, Any]]) -> tuple[list[TileRow], bool]:
    """Which tiles show (`shown`), and whether the new drawing is complete. The new
    drawing (the rows in `front`) shows once all its tiles are drawn, and the old ones go
    then; with nothing under it, each of its tiles shows as soon as it is drawn."""
    complete = all(row["ready"] for row in rows if row["front"])
    if complete:
        rows = [row for row in rows if row["front"]]
    alone = all(row["front"] for row in rows)
    return [dict(row, shown=row["ready"] and (complete or alone or not row["front"])) for row in rows], complete


def drawings_to_forget(numbers: Sequence[int], on_screen: Collection[int], keep: int = KEPT_DRAWINGS) -> list[int]:
    """Of the drawings kept (oldest first), those to let go: the oldest beyond `keep`,
    never one whose tiles are on screen."""
    return [n for n in numbers if n not in on_screen][: max(0, len(numbers) - keep)]
