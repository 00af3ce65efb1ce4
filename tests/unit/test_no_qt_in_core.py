"""kiosk.content and kiosk.services are plain Python: importing them never loads Qt.

Checked in a fresh interpreter, since this test process may have imported PySide6 already
(another test, a plugin), and a lazy import inside a function would hide from a static check.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import importlib, json, pkgutil, sys
imported = []
for package_name in ("kiosk.content", "kiosk.services", "kiosk.supervision"):
    package = importlib.import_module(package_name)
    imported.append(package_name)
    for module in pkgutil.walk_packages(package.__path__, package_name + "."):
        importlib.import_module(module.name)
        imported.append(module.name)
qt = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"))
print(json.dumps({"imported": imported, "qt": qt}))
"""


def test_content_and_services_import_no_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["qt"] == [], f"Qt imported by the core: {report['qt']}"
    for module in (
        "kiosk.content.schema",
        "kiosk.content.loader",
        "kiosk.content.media",
        "kiosk.content.yamlsafe",
        "kiosk.content.report",
        "kiosk.content.audit",
        "kiosk.supervision.supervisor",
    ):
        assert module in report["imported"]
