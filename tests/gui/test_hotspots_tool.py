"""`kiosk hotspots IMAGE`: a curator taps around a figure and gets the hotspot YAML.

The window is built the way `run_hotspots` builds it (without the event loop) and driven
with real touch events at points of the painted picture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk import cli
from kiosk.bridge.hotspot_editor import HotspotEditor
from kiosk.bridge.scenetools import find_item
from kiosk.commands.hotspots import build_editor_window
from kiosk.content.schema import Hotspot
from kiosk.paths import default_content_dir

Tap = Callable[..., None]
BLASON = default_content_dir() / "media" / "blason.svg"
#: Taps land on whole pixels: about 1/700 of the picture here.
TOLERANCE = 0.01


@dataclass
class EditorWindow:
    engine: QQmlApplicationEngine
    window: QQuickWindow
    editor: HotspotEditor
    printed: list[str] = field(default_factory=list)

    def item(self, name: str) -> QQuickItem:
        found = find_item(self.window, name)
        assert found is not None, f"no item named {name!r} in the hotspot editor"
        return found

    def points(self) -> list[dict[str, float]]:
        """The editor's points as QML sees them: [{x, y}, ...]."""
        return list(self.editor.property("points"))

    def at(self, x: float, y: float) -> QPoint:
        """The window pixel at (x, y) relative to the painted picture."""
        frame = self.item("imageFrame")
        return frame.mapToScene(QPointF(x * frame.width(), y * frame.height())).toPoint()

    def printed_hotspot(self) -> dict:
        assert len(self.printed) == 1, self.printed
        hotspot = yaml.safe_load(self.printed[0])["hotspot"]
        Hotspot.model_validate(hotspot)  # what the tool prints, the loader accepts
        return hotspot


def coordinates(points: list[dict[str, float]]) -> list[float]:
    """[{x, y}, ...] as [x0, y0, x1, y1, ...], for pytest.approx."""
    return [value for point in points for value in (point["x"], point["y"])]


@pytest.fixture
def open_editor(qtbot: QtBot, _fonts: list[str]) -> Iterator[Callable[..., EditorWindow]]:
    opened: list[EditorWindow] = []

    def factory(image: Path = BLASON, size: tuple[int, int] = (1600, 1000)) -> EditorWindow:
        printed: list[str] = []
        engine, window, editor = build_editor_window(image, size, printed.append)
        tool = EditorWindow(engine, window, editor, printed)
        opened.append(tool)
        image_item = tool.item("image")
        qtbot.waitUntil(lambda: image_item.property("ready") and tool.item("imageFrame").width() > 100)
        return tool

    yield factory
    for tool in opened:
        tool.window.close()
        tool.engine.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_picture_is_fitted_and_centred(open_editor: Callable[..., EditorWindow]) -> None:
    tool = open_editor(size=(1600, 1000))
    image, frame = tool.item("image"), tool.item("imageFrame")
    assert frame.width() / frame.height() == pytest.approx(1000 / 1200, rel=0.01), "blason.svg is 1000x1200"
    assert frame.height() == pytest.approx(image.height(), abs=1), "a tall picture fills the height"
    assert frame.x() == pytest.approx((image.width() - frame.width()) / 2, abs=1)
    assert tool.window.width() == 1600 and tool.window.height() == 1000


def test_three_taps_make_a_polygon_and_print_yaml(open_editor: Callable[..., EditorWindow], tap: Tap) -> None:
    tool = open_editor()
    corners = [(0.17, 0.042), (0.5, 0.042), (0.5, 0.4)]
    for count, (x, y) in enumerate(corners, start=1):
        tap(tool.window, tool.at(x, y))
        assert len(tool.points()) == count
    assert tool.item("printButton").isEnabled()

    tap(tool.window, tool.item("printButton"))

    polygon = tool.printed_hotspot()["polygon"]
    assert len(polygon) == 3
    for (x, y), (px, py) in zip(corners, polygon, strict=True):
        assert px == pytest.approx(x, abs=TOLERANCE) and py == pytest.approx(y, abs=TOLERANCE)
    assert tool.item("yamlText").property("text") == tool.printed[0], "shown on screen as printed"


