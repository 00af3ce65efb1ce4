"""The default exhibit passes the screen audit at the four screen shapes it must serve.

Every screen (60 per size: 20 in each of French, English and Dutch, the closed screen included) is rendered and checked
by `kiosk snapshot --audit`: no text cut or elided, no texts or buttons over each other,
nothing past the window's edge, every text at least 4.5:1 against what is behind it (3:1
when large). Run in a process of its own per size, as a curator or CI runs it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("size", ["1920x1080", "1280x720", "3840x2160", "1080x1920"])
def test_every_screen_of_the_default_exhibit_passes_the_audit(size: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "snapshot", "--audit", "--format", "json", "--lang", "all", "--size", size],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    lines = [f"{p['screen']}-{p['language']}: {p['kind']}: {p['message']}" for p in report["problems"]]
    assert not lines, f"{len(lines)} problem(s) at {size}:\n" + "\n".join(lines[:60])
    assert result.returncode == 0
