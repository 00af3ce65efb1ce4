"""The start-up check of the QML modules: a missing one fails loudly, never a blank window."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtQml import QQmlEngine

from kiosk.bridge import engine

QML = Path(__file__).resolve().parents[2] / "kiosk" / "qml"


def qml_imports() -> set[str]:
    found: set[str] = set()
    for qml in QML.rglob("*.qml"):
        found.update(re.findall(r"^\s*import\s+([A-Za-z_][\w.]*)", qml.read_text(encoding="utf-8"), re.MULTILINE))
    return found - {"Kiosk", "Kiosk.Bridge"}  # the kiosk's own: its QML, the types Python registers


def test_required_modules_are_exactly_what_the_qml_imports() -> None:
    # build.spec bundles these modules only, and refuses to build when they disagree.
    assert set(engine.REQUIRED_QML_MODULES) == qml_imports()


def test_the_installed_modules_pass(qapp: object) -> None:
    engine.check_qml_modules(QQmlEngine())


def test_a_missing_module_is_named(qapp: object) -> None:
    with pytest.raises(engine.QmlLoadError) as caught:
        engine.check_qml_modules(QQmlEngine(), ["QtQuick", "QtQuick.Gone", "QtQuick.Shapes", "Kiosk.Vanished"])
    message = str(caught.value)
    assert "QtQuick.Gone" in message and "Kiosk.Vanished" in message
    assert "reinstall" in message
    assert "QtQuick.Shapes" not in message  # only what is missing


def test_the_kiosk_stops_with_a_message_when_a_module_is_missing(tmp_path: Path) -> None:
    """The real `kiosk run`, in a fresh process, with one more module required than this
    installation has: it must exit 3 with the reason on stderr and in the log. Without the
    check it would open its window and run until the timeout (a failure too)."""
    code = (
        "import sys\n"
        "from kiosk.bridge import engine\n"
        "engine.REQUIRED_QML_MODULES += ('QtQuick.Particles.Gone',)\n"
        "from kiosk.cli import main\n"
        "sys.exit(main(['run', '--size', '640x480']))\n"
    )
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"), HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 3, result.stderr
    assert "QtQuick.Particles.Gone" in result.stderr
    assert "reinstall the kiosk" in result.stderr
    logs = list((tmp_path / "state").rglob("kiosk.log"))
    assert logs, "no log file written"
    log = logs[0].read_text(encoding="utf-8")
    assert "CRITICAL" in log and "QtQuick.Particles.Gone" in log


def test_first_frame_hook_opens_home_prints_the_time_and_quits(tmp_path: Path) -> None:
    """KIOSK_EXIT_AT_FIRST_FRAME=1 is what bench/startup.py and bench/dist.py time."""
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"), HOME=str(tmp_path))
    env[engine.FIRST_FRAME_ENV] = "1"
    result = subprocess.run([sys.executable, "-m", "kiosk"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    stamps = [line for line in result.stdout.splitlines() if line.startswith("FIRST_FRAME ")]
    assert len(stamps) == 1
    assert float(stamps[0].split()[1]) > 1.7e9  # a Unix time


def test_first_frame_hook_reports_every_stage_the_benchmarks_know(tmp_path: Path) -> None:
    """The STARTUP_STAGES line bench/startup.py and bench/dist.py turn into a breakdown:
    every stage from the launch to the first frame, each named in bench/startup_stages.py."""
    import importlib.util
    import time

    spec = importlib.util.spec_from_file_location("startup_stages", QML.parents[1] / "bench" / "startup_stages.py")
    assert spec and spec.loader
    startup_stages = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(startup_stages)
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"), HOME=str(tmp_path))
    env[engine.FIRST_FRAME_ENV] = "1"
    launched = time.time()
    result = subprocess.run([sys.executable, "-m", "kiosk"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    report = startup_stages.parse(result.stdout)
    assert report is not None
    stages = startup_stages.stages(launched, report)
    names = [name for name, _ms, _cpu in stages]
    assert names[-1] == "first frame"
    assert {"kiosk.app imported", "content loaded", "fonts", "QML loaded"} <= set(names)
    assert [name for name in names if name not in startup_stages.GROUPS] == []
    first_frame = float(next(line for line in result.stdout.splitlines() if line.startswith("FIRST_FRAME ")).split()[1])
    assert abs(sum(ms for _name, ms, _cpu in stages) - (first_frame - launched) * 1000) < 5
    summary = startup_stages.summary([stages])
    assert "other" not in summary["by_group_ms"]
