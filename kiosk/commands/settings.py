"""`kiosk validate-config` and `kiosk set-pin`: the installer's two commands for kiosk.yaml."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TextIO

from kiosk.services.admin import hash_pin, pin_problem
from kiosk.services.config import (
    CONFIG_FILE,
    ConfigEditError,
    KioskConfig,
    find_config,
    load_config,
    save_pin_hash,
)
from kiosk.services.schedule import describe_week

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def run_validate_config(explicit: Path | None, out: TextIO, err: TextIO) -> int:
    """Every problem of kiosk.yaml as `kiosk.yaml:line:col: error: ...`; 0 when clean."""
    path = find_config(explicit)
    if path is None:
        err.write(
            f"kiosk validate-config: no {CONFIG_FILE} beside the executable; name one: kiosk validate-config PATH\n"
        )
        return EXIT_USAGE
    config, report = load_config(path)
    for problem in report.sorted():
        out.write(problem.format() + "\n")
    count = len(report.errors)
    out.write(f"{path.as_posix()} : " + ("valid" if report.ok else f"{count} error{'s' if count != 1 else ''}") + "\n")
    if config is not None and report.ok:
        content = config.content or "the built-in exhibit"
        out.write(f"content: {content}\n")
        out.write(f"opening hours: {describe_hours(config)}\n")
    return EXIT_OK if report.ok else EXIT_INVALID


def describe_hours(config: KioskConfig) -> str:
    """The opening hours as the kiosk understood them, for the installer to compare with the file."""
    if config.opening_hours is None:
        return "always open (no opening_hours)"
    schedule = config.opening_hours.to_schedule()
    lines = [f"{describe_week(schedule)} (times in {schedule.zone.name})"]
    if schedule.closed:
        lines.append("  closed: " + ", ".join(str(span) for span in schedule.closed))
    if schedule.exceptions:
        lines.append(
            "  exceptions: "
            + "; ".join(
                f"{day} {schedule.hours_on(day).describe().removesuffix(' (exception)')}"
                for day in sorted(schedule.exceptions)
            )
        )
    return "\n".join(lines)


def run_set_pin(explicit: Path | None, pin_stdin: bool, stdin: TextIO, out: TextIO, err: TextIO) -> int:
    """Ask for the PIN twice (or read it once from stdin) and store its salted hash in kiosk.yaml."""
    path = find_config(explicit)
    if path is None:
        err.write(f"kiosk set-pin: no {CONFIG_FILE} beside the executable; name one: kiosk set-pin --config PATH\n")
        return EXIT_USAGE
    if pin_stdin:
        pin = stdin.readline().strip()
    else:
        try:
            pin = getpass.getpass("New admin PIN (4 to 8 digits): ").strip()
            again = getpass.getpass("The same PIN again: ").strip()
        except (EOFError, KeyboardInterrupt):
            err.write("\nkiosk set-pin: cancelled; kiosk.yaml is unchanged\n")
            return EXIT_INVALID
        if pin != again:
            err.write("kiosk set-pin: the two PINs differ; kiosk.yaml is unchanged\n")
            return EXIT_INVALID
    problem = pin_problem(pin)
    if problem:
        err.write(f"kiosk set-pin: {problem}; kiosk.yaml is unchanged\n")
        return EXIT_INVALID
    try:
        save_pin_hash(path, hash_pin(pin))
    except ConfigEditError as exc:
        err.write(f"kiosk set-pin: {exc}\n")
        return EXIT_INVALID
    except OSError as exc:
        err.write(f"kiosk set-pin: cannot write {path}: {exc.strerror or exc}; it is unchanged\n")
        return EXIT_INVALID
    out.write(f"admin PIN set in {path}\n")
    _config, report = load_config(path)
    for other in report.sorted():
        err.write(f"note: {other.format()}\n")
    return EXIT_OK
