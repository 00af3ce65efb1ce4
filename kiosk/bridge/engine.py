"""Builds the Qt side of the kiosk: application, fonts, QML engine and window.

Used by `kiosk run`, `kiosk snapshot` and the GUI tests, so all three show the same scene.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QSocketNotifier,
    Qt,
    QTimer,
    QtMsgType,
    QUrl,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickControls2 import QQuickStyle

import kiosk.bridge  # noqa: F401 - registers the QML types
from kiosk import startuptimes
from kiosk.bridge.accessibility import AccessibilityController, KeyInputFilter
from kiosk.bridge.admin import AdminController, AdminGestureFilter
from kiosk.bridge.audio import AudioController
from kiosk.bridge.controller import KioskController
from kiosk.bridge.idle import ActivityFilter, IdleController, ResetRelease
from kiosk.bridge.lockdown import Lockdown, place_window
from kiosk.bridge.map import MapTiles
from kiosk.bridge.memory import tune_allocator
from kiosk.bridge.opening import OpeningController
from kiosk.bridge.reload import ContentHost
from kiosk.bridge.screencare import ScreenCareController
from kiosk.content.exhibit import Exhibit
from kiosk.content.report import Problem
from kiosk.content.uistrings import load_ui_strings
from kiosk.paths import APP_NAME, qml_dir, resources_dir
from kiosk.services.idle import IdlePolicy
from kiosk.services.screencare import ScreenCare

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

#: The Qt QML modules `kiosk/qml` imports (a test keeps this list in step with the QML, and
#: build.spec bundles these and what they need, nothing more). Checked before Main.qml loads.
REQUIRED_QML_MODULES = ("QtQuick", "QtQuick.Controls.Basic", "QtQuick.Shapes")

#: Benchmark hook (bench/startup.py, bench/dist.py): with this set to 1, the kiosk opens on the
#: home screen, prints `FIRST_FRAME <unix time>` on stdout at its first frame, and quits.
FIRST_FRAME_ENV = "KIOSK_EXIT_AT_FIRST_FRAME"


class QmlLoadError(RuntimeError):
    """The QML scene could not be created: the kiosk must say why and stop."""


def application(argv: list[str] | None = None) -> QGuiApplication:
    """The one QGuiApplication, created with the kiosk's settings."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    QQuickStyle.setStyle("Basic")
    tune_allocator()  # large blocks go back to the system when freed (bridge/memory.py)
    app = QGuiApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Base 11-19")
    app.setApplicationDisplayName("Base 11/19")
    return app


class _SignalWake:
    """Python runs a signal handler only when it gets control; Qt's event loop may sleep in
    C++ for seconds. `signal.set_wakeup_fd` writes a byte into a socket that a
    QSocketNotifier watches, so the loop wakes, and the handler runs at once."""

    def __init__(self, app: QCoreApplication) -> None:
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self.previous_fd = signal.set_wakeup_fd(self._write.fileno())
        self.notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read)
        self.notifier.activated.connect(self._drain)

    def close(self) -> None:
        self.notifier.setEnabled(False)
        signal.set_wakeup_fd(self.previous_fd)
        self._read.close()
        self._write.close()

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            self._read.recv(256)


_signal_wake: list[_SignalWake] = []


def quit_on_signals(app: QCoreApplication) -> Callable[[], None]:
    """SIGTERM and SIGINT (a service stopped, Ctrl+C) end the event loop, so the exhibit
    closes as when its window is closed: logs flushed, no empty crash report left behind.
    Only from the main thread. Returns what puts the previous handlers back."""
    if _signal_wake or threading_is_not_main():
        return lambda: None
    wake = _SignalWake(app)
    _signal_wake.append(wake)
    _quit_asked.clear()
    previous = {}
    for name in ("SIGTERM", "SIGINT"):
        if hasattr(signal, name):
            number = getattr(signal, name)
            previous[number] = signal.signal(number, lambda number, _frame: _quit_for(number))

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)
        wake.close()
        _signal_wake.remove(wake)

    return restore


_quit_asked: list[int] = []
#: How long after a stop signal the event loop ends (see _quit_for).
QUIT_DELAY_MS = 250


def _quit_for(number: int) -> None:
    log.info("%s received: closing the exhibit", signal.Signals(number).name)
    _quit_asked.append(number)
    # Not at once: a window shown a moment ago may still have a frame request in the
    # platform's timers, and leaving the loop under it was seen to crash offscreen. Before
    # the event loop runs this does nothing: see quit_asked().
    # exit(), not quit(): quit() first asks every window to close, and in kiosk mode the
    # lockdown refuses (bridge/lockdown.py), so a service stop would wait for a kill.
    QTimer.singleShot(QUIT_DELAY_MS, lambda: QCoreApplication.exit(0))


