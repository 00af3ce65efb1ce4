"""`kiosk doctor`: is this machine ready to be the exhibition PC? One line per check.

    OK    screens      1 screen: HDMI-A-1 1920x1080 at 60 Hz, scale 1
    WARN  graphics     software renderer: ...
    FAIL  logs         cannot write in /var/log/kiosk: Permission denied

Exit 0 when nothing FAILs (warnings are for the installer to judge), 1 otherwise.
Qt is imported inside the checks that need it, so the other checks run without a display.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kiosk import __version__
from kiosk.paths import user_data_folder
from kiosk.supervision import crashreports

if TYPE_CHECKING:
    from kiosk.content.report import Problem

EXIT_OK, EXIT_FAIL = 0, 1
DISK_WARN_BYTES = 1_000_000_000
DISK_FAIL_BYTES = 100_000_000
FIRST_FRAME_TIMEOUT_MS = 10_000
MIN_SIZE = (1280, 720)  #: the layouts are designed for 1080p; smaller is legible but cramped


class Status(StrEnum):
    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Check:
    status: Status
    check: str
    detail: str


def run_doctor(content: Path, log_dir: Path | None, fmt: str, out: TextIO, config: Path | None = None) -> int:
    """Run every check, print the report, return 0 unless a check FAILs.

    `config`: the kiosk.yaml named on the command line; else the one beside the executable.
    """
    from kiosk.logs import default_log_dir
    from kiosk.paths import picture_cache_folder as picture_cache
    from kiosk.services.config import find_config

    checks = run_checks(content, log_dir or default_log_dir(), picture_cache(), user_data_folder())
    checks.append(_guarded("hours", lambda: check_hours(find_config(config), datetime.now(UTC))))
    if fmt == "json":
        ok = all(check.status is not Status.FAIL for check in checks)
        out.write(json.dumps({"ok": ok, "checks": [asdict(check) for check in checks]}, indent=2) + "\n")
    else:
        out.write(format_table(checks))
    return EXIT_FAIL if any(check.status is Status.FAIL for check in checks) else EXIT_OK


def format_table(checks: list[Check]) -> str:
    width = max(len(check.check) for check in checks)
    lines = [f"{check.status.value:<5} {check.check:<{width}}  {check.detail}" for check in checks]
    fails = sum(check.status is Status.FAIL for check in checks)
    warns = sum(check.status is Status.WARN for check in checks)
    if fails:
        lines.append(f"{fails} blocking problem(s), {warns} warning(s): fix the FAIL lines before opening.")
    else:
        lines.append(f"ready ({warns} warning(s))." if warns else "ready.")
    return "\n".join(lines) + "\n"


def run_checks(content: Path, log_dir: Path, cache_dir: Path, data_dir: Path | None = None) -> list[Check]:
    """`data_dir`: where the last-known-good content and the PIN lockout are kept."""
    checks = [_guarded("kiosk", check_versions)]
    checks += _guarded_many("screens", check_qt)
    checks.append(_guarded("content", lambda: check_content(content)))
    checks.append(_guarded("logs", lambda: check_writable("logs", log_dir)))
    checks.append(_guarded("cache", lambda: check_writable("cache", cache_dir)))
    if data_dir is not None:
        checks.append(_guarded("data", lambda: check_writable("data", data_dir)))
    checks.append(_guarded("disk", lambda: check_disk("disk (logs)", log_dir)))
    if _filesystem(cache_dir) != _filesystem(log_dir):
        checks.append(_guarded("disk", lambda: check_disk("disk (cache)", cache_dir)))
    checks.append(_guarded("crash reports", lambda: check_crash_reports(log_dir)))
    return checks


def _guarded(name: str, check: Callable[[], Check]) -> Check:
    try:
        return check()
    except Exception as exc:  # a check that breaks is itself a finding
        return Check(Status.FAIL, name, f"the check failed: {type(exc).__name__}: {exc}")


def _guarded_many(name: str, checks: Callable[[], list[Check]]) -> list[Check]:
    try:
        return checks()
    except Exception as exc:
        return [Check(Status.FAIL, name, f"the check failed: {type(exc).__name__}: {exc}")]


# -- checks without Qt ---------------------------------------------------------------------


def check_versions() -> Check:
    from kiosk.paths import program_location

    system = f"{platform.system()} {platform.release()}".strip()
    where = program_location()
    return Check(Status.OK, "kiosk", f"version {__version__}, Python {platform.python_version()}, {system}; {where}")


def check_content(content: Path) -> Check:
    from kiosk.commands.validate import summary
    from kiosk.content.loader import load_exhibit

    _exhibit, report = load_exhibit(content, thorough=False)
    line = summary(content, report)
    if report.errors:
        first = min(report.errors)
        return Check(Status.FAIL, "content", f"{line}; first: {first.format()} (run `kiosk validate` for all)")
    if report.warnings:
        return Check(Status.WARN, "content", f"{line} (run `kiosk validate` to see them)")
    return Check(Status.OK, "content", line)


def check_hours(config: Path | None, now: datetime) -> Check:
    """Today's opening hours from kiosk.yaml, whether the kiosk is open at `now`, and what comes next."""
    from kiosk.services.config import load_config
    from kiosk.services.schedule import HORIZON_DAYS, format_moment

    if config is None:
        return Check(Status.OK, "hours", "always open (no kiosk.yaml found; `kiosk doctor --config PATH` reads one)")
    settings, report = load_config(config)
    if settings is None:
        first = min(report.errors)
        return Check(Status.WARN, "hours", f"always open: kiosk.yaml cannot be read: {first.format()}")
    problems = _group_problems(config, "opening_hours", report.sorted())
    if problems:
        return Check(
            Status.WARN,
            "hours",
            f"always open: opening_hours in kiosk.yaml is left out for {len(problems)} problem(s), first: "
            f"{problems[0].format()} (run `kiosk validate-config`)",
        )
    if settings.opening_hours is None:
        return Check(Status.OK, "hours", "always open (no opening_hours in kiosk.yaml)")
    schedule = settings.opening_hours.to_schedule()
    today = schedule.hours_on(schedule.day_of(now))
    tzname = schedule.local(now).tzname()
    tail = f"today {today.describe()}; times in {schedule.zone.name}" + (f" ({tzname})" if tzname else "")
    first_change = schedule.next_change(now)
    if first_change is None:
        if schedule.is_open(now):
            return Check(Status.OK, "hours", f"open now, around the clock; {tail}")
        return Check(
            Status.WARN,
            "hours",
            f"closed now, and not open on any day of the next {HORIZON_DAYS} days: check opening_hours; {tail}",
        )
    then = schedule.next_change(first_change.at)
    state = "closed now, opens at" if first_change.opens else "open now, closes at"
    detail = f"{state} {format_moment(first_change.at)}"
    if then is not None:
        detail += f"; {'opens again' if then.opens else 'closes'} at {format_moment(then.at)}"
    detail += f"; {tail}"
    return Check(Status.OK, "hours", detail)


