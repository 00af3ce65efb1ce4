"""Builds the Qt side of the kiosk: application, fonts, QML engine and window.

Used by `kiosk run`, `kiosk snapshot` and the GUI tests, so all three show the same scene.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickControls2 import QQuickStyle

import kiosk.bridge  # noqa: F401 - registers the QML types
from kiosk.bridge.controller import KioskController
from kiosk.bridge.idle import ActivityFilter, IdleController
from kiosk.bridge.map import MapTiles
from kiosk.content.loader import Exhibit
from kiosk.content.report import Problem
from kiosk.content.uistrings import load_ui_strings
from kiosk.paths import qml_dir, resources_dir
from kiosk.services.idle import IdlePolicy

log = logging.getLogger(__name__)

#: Font files the QML uses; a missing one is a broken installation.
FONT_FILES = (
    "Inter-Regular.otf",
    "Inter-Medium.otf",
    "Inter-SemiBold.otf",
    "Inter-Bold.otf",
    "Inter-Italic.otf",
    "RobotoSlab-Regular.otf",
    "RobotoSlab-Light.otf",
    "RobotoSlab-Bold.otf",
)


class QmlLoadError(RuntimeError):
    """The QML scene could not be created: the kiosk must say why and stop."""


def application(argv: list[str] | None = None) -> QGuiApplication:
    """The one QGuiApplication, created with the kiosk's settings."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    QQuickStyle.setStyle("Basic")
    app = QGuiApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("base1119-kiosk")
    app.setOrganizationName("Base 11-19")
    app.setApplicationDisplayName("Base 11/19")
    return app


def load_fonts(folder: Path | None = None) -> list[str]:
    """Register the bundled fonts; returns the family names. Raises if one is missing."""
    families: set[str] = set()
    for name in FONT_FILES:
        path = (folder or resources_dir() / "fonts") / name
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            raise QmlLoadError(f"cannot load the bundled font {path}")
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(families)


@dataclass
class Scene:
    """Everything that lives as long as the window: keep a reference to it."""

    engine: QQmlApplicationEngine
    window: QQuickWindow
    kiosk: KioskController
    idle: IdleController
    activity: ActivityFilter

    def close(self) -> None:
        """Close the window and destroy the QML before the objects it binds to."""
        self.window.close()
        self.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def build_scene(
    exhibit: Exhibit | None,
    problems: list[Problem] | None = None,
    size: tuple[int, int] = (1920, 1080),
    fullscreen: bool = False,
    policy: IdlePolicy | None = None,
    start_screen: str = "attract",
) -> Scene:
    """Create the controllers, load `Kiosk/Main.qml` with them and show the window."""
    ui = load_ui_strings()
    kiosk = KioskController(exhibit, ui, problems)
    if policy is None and exhibit is not None:
        idle_settings = exhibit.manifest.idle
        policy = IdlePolicy(idle_settings.timeout_seconds, idle_settings.countdown_seconds)
    idle = IdleController(policy)

    def follow_screen() -> None:
        idle.set_armed(kiosk.screen != "attract")

    kiosk.navigationChanged.connect(follow_screen)
    idle.expired.connect(kiosk.goAttract)
    if start_screen == "home":
        kiosk.wake()
    follow_screen()

    engine = QQmlApplicationEngine()
    # The controllers live as long as the engine and die after the QML that binds to them.
    kiosk.setParent(engine)
    idle.setParent(engine)
    engine.addImportPath(str(qml_dir()))
    # The map's tiles (image://map/...), drawn by its controller; the engine owns the provider.
    sections = (kiosk.section(row) for row in range(kiosk.sectionCount))
    engine.addImageProvider(MapTiles.NAME, MapTiles([s.controller for s in sections if s is not None]))
    errors: list[str] = []
    engine.warnings.connect(lambda warnings: errors.extend(w.toString() for w in warnings))
    engine.setInitialProperties({"kiosk": kiosk, "idle": idle, "startWidth": size[0], "startHeight": size[1]})
    engine.loadFromModule("Kiosk", "Main")
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        detail = "\n".join(errors) or "no window was created"
        raise QmlLoadError(f"the exhibit's QML could not be loaded:\n{detail}")
    window = roots[0]
    activity = ActivityFilter(idle, window)
    window.installEventFilter(activity)
    if fullscreen:
        window.showFullScreen()
    else:
        window.show()
    return Scene(engine=engine, window=window, kiosk=kiosk, idle=idle, activity=activity)


def offscreen_environment() -> None:
    """Headless rendering (snapshots, tests, benchmarks): no display, software renderer."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")


def route_qt_messages_to_logging() -> None:
    """Qt's own warnings (QML errors included) go to the kiosk's log with everything else."""
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }
    qt_log = logging.getLogger("qt")

    def handler(mode: QtMsgType, context: object, message: str) -> None:
        qt_log.log(levels.get(mode, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def hide_cursor(app: QGuiApplication) -> None:
    app.setOverrideCursor(Qt.CursorShape.BlankCursor)


__all__ = [
    "QmlLoadError",
    "Scene",
    "application",
    "build_scene",
    "load_fonts",
    "offscreen_environment",
    "route_qt_messages_to_logging",
]
