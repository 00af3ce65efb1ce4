"""The exhibit's heartbeat: proof for the supervisor that the GUI thread runs and the window draws.

A QTimer in the GUI thread writes a beat (one byte) a second into the pipe the supervisor
handed over (see `kiosk/supervision/supervisor.py`). If the event loop hangs, the beats stop, and the
supervisor ends and restarts the exhibit. If the supervisor is gone (the write fails), the
exhibit quits rather than run on unwatched.

Frames. Once the window is given (`watch`), each beat also asks the window for a frame
(`QQuickWindow.update()`), and the next beat is written only if a frame was swapped since
(`frameSwapped`), within one interval (else that beat is held back and the frame asked for
again), so a scene that stops drawing (a render thread stuck in a driver, say) stops the
heartbeat even though the GUI thread runs. A window that has nothing to draw (hidden,
minimised, not exposed: Qt's Wayland plugin marks a window not exposed when the compositor
stops asking for frames for 100 ms, a screen switched off say) beats on the GUI thread alone,
so it is never taken for hung. The offscreen platform (tests, benchmarks) draws every frame
asked for with the software renderer: tests/gui/test_heartbeat.py checks it.

Busy. Before known long work on the GUI thread (building the scene, showing new content),
the exhibit writes a "busy" line (`busy()`): no beat is expected for up to that many seconds,
and the beats pause meanwhile. The first beat after the work ends the extension.

Started only when the supervisor set KIOSK_HEARTBEAT_FD (POSIX) or KIOSK_HEARTBEAT_HANDLE
(Windows); `kiosk run` on its own has no heartbeat.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot
from PySide6.QtGui import QWindow
from shiboken6 import Shiboken

from kiosk.supervision.contract import BEAT, ENV_HEARTBEAT_FD, ENV_HEARTBEAT_HANDLE, busy_message

log = logging.getLogger(__name__)

INTERVAL_MS = 1000


def heartbeat_fd(environ: Mapping[str, str]) -> int | None:
    """The pipe's write end, as a file descriptor, from the supervisor's environment variable."""
    try:
        if sys.platform == "win32" and environ.get(ENV_HEARTBEAT_HANDLE):
            import msvcrt

            return msvcrt.open_osfhandle(int(environ[ENV_HEARTBEAT_HANDLE]), os.O_WRONLY)
        if environ.get(ENV_HEARTBEAT_FD):
            return int(environ[ENV_HEARTBEAT_FD])
    except (ValueError, OSError) as exc:
        log.warning("cannot use the supervisor's heartbeat pipe (%s); running without heartbeat", exc)
    return None


def _quit() -> None:
    QCoreApplication.exit(0)


def draws(window: QWindow) -> bool:
    """True when the window is on screen and so must draw the frames it is asked for."""
    hidden = (QWindow.Visibility.Hidden, QWindow.Visibility.Minimized)
    return window.isVisible() and window.isExposed() and window.visibility() not in hidden


class Heartbeat(QObject):
    """Writes a beat every `interval_ms` from the thread it lives in (the GUI thread).

    `on_gone` runs once if the supervisor has gone away; by default the exhibit quits.
    """

    def __init__(
        self,
        fd: int,
        interval_ms: int = INTERVAL_MS,
        on_gone: Callable[[], None] = _quit,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fd = fd
        self._on_gone = on_gone
        #: The supervisor went away: the exhibit must close, even if it learnt it before its
        #: event loop ran (while preparing pictures), when QCoreApplication.exit does nothing.
        self.gone = False
        if hasattr(os, "set_blocking"):
            with contextlib.suppress(OSError):  # a supervisor that stopped reading must not block the GUI
                os.set_blocking(fd, False)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.beat)
        self._window: QWindow | None = None
        self._asked = False  #: a frame was asked for at the last beat
        self._swapped = False  #: a frame was swapped since
        self._busy = 0  #: nested busy() blocks running
        self.missed = 0  #: beats held back because the frame asked for was not drawn

    def start(self) -> None:
        """Beat as soon as the event loop runs, then every interval."""
        self._timer.start()
        QTimer.singleShot(0, self.beat)

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def watch(self, window: QWindow) -> None:
        """From now on a beat also means: `window` drew the frame asked for at the last beat.

        `window` needs an `update()` slot and a `frameSwapped` signal (a QQuickWindow).
        """
        if self._window is not None and Shiboken.isValid(self._window):
            self._window.frameSwapped.disconnect(self._frame_swapped)  # type: ignore[attr-defined]
        self._window = window
        self._asked = self._swapped = False
        window.frameSwapped.connect(self._frame_swapped)  # type: ignore[attr-defined]

    @contextlib.contextmanager
    def busy(self, seconds: float, reason: str) -> Iterator[None]:
        """Long work on the GUI thread: the supervisor waits up to `seconds` (its own limit
        too) for the next beat instead of its usual timeout. The beats pause meanwhile (an
        event loop run inside the work must not end the extension); the next one, as soon
        as the event loop runs again, ends it."""
        self._send(busy_message(seconds, reason))
        self._busy += 1
        try:
            yield
        finally:
            self._busy -= 1
            if self._busy == 0:
                self._asked = False  # a new frame is asked for from now on
                QTimer.singleShot(0, self, self.beat)

    @Slot()
    def _frame_swapped(self) -> None:
        self._swapped = True

    @Slot()
    def beat(self) -> None:
        if not self._timer.isActive() or self._busy:
            return
        window = self._window
        if window is not None and not Shiboken.isValid(window):
            window = self._window = None  # closed at the end: the GUI thread alone answers then
        if window is not None and draws(window):
            if self._asked and not self._swapped:
                self.missed += 1  # no beat: the frame asked for a beat ago was not drawn
                window.update()  # type: ignore[attr-defined]  # asked again, in case a request was lost
                return
            self._asked, self._swapped = True, False
            window.update()  # type: ignore[attr-defined]
        else:
            self._asked = False
        self._send(BEAT)

    def _send(self, data: bytes) -> None:
        if not self._timer.isActive():
            return
        try:
            os.write(self._fd, data)
        except BlockingIOError:
            pass  # the pipe is full: the supervisor is busy; the next beat will do
        except OSError as exc:
            self._timer.stop()
            self.gone = True  # read before the event loop runs: an exit asked earlier is lost
            log.warning("the supervisor is gone (%s); closing the exhibit", exc)
            self._on_gone()


def start_heartbeat(environ: Mapping[str, str] | None = None) -> Heartbeat | None:
    """A running Heartbeat when the supervisor asked for one, else None. Keep a reference."""
    fd = heartbeat_fd(os.environ if environ is None else environ)
    if fd is None:
        return None
    heartbeat = Heartbeat(fd)
    heartbeat.start()
    log.info("heartbeat to the supervisor every %d ms", INTERVAL_MS)
    return heartbeat


@contextlib.contextmanager
def busy(heartbeat: Heartbeat | None, seconds: float, reason: str) -> Iterator[None]:
    """`heartbeat.busy(...)`, or nothing without a supervisor."""
    if heartbeat is None:
        yield
        return
    with heartbeat.busy(seconds, reason):
        yield
