"""A picture that is still not decoded after its limit is given up: the frame stays empty, no
screen waits on it, and the log says so (kiosk/qml/Kiosk/components/MediaImage.qml)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickAsyncImageProvider, QQuickImageResponse, QQuickTextureFactory

from kiosk.paths import qml_dir


class _NeverDone(QQuickImageResponse):
    """A decode that never finishes, like a reader stuck on a hostile picture."""

    def textureFactory(self) -> QQuickTextureFactory:  # noqa: N802 - Qt's name
        return QQuickTextureFactory.textureFactoryForImage(None)  # pragma: no cover - never asked


class _StuckProvider(QQuickAsyncImageProvider):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []
        self.responses: list[_NeverDone] = []

    def requestImageResponse(self, image_id: str, requested_size: object) -> QQuickImageResponse:  # noqa: N802
        self.asked.append(image_id)
        response = _NeverDone()
        self.responses.append(response)  # kept alive: Qt waits on it
        return response


QML = b"""
import QtQuick
import Kiosk

MediaImage {
    width: 200
    height: 150
    decodeLimitMs: 300
    source: "image://stuck/photo"
}
"""


@pytest.mark.qt_log_ignore("picture not shown: still not decoded after 0.3 s: image://stuck/photo")
def test_a_picture_stuck_in_its_decoder_is_given_up_and_said(qtbot, qtlog) -> None:  # noqa: ANN001
    engine = QQmlEngine()
    engine.addImportPath(str(qml_dir()))
    provider = _StuckProvider()
    engine.addImageProvider("stuck", provider)
    component = QQmlComponent(engine)
    component.setData(QML, QUrl("inline:MediaImageLimit.qml"))
    qtbot.waitUntil(lambda: component.status() != QQmlComponent.Status.Loading, timeout=5000)
    media = component.create()
    assert media is not None, component.errorString()
    try:
        qtbot.waitUntil(lambda: provider.asked == ["photo"], timeout=5000)
        assert media.property("mediaLoading") is True  # a screen waits on it while it may still come
        qtbot.waitUntil(lambda: media.property("abandoned") is True, timeout=5000)
        assert media.property("mediaLoading") is False  # no screen waits on it any more
        said = [m.message for m in qtlog.records if "picture not shown" in m.message]
        assert said == ["picture not shown: still not decoded after 0.3 s: image://stuck/photo"]

        media.setProperty("source", "image://stuck/another")  # a new picture gets its own chance
        assert media.property("abandoned") is False
        qtbot.waitUntil(lambda: provider.asked == ["photo", "another"], timeout=5000)
    finally:
        media.deleteLater()
        engine.deleteLater()
