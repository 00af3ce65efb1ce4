"""Content updates from a USB stick, as the admin screen sees them (the rules: kiosk/services/usb.py).

`UsbUpdates` looks at the removable drives every few seconds on a thread of its own (listing a
slow drive, and checking and unpacking a bundle, never freeze the screen); each bundle's
verdict comes back to the GUI thread as a queued signal. A bundle signed by a trusted key
goes in through the exhibition's last-known-good swap (`ExhibitionSwapper.take_folder`):
copied, validated in full, shown when the visitor has left. Any other bundle waits for
staff on the admin screen (`AdminController.takeUsbBundle`, behind the PIN).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.bridge.properties import Property
from kiosk.bridge.reload import ExhibitionSwapper
from kiosk.services.swap import IntakeResult
from kiosk.services.usb import Kind, UsbIntake, Verdict

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: How often the drives are looked at.
LOOK_EVERY_MS = 2000

#: The states the admin screen words (ui-strings.yaml's `usb_STATE`).
IDLE, CHECKING, WAITING, SHOWN, NEEDS_PIN, REFUSED = "", "checking", "waiting", "shown", "needs_pin", "refused"


@QmlElement
class UsbUpdates(QObject):
    """The last bundle found on a USB stick and what became of it."""

    changed = Signal()
    _verdict = Signal(object)  # a Verdict, from the looking thread
    _reading = Signal(str)  # a bundle's name, from the looking thread: it is being checked
    _intake_done = Signal(object, object)  # (Verdict, IntakeResult), from the swapper's thread

    def __init__(
        self,
        intake: UsbIntake,
        swapper: ExhibitionSwapper,
        look_every_ms: int = LOOK_EVERY_MS,
        report: Callable[[str, str], object] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._intake = intake
        self._swapper = swapper
        self._report = report
        self._state = IDLE
        self._current: Verdict | None = None
        self._name = ""
        self._detail = ""
        self._pending: Verdict | None = None  #: waiting for staff
        self._before_reading: tuple[str, Verdict | None, str] = (IDLE, None, "")
        self._taking: Verdict | None = None  #: in the swapper's hands
        self._lock = threading.Lock()
        self._looking: threading.Thread | None = None
        self._stopped = threading.Event()
        self._timer = QTimer(self)
        self._timer.setInterval(look_every_ms)
        self._timer.timeout.connect(self.lookNow)
        self._verdict.connect(self._on_verdict)
        self._reading.connect(self._on_reading)
        self._intake_done.connect(self._on_intake_done)
        swapper.outcome.connect(self._on_outcome)

    # -- what the admin screen reads ---------------------------------------------------------
    @Property(str, notify=changed)
    def state(self) -> str:
        """ "" (nothing yet), `checking`, `waiting` (taken in, shown when the visitor leaves),
        `shown`, `needs_pin` (staff may take it in), `refused`."""
        return self._state

    @Property(str, notify=changed)
    def bundleName(self) -> str:
        return self._name

    @Property(str, notify=changed)
    def title(self) -> str:
        return self._current.title if self._current else ""

    @Property(str, notify=changed)
    def signer(self) -> str:
        return self._current.signer if self._current else ""

    @Property(str, notify=changed)
    def detail(self) -> str:
        """Why, in one sentence (the log's words)."""
        return self._detail

    @Property(bool, notify=changed)
    def awaitingStaff(self) -> bool:
        return self._pending is not None

    # -- running -----------------------------------------------------------------------------
    def start(self) -> None:
        self._timer.start()
        self.lookNow()

    def stop(self, timeout: float = 30.0) -> None:
        self._timer.stop()
        self._stopped.set()
        looking = self._looking
        if looking is not None:
            looking.join(timeout)

    @Slot()
    def lookNow(self) -> None:
        """Look at the drives now, on the looking thread (one look at a time)."""
        if self._stopped.is_set() or (self._looking is not None and self._looking.is_alive()):
            return
        self._looking = threading.Thread(target=self._look, name="usb sticks", daemon=True)
        self._looking.start()

    def _look(self) -> None:
        try:
            for found in self._intake.scan():
                if self._stopped.is_set():
                    return
                with contextlib.suppress(RuntimeError):  # the object is gone: the kiosk is closing
                    self._reading.emit(found.path.name)
                verdict = self._intake.check(found)
                with contextlib.suppress(RuntimeError):
                    self._verdict.emit(verdict)
        except Exception:
            log.exception("looking at the USB sticks failed; trying again")

    # -- staff (through AdminController, behind the PIN) ---------------------------------------
    def take(self) -> None:
        """Staff confirmed the bundle waiting for them: it goes in through the swap."""
        verdict, self._pending = self._pending, None
        if verdict is None:
            return
        log.warning("USB stick: staff took %s in from the admin screen", verdict.bundle.name)
        self._take(verdict)

    def refuse(self) -> None:
        verdict, self._pending = self._pending, None
        if verdict is None:
            return
        log.warning("USB stick: staff refused %s on the admin screen", verdict.bundle.name)
        self._intake.discard(verdict)
        self._set(REFUSED, verdict, "Refused by staff on the admin screen.")

    # -- the GUI thread ----------------------------------------------------------------------------
    def _on_verdict(self, verdict: Verdict) -> None:
        if verdict.kind is Kind.ALREADY:
            log.info("USB stick: %s", verdict.message)
            if self._state == CHECKING and self._taking is None:
                self._set(self._before_reading[0], self._before_reading[1], self._before_reading[2])
            return
        if verdict.kind is Kind.REFUSED:
            log.error("USB stick: %s The exhibit keeps its content.", verdict.message)
            self._set(REFUSED, verdict, verdict.message)
        elif verdict.kind is Kind.NEEDS_PIN:
            log.warning("USB stick: %s", verdict.message)
            if self._pending is not None:
                self._intake.discard(self._pending)
            self._pending = verdict
            self._set(NEEDS_PIN, verdict, verdict.message)
        else:
            log.warning("USB stick: %s", verdict.message)
            self._take(verdict)

    def _take(self, verdict: Verdict) -> None:
        self._taking = verdict
        self._set(CHECKING, verdict, verdict.message)
        signal = self._intake_done

        def done(result: IntakeResult) -> None:
            with contextlib.suppress(RuntimeError):
                signal.emit(verdict, result)

        self._swapper.take_folder(verdict.folder or verdict.bundle, verdict.origin, done)

    def _on_intake_done(self, verdict: Verdict, result: IntakeResult) -> None:
        self._taking = None
        if result.exhibit is None:
            problems = result.report.sorted()
            first = problems[0].format() if problems else "it could not be taken in"
            self._intake.discard(verdict)
            log.error(
                "USB stick: %s was refused: %d error(s); the first: %s", verdict.bundle.name, len(problems), first
            )
            self._set(REFUSED, verdict, f"{verdict.bundle.name} was refused: {first}")
            return
        self._intake.taken(verdict)
        if self._state != SHOWN:
            self._set(WAITING, verdict, f"{verdict.bundle.name} is taken in: it shows when the visitor has finished.")

    def _on_outcome(self, result: str, origin: str) -> None:
        current = self._current
        if result == "shown" and current is not None and origin.startswith(current.origin):
            self._set(SHOWN, current, f"{current.bundle.name} is shown.")

    def _on_reading(self, name: str) -> None:
        """A bundle is being checked: staff see it unless one waits for them or is being taken in."""
        if self._pending is None and self._taking is None:
            self._before_reading = (self._state, self._current, self._detail)
            self._set(CHECKING, None, "", name)

    def _set(self, state: str, verdict: Verdict | None, detail: str, name: str = "") -> None:
        name = verdict.bundle.name if verdict is not None else name
        if (state, verdict, detail, name) == (self._state, self._current, self._detail, self._name):
            return
        self._state, self._current, self._detail, self._name = state, verdict, detail, name
        self.changed.emit()
        if self._report is not None:
            self._report(state, detail)
