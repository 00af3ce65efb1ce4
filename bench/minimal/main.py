"""The smallest Qt Quick app: a window with a rectangle and a line of text.

A yardstick for bench/dist.py: frozen with bench/minimal/minimal.spec (the same PyInstaller
options and trimming as the kiosk), it shows what Python + Qt Quick alone cost in size and
launch time, so the kiosk's own share is visible. With KIOSK_EXIT_AT_FIRST_FRAME=1 it
prints `FIRST_FRAME <unix time>` at its first frame and quits, like the kiosk.
"""

import os
import sys
import time

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

QML = b"""
import QtQuick

Window {
    width: 1920
    height: 1080
    visible: true
    color: "#1b1b1b"
    Rectangle { anchors.centerIn: parent; width: 400; height: 200; radius: 16; color: "#c0583f" }
    Text { anchors.centerIn: parent; text: "Base 11/19"; color: "white"; font.pixelSize: 48 }
}
"""


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    engine.loadData(QML)
    window = engine.rootObjects()[0] if engine.rootObjects() else None
    if not isinstance(window, QQuickWindow):
        print("minimal: the QML did not load", file=sys.stderr)
        return 3
    if os.environ.get("KIOSK_EXIT_AT_FIRST_FRAME") == "1":

        def first_frame() -> None:
            window.frameSwapped.disconnect(first_frame)
            print(f"FIRST_FRAME {time.time():.6f}", flush=True)
            QCoreApplication.quit()

        window.frameSwapped.connect(first_frame)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
