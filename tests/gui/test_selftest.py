"""`kiosk --self-test` from source: what CI runs on the frozen executable (make smoke)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.commands.selftest import run_self_test


def clean_env(tmp_path: Path) -> dict[str, str]:
    """No QT_* settings: the self-test must choose the offscreen platform itself."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "QML"))}
    env.update(HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path / "state"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def test_self_test_passes_with_nothing_on_stderr(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--self-test"],
        capture_output=True,
        text=True,
        env=clean_env(tmp_path),
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("self-test passed in")
    assert sum(line.startswith("ok  ") for line in lines) == 4  # libraries, content, Qt, screens
    rendered = next(line for line in lines if "screens rendered" in line)
    for screen in (
        "attract",
        "home",
        "timeline-detail",
        "blason",
        "map-profile",
        "pillars",
        "credits",
        "idle",
        "closed",
    ):
        assert screen in rendered


def test_self_test_fails_on_a_missing_qml_module(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from kiosk.bridge import engine\n"
        "engine.REQUIRED_QML_MODULES += ('QtQuick.Gone',)\n"
        "from kiosk.cli import main\n"
        "sys.exit(main(['--self-test']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=clean_env(tmp_path), timeout=300, cwd=tmp_path
    )
    assert result.returncode == 1
    assert "kiosk self-test FAILED" in result.stderr
    assert "QtQuick.Gone" in result.stderr


def test_self_test_fails_on_broken_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "exhibit.yaml").write_text("format: 1\ntitle: [not, a, title]\n", encoding="utf-8")
    assert run_self_test(content) == 1
    captured = capsys.readouterr()
    assert "kiosk self-test FAILED: the content in" in captured.err
    assert "exhibit.yaml" in captured.err
    assert "ok  libraries" in captured.out  # the checks before it ran
