"""The platform's floor for frame intervals: a trivial Flickable flung like the timeline.

On the offscreen platform with the software renderer there is no vsync: animations advance
on a 16 ms timer and each frame is drawn 5 ms after it asks for one, so intervals are
16 ms plus the change in drawing time from one frame to the next, plus whatever the other
programs on the machine take. This scene (rectangles with a word each, nothing created
while it moves) shows how regular frames can be on this machine at this moment;
`bench/timeline.py` runs it right after the real fling so both are measured alike.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

from PySide6.QtCore import Q_ARG, QByteArray, QMetaObject, Qt, QUrl
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

FLOOR_QML = b"""
import QtQuick
Window {
    width: 1920; height: 1080; visible: true; color: "#121417"
    Flickable {
        objectName: "floorTrack"
        anchors.fill: parent
        contentWidth: 200000; contentHeight: height
        flickableDirection: Flickable.HorizontalFlick
        boundsBehavior: Flickable.StopAtBounds
        maximumFlickVelocity: 6000
        Repeater {
            model: 400
            Rectangle {
                required property int index
                x: index * 500; y: 100 + (index % 5) * 150; width: 400; height: 120; color: "#1d2126"
                Text { text: "Event " + parent.index; font.pixelSize: 32; color: "#f3efe6" }
            }
        }
    }
}
"""


def fling(track: QQuickItem, seconds: float, pause: Callable[[int], None]) -> int:
    """Flick `track` at 5000 px/s every 700 ms for `seconds`, turning back at either end,
    as a restless visitor would. Returns the number of flicks."""
    direction = -1
    started = time.perf_counter()
    flicks = 0
    while time.perf_counter() - started < seconds:
        if track.property("atXEnd"):
            direction = 1
        elif track.property("atXBeginning"):
            direction = -1
        QMetaObject.invokeMethod(
            track, "flick", Qt.ConnectionType.DirectConnection, Q_ARG(float, direction * 5000.0), Q_ARG(float, 0.0)
        )
        flicks += 1
        pause(700)
    return flicks


def moving_intervals(frames: list[tuple[float, bool]]) -> tuple[list[float], list[float]]:
    """From (time, track moving) of each frame drawn: the intervals (ms) from each frame
    drawn while the track moved to the next frame, and the rests left out: from a frame
    where the track stood still (it stopped at an end and waits for the next flick, so
    there is nothing to draw) to the next frame."""
    intervals: list[float] = []
    rests: list[float] = []
    for (start, moving), (end, _) in itertools.pairwise(frames):
        (intervals if moving else rests).append((end - start) * 1000)
    return intervals, rests


def floor_intervals(seconds: float) -> tuple[list[float], list[float]]:
    """Frame intervals (ms) of the trivial scene flung for `seconds`, and its rests (see
    `moving_intervals`)."""
    from kiosk.bridge.scenetools import pause

    engine = QQmlEngine()
    component = QQmlComponent(engine)
    component.setData(QByteArray(FLOOR_QML), QUrl("floor.qml"))
    window = component.create()
    assert isinstance(window, QQuickWindow), component.errors()
    track = next(item for item in window.contentItem().childItems() if item.objectName() == "floorTrack")
    pause(300)
    frames: list[tuple[float, bool]] = []
    window.frameSwapped.connect(lambda: frames.append((time.perf_counter(), bool(track.property("moving")))))
    fling(track, seconds, pause)
    window.close()
    window.deleteLater()
    return moving_intervals(frames)
