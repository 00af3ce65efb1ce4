"""New pictures scaled before the exhibit opens, with their progress on screen.

`prepare_pictures` runs `kiosk.services.picturecache.ensure_exhibit` in a background thread
(which hands the pictures to worker processes). When the cache is warm it returns at
once and nothing is shown; when it takes longer than a moment, a window says what is
happening and how far it got, so nobody switches off a kiosk that looks stuck.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer, Signal
from PySide6.QtQml import QmlElement, QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.bridge.properties import Property
from kiosk.content.loader import Exhibit
from kiosk.content.uistrings import UiStrings, load_ui_strings
from kiosk.services.picturecache import Summary, ensure_exhibit

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: A warm cache answers well within this; only longer work shows the progress window.
SHOW_AFTER_S = 0.4
POLL_MS = 100


class _Work(threading.Thread):
    """`ensure_exhibit` off the GUI thread; the GUI reads `done`/`total` (plain ints) on a timer."""

    def __init__(self, exhibit: Exhibit, workers: int | None, folder: Path | None) -> None:
        super().__init__(name="picture-cache", daemon=True)
        self._exhibit, self._workers, self._folder = exhibit, workers, folder
        self.done = 0
        self.total = 0
        self.summary = Summary()

    def run(self) -> None:
        self.summary = ensure_exhibit(self._exhibit, self._workers, self._progress, self._folder)

    def _progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total


@QmlElement
class PicturePreparation(QObject):
    """How far the preparation is: `progress` of `total` pictures, and the words to say it."""

    progressChanged = Signal()

    def __init__(self, words: dict[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words = words
        self._progress = 0
        self._total = 0

    @Property(int, notify=progressChanged)
    def progress(self) -> int:
        return self._progress

    @Property(int, notify=progressChanged)
    def total(self) -> int:
        return self._total

    @Property("QVariantMap", constant=True)
    def words(self) -> dict[str, str]:
        return self._words

    def set_progress(self, progress: int, total: int) -> None:
        if (progress, total) == (self._progress, self._total):
            return
        self._progress, self._total = progress, total
        self.progressChanged.emit()


class PreparationScreen:
    """What `prepare_pictures` leaves behind: the summary, and the window if one was shown.
    Close it once the exhibit's own window is up, so the desktop never shows in between."""

    def __init__(
        self,
        summary: Summary,
        engine: QQmlApplicationEngine | None = None,
        window: QQuickWindow | None = None,
        preparation: PicturePreparation | None = None,
    ) -> None:
        self.summary = summary
        self.engine = engine
        self.window = window
        self.preparation = preparation

    def close(self) -> None:
        """Hide the window. It is destroyed by `dispose`, once the event loop has ended: a
        window destroyed while the loop runs can still have a frame request pending in the
        platform's timers, which then reaches a deleted window (a crash seen offscreen)."""
        if self.window is not None:
            self.window.hide()

    def dispose(self) -> None:
        """Destroy the window and its engine; call when the event loop no longer runs."""
        self.window = None
        if self.engine is not None:
            self.engine.deleteLater()
            self.engine = None
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def prepare_pictures(
    exhibit: Exhibit | None,
    size: tuple[int, int] = (1920, 1080),
    fullscreen: bool = False,
    ui: UiStrings | None = None,
    workers: int | None = None,
    folder: Path | None = None,
    show_after_s: float = SHOW_AFTER_S,
) -> PreparationScreen:
    """Make sure every large picture of `exhibit` is in the cache before the scene is built.

    Needs the QGuiApplication and the fonts. Never raises: if the window cannot be shown
    the work still finishes; if the work fails the original pictures are shown.
    """
    if exhibit is None:
        return PreparationScreen(Summary())
    work = _Work(exhibit, workers, folder)
    work.start()
    work.join(show_after_s)
    if not work.is_alive():
        return PreparationScreen(work.summary)

    words = (ui or load_ui_strings()).for_language(exhibit.manifest.default_language)
    engine = QQmlApplicationEngine()
    preparation = PicturePreparation(words, engine)
    window = _load_window(engine, preparation, size)
    if window is None:
        work.join()
        engine.deleteLater()
        return PreparationScreen(work.summary)
    if fullscreen:
        window.showFullScreen()
    else:
        window.show()

    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)

    def poll() -> None:
        preparation.set_progress(work.done, work.total)
        if not work.is_alive():
            timer.stop()
            loop.quit()

    timer.timeout.connect(poll)
    timer.start()
    poll()
    if work.is_alive():
        loop.exec()
    poll()
    return PreparationScreen(work.summary, engine, window, preparation)


def _load_window(
    engine: QQmlApplicationEngine, preparation: PicturePreparation, size: tuple[int, int]
) -> QQuickWindow | None:
    from kiosk.paths import qml_dir

    engine.addImportPath(str(qml_dir()))
    errors: list[str] = []
    engine.warnings.connect(lambda warnings: errors.extend(w.toString() for w in warnings))
    engine.setInitialProperties({"preparation": preparation, "width": size[0], "height": size[1]})
    engine.loadFromModule("Kiosk", "PreparingWindow")
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        log.warning("the picture preparation window could not be shown: %s", "\n".join(errors) or "no window")
        return None
    return roots[0]


__all__ = ["PicturePreparation", "PreparationScreen", "prepare_pictures"]
