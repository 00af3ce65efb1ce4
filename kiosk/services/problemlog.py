"""Content problems written to the log once per version of the content, not at every start.

The kiosk checks its content each time it starts. Listing the same twenty warnings every
morning buries what is new, so the full list (with the words of `kiosk validate`) is
written the first time a version of the content is seen, and later starts of the same
version write one line saying how many there are and when they were listed. A new
version (a swap, a changed folder) is listed in full again. Plain Python, no Qt.

The memory is one small file (`content-problems.json`) in the log folder: deleting it, or
a log folder that cannot be written, only means the next start lists everything again.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

from kiosk.atomicio import write_text
from kiosk.content.report import Report

MEMORY_FILE = "content-problems.json"


def log_problems_once(report: Report, version: str, folder: Path | None, what: str, logger: logging.Logger) -> bool:
    """Log every problem of `report` (errors as ERROR, warnings as WARNING) unless this
    `version` of the content (its digest) was listed before in `folder`; then one line.
    Returns True when the full list was written."""
    if not report.problems:
        return False
    memory = folder / MEMORY_FILE if folder is not None else None
    listed = _listed_at(memory, version)
    if listed:
        logger.info(
            "%s: %d error(s) and %d warning(s), listed in full on %s when this version was first shown "
            "(`kiosk validate` lists them again)",
            what,
            len(report.errors),
            len(report.warnings),
            listed,
        )
        return False
    for problem in report.sorted():
        logger.log(logging.ERROR if problem.severity == "error" else logging.WARNING, "%s", problem.format())
    if memory is not None:
        stamp = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M")
        try:
            memory.parent.mkdir(parents=True, exist_ok=True)
            write_text(memory, json.dumps({"version": version, "listed": stamp}))
        except OSError:
            pass  # a log folder that refuses writes: the next start lists them again
    return True


def _listed_at(memory: Path | None, version: str) -> str:
    """When this version's problems were listed, or "" when they never were."""
    if memory is None:
        return ""
    try:
        data = json.loads(memory.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    if isinstance(data, dict) and data.get("version") == version:
        return str(data.get("listed", "")) or "an earlier start"
    return ""
