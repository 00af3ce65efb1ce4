"""The terril map as QML sees it: layers as outlines in map fractions, markers, cards,
and the profile of heights and depths. The projection is `kiosk.content.geo`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.bridge.listmodel import RowsModel
from kiosk.bridge.models import media_url
from kiosk.bridge.section import LinkLabel, SectionController
from kiosk.content.geo import Bounds, Projection, extent, read_layer, simplify
from kiosk.content.media import contained_path
from kiosk.content.schema import MapSection

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
class MapController(SectionController, QObject):
    """The map section: projected layers, markers and the profile."""

    languageChanged = Signal()

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
        self._outlines = [self._outline(data) for _, data in self._layers]
        # Where the map opens: around the markers (the commune), not the whole neighbourhood.
        self._markers_xy = [self._projection.to_map(m.lon, m.lat) for m in section.markers]
        self.visible = RowsModel(("id", "kind", "x", "y", "title", "approximate", "here"), self)
        self._viewport = (0.0, 0.0, 1.0, 1.0)
        marker_bounds = extent([(m.lon, m.lat) for m in section.markers])
        self._focus = marker_bounds.padded(0.6) if marker_bounds else self._projection.bounds

    def _outline(self, data: Any) -> list[list[dict[str, float]]]:
        rings = []
        for ring in [*data.rings, *data.lines]:
            projected = [self._projection.to_map(lon, lat) for lon, lat in ring]
            rings.append([{"x": x, "y": y} for x, y in simplify(projected, 0.0015)])
        return rings

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

    @Property("QVariantList", notify=languageChanged)
    def layers(self) -> list[dict[str, Any]]:
        return [
            {"id": layer.id, "title": self._text(layer.title), "colour": layer.colour, "visible": layer.visible,
             "rings": outline, "credit": self._text(layer.credit)}
            for (layer, _), outline in zip(self._layers, self._outlines, strict=True)
        ]

    def _row(self, index: int) -> dict[str, Any]:
        marker = self._section.markers[index]
        x, y = self._markers_xy[index]
        return {"id": marker.id, "kind": marker.kind, "x": x, "y": y, "title": self._text(marker.title),
                "approximate": marker.approximate, "here": marker.id == self._section.here}

    @Property("QVariantList", notify=languageChanged)
    def markers(self) -> list[dict[str, Any]]:
        return [self._row(i) for i in range(len(self._section.markers))]

    @Property(QObject, constant=True)
    def markerModel(self) -> RowsModel:  # noqa: N802
        """The markers inside the viewport (see setViewport): only those get a delegate."""
        return self.visible

    @Slot(float, float, float, float)
    def setViewport(self, left: float, top: float, right: float, bottom: float) -> None:  # noqa: N802
        """Keep in `markerModel` the markers between these map fractions (with their margin)."""
        self._viewport = (left, top, right, bottom)
        self.visible.update_keyed(
            [self._row(i) for i, (x, y) in enumerate(self._markers_xy) if left <= x <= right and top <= y <= bottom],
            "id",
        )

    @Property("QVariantList", notify=languageChanged)
    def profile(self) -> list[dict[str, Any]]:
        """Terrils (height above the plain) and shafts (depth below it), in metres."""
        items = [
            {"id": m.id, "kind": m.kind, "title": self._text(m.title), "metres": m.height_m or -(m.depth_m or 0),
             "approximate": m.approximate}
            for m in self._section.markers if m.height_m or m.depth_m
        ]
        return sorted(items, key=lambda item: -item["metres"])

    @Slot(float, float, float, float, result="QVariantList")
    def visibleLabels(self, width_px: float, height_px: float, char_px: float, line_px: float) -> list[str]:  # noqa: N802
        """Ids of the markers whose labels fit without overlapping, at this map size.

        Greedy, most important first: where the visitor stands, then terrils, places, shafts.
        """
        order = {"place": 1, "terril": 0, "shaft": 2}
        markers = sorted(self._section.markers, key=lambda m: (m.id != self._section.here, order[m.kind]))
        taken: list[tuple[float, float, float, float]] = []
        shown: list[str] = []
        for marker in markers:
            x, y = self._projection.to_map(marker.lon, marker.lat)
            left, top = x * width_px + line_px * 0.6, y * height_px - line_px / 2
            box = (left, top, left + len(self._text(marker.title)) * char_px, top + line_px)
            if all(box[2] < o[0] or box[0] > o[2] or box[3] < o[1] or box[1] > o[3] for o in taken):
                taken.append(box)
                shown.append(marker.id)
        return shown

    @Slot(float, float, float, float, float, "QVariantList", result=str)
    def nearestMarker(  # noqa: N802
        self, x: float, y: float, width_px: float, height_px: float, reach_px: float, hidden_kinds: list[str]
    ) -> str:
        """The marker closest to a touch at map fractions (x, y), within `reach_px`; "" if none.

        Close markers share the space between them instead of the top one taking every touch.
        """
        best, best_distance = "", reach_px
        for marker in self._section.markers:
            if marker.kind in hidden_kinds:
                continue
            mx, my = self._projection.to_map(marker.lon, marker.lat)
            distance = ((mx - x) * width_px) ** 2 + ((my - y) * height_px) ** 2
            if distance ** 0.5 <= best_distance:
                best, best_distance = marker.id, distance ** 0.5
        return best

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
            "related": self._links(marker.related, language),
        }

    # -- Python API --------------------------------------------------------------------
    def indexOf(self, marker_id: str) -> int:  # noqa: N802 - same name as the other controllers
        return next((i for i, m in enumerate(self._section.markers) if m.id == marker_id), -1)

    def item_title(self, marker_id: str, language: str) -> str | None:
        index = self.indexOf(marker_id)
        return self._text(self._section.markers[index].title, language) if index >= 0 else None

    def default_detail(self) -> str:
        return self._section.markers[0].id if self._section.markers else ""

    def _language_changed(self) -> None:
        self.visible.reset_rows([])
        self.setViewport(*self._viewport)
