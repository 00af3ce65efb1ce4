"""The last known good content: a private copy of the newest content folder that passed
every check, kept so that it survives a restart, a killed process and a power cut.

Layout of the store folder:

    current                 one line: the name of the generation to show ("gen-000012")
    gen-000012/content/     a complete, validated copy of a content folder
    gen-000012/source.json  where it came from, its fingerprint, when it was copied
    gen-000012/loaded.pickle  the copy as loaded once checked, for a warm start (warmstart.py)
    lastgood.tmp-XXXX/      a copy being made (left behind only by a crash; removed)

A new copy is made in a `lastgood.tmp-*` folder, every file flushed to disk, then the
folder is renamed to a new generation, then `current` is replaced atomically (written to
a temporary file, flushed, renamed over the old one). Only after that are older
generations deleted. Killed or cut at any moment, the store holds either the old
generation with the old pointer, or the new one with the new pointer, never a mix.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.atomicio import copy_durably, is_temporary_of, sync_folder, write_bytes, write_with
from kiosk.paths import user_data_folder
from kiosk.services.watch import is_temporary

log = logging.getLogger(__name__)

POINTER = "current"
TMP_PREFIX = "lastgood.tmp-"
_GENERATION = re.compile(r"gen-(\d{6,})")

#: Called between the steps of a copy ("copied:PATH", "flushed", "renamed", "pointer-written",
#: "switched", "pruned:NAME"): tests use it to kill the process at each step.
Checkpoint = Callable[[str], None]


def default_store_dir() -> Path:
    """In the user's data folder, not the cache: some systems empty caches on their own."""
    return user_data_folder() / "lastgood"


@dataclass(frozen=True)
class Generation:
    """One complete copy in the store."""

    name: str
    path: Path
    source: str
    source_digest: str
    copied_at: str  #: ISO 8601, UTC

    @property
    def content(self) -> Path:
        return self.path / "content"


@dataclass(frozen=True)
class Staged:
    """A copy being prepared in a temporary folder: validate `content`, then commit or discard."""

    path: Path
    source: str
    source_digest: str

    @property
    def content(self) -> Path:
        return self.path / "content"


def _no_checkpoint(_step: str) -> None:
    return None


class LastGoodStore:
    def __init__(self, folder: Path, checkpoint: Checkpoint | None = None) -> None:
        self.folder = folder
        self._checkpoint = checkpoint or _no_checkpoint

    # -- reading -------------------------------------------------------------------------
    def current(self) -> Generation | None:
        """The generation to show, or None when there is no usable copy at all."""
        name = self._read_pointer()
        if name is not None:
            found = self._generation(name)
            if found is not None:
                return found
            log.warning("the last-good pointer names %s, which is missing; using the newest copy", name)
        # No pointer (or a broken one): only complete, validated copies are ever named gen-*.
        for candidate in sorted(self._generation_names(), reverse=True):
            found = self._generation(candidate)
            if found is not None:
                return found
        return None

    def _read_pointer(self) -> str | None:
        try:
            name = (self.folder / POINTER).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return name if _GENERATION.fullmatch(name) else None

    def _generation_names(self) -> list[str]:
        try:
            return [p.name for p in self.folder.iterdir() if _GENERATION.fullmatch(p.name) and p.is_dir()]
        except OSError:
            return []

    def _generation(self, name: str) -> Generation | None:
        path = self.folder / name
        try:
            meta = json.loads((path / "source.json").read_text(encoding="utf-8"))
            if not (path / "content").is_dir():
                return None
            return Generation(name, path, str(meta["source"]), str(meta["digest"]), str(meta["copied_at"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    # -- writing -------------------------------------------------------------------------
    def stage(self, source: Path, source_digest: str, origin: str | None = None) -> Staged:
        """Copy `source` (temporary files left out) into a new temporary folder, flushed to disk.
        `origin` names where it came from when that is not `source` itself (a USB stick's bundle).

        Raises OSError when the copy cannot be made (full disk, unreadable file); the
        temporary folder is then removed.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        path = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=self.folder))
        staged = Staged(path, origin or str(source.resolve()), source_digest)
        try:
            self._copy_tree(source, staged.content)
            meta = {
                "source": staged.source,
                "digest": source_digest,
                "copied_at": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            write_bytes(path / "source.json", json.dumps(meta, indent=2).encode())
            sync_folder(path)
            self._checkpoint("flushed")
        except BaseException:
            self.discard(staged)
            raise
        return staged

    def _copy_tree(self, source: Path, target: Path) -> None:
        """Copy files one by one, each flushed; symbolic links to files inside the folder are
        copied as files, other links are kept as links (validation then refuses them)."""
        real_root = source.resolve()
        target.mkdir()
        folders = [target]
        stack: list[tuple[Path, Path]] = [(source, target)]
        while stack:
            here, there = stack.pop()
            for entry in sorted(os.scandir(here), key=lambda e: e.name):
                if is_temporary(entry.name):
                    continue
                destination = there / entry.name
                if entry.is_symlink():
                    resolved = Path(entry.path).resolve()
                    if resolved.is_file() and resolved.is_relative_to(real_root):
                        self._copy_file(resolved, destination)
                    else:
                        os.symlink(os.readlink(entry.path), destination)
                elif entry.is_dir():
                    destination.mkdir()
                    folders.append(destination)
                    stack.append((Path(entry.path), destination))
                elif entry.is_file():
                    self._copy_file(Path(entry.path), destination)
                self._checkpoint(f"copied:{destination.relative_to(target).as_posix()}")
        for folder in folders:
            sync_folder(folder)

    def _copy_file(self, source: Path, destination: Path) -> None:
        copy_durably(source, destination)

    def commit(self, staged: Staged) -> Generation:
        """Make a staged copy the current one: rename it to a new generation, switch the pointer."""
        numbers = [int(m.group(1)) for n in self._generation_names() if (m := _GENERATION.fullmatch(n))]
        name = f"gen-{max(numbers, default=0) + 1:06d}"
        final = self.folder / name
        os.rename(staged.path, final)
        sync_folder(self.folder)
        self._checkpoint("renamed")
        write_with(
            self.folder / POINTER,
            lambda stream: stream.write((name + "\n").encode()),
            before_replace=lambda _written: self._checkpoint("pointer-written"),
        )
        self._checkpoint("switched")
        generation = self._generation(name)
        if generation is None:  # cannot happen unless the disk lies: say so loudly
            raise OSError(f"the new copy {final} cannot be read back")
        return generation

    def discard(self, staged: Staged) -> None:
        shutil.rmtree(staged.path, ignore_errors=True)

    def prune(self, keep: set[str] | None = None) -> None:
        """Delete temporary folders and every generation but the current one (and `keep`).

        Safe at any time after `commit`: the pointer already names the copy to keep.
        A folder that cannot be deleted now (a file still open on Windows) is left for
        the next time.
        """
        current = self.current()
        wanted = set(keep or ()) | ({current.name} if current else set())
        try:
            entries = list(self.folder.iterdir())
        except OSError:
            return
        for entry in entries:
            stale_copy = _GENERATION.fullmatch(entry.name) and entry.name not in wanted
            leftover = (
                entry.name.startswith(TMP_PREFIX)
                or entry.name.startswith(f"{POINTER}.tmp-")  # the name older versions used
                or is_temporary_of(entry.name, POINTER)
            )
            if not (stale_copy or leftover):
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            self._checkpoint(f"pruned:{entry.name}")