def test_print_is_disabled_below_three_corners(open_editor: Callable[..., EditorWindow], tap: Tap) -> None:
    tool = open_editor()
    tap(tool.window, tool.at(0.2, 0.2))
    tap(tool.window, tool.at(0.8, 0.2))
    assert len(tool.points()) == 2
    assert not tool.item("printButton").isEnabled()
    assert "1 more" in tool.item("hint").property("text")
    tap(tool.window, tool.item("printButton"))
    assert tool.printed == []
    assert tool.item("yamlText").property("text") == ""


def test_ellipse_mode_takes_two_corners_of_the_box(open_editor: Callable[..., EditorWindow], tap: Tap) -> None:
    tool = open_editor()
    tap(tool.window, tool.item("ellipseButton"))
    assert tool.editor.mode == "ellipse"
    tap(tool.window, tool.at(0.41, 0.81))
    assert not tool.item("printButton").isEnabled()
    tap(tool.window, tool.at(0.59, 0.99))
    assert tool.item("ellipseBox").isVisible()

    tap(tool.window, tool.item("printButton"))

    ellipse = tool.printed_hotspot()["ellipse"]
    expected = {"cx": 0.5, "cy": 0.9, "rx": 0.09, "ry": 0.09}
    assert ellipse == pytest.approx(expected, abs=TOLERANCE)

    tap(tool.window, tool.item("ellipseButton"))
    assert (tool.editor.mode, tool.points()) == ("polygon", [])


def test_a_tap_outside_the_picture_adds_nothing(open_editor: Callable[..., EditorWindow], tap: Tap) -> None:
    tool = open_editor()
    frame = tool.item("imageFrame")
    assert frame.x() > 60, "blason.svg is tall: in a wide window the picture has room beside it"
    beside = tool.at(0.0, 0.5) - QPoint(40, 0)
    tap(tool.window, beside)
    tap(tool.window, tool.item("hint"))
    assert tool.points() == []
    tap(tool.window, tool.at(0.5, 0.5))
    assert len(tool.points()) == 1, "while a tap on the picture counts"


def test_undo_and_clear(open_editor: Callable[..., EditorWindow], tap: Tap) -> None:
    tool = open_editor()
    for x, y in [(0.2, 0.2), (0.8, 0.2), (0.5, 0.8)]:
        tap(tool.window, tool.at(x, y))
    tap(tool.window, tool.item("undoButton"))
    assert coordinates(tool.points()) == pytest.approx([0.2, 0.2, 0.8, 0.2], abs=TOLERANCE)
    tap(tool.window, tool.item("clearButton"))
    assert tool.points() == []
    assert not tool.item("undoButton").isEnabled()


def test_a_mouse_click_works_like_a_tap(open_editor: Callable[..., EditorWindow]) -> None:
    tool = open_editor()
    QTest.mouseClick(tool.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, tool.at(0.25, 0.75))
    assert coordinates(tool.points()) == pytest.approx([0.25, 0.75], abs=TOLERANCE)


def test_cli_refuses_a_missing_picture(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["hotspots", "missing.png"]) == 2
    assert "no such file: missing.png" in capsys.readouterr().err


def test_cli_refuses_a_file_that_is_not_a_picture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "blason.yaml"
    notes.write_text("title: x\n", encoding="utf-8")
    assert cli.main(["hotspots", str(notes)]) == 2
    assert "not a picture" in capsys.readouterr().err


@pytest.mark.qt_log_ignore("QQmlApplicationEngine failed to load component", 'No module named "Kiosk" found')
def test_a_qml_failure_is_reported_with_exit_3(
    _fonts: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("kiosk.paths.qml_dir", lambda: tmp_path)  # no Kiosk module there
    assert cli.main(["hotspots", str(BLASON)]) == 3
    err = capsys.readouterr().err
    assert "the hotspot editor's QML could not be loaded" in err and "Kiosk" in err
