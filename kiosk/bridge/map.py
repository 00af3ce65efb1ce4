"""The terril map as QML sees it: the map drawn in tiles at the zoom the visitor chose,
the markers that fit at that zoom, their labels and the communes' names, cards and the
profile. What to show where is decided in plain Python (`kiosk.content.mapplan`: which
markers are grouped or moved aside, where labels and names go, which tiles first; the
projection and placing tools are `kiosk.content.geo`); this module measures texts with
the kiosk's fonts, draws, and hands the tiles to QML.

Why tiles: Qt's software renderer (a PC without a graphics card) re-checks and redraws
every moving item each frame, so a map of a thousand shapes and markers cannot pan at
60 frames a second as items. Once a zoom ends, a thread draws the map (background
picture, layers and markers) into 512-pixel tiles, and the labels into see-through
tiles of their own; the view only moves them while a finger pans. While it pinches, it
scales the map's tiles and hides the labels, so a label is never shown larger or smaller
than its legible size, and never over another one as markers close in. Each tile the
thread finishes comes back to the GUI thread as a queued signal: nothing waits or polls.
"""

from __future__ import annotations

import itertools
import logging
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPoint, QPointF, QRectF, QSize, Qt, Signal, Slot
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
from kiosk.bridge.properties import Property
from kiosk.bridge.section import LinkLabel, SectionController
from kiosk.content.geo import Bounds, Layer, Projection, read_layer, simplify, tiles_in
from kiosk.content.mapplan import (
    AreaName,
    Drawing,
    Frame,
    Pin,
    Shown,
    Style,
    areas_to_name,
    drawings_to_forget,
    fractions_of,
    kept_under,
    label_text,
    lay_out,
    map_projection,
    name_areas,
    nearest,
    opening_view,
    showing,
    tiles_middle_first,
    width_metres,
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
#: The background picture is decoded once, at most this many pixels on its longer side.
BACKGROUND_MAX_PX = 4096


#: Names QML uses in setStyle -> fields of Style.
STYLE_KEYS = {
    "ground": "ground",
    "stroke": "stroke",
    "labelFamily": "label_family",
    "labelSize": "label_px",
    "symbol": "symbol",
    "bubble": "bubble",
    "border": "border",
    "target": "target",
    "gap": "gap",
    "terril": "terril",
    "shaft": "shaft",
    "place": "place",
    "group": "group",
    "text": "text",
    "halo": "halo",
    "here": "here",
    "hereText": "here_text",
    "areaText": "area_text",
    "groupTerril": "group_terril",
    "groupShaft": "group_shaft",
    "groupPlace": "group_place",
    "groupMixed": "group_mixed",
}


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


def _cone(x: float, y: float, r: float) -> QPolygonF:
    """A terril's symbol: a cone (a triangle, point up) about as large as a shaft's square,
    its base a little lower than the square's so that it looks centred."""
    return QPolygonF([QPointF(x, y - 1.15 * r), QPointF(x + 1.2 * r, y + 0.9 * r), QPointF(x - 1.2 * r, y + 0.9 * r)])


def _blend(ground: QColor, colour: QColor, alpha: float) -> QColor:
    """`colour` at `alpha` over `ground`, as an opaque colour (opaque fills are cheaper)."""
    return QColor.fromRgbF(
        *(
            g + (c - g) * alpha
            for g, c in (
                (ground.redF(), colour.redF()),
                (ground.greenF(), colour.greenF()),
                (ground.blueF(), colour.blueF()),
            )
        )
    )


#: A shape ready to draw: its area to fill (None for a line) and its outline in runs, with bounds.
_Shape = tuple[QPainterPath | None, list[tuple[QRectF, QPolygonF]]]


def _runs(points: list[QPointF], length: int = RUN_POINTS) -> list[tuple[QRectF, QPolygonF]]:
    """An outline cut in runs of `length` points; each run starts a segment before the last
    one ended, so their flat ends overlap and the outline shows no seam."""
    runs = []
    for start in range(0, max(1, len(points) - 2), length - 2):
        run = QPolygonF(points[start : start + length])
        runs.append((run.boundingRect(), run))
    return runs


class TileRenderer:
    """Draws a square of the map: the background picture, the layers, then the markers and
    their labels, at a zoom."""

    def __init__(
        self, projection: Projection, layers: Sequence[tuple[str, Layer]], background: tuple[Path, Bounds] | None
    ) -> None:
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
            self._layers.append(
                (
                    QColor(colour),
                    [(self._bounds(rings), rings, closed) for rings, closed in shapes],
                    QPolygonF([QPointF(*projection.to_map(lon, lat)) for lon, lat in data.points]),
                )
            )
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
                    kept = [QPointF(x, y / self.aspect) for x, y in simplify(ring, 2.0**-detail)]
                    if area is not None:
                        area.setFillRule(Qt.FillRule.OddEvenFill)  # holes stay holes
                        area.addPolygon(QPolygonF(kept))
                        area.closeSubpath()
                    runs += _runs(kept)
                found = self._simplified[key] = (area, runs)
            return found

    def render(
        self, level: float, column: int, row: int, layers_on: Sequence[bool], markers: Sequence[Shown], style: Style
    ) -> QImage:
        """The tile (column, row) of the map drawn `level` pixels wide."""
        width, height = level, level * self.aspect
        size = QSize(
            max(1, min(TILE, math.ceil(width) - column * TILE)), max(1, min(TILE, math.ceil(height) - row * TILE))
        )
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
            near = [
                self._shape(width, number, index)
                for index, (bounds, _, _) in enumerate(shapes)
                if bounds.intersects(reach)
            ]
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

    def render_labels(
        self,
        level: float,
        column: int,
        row: int,
        markers: Sequence[Shown],
        style: Style,
        areas: Sequence[AreaName] = (),
    ) -> tuple[QImage, QPoint] | None:
        """The labels over tile (column, row) on a see-through ground, cut to the part of the
        tile they cover, and where that part starts in the tile; None if the tile has none."""
        tile = QRectF(
            column * TILE,
            row * TILE,
            min(TILE, math.ceil(level) - column * TILE),
            min(TILE, math.ceil(level * self.aspect) - row * TILE),
        )
        labelled = [(m, QRectF(*m.label_rect)) for m in markers if m.label_rect is not None]
        labelled = [(m, rect) for m, rect in labelled if rect.intersects(tile)]
        named = [(name, QRectF(*rect)) for name, rect in areas]
        named = [(name, rect) for name, rect in named if rect.intersects(tile)]
        if not labelled and not named:
            return None
        # Room for the halo and for italics leaning out of their box.
        pad = max(1.0, style.border * 0.75) + style.label_px * 0.3
        area = QRectF()
        for rect in [rect for _, rect in labelled] + [rect for _, rect in named]:
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
        colours = {
            "terril": QColor(style.terril),
            "shaft": QColor(style.shaft),
            "place": QColor(style.place),
            "group": QColor(style.group),
        }
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
                painter.drawText(
                    QRectF(m.x - r, m.y - r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, str(len(m.members))
                )
                continue
            r = style.symbol / 2
            painter.setPen(
                QPen(halo, style.border, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
            )
            # Each kind its shape, not its colour alone: shafts square, terrils a cone, places round.
            if m.kind == "shaft":
                painter.drawRoundedRect(QRectF(m.x - r, m.y - r, 2 * r, 2 * r), style.border, style.border)
            elif m.kind == "terril":
                painter.drawPolygon(_cone(m.x, m.y, r))
            else:
                painter.drawEllipse(centre, r, r)
            if m.approximate:  # a dashed ring: the place is approximate (and the label says '≈')
                dashed = QPen(colours[m.kind], style.border / 1.5, Qt.PenStyle.DashLine)
                painter.setPen(dashed)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(centre, r + style.border * 2, r + style.border * 2)

    def _draw_areas(self, painter: QPainter, areas: Sequence[tuple[str, QRectF]], style: Style) -> None:
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

    def _draw_labels(self, painter: QPainter, markers: Sequence[tuple[Shown, QRectF]], style: Style) -> None:
        """Labels with a dark halo: the text drawn around itself in the halo's colour, then over it."""
        halo = QColor(style.halo)
        fonts = {italic: _label_font(style, italic) for italic in (False, True)}
        halo_px = max(1.0, style.border * 0.75)
        around = [(halo_px * math.cos(a * math.pi / 4), halo_px * math.sin(a * math.pi / 4)) for a in range(8)]
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for m, rect in markers:
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

    def __iter__(self) -> Iterator[str]:
        """The keys, oldest first, as they were when asked: a loop may drop tiles as it goes."""
        return iter(self.keys())

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


def _draw(renderer: TileRenderer, drawing: Drawing, column: int, row: int) -> Drawn:
    return (
        renderer.render(drawing.level, column, row, drawing.layers_on, drawing.markers, drawing.style),
        renderer.render_labels(drawing.level, column, row, drawing.markers, drawing.style, drawing.areas),
    )


def _draw_tile(
    renderer: TileRenderer,
    drawing: Drawing,
    column: int,
    row: int,
    key: str,
    round_: int,
    hand_over: Callable[[str, int, object], None],
) -> None:
    """In the drawing thread: draw a tile, hand it over (an empty one if drawing failed)."""
    try:
        drawn = _draw(renderer, drawing, column, row)
    except Exception:  # a tile must come back, or the map would wait for it for ever
        log.exception("map tile %s could not be drawn", key)
        drawn = (QImage(), None)
    hand_over(key, round_, drawn)


class _Courier(QObject):
    """Carries each drawn tile from the drawing thread to the map: `drawn` is emitted in
    the thread and received here, in the GUI thread, at the next turn of its event loop (a
    queued signal), then handed to `take`. A child of the map (and not a QML type, so its
    slot stays out of the map's QML description): whole while the map, being deleted,
    waits for the tile on its way, whose event then goes with it."""

    drawn = Signal(str, int, object)  # the tile's name, the round it was asked in, (map, labels)

    def __init__(self, take: Callable[[str, int, Drawn], None], parent: QObject) -> None:
        super().__init__(parent)
        self._take = take
        self.drawn.connect(self._arrived, Qt.ConnectionType.QueuedConnection)

    @Slot(str, int, object)
    def _arrived(self, key: str, round_: int, drawn: Drawn) -> None:
        self._take(key, round_, drawn)


class MapTiles(QQuickImageProvider):
    """`image://map/TOKEN/...`: the tiles the map controllers have drawn."""

    NAME = "map"

    def __init__(self, controllers: Callable[[], Sequence[object]]) -> None:
        """`controllers` gives the section controllers on screen now: new content (a preview
        reload, a swap) brings new map controllers, with new tile tokens."""
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._controllers = controllers

    def requestImage(self, tile_id: str, size: QSize, requested: QSize) -> QImage:
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


def _place_of(key: str) -> tuple[int, int, int]:
    """A tile's drawing number, column and row, from its name (`image://map/TOKEN/N/C/R`)."""
    *_, number, column, row = key.split("/")
    return int(number), int(column), int(row)


_tokens = itertools.count(1)


@QmlElement
class MapController(SectionController, QObject):
    """The map section: tiles, markers, cards and the profile."""

    languageChanged = Signal()
    hiddenChanged = Signal()
    layoutChanged = Signal()
    drawingChanged = Signal()
    #: A visitor zoomed ("in" or "out"), by any means: the buttons, the + and − keys, a
    #: pinch, a double tap, a tap on a group. For the visitor record (bridge/analytics.py).
    zoomed = Signal(str)

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
        places = [(m.lon, m.lat) for m in section.markers]
        self._projection = map_projection([data for _, data in self._layers], places)
        background = None
        if section.background is not None:
            b = section.background
            background = (contained_path(root, b.image.path), Bounds(b.west, b.south, b.east, b.north))
        self.renderer = TileRenderer(
            self._projection, [(layer.colour, data) for layer, data in self._layers], background
        )
        self.tile_token = str(next(_tokens))
        self._markers_xy = [self._projection.to_map(m.lon, m.lat) for m in section.markers]
        # The areas to name (a commune's name inside its outline).
        self._areas = areas_to_name([(layer.id, data) for layer, data in self._layers], self._projection)
        # The part of the map in view when the last zoom ended (fractions): labels keep inside it.
        self._frame: Frame | None = None
        self._laid_frame: Frame | None = self._frame  # the frame of the current layout
        self._focus = opening_view(places, self._projection)
        self._hidden: set[str] = {layer.id for layer in section.layers if not layer.visible}
        self._style = Style()
        self._view: tuple[float, float, float, float, float, bool] = (0.0, 0.0, 0.0, 1.0, 1.0, False)
        # Drawings of the map by number (the number is in the tiles' names); the last few kept.
        self._scenes: OrderedDict[int, Drawing] = OrderedDict()
        self._scene_numbers: dict[tuple[Any, ...], int] = {}
        self._next_scene = itertools.count(1)
        self._current = 0
        self.tiles = KeyedRows(
            ("key", "level", "column", "row", "front", "ready", "shown", "labels", "labelsX", "labelsY"), self
        )
        # Tiles are drawn by a thread of their own, the middle of the view first, so frames
        # go on meanwhile. The thread touches no Qt object of the map: each tile comes back
        # through the courier's queued signal, taken in the GUI thread's event loop. A
        # tile asked for before an idle reset (an earlier round) is not kept.
        self._cache = TileCache()
        self._jobs: dict[str, Future[None]] = {}
        self._round = 0
        self._drawing = False
        self._courier = _Courier(self._take_tile, self)
        executor = self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="map-tiles")
        # Gone with the map: what waits is dropped, a tile being drawn is finished first.
        self.destroyed.connect(lambda: executor.shutdown(wait=True, cancel_futures=True))

    # -- what QML reads ----------------------------------------------------------------
    @Property("QVariantMap", constant=True)
    def focus(self) -> dict[str, float]:
        """The part of the map shown when it opens, as fractions: x, y, width, height."""
        x, y, width, height = fractions_of(self._focus, self._projection)
        return {"x": x, "y": y, "width": width, "height": height}

    @Property(float, constant=True)
    def aspect(self) -> float:
        """Height / width of the map in true proportions."""
        return self._projection.aspect

    @Property(int, constant=True)
    def tileSize(self) -> int:
        return TILE

    @Property(float, constant=True)
    def widthMetres(self) -> float:
        """The map's width on the ground, in metres: the scale bar's measure."""
        return width_metres(self._projection.bounds)

    @Property("QVariantMap", notify=languageChanged)
    def background(self) -> dict[str, Any]:
        """Where the background picture lies, in map fractions, and its credit (empty without one)."""
        rect = self.renderer.background_rect
        if rect is None or self._section.background is None:
            return {}
        return {
            "x": rect.x(),
            "y": rect.y(),
            "width": rect.width(),
            "height": rect.height(),
            "credit": self._text(self._section.background.image.credit),
        }

    @Property("QVariantList", notify=languageChanged)
    def layers(self) -> list[dict[str, Any]]:
        return [
            {
                "id": layer.id,
                "title": self._text(layer.title),
                "colour": layer.colour,
                "credit": self._text(layer.credit),
            }
            for layer, _ in self._layers
        ]

    @Property("QVariantList", notify=hiddenChanged)
    def hidden(self) -> list[str]:
        """Ids of the layers switched off (vector layers and kinds of marker)."""
        return sorted(self._hidden)

    @Property("QVariantList", notify=languageChanged)
    def markers(self) -> list[dict[str, Any]]:
        """Every marker, where it is (fractions of the map)."""
        return [
            {
                "id": m.id,
                "kind": m.kind,
                "x": x,
                "y": y,
                "title": self._text(m.title),
                "approximate": m.approximate,
                "here": m.id == self._section.here,
            }
            for m, (x, y) in zip(self._section.markers, self._markers_xy, strict=True)
        ]

    @Property(int, notify=layoutChanged)
    def layout(self) -> int:
        """Changes whenever the markers are laid out anew (see placeOf)."""
        return self._current

    @Property(bool, notify=drawingChanged)
    def drawing(self) -> bool:
        """Tiles of the current drawing near the view are still being drawn."""
        return self._drawing

    @Property(QObject, constant=True)
    def tileModel(self) -> KeyedRows:
        """The tiles near the view. While a new drawing (a zoom, a layer switched) is under
        way, the previous one's tiles stay `shown` and the new ones wait until all are drawn."""
        return self.tiles

    @Property("QVariantList", notify=languageChanged)
    def profile(self) -> list[dict[str, Any]]:
        """Terrils (height above the plain) and shafts (depth below it), in metres."""
        items = [
            {
                "id": m.id,
                "kind": m.kind,
                "title": self._text(m.title),
                "metres": m.height_m or -(m.depth_m or 0),
                "approximate": m.approximate,
            }
            for m in self._section.markers
            if m.height_m or m.depth_m
        ]
        return sorted(items, key=lambda item: -item["metres"])

    # -- what QML tells ----------------------------------------------------------------
    @Slot("QVariantMap")
    def setStyle(self, values: dict[str, Any]) -> None:
        """Sizes and colours from the Theme, and the words of 'you are here'."""
        given: dict[str, Any] = {
            STYLE_KEYS[k]: (v.name() if isinstance(v, QColor) else v) for k, v in values.items() if k in STYLE_KEYS
        }
        style = replace(self._style, **given)
        if style != self._style:
            self._style = style
            self._refresh()

    @Slot(float, float, float, float, float, bool)
    def setView(self, level: float, left: float, top: float, right: float, bottom: float, closest: bool) -> None:
        """The map is drawn `level` pixels wide, and (left, top, right, bottom) map
        fractions are in or near view. `closest`: the zoom can go no closer, so markers that
        still crowd are moved aside rather than grouped."""
        view = (round(level, 3), left, top, right, bottom, closest)
        if view != self._view or self._frame != self._laid_frame:
            self._view = view
            self._refresh()

    @Slot(float, float, float, float, "QVariantList")
    def setFrame(self, left: float, top: float, right: float, bottom: float, covered: list[Any]) -> None:
        """The part of the map in view (fractions) where a zoom ended, and the boxes in it
        that the page covers (the scale, the zoom buttons: [left, top, right, bottom]
        fractions): the next layout keeps the labels inside the one and off the others,
        and names the communes seen there. A pan does not call it: the labels then stay
        where they were drawn, as on a paper map. Takes effect with the next setView."""
        boxes = tuple(tuple(round(float(v), 4) for v in box) for box in covered if len(box) == 4)
        self._frame = (round(left, 4), round(top, 4), round(right, 4), round(bottom, 4), boxes)

    @Slot(str)
    def toggleLayer(self, layer_id: str) -> None:
        """Switch a layer (a vector layer, or a kind of marker) off or on."""
        self._hidden ^= {layer_id}
        self.hiddenChanged.emit()
        self._refresh()

    @Slot(float, float, float, result=str)
    def nearestMarker(self, x: float, y: float, reach_px: float) -> str:
        """The marker or group closest to a touch at map fractions (x, y), within `reach_px`;
        "" if none. Shown markers stand a touch target apart, so each keeps at least half a
        target all round: close markers share the glass between them fairly."""
        level = self._view[0]
        return nearest(self._shown(), x * level, y * level * self._projection.aspect, reach_px)

    @Slot(float, float)
    def noteZoom(self, before: float, after: float) -> None:
        """A visitor's zoom from `before` to `after` (any unit): said as `zoomed`, when it
        changed the zoom by more than a twentieth (a pinch that barely moved is not one)."""
        if before > 0 and after > 0 and abs(math.log(after / before)) > math.log(1.05):
            self.zoomed.emit("in" if after > before else "out")

    @Slot(str, result="QVariantList")
    def groupBox(self, shown_id: str) -> list[float]:
        """For a bubble: the box (fractions) of the markers it holds, to zoom onto; else []."""
        found = next((s for s in self._shown() if s.id == shown_id), None)
        return list(found.box) if found is not None and found.kind == "group" else []

    @Slot(str, result=str)
    def holderOf(self, marker_id: str) -> str:
        """What shows a marker at the current layout: itself, the bubble that holds it, or ""."""
        return next((s.id for s in self._shown() if marker_id in s.members), "")

    @Slot(str, result="QVariantList")
    def placeOf(self, marker_id: str) -> list[float]:
        """Where a marker is drawn at the current layout, as map fractions, or [] if it is not
        (hidden, or in a bubble): the map rings the opened one."""
        found = next((s for s in self._shown() if s.id == marker_id), None)
        if found is None or self._view[0] <= 0:
            return []
        level = self._view[0]
        return [found.x / level, found.y / (level * self._projection.aspect)]

    @Slot(str, str, result="QVariantMap")
    def markerAt(self, marker_id: str, language: str) -> dict[str, Any]:
        marker = next((m for m in self._section.markers if m.id == marker_id), None)
        if marker is None:
            return {}
        return {
            "id": marker.id,
            "kind": marker.kind,
            "title": self._text(marker.title, language),
            "text": self._text(marker.text, language),
            "approximate": marker.approximate,
            "figures": [
                {"label": self._text(f.label, language), "value": self._text(f.value, language)} for f in marker.figures
            ],
            "media": media_url(self._root, marker.media, use="card"),
            "mediaAlt": self._text(marker.media.alt, language) if marker.media else "",
            "mediaCredit": "  ·  ".join(
                part for part in (self._text(marker.media.credit, language), marker.media.licence or "") if part
            )
            if marker.media
            else "",
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
            shown, areas = self._layout(level, closest)
            self._scenes[number] = Drawing(level, layers_on, tuple(shown), self._style, tuple(areas))
            # The last few drawings are kept, and always those whose tiles are on screen (a
            # tile may have to be drawn again from its drawing when the cache let it go).
            on_screen = {_place_of(row["key"])[0] for row in self.tiles.rows()} | {number}
            for old in drawings_to_forget(list(self._scenes), on_screen):
                del self._scenes[old]
            self._forget_scene_numbers()
        changed = number != self._current
        self._current = number
        self._update_tiles(level, left, top, right, bottom)
        if changed:
            self.layoutChanged.emit()

    def label_text(self, marker_id: str) -> str:
        """The words beside a marker on the map (see `mapplan.label_text`)."""
        marker = self._section.markers[self.indexOf(marker_id)]
        return label_text(
            self._text(marker.title), marker.approximate, marker.id == self._section.here, self._style.here_text
        )

    def _pins(self) -> list[Pin]:
        """The markers as a layout needs them, in the visitor's language."""
        here, here_text = self._section.here, self._style.here_text
        return [
            Pin(
                m.id,
                m.kind,
                x,
                y,
                title,
                label_text(title, m.approximate, m.id == here, here_text),
                m.approximate,
                m.featured,
                m.id == here,
            )
            for m, (x, y) in zip(self._section.markers, self._markers_xy, strict=True)
            for title in (self._text(m.title),)
        ]

    def _layout(self, level: float, closest: bool) -> tuple[list[Shown], list[AreaName]]:
        """The markers, bubbles and labels at this zoom (`mapplan.lay_out`), then the
        communes' names around them, measured with the fonts they are drawn in."""
        style, aspect = self._style, self._projection.aspect
        metrics = {italic: QFontMetricsF(_label_font(style, italic)) for italic in (False, True)}

        def measure_label(text: str, italic: bool) -> tuple[float, float]:
            return metrics[italic].horizontalAdvance(text), metrics[italic].height()

        shown = lay_out(self._pins(), level, aspect, closest, self._hidden, style, self._frame, measure_label)
        if not self._areas:
            return shown, []
        area_metrics = QFontMetricsF(_area_font(style))

        def measure_name(text: str) -> tuple[float, float]:
            return area_metrics.horizontalAdvance(text), area_metrics.height()

        return shown, name_areas(self._areas, self._hidden, level, aspect, shown, style, self._frame, measure_name)

    # -- tiles -------------------------------------------------------------------------
    def _update_tiles(self, level: float, left: float, top: float, right: float, bottom: float) -> None:
        prefix = f"image://{MapTiles.NAME}/{self.tile_token}/{self._current}"
        front = [
            self._row(f"{prefix}/{c}/{r}", level, c, r)
            for c, r in tiles_middle_first(level, self._projection.aspect, left, top, right, bottom, TILE)
        ]
        # While the new drawing is under way, drawn tiles of the last ones stay under it.
        back = kept_under([row for row in self.tiles.rows() if not row["key"].startswith(prefix + "/")])
        if not any(row["shown"] for row in self.tiles.rows()):
            # Nothing of the map on screen (its page is opening, or the first view after an
            # idle reset): the tiles in view are drawn now, before the first frame, which
            # shows the map with its markers; those around it come from the thread.
            seen = self._seen_tiles(level)
            front = [self._drawn_now(row) if (row["column"], row["row"]) in seen else row for row in front]
        wanted = [row["key"] for row in front if not row["ready"]]
        for key in set(self._jobs) - set(wanted):
            self._jobs.pop(key).cancel()  # one already being drawn comes back and is kept for later
        for key in wanted:
            if key not in self._jobs:
                number, column, row = _place_of(key)
                self._jobs[key] = self._executor.submit(
                    _draw_tile,
                    self.renderer,
                    self._scenes[number],
                    column,
                    row,
                    key,
                    self._round,
                    self._courier.drawn.emit,
                )
        self._show(back + front)

    def _row(self, key: str, level: float, column: int, row: int) -> dict[str, Any]:
        drawn = self._cache.peek(key)
        return {
            "key": key,
            "level": level,
            "column": column,
            "row": row,
            "front": True,
            "ready": drawn is not None,
            **_labels_at(drawn),
        }

    def _seen_tiles(self, level: float) -> set[tuple[int, int]]:
        """The tiles over the part of the map in view (the frame QML gave); none before it has."""
        if self._frame is None:
            return set()
        left, top, right, bottom, _ = self._frame
        width, height = level, level * self._projection.aspect
        return set(tiles_in(left * width, top * height, right * width, bottom * height, width, height, TILE))

    def _drawn_now(self, row: dict[str, Any]) -> dict[str, Any]:
        """The tile of that row drawn here, in the GUI thread (unless the cache has it), and kept."""
        if row["ready"]:
            return row
        drawn = self._render(row["key"])
        if drawn is None:
            return row
        self._keep(row["key"], drawn)
        return dict(row, ready=True, **_labels_at(drawn))

    def _show(self, rows: list[dict[str, Any]]) -> None:
        """The new drawing shows once all its tiles near the view are drawn; then the old goes."""
        rows, complete = showing(rows)
        self.tiles.sync(rows, "key")
        if self._drawing == complete:
            self._drawing = not complete
            self.drawingChanged.emit()

    def _take_tile(self, key: str, round_: int, drawn: Drawn) -> None:
        """A tile the thread has drawn (in the GUI thread, through the courier): kept, and
        shown if it is still wanted."""
        if round_ != self._round:
            return  # asked for before an idle reset let everything go
        self._jobs.pop(key, None)
        self._keep(key, drawn)
        labels = _labels_at(drawn)
        self._show([dict(row, ready=True, **labels) if row["key"] == key else row for row in self.tiles.rows()])

    def _render(self, key: str) -> Drawn | None:
        number, column, row = _place_of(key)
        drawing = self._scenes.get(number)
        if drawing is None:
            return None
        return _draw(self.renderer, drawing, column, row)

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
        for key in self._cache:
            if key not in showing:
                self._cache.pop(key)
        numbers = {_place_of(key)[0] for key in showing} | {self._current}
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
        self._round += 1  # tiles on their way are not kept either
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

    def indexOf(self, marker_id: str) -> int:
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
