"""Logging to stderr and to a rotating file in the platform's log folder."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import time
from pathlib import Path

from platformdirs import user_log_dir

from kiosk.paths import APP_NAME

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 5


#: After a write to the log file fails, the next attempt waits this long (a full disk may be
#: cleared by then); the lines in between go to stderr only.
RETRY_SECONDS = 60.0


class _StoppedError(Exception):
    """Internal: the handler is resting after a failed write."""


class GuardedFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file that a failing device cannot turn into a flood of tracebacks.

    Logging's own handlers print "--- Logging error ---" and a traceback to stderr for every
    line they cannot write: with the log folder on a full disk, or on a device that refuses
    every write, that is every line of the day. This one says so once, on stderr, rests for
    RETRY_SECONDS (the lines go on to stderr through the console handler), tries again, and
    says when writing works again.
    """

    def __init__(self, *args: object, clock: object = time.monotonic, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._clock = clock
        self._resting_until: float | None = None
        self._failed = False

    def emit(self, record: logging.LogRecord) -> None:
        if self._resting_until is None:
            super().emit(record)
            return
        if self._clock() < self._resting_until:  # type: ignore[operator]
            return
        self._failed = False
        super().emit(record)  # calls handleError if the device still refuses
        if not self._failed:
            self._resting_until = None
            _say(f"kiosk: writing to the log file {self.baseFilename} again")

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            super().handleError(record)  # a mistake in the log call itself: say it as logging does
            return
        first = self._resting_until is None
        self._failed = True
        self._resting_until = self._clock() + RETRY_SECONDS  # type: ignore[operator]
        try:
            if self.stream is not None:
                self.stream.close()
        except OSError:
            pass
        self.stream = None  # reopened at the next attempt
        if first:
            reason = getattr(error, "strerror", None) or error
            _say(
                f"kiosk: cannot write to the log file {self.baseFilename} ({reason}); logging to stderr "
                f"only, trying again every {RETRY_SECONDS:.0f} s"
            )


def _say(line: str) -> None:
    """One line to stderr, whatever stderr is (it may refuse writes too)."""
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


class _QuietStreamHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """stderr, which may itself be a device that refuses writes: then lines are dropped
    quietly instead of each printing a traceback to that same stderr."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        if not isinstance(sys.exc_info()[1], OSError | ValueError):  # ValueError: a closed stream
            super().handleError(record)


def default_log_dir() -> Path:
    """The platform's log folder, unless KIOSK_LOG_DIR says otherwise (the supervisor sets it)."""
    return Path(os.environ.get("KIOSK_LOG_DIR") or user_log_dir(APP_NAME, appauthor=False))


def setup_logging(log_dir: Path | None = None, level: int = logging.INFO, filename: str = "kiosk.log") -> Path | None:
    """Log to stderr and, if the folder is writable, to `filename` there (rotated at 1 MB).

    The supervisor logs to its own `supervisor.log`: two processes must not rotate one file.

    A full disk or a read-only folder never stops the exhibit: the kiosk then logs to
    stderr only and says so, once (GuardedFileHandler). Returns the log file's path, or None.
    """
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
    formatter = logging.Formatter(LOG_FORMAT)
    console = _QuietStreamHandler(sys.stderr)
    console.setFormatter(formatter)
    console._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(console)

    folder = log_dir or default_log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / filename
        file_handler = GuardedFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError as exc:
        logging.getLogger(__name__).warning("cannot write logs to %s (%s); logging to stderr only", folder, exc)
        return None
    file_handler.setFormatter(formatter)
    file_handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    return path
