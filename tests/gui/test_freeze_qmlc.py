"""freeze/qmlc.py: the kiosk's QML compiled to byte code at build time, as the executable ships it."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers.paths import REPO

_spec = importlib.util.spec_from_file_location("qmlc", REPO / "freeze" / "qmlc.py")
assert _spec and _spec.loader
qmlc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(qmlc)

PROBE = """
import sys
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtQml import QQmlComponent, QQmlEngine
app = QCoreApplication([])
engine = QQmlEngine()
component = QQmlComponent(engine, QUrl.fromLocalFile(sys.argv[1]))
made = component.create()
print(made.property("answer") if made is not None else component.errorString())
"""


def test_byte_code_is_made_beside_each_file_in_the_work_folder_and_the_engine_reads_it(tmp_path: Path) -> None:
    source = tmp_path / "qml"
    (source / "Kiosk" / "pages").mkdir(parents=True)
    (source / "Kiosk" / "Main.qml").write_text("import QtQml\nQtObject { property int answer: 42 }\n")
    (source / "Kiosk" / "pages" / "Page.qml").write_text("import QtQml\nQtObject {}\n")
    datas = qmlc.compile_qml(source, tmp_path / "work", "kiosk/qml")
    assert sorted(datas) == [
        (str(tmp_path / "work" / "Kiosk" / "Main.qmlc"), "kiosk/qml/Kiosk"),
        (str(tmp_path / "work" / "Kiosk" / "pages" / "Page.qmlc"), "kiosk/qml/Kiosk/pages"),
    ]
    assert not list(source.rglob("*.qmlc")), "the source folder must never hold byte code"
    assert not list((tmp_path / "work").rglob("*.aotstats"))

    # Bundled as the build bundles it: each .qmlc beside its .qml. The engine then runs the
    # byte code, not the file: changed after the build, the file is not read (which is why
    # byte code is never put beside the sources of a checkout).
    bundle = tmp_path / "bundle"
    shutil.copytree(source, bundle)
    for compiled, folder in datas:
        shutil.copy(compiled, bundle / Path(folder).relative_to("kiosk/qml"))
    main = bundle / "Kiosk" / "Main.qml"
    main.write_text("import QtQml\nQtObject { property int answer: 7 }\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith("QML")}
    env.update(QML_DISK_CACHE="aot,qmlc-read", XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(main)], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == "42"
    assert not list((tmp_path / "cache").rglob("*.qmlc")), "read-only: no cache file written"


def test_every_qml_file_of_the_kiosk_compiles(tmp_path: Path) -> None:
    datas = qmlc.compile_qml(REPO / "kiosk" / "qml", tmp_path, "kiosk/qml")
    assert len(datas) == len(list((REPO / "kiosk" / "qml").rglob("*.qml")))
