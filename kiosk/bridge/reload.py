"""New content on a running kiosk: `kiosk preview`'s live reload and the exhibition PC's swap.

`ContentHost` holds the current `KioskController`; Main.qml shows `host.kiosk` and
rebuilds its pages when it changes. New content is shown by building a new controller
and moving the visitor's place (screen, section, open item, language) into it; the old one
lives on until the pages made for it are gone.

The folder is watched, validated and copied in the watcher's own thread
(`kiosk.services.watch.FolderWatcher`); results come back to the GUI thread through a
queued signal. The old content stays on screen meanwhile.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.bridge.controller import KioskController
from kiosk.bridge.properties import Property
from kiosk.content.exhibit import Exhibit
from kiosk.content.report import Problem, Report
from kiosk.services.lastgood import Generation, LastGoodStore
from kiosk.services.swap import Intake, IntakeResult, Place, can_swap_now, find_place
from kiosk.services.watch import Fingerprint, FolderWatcher, fingerprint

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: How long a replaced controller outlives its replacement (its pages fade out in 260 ms).
RETIRE_AFTER_MS = 10_000

#: Builds a controller for content (or for the error screen, with its problems).
KioskFactory = Callable[[Exhibit | None, list[Problem]], KioskController]


def place_of(kiosk: KioskController) -> Place:
    session = kiosk.session
    kind = ""
    item = kiosk.section(session.section_index) if session.screen.value == "section" else None
    if item is not None:
        kind = item.kind
    return Place(session.screen.value, kind, session.detail, session.language)


def _is_item(kiosk: KioskController, index: int, detail: str) -> bool:
    item = kiosk.section(index)
    controller = item.controller if item is not None else None
    return controller is not None and controller.indexOf(detail) >= 0


def move_place(old: KioskController, new: KioskController) -> None:
    """Open in `new` what the visitor had open in `old`, as far as the new content allows."""
    place = place_of(old)
    kinds = [item.kind for item in new.sections_shown()]
    old_index = old.session.section_index

    def keeps_detail(index: int, detail: str) -> bool:
        # An item of the old section (an event, a charge) must still exist; a key of the
        # view itself (its picture, the map's profile) means the same in the new content.
        return _is_item(new, index, detail) or not _is_item(old, old_index, detail)

    target = find_place(place, kinds, new.session.languages, keeps_detail)
    if target.language:
        new.setLanguage(target.language)
    if target.screen == "home":
        new.goHome()
    elif target.screen == "credits":
        new.openCredits()
    elif target.screen == "section":
        new.openSection(target.section_index)
        if target.detail:
            new.openDetail(target.detail)


@QmlElement
class ContentHost(QObject):
    """What Main.qml shows (`kiosk`) and what staff see about the content (admin screen)."""

    kioskChanged = Signal()
    overlayChanged = Signal()
    noteChanged = Signal()
    #: Staff asked to look at the content folder now (the admin screen's "reload content").
    reloadRequested = Signal()

    def __init__(
        self, kiosk: KioskController, make_kiosk: KioskFactory, preview: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._kiosk = kiosk
        kiosk.setParent(self)
        self._make = make_kiosk
        self._preview = preview
        self._wiring: list[Callable[[KioskController], object]] = [self._wire_note]
        self._overlay: list[str] = []
        self._note: tuple[str, tuple[str, ...]] = ("", ())
        self._swap_problems: list[str] = []
        self._busy: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext
        self._wire_note(kiosk)

    # -- what QML and the admin screen read ------------------------------------------------
    @Property(QObject, notify=kioskChanged)
    def kiosk(self) -> KioskController:
        return self._kiosk

    @Property(bool, constant=True)
    def preview(self) -> bool:
        """`kiosk preview`: new content shows at once, problems in an overlay."""
        return self._preview

    @Property("QVariantList", notify=overlayChanged)
    def overlayProblems(self) -> list[str]:
        """In a preview, what is wrong with the folder while the last valid state is shown."""
        return self._overlay

    @Property(str, notify=noteChanged)
    def contentNote(self) -> str:
        """For staff, in the kiosk's language: what content is shown, and why new content was
        refused or is waiting. Empty when there is nothing to say."""
        key, args = self._note
        if not key:
            return ""
        text = str(self._kiosk.ui.get(key, ""))
        for number, value in enumerate(args, start=1):
            text = text.replace(f"%{number}", value)
        return text

    @Property("QVariantList", notify=noteChanged)
    def lastSwapProblems(self) -> list[str]:
        """Why the last new content was refused, in the words of `kiosk validate` ([] if it was not)."""
        return self._swap_problems

    @Slot()
    def reloadNow(self) -> None:
        """Check the content folder now, and show it at once if it is valid (staff's button)."""
        log.info("content reload asked for")
        self.reloadRequested.emit()

    # -- what the reloaders do ---------------------------------------------------------------
    def on_new_kiosk(self, wire: Callable[[KioskController], object]) -> None:
        """Call `wire` with the current controller and with every later one."""
        self._wiring.append(wire)
        wire(self._kiosk)

    def guard_shows(self, busy: Callable[[], AbstractContextManager[object]]) -> None:
        """Run every later `show` inside `busy()` (the heartbeat's "busy": the new pages are built
        on the GUI thread, which may take seconds on a slow PC)."""
        self._busy = busy

    def show(self, exhibit: Exhibit | None, problems: list[Problem] | None = None) -> None:
        """Replace what is shown, keeping the visitor's place where the new content allows."""
        with self._busy():
            self._show(exhibit, problems)

    def _show(self, exhibit: Exhibit | None, problems: list[Problem] | None) -> None:
        old = self._kiosk
        new = self._make(exhibit, problems or [])
        new.setParent(self)
        move_place(old, new)
        for wire in self._wiring:
            wire(new)
        # The pages made for the old controller fade out and are destroyed after the
        # transition; it is freed well after that, however quickly swaps follow each other.
        QTimer.singleShot(RETIRE_AFTER_MS, old, old.deleteLater)
        self._kiosk = new
        self.kioskChanged.emit()
        self.noteChanged.emit()

    def set_overlay(self, problems: list[str]) -> None:
        if problems != self._overlay:
            self._overlay = problems
            self.overlayChanged.emit()

    def set_note(self, key: str, *args: str, problems: list[str] | None = None) -> None:
        self._note = (key, tuple(args))
        self._swap_problems = list(problems or [])
        self.noteChanged.emit()

    def _wire_note(self, kiosk: KioskController) -> None:
        kiosk.languageChanged.connect(self.noteChanged)


def _formatted(report: Report) -> list[str]:
    """Errors first, then warnings, each in file order: what to fix first comes first."""
    return [p.format() for p in sorted(report.problems, key=lambda p: (p.severity != "error", p))]


class PreviewReloader(QObject):
    """`kiosk preview`: reload a folder within a second of a change, keeping the screen.

    Valid new content replaces what is shown at once; invalid content leaves the last valid
    state on screen with the problems over it; fixed content clears them.
    """

    _delivered = Signal(object)

    def __init__(
        self,
        host: ContentHost,
        folder: Path,
        handled_digest: str | None = None,
        quiet_seconds: float = 0.3,
        interval_seconds: float = 0.15,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._host = host
        self._folder = folder
        self._watcher = FolderWatcher(folder, self._check, quiet_seconds, interval_seconds, handled_digest)
        self._delivered.connect(self._apply)
        host.reloadRequested.connect(self._watcher.check_now)

    def start(self) -> None:
        self._watcher.start()

    def stop(self) -> None:
        self._watcher.stop()

    def _check(self, seen: Fingerprint) -> bool:
        """In the watcher's thread: validate exactly as `kiosk validate` does."""
        from kiosk.content.loader import load_exhibit  # not needed before the first reload

        exhibit, report = load_exhibit(self._folder, thorough=True)
        if fingerprint(self._folder) != seen:
            return False  # saved again while being read: look once it is quiet
        self._delivered.emit((exhibit, report))
        return True

    @Slot(object)
    def _apply(self, result: tuple[Exhibit | None, Report]) -> None:
        exhibit, report = result
        if exhibit is not None:
            log.info("preview: %s reloaded (%d warning(s))", self._folder, len(report.warnings))
            self._host.show(exhibit)
            self._host.set_overlay([])
        elif self._host.kiosk.status == "ready":
            for line in _formatted(report):
                log.warning("%s", line)
            log.warning("preview: %s has %d error(s); showing the last valid state", self._folder, len(report.errors))
            self._host.set_overlay(_formatted(report))
        else:  # nothing valid yet: the error screen, with the new list
            self._host.show(None, report.errors)


class ExhibitionSwapper(QObject):
    """`kiosk run --content DIR`: take a changed folder in only when it is complete and valid.

    The folder must be quiet for `quiet_seconds` (so a copy in progress is waited for), is
    copied into the last-good store and the copy validated in full; then it is shown when
    no visitor is in the middle of something (the attract screen), or at once when staff
    press "reload content". A refused folder changes nothing on screen: the reason goes to
    the log and to `host.contentNote` / `host.lastSwapProblems`.
    """

    _delivered = Signal(object)
    #: What became of new content: ("shown" | "waiting" | "refused", where it came from or why).
    outcome = Signal(str, str)

    def __init__(
        self,
        host: ContentHost,
        source: Path,
        store: LastGoodStore | None,
        shown: Generation | None = None,
        handled_digest: str | None = None,
        quiet_seconds: float = 5.0,
        interval_seconds: float = 0.5,
        prune_after_seconds: float = 10.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._host = host
        self._source = source
        self._store = store
        self._intake = Intake(source, store)
        self._prune_after_ms = int(prune_after_seconds * 1000)
        # Read by the watcher's thread when it deletes old copies, written here.
        self._lock = threading.Lock()
        self._shown = shown
        self._pending: IntakeResult | None = None
        self._forced = False
        self._refused: tuple[int, list[str]] | None = None
        self._announced: IntakeResult | None = None
        self._watcher = FolderWatcher(source, self._check, quiet_seconds, interval_seconds, handled_digest)
        self._delivered.connect(self._apply)
        host.reloadRequested.connect(self._reload_now)
        host.on_new_kiosk(lambda kiosk: kiosk.navigationChanged.connect(self._try_swap))
        self._update_note()

    def start(self) -> None:
        self._watcher.start()

    def stop(self) -> None:
        self._watcher.stop()

    @property
    def shown(self) -> Generation | None:
        return self._shown

    def take_folder(self, folder: Path, origin: str, done: Callable[[IntakeResult], object]) -> None:
        """Content from elsewhere (a USB stick's bundle, unpacked and checked): copied and
        validated in the watcher's thread, never during a look at the watched folder, then
        shown like new content of the folder, when the visitor has finished. `done(result)`
        is called in that thread; a refusal leaves what is shown and the folder's note alone."""

        def work() -> None:
            seen = fingerprint(self._source)
            result = self._intake.take_other(folder, origin, seen.content().digest)
            if result.exhibit is not None:
                self._watcher.mark_handled(seen)
                self._delivered.emit(result)
            done(result)

        self._watcher.run_in_thread(work)

    # -- the watcher's thread ------------------------------------------------------------------
    def _check(self, seen: Fingerprint) -> bool:
        result = self._intake.take(seen)
        if result.changed_while_reading:
            return False
        self._delivered.emit(result)
        return True

    # -- the GUI thread --------------------------------------------------------------------------
    def _reload_now(self) -> None:
        self._forced = True
        if self._pending is not None:
            self._try_swap()
        else:
            self._watcher.check_now()

    @Slot(object)
    def _apply(self, result: IntakeResult) -> None:
        if result.exhibit is None:
            self._forced = False
            self._refused = (len(result.report.errors), _formatted(result.report))
            first = self._refused[1][0] if self._refused[1] else ""
            self.outcome.emit("refused", f"{self._source}: {self._refused[0]} error(s); {first}".rstrip("; "))
            if self._host.kiosk.status != "ready":  # the error screen: its list follows the folder
                self._host.show(None, result.report.errors)
            self._update_note()
            return
        self._refused = None
        with self._lock:
            self._pending = result
        self._try_swap()

    def _try_swap(self) -> None:
        pending = self._pending
        if pending is None or pending.exhibit is None:
            return
        kiosk = self._host.kiosk
        if not can_swap_now(kiosk.screen, kiosk.status == "ready", self._forced):
            if self._announced is not pending:
                self._announced = pending
                log.info("new content is ready; it will be shown when the visitor has finished")
                self.outcome.emit("waiting", _origin(pending))
            self._update_note()
            return
        self._forced = False
        self._host.show(pending.exhibit)
        with self._lock:
            self._pending, self._shown = None, pending.generation
        log.info("now showing the new content%s", f" ({pending.generation.name})" if pending.generation else "")
        self.outcome.emit("shown", _origin(pending))
        self._update_note()
        if self._store is not None:
            # The old copy goes once the pages that showed it are gone (they fade out, and
            # may still be reading a picture), in the watcher's thread, never during a copy.
            QTimer.singleShot(self._prune_after_ms, self, lambda: self._watcher.run_in_thread(self._prune))

    def _prune(self) -> None:
        """In the watcher's thread: delete every copy but the one shown and the one waiting."""
        with self._lock:
            keep = {result.generation.name for result in (self._pending,) if result and result.generation}
            if self._shown is not None:
                keep.add(self._shown.name)
        if self._store is not None:
            self._store.prune(keep)

    def _update_note(self) -> None:
        """What staff read: a refusal first (until newer content is valid), then content
        waiting for the visitor to leave, else what is shown."""
        pending = self._pending.generation if self._pending is not None else None
        good = pending or self._shown
        if self._refused is not None:
            errors, problems = self._refused
            if good is None:  # nothing valid at all: the error screen lists the problems
                self._host.set_note("", problems=problems)
            else:
                self._host.set_note(
                    "content_refused", str(self._source), str(errors), _when(good.copied_at), problems=problems
                )
        elif self._pending is not None:
            self._host.set_note("content_waiting")
        elif self._shown is not None:
            self._host.set_note("content_current", self._shown.source, _when(self._shown.copied_at))
        else:
            self._host.set_note("")


def _origin(result: IntakeResult) -> str:
    """Where new content came from, as the status file says it."""
    if result.generation is not None:
        return f"{result.generation.source} ({result.generation.name})"
    return str(result.exhibit.root) if result.exhibit is not None else ""


def _when(iso: str) -> str:
    """A copy's time as staff read it, in the PC's local time."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso
