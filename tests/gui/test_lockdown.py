"""Kiosk mode on the real window: exit keys and close requests do nothing, the window stays
frameless, in front and visible, and only the application itself can close it."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest

from kiosk.bridge.lockdown import Lockdown, choose_screen, is_blocked
from kiosk.paths import qml_dir
from tests.helpers.scene import events_handled

Key, Mod = Qt.Key, Qt.KeyboardModifier

#: What visitors or a stray keyboard could press to leave or break the exhibit.
EXIT_KEYS = [
    (Key.Key_F4, Mod.AltModifier),
    (Key.Key_F11, Mod.NoModifier),
    (Key.Key_Q, Mod.ControlModifier),
    (Key.Key_W, Mod.ControlModifier),
    (Key.Key_Plus, Mod.ControlModifier),
    (Key.Key_Minus, Mod.ControlModifier),
    (Key.Key_Equal, Mod.ControlModifier),
    (Key.Key_Plus, Mod.ControlModifier | Mod.ShiftModifier),
]


MODIFIERS = {Key.Key_Shift, Key.Key_Control, Key.Key_Alt, Key.Key_Meta}


class KeyProbe(QObject):
    """Stands for whatever would act on a key once it reaches the window (QML, the platform)."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[int] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() not in MODIFIERS:
            self.keys.append(event.key())
        return False


def test_kiosk_mode_makes_the_window_frameless_on_top_fullscreen_without_cursor(make_scene: Callable) -> None:
    scene = make_scene(kiosk_mode=True, fullscreen=True)
    flags = scene.window.flags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert scene.window.visibility() == scene.window.Visibility.FullScreen
    cursor = QGuiApplication.overrideCursor()
    assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor
    # Scene.close() releases the lock first: the application itself may close the window.
    assert scene.lockdown is not None
    scene.lockdown.release()
    assert QGuiApplication.overrideCursor() is None
    assert scene.window.close() is True
    assert not scene.window.isVisible()


def test_without_kiosk_mode_the_window_is_an_ordinary_one(make_scene: Callable) -> None:
    scene = make_scene()
    assert not scene.window.flags() & Qt.WindowType.FramelessWindowHint
    assert scene.lockdown is None
    assert QGuiApplication.overrideCursor() is None


@pytest.mark.parametrize(("key", "modifiers"), EXIT_KEYS, ids=lambda value: getattr(value, "name", str(value)))
def test_exit_keys_never_reach_the_exhibit(make_scene: Callable, key: Key, modifiers: Mod) -> None:
    scene = make_scene()
    probe = KeyProbe()
    scene.window.installEventFilter(probe)
    # Without kiosk mode the key reaches the window: the probe would see it.
    QTest.keyClick(scene.window, key, modifiers)
    assert probe.keys == [key]
    lockdown = Lockdown(scene.window, fullscreen=False)
    lockdown.lock()
    try:
        QTest.keyClick(scene.window, key, modifiers)
        assert probe.keys == [key], "the key went past the lock-down"
        assert scene.window.isVisible()
        # Ordinary keys still pass (a barcode reader, a technician's keyboard in the admin screen).
        QTest.keyClick(scene.window, Key.Key_A, Mod.NoModifier)
        assert probe.keys == [key, Key.Key_A]
    finally:
        lockdown.release()
        scene.window.removeEventFilter(probe)


def test_exit_keys_on_the_kiosk_window_leave_it_open(make_scene: Callable, qtbot) -> None:
    scene = make_scene(kiosk_mode=True)
    for key, modifiers in EXIT_KEYS:
        QTest.keyClick(scene.window, key, modifiers)
    events_handled(qtbot)  # a close or quit the keys queued would have happened by now
    assert scene.window.isVisible()
    assert scene.kiosk.screen == "attract"


def test_close_requests_are_refused(make_scene: Callable, qtbot, caplog: pytest.LogCaptureFixture) -> None:
    """Alt+F4 on Windows, the window manager's close: both arrive as a close request."""
    scene = make_scene(kiosk_mode=True)
    with caplog.at_level(logging.WARNING, logger="kiosk.bridge.lockdown"):
        assert scene.window.close() is False
        event = QCloseEvent()
        QGuiApplication.sendEvent(scene.window, event)
        assert not event.isAccepted()
    events_handled(qtbot)  # a close the requests queued would have happened by now
    assert scene.window.isVisible()
    assert "refused" in caplog.text


def test_without_kiosk_mode_a_close_request_closes(make_scene: Callable) -> None:
    """The control: the same request does close an ordinary window, so the test above can fail."""
    scene = make_scene()
    assert scene.window.close() is True
    assert not scene.window.isVisible()


def test_a_minimised_kiosk_comes_back(make_scene: Callable, qtbot) -> None:
    scene = make_scene(kiosk_mode=True, fullscreen=True)
    scene.window.showMinimized()
    qtbot.waitUntil(lambda: scene.window.visibility() == scene.window.Visibility.FullScreen, timeout=3000)
    assert scene.window.isVisible()


def test_shortcut_override_is_taken_so_no_shortcut_fires(make_scene: Callable) -> None:
    scene = make_scene(kiosk_mode=True)
    event = QKeyEvent(QEvent.Type.ShortcutOverride, Key.Key_Q, Mod.ControlModifier)
    event.ignore()
    QGuiApplication.sendEvent(scene.window, event)
    assert event.isAccepted()


def test_blocked_keys_table() -> None:
    for key, modifiers in EXIT_KEYS:
        assert is_blocked(key, modifiers)
    assert not is_blocked(Key.Key_Q, Mod.NoModifier)
    assert not is_blocked(Key.Key_F4, Mod.NoModifier)
    assert not is_blocked(Key.Key_Minus, Mod.NoModifier)
    assert not is_blocked(Key.Key_Return, Mod.NoModifier)


def test_choose_screen_by_number_or_name_else_primary(qapp, caplog: pytest.LogCaptureFixture) -> None:
    primary = QGuiApplication.primaryScreen()
    assert choose_screen(None) is primary
    assert choose_screen(0) is QGuiApplication.screens()[0]
    assert choose_screen(primary.name().upper()) is primary
    with caplog.at_level(logging.WARNING, logger="kiosk.bridge.lockdown"):
        assert choose_screen(7) is primary
        assert choose_screen("no such screen") is primary
    assert "not found" in caplog.text


@pytest.mark.parametrize("kiosk_mode", [True, False])
def test_the_exhibit_on_a_named_screen(make_scene: Callable, kiosk_mode: bool) -> None:
    name = QGuiApplication.primaryScreen().name()
    scene = make_scene(kiosk_mode=kiosk_mode, fullscreen=True, screen=name)
    assert scene.window.screen().name() == name
    assert scene.window.geometry() == scene.window.screen().geometry()


# -- no context menus, no text selection ---------------------------------------------------------


def test_the_exhibit_qml_has_no_text_selection_or_context_menu() -> None:
    """Visitors' QML (the hotspot tool in tools/ is for curators at a desk) has no editable or
    selectable text and no menus, so a long press never selects or pops anything up."""
    offenders = []
    for path in sorted((qml_dir() / "Kiosk").rglob("*.qml")):
        if path.parent.name == "tools":
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (
            r"\bTextEdit\s*\{",
            r"\bTextInput\s*\{",
            r"\bTextField\s*\{",
            r"\bTextArea\s*\{",
            r"selectByMouse\s*:\s*true",
            r"\bMenu\s*\{",
            r"\bContextMenu\b",
            r"persistentSelection",
        ):
            if re.search(pattern, text):
                offenders.append(f"{path.name}: {pattern}")
    assert offenders == []
