"""`kiosk status`: what the kiosk running on this PC shows, read from the status file it
writes (kiosk/services/status.py), for staff and fleet tools (`--format json`).

Exit codes: 0 a kiosk is running (its file was written within a few of its periods),
1 no kiosk has run here as this user (no status file) or the file cannot be read,
3 the kiosk that wrote it has stopped (it said so as it closed), or seems to have (the file is old).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

EXIT_RUNNING, EXIT_NONE, EXIT_STALE = 0, 1, 3


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    status = sub.add_parser("status", help="what the kiosk running on this PC shows (its status file)")
    status.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    status.add_argument(
        "--file",
        type=Path,
        default=None,
        metavar="status.json",
        help="the status file (default: status.json in the user's data folder, where the kiosk writes it)",
    )


def run_status(path: Path | None, fmt: str, out: TextIO, err: TextIO) -> int:
    from kiosk.services import status

    path = path or status.default_status_file()
    try:
        data = status.read_status(path)
    except status.StatusFileError as exc:
        if fmt == "json":
            out.write(json.dumps({"running": False, "status_file": str(path), "problem": str(exc)}, indent=1) + "\n")
        else:
            err.write(f"kiosk status: {exc}\n")
        return EXIT_NONE
    if data is None:
        message = (
            f"no kiosk has run on this PC as this user yet: there is no status file at {path} "
            "(the exhibit writes it when it starts)"
        )
        if fmt == "json":
            out.write(json.dumps({"running": False, "status_file": str(path), "problem": message}, indent=1) + "\n")
        else:
            err.write(f"kiosk status: {message}\n")
        return EXIT_NONE
    running = status.seems_running(data)
    if fmt == "json":
        age = status.age_seconds(data)
        data = {**data, "running": running, "status_file": str(path), "age_seconds": round(age) if age else age}
        out.write(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    else:
        out.write("\n".join(status.describe(data)) + "\n")
    return EXIT_RUNNING if running else EXIT_STALE
