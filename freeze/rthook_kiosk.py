"""PyInstaller run-time hook of the frozen kiosk (runs before kiosk/__main__.py).

A one-file kiosk unpacks itself into a new temporary folder at every launch. Qt's QML disk
cache names its files after each QML file's full path, so every launch would compile the
QML again AND leave a new set of cache files in the user's cache folder, which would grow
for as long as the exhibition runs. One-file builds therefore run without the QML disk
cache (measured: compiling the kiosk's QML costs no visible start-up time). The one-folder
build keeps it: its paths do not change.
"""

import os
import sys
from pathlib import Path

_unpacked = Path(getattr(sys, "_MEIPASS", "."))
if _unpacked.name.startswith("_MEI") and _unpacked.parent != Path(sys.executable).parent:
    os.environ.setdefault("QML_DISABLE_DISK_CACHE", "1")
