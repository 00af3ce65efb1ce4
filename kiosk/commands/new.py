"""`kiosk new DIR`: a small, valid, commented content folder to start from.

The starter holds one of everything (an era and an event, a charge with its hotspot,
a layer and a marker, a pillar and a result), French first with English and Dutch, two
simple SVG drawings, and the JSON Schemas under `schema/` that the first line of each
YAML file points editors to. It is copied from `kiosk/content/starter/`, so what
`kiosk new` writes is exactly what the tests validate and render.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from kiosk.content.schema_export import SCHEMA_FOLDER, write_schemas

STARTER_DIR = Path(__file__).resolve().parent.parent / "content" / "starter"

EXIT_CREATED, EXIT_REFUSED = 0, 1


class StarterRefusedError(Exception):
    """The folder cannot receive a starter (not empty, a file, not writable); says why."""


def starter_files() -> list[Path]:
    """The template files, relative to STARTER_DIR, in a stable order."""
    return sorted(path.relative_to(STARTER_DIR) for path in STARTER_DIR.rglob("*") if path.is_file())


def create_starter(target: Path) -> list[Path]:
    """Write the starter into `target` (created if needed; must be empty); the files written."""
    if target.exists() and not target.is_dir():
        raise StarterRefusedError(f"{target} is a file, not a folder")
    if target.is_dir() and any(target.iterdir()):
        raise StarterRefusedError(
            f"{target} is not empty: kiosk new only writes into a new or empty folder, so nothing is overwritten"
        )
    written: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for relative in starter_files():
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes((STARTER_DIR / relative).read_bytes())
            written.append(destination)
        written.extend(write_schemas(target / SCHEMA_FOLDER))
    except OSError as exc:
        raise StarterRefusedError(f"cannot write into {target}: {exc.strerror or exc}") from None
    return written


def run_new(target: Path, out: TextIO, err: TextIO) -> int:
    """The `kiosk new` command: write the starter and say what to do next."""
    try:
        written = create_starter(target)
    except StarterRefusedError as exc:
        err.write(f"kiosk new: {exc}\n")
        return EXIT_REFUSED
    folder = target.as_posix()
    out.write(f"Created {folder}/ ({len(written)} files):\n")
    for path in written:
        out.write(f"  {path.relative_to(target).as_posix()}\n")
    out.write(
        "Next:\n"
        f"  kiosk validate {folder}              check it (it is valid: change it, check again)\n"
        f"  kiosk --content {folder}             open it in a window\n"
        f"  kiosk snapshot --content {folder} --out proofs   every screen as a picture\n"
        "The guide to every key: docs/CONTENT.md. Editors with the YAML language server\n"
        "complete and check keys through the first line of each file (see 'Write with help').\n"
    )
    return EXIT_CREATED
