"""The one file on Linux: a short shell script followed by the kiosk's one-folder build, packed.

PyInstaller's own one-file executable unpacks everything (48 MB packed, 127 MB unpacked) into a
new temporary folder at every launch and deletes it on exit: about a second of every start
went to that. The one file made here unpacks its program once per version, into a folder kept
for later starts (freeze/onefile.sh says where), and then runs it from there at once: a start
costs what the one-folder build costs, plus a few milliseconds of shell.

The file: freeze/onefile.sh with its blanks filled in (version, the program's ID, where the
packed program starts in the file, its unpacked size), then the one folder as a gzip'd tar.
The ID is the first 12 hex digits of the packed program's SHA-256, so a new build is a new
folder and two copies of the same build share one. The tar's last member, `.kiosk-program`,
proves that unpacking reached the end. gzip's checksum catches a damaged file.

On Windows the build stays PyInstaller's one file (there is no shell to run the script).
build.spec calls `write_one_file`; tests/gui/test_freeze_onefile.py runs the script on small
programs.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import tarfile
from pathlib import Path

TEMPLATE = Path(__file__).resolve().with_name("onefile.sh")
#: The last member of the packed program: its presence proves the unpacking reached the end.
MARKER = ".kiosk-program"
#: gzip's level: 9 saves 0.3 MB on the kiosk over 6 and costs about 15 s more per build.
LEVEL = 9


def unpacks_once(executable: Path) -> bool:
    """True for a one file made here (it starts as a shell script); False for PyInstaller's
    own one file or a one folder's program (an ELF or PE program)."""
    with executable.open("rb") as file:
        return file.read(2) == b"#!"


def pack_folder(folder: Path, version: str, level: int = LEVEL) -> tuple[bytes, int]:
    """`folder`'s files as a gzip'd tar (sorted, owned by nobody in particular), with MARKER
    last; and the unpacked size in bytes."""
    raw = io.BytesIO()
    size = 0

    def reset(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with (
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=level, mtime=0) as packed,
        tarfile.open(fileobj=packed, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            tar.add(path, arcname=name, recursive=False, filter=reset)
            if path.is_file() and not path.is_symlink():
                size += path.stat().st_size
        note = f"{version}\n".encode()
        info = reset(tarfile.TarInfo(MARKER))
        info.size, info.mode = len(note), 0o644
        tar.addfile(info, io.BytesIO(note))
    return raw.getvalue(), size


def script(version: str, program_id: str, unpacked_bytes: int, name: str = "kiosk") -> bytes:
    """The shell script the packed program follows, its offset filled in (its own length)."""
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("@NAME@", name).replace("@VERSION@", version).replace("@ID@", program_id)
    text = text.replace("@MB@", str(-(-unpacked_bytes // 1_000_000)))
    width = 12  # the offset is written with a fixed width (spaces after it), so writing it does not change it
    offset = len(text.replace("@OFFSET@", " " * width).encode())
    return text.replace("@OFFSET@", str(offset).ljust(width)).encode()


def write_one_file(folder: Path, out: Path, version: str, level: int = LEVEL, name: str = "kiosk") -> str:
    """Writes the one file `out` for the one-folder build `folder`, whose program is `name`;
    returns the name of the folder it unpacks into."""
    if not (folder / name).is_file():
        raise SystemExit(f"{folder} has no program named {name}")
    payload, unpacked = pack_folder(folder, version, level)
    program_id = hashlib.sha256(payload).hexdigest()[:12]
    head = script(version, program_id, unpacked, name)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with partial.open("wb") as file:
        file.write(head)
        file.write(payload)
    partial.chmod(0o755)
    os.replace(partial, out)
    return f"{name}-{version}-{program_id}"
