"""Kiosk mode: the exhibit fills its screen, has no frame or cursor, and cannot be left.

What an application can do on its own, it does here: frameless and always on top, full
screen on the chosen screen, the cursor hidden, the keys that would close or break the
exhibit ignored (Alt+F4, F11, Ctrl+Q, Ctrl+W, Ctrl+plus/minus), close requests
it did not make refused (Alt+F4 arrives as one on Windows), and the window brought back
when something minimises it or steps in front. What it cannot catch (Ctrl+Alt+Del, the
Windows key on some systems) is for the PC's own kiosk settings; see docs/INSTALL.md.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QScreen, QWindow

log = logging.getLogger(__name__)

_Key = Qt.Key
_Mod = Qt.KeyboardModifier

#: Keys ignored whatever the modifiers. (Escape is not: it leaves nothing in Qt, and a
#: museum keypad sends it as "back", which Main.qml follows.)
ALWAYS_BLOCKED = frozenset({_Key.Key_F11})
#: Keys ignored with Ctrl: quit, close, zoom in and out (with or without Shift: Ctrl++ is Ctrl+Shift+= on many layouts).
CTRL_BLOCKED = frozenset({_Key.Key_Q, _Key.Key_W, _Key.Key_Plus, _Key.Key_Minus, _Key.Key_Equal, _Key.Key_F4})
#: Keys ignored with Alt: close the window, open its system menu.
ALT_BLOCKED = frozenset({_Key.Key_F4, _Key.Key_Space})

_KEY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride})


def is_blocked(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    """Whether kiosk mode ignores this key."""
    if key in ALWAYS_BLOCKED:
        return True
    if modifiers & _Mod.ControlModifier and key in CTRL_BLOCKED:
        return True
    return bool(modifiers & _Mod.AltModifier and key in ALT_BLOCKED)


def choose_screen(choice: int | str | None) -> QScreen | None:
    """The screen kiosk.yaml names (by number or name), else the primary one."""
    screens = QGuiApplication.screens()
    primary = QGuiApplication.primaryScreen()
    if choice is None:
        return primary
    found: QScreen | None = None
    if isinstance(choice, int):
        found = screens[choice] if 0 <= choice < len(screens) else None
    else:
        found = next((s for s in screens if s.name().casefold() == choice.strip().casefold()), None)
    if found is None:
        names = ", ".join(f"{index}: {screen.name()!r}" for index, screen in enumerate(screens))
        log.warning("screen %r not found (screens: %s); using the primary screen", choice, names)
        return primary
    return found


def _session_ending() -> bool:
    application = QGuiApplication.instance()
    return isinstance(application, QGuiApplication) and application.isSavingSession()


def place_window(window: QWindow, screen: int | str | None, fullscreen: bool) -> QScreen | None:
    """Put the window on the chosen screen (filling it when full screen), before it is shown."""
    target = choose_screen(screen)
    if target is not None:
        window.setScreen(target)
        if fullscreen:
            window.setGeometry(target.geometry())
        else:
            window.setPosition(target.geometry().topLeft())
    return target


class Lockdown(QObject):
    """An event filter on the exhibit's window that keeps it shut, in front and unbroken."""

    def __init__(self, window: QWindow, fullscreen: bool = True) -> None:
        super().__init__(window)
        self._window = window
        self._fullscreen = fullscreen
        self._releasing = False
        self._cursor_hidden = False
        self._refocus = QTimer(self)
        self._refocus.setSingleShot(True)
        self._refocus.setInterval(1000)
        self._refocus.timeout.connect(self._bring_back)

    def lock(self, screen: int | str | None = None) -> None:
        """Before the window is shown: its screen, its flags, the cursor, the filter."""
        window = self._window
        target = place_window(window, screen, self._fullscreen)
        window.setFlags(window.flags() | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        window.installEventFilter(self)
        window.activeChanged.connect(self._active_changed)
        application = QGuiApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.release)  # whatever ends the event loop
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
        self._cursor_hidden = True
        screens = QGuiApplication.screens()
        names = ", ".join(f"{index}: {screen.name()!r}" for index, screen in enumerate(screens))
        where = screens.index(target) if target in screens else "?"
        log.info("kiosk mode on screen %s (screens: %s)", where, names)

    @property
    def releasing(self) -> bool:
        return self._releasing

    def release(self) -> None:
        """The application itself is closing: let the window go."""
        if self._releasing:
            return
        self._releasing = True
        self._refocus.stop()
        self._window.removeEventFilter(self)
        if self._cursor_hidden:
            QGuiApplication.restoreOverrideCursor()
            self._cursor_hidden = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _KEY_EVENTS and isinstance(event, QKeyEvent):
            if is_blocked(event.key(), event.modifiers()):
                # Accepting ShortcutOverride keeps a QML Shortcut from firing; the key
                # event that follows is then swallowed here.
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    log.info("key ignored in kiosk mode: %s", event.keyCombination().toCombined())
                return True
            return False
        if kind == QEvent.Type.Close and not self._releasing and not _session_ending():
            # (A session ending, Windows shutting down, is let through.)
            event.ignore()
            log.warning("a request to close the exhibit was refused (kiosk mode)")
            return True
        if kind == QEvent.Type.WindowStateChange and self._window.windowState() & Qt.WindowState.WindowMinimized:
            QTimer.singleShot(0, self._bring_back)
        return False

    def _active_changed(self) -> None:
        if not self._window.isActive() and not self._releasing:
            self._refocus.start()

    def _bring_back(self) -> None:
        """Restore a minimised window and raise it; another program stepped in front."""
        if self._releasing:
            return
        window = self._window
        if window.windowState() & Qt.WindowState.WindowMinimized or not window.isVisible():
            log.warning("the exhibit was minimised or hidden; showing it again")
            if self._fullscreen:
                window.showFullScreen()
            else:
                window.showNormal()
        window.raise_()
        window.requestActivate()
