"""AccessibilityController: the visitor's accessibility modes (kiosk.services.accessibility)
as QML properties.

Main.qml binds Theme's `textScale`, `highContrast`, `lessMotion` and `reach` to these; the
accessibility panel toggles them. They last until the visitor leaves: engine.build_scene
connects the kiosk's `reset` (idle reset, closing time) to `reset()`, like the language.
`reachShare` is the lower share of the screen within a seated visitor's reach
(kiosk.yaml's `accessibility`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.bridge.properties import Property
from kiosk.services.accessibility import Choices, ReachBand

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
class AccessibilityController(QObject):
    modesChanged = Signal()

    def __init__(self, reach_share: float | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = Choices()
        self._reach_share = reach_share if reach_share is not None else ReachBand().share_or_fallback()[0]

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
        if self._choices.reset():
            self.modesChanged.emit()
