"""Logging to stderr and to a rotating file in the platform's log folder."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from platformdirs import user_log_dir

from kiosk.paths import APP_NAME

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 5


def default_log_dir() -> Path:
    """The platform's log folder, unless KIOSK_LOG_DIR says otherwise (the supervisor sets it)."""
    return Path(os.environ.get("KIOSK_LOG_DIR") or user_log_dir(APP_NAME, appauthor=False))


def setup_logging(log_dir: Path | None = None, level: int = logging.INFO, filename: str = "kiosk.log") -> Path | None:
    """Log to stderr and, if the folder is writable, to `filename` there (rotated at 1 MB).

    The supervisor logs to its own `supervisor.log`: two processes must not rotate one file.

    A full disk or a read-only folder never stops the exhibit: the kiosk then logs to
    stderr only and says so. Returns the log file's path, or None.
    """
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
    formatter = logging.Formatter(LOG_FORMAT)
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(formatter)
    console._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(console)

    folder = log_dir or default_log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / filename
        file_handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("cannot write logs to %s (%s); logging to stderr only", folder, exc)
        return None
    file_handler.setFormatter(formatter)
    file_handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    return path
