"""ScreenCareController: burn-in care (kiosk.services.screencare) as QML properties.

The attract page binds its still parts' offset to `shiftX`/`shiftY` (pixels at 1080p, the
page scales them) and its brightness to `brightness`; every touch (the window's activity
filter) calls `activity()`. One single-shot timer is set to the next moment anything
changes: the next small move, or the end of the quiet time.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.bridge.properties import Property
from kiosk.services.screencare import ScreenCare

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
class ScreenCareController(QObject):
    shiftChanged = Signal()
    brightnessChanged = Signal()

    def __init__(
        self,
        care: ScreenCare | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._care = care or ScreenCare()
        self._clock = clock
        self._started = clock()
        self._last_touch = self._started
        self._shift = (0, 0)
        self._brightness = 1.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self.check()

    @Property(int, notify=shiftChanged)
    def shiftX(self) -> int:
        return self._shift[0]

    @Property(int, notify=shiftChanged)
    def shiftY(self) -> int:
        return self._shift[1]

    @Property(float, notify=brightnessChanged)
    def brightness(self) -> float:
        """1: as designed; lower: dimmed after a quiet time (the attract page only)."""
        return self._brightness

    @Slot()
    def activity(self) -> None:
        """A touch, a click or a key: a visitor is here."""
        self._last_touch = self._clock()
        if self._brightness != 1.0:
            self.check()

    @Slot()
    def check(self) -> None:
        """Follow the policy now, and set the timer to the next change."""
        now = self._clock()
        running, quiet = now - self._started, now - self._last_touch
        shift = self._care.shift(running)
        if shift != self._shift:
            self._shift = shift
            self.shiftChanged.emit()
        brightness = self._care.brightness(quiet)
        if brightness != self._brightness:
            self._brightness = brightness
            self.brightnessChanged.emit()
        waits = []
        if self._care.shift_pixels:
            waits.append(self._care.next_shift_in(running))
        if self._care.dim_after_minutes and brightness == 1.0:
            waits.append(self._care.dim_after_minutes * 60 - quiet)
        if waits:
            self._timer.start(max(1, int(min(waits) * 1000 + 0.5)))
        else:
            self._timer.stop()
