"""`kiosk validate`: every problem of a content folder, for a curator or for CI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from kiosk.content.loader import load_exhibit
from kiosk.content.report import Report

EXIT_SHOWABLE, EXIT_INVALID = 0, 1


def run_validate(root: Path, fmt: str, out: TextIO) -> int:
    """Print the folder's problems as text lines or one JSON object; 0 when it can be shown."""
    if fmt not in ("text", "json"):
        raise ValueError(f"unknown output format {fmt!r}")
    _exhibit, report = load_exhibit(root)
    if fmt == "json":
        out.write(json.dumps(_as_json(report), indent=2) + "\n")
    else:
        for problem in report.sorted():
            out.write(problem.format() + "\n")
        out.write(summary(root, report) + "\n")
    return EXIT_SHOWABLE if report.ok else EXIT_INVALID


def summary(root: Path, report: Report) -> str:
    """`content/ : 2 errors, 1 warning` or `content/ : valid (3 warnings)`."""
    errors, warnings = len(report.errors), len(report.warnings)
    folder = root.as_posix().rstrip("/") + "/"
    if errors:
        return f"{folder} : {_count(errors, 'error')}, {_count(warnings, 'warning')}"
    return f"{folder} : valid" + (f" ({_count(warnings, 'warning')})" if warnings else "")


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _as_json(report: Report) -> dict[str, object]:
    return {
        "ok": report.ok,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "problems": report.to_json(),
    }
