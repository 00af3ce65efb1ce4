"""Write a file so that a crash or a power cut leaves either the old file or the new one.

Never a half-written file: the bytes go to a temporary file in the same folder, are flushed
to the disk (fsync), and only then take the target's name (`os.replace`, atomic on POSIX
and on NTFS). On POSIX the folder is synced too, so the new name itself survives a power cut.

A killed writer may leave its temporary file behind (`.NAME.RANDOM.tmp`, hidden on POSIX);
`remove_leftovers(folder)` deletes them. Plain Python, no Qt: everyone may use it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_name(target: Path) -> Path:
    """A fresh temporary name next to `target` (same folder, hence same file system)."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def write_bytes(path: Path | str, data: bytes) -> None:
    """Replace `path` by `data`, atomically and durably. Raises OSError (full disk...) untouched."""
    target = Path(path)
    temp = temp_name(target)
    # 0o666 minus the umask, as open() would give; an existing file keeps its own mode.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with open(fd, "wb", closefd=True) as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    sync_folder(target.parent)


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
