"""The running kiosk's status file: what a fleet tool (Ansible, a script, staff over remote
access) reads to learn what each kiosk shows, without touching the exhibit.

The exhibit writes `status.json` in the user's data folder when it starts, after each new
content (shown, waiting or refused), after a USB stick, and every few minutes: its version,
the content's title, folder and fingerprint, the last swap and its result, its uptime and
the latest warnings and errors of its log. `kiosk status` reads it back
(kiosk/commands/status.py).

Every write goes through kiosk/atomicio.py: a full disk or a power cut leaves the last
complete file, never half of one. A write that fails is logged once (until one succeeds
again) and tried again at the next occasion. Plain Python, no Qt; the bridge calls `write`
off the GUI thread (the fingerprint reads every byte of the content).
"""

from __future__ import annotations

import json
import logging
import os
import platform
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.atomicio import write_text
from kiosk.paths import user_data_folder
from kiosk.services.admin import content_fingerprint, format_uptime

log = logging.getLogger(__name__)

STATUS_FILE = "status.json"
FORMAT = "kiosk-status"
FORMAT_VERSION = 1
#: How often a running kiosk writes its status even when nothing happened.
EVERY_SECONDS = 300.0
#: How many of the log's latest warnings and errors the file keeps.
LAST_ERRORS = 10
#: Past this many write periods without a new file, `kiosk status` says the kiosk seems stopped.
STALE_PERIODS = 3


def default_status_file() -> Path:
    """In the user's data folder, beside the last known good content."""
    return user_data_folder() / STATUS_FILE


def utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class SwapRecord:
    """The last time new content arrived, and what became of it."""

    at: str  #: ISO 8601, UTC
    result: str  #: "shown", "waiting" (for the visitor to leave), "refused"
    detail: str = ""  #: where it came from, or why it was refused