def _group_problems(config: Path, group: str, problems: list[Problem]) -> list[Problem]:
    """The problems written inside one top-level group of kiosk.yaml (from its key to the next key)."""
    from kiosk.content.report import Report
    from kiosk.content.yamlsafe import load_yaml

    located = load_yaml(config, config.name, Report())
    if located is None or not isinstance(located.data, dict) or group not in located.data:
        return []
    tops = sorted(line for path, (line, _column) in located.key_positions.items() if len(path) == 1)
    first = located.key_positions[(group,)][0]
    after = next((line for line in tops if line > first), None)
    return [problem for problem in problems if first <= problem.line and (after is None or problem.line < after)]


def check_writable(name: str, folder: Path) -> Check:
    """Create the folder if needed, then write and delete a probe file."""
    probe = folder / f".doctor-probe-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"kiosk doctor")
        probe.unlink()
    except OSError as exc:
        return Check(Status.FAIL, name, f"cannot write in {folder}: {exc.strerror or exc}")
    return Check(Status.OK, name, f"{folder} is writable")


def check_disk(name: str, folder: Path) -> Check:
    existing = _existing_ancestor(folder)
    free = shutil.disk_usage(existing).free
    detail = f"{_size(free)} free on the disk holding {folder}"
    if free < DISK_FAIL_BYTES:
        return Check(Status.FAIL, name, f"{detail}: less than {_size(DISK_FAIL_BYTES)}")
    if free < DISK_WARN_BYTES:
        return Check(Status.WARN, name, f"{detail}: less than {_size(DISK_WARN_BYTES)}")
    return Check(Status.OK, name, detail)


