"""The admin screen as QML sees it: the PIN pad, the lockout, what staff read and can do.

The rules (PIN, lockout, gesture) are `kiosk.services.admin`; this class exposes them as
properties and slots, keeps the clocks, and leaves the application with the exit code a
supervisor understands (`kiosk.supervision.contract`: `EXIT_RESTART`, `EXIT_QUIT`).

`AdminGestureFilter` watches the window's raw touches (never consuming them) and feeds
the corner-tap recogniser; any input while the admin screen is up keeps it open.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QInputDevice, QMouseEvent, QTouchEvent, QWindow
from PySide6.QtQml import QmlElement

from kiosk import __version__
from kiosk.bridge.opening import STAY_OPEN, OpeningController
from kiosk.bridge.properties import Property
from kiosk.bridge.statistics import StatisticsController
from kiosk.bridge.usb import UsbUpdates
from kiosk.content.exhibit import Exhibit, localized
from kiosk.services.admin import (
    Attempt,
    Clock,
    CornerTaps,
    PinGate,
    PinLockFile,
    RecentProblems,
    content_fingerprint,
    format_uptime,
    unrotate,
)
from kiosk.supervision.contract import ENV_NOTE, EXIT_QUIT, EXIT_RESTART

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: The admin screen closes itself after this long without a touch: staff walk away too.
CLOSE_AFTER_MS = 60_000

CLOSED, PIN, ADMIN = "closed", "pin", "admin"


@QmlElement
class AdminController(QObject):
    stageChanged = Signal()
    lockChanged = Signal()
    pinErrorChanged = Signal()
    contentChanged = Signal()
    contentHashChanged = Signal()
    uptimeChanged = Signal()
    lastErrorsChanged = Signal()
    openingChanged = Signal()
    statisticsShownChanged = Signal()
    usbChanged = Signal()
    #: Staff asked to reload the content; the application decides how.
    reloadRequested = Signal()
    _hashed = Signal(str, str)  # (folder, hash) from the worker thread

    def __init__(
        self,
        exhibit: Exhibit | None = None,
        pin_hash: str | None = None,
        *,
        content_dir: Path | None = None,
        config_problems: Sequence[str] = (),
        recent: RecentProblems | None = None,
        lock_file: Path | None = None,
        clock: Clock = time.monotonic,
        close_after_ms: int = CLOSE_AFTER_MS,
        exit_app: Callable[[int], None] | None = None,
        environ: Mapping[str, str] | None = None,
        statistics: StatisticsController | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._statistics = statistics if statistics is not None else StatisticsController()
        self._statistics.setParent(self)
        self._statistics_shown = False
        self._gate = PinGate(pin_hash, clock=clock, store=PinLockFile(lock_file) if lock_file else None)
        self._clock = clock
        self._started = clock()
        self._recent = recent
        self._seen_records = -1
        self._exit = exit_app if exit_app is not None else QCoreApplication.exit
        self._environ = os.environ if environ is None else environ
        self._config_problems = list(config_problems)
        self._stage = CLOSED
        self._pin_error = ""
        self._locked = False
        self._lock_remaining = 0
        self._uptime = ""
        self._last_errors: list[str] = []
        self._content_name = ""
        self._content_root: Path | None = None
        self._content_hash = ""
        self._close_timer = QTimer(self)
        self._close_timer.setSingleShot(True)
        self._close_timer.setInterval(close_after_ms)
        self._close_timer.timeout.connect(self._timed_out)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._refresh)
        self._hashed.connect(self._hash_ready)
        self._opening: OpeningController | None = None
        self._usb: UsbUpdates | None = None
        self.set_content(exhibit, content_dir)

    # -- what staff read ---------------------------------------------------------------------
    @Property(str, notify=stageChanged)
    def stage(self) -> str:
        """`closed`, `pin` (the PIN pad) or `admin` (the admin screen, PIN accepted)."""
        return self._stage

    @Property(bool, notify=stageChanged)
    def open(self) -> bool:
        return self._stage == ADMIN

    @Property(bool, constant=True)
    def hasPin(self) -> bool:
        return self._gate.has_pin

    @Property(bool, notify=lockChanged)
    def locked(self) -> bool:
        return self._locked

    @Property(int, notify=lockChanged)
    def lockRemainingSeconds(self) -> int:
        return self._lock_remaining

    @Property(str, notify=lockChanged)
    def lockRemaining(self) -> str:
        """`4:59`: minutes and seconds, as the pad shows them."""
        return f"{self._lock_remaining // 60}:{self._lock_remaining % 60:02d}"

    @Property(str, notify=pinErrorChanged)
    def pinError(self) -> str:
        """Why the last PIN was refused: `wrong`, `locked`, `no_pin`; empty when nothing is wrong."""
        return self._pin_error

    @Property(int, notify=pinErrorChanged)
    def triesLeft(self) -> int:
        return self._gate.tries_left

    @Property(str, constant=True)
    def version(self) -> str:
        return __version__

    @Property(str, notify=contentChanged)
    def contentName(self) -> str:
        return self._content_name

    @Property(str, notify=contentChanged)
    def contentFolder(self) -> str:
        return str(self._content_root) if self._content_root else ""

    @Property(str, notify=contentHashChanged)
    def contentHash(self) -> str:
        """SHA-256 of the content folder's files ("" while it is being computed)."""
        return self._content_hash

    @Property(str, notify=uptimeChanged)
    def uptime(self) -> str:
        return self._uptime

    @Property("QVariantList", notify=lastErrorsChanged)
    def lastErrors(self) -> list[str]:
        return self._last_errors

    @Property(str, constant=True)
    def supervisorNote(self) -> str:
        return self._environ.get(ENV_NOTE, "").strip()

    @Property("QVariantList", constant=True)
    def configProblems(self) -> list[str]:
        return self._config_problems

    @Property(QObject, notify=openingChanged)
    def opening(self) -> OpeningController | None:
        """The opening hours (bridge/opening.py): today's hours, open now or not."""
        return self._opening

    @Property(QObject, constant=True)
    def statistics(self) -> StatisticsController:
        """The visitor figures and the export (bridge/statistics.py)."""
        return self._statistics

    @Property(bool, notify=statisticsShownChanged)
    def statisticsShown(self) -> bool:
        """The admin screen shows the visitor figures panel."""
        return self._statistics_shown

    @Property(QObject, notify=usbChanged)
    def usb(self) -> UsbUpdates | None:
        """Content from a USB stick (bridge/usb.py); None when this kiosk takes none (no content folder)."""
        return self._usb

    def set_usb(self, usb: UsbUpdates) -> None:
        if usb is not self._usb:
            self._usb = usb
            self.usbChanged.emit()

    def set_opening(self, opening: OpeningController) -> None:
        if opening is not self._opening:
            self._opening = opening
            self.openingChanged.emit()

    def set_content(self, exhibit: Exhibit | None, folder: Path | None = None) -> None:
        """The exhibit now shown (after a reload too); `folder` names a content folder that
        could not be shown, so staff still see which one it was."""
        self._statistics.set_content(exhibit)
        if exhibit is None:
            name, root = "", folder
        else:
            default = exhibit.manifest.default_language
            name, root = localized(exhibit.manifest.title, default, default), exhibit.root
        if (name, root) == (self._content_name, self._content_root):
            return
        self._content_name, self._content_root = name, root
        self.contentChanged.emit()
        if self._stage == ADMIN:
            self._start_hash()

    # -- the way in ----------------------------------------------------------------------------
    @Slot()
    def requestEntry(self) -> None:
        """The gesture was made: show the PIN pad (or keep what is shown)."""
        if self._stage == CLOSED:
            log.info("admin gesture: PIN pad shown")
            # A lockout may have been kept from before a restart.
            self._set_pin_error("no_pin" if not self._gate.has_pin else "locked" if self._gate.locked() else "")
            self._set_stage(PIN)
        self.activity()

    @Slot(str)
    def submitPin(self, pin: str) -> None:
        if self._stage != PIN:
            return
        self.activity()
        result = self._gate.submit(pin)
        if result is Attempt.ACCEPTED:
            log.warning("admin screen opened (PIN accepted)")
            self._set_pin_error("")
            self._set_stage(ADMIN)
            return
        if result is Attempt.LOCKED and not self._locked:
            log.warning(
                "admin PIN pad locked for %d s after %d wrong PINs", self._gate.lockout_seconds, self._gate.max_failures
            )
        elif result is Attempt.WRONG:
            log.warning("wrong admin PIN (%d tries left)", self._gate.tries_left)
        self._set_pin_error(str(result))
        self._refresh()

    @Slot()
    def activity(self) -> None:
        """A touch while the pad or the admin screen is up: it stays up another minute."""
        if self._stage != CLOSED:
            self._close_timer.start()

    @Slot()
    def close(self) -> None:
        self._set_stage(CLOSED)

    # -- what staff can do -------------------------------------------------------------------
    @Slot()
    def reloadContent(self) -> None:
        if self._stage != ADMIN:
            return
        log.warning("content reload requested from the admin screen")
        self.reloadRequested.emit()
        self._refresh()

    @Slot()
    def takeUsbBundle(self) -> None:
        """Staff, behind the PIN, take in the USB stick's bundle that is not signed by a trusted key."""
        if self._stage == ADMIN and self._usb is not None:
            self._usb.take()

    @Slot()
    def refuseUsbBundle(self) -> None:
        if self._stage == ADMIN and self._usb is not None:
            self._usb.refuse()

    @Slot()
    def stayOpenOneHour(self) -> None:
        """An event running late: the exhibit stays open one more hour (or opens now, for one hour)."""
        if self._stage != ADMIN or not isinstance(self._opening, OpeningController):
            return
        self._opening.stay_open(STAY_OPEN)

    @Slot()
    def showStatistics(self) -> None:
        """The visitor figures: read again (off the GUI thread), USB sticks looked for."""
        if self._stage != ADMIN:
            return
        self._statistics.refresh()
        self._set_statistics_shown(True)

    @Slot()
    def hideStatistics(self) -> None:
        self._set_statistics_shown(False)

    @Slot()
    def restart(self) -> None:
        if self._stage != ADMIN:
            return
        log.warning("restart requested from the admin screen (exit code %d)", EXIT_RESTART)
        self._set_stage(CLOSED)
        self._exit(EXIT_RESTART)

    @Slot()
    def quitToDesktop(self) -> None:
        if self._stage != ADMIN:
            return
        log.warning("quit to the desktop requested from the admin screen (exit code %d)", EXIT_QUIT)
        self._set_stage(CLOSED)
        self._exit(EXIT_QUIT)

    def preview(self, stage: str, statistics: bool = False) -> None:
        """Show a stage without the PIN, for `kiosk snapshot`'s proof sheet (not a slot: QML
        cannot); `statistics`: with the visitor figures panel, as the statistics controller
        was given them (its own `preview`)."""
        self._set_stage(stage)
        self._set_statistics_shown(statistics and stage == ADMIN)

    # -- internals -----------------------------------------------------------------------------
    def _set_stage(self, stage: str) -> None:
        if stage == self._stage:
            return
        self._stage = stage
        if stage != ADMIN:
            self._set_statistics_shown(False)
        if stage == CLOSED:
            self._close_timer.stop()
            self._tick.stop()
            self._set_pin_error("")
        else:
            self._close_timer.start()
            self._tick.start()
            self._refresh()
        if stage == ADMIN:
            self._start_hash()
        self.stageChanged.emit()

    def _set_statistics_shown(self, shown: bool) -> None:
        if shown != self._statistics_shown:
            self._statistics_shown = shown
            self.statisticsShownChanged.emit()

    def _set_pin_error(self, error: str) -> None:
        if error != self._pin_error:
            self._pin_error = error
        self.pinErrorChanged.emit()  # the same error twice is news too (triesLeft moved)

    def _timed_out(self) -> None:
        log.info("admin screen closed after %d s without a touch", self._close_timer.interval() // 1000)
        self._set_stage(CLOSED)

    def _refresh(self) -> None:
        """Once a second while the pad or the screen is up: lockout, uptime, new log lines."""
        remaining = round(self._gate.lock_remaining() + 0.499)
        locked = remaining > 0
        if (locked, remaining) != (self._locked, self._lock_remaining):
            was_locked = self._locked
            self._locked, self._lock_remaining = locked, remaining
            self.lockChanged.emit()
            if was_locked and not locked and self._pin_error == "locked":
                self._set_pin_error("")
        uptime = format_uptime(self._clock() - self._started)
        if uptime != self._uptime:
            self._uptime = uptime
            self.uptimeChanged.emit()
        if self._recent is not None and self._recent.count != self._seen_records:
            self._seen_records = self._recent.count
            self._last_errors = self._recent.lines()
            self.lastErrorsChanged.emit()

    def _start_hash(self) -> None:
        root = self._content_root
        self._content_hash = ""
        self.contentHashChanged.emit()
        if root is None:
            return
        signal = self._hashed

        def work() -> None:
            try:
                digest = content_fingerprint(root)
            except OSError as exc:
                digest = f"? ({exc.strerror or exc})"
            with contextlib.suppress(RuntimeError):  # the controller is gone: the kiosk is closing
                signal.emit(str(root), digest)

        threading.Thread(target=work, name="content-hash", daemon=True).start()

    def _hash_ready(self, root: str, digest: str) -> None:
        if self._content_root is not None and root == str(self._content_root):
            self._content_hash = digest
            self.contentHashChanged.emit()


#: Input that keeps the admin screen open.
_INPUT = frozenset(
    {
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
    }
)


class AdminGestureFilter(QObject):
    """Sees every touch on the window (and real mouse clicks) and tells the admin controller
    when the corner-tap gesture is made. Never consumes an event: visitors' touches go on."""

    def __init__(
        self,
        admin: AdminController,
        window: QWindow,
        rotation: int = 0,
        recogniser: CornerTaps | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._admin = admin
        self._window = window
        self._rotation = rotation
        self._taps = recogniser or CornerTaps()
        self._clock = clock

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _INPUT and kind != QEvent.Type.TouchCancel:
            return False
        if self._admin.stage != CLOSED:
            self._admin.activity()
        points = self._points(event)
        if points is not None:
            width, height = float(self._window.width()), float(self._window.height())
            turned: dict[int, tuple[float, float]] = {}
            frame = (width, height)
            for point_id, (x, y) in points.items():
                tx, ty, fw, fh = unrotate(x, y, width, height, self._rotation)
                turned[point_id], frame = (tx, ty), (fw, fh)
            if not points:
                frame = unrotate(0, 0, width, height, self._rotation)[2:]
            if self._taps.feed(self._clock(), turned, *frame):
                self._admin.requestEntry()
        return False

    def _points(self, event: QEvent) -> dict[int, tuple[float, float]] | None:
        """The points now on the glass, or None when the event says nothing about them."""
        kind = event.type()
        if kind == QEvent.Type.TouchCancel:
            self._taps.reset()
            return None
        if isinstance(event, QTouchEvent):
            return {
                point.id(): (point.scenePosition().x(), point.scenePosition().y())
                for point in event.points()
                if point.state() != point.State.Released
            }
        if isinstance(event, QMouseEvent) and event.device().type() == QInputDevice.DeviceType.Mouse:
            if kind == QEvent.Type.MouseButtonRelease:
                return {}
            if kind == QEvent.Type.MouseButtonPress or event.buttons():
                position = event.scenePosition()
                return {-1: (position.x(), position.y())}
        return None
