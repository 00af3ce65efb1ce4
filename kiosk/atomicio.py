"""Write a file so that a crash or a power cut leaves either the old file or the new one.

Never a half-written file: the bytes go to a temporary file in the same folder, are flushed
to the disk (fsync), and only then take the target's name (`os.replace`, atomic on POSIX
and on NTFS). On POSIX the folder is synced too, so the new name itself survives a power cut.

A killed writer may leave its temporary file behind (`.NAME.RANDOM.tmp`, hidden on POSIX);
`remove_leftovers(folder)` deletes them. Plain Python, no Qt: everyone may use it.

Every file the kiosk writes for itself goes through here: `write_bytes`/`write_text` for
small files, `write_with` when the bytes are produced by a callback (a picture saved by
Pillow, a settings file checked before it takes the real name), `copy_durably` for files
copied into a folder that is itself renamed into place (the last good content).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

TEMP_SUFFIX = ".tmp"


def temp_name(target: Path) -> Path:
    """A fresh temporary name next to `target` (same folder, hence same file system)."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def is_temporary_of(name: str, target: str) -> bool:
    """Whether a file name is one of `temp_name`'s for a target of that name."""
    return name.startswith(f".{target}.") and name.endswith(TEMP_SUFFIX)


def write_bytes(path: Path | str, data: bytes) -> None:
    """Replace `path` by `data`, atomically and durably. Raises OSError (full disk...) untouched."""
    write_with(path, lambda stream: stream.write(data))


def write_with(
    path: Path | str,
    write: Callable[[BinaryIO], object],
    before_replace: Callable[[Path], object] | None = None,
) -> int:
    """Replace `path` by what `write` puts into the stream it is given, atomically and durably;
    returns the bytes written. `before_replace(temporary)` runs once the bytes are on the disk
    and before they take the target's name: it may check them, and raise to keep the old file.
    An existing file keeps its own permissions. Raises OSError (full disk...) untouched."""
    target = Path(path)
    temp = temp_name(target)
    # 0o666 minus the umask, as open() would give; an existing file keeps its own mode.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with open(fd, "wb", closefd=True) as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
            size = stream.tell()
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
        if before_replace is not None:
            before_replace(temp)
        replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    sync_folder(target.parent)
    return size


def replace(source: Path, target: Path, attempts: int = 5) -> None:
    """`os.replace`, tried again briefly: on Windows a reader (another kiosk process, an
    antivirus) can hold the target open for a moment."""
    for attempt in range(attempts):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def copy_durably(source: Path, destination: Path, chunk: int = 1024 * 1024) -> None:
    """Copy a file to a new name (it must not exist), flushed to the disk, with its times and
    mode. For files in a folder that is renamed into place once whole; sync that folder after."""
    with source.open("rb") as reader, destination.open("xb") as writer:
        while block := reader.read(chunk):
            writer.write(block)
        writer.flush()
        os.fsync(writer.fileno())
    shutil.copystat(source, destination)


def write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    """`write_bytes` for text; newlines are written as given (no platform translation)."""
    write_bytes(path, text.encode(encoding))


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (new and renamed names) to the disk; a no-op on Windows."""
    if os.name != "posix":
        return  # NTFS journals the rename; Windows cannot open a folder for fsync
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network, FUSE) do not sync folders; the data itself is synced
    finally:
        os.close(fd)


def remove_leftovers(folder: Path, name_glob: str = "*") -> int:
    """Delete temporary files that a killed writer left in `folder`; returns how many."""
    removed = 0
    for leftover in folder.glob(f".{name_glob}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed
