"""The QML passes pyside6-qmllint with zero warnings."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.paths import qml_dir


def qmllint() -> list[str]:
    beside = Path(sys.executable).parent / "pyside6-qmllint"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pyside6-qmllint")
    assert found, "pyside6-qmllint is installed with PySide6-Essentials"
    return [found]


def test_qml_has_no_lint_warnings() -> None:
    files = sorted(str(p) for p in (qml_dir() / "Kiosk").rglob("*.qml"))
    assert len(files) >= 10
    result = subprocess.run(
        [*qmllint(), "-I", str(qml_dir()), *files], capture_output=True, text=True, timeout=300
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and not output, output
