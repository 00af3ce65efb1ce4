"""Inactivity: counts time since the last touch and tells QML when to warn and reset.

The rule (how long, what phase) is `kiosk.services.idle.IdlePolicy`; this class only
measures time with a monotonic clock and wakes up when the policy says something changes.
No polling loop: one single-shot timer, re-armed at each phase change or countdown tick.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement
from PySide6.QtQuick import QQuickWindow

from kiosk.bridge.memory import give_back
from kiosk.bridge.properties import Property
from kiosk.services.idle import IdlePolicy, Phase

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

#: After an idle reset, what the visit took is given back this long later: once the attract
#: screen has faded in and the visitor's pages are destroyed (Theme.transitionMs and the
#: deferred deletions after it).
RELEASE_AFTER_MS = 1500

#: Events that mean "someone is here".
ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
    }
)


@QmlElement
class IdleController(QObject):
    phaseChanged = Signal()
    secondsLeftChanged = Signal()
    armedChanged = Signal()
    policyChanged = Signal()
    expired = Signal()  # nobody answered the countdown

    def __init__(self, policy: IdlePolicy | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._base = policy or IdlePolicy()
        self._policy = self._base
        self._clock = QElapsedTimer()
        self._clock.start()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._phase = Phase.ACTIVE
        self._seconds_left = 0
        self._armed = False

    # -- properties ----------------------------------------------------------------------
    @Property(str, notify=phaseChanged)
    def phase(self) -> str:
        return self._phase.value

    @Property(int, notify=secondsLeftChanged)
    def secondsLeft(self) -> int:
        return self._seconds_left

    @Property(int, notify=policyChanged)
    def countdownSeconds(self) -> int:
        return int(self._policy.countdown_seconds)

    @property
    def policy(self) -> IdlePolicy:
        """The timings in force (longer while a visitor has an accessibility mode on)."""
        return self._policy

    def set_assisted(self, assisted: bool) -> None:
        """A visitor turned an accessibility mode on (or the last one off): longer timings
        (IdlePolicy.assisted), from the last touch."""
        policy = self._base.assisted() if assisted else self._base
        if policy == self._policy:
            return
        self._policy = policy
        self.policyChanged.emit()
        if self._armed and self._phase is Phase.ACTIVE:
            self._schedule(self._policy.next_check(self._idle_for()))

    @Property(bool, notify=armedChanged)
    def armed(self) -> bool:
        return self._armed

    def set_armed(self, armed: bool) -> None:
        """Count inactivity only while a visitor is in the exhibit (not on the attract screen)."""
        if armed == self._armed:
            return
        self._armed = armed
        self.armedChanged.emit()
        if armed:
            self.activity()
        else:
            self._timer.stop()
            self._set_phase(Phase.ACTIVE)

    def preview_countdown(self, shown: bool) -> None:
        """Show the countdown at its start, frozen (for `kiosk snapshot`'s proof sheet)."""
        self._timer.stop()
        self._set_seconds_left(int(self._policy.countdown_seconds) if shown else 0)
        self._set_phase(Phase.WARNING if shown else Phase.ACTIVE)
        if not shown and self._armed:
            self.activity()

    # -- input ---------------------------------------------------------------------------
    @Slot()
    def activity(self) -> None:
        """A touch, a click or a key: the visitor is here."""
        self._clock.restart()
        self._set_phase(Phase.ACTIVE)
        if self._armed:
            self._schedule(self._policy.next_check(0.0))

    # -- internals -----------------------------------------------------------------------
    def _idle_for(self) -> float:
        return self._clock.elapsed() / 1000.0

    def _schedule(self, seconds: float) -> None:
        self._timer.start(max(1, int(seconds * 1000 + 0.5)))

    def _check(self) -> None:
        if not self._armed:
            return
        idle_for = self._idle_for()
        phase = self._policy.phase(idle_for)
        if phase is Phase.EXPIRED:
            self._set_phase(Phase.ACTIVE)
            self.set_armed(False)
            self.expired.emit()
            return
        self._set_seconds_left(self._policy.seconds_left(idle_for))
        self._set_phase(phase)
        self._schedule(self._policy.next_check(idle_for))

    def _set_phase(self, phase: Phase) -> None:
        if phase is Phase.WARNING and self._phase is not Phase.WARNING:
            self._set_seconds_left(self._policy.seconds_left(self._idle_for()))
        if phase is not self._phase:
            self._phase = phase
            self.phaseChanged.emit()

    def _set_seconds_left(self, value: int) -> None:
        if value != self._seconds_left:
            self._seconds_left = value
            self.secondsLeftChanged.emit()


class ActivityFilter(QObject):
    """Watches a window's input and reports activity, without consuming any event."""

    def __init__(
        self, idle: IdleController, parent: QObject | None = None, also: Callable[[], None] | None = None
    ) -> None:
        super().__init__(parent)
        self._idle = idle
        self._also = also  # another listener (the attract screen's burn-in care)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS:
            self._idle.activity()
            if self._also is not None:
                self._also()
        return False


class ResetRelease(QObject):
    """Gives back what a visit took once the kiosk has gone back to its attract screen by
    itself (an idle reset): each section controller's `release()` (the map's drawn tiles),
    the window's renderer caches, Python's cycles and the C library's free memory.

    Main.qml destroys the visitor's pages after the fade (its page cache); this runs
    `RELEASE_AFTER_MS` later, and only if nobody has come back meanwhile."""

    released = Signal()  # tests, benchmarks

    def __init__(
        self,
        window: QQuickWindow,
        on_attract: Callable[[], bool],
        controllers: Callable[[], Sequence[object]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._on_attract = on_attract
        self._controllers = controllers
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RELEASE_AFTER_MS)
        self._timer.timeout.connect(self.release)

    def schedule(self) -> None:
        """The kiosk has reset: release after the page change."""
        self._timer.start()

    @Slot()
    def release(self) -> None:
        if not self._on_attract():
            return  # a visitor is here again: their pages and tiles stay
        for controller in self._controllers():
            release = getattr(controller, "release", None)
            if callable(release):
                release()
        self._window.releaseResources()
        give_back()
        self.released.emit()
