"""A broken content folder shows a readable error screen; broken QML stops loudly."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.bridge import engine
from kiosk.bridge.scenetools import find_item, visible_in_scene
from tests.helpers.content import copy_content


def test_bad_content_shows_the_error_screen_with_file_and_line(make_scene: Callable, tmp_path: Path) -> None:
    content = copy_content(tmp_path, lambda text: text.replace("default_language:", "default_langage:"))
    scene = make_scene(content)
    assert scene.kiosk.status == "error"
    page = find_item(scene.window, "errorPage")
    assert page is not None and visible_in_scene(page)
    problems = scene.kiosk.problems
    assert problems, "the error screen must list the problems"
    assert any(p.startswith("exhibit.yaml:") and "default_langage" in p for p in problems)
    # The visitor-facing words are still there, in the fallback language.
    assert scene.kiosk.ui["unavailable_title"]


@pytest.mark.parametrize(
    ("file", "breakage", "expected"),
    [
        ("exhibit.yaml", lambda t: t + "\nsneaky: !!python/object/apply:os.system ['echo pwned']\n", "tag"),
        ("timeline.yaml", lambda t: "\t" + t, "tab"),
        ("media/blason.svg", lambda t: t[: len(t) // 3], "blason.svg"),
        (
            "exhibit.yaml",
            lambda t: t.replace("default_language: fr", "default_language: fr\ndefault_language: en"),
            "duplicate key",
        ),
    ],
    ids=["unsafe-tag", "tab", "truncated-picture", "duplicate-key"],
)
def test_each_kind_of_breakage_shows_the_error_screen(
    make_scene: Callable, tmp_path: Path, file: str, breakage: Callable[[str], str], expected: str
) -> None:
    content = copy_content(tmp_path)
    target = content / file
    target.write_text(breakage(target.read_text(encoding="utf-8")), encoding="utf-8")
    scene = make_scene(content)
    assert scene.kiosk.status == "error"
    assert visible_in_scene(find_item(scene.window, "errorPage"))
    assert any(expected in problem for problem in scene.kiosk.problems), scene.kiosk.problems


def test_missing_content_folder_shows_the_error_screen(make_scene: Callable, tmp_path: Path) -> None:
    scene = make_scene(tmp_path / "nowhere")
    assert scene.kiosk.status == "error"
    assert visible_in_scene(find_item(scene.window, "errorPage"))


@pytest.mark.qt_log_level_fail("CRITICAL")  # the broken file's QML errors are the point here
def test_broken_qml_raises_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qapp, qtbot) -> None:
    module = tmp_path / "Kiosk"
    module.mkdir()
    (module / "qmldir").write_text("module Kiosk\nMain 1.0 Main.qml\n", encoding="utf-8")
    (module / "Main.qml").write_text("import QtQuick\nWindow { property int x: \n", encoding="utf-8")
    monkeypatch.setattr(engine, "qml_dir", lambda: tmp_path)
    with pytest.raises(engine.QmlLoadError, match=r"Main\.qml"):
        engine.build_scene(None, [])


def test_kiosk_exits_non_zero_when_qml_is_missing(tmp_path: Path) -> None:
    """The real command, with its QML folder emptied: it must say why and exit non-zero."""
    script = (
        "import sys, kiosk.bridge.engine as e, kiosk.cli as c;"
        f"e.qml_dir = lambda: __import__('pathlib').Path({str(tmp_path)!r});"
        "sys.exit(c.main(['run']))"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software", "HOME": str(tmp_path), "PATH": ""}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 3
    assert "could not be loaded" in result.stderr
