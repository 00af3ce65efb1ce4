"""The admin screen's visitor figures and the export of the record, as QML sees them.

Nothing is read or written on the GUI thread: the figures (kiosk/services/statistics.py:
`panel_figures`, the record's daily tables) and the export (kiosk/services/export.py: a
backup copy and `kiosk stats --report` in a process of its own) run on worker threads and
come back by a queued signal. QML shows the words (fr/en/nl in resources/ui-strings.yaml);
a failure's reason comes from the system, after them.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.bridge.properties import Property
from kiosk.content.exhibit import Exhibit, localized
from kiosk.services import analytics
from kiosk.services.export import Exported, Place, documents_place, export, removable_places
from kiosk.services.statistics import PanelFigures, panel_figures

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: exportState: nothing asked yet, under way, done, failed.
IDLE, RUNNING, DONE, FAILED = "idle", "running", "done", "failed"


def _duration(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole} s" if whole < 60 else f"{whole // 60} min {whole % 60:02d} s"


@QmlElement
class StatisticsController(QObject):
    figuresChanged = Signal()
    placesChanged = Signal()
    exportChanged = Signal()
    _figured = Signal(object)  # (PanelFigures | None, bool) from the worker thread
    _exported = Signal(object)  # Exported from the worker thread

    def __init__(
        self,
        record: Path | None = None,
        *,
        today: Callable[[], date] = date.today,
        places: Callable[[], list[Place]] = removable_places,
        folder: Callable[[], Place] = documents_place,
        exporter: Callable[..., Exported] = export,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._record = record if record is not None else analytics.default_file()
        self._today = today
        self._find_places = places
        self._folder = folder
        self._exporter = exporter
        self._figures = PanelFigures()
        self._found = False
        self._ready = False
        self._titles: dict[str, dict[str, str]] = {}
        self._content: Path | None = None
        self._size = (1920, 1080)
        self._places: list[Place] = []
        self._state = IDLE
        self._why = ""
        self._where = ""
        self._copy_kept = False
        self._figured.connect(self._figures_ready)
        self._exported.connect(self._export_ready)

    # -- what staff read ------------------------------------------------------------------------
    @Property(bool, notify=figuresChanged)
    def ready(self) -> bool:
        """The figures have been read (at least once since the panel was opened)."""
        return self._ready

    @Property(bool, notify=figuresChanged)
    def recordFound(self) -> bool:
        return self._found

    @Property(int, notify=figuresChanged)
    def todayVisits(self) -> int:
        return self._figures.today

    @Property(int, notify=figuresChanged)
    def weekVisits(self) -> int:
        return self._figures.week

    @Property(str, notify=figuresChanged)
    def medianVisit(self) -> str:
        """The median visit length of the last 7 days: `1 min 18 s` ("" without visits)."""
        return _duration(self._figures.median_seconds) if self._figures.week else ""

    @Property("QVariantList", notify=figuresChanged)
    def topSections(self) -> list[dict[str, Any]]:
        """The most opened sections of the last 7 days: kind, opens, and titles by language."""
        return [
            {"kind": kind, "opens": opens, "titles": self._titles.get(kind, {})}
            for kind, opens in self._figures.sections
        ]

    @Property("QVariantList", notify=placesChanged)
    def places(self) -> list[dict[str, Any]]:
        """Where an export can go: the USB sticks plugged in, then a folder on this PC."""
        return [{"label": p.label, "path": str(p.path), "removable": p.removable} for p in self._places]

    @Property(bool, notify=placesChanged)
    def removableFound(self) -> bool:
        return any(place.removable for place in self._places)

    @Property(str, notify=exportChanged)
    def exportState(self) -> str:
        """`idle`, `running`, `done` or `failed`."""
        return self._state

    @Property(str, notify=exportChanged)
    def exportFolder(self) -> str:
        """Where the last export went (kept on a failure when the copy was made)."""
        return self._where

    @Property(bool, notify=exportChanged)
    def exportCopyKept(self) -> bool:
        """The export failed after the copy was made: the copy is in exportFolder, without its report."""
        return self._copy_kept

    @Property(str, notify=exportChanged)
    def exportWhy(self) -> str:
        """Why the last export failed, in the system's words."""
        return self._why

    # -- set-up ------------------------------------------------------------------------------------
    def set_content(self, exhibit: Exhibit | None) -> None:
        """The sections' titles for the panel, and the content the report's heat maps are
        drawn over."""
        self._titles = {}
        self._content = exhibit.root if exhibit is not None else None
        if exhibit is None:
            return
        default = exhibit.manifest.default_language
        for section in exhibit.sections:
            self._titles[section.ref.kind] = {
                code: localized(section.content.title, code, default) for code in exhibit.manifest.languages
            }

    def preview(self, figures: PanelFigures, places: list[Place], exported: Exported | None = None) -> None:
        """Sample figures, drives and an export's outcome for `kiosk snapshot`'s proof sheet
        (not a slot)."""
        self._figures, self._found, self._ready = figures, True, True
        self._places = places
        self.figuresChanged.emit()
        self.placesChanged.emit()
        if exported is not None:
            self._export_ready(exported)

    # -- what staff can do -----------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Read the figures again (on a thread) and look for USB sticks."""
        self.refreshPlaces()
        signal, path, today = self._figured, self._record, self._today()

        def work() -> None:
            figures: PanelFigures | None = None
            if path.is_file():
                try:
                    connection = analytics.connect(path, read_only=True)
                    try:
                        figures = panel_figures(connection, today)
                    finally:
                        connection.close()
                except sqlite3.Error as exc:
                    log.warning("admin screen: the visitor record %s cannot be read: %s", path, exc)
            with contextlib.suppress(RuntimeError):  # the controller is gone: the kiosk is closing
                signal.emit((figures, path.is_file()))

        threading.Thread(target=work, name="admin-statistics", daemon=True).start()

    @Slot()
    def refreshPlaces(self) -> None:
        try:
            found = self._find_places()
        except OSError as exc:
            log.warning("admin screen: the drives cannot be listed: %s", exc)
            found = []
        self._places = [*found, self._folder()]
        self.placesChanged.emit()

    @Slot(int, int, int)
    def exportTo(self, index: int, width: int, height: int) -> None:
        """Copy the record and make its report in the place chosen (on a thread); the heat
        maps are drawn over the screens at the size staff see them (width x height)."""
        if self._state == RUNNING or not 0 <= index < len(self._places):
            return
        if width >= 320 and height >= 240:
            self._size = (width, height)
        place = self._places[index]
        log.warning("admin screen: visitor record exported to %s", place.path)
        self._state, self._why, self._where, self._copy_kept = RUNNING, "", str(place.path), False
        self.exportChanged.emit()
        signal, exporter = self._exported, self._exporter
        record, content, size = self._record, self._content, self._size

        def work() -> None:
            try:
                result = exporter(record, place.path, content=content, size=size)
            except Exception as exc:  # the panel says it failed, the exhibit goes on
                log.exception("admin screen: the export failed")
                result = Exported(False, None, str(exc))
            with contextlib.suppress(RuntimeError):
                signal.emit(result)

        threading.Thread(target=work, name="admin-export", daemon=True).start()

    # -- internals -----------------------------------------------------------------------------
    def _figures_ready(self, result: tuple[PanelFigures | None, bool]) -> None:
        figures, found = result
        self._figures = figures or PanelFigures()
        self._found = found
        self._ready = True
        self.figuresChanged.emit()

    def _export_ready(self, result: Exported) -> None:
        self._state = DONE if result.ok else FAILED
        self._why = result.why
        if result.folder is not None:
            self._where = str(result.folder)
            self._copy_kept = not result.ok
        if result.ok:
            log.info("visitor record and report exported to %s", result.folder)
        else:
            log.warning("visitor record export failed: %s", result.why)
        self.exportChanged.emit()