def quit_asked() -> bool:
    """A stop signal came, perhaps while the exhibit was still starting (before app.exec)."""
    return bool(_quit_asked)


def threading_is_not_main() -> bool:
    import threading

    return threading.current_thread() is not threading.main_thread()


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


def check_qml_modules(engine: QQmlEngine, modules: Sequence[str] | None = None) -> None:
    """Raise QmlLoadError naming every QML module the exhibit needs that cannot be imported.

    A trimmed or damaged installation would otherwise show a blank window, or a page that
    breaks only when a visitor reaches it. Importing each module into a one-line component
    loads its plugin, so a missing folder or a plugin whose libraries are gone both show.
    """
    missing: list[str] = []
    for module in REQUIRED_QML_MODULES if modules is None else modules:
        component = QQmlComponent(engine)
        component.setData(f"import QtQml\nimport {module}\nQtObject {{}}\n".encode(), QUrl())
        if component.isError():
            reasons = "; ".join(error.description() for error in component.errors())
            missing.append(f"  {module}: {reasons}")
    if missing:
        raise QmlLoadError(
            "this installation lacks QML module(s) the exhibit needs; reinstall the kiosk:\n" + "\n".join(missing)
        )


def _exit_at_first_frame(window: QQuickWindow) -> None:
    def first_frame() -> None:
        window.frameSwapped.disconnect(first_frame)
        now = time.time()
        startuptimes.mark("first frame")
        print(f"FIRST_FRAME {now:.6f}", flush=True)
        print(startuptimes.LINE_PREFIX, json.dumps(startuptimes.report()), flush=True)
        # exit(), not quit(): quit() asks the windows to close first, which kiosk mode refuses.
        QCoreApplication.exit(0)

    window.frameSwapped.connect(first_frame)


def _log_first_frame(window: QQuickWindow) -> None:
    """Say in the log when the exhibit is first on screen: the start-up time an installer
    sees, and the moment from which the window is really up (tests wait for it)."""

    def first_frame() -> None:
        window.frameSwapped.disconnect(first_frame)
        started = startuptimes.process_started() or startuptimes.marks()[0][1]
        log.info("first frame on screen, %.2f s after the process started", time.time() - started)

    window.frameSwapped.connect(first_frame)


