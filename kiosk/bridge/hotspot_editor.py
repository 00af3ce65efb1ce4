"""The hotspot drawing tool's state, for `HotspotEditorWindow.qml`.

The rules are `kiosk.services.hotspot_editor.HotspotDraft`; this class turns its changes
into property notifications and sends the printed YAML to a writer (stdout by default).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QUrl, Signal, Slot
from PySide6.QtQml import QmlElement, QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.bridge.properties import Property
from kiosk.services.hotspot_editor import MODES, HotspotDraft

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

Writer = Callable[[str], object]


def print_to_stdout(text: str) -> None:
    """Where the YAML goes by default: the terminal the curator started the tool from."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


@QmlElement
class HotspotEditor(QObject):
    pointsChanged = Signal()
    modeChanged = Signal()
    canPrintChanged = Signal()
    hintChanged = Signal()
    yamlChanged = Signal()

    def __init__(self, out: Writer | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._out: Writer = out or print_to_stdout
        self._draft = HotspotDraft()
        self._yaml = ""

    # -- properties ----------------------------------------------------------------------
    @Property(list, notify=pointsChanged)
    def points(self) -> list[dict[str, float]]:
        """The points tapped so far, relative to the image: [{x, y}, ...]."""
        return [{"x": x, "y": y} for x, y in self._draft.points]

    @Property(str, notify=modeChanged)
    def mode(self) -> str:
        return self._draft.mode

    @Property(bool, notify=canPrintChanged)
    def canPrint(self) -> bool:
        return self._draft.can_print

    @Property(str, notify=hintChanged)
    def hint(self) -> str:
        return self._draft.hint

    @Property(str, notify=yamlChanged)
    def yaml(self) -> str:
        """The YAML last printed; empty again as soon as the drawing changes."""
        return self._yaml

    # -- actions -------------------------------------------------------------------------
    @Slot(float, float, result=bool)
    def addPoint(self, x: float, y: float) -> bool:
        """A tap at (x, y) relative to the image; False when it is ignored."""
        return self._change(lambda: self._draft.add(x, y))

    @Slot()
    def undo(self) -> None:
        self._change(self._draft.undo)

    @Slot()
    def clear(self) -> None:
        self._change(self._draft.clear)

    @Slot(str)
    def setMode(self, mode: str) -> None:
        if mode not in MODES:
            log.error("unknown hotspot mode %r (expected %s)", mode, " or ".join(MODES))
            return
        self._change(lambda: self._draft.set_mode(mode))

    @Slot()
    def printYaml(self) -> None:
        if not self._draft.can_print:
            return
        text = self._draft.to_yaml()
        self._out(text)
        self._set_yaml(text)

    # -- internals -----------------------------------------------------------------------
    def _change(self, action: Callable[[], bool]) -> bool:
        """Run a draft change and notify only what it changed."""
        before = (self._draft.points, self._draft.mode, self._draft.can_print, self._draft.hint)
        if not action():
            return False
        points, mode, can_print, hint = before
        self._set_yaml("")
        if self._draft.points != points:
            self.pointsChanged.emit()
        if self._draft.mode != mode:
            self.modeChanged.emit()
        if self._draft.can_print != can_print:
            self.canPrintChanged.emit()
        if self._draft.hint != hint:
            self.hintChanged.emit()
        return True

    def _set_yaml(self, text: str) -> None:
        if text != self._yaml:
            self._yaml = text
            self.yamlChanged.emit()


def build_editor_window(
    image: Path, size: tuple[int, int] = (1600, 1000), out: Callable[[str], object] | None = None
) -> tuple[QQmlApplicationEngine, QQuickWindow, HotspotEditor]:
    """Load `Kiosk/HotspotEditorWindow.qml` on `image` and show it; `out` receives printed YAML.

    Needs the QGuiApplication (and the fonts) already there. Raises QmlLoadError.
    The editor is owned by the engine: delete the engine after closing the window.
    """
    from kiosk.bridge.engine import QmlLoadError
    from kiosk.paths import qml_dir

    engine = QQmlApplicationEngine()
    editor = HotspotEditor(out, parent=engine)
    engine.addImportPath(str(qml_dir()))
    errors: list[str] = []
    engine.warnings.connect(lambda warnings: errors.extend(w.toString() for w in warnings))
    engine.setInitialProperties(
        {
            "editor": editor,
            "imageUrl": QUrl.fromLocalFile(str(image.resolve())),
            "width": size[0],
            "height": size[1],
        }
    )
    engine.loadFromModule("Kiosk", "HotspotEditorWindow")
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        engine.deleteLater()
        detail = "\n".join(errors) or "no window was created"
        raise QmlLoadError(f"the hotspot editor's QML could not be loaded:\n{detail}")
    window = roots[0]
    window.show()
    return engine, window, editor


def close_editor_window(engine: object, window: object) -> None:
    """Close the window and destroy its QML before the editor it binds to."""
    window.close()  # type: ignore[attr-defined]
    engine.deleteLater()  # type: ignore[attr-defined]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
