"""AccessibilityController: the visitor's accessibility modes (kiosk.services.accessibility)
as QML properties.

Main.qml binds Theme's `textScale`, `highContrast`, `lessMotion` and `reach` to these; the
accessibility panel toggles them. They last until the visitor leaves: engine.build_scene
connects the kiosk's `reset` (idle reset, closing time) to `reset()`, like the language.
`reachShare` is the lower share of the screen within a seated visitor's reach
(kiosk.yaml's `accessibility`).

`keysUsed` says whether the visitor is using keys (a tactile keypad, a switch, a
keyboard) rather than touch: the focus ring shows only then, like a browser's
:focus-visible. `KeyInputFilter`, on the window, sets it on a key and clears it on a touch.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtQml import QmlElement

from kiosk.bridge.properties import Property
from kiosk.services.accessibility import Choices, ReachBand

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
class AccessibilityController(QObject):
    modesChanged = Signal()
    keysUsedChanged = Signal()
    tabbingChanged = Signal()

    def __init__(self, reach_share: float | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = Choices()
        self._reach_share = reach_share if reach_share is not None else ReachBand().share_or_fallback()[0]
        self._keys_used = False
        self._tabbing = 0

    @Property(bool, notify=modesChanged)
    def largerText(self) -> bool:
        return self._choices.larger_text

    @Property(bool, notify=modesChanged)
    def highContrast(self) -> bool:
        return self._choices.high_contrast

    @Property(bool, notify=modesChanged)
    def reach(self) -> bool:
        return self._choices.reach

    @Property(bool, notify=modesChanged)
    def lessMotion(self) -> bool:
        return self._choices.less_motion

    @Property(bool, notify=modesChanged)
    def anyOn(self) -> bool:
        """Some mode is on: the accessibility button says so."""
        return self._choices.any()

    @Property(float, constant=True)
    def reachShare(self) -> float:
        """The lower share of the screen a seated visitor reaches (0..1)."""
        return self._reach_share

    @Property(bool, notify=keysUsedChanged)
    def keysUsed(self) -> bool:
        """The last input was a key, not a touch: the focus ring shows."""
        return self._keys_used

    @Property(int, notify=tabbingChanged)
    def tabbing(self) -> int:
        """While Tab (1) or Shift+Tab (-1) is being pressed, else 0: Qt Quick's own Tab
        chain moved the focus, and Main.qml puts it in reading order."""
        return self._tabbing

    def set_tabbing(self, tabbing: int) -> None:
        if tabbing == self._tabbing:
            return
        self._tabbing = tabbing
        self.tabbingChanged.emit()

    def set_keys_used(self, used: bool) -> None:
        if used == self._keys_used:
            return
        self._keys_used = used
        self.keysUsedChanged.emit()

    def _toggle(self, mode: str) -> None:
        self._choices.toggle(mode)
        self.modesChanged.emit()

    @Slot()
    def toggleLargerText(self) -> None:
        self._toggle("larger_text")

    @Slot()
    def toggleHighContrast(self) -> None:
        self._toggle("high_contrast")

    @Slot()
    def toggleReach(self) -> None:
        self._toggle("reach")

    @Slot()
    def toggleLessMotion(self) -> None:
        self._toggle("less_motion")

    def set_modes(self, modes: list[str]) -> None:
        """Exactly these modes on (snapshots, tests): names as in kiosk.services.accessibility."""
        self._choices.reset()
        for mode in modes:
            self._choices.toggle(mode)
        self.modesChanged.emit()

    @Slot()
    def reset(self) -> None:
        """Every mode off: the visitor left."""
        self.set_keys_used(False)
        if self._choices.reset():
            self.modesChanged.emit()


#: Keys pressed alone that say nothing about how the visitor moves around.
_MODIFIER_KEYS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta})
#: Events of a finger or a mouse: the focus ring goes.
_POINTER_EVENTS = frozenset({QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress})


class KeyInputFilter(QObject):
    """Watches a window's input: a key shows the focus ring, a touch hides it; it says
    while Tab is pressed (`tabbing`). Consumes nothing."""

    def __init__(self, accessibility: AccessibilityController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._accessibility = accessibility

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() not in _MODIFIER_KEYS:
                self._accessibility.set_keys_used(True)
            backward = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            tab = event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            self._accessibility.set_tabbing((-1 if backward else 1) if tab else 0)
        elif kind == QEvent.Type.KeyRelease:
            self._accessibility.set_tabbing(0)
        elif kind in _POINTER_EVENTS:
            self._accessibility.set_keys_used(False)
        return False
