"""`kiosk snapshot --audit` run as the curator runs it, in a process of its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def audit_problems(cwd: Path, *options: str) -> tuple[int, list[str]]:
    """(exit code, one line per problem) of `kiosk snapshot --audit --format json --lang all`
    with `options` (a size, screens, accessibility modes)."""
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "snapshot", "--audit", "--format", "json", "--lang", "all", *options],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=cwd,
    )
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return result.returncode, [
        f"{p['screen']}-{p['language']}: {p['kind']}: {p['message']}" for p in report["problems"]
    ]