class StatusBoard:
    """What the status file says, kept up to date by the exhibit and written on demand.

    `set_*` and `record_swap` are called from the GUI thread, `write` from a worker: a lock
    keeps them apart. The content's fingerprint is computed once per folder (a shown copy
    never changes) inside `write`.
    """

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = utc_now,
        every_seconds: float = EVERY_SECONDS,
    ) -> None:
        self.path = path
        self.every_seconds = every_seconds
        self._clock = clock
        self._now = now
        self._started_at = clock()
        self._started = _iso(now())
        self._lock = threading.Lock()
        self._title = ""
        self._folder: Path | None = None
        self._source = ""
        self._fingerprints: dict[Path, str] = {}
        self._swap: SwapRecord | None = None
        self._usb: dict[str, str] = {}
        self._errors: list[str] = []
        self._stopped = False
        self._failing = False

    # -- what the exhibit tells it (GUI thread) ------------------------------------------
    def set_content(self, title: str, folder: Path | None, source: str | None = None) -> None:
        """The content now shown (`folder`: where its files are; `source`: where it came from,
        None: as said before)."""
        with self._lock:
            self._title, self._folder = title, folder
            if source is not None:
                self._source = source

    def set_source(self, source: str) -> None:
        with self._lock:
            self._source = source

    def record_swap(self, result: str, detail: str = "") -> None:
        with self._lock:
            self._swap = SwapRecord(_iso(self._now()), result, detail)

    def set_usb(self, state: str, detail: str = "") -> None:
        """What the USB watcher last did (kiosk/services/usb.py), "" when it did nothing."""
        with self._lock:
            self._usb = {"state": state, "detail": detail} if state else {}

    def set_stopped(self) -> None:
        """The exhibit is closing (quit, restart, stop asked): the last file says so."""
        with self._lock:
            self._stopped = True

    def set_errors(self, lines: Sequence[str]) -> None:
        """The log's latest warnings and errors, newest first."""
        with self._lock:
            self._errors = list(lines[:LAST_ERRORS])

    # -- the file (any thread) ------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """The file's content now (the fingerprint as far as it is known)."""
        with self._lock:
            folder = self._folder
            uptime = int(max(0.0, self._clock() - self._started_at))
            return {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "version": __version__,
                "host": platform.node(),
                "pid": os.getpid(),
                "started": self._started,
                "written": _iso(self._now()),
                "stopped": self._stopped,
                "every_seconds": self.every_seconds,
                "uptime_seconds": uptime,
                "uptime": format_uptime(uptime),
                "content": {
                    "title": self._title,
                    "folder": str(folder) if folder else "",
                    "source": self._source,
                    "fingerprint": self._fingerprints.get(folder, "") if folder else "",
                },
                "last_swap": vars(self._swap) if self._swap else None,
                "usb": dict(self._usb) or None,
                "last_errors": list(self._errors),
            }

    def write(self) -> bool:
        """Write the file now (the fingerprint first, when this folder has none yet); False
        when the disk refused (logged once, the last file kept)."""
        with self._lock:
            folder = self._folder
            known = folder is None or folder in self._fingerprints
        if not known and folder is not None:
            try:
                digest = content_fingerprint(folder)
            except OSError as exc:
                digest = f"? ({exc.strerror or exc})"
            with self._lock:
                self._fingerprints = {folder: digest}  # only the folder shown is ever asked for
        text = json.dumps(self.snapshot(), indent=1, ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text(self.path, text)
        except OSError as exc:
            if not self._failing:
                log.warning(
                    "cannot write the status file %s (%s); the last one is kept, trying again later",
                    self.path,
                    exc.strerror or exc,
                )
            self._failing = True
            return False
        if self._failing:
            log.info("the status file %s is written again", self.path)
        self._failing = False
        return True


# -- reading it back (kiosk status) -----------------------------------------------------------------


class StatusFileError(Exception):
    """The status file exists but cannot be read as one: the message says why."""


def read_status(path: Path) -> dict[str, Any] | None:
    """The status a kiosk wrote, or None when there is no file (no kiosk has run here)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise StatusFileError(f"{path} cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        raise StatusFileError(f"{path} is not a status file the kiosk wrote (not JSON)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StatusFileError(f"{path} is not a status file the kiosk wrote")
    return data


def age_seconds(status: dict[str, Any], now: datetime | None = None) -> float | None:
    """How long ago the file was written; None when it does not say."""
    try:
        written = datetime.fromisoformat(str(status["written"]).replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return None
    return ((now or utc_now()) - written).total_seconds()


def seems_running(status: dict[str, Any], now: datetime | None = None) -> bool:
    """Written within a few of its own periods, and not as it closed: the kiosk that wrote it
    is very likely running."""
    if status.get("stopped"):
        return False
    age = age_seconds(status, now)
    try:
        period = float(status.get("every_seconds", EVERY_SECONDS))
    except (TypeError, ValueError):
        period = EVERY_SECONDS
    return age is not None and age <= STALE_PERIODS * period + 60


def describe(status: dict[str, Any], now: datetime | None = None) -> list[str]:
    """`kiosk status`'s lines for people."""
    content = status.get("content") or {}
    age = age_seconds(status, now)
    running = seems_running(status, now)
    lines = [
        f"kiosk {status.get('version', '?')} on {status.get('host', '?')} (process {status.get('pid', '?')})",
        _state(status, running, age),
        f"started: {status.get('started', '?')}, up {status.get('uptime', '?')}",
        f"content: {content.get('title') or '(none: the error screen)'}",
        f"folder: {content.get('folder') or '-'}",
    ]
    if content.get("source"):
        lines.append(f"from: {content['source']}")
    lines.append(f"fingerprint: {content.get('fingerprint') or '(being computed)'}")
    swap = status.get("last_swap")
    if isinstance(swap, dict):
        detail = f": {swap['detail']}" if swap.get("detail") else ""
        lines.append(f"last new content: {swap.get('result', '?')} at {swap.get('at', '?')}{detail}")
    else:
        lines.append("last new content: none since the kiosk started")
    usb = status.get("usb")
    if isinstance(usb, dict) and usb.get("state"):
        lines.append(f"USB stick: {usb['state']}" + (f": {usb['detail']}" if usb.get("detail") else ""))
    errors = status.get("last_errors") or []
    lines.append(f"latest warnings and errors: {len(errors) if errors else 'none'}")
    lines += [f"  {line}" for line in errors]
    return lines


def _state(status: dict[str, Any], running: bool, age: float | None) -> str:
    if status.get("stopped"):
        return f"state: stopped (the exhibit closed at {status.get('written', '?')})"
    ago = f" (status written {_ago(age)} ago)" if age is not None else ""
    return f"state: {'running' if running else 'not running, it seems'}{ago}"


def _ago(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"
