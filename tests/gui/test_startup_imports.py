"""The exhibit imports only what its first frame needs (issue #16, "the one file starts in
<= 1.0 s"). On the morning start of an exhibition PC (the last known good copy, unchanged
since it was checked, shown from what was loaded then: kiosk/services/warmstart.py) nothing
is read or checked, so the loader and its checks, PyYAML (the interface's words are kept with
the content), Pillow (pictures are scaled behind the exhibit) and libsodium (USB bundles)
wait until they are used."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.bridge.engine import FIRST_FRAME_ENV
from kiosk.services.lastgood import LastGoodStore
from kiosk.services.swap import Intake
from kiosk.services.watch import fingerprint
from tests.helpers.content import copy_content

#: Modules the first frame of a warm start must not have imported.
DEFERRED = ("kiosk.content.loader", "kiosk.content.checks", "PIL", "nacl", "yaml")

#: Runs the `kiosk` command and, as the process ends (just after its first frame, with
#: FIRST_FRAME_ENV), prints every module it imported.
SCRIPT = """
import atexit, sys
atexit.register(lambda: print("MODULES", " ".join(sorted(sys.modules))))
from kiosk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_warm_start_imports_no_loader_yaml_pillow_or_libsodium(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    store = tmp_path / "store"
    generation = Intake(content, LastGoodStore(store)).take(fingerprint(content)).generation
    assert generation is not None
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QT_QUICK_BACKEND="software",
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        **{FIRST_FRAME_ENV: "1"},
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--content", str(content), "--lastgood", str(store), "--size", "960x540"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert any(line.startswith("FIRST_FRAME") for line in result.stdout.splitlines()), "it reached its first frame"
    modules = next(line for line in result.stdout.splitlines() if line.startswith("MODULES")).split()[1:]
    # No loader: the copy was shown from what was kept, as on a kiosk that ran before.
    imported = [name for name in modules if any(name == d or name.startswith(d + ".") for d in DEFERRED)]
    assert imported == [], f"imported before the first frame: {imported}"
