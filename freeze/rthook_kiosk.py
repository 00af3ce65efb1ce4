"""PyInstaller run-time hook of the frozen kiosk (runs before kiosk/__main__.py).

The QML is compiled when the executable is built: each `.qml` has its byte code beside it
(`.qmlc`, freeze/qmlc.py), which the QML engine reads instead of compiling, as it reads the
compiled code of Qt's own modules. A one-file kiosk unpacks itself into a new temporary
folder at every launch, and Qt's QML disk cache names its files after each QML file's full
path: a cache written there would never be read again, and would grow in the user's cache
folder for as long as the exhibition runs. One-file builds therefore read compiled QML but
never write a cache (QML_DISK_CACHE=aot,qmlc-read). The one-folder build keeps Qt's default:
its paths do not change.

Qt's own places (in place of PyInstaller's PySide6 run-time hook, which build.spec leaves
out, see freeze/kiosk_trim.py: `drop_runtime_hooks`): Qt's plugins and QML modules are
looked for in the unpacked folder, as PyInstaller's hook sets them. That hook also imported
PySide6.QtCore at once in every process of the executable, only to check that PySide6 had
made its own qt.conf (PySide6's wheels do, when QtCore is first imported): the supervisor,
which never uses Qt, paid for loading Qt at every launch.

With the benchmarks' hook set (KIOSK_EXIT_AT_FIRST_FRAME=1), each process of a launch (the
supervisor, then the exhibit) notes when it reached Python in KIOSK_STARTUP_STAMPS, which
its children inherit: kiosk/startuptimes.py reports them beside the exhibit's own stages.
"""

import os
import sys
import time
from pathlib import Path

if os.environ.get("KIOSK_EXIT_AT_FIRST_FRAME") == "1":
    _stamps = os.environ.get("KIOSK_STARTUP_STAMPS")
    _stamp = f"python={time.time():.6f}"
    os.environ["KIOSK_STARTUP_STAMPS"] = f"{_stamps};{_stamp}" if _stamps else _stamp

_unpacked = Path(getattr(sys, "_MEIPASS", "."))
_qt = _unpacked / "PySide6" if sys.platform == "win32" else _unpacked / "PySide6" / "Qt"
os.environ["QT_PLUGIN_PATH"] = str(_qt / "plugins")
os.environ["QML2_IMPORT_PATH"] = str(_qt / "qml")
if sys.platform == "win32":  # as PyInstaller's hook: Qt finds the DLLs collected beside it
    os.environ["PATH"] = os.pathsep.join(filter(None, (str(_unpacked), os.environ.get("PATH"))))

if _unpacked.name.startswith("_MEI") and _unpacked.parent != Path(sys.executable).parent:
    os.environ.setdefault("QML_DISK_CACHE", "aot,qmlc-read")
