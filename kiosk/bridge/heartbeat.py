"""The exhibit's heartbeat: proof for the supervisor that the GUI thread is not stuck.

A QTimer in the GUI thread writes one byte a second into the pipe the supervisor handed
over (see `kiosk/supervisor.py`). If the event loop hangs, the bytes stop, and the
supervisor ends and restarts the exhibit. If the supervisor is gone (the write fails),
the exhibit quits rather than run on unwatched.

Started only when the supervisor set KIOSK_HEARTBEAT_FD (POSIX) or KIOSK_HEARTBEAT_HANDLE
(Windows); `kiosk run` on its own has no heartbeat.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

from kiosk.services.supervision import ENV_HEARTBEAT_FD, ENV_HEARTBEAT_HANDLE

log = logging.getLogger(__name__)

INTERVAL_MS = 1000


def heartbeat_fd(environ: Mapping[str, str]) -> int | None:
    """The pipe's write end, as a file descriptor, from the supervisor's environment variable."""
    try:
        if os.name == "nt" and environ.get(ENV_HEARTBEAT_HANDLE):
            import msvcrt

            return msvcrt.open_osfhandle(int(environ[ENV_HEARTBEAT_HANDLE]), os.O_WRONLY)
        if environ.get(ENV_HEARTBEAT_FD):
            return int(environ[ENV_HEARTBEAT_FD])
    except (ValueError, OSError) as exc:
        log.warning("cannot use the supervisor's heartbeat pipe (%s); running without heartbeat", exc)
    return None


def _quit() -> None:
    QCoreApplication.exit(0)


class Heartbeat(QObject):
    """Writes a byte every `interval_ms` from the thread it lives in (the GUI thread).

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
        if hasattr(os, "set_blocking"):
            try:
                os.set_blocking(fd, False)  # a supervisor that stopped reading must not block the GUI
            except OSError:
                pass
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.beat)

    def start(self) -> None:
        """Beat as soon as the event loop runs, then every interval."""
        self._timer.start()
        QTimer.singleShot(0, self.beat)

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    @Slot()
    def beat(self) -> None:
        if not self._timer.isActive():
            return
        try:
            os.write(self._fd, b".")
        except BlockingIOError:
            pass  # the pipe is full: the supervisor is busy; the next beat will do
        except OSError as exc:
            self._timer.stop()
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
