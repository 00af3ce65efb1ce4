"""The kiosk's QML compiled ahead of time for the executable (read by build.spec at build time).

Qt for Python cannot compile QML to C++ and link it in, as a C++ application does; what it
can use is QML byte code: Qt's `qmlcachegen --only-bytecode` turns `Main.qml` into
`Main.qmlc`, and the QML engine loads a `.qmlc` that lies beside its `.qml` instead of
compiling the file (Qt's documentation of pyside6-qmlcachegen). The engine trusts such a
file without comparing it with its source, so the byte code is made here, in PyInstaller's
work folder, from the very files the build bundles, and never lands in kiosk/qml where a
later edit of a `.qml` would leave it stale.

In the executable, freeze/rthook_kiosk.py lets the QML engine read these files and Qt's own
compiled modules, and keeps it from writing a cache (a one-file build's paths change at
every launch). Measured in a one-folder build: the QML of the first frame costs about a
third less processor time.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def qmlcachegen() -> Path:
    """Qt's qmlcachegen as PySide6's wheels install it (pyside6-qmlcachegen runs the same)."""
    import PySide6

    pyside = Path(PySide6.__file__).resolve().parent
    return pyside / "qmlcachegen.exe" if sys.platform == "win32" else pyside / "Qt" / "libexec" / "qmlcachegen"


def compile_qml(source: Path, workdir: Path, dest_root: str) -> list[tuple[str, str]]:
    """Byte code for every `.qml` under `source`, written under `workdir`, as PyInstaller
    `datas` entries `(file, folder in the bundle)` that put each `.qmlc` beside its `.qml`
    under `dest_root`. Refuses to build when one cannot be compiled."""
    tool = qmlcachegen()
    files = sorted(source.rglob("*.qml"))

    def compile_one(qml: Path) -> tuple[str, str]:
        relative = qml.relative_to(source)
        target = workdir / relative.with_suffix(".qmlc")
        target.parent.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [str(tool), "--only-bytecode", str(qml), "-o", str(target)], capture_output=True, text=True, check=False
        )
        if result.returncode != 0 or not target.is_file():
            raise SystemExit(f"qmlcachegen could not compile {qml}:\n{result.stdout}{result.stderr}")
        target.with_name(target.name + ".aotstats").unlink(missing_ok=True)  # statistics, not needed
        return str(target), str(Path(dest_root, relative.parent).as_posix())

    with ThreadPoolExecutor(max_workers=4) as pool:
        compiled = list(pool.map(compile_one, files))
    print(f"qmlc: {len(compiled)} QML files compiled to byte code", file=sys.stderr)
    return compiled
