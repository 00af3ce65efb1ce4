"""Content updates from a USB stick: a `.kiosk` bundle at the top of a removable drive.

The rules, in plain Python (no Qt); the bridge (kiosk/bridge/usb.py) runs them on a thread
of their own and shows the outcome on the admin screen:

- Only the top level of each removable drive (kiosk/services/export.py's discovery) is
  looked at, and only regular files named `*.kiosk` (not hidden, not links). Nothing else
  on a stick is ever opened, and nothing at all is run.
- A bundle is checked and unpacked (kiosk/services/bundle.py: names, sizes, hashes,
  signature) into the kiosk's own intake folder, never beside it on the stick.
- With `trusted_keys` in kiosk.yaml, a bundle signed by one of them is `TRUSTED`: it goes in
  through the last-known-good swap. An unsigned bundle, or one signed by another key, is
  refused and logged but `NEEDS_PIN`: staff may take it in from the admin screen. Without
  `trusted_keys`, every bundle needs staff. A bundle whose signature does not match its
  manifest, or whose files do not match their hashes, or that cannot be read to its end
  (a stick pulled out), is `REFUSED` outright.
- A bundle taken in is remembered by its manifest's SHA-256 (in the intake folder), so a
  stick left plugged in is taken once, even across restarts.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import json
import logging
import os
import shutil
import threading
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.atomicio import write_text
from kiosk.paths import user_data_folder
from kiosk.services.bundle import MANIFEST, SUFFIX, BundleError, Inspection, Limits, unpack
from kiosk.services.export import removable_places
from kiosk.services.trust import TrustedKey

log = logging.getLogger(__name__)

#: The manifests taken in, newest last, kept in the intake folder.
TAKEN_FILE = "taken.json"
#: How many taken manifests are remembered.
TAKEN_KEPT = 200


def default_intake_folder() -> Path:
    """The kiosk's own folder for bundles being checked: in the user's data folder."""
    return user_data_folder() / "usb-intake"


def removable_drives() -> list[Path]:
    """The removable drives plugged in now (USB sticks, card readers)."""
    return [place.path for place in removable_places()]


@dataclass(frozen=True)
class Found:
    """A bundle file at the top of a drive, and how it looked when found."""

    path: Path
    size: int
    mtime_ns: int

    @property
    def identity(self) -> tuple[str, int, int]:
        return (str(self.path), self.size, self.mtime_ns)


def bundles_on(drives: Iterable[Path]) -> list[Found]:
    """The `*.kiosk` files at the top level of each drive: regular files only, hidden files
    (macOS's `._name.kiosk`) and links left alone; a drive that cannot be listed is skipped."""
    found: list[Found] = []
    for drive in drives:
        try:
            with os.scandir(drive) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.startswith(".") or not entry.name.lower().endswith(SUFFIX):
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                stat = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found.append(Found(Path(entry.path), stat.st_size, stat.st_mtime_ns))
    return found


class Kind(enum.StrEnum):
    TRUSTED = "trusted"  #: signed by a trusted key: taken in through the swap
    NEEDS_PIN = "needs_pin"  #: unsigned or signed by another key: only staff may take it in
    REFUSED = "refused"  #: damaged, tampered with, unreadable: never taken in
    ALREADY = "already"  #: this very bundle was taken in before


@dataclass(frozen=True)
class Verdict:
    """What a bundle on a stick turned out to be. `message` is one sentence, for the log and staff."""

    kind: Kind
    bundle: Path
    message: str
    title: str = ""
    signer: str = ""  #: the trusted key's name, for a TRUSTED bundle
    folder: Path | None = None  #: the checked files, in the intake folder (TRUSTED, NEEDS_PIN)
    manifest_hash: str = ""

    @property
    def origin(self) -> str:
        """Where the content came from, as the store, the status file and staff say it."""
        who = f", signed by '{self.signer}'" if self.signer else ", confirmed by staff"
        return f"USB stick {self.bundle.name} ({self.title}{who})"


def manifest_hash(path: Path, limits: Limits | None = None) -> str:
    """SHA-256 of the bundle's manifest.json, read alone (capped): names the bundle's content.
    BundleError when there is none or it cannot be read."""
    cap = (limits or Limits()).max_manifest_bytes
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(MANIFEST)
            if info.file_size > cap:
                raise BundleError(f"Its {MANIFEST} is larger than {cap} bytes.")
            with archive.open(info) as stream:
                data = stream.read(cap + 1)
    except KeyError:
        raise BundleError("It has no manifest.json: it is not a kiosk bundle.") from None
    except FileNotFoundError:
        raise BundleError(f"{path.name} is gone: the USB stick was removed.") from None
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        raise BundleError(f"{path.name} is not a complete bundle (truncated or damaged: {exc}).") from None
    if len(data) > cap:
        raise BundleError(f"Its {MANIFEST} expands past {cap} bytes.")
    return hashlib.sha256(data).hexdigest()


class UsbIntake:
    """Finds new bundles on the drives and checks them into the intake folder.

    The bridge calls `scan` and `check` from one worker thread at a time, and `taken` or
    `discard` from the GUI thread once a verdict is dealt with; a bundle unpacked and not yet
    dealt with is not unpacked again meanwhile (a stick pulled out and plugged back).
    """

    def __init__(
        self,
        folder: Path,
        trusted_keys: Sequence[TrustedKey] = (),
        drives: Callable[[], Iterable[Path]] = removable_drives,
        limits: Limits | None = None,
    ) -> None:
        self.folder = folder
        self.trusted_keys = tuple(trusted_keys)
        self._drives = drives
        self._limits = limits or Limits()
        self._seen: set[tuple[str, int, int]] = set()
        self._taken: list[str] = self._load_taken()
        #: Bundles unpacked and not done with yet (waiting for staff, or being taken in).
        self._busy: set[str] = set()
        self._lock = threading.Lock()
        self._clear_leftovers()

    # -- finding ---------------------------------------------------------------------------
    def scan(self) -> list[Found]:
        """Bundles not looked at yet. One looked at is looked at again only once its stick was
        out (or the file changed): a stick pulled out half-way is read afresh when plugged back."""
        try:
            drives = list(self._drives())
        except OSError as exc:
            log.debug("cannot list the removable drives: %s", exc)
            return []
        present = bundles_on(drives)
        identities = {found.identity for found in present}
        self._seen &= identities
        fresh = [found for found in present if found.identity not in self._seen]
        self._seen |= {found.identity for found in fresh}
        return fresh

    # -- checking --------------------------------------------------------------------------
    def check(self, found: Found) -> Verdict:
        """Check one bundle and unpack it into the intake folder; never raises for a bad bundle."""
        path = found.path
        try:
            digest = manifest_hash(path, self._limits)
            with self._lock:
                taken, busy = digest in self._taken, digest in self._busy
            if taken or busy:
                done = "was taken in before" if taken else "is already being taken in or waiting for staff"
                return Verdict(Kind.ALREADY, path, f"{path.name} {done}; nothing to do.", manifest_hash=digest)
            self.folder.mkdir(parents=True, exist_ok=True)
            dest = self.folder / digest[:16]
            _remove(dest)
            # Hashes and a signature that does not match are refused here; trust is decided below.
            inspection = unpack(path, dest, (), require_signature=False, limits=self._limits)
        except BundleError as exc:
            return Verdict(Kind.REFUSED, path, self._refusal(found, str(exc)))
        except OSError as exc:  # the intake folder itself (full disk, permissions)
            return Verdict(Kind.REFUSED, path, f"{path.name} could not be unpacked on this PC: {exc.strerror or exc}.")
        with self._lock:
            self._busy.add(digest)
        return self._decide(found, inspection, dest, digest)

    def _decide(self, found: Found, inspection: Inspection, dest: Path, digest: str) -> Verdict:
        title = inspection.manifest.title
        signature = inspection.signature
        signer = ""
        if signature is not None:
            signer = next((key.name for key in self.trusted_keys if key.raw == signature.public_key), "")
        name = found.path.name
        if signer:
            message = f"{name} ('{title}') is signed by the trusted key '{signer}': it is taken in."
            return Verdict(Kind.TRUSTED, found.path, message, title, signer, dest, digest)
        if not self.trusted_keys:
            why = "this kiosk has no trusted_keys in kiosk.yaml, so every bundle needs staff's PIN"
        elif signature is None:
            why = "it is not signed"
        else:
            why = f"it is signed by a key this kiosk does not trust (key {signature.fingerprint})"
        message = f"{name} ('{title}') is not taken in: {why}; staff may take it in from the admin screen."
        return Verdict(Kind.NEEDS_PIN, found.path, message, title, "", dest, digest)

    def _refusal(self, found: Found, reason: str) -> str:
        """A refusal in one sentence; a stick pulled out is said as such."""
        if not found.path.exists():
            return (
                f"{found.path.name} was refused: the USB stick was removed before it was read to its end "
                "(nothing was changed; plug it in again)."
            )
        return f"{found.path.name} was refused: {reason}"

    # -- after a verdict -------------------------------------------------------------------
    def taken(self, verdict: Verdict) -> None:
        """The bundle is in the last-good store: remember it, drop its unpacked files."""
        with self._lock:
            new = bool(verdict.manifest_hash) and verdict.manifest_hash not in self._taken
            if new:
                self._taken = [*self._taken, verdict.manifest_hash][-TAKEN_KEPT:]
        if new:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                write_text(self.folder / TAKEN_FILE, json.dumps(self._taken, indent=0) + "\n")
            except OSError as exc:
                log.warning("cannot remember the bundle taken in (%s): it may be taken again after a restart", exc)
        self.discard(verdict)

    def discard(self, verdict: Verdict) -> None:
        """Delete a verdict's unpacked files (refused by staff, or copied into the store)."""
        if verdict.folder is not None:
            _remove(verdict.folder)
        with self._lock:
            self._busy.discard(verdict.manifest_hash)

    def _load_taken(self) -> list[str]:
        try:
            data = json.loads((self.folder / TAKEN_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [str(item) for item in data if isinstance(item, str)] if isinstance(data, list) else []

    def _clear_leftovers(self) -> None:
        """Unpacked bundles of an earlier run (the stick is read again if still there)."""
        with contextlib.suppress(OSError):
            for entry in self.folder.iterdir():
                if entry.name != TAKEN_FILE:
                    _remove(entry)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        with contextlib.suppress(OSError):
            path.unlink()