def check_crash_reports(log_dir: Path) -> Check:
    found = [path for path in crashreports.reports(log_dir) if path.stat().st_size > 0] if log_dir.is_dir() else []
    if not found:
        return Check(Status.OK, "crash reports", "none")
    age_days = (time.time() - found[0].stat().st_mtime) / 86400
    return Check(
        Status.WARN,
        "crash reports",
        f"{len(found)} in {log_dir}; newest {found[0].name} ({age_days:.0f} day(s) old): read it, then delete them",
    )


def _existing_ancestor(folder: Path) -> Path:
    path = folder.absolute()
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _filesystem(folder: Path) -> int | None:
    try:
        return _existing_ancestor(folder).stat().st_dev
    except OSError:
        return None


def _size(count: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} TB"  # pragma: no cover


# -- checks with Qt ------------------------------------------------------------------------


def _no_display() -> bool:
    """On Linux without a display server, Qt would abort: check offscreen instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY"))


def check_qt() -> list[Check]:
    """Screens, graphics and fonts: they need a QGuiApplication (the kiosk's own)."""
    headless = _no_display()
    if headless:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from kiosk.bridge import engine

    app = engine.application()
    checks = [check_screens(app.platformName(), headless)]
    checks.append(_guarded("graphics", lambda: check_graphics(app.platformName(), headless)))
    checks.append(_guarded("fonts", check_fonts))
    return checks


def check_screens(platform_name: str, headless: bool) -> Check:
    from kiosk.bridge.diagnostics import screens

    if headless:
        return Check(
            Status.WARN,
            "screens",
            "no display in this session (DISPLAY and WAYLAND_DISPLAY are unset); "
            "run `kiosk doctor` in the kiosk's own session to check screens and graphics",
        )
    found = screens()
    if not found:
        return Check(Status.FAIL, "screens", f"no screen found (Qt platform '{platform_name}')")
    described = []
    small = []
    for screen in found:
        name = screen.name or "(unnamed)"
        described.append(f"{name} {screen.width}x{screen.height} at {screen.refresh_hz:.0f} Hz, scale {screen.scale:g}")
        if min(screen.width, screen.height) < min(MIN_SIZE) or max(screen.width, screen.height) < max(MIN_SIZE):
            small.append(name)
    detail = f"{len(found)} screen(s): " + "; ".join(described)
    if platform_name in ("offscreen", "minimal"):
        return Check(Status.WARN, "screens", f"{detail} (Qt platform '{platform_name}': not a real screen)")
    if small:
        return Check(Status.WARN, "screens", f"{detail}; smaller than {MIN_SIZE[0]}x{MIN_SIZE[1]}: {', '.join(small)}")
    return Check(Status.OK, "screens", f"{detail} (Qt platform '{platform_name}')")


def check_graphics(platform_name: str, headless: bool) -> Check:
    """Render one frame in a tiny window and say what Qt Quick chose: GPU, or software."""
    from kiosk.bridge.diagnostics import first_frame

    frame = first_frame(FIRST_FRAME_TIMEOUT_MS)
    errors, swapped, software, device = frame.errors, frame.drawn, frame.software, frame.device

    forced = [f"{name}={os.environ[name]}" for name in ("QT_QUICK_BACKEND", "QSG_RHI_BACKEND") if os.environ.get(name)]
    chosen = "Qt Quick's software renderer" if software else frame.api + (f" on {device}" if device else "")
    chosen += f" ({', '.join(forced)})" if forced else ""
    if errors:
        return Check(
            Status.FAIL,
            "graphics",
            f"Qt Quick cannot draw: {errors[0].strip()} (try QT_QUICK_BACKEND=software, see docs/INSTALL.md)",
        )
    if not swapped:
        return Check(Status.FAIL, "graphics", f"no frame drawn within {FIRST_FRAME_TIMEOUT_MS / 1000:g} s ({chosen})")
    if software or "(CPU)" in device:
        why = "no real screen here" if headless or platform_name in ("offscreen", "minimal") else "check the driver"
        return Check(
            Status.WARN,
            "graphics",
            f"drawn by the processor: {chosen}; it works, but animations are slower on a real kiosk ({why})",
        )
    return Check(Status.OK, "graphics", f"GPU: {chosen}")


def check_fonts() -> Check:
    from kiosk.bridge import engine

    try:
        families = engine.load_fonts()
    except engine.QmlLoadError as exc:
        return Check(Status.FAIL, "fonts", str(exc))
    return Check(Status.OK, "fonts", f"{len(engine.FONT_FILES)} bundled files load: {', '.join(families)}")
