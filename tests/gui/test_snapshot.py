"""`kiosk snapshot` renders screens headless to PNG files of the asked size."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "snapshot", *args], capture_output=True, text=True, timeout=300, cwd=cwd
    )


def test_snapshot_every_screen_in_one_language(tmp_path: Path) -> None:
    result = run("--out", str(tmp_path), "--lang", "en", "--size", "1280x720", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    screens = ("attract", "home", "idle", "timeline", "timeline-detail", "blason", "blason-detail", "map",
               "map-detail", "map-profile", "pillars", "pillars-detail")
    for expected in (f"{screen}-en.png" for screen in screens):
        assert expected in names
    with Image.open(tmp_path / "home-en.png") as image:
        assert image.size == (1280, 720)
        # Not a blank frame: a real page has many colours.
        assert len(image.convert("RGB").getcolors(maxcolors=1_000_000) or []) > 500


def test_snapshot_refuses_an_unknown_language(tmp_path: Path) -> None:
    result = run("--out", str(tmp_path), "--lang", "de", cwd=tmp_path)
    assert result.returncode == 2
    assert "not offered" in result.stderr