@dataclass
class Scene:
    """Everything that lives as long as the window: keep a reference to it."""

    engine: QQmlApplicationEngine
    window: QQuickWindow
    host: ContentHost
    idle: IdleController
    activity: ActivityFilter
    admin: AdminController
    gesture: AdminGestureFilter
    release: ResetRelease
    lockdown: Lockdown | None = None
    opening: OpeningController | None = None
    accessibility: AccessibilityController | None = None
    audio: AudioController | None = None

    @property
    def kiosk(self) -> KioskController:
        """The controller on screen now (new content replaces it: see bridge/reload.py)."""
        return self.host.kiosk

    def close(self) -> None:
        """Close the window and destroy the QML before the objects it binds to."""
        if self.lockdown is not None:
            self.lockdown.release()
        if self.audio is not None:
            self.audio.stop()  # miniaudio's thread ends before Python does
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
    admin: AdminController | None = None,
    rotation: int = 0,
    kiosk_mode: bool = False,
    screen: int | str | None = None,
    preview: bool = False,
    opening: OpeningController | None = None,
    screen_care: ScreenCare | ScreenCareController | None = None,
    reach_share: float | None = None,
    audio: AudioController | None = None,
) -> Scene:
    """Create the controllers, load `Kiosk/Main.qml` with them and show the window.

    `rotation` turns the content clockwise (0, 90, 180, 270); `kiosk_mode` locks the
    window down (bridge/lockdown.py) on `screen` before it is shown. `opening` follows the
    opening hours (bridge/opening.py); left out: open around the clock. `screen_care` is the
    attract screen's burn-in care (bridge/screencare.py); left out: the defaults.
    `reach_share` is the lower share of the screen reach mode uses (kiosk.yaml's accessibility).
    `audio` plays the content's recordings; left out: one on this PC's sound device
    (`KIOSK_AUDIO_OUTPUT=null` or `none` for tests and machines without sound).
    """
    first_frame_exit = os.environ.get(FIRST_FRAME_ENV) == "1"
    if first_frame_exit:
        start_screen = "home"
    ui = load_ui_strings()
    kiosk = KioskController(exhibit, ui, problems)
    if policy is None and exhibit is not None:
        idle_settings = exhibit.manifest.idle
        policy = IdlePolicy(idle_settings.timeout_seconds, idle_settings.countdown_seconds)
    idle = IdleController(policy)
    admin = admin if admin is not None else AdminController(exhibit)
    if start_screen == "home":
        kiosk.wake()
    host = ContentHost(kiosk, lambda new, found: KioskController(new, ui, found), preview=preview)

    def follow_screen() -> None:
        idle.set_armed(host.kiosk.screen != "attract")

    # The visitor's accessibility modes end with the visit, like the language; while one is
    # on, the visitor has longer before the countdown and longer to answer it.
    accessibility = AccessibilityController(reach_share)
    accessibility.modesChanged.connect(lambda: idle.set_assisted(accessibility.anyOn))

    # A recording stops when the visitor moves on or leaves (bridge/audio.py).
    audio = audio if audio is not None else AudioController()

    def follow(current: KioskController) -> None:
        current.navigationChanged.connect(follow_screen)
        current.reset.connect(accessibility.reset)
        audio.set_content(current.exhibit, current.language)
        current.navigationChanged.connect(audio.stop)
        current.detailChanged.connect(audio.stop)
        current.reset.connect(audio.stop)
        current.languageChanged.connect(lambda: audio.set_language(current.language))
        follow_screen()

    host.on_new_kiosk(follow)
    idle.expired.connect(lambda: host.kiosk.goAttract())
    # Closing and opening time both start over: attract screen, default language.
    opening = opening if opening is not None else OpeningController(None, ui)
    opening.openChanged.connect(lambda: host.kiosk.goAttract())
    admin.set_opening(opening)
    care = screen_care if isinstance(screen_care, ScreenCareController) else ScreenCareController(screen_care)

    startuptimes.mark("controllers")
    engine = QQmlApplicationEngine()
    # The controllers live as long as the engine and die after the QML that binds to them.
    host.setParent(engine)
    idle.setParent(engine)
    admin.setParent(engine)
    opening.setParent(engine)
    care.setParent(engine)
    accessibility.setParent(engine)
    audio.setParent(engine)
    engine.addImportPath(str(qml_dir()))

    # The map's tiles (image://map/...), drawn by its controller; the engine owns the provider.
    def controllers_on_screen() -> list[object]:
        return [item.controller for item in host.kiosk.sections_shown()]

    engine.addImageProvider(MapTiles.NAME, MapTiles(controllers_on_screen))
    errors: list[str] = []
    engine.warnings.connect(lambda warnings: errors.extend(w.toString() for w in warnings))
    check_qml_modules(engine)
    startuptimes.mark("QML modules checked")
    engine.setInitialProperties(
        {
            "host": host,
            "idle": idle,
            "admin": admin,
            "opening": opening,
            "screenCare": care,
            "accessibility": accessibility,
            "audio": audio,
            "contentRotation": rotation,
            "startWidth": size[0],
            "startHeight": size[1],
        }
    )
    engine.loadFromModule("Kiosk", "Main")
    startuptimes.mark("QML loaded")
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        detail = "\n".join(errors) or "no window was created"
        raise QmlLoadError(f"the exhibit's QML could not be loaded:\n{detail}")
    window = roots[0]
    activity = ActivityFilter(idle, window, also=care.activity)
    window.installEventFilter(activity)
    gesture = AdminGestureFilter(admin, window, rotation)
    window.installEventFilter(gesture)
    # A key shows the focus ring, a touch hides it (installed before kiosk mode's filter,
    # so the keys that filter swallows never show it).
    window.installEventFilter(KeyInputFilter(accessibility, window))
    # An idle reset gives back what the visit took (tiles, caches, freed memory).
    release = ResetRelease(window, lambda: host.kiosk.screen == "attract", controllers_on_screen, window)
    idle.expired.connect(release.schedule)
    lockdown = None
    if kiosk_mode:
        lockdown = Lockdown(window, fullscreen)
        lockdown.lock(screen)
    elif screen is not None:
        place_window(window, screen, fullscreen)
    _log_first_frame(window)
    if first_frame_exit:
        _exit_at_first_frame(window)
    if fullscreen:
        window.showFullScreen()
    else:
        window.show()
    startuptimes.mark("window shown")
    return Scene(
        engine=engine,
        window=window,
        host=host,
        idle=idle,
        activity=activity,
        admin=admin,
        gesture=gesture,
        release=release,
        lockdown=lockdown,
        opening=opening,
        accessibility=accessibility,
        audio=audio,
    )


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
    "FIRST_FRAME_ENV",
    "REQUIRED_QML_MODULES",
    "QmlLoadError",
    "Scene",
    "application",
    "build_scene",
    "check_qml_modules",
    "load_fonts",
    "offscreen_environment",
    "route_qt_messages_to_logging",
]
