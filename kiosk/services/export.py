"""The visitor record taken away from the exhibition PC: a copy of it and its report, written
to a USB stick or a folder, from the admin screen (kiosk/bridge/statistics.py).

Plain Python (no Qt), run on a worker thread. The copy is made with SQLite's backup API (a
consistent copy while the exhibit goes on writing), checked, and turned into a single
self-contained file; the report is made by `kiosk stats --report` in a process of its own
(it renders the screens headless, never on the exhibit's screen). A target that cannot be
written (full, read-only, pulled out) fails with the reason in words, and whatever was
half written is removed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.paths import is_frozen

#: The report covers this many days, today included (the copy holds everything).
REPORT_DAYS = 30
#: A report that takes longer than this is given up (the copy is kept).
REPORT_TIMEOUT_S = 600.0
#: Windows' GetDriveTypeW for a removable drive (a USB stick, a card reader).
_DRIVE_REMOVABLE = 2


@dataclass(frozen=True)
class Place:
    """Somewhere an export can go: a removable drive, or a folder on this PC."""

    label: str
    path: Path
    removable: bool


def removable_places(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    *,
    roots: Iterable[Path] | None = None,
    is_mount: Callable[[Path], bool] = os.path.ismount,
) -> list[Place]:
    """The USB sticks and drives plugged in now: on Linux the mount points under
    /media/$USER, /run/media/$USER and /mnt; on Windows the removable drive letters."""
    environ = os.environ if environ is None else environ
    platform = platform or sys.platform
    if platform.startswith("win") and roots is None:
        return _windows_drives()
    if roots is None:
        user = environ.get("USER") or environ.get("LOGNAME") or ""
        roots = [Path("/media") / user, Path("/run/media") / user, Path("/mnt")] if user else [Path("/mnt")]
    found: list[Place] = []
    for root in roots:
        try:
            children = sorted(child for child in root.iterdir() if child.is_dir())
        except OSError:
            continue
        found += [Place(child.name, child, True) for child in children if is_mount(child)]
    return found


def _windows_drives() -> list[Place]:
    import ctypes

    kernel = getattr(ctypes, "windll").kernel32  # noqa: B009 (on Windows only: mypy on Linux does not know it)
    mask = kernel.GetLogicalDrives()
    found: list[Place] = []
    for index in range(26):
        if mask & (1 << index):
            letter = f"{chr(ord('A') + index)}:\\"
            if kernel.GetDriveTypeW(letter) == _DRIVE_REMOVABLE:
                found.append(Place(letter, Path(letter), True))
    return found


def documents_place() -> Place:
    """A folder on this PC, for when no USB stick is at hand: Documents/kiosk-exports."""
    from platformdirs import user_documents_dir

    return Place("Documents", Path(user_documents_dir()) / "kiosk-exports", False)


@dataclass(frozen=True)
class Exported:
    """What an export did. `ok`: the copy and the report are there; otherwise `why` says what
    went wrong, and `folder` is set when the copy was kept without its report."""

    ok: bool
    folder: Path | None
    why: str = ""


def copy_record(record: Path, target: Path) -> None:
    """A consistent copy of the record, as one file (no WAL beside it), checked."""
    source = sqlite3.connect(f"{record.as_uri()}?mode=ro", uri=True, timeout=10.0)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            copy.close()
    finally:
        source.close()
    if verdict != "ok":
        raise sqlite3.DatabaseError(f"the copy does not check out: {verdict}")


def kiosk_command() -> list[str]:
    """This kiosk's own command line (the frozen executable, or this Python's `-m kiosk`)."""
    return [sys.executable] if is_frozen() else [sys.executable, "-m", "kiosk"]


def make_report(record: Path, folder: Path, content: Path | None, size: tuple[int, int]) -> None:
    """`kiosk stats --report` in a process of its own, headless. Raises RuntimeError with its
    last words when it fails."""
    command = [*kiosk_command(), "stats", "--record", str(record), "--report", str(folder)]
    command += ["--size", f"{size[0]}x{size[1]}"]
    if content is not None:
        command += ["--content", str(content)]
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=REPORT_TIMEOUT_S, env=environment, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(str(exc)) from exc
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise RuntimeError(lines[-1] if lines else f"kiosk stats stopped with code {done.returncode}")


def export(
    record: Path,
    place: Path,
    *,
    content: Path | None = None,
    size: tuple[int, int] = (1920, 1080),
    now: datetime | None = None,
    report: Callable[[Path, Path, Path | None, tuple[int, int]], None] = make_report,
) -> Exported:
    """Writes `kiosk-visits-DATE-TIME/` into `place`: visits.sqlite (the copy) and report/."""
    if not record.is_file():
        return Exported(False, None, f"no visitor record at {record}")
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    folder = place / f"kiosk-visits-{stamp}"
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        return Exported(False, None, _words(exc, place))
    copy = folder / record.name
    try:
        copy_record(record, copy)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)
        return Exported(False, None, _words(exc, place))
    try:
        report(copy, folder / "report", content, size)
    except (RuntimeError, OSError) as exc:
        return Exported(False, folder, str(exc))
    return Exported(True, folder)


def _words(exc: BaseException, place: Path) -> str:
    """Why a target could not be written, in plain words (the system's own words after them)."""
    text = str(exc)
    lowered = text.lower()
    if "disk is full" in lowered or getattr(exc, "errno", None) == 28:
        return f"{place} is full"
    if "readonly" in lowered or "read-only" in lowered or getattr(exc, "errno", None) in (13, 30):
        return f"{place} cannot be written (read-only or not allowed)"
    if isinstance(exc, OSError):
        return f"{place} cannot be written: {exc.strerror or text}"
    return f"{place}: {text}"
