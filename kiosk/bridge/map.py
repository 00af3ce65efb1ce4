"""The terril map as QML sees it: the map drawn in tiles at the zoom the visitor chose,
the markers that fit at that zoom (grouped when they crowd, the featured ones and 'you
are here' moved aside instead, labels that never overlap and stay inside the view where
the zoom ended), the communes' names, cards and the profile. The projection and the
placing rules are `kiosk.content.geo`.

Why tiles: Qt's software renderer (a PC without a graphics card) re-checks and redraws
every moving item each frame, so a map of a thousand shapes and markers cannot pan at
60 frames a second as items. Once a zoom ends, a thread draws the map (background
picture, layers and markers) into 512-pixel tiles, and the labels into see-through
tiles of their own; the view only moves them while a finger pans. While it pinches, it
scales the map's tiles and hides the labels, so a label is never shown larger or smaller
than its legible size, and never over another one as markers close in.
"""

from __future__ import annotations

import itertools
import logging
import math
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QImageReader,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtQml import QmlElement
from PySide6.QtQuick import QQuickImageProvider

from kiosk.bridge.listmodel import RowsModel
from kiosk.bridge.models import media_focus, media_url
from kiosk.bridge.section import LinkLabel, SectionController
from kiosk.content.geo import (
    Bounds,
    LabelRequest,
    Layer,
    Projection,
    area_label,
    cluster,
    declutter,
    extent,
    place_labels,
    read_layer,
    simplify,
    spread,
    tiles_in,
)
from kiosk.content.media import contained_path
from kiosk.content.schema import MapSection

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: Tiles are this many pixels square at the zoom they are drawn for.
TILE = 512
#: Bytes of drawn tiles kept (a map tile is 1 MB, its labels up to as much): those around
#: the view, and some to come back to; the least recently used go first. A 1920x1080 view
#: and its margins take 35 to 45 MB, so this holds one drawing and most of the one before.
#: On a larger screen tiles the cache let go are drawn again when asked for. An idle reset
#: empties it (`MapController.release`).
TILE_CACHE_BYTES = 64 * 1024 * 1024
#: Outlines are stroked in runs of this many points, so a tile strokes little beyond itself.
RUN_POINTS = 16
#: How often drawn tiles are taken from the drawing thread while some are on their way.
COLLECT_EVERY_MS = 8
#: The background picture is decoded once, at most this many pixels on its longer side.
BACKGROUND_MAX_PX = 4096
#: Around the markers, the opening view shows this share of their extent on each side.
FOCUS_MARGIN = 0.06
#: Which markers win a place (and a label) when they crowd: where the visitor stands, then
#: terrils, places, shafts.
PRIORITY = {"terril": 1, "place": 2, "shaft": 3}


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


#: Names QML uses in setStyle -> fields of Style.
STYLE_KEYS = {"ground": "ground", "stroke": "stroke", "labelFamily": "label_family", "labelSize": "label_px",
              "symbol": "symbol", "bubble": "bubble", "border": "border", "target": "target", "gap": "gap",
              "terril": "terril", "shaft": "shaft", "place": "place", "group": "group", "text": "text",
              "halo": "halo", "here": "here", "hereText": "here_text", "areaText": "area_text",
              "groupTerril": "group_terril", "groupShaft": "group_shaft", "groupPlace": "group_place",
              "groupMixed": "group_mixed"}


@dataclass
class Shown:
    """A marker, or a bubble for markers that crowd, as laid out at one zoom. Pixels are
    those of the map at that zoom."""

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
    label_rect: QRectF | None = None  # where its label is drawn, if it fits
    featured: bool = False  # a main subject: never in a bubble
    origin: tuple[float, float] | None = None  # its true place, when it is drawn moved aside

    def reach(self, style: Style) -> float:
        """From its centre to the edge of what is drawn."""
        if self.kind == "group":
            return style.bubble / 2
        return style.symbol if self.here else style.symbol / 2 + style.border


def _label_font(style: Style, italic: bool) -> QFont:
    font = QFont(style.label_family)
    font.setPixelSize(max(1, round(style.label_px)))
    font.setWeight(QFont.Weight.DemiBold)
    font.setItalic(italic)
    return font


def _area_font(style: Style) -> QFont:
    """Communes' names: capitals, spaced a little, lighter than the markers' names."""
    font = QFont(style.label_family)
    font.setPixelSize(max(1, round(style.label_px * 0.85)))
    font.setWeight(QFont.Weight.DemiBold)
    font.setCapitalization(QFont.Capitalization.AllUppercase)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    return font


#: A name written inside an area (a commune), where it is drawn.
AreaName = tuple[str, QRectF]


def _area(ring: Sequence[tuple[float, float]]) -> float:
    """A ring's area (shoelace), whatever its direction."""
    return abs(sum(ax * by - bx * ay for (ax, ay), (bx, by) in zip(ring, list(ring[1:]) + list(ring[:1]),
                                                                    strict=True))) / 2


def _metres(west: float, east: float, latitude: float) -> float:
    """The ground distance between two longitudes at a latitude (a sphere of the Earth's mean radius)."""
    return math.radians(east - west) * 6_371_008.8 * math.cos(math.radians(latitude))


def _moved(origin: tuple[float, float], drawn: tuple[float, float]) -> tuple[float, float] | None:
    """A marker's true place, if it is drawn more than a pixel away from it; else None."""
    return origin if math.hypot(origin[0] - drawn[0], origin[1] - drawn[1]) > 1 else None


def _blend(ground: QColor, colour: QColor, alpha: float) -> QColor:
    """`colour` at `alpha` over `ground`, as an opaque colour (opaque fills are cheaper)."""
    return QColor.fromRgbF(*(g + (c - g) * alpha for g, c in ((ground.redF(), colour.redF()),
                                                              (ground.greenF(), colour.greenF()),
                                                              (ground.blueF(), colour.blueF()))))


#: A shape ready to draw: its area to fill (None for a line) and its outline in runs, with bounds.
_Shape = tuple[QPainterPath | None, list[tuple[QRectF, QPolygonF]]]


def _runs(points: list[QPointF], length: int = RUN_POINTS) -> list[tuple[QRectF, QPolygonF]]:
    """An outline cut in runs of `length` points; each run starts a segment before the last
    one ended, so their flat ends overlap and the outline shows no seam."""
    runs = []
    for start in range(0, max(1, len(points) - 2), length - 2):
        run = QPolygonF(points[start:start + length])
        runs.append((run.boundingRect(), run))
    return runs


