"""Swapping content on a running kiosk: what to take in, when to show it, where to resume.

Plain Python (no Qt): the bridge calls these from the watcher's thread (taking in) and
from the GUI thread (deciding when to show).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.exhibit import Exhibit
from kiosk.content.report import Report
from kiosk.services import warmstart
from kiosk.services.lastgood import Generation, LastGoodStore
from kiosk.services.problemlog import log_problems_once
from kiosk.services.watch import Fingerprint, fingerprint

log = logging.getLogger(__name__)


# -- where the visitor is, found again in new content -----------------------------------------


def load_exhibit(root: Path, thorough: bool = True) -> tuple[Exhibit | None, Report]:
    """kiosk.content.loader.load_exhibit, imported when first called: a warm start shows what
    was kept (kiosk/services/warmstart.py) and never needs the loader, which brings YAML,
    Pillow and every check with it."""
    from kiosk.content.loader import load_exhibit as load

    return load(root, thorough)


@dataclass(frozen=True)
class Place:
    """Where someone is in the exhibit, in words that survive new content: the section by
    its kind (sections may have been reordered), not by its position."""

    screen: str  #: "attract", "home", "section" or "credits"
    section_kind: str = ""
    detail: str = ""
    language: str = ""


@dataclass(frozen=True)
class Target:
    """The same place in the new content: what to open there."""

    screen: str
    section_index: int = -1
    detail: str = ""
    language: str = ""


def find_place(
    place: Place,
    kinds: Sequence[str],
    languages: Sequence[str],
    keeps_detail: Callable[[int, str], bool],
) -> Target:
    """Where to resume in new content. A section that is gone leads home; an item that is
    gone closes (`keeps_detail(index, detail)` says whether the new section still has it);
    a language no longer offered falls back to the default (an empty `language`)."""
    language = place.language if place.language in languages else ""
    if place.screen != "section":
        return Target(place.screen, language=language)
    if place.section_kind not in kinds:
        return Target("home", language=language)
    index = list(kinds).index(place.section_kind)
    detail = place.detail if place.detail and keeps_detail(index, place.detail) else ""
    return Target("section", index, detail, language)


def can_swap_now(screen: str, ready: bool, forced: bool = False) -> bool:
    """New content is shown when nobody is using the kiosk: on the attract screen, or when
    the error screen is up (there is nothing to interrupt), or when staff ask for it."""
    return forced or not ready or screen == "attract"


# -- taking a content folder in ------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeResult:
    """What became of one settled state of the source folder."""

    exhibit: Exhibit | None  #: the new content, ready to show, or None when refused
    report: Report
    generation: Generation | None = None  #: its copy in the store (None: shown from the source)
    #: The folder changed while it was copied: nothing was decided, look again once quiet.
    changed_while_reading: bool = False


class Intake:
    """Takes a settled source folder into the last-good store, or refuses it.

    The folder is copied first, then the copy is validated in full (every picture decoded):
    what is checked is exactly what will be shown, whatever happens to the source later.
    """

    def __init__(self, source: Path, store: LastGoodStore | None, log_folder: Path | None = None) -> None:
        self.source = source
        self.store = store
        #: Where the log remembers which version's problems it listed (None: list them each time).
        self.log_folder = log_folder

    def take(self, seen: Fingerprint) -> IntakeResult:
        digest = seen.content().digest
        if self.store is None or not seen.exists:  # nothing to copy: say why in validation's words
            return self._in_place(seen)
        try:
            staged = self.store.stage(self.source, digest)
        except OSError as exc:
            if fingerprint(self.source) != seen:  # a file vanished in mid-copy
                return IntakeResult(None, Report(), changed_while_reading=True)
            log.error(
                "cannot copy %s into the last-good store %s (%s); checking it where it is",
                self.source,
                self.store.folder,
                exc,
            )
            return self._in_place(seen)
        if fingerprint(self.source) != seen:
            self.store.discard(staged)
            log.info("%s changed while it was being copied; waiting for it to settle", self.source)
            return IntakeResult(None, Report(), changed_while_reading=True)
        exhibit, report = load_exhibit(staged.content, thorough=True)
        if exhibit is None:
            self.store.discard(staged)
            self._log_refusal(report, digest)
            return IntakeResult(None, report)
        try:
            generation = self.store.commit(staged)
        except OSError as exc:
            self.store.discard(staged)
            log.error("cannot keep the new content in the last-good store (%s); showing it from %s", exc, self.source)
            return self._in_place(seen)
        log_problems_once(report, digest, self.log_folder, f"content {self.source}", log)
        log.info("new content from %s validated and kept as %s", self.source, generation.name)
        exhibit = dataclasses.replace(exhibit, root=generation.content)
        warmstart.keep(generation, exhibit, report)  # the next start opens it without loading it again
        return IntakeResult(exhibit, report, generation)

    def take_other(self, folder: Path, origin: str, source_digest: str) -> IntakeResult:
        """Take in a folder that is not the watched one (a USB stick's bundle, unpacked and
        checked): copied and validated in full like the watched folder. The copy records
        `source_digest`, the watched folder's state now, so a restart does not take the
        older watched folder back in over it; a later change of the watched folder does."""
        if self.store is None:
            report = Report()
            report.error(".", 0, 0, "this kiosk keeps no last-good copy, so it cannot take content in from elsewhere")
            return IntakeResult(None, report)
        try:
            staged = self.store.stage(folder, source_digest, origin=origin)
        except OSError as exc:
            report = Report()
            report.error(".", 0, 0, f"it could not be copied into the last-good store: {exc.strerror or exc}")
            log.error("cannot copy %s into the last-good store %s (%s)", origin, self.store.folder, exc)
            return IntakeResult(None, report)
        exhibit, report = load_exhibit(staged.content, thorough=True)
        if exhibit is None:
            self.store.discard(staged)
            log_problems_once(report, staged.source_digest, self.log_folder, f"content {origin}", log)
            log.error(
                "new content from %s refused: %d error(s); the kiosk keeps its content",
                origin,
                len(report.errors),
            )
            return IntakeResult(None, report)
        try:
            generation = self.store.commit(staged)
        except OSError as exc:
            self.store.discard(staged)
            report.error(".", 0, 0, f"it could not be kept in the last-good store: {exc.strerror or exc}")
            log.error("cannot keep the content from %s in the last-good store (%s)", origin, exc)
            return IntakeResult(None, report)
        log.info("new content from %s validated and kept as %s", origin, generation.name)
        return IntakeResult(dataclasses.replace(exhibit, root=generation.content), report, generation)

    def _in_place(self, seen: Fingerprint) -> IntakeResult:
        """Without a usable store: validate the source itself (what the kiosk then shows)."""
        exhibit, report = load_exhibit(self.source, thorough=True)
        if fingerprint(self.source) != seen:
            return IntakeResult(None, Report(), changed_while_reading=True)
        if exhibit is None:
            self._log_refusal(report, seen.content().digest)
        else:
            log_problems_once(report, seen.content().digest, self.log_folder, f"content {self.source}", log)
        return IntakeResult(exhibit, report)

    def _log_refusal(self, report: Report, digest: str) -> None:
        log_problems_once(report, digest, self.log_folder, f"content {self.source}", log)
        log.error(
            "new content in %s refused: %d error(s); the kiosk keeps showing the last known good content",
            self.source,
            len(report.errors),
        )


# -- start-up on the exhibition PC -----------------------------------------------------------------


@dataclass(frozen=True)
class Start:
    """What the kiosk shows when it starts, and what the watcher then treats as known."""

    exhibit: Exhibit | None
    report: Report  #: the problems behind the error screen, when `exhibit` is None
    generation: Generation | None
    #: The source's content already dealt with: the watcher acts only on something newer.
    handled_digest: str | None
    #: True when the source differs from what is shown (changed since, or refused).
    source_pending: bool = False


def open_exhibition(
    source: Path, store: LastGoodStore, log_folder: Path | None = None, defer_intake: bool = False
) -> Start:
    """The content to show at start-up.

    The last known good copy opens at once when there is one (its pictures were decoded
    when it was taken in); if the source has changed since, the watcher checks it in the
    background and swaps only if it is valid. Without any copy, the source is taken in
    now; if it is invalid, the error screen lists why. Problems are logged in full once
    per version of the content (`log_folder` remembers which: kiosk.services.problemlog).

    With `defer_intake` (the exhibition PC, `kiosk run`), a first start does not wait for
    the copy and the full check, which take a minute with a few hundred camera photos: the
    source opens after the quick checks (every file read, every picture's structure), and
    the watcher takes it in behind the exhibit, as it takes in any new content; the checked
    copy replaces it when the visitor leaves. A source that fails even the quick checks is
    taken in now, for the error screen's full list.
    """
    store.prune()  # half-made copies and old generations left by a crash or a power cut
    seen = fingerprint(source)
    current = store.current()
    if current is not None:
        exhibit, report = _open_copy(current)
        if exhibit is not None:
            log_problems_once(report, current.source_digest, log_folder, f"content {current.name}", log)
            same = current.source_digest == seen.content().digest
            if same:
                log.info("content: %s, unchanged since it was checked (%s)", source, current.name)
            else:
                log.info(
                    "showing the last known good content %s (copied %s from %s); %s has changed since "
                    "and is checked before it is shown",
                    current.name,
                    current.copied_at,
                    current.source,
                    source,
                )
            return Start(exhibit, report, current, current.source_digest, source_pending=not same)
        log.error(
            "the last known good copy %s cannot be shown any more (%d error(s)); checking %s",
            current.name,
            len(report.errors),
            source,
        )
    if defer_intake:
        exhibit, report = load_exhibit(source, thorough=False)
        if exhibit is not None:  # its problems are logged once the full check has run
            log.info(
                "first start with %s: shown after the quick checks; it is copied and checked in full "
                "behind the exhibit, and the checked copy is shown when the visitor leaves",
                source,
            )
            return Start(exhibit, report, None, None, source_pending=True)
    result = Intake(source, store, log_folder).take(seen)
    handled = None if result.changed_while_reading else seen.content().digest
    if result.exhibit is None:
        log.error(
            "content folder %s cannot be shown and there is no last known good copy; showing the error screen", source
        )
        if result.changed_while_reading:
            result.report.error(".", 0, 0, f"the content folder {source} is changing (being copied?)")
    return Start(result.exhibit, result.report, result.generation, handled)


def _open_copy(current: Generation) -> tuple[Exhibit | None, Report]:
    """The last known good copy: as it was loaded when it was checked, when that was kept
    and still matches (kiosk.services.warmstart), else loaded after the quick checks (and
    kept for the next start)."""
    loaded = warmstart.recall(current)
    if loaded is not None:
        log.info("warm start: %s opened as loaded when it was checked, without loading it again", current.name)
        return loaded.exhibit, loaded.report
    exhibit, report = load_exhibit(current.content, thorough=False)
    if exhibit is not None:
        warmstart.keep(current, exhibit, report)
    return exhibit, report
