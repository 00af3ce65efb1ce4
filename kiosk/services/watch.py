"""Noticing that a content folder has changed, and that it has stopped changing.

Plain polling of every file's size and modification time, a few times a second: it works
the same on every platform, on network shares and in folders kept by sync tools, where
change notifications are missed or unreliable. A folder is only handed on once it has
been quiet for a while (`Settler`), so a folder still being copied never is.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

log = logging.getLogger(__name__)

#: One file: its path from the folder (with '/'), its size and its modification time in ns.
Entry = tuple[str, int, int]

#: Files that editors, sync tools and file managers leave beside real files. They count
#: while a folder settles (a growing `.part` means a copy is under way) but a change to
#: them alone is not new content, and they are not copied into the last-good store.
TEMPORARY_PATTERNS = (
    ".*",  # hidden: .DS_Store, .git, .syncthing.*.tmp, vim's .x.swp, emacs's .#x, LibreOffice's .~lock
    "*~",  # editor backups
    "~$*",  # Microsoft Office lock files
    "*.tmp",
    "*.part",
    "*.partial",
    "*.crdownload",
    "*.download",
    "*.sync-conflict-*",  # Syncthing's copy of a file changed on two computers at once
    "4913",  # vim's write test
    "Thumbs.db",
    "desktop.ini",
)


def is_temporary(name: str) -> bool:
    """A file or folder name that is never content (see TEMPORARY_PATTERNS)."""
    return any(fnmatch(name, pattern) for pattern in TEMPORARY_PATTERNS)


@dataclass(frozen=True)
class Fingerprint:
    """What a folder looks like, cheaply: every file's path, size and modification time."""

    exists: bool
    entries: tuple[Entry, ...] = ()
    _digest: list[str] = field(default_factory=list, repr=False, compare=False)

    def content(self) -> Fingerprint:
        """The same without temporary files: what decides whether there is new content."""
        kept = tuple(e for e in self.entries if not any(is_temporary(part) for part in e[0].split("/")))
        return Fingerprint(self.exists, kept)

    @property
    def digest(self) -> str:
        """A short stable summary, stored beside a copy to recognise its source later."""
        if not self._digest:
            hasher = hashlib.sha256(b"exists" if self.exists else b"missing")
            for path, size, mtime in self.entries:
                hasher.update(f"\0{path}\0{size}\0{mtime}".encode())
            self._digest.append(hasher.hexdigest())
        return self._digest[0]


def fingerprint(root: Path) -> Fingerprint:
    """Every file under `root`, hidden folders left out (symbolic links to folders are not
    followed, to avoid loops).

    Never raises: a file that vanishes or cannot be read while the folder is walked gets
    size -1, which still differs from any real state, so the folder is looked at again.
    """
    if not root.is_dir():
        return Fingerprint(exists=False)
    entries: list[Entry] = []
    stack: list[tuple[str, str]] = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as listing:
                found = list(listing)
        except OSError:
            entries.append((prefix or ".", -1, 0))
            continue
        for entry in found:
            relative = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    # Hidden folders (.git, .stversions) are never content and can hold
                    # thousands of files: not walked, so polling stays cheap.
                    if not entry.name.startswith("."):
                        stack.append((entry.path, relative + "/"))
                    continue
                stat = entry.stat()  # follows a link to a file: its target is what is shown
                entries.append((relative, stat.st_size, stat.st_mtime_ns))
            except OSError:
                entries.append((relative, -1, 0))
    return Fingerprint(exists=True, entries=tuple(sorted(entries)))


class Settler:
    """Decides when a folder has settled: unchanged for `quiet_seconds`, and different from
    the content last handled. A pure rule: fingerprints and times go in, no clock inside.

    A folder that keeps changing (a long copy, a sync in progress) is waited for, however
    long that takes; a half-copied folder is never reported while the copy is running.
    """

    def __init__(self, quiet_seconds: float, handled_digest: str | None = None) -> None:
        if quiet_seconds < 0:
            raise ValueError("the quiet period cannot be negative")
        self.quiet_seconds = quiet_seconds
        self._handled = handled_digest
        self._seen: Fingerprint | None = None
        self._since = 0.0
        self._forced = False

    def observe(self, seen: Fingerprint, now: float) -> Fingerprint | None:
        """The fingerprint to act on now, or None (still changing, or nothing new)."""
        if seen != self._seen:
            self._seen, self._since = seen, now
            if not self._forced:
                return None
        if self._forced:
            self._forced = False
            return seen
        if now - self._since < self.quiet_seconds:
            return None
        if seen.content().digest == self._handled:
            return None
        return seen

    def handled(self, seen: Fingerprint) -> None:
        """This content has been dealt with (shown or refused): do not report it again."""
        self._handled = seen.content().digest

    def force(self) -> None:
        """Report the folder at the next look, quiet or not, new or not (a "reload now")."""
        self._forced = True


#: What the watcher calls with a settled folder. It returns False when the folder turned
#: out to change while it was being read, so that it is looked at again once quiet.
Handler = Callable[[Fingerprint], bool]


class FolderWatcher:
    """Polls a folder in a thread of its own and calls `handler` there with each settled state.

    The handler runs in the watcher's thread (validating and copying take time and must not
    freeze the screen); it must pass results to the GUI thread itself.
    """

    def __init__(
        self,
        root: Path,
        handler: Handler,
        quiet_seconds: float = 3.0,
        interval_seconds: float = 0.5,
        handled_digest: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.root = root
        self._handler = handler
        self._interval = interval_seconds
        self._settler = Settler(quiet_seconds, handled_digest)
        self._clock = clock
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._tasks: list[Callable[[], object]] = []
        self._thread = threading.Thread(target=self._run, name=f"watch {root.name}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop polling; waits for a handler that is running (a copy, a validation) to end."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def check_now(self) -> None:
        """Look at the folder at once and hand it on even if it seems unchanged."""
        with self._lock:
            self._settler.force()
        self._wake.set()

    def mark_handled(self, seen: Fingerprint) -> None:
        """This state of the folder is dealt with (content from elsewhere replaced it): act
        only on a later change."""
        with self._lock:
            self._settler.handled(seen)

    def run_in_thread(self, task: Callable[[], object]) -> None:
        """Run `task` in the watcher's thread, between two looks at the folder: work on files
        the handler also touches (deleting old copies) never runs at the same time as it."""
        with self._lock:
            self._tasks.append(task)
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with self._lock:
                    tasks, self._tasks = self._tasks, []
                for task in tasks:
                    task()
                self._poll()
            except Exception:
                log.exception("watching %s failed; trying again", self.root)
            self._wake.wait(self._interval)
            self._wake.clear()

    def _poll(self) -> None:
        seen = fingerprint(self.root)
        with self._lock:
            settled = self._settler.observe(seen, self._clock())
        if settled is None or self._stop.is_set():
            return
        if self._handler(settled):
            with self._lock:
                self._settler.handled(settled)