class TileRenderer:
    """Draws a square of the map: the background picture, the layers, then the markers and
    their labels, at a zoom."""

    def __init__(self, projection: Projection, layers: Sequence[tuple[str, Layer]],
                 background: tuple[Path, Bounds] | None) -> None:
        self.aspect = projection.aspect
        self._lock = threading.Lock()

        def scaled(lon: float, lat: float) -> tuple[float, float]:
            # Map fractions with y stretched by the aspect: the same unit both ways, to simplify.
            x, y = projection.to_map(lon, lat)
            return x, y * self.aspect

        # Each layer: its polygons and lines (with their bounds), and its points.
        self._layers: list[tuple[QColor, list[tuple[QRectF, list[list[tuple[float, float]]], bool]], QPolygonF]] = []
        for colour, data in layers:
            shapes = [([[scaled(*p) for p in ring] for ring in polygon], True) for polygon in data.polygons]
            shapes += [([[scaled(*p) for p in line]], False) for line in data.lines]
            self._layers.append((QColor(colour), [(self._bounds(rings), rings, closed) for rings, closed in shapes],
                                 QPolygonF([QPointF(*projection.to_map(lon, lat)) for lon, lat in data.points])))
        # Shapes simplified for a zoom, made the first time a tile needs them: one set per
        # level of detail (a halving of the tolerance), five or so between zoom 1 and 8.
        self._simplified: dict[tuple[int, int, int], _Shape] = {}
        self._background_file = background[0] if background else None
        self.background_rect: QRectF | None = None
        if background is not None:
            b = background[1]
            (left, top), (right, bottom) = projection.to_map(b.west, b.north), projection.to_map(b.east, b.south)
            self.background_rect = QRectF(left, top, right - left, bottom - top)
        self._background: QImage | None = None

    def _background_image(self) -> QImage | None:
        with self._lock:
            if self._background is None and self._background_file is not None:
                reader = QImageReader(str(self._background_file))
                reader.setAutoTransform(True)
                size = reader.size()
                longest = max(size.width(), size.height())
                if longest > BACKGROUND_MAX_PX:
                    reader.setScaledSize(size * (BACKGROUND_MAX_PX / longest))
                image = reader.read()
                if image.isNull():
                    log.warning("map background %s cannot be read: %s", self._background_file, reader.errorString())
                    self._background_file = None
                else:
                    self._background = image.convertToFormat(QImage.Format.Format_RGB32)
            return self._background

    def release(self) -> None:
        """Forget the shapes simplified for each zoom and the decoded background picture
        (both are made again when a tile needs them)."""
        with self._lock:
            self._simplified.clear()
            self._background = None

    def _bounds(self, rings: list[list[tuple[float, float]]]) -> QRectF:
        xs = [x for ring in rings for x, _ in ring]
        ys = [y / self.aspect for ring in rings for _, y in ring]
        return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)) if xs else QRectF()

    def _shape(self, width: float, layer: int, index: int) -> _Shape:
        """A polygon (its area to fill and outline runs to stroke) or a line (runs only),
        simplified to half a pixel of a map `width` pixels wide: a thick outline costs in
        proportion to its points."""
        detail = max(0, math.ceil(math.log2(max(width, 1) / 0.5)))  # tolerance: 2**-detail of the width
        key = (detail, layer, index)
        with self._lock:
            found = self._simplified.get(key)
            if found is None:
                _, rings, closed = self._layers[layer][1][index]
                area = QPainterPath() if closed else None
                runs: list[tuple[QRectF, QPolygonF]] = []
                for ring in rings:
                    kept = [QPointF(x, y / self.aspect) for x, y in simplify(ring, 2.0 ** -detail)]
                    if area is not None:
                        area.setFillRule(Qt.FillRule.OddEvenFill)  # holes stay holes
                        area.addPolygon(QPolygonF(kept))
                        area.closeSubpath()
                    runs += _runs(kept)
                found = self._simplified[key] = (area, runs)
            return found

    def render(self, level: float, column: int, row: int, layers_on: Sequence[bool], markers: Sequence[Shown],
               style: Style) -> QImage:
        """The tile (column, row) of the map drawn `level` pixels wide."""
        width, height = level, level * self.aspect
        size = QSize(max(1, min(TILE, math.ceil(width) - column * TILE)),
                     max(1, min(TILE, math.ceil(height) - row * TILE)))
        image = QImage(size, QImage.Format.Format_RGB32)
        ground = QColor(style.ground)
        image.fill(ground)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.translate(-column * TILE, -row * TILE)
        painter.save()
        painter.scale(width, height)
        seen = QRectF(column * TILE / width, row * TILE / height, TILE / width, TILE / height)
        background = self._background_image() if self.background_rect is not None else None
        if background is not None and self.background_rect is not None and self.background_rect.intersects(seen):
            painter.drawImage(self.background_rect, background, QRectF(background.rect()))
        # A shape reaches the tile if its bounds, widened by the stroke, touch it.
        margin = style.stroke * 2
        reach = seen.adjusted(-margin / width, -margin / height, margin / width, margin / height)
        for number, ((colour, shapes, points), on) in enumerate(zip(self._layers, layers_on, strict=True)):
            if not on:
                continue
            near = [self._shape(width, number, index) for index, (bounds, _, _) in enumerate(shapes)
                    if bounds.intersects(reach)]
            if background is None:  # over a picture, outlines only, so the picture shows through
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(_blend(ground, colour, 0.18))
                for area, _ in near:
                    if area is not None:
                        painter.drawPath(area)
            # Flat ends and bevelled corners: at this width they look round, and cost a third.
            pen = QPen(colour, style.stroke, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap, Qt.PenJoinStyle.BevelJoin)
            pen.setCosmetic(True)  # the same width on screen at every zoom
            painter.setPen(pen)
            for _, runs in near:
                for bounds, run in runs:
                    if bounds.intersects(reach):
                        painter.drawPolyline(run)
            if not points.isEmpty():
                dot = QPen(colour, style.stroke * 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
                dot.setCosmetic(True)
                painter.setPen(dot)
                painter.drawPoints(points)
        painter.restore()
        self._draw_symbols(painter, QRectF(column * TILE, row * TILE, TILE, TILE), markers, style)
        painter.end()
        return image

    def render_labels(self, level: float, column: int, row: int, markers: Sequence[Shown],
                      style: Style, areas: Sequence[AreaName] = ()) -> tuple[QImage, QPoint] | None:
        """The labels over tile (column, row) on a see-through ground, cut to the part of the
        tile they cover, and where that part starts in the tile; None if the tile has none."""
        tile = QRectF(column * TILE, row * TILE, min(TILE, math.ceil(level) - column * TILE),
                      min(TILE, math.ceil(level * self.aspect) - row * TILE))
        labelled = [m for m in markers if m.label_rect is not None and m.label_rect.intersects(tile)]
        named = [(name, rect) for name, rect in areas if rect.intersects(tile)]
        if not labelled and not named:
            return None
        # Room for the halo and for italics leaning out of their box.
        pad = max(1.0, style.border * 0.75) + style.label_px * 0.3
        area = QRectF()
        for rect in [m.label_rect for m in labelled] + [rect for _, rect in named]:
            assert rect is not None
            area = area.united(rect.adjusted(-pad, -pad, pad, pad))
        box = area.toAlignedRect().intersected(tile.toAlignedRect())
        if box.isEmpty():
            return None
        image = QImage(box.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.translate(-box.x(), -box.y())
        self._draw_areas(painter, named, style)
        self._draw_labels(painter, labelled, style)
        painter.end()
        return image, box.topLeft() - tile.toAlignedRect().topLeft()

    def _draw_symbols(self, painter: QPainter, tile: QRectF, markers: Sequence[Shown], style: Style) -> None:
        """The markers' symbols and the bubbles (their labels are drawn apart, see `render_labels`)."""
        reach_px = style.symbol + style.bubble
        near = tile.adjusted(-reach_px, -reach_px, reach_px, reach_px)
        halo = QColor(style.halo)
        colours = {"terril": QColor(style.terril), "shaft": QColor(style.shaft), "place": QColor(style.place),
                   "group": QColor(style.group)}
        count_font = QFont(style.label_family)
        count_font.setPixelSize(max(1, round(style.label_px)))
        count_font.setWeight(QFont.Weight.Bold)
        # Markers moved aside: a thin line from their true place (a small dot) to their symbol,
        # under every symbol.
        leader = QPen(QColor(style.text), max(1.0, style.border / 1.5))
        for m in markers:
            if m.origin is None:
                continue
            ox, oy = m.origin
            if not near.intersects(QRectF(QPointF(min(ox, m.x), min(oy, m.y)), QPointF(max(ox, m.x), max(oy, m.y)))):
                continue
            painter.setPen(leader)
            painter.drawLine(QPointF(ox, oy), QPointF(m.x, m.y))
            painter.setPen(QPen(halo, style.border / 2))
            painter.setBrush(QColor(style.text))
            painter.drawEllipse(QPointF(ox, oy), style.border * 1.2, style.border * 1.2)
        for m in markers:
            if not near.contains(m.x, m.y):
                continue
            centre = QPointF(m.x, m.y)
            if m.here:  # 'you are here': a ring around the symbol
                painter.setPen(QPen(QColor(style.here), style.border))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(centre, style.symbol, style.symbol)
            painter.setBrush(colours[m.kind])
            if m.kind == "group":
                r = style.bubble / 2
                painter.setPen(QPen(QColor(style.text), style.border))
                painter.drawEllipse(centre, r, r)
                painter.setFont(count_font)
                painter.setPen(QColor(style.text))
                painter.drawText(QRectF(m.x - r, m.y - r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter,
                                 str(len(m.members)))
                continue
            r = style.symbol / 2
            painter.setPen(QPen(halo, style.border))
            if m.kind == "shaft":  # shafts square, terrils and places round
                painter.drawRoundedRect(QRectF(m.x - r, m.y - r, 2 * r, 2 * r), style.border, style.border)
            else:
                painter.drawEllipse(centre, r, r)
            if m.approximate:  # a dashed ring: the place is approximate (and the label says '≈')
                dashed = QPen(colours[m.kind], style.border / 1.5, Qt.PenStyle.DashLine)
                painter.setPen(dashed)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(centre, r + style.border * 2, r + style.border * 2)

    def _draw_areas(self, painter: QPainter, areas: Sequence[AreaName], style: Style) -> None:
        """Communes' names, with the same dark halo as the markers' names."""
        if not areas:
            return
        painter.setFont(_area_font(style))
        halo_px = max(1.0, style.border * 0.75)
        around = [(halo_px * math.cos(a * math.pi / 4), halo_px * math.sin(a * math.pi / 4)) for a in range(8)]
        flags = int(Qt.AlignmentFlag.AlignCenter)
        for name, rect in areas:
            painter.setPen(QColor(style.halo))
            for dx, dy in around:
                painter.drawText(rect.translated(dx, dy), flags, name)
            painter.setPen(QColor(style.area_text))
            painter.drawText(rect, flags, name)

    def _draw_labels(self, painter: QPainter, markers: Sequence[Shown], style: Style) -> None:
        """Labels with a dark halo: the text drawn around itself in the halo's colour, then over it."""
        halo = QColor(style.halo)
        fonts = {italic: _label_font(style, italic) for italic in (False, True)}
        halo_px = max(1.0, style.border * 0.75)
        around = [(halo_px * math.cos(a * math.pi / 4), halo_px * math.sin(a * math.pi / 4)) for a in range(8)]
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for m in markers:
            rect = m.label_rect
            assert rect is not None
            painter.setFont(fonts[m.approximate])
            painter.setPen(halo)
            for dx, dy in around:
                painter.drawText(rect.translated(dx, dy), flags, m.label)
            painter.setPen(QColor(style.text))
            painter.drawText(rect, flags, m.label)


#: A drawn tile: the map, and its labels with where they start in the tile (None where no
#: label reaches the tile).
Drawn = tuple[QImage, tuple[QImage, QPoint] | None]
#: The end of a label tile's name: the map tile's name, then this.
LABELS = "/labels"


def _drawn_bytes(drawn: Drawn) -> int:
    return drawn[0].sizeInBytes() + (drawn[1][0].sizeInBytes() if drawn[1] is not None else 0)


class TileCache:
    """Drawn tiles by name, at most `limit` bytes of pictures; the least recently used go first.

    A tile larger than the whole limit is not kept (it is drawn again when asked for)."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = TILE_CACHE_BYTES if limit is None else limit
        self.bytes = 0
        self._tiles: OrderedDict[str, tuple[Drawn, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._tiles)

    def __contains__(self, key: str) -> bool:
        return key in self._tiles

    def keys(self) -> list[str]:
        """Oldest first."""
        return list(self._tiles)

    def get(self, key: str) -> Drawn | None:
        """The tile, now the most recently used; None if it is not kept."""
        found = self._tiles.get(key)
        if found is None:
            return None
        self._tiles.move_to_end(key)
        return found[0]

    def peek(self, key: str) -> Drawn | None:
        """The tile, its place in the order unchanged."""
        found = self._tiles.get(key)
        return found[0] if found is not None else None

    def put(self, key: str, drawn: Drawn) -> None:
        self.pop(key)
        size = _drawn_bytes(drawn)
        if size > self.limit:
            return
        while self._tiles and self.bytes + size > self.limit:
            _, (_, freed) = self._tiles.popitem(last=False)
            self.bytes -= freed
        self._tiles[key] = (drawn, size)
        self.bytes += size

    def pop(self, key: str) -> None:
        found = self._tiles.pop(key, None)
        if found is not None:
            self.bytes -= found[1]

    def clear(self) -> None:
        self._tiles.clear()
        self.bytes = 0


def _labels_at(drawn: Drawn | None) -> dict[str, Any]:
    """A tile row's word on its labels: whether it has some, and where they start."""
    labels = drawn[1] if drawn is not None else None
    at = labels[1] if labels is not None else QPoint()
    return {"labels": labels is not None, "labelsX": at.x(), "labelsY": at.y()}


def _draw(renderer: TileRenderer, scene: _Scene, column: int, row: int) -> Drawn:
    return (renderer.render(scene.level, column, row, scene.layers_on, scene.markers, scene.style),
            renderer.render_labels(scene.level, column, row, scene.markers, scene.style, scene.areas))


def _draw_tile(renderer: TileRenderer, scene: _Scene, column: int, row: int, key: str,
               done: queue.SimpleQueue[tuple[str, Drawn]]) -> None:
    """In the drawing thread: draw a tile, hand it over (an empty one if drawing failed)."""
    try:
        drawn = _draw(renderer, scene, column, row)
    except Exception:  # a tile must come back, or the map would wait for it for ever
        log.exception("map tile %s could not be drawn", key)
        drawn = (QImage(), None)
    done.put((key, drawn))


class MapTiles(QQuickImageProvider):
    """`image://map/TOKEN/...`: the tiles the map controllers have drawn."""

    NAME = "map"

    def __init__(self, controllers: Callable[[], Sequence[object]]) -> None:
        """`controllers` gives the section controllers on screen now: new content (a preview
        reload, a swap) brings new map controllers, with new tile tokens."""
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._controllers = controllers

    def requestImage(self, tile_id: str, size: QSize, requested: QSize) -> QImage:  # noqa: N802
        token = tile_id.split("/", 1)[0]
        controller = next(
            (c for c in self._controllers() if isinstance(c, MapController) and c.tile_token == token), None
        )
        image = controller.tile(f"image://{self.NAME}/{tile_id}") if controller is not None else None
        if image is None:
            log.warning("no map tile %r", tile_id)
            return QImage()
        return image


class KeyedRows(RowsModel):
    """Rows identified by a key: rows that stay keep their delegate and get new values."""

    def sync(self, rows: list[dict[str, Any]], key: str) -> None:
        self.update_keyed(rows, key)
        fresh = {row[key]: row for row in rows}
        for index, row in enumerate(self._rows):
            new = fresh[row[key]]
            if new != row:
                self._rows[index] = new
                self.dataChanged.emit(self.index(index, 0), self.index(index, 0), [])

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)


@dataclass(frozen=True)
class _Scene:
    """Everything a tile shows: one drawing of the map."""

    level: float
    layers_on: tuple[bool, ...]
    markers: tuple[Shown, ...]
    style: Style
    areas: tuple[AreaName, ...] = ()


_tokens = itertools.count(1)


@QmlElement
class MapController(SectionController, QObject):
    """The map section: tiles, markers, cards and the profile."""

    languageChanged = Signal()
    hiddenChanged = Signal()
    layoutChanged = Signal()
    drawingChanged = Signal()

    def __init__(
        self,
        section: MapSection,
        root: Path,
        default_language: str,
        link_label: LinkLabel,
        parent: QObject | None = None,
    ) -> None:
        QObject.__init__(self, parent)
        self._setup(section, root, default_language, link_label)
        self._section: MapSection = section
        self._layers = [(layer, read_layer(contained_path(root, layer.file))) for layer in section.layers]
        points = [p for _, data in self._layers for p in data.coordinates()]
        points += [(m.lon, m.lat) for m in section.markers]
        bounds = extent(points) or Bounds(2.75, 50.43, 2.82, 50.48)
        self._projection = Projection(bounds.padded(0.04))
        background = None
        if section.background is not None:
            b = section.background
            background = (contained_path(root, b.image.path), Bounds(b.west, b.south, b.east, b.north))
        self.renderer = TileRenderer(self._projection, [(layer.colour, data) for layer, data in self._layers],
                                     background)
        self.tile_token = str(next(_tokens))
        self._markers_xy = [self._projection.to_map(m.lon, m.lat) for m in section.markers]
        # The areas to name (a commune's name inside its outline): the largest polygon of each name.
        self._areas: list[tuple[str, str, list[tuple[float, float]]]] = []
        for layer, data in self._layers:
            largest: dict[str, list[tuple[float, float]]] = {}
            for name, polygon in zip(data.names, data.polygons, strict=True):
                ring = [self._projection.to_map(lon, lat) for lon, lat in polygon[0]] if polygon and name else []
                if len(ring) >= 3 and _area(ring) > _area(largest.get(name, [])):
                    largest[name] = ring
            self._areas += [(layer.id, name, ring) for name, ring in largest.items()]
        # The part of the map in view when the last zoom ended (fractions): labels keep inside it.
        self._frame: tuple[float, float, float, float, tuple[tuple[float, ...], ...]] | None = None
        self._laid_frame = self._frame  # the frame of the current layout
        marker_bounds = extent([(m.lon, m.lat) for m in section.markers])
        # The opening view: every marker, close enough for the main subjects to stand apart.
        self._focus = marker_bounds.padded(FOCUS_MARGIN) if marker_bounds else self._projection.bounds
        self._hidden: set[str] = {layer.id for layer in section.layers if not layer.visible}
        self._style = Style()
        self._view: tuple[float, float, float, float, float, bool] = (0.0, 0.0, 0.0, 1.0, 1.0, False)
        # Drawings of the map by number (the number is in the tiles' names); the last few kept.
        self._scenes: OrderedDict[int, _Scene] = OrderedDict()
        self._scene_numbers: dict[tuple[Any, ...], int] = {}
        self._next_scene = itertools.count(1)
        self._current = 0
        self.tiles = KeyedRows(
            ("key", "level", "column", "row", "front", "ready", "shown", "labels", "labelsX", "labelsY"), self
        )
        # Tiles are drawn by a thread of their own, the middle of the view first, so frames
        # go on meanwhile. The thread touches no Qt object of the map: it hands each tile
        # over through a queue, which a timer empties while tiles are on their way.
        self._cache = TileCache()
        self._jobs: dict[str, Future[None]] = {}
        self._done: queue.SimpleQueue[tuple[str, Drawn]] = queue.SimpleQueue()
        self._drawing = False
        executor = self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="map-tiles")
        # Gone with the map: what waits is dropped, a tile being drawn is finished first.
        self.destroyed.connect(lambda: executor.shutdown(wait=True, cancel_futures=True))
        self._collect = QTimer(self)
        self._collect.setInterval(COLLECT_EVERY_MS)
        self._collect.timeout.connect(self._collect_drawn)

    # -- what QML reads ----------------------------------------------------------------
    @Property("QVariantMap", constant=True)
    def focus(self) -> dict[str, float]:
        """The part of the map shown when it opens, as fractions: x, y, width, height."""
        left, top = self._projection.to_map(self._focus.west, self._focus.north)
        right, bottom = self._projection.to_map(self._focus.east, self._focus.south)
        return {"x": max(0.0, left), "y": max(0.0, top), "width": min(1.0, right - left),
                "height": min(1.0, bottom - top)}

    @Property(float, constant=True)
    def aspect(self) -> float:
        """Height / width of the map in true proportions."""
        return self._projection.aspect

    @Property(int, constant=True)
    def tileSize(self) -> int:  # noqa: N802
        return TILE

    @Property(float, constant=True)
    def widthMetres(self) -> float:  # noqa: N802
        """The map's width on the ground, in metres: the scale bar's measure."""
        b = self._projection.bounds
        return _metres(b.west, b.east, (b.north + b.south) / 2)

    @Property("QVariantMap", notify=languageChanged)
    def background(self) -> dict[str, Any]:
        """Where the background picture lies, in map fractions, and its credit (empty without one)."""
        rect = self.renderer.background_rect
        if rect is None or self._section.background is None:
            return {}
        return {"x": rect.x(), "y": rect.y(), "width": rect.width(), "height": rect.height(),
                "credit": self._text(self._section.background.image.credit)}

    @Property("QVariantList", notify=languageChanged)
    def layers(self) -> list[dict[str, Any]]:
        return [{"id": layer.id, "title": self._text(layer.title), "colour": layer.colour,
                 "credit": self._text(layer.credit)} for layer, _ in self._layers]

    @Property("QVariantList", notify=hiddenChanged)
    def hidden(self) -> list[str]:
        """Ids of the layers switched off (vector layers and kinds of marker)."""
        return sorted(self._hidden)

    @Property("QVariantList", notify=languageChanged)
    def markers(self) -> list[dict[str, Any]]:
        """Every marker, where it is (fractions of the map)."""
        return [{"id": m.id, "kind": m.kind, "x": x, "y": y, "title": self._text(m.title),
                 "approximate": m.approximate, "here": m.id == self._section.here}
                for m, (x, y) in zip(self._section.markers, self._markers_xy, strict=True)]

    @Property(int, notify=layoutChanged)
    def layout(self) -> int:
        """Changes whenever the markers are laid out anew (see placeOf)."""
        return self._current

    @Property(bool, notify=drawingChanged)
    def drawing(self) -> bool:
        """Tiles of the current drawing near the view are still being drawn."""
        return self._drawing

    @Property(QObject, constant=True)
    def tileModel(self) -> KeyedRows:  # noqa: N802
        """The tiles near the view. While a new drawing (a zoom, a layer switched) is under
        way, the previous one's tiles stay `shown` and the new ones wait until all are drawn."""
        return self.tiles

    @Property("QVariantList", notify=languageChanged)
    def profile(self) -> list[dict[str, Any]]:
        """Terrils (height above the plain) and shafts (depth below it), in metres."""
        items = [
            {"id": m.id, "kind": m.kind, "title": self._text(m.title), "metres": m.height_m or -(m.depth_m or 0),
             "approximate": m.approximate}
            for m in self._section.markers if m.height_m or m.depth_m
        ]
        return sorted(items, key=lambda item: -item["metres"])

    # -- what QML tells ----------------------------------------------------------------
    @Slot("QVariantMap")
    def setStyle(self, values: dict[str, Any]) -> None:  # noqa: N802
        """Sizes and colours from the Theme, and the words of 'you are here'."""
        given = {STYLE_KEYS[k]: (v.name() if isinstance(v, QColor) else v) for k, v in values.items()
                 if k in STYLE_KEYS}
        style = replace(self._style, **given)
        if style != self._style:
            self._style = style
            self._refresh()

    @Slot(float, float, float, float, float, bool)
    def setView(self, level: float, left: float, top: float, right: float, bottom: float,  # noqa: N802
                closest: bool) -> None:
        """The map is drawn `level` pixels wide, and (left, top, right, bottom) map
        fractions are in or near view. `closest`: the zoom can go no closer, so markers that
        still crowd are moved aside rather than grouped."""
        view = (round(level, 3), left, top, right, bottom, closest)
        if view != self._view or self._frame != self._laid_frame:
            self._view = view
            self._refresh()

    @Slot(float, float, float, float, "QVariantList")
    def setFrame(self, left: float, top: float, right: float, bottom: float,  # noqa: N802
                 covered: list[Any]) -> None:
        """The part of the map in view (fractions) where a zoom ended, and the boxes in it
        that the page covers (the scale, the zoom buttons: [left, top, right, bottom]
        fractions): the next layout keeps the labels inside the one and off the others,
        and names the communes seen there. A pan does not call it: the labels then stay
        where they were drawn, as on a paper map. Takes effect with the next setView."""
        boxes = tuple(tuple(round(float(v), 4) for v in box) for box in covered if len(box) == 4)
        self._frame = (round(left, 4), round(top, 4), round(right, 4), round(bottom, 4), boxes)

    @Slot(str)
    def toggleLayer(self, layer_id: str) -> None:  # noqa: N802
        """Switch a layer (a vector layer, or a kind of marker) off or on."""
        self._hidden ^= {layer_id}
        self.hiddenChanged.emit()
        self._refresh()

    @Slot(float, float, float, result=str)
    def nearestMarker(self, x: float, y: float, reach_px: float) -> str:  # noqa: N802
        """The marker or group closest to a touch at map fractions (x, y), within `reach_px`;
        "" if none. Shown markers stand a touch target apart, so each keeps at least half a
        target all round: close markers share the glass between them fairly."""
        level = self._view[0]
        px, py = x * level, y * level * self._projection.aspect
        best, best_distance = "", reach_px
        for shown in self._shown():
            distance = math.hypot(shown.x - px, shown.y - py)
            if distance <= best_distance:
                best, best_distance = shown.id, distance
        return best

    @Slot(str, result="QVariantList")
    def groupBox(self, shown_id: str) -> list[float]:  # noqa: N802
        """For a bubble: the box (fractions) of the markers it holds, to zoom onto; else []."""
        found = next((s for s in self._shown() if s.id == shown_id), None)
        return list(found.box) if found is not None and found.kind == "group" else []

    @Slot(str, result=str)
    def holderOf(self, marker_id: str) -> str:  # noqa: N802
        """What shows a marker at the current layout: itself, the bubble that holds it, or ""."""
        return next((s.id for s in self._shown() if marker_id in s.members), "")

    @Slot(str, result="QVariantList")
    def placeOf(self, marker_id: str) -> list[float]:  # noqa: N802
        """Where a marker is drawn at the current layout, as map fractions, or [] if it is not
        (hidden, or in a bubble): the map rings the opened one."""
        found = next((s for s in self._shown() if s.id == marker_id), None)
        if found is None or self._view[0] <= 0:
            return []
        level = self._view[0]
        return [found.x / level, found.y / (level * self._projection.aspect)]

    @Slot(str, str, result="QVariantMap")
    def markerAt(self, marker_id: str, language: str) -> dict[str, Any]:  # noqa: N802
        marker = next((m for m in self._section.markers if m.id == marker_id), None)
        if marker is None:
            return {}
        return {
            "id": marker.id,
            "kind": marker.kind,
            "title": self._text(marker.title, language),
            "text": self._text(marker.text, language),
            "approximate": marker.approximate,
            "figures": [{"label": self._text(f.label, language), "value": self._text(f.value, language)}
                        for f in marker.figures],
            "media": media_url(self._root, marker.media, use="card"),
            "mediaAlt": self._text(marker.media.alt, language) if marker.media else "",
            "mediaCredit": "  ·  ".join(part for part in (self._text(marker.media.credit, language),
                                                          marker.media.licence or "") if part) if marker.media else "",
            "mediaFit": marker.media.fit if marker.media else "cover",
            "mediaFocus": media_focus(marker.media),
            "related": self._links(marker.related, language),
        }

    # -- layout ------------------------------------------------------------------------
    def _shown(self) -> tuple[Shown, ...]:
        scene = self._scenes.get(self._current)
        return scene.markers if scene is not None else ()

    def _refresh(self) -> None:
        level, left, top, right, bottom, closest = self._view
        if level <= 0:
            return
        layers_on = tuple(layer.id not in self._hidden for layer, _ in self._layers)
        self._laid_frame = self._frame
        key = (level, closest, self._language, frozenset(self._hidden), self._style, self._frame)
        number = self._scene_numbers.get(key)
        if number is None or number not in self._scenes:
            number = next(self._next_scene)
            self._scene_numbers[key] = number
            shown = self._layout(level, closest)
            self._scenes[number] = _Scene(level, layers_on, tuple(shown), self._style,
                                          tuple(self._name_areas(level, shown)))
            # The last few drawings are kept, and always those whose tiles are on screen (a
            # tile may have to be drawn again from its drawing when the cache let it go).
            showing = {int(row["key"].split("/")[-3]) for row in self.tiles.rows()} | {number}
            for old in [n for n in self._scenes if n not in showing][:max(0, len(self._scenes) - 4)]:
                del self._scenes[old]
            self._forget_scene_numbers()
        changed = number != self._current
        self._current = number
        self._update_tiles(level, left, top, right, bottom)
        if changed:
            self.layoutChanged.emit()

    def label_text(self, marker_id: str) -> str:
        """The words beside a marker on the map: its name, '≈' first when its place is
        approximate, 'you are here' after the visitor's own place."""
        marker = self._section.markers[self.indexOf(marker_id)]
        title = ("≈ " if marker.approximate else "") + self._text(marker.title)
        if marker.id == self._section.here and self._style.here_text:
            return f"{title} · {self._style.here_text}"
        return title

    def _layout(self, level: float, closest: bool) -> list[Shown]:
        """What the map shows at this zoom: markers a touch target apart, grouped (or at the
        closest zoom moved aside) when they crowd, each label where it overlaps nothing.

        'You are here' and the featured markers (the map's main subjects) are never put in
        a bubble: where they crowd, they are moved aside, a line leading to their place, the
        most important keeping its own. The others are grouped, and a bubble that would
        stand on a featured marker is moved aside the same way."""
        style, aspect, markers = self._style, self._projection.aspect, self._section.markers
        here = self._section.here

        def first(i: int) -> bool:
            return markers[i].id == here or markers[i].featured

        order = sorted((i for i, m in enumerate(markers) if m.kind not in self._hidden),
                       key=lambda i: (markers[i].id != here, not first(i), PRIORITY[markers[i].kind]))
        pixels = [(self._markers_xy[i][0] * level, self._markers_xy[i][1] * level * aspect) for i in order]
        if closest:
            # The closest zoom: no bubble would open any further, so crowding markers move
            # aside instead, the most important keeping their places.
            spots = declutter(pixels, style.target)
            return self._place_labels([self._single(order[n], x, y) for n, (x, y) in enumerate(spots)], level)
        lead = sum(1 for i in order if first(i))
        groups = [[lead + g for g in group] for group in cluster(pixels[lead:], style.target)]
        # The main subjects first, then each bubble's (or lone marker's) place: moved aside
        # from what stands before it in that order where they crowd.
        spots = spread(pixels[:lead], style.target)
        spots = declutter(spots + [pixels[group[0]] for group in groups], style.target)
        shown = [self._single(order[n], *spots[n]) for n in range(lead)]
        for group, (x, y) in zip(groups, spots[lead:], strict=True):
            members = [order[g] for g in group]
            shown.append(self._single(members[0], x, y) if len(members) == 1 else self._group(members, x, y))
        return self._place_labels(shown, level)

    def _frame_px(self, level: float) -> tuple[float, float, float, float] | None:
        """The part of the map in view, in pixels at `level`, a gap inside its edges."""
        if self._frame is None:
            return None
        left, top, right, bottom, _ = self._frame
        height, gap = level * self._projection.aspect, self._style.gap * 2
        return (left * level + gap, top * height + gap, right * level - gap, bottom * height - gap)

    def _covered_px(self, level: float) -> list[tuple[float, float, float, float]]:
        """What the page lays over the map (scale, buttons), in pixels at `level`, a gap around."""
        if self._frame is None:
            return []
        height, gap = level * self._projection.aspect, self._style.gap
        return [(b[0] * level - gap, b[1] * height - gap, b[2] * level + gap, b[3] * height + gap)
                for b in self._frame[4]]

    def _place_labels(self, shown: list[Shown], level: float) -> list[Shown]:
        """Each label where it overlaps no other label and no other marker, or none; inside
        the part of the map in view where it can."""
        style = self._style
        metrics = {italic: QFontMetricsF(_label_font(style, italic)) for italic in (False, True)}
        requests = []
        # Markers' own names are placed before the bubbles' (most important first within each).
        shown.sort(key=lambda s: s.kind == "group")
        for s in shown:
            fm = metrics[s.approximate]
            width = fm.horizontalAdvance(s.label) + 2 if s.label else 0.0
            requests.append(LabelRequest(s.x, s.y, s.reach(style), width, fm.height() if s.label else 0.0))
        placed = place_labels(requests, style.gap, self._frame_px(level), self._covered_px(level))
        for s, request, where in zip(shown, requests, placed, strict=True):
            if where is not None:
                s.label_rect = QRectF(s.x + where[0], s.y + where[1], request.width, request.height)
        return shown

    def _name_areas(self, level: float, shown: Sequence[Shown]) -> list[AreaName]:
        """The communes' names, each inside its outline and in view, clear of every marker,
        name and leader line."""
        if not self._areas:
            return []
        style, aspect = self._style, self._projection.aspect
        font = _area_font(style)
        metrics = QFontMetricsF(font)
        pad = style.gap
        taken: list[tuple[float, float, float, float]] = self._covered_px(level)
        for s in shown:
            r = s.reach(style) + pad
            taken.append((s.x - r, s.y - r, s.x + r, s.y + r))
            if s.label_rect is not None:
                box = s.label_rect.adjusted(-pad, -pad, pad, pad)
                taken.append((box.left(), box.top(), box.right(), box.bottom()))
            if s.origin is not None:
                taken.append((min(s.x, s.origin[0]) - pad, min(s.y, s.origin[1]) - pad,
                              max(s.x, s.origin[0]) + pad, max(s.y, s.origin[1]) + pad))
        frame = self._frame_px(level)
        named: list[AreaName] = []
        for layer_id, name, ring in self._areas:
            if layer_id in self._hidden:
                continue
            text = name.upper()
            width, height = metrics.horizontalAdvance(text) * 1.08 + pad * 2, metrics.height()
            box = area_label([(x * level, y * level * aspect) for x, y in ring], width, height, frame, taken)
            if box is None:
                continue
            taken.append(box)
            named.append((name, QRectF(box[0], box[1], box[2] - box[0], box[3] - box[1])))
        return named

    def _group(self, members: list[int], px: float, py: float) -> Shown:
        """A bubble for markers that crowd at this zoom; a tap zooms onto `box`. Its label
        says what it holds, in words: '2 puits', '3 repères'."""
        xs = [self._markers_xy[m][0] for m in members]
        ys = [self._markers_xy[m][1] for m in members]
        markers = self._section.markers
        first = markers[min(members, key=lambda m: (PRIORITY[markers[m].kind], members.index(m)))]
        kinds = {markers[m].kind for m in members}
        style = self._style
        words = {"terril": style.group_terril, "shaft": style.group_shaft, "place": style.group_place}
        pattern = words[next(iter(kinds))] if len(kinds) == 1 else style.group_mixed
        ax, ay = xs[0] * self._view[0], ys[0] * self._view[0] * self._projection.aspect
        return Shown(f"group:{first.id}", "group", px, py, str(len(members)), False,
                     members=[markers[m].id for m in members], box=(min(xs), min(ys), max(xs), max(ys)),
                     label=pattern.replace("%1", str(len(members))), origin=_moved((ax, ay), (px, py)))

    def _single(self, index: int, px: float, py: float) -> Shown:
        """A marker drawn at (px, py): its own place, or beside it when moved aside."""
        marker = self._section.markers[index]
        x, y = self._markers_xy[index]
        level = self._view[0]
        return Shown(marker.id, marker.kind, px, py, self._text(marker.title), marker.approximate,
                     marker.id == self._section.here, [marker.id], (x, y, x, y), self.label_text(marker.id),
                     featured=marker.featured,
                     origin=_moved((x * level, y * level * self._projection.aspect), (px, py)))

    # -- tiles -------------------------------------------------------------------------
    def _update_tiles(self, level: float, left: float, top: float, right: float, bottom: float) -> None:
        width, height = level, level * self._projection.aspect
        prefix = f"image://{MapTiles.NAME}/{self.tile_token}/{self._current}"
        # The middle of the view first.
        cx, cy = (left + right) / 2 * width / TILE, (top + bottom) / 2 * height / TILE
        places = sorted(tiles_in(left * width, top * height, right * width, bottom * height, width, height, TILE),
                        key=lambda t: (t[0] + 0.5 - cx) ** 2 + (t[1] + 0.5 - cy) ** 2)
        front = [self._row(f"{prefix}/{c}/{r}", level, c, r) for c, r in places]
        old = [row for row in self.tiles.rows() if not row["key"].startswith(prefix + "/")]
        # While the new drawing is under way, the last one's drawn tiles stay under it (or,
        # if none of them was drawn yet, those of the one before).
        back = [dict(row, front=False) for row in old if row["front"] and row["ready"]]
        back = back or [row for row in old if not row["front"]]
        wanted = [row["key"] for row in front if not row["ready"]]
        for key in set(self._jobs) - set(wanted):
            self._jobs.pop(key).cancel()  # one already being drawn comes back and is kept for later
        for key in wanted:
            if key not in self._jobs:
                *_, number, column, row = key.split("/")
                self._jobs[key] = self._executor.submit(_draw_tile, self.renderer, self._scenes[int(number)],
                                                        int(column), int(row), key, self._done)
        if self._jobs:
            self._collect.start()
        self._show(back + front)

    def _row(self, key: str, level: float, column: int, row: int) -> dict[str, Any]:
        drawn = self._cache.peek(key)
        return {"key": key, "level": level, "column": column, "row": row, "front": True,
                "ready": drawn is not None, **_labels_at(drawn)}

    def _show(self, rows: list[dict[str, Any]]) -> None:
        """The new drawing shows once all its tiles near the view are drawn; then the old goes."""
        complete = all(row["ready"] for row in rows if row["front"])
        if complete:
            rows = [row for row in rows if row["front"]]
        alone = all(row["front"] for row in rows)  # nothing under it: show each tile when drawn
        self.tiles.sync([dict(row, shown=row["ready"] and (complete or alone or not row["front"])) for row in rows],
                        "key")
        if self._drawing == complete:
            self._drawing = not complete
            self.drawingChanged.emit()

    def _collect_drawn(self) -> None:
        """Take the tiles the thread has drawn; show them."""
        drawn = {}
        while True:
            try:
                key, tile = self._done.get_nowait()
            except queue.Empty:
                break
            self._jobs.pop(key, None)
            self._keep(key, tile)
            drawn[key] = _labels_at(tile)
        if drawn:
            self._show([dict(row, ready=True, **drawn[row["key"]]) if row["key"] in drawn else row
                        for row in self.tiles.rows()])
        if not self._jobs:
            self._collect.stop()

    def _render(self, key: str) -> Drawn | None:
        *_, number, column, row = key.split("/")
        scene = self._scenes.get(int(number))
        if scene is None:
            return None
        return _draw(self.renderer, scene, int(column), int(row))

    def _keep(self, key: str, drawn: Drawn) -> None:
        self._cache.put(key, drawn)

    def tile(self, key: str) -> QImage | None:
        """The tile of that name (drawn now if it was not), or its labels (the name ending in
        `LABELS`); None if its drawing is gone, or if no label reaches that tile."""
        map_key = key.removesuffix(LABELS)
        drawn = self._cache.get(map_key)
        if drawn is None:
            drawn = self._render(map_key)
            if drawn is None:
                return None
            self._keep(map_key, drawn)
        if key.endswith(LABELS):
            return drawn[1][0] if drawn[1] is not None else None
        return drawn[0]

    def _forget_scene_numbers(self) -> None:
        """Names of drawings that are gone: a new zoom gets a new one."""
        for key in [k for k, n in self._scene_numbers.items() if n not in self._scenes]:
            del self._scene_numbers[key]

    @Slot()
    def leave(self) -> None:
        """The visitor has gone to another screen; the map's page stays for their return,
        showing the tiles of the view they left. Only those are kept: the other drawn
        tiles (earlier zooms, other places) and the drawings nothing shows are let go."""
        showing = {row["key"] for row in self.tiles.rows()}
        for key in self._cache.keys():
            if key not in showing:
                self._cache.pop(key)
        numbers = {int(key.split("/")[-3]) for key in showing} | {self._current}
        for number in [n for n in self._scenes if n not in numbers]:
            del self._scenes[number]
        self._forget_scene_numbers()

    # -- Python API --------------------------------------------------------------------
    def release(self) -> None:
        """The visitor has gone and the map's page with them (an idle reset): drop the drawn
        tiles, the drawings but the current one, the shapes simplified for each zoom and the
        decoded background picture. The next visitor's first view draws them again."""
        for job in self._jobs.values():
            job.cancel()
        self._jobs.clear()
        self._collect.stop()
        while True:  # tiles on their way are not kept either
            try:
                self._done.get_nowait()
            except queue.Empty:
                break
        self._cache.clear()
        self.tiles.sync([], "key")
        for number in [n for n in self._scenes if n != self._current]:
            del self._scenes[number]
        self._forget_scene_numbers()
        self.renderer.release()
        # The next view is laid out and drawn afresh, even where the last visitor left it.
        self._view = (0.0, 0.0, 0.0, 1.0, 1.0, False)
        if self._drawing:
            self._drawing = False
            self.drawingChanged.emit()

    def cached_bytes(self) -> int:
        """Bytes of the drawn tiles kept (tests, benchmarks)."""
        return self._cache.bytes

    def indexOf(self, marker_id: str) -> int:  # noqa: N802 - same name as the other controllers
        return next((i for i, m in enumerate(self._section.markers) if m.id == marker_id), -1)

    def item_title(self, marker_id: str, language: str) -> str | None:
        index = self.indexOf(marker_id)
        return self._text(self._section.markers[index].title, language) if index >= 0 else None

    def default_detail(self) -> str:
        return self._section.markers[0].id if self._section.markers else ""

    def shown(self) -> list[Shown]:
        """The markers and bubbles of the current layout, in pixels of the map at `level` (tests)."""
        return list(self._shown())

    def areas(self) -> list[AreaName]:
        """The communes' names of the current drawing and where they are written, in pixels of
        the map at `level` (tests)."""
        scene = self._scenes.get(self._current)
        return list(scene.areas) if scene is not None else []

    @property
    def level(self) -> float:
        return self._view[0]

    def _language_changed(self) -> None:
        self._refresh()
