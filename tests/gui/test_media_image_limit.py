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

    def textureFactory(self) -> QQuickTextureFactory:
        return QQuickTextureFactory.textureFactoryForImage(None)  # pragma: no cover - never asked


class _StuckProvider(QQuickAsyncImageProvider):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []
        self.responses: list[_NeverDone] = []

    def requestImageResponse(self, image_id: str, requested_size: object) -> QQuickImageResponse:
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
def test_a_picture_stuck_in_its_decoder_is_given_up_and_said(qtbot, qtlog) -> None:
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


def test_an_exhibit_whose_drawing_was_refused_shows_the_rest_and_never_starts_it(
    tmp_path, monkeypatch, qtbot, _fonts, caplog
) -> None:
    """A folder copied in without validation, with a drawing too slow to draw: the start-up
    preparation refuses it, the home screen shows every other picture and settles."""
    import logging
    import shutil

    from kiosk.bridge import engine
    from kiosk.bridge.scenetools import settled, walk
    from kiosk.content import svgtrial
    from kiosk.content.loader import load_exhibit
    from kiosk.services.picturecache import ensure_exhibit
    from tests.helpers.scene import CALM  # the suite's calm idle policy

    folder = tmp_path / "content"
    shutil.copytree(qml_dir().parent / "content" / "starter", folder)
    exhibit, report = load_exhibit(folder, thorough=False)  # what the kiosk does when it starts
    assert exhibit is not None, report.errors
    svgtrial.forget()
    monkeypatch.setattr(svgtrial, "TIME_LIMIT_S", 0.001)
    monkeypatch.setattr(
        svgtrial.Trials,
        "judge",
        lambda self, pictures, judge=svgtrial.Trials.judge: judge(
            self, {p: b for p, b in dict(pictures).items() if p.name == "paysage.svg"}
        ),
    )  # only the landscape is too slow; the arms are not tried (never tried: shown)
    summary = ensure_exhibit(exhibit, workers=0, folder=tmp_path / "cache")
    assert [line.split(": ")[0] for line in summary.refused] == [str(folder / "media" / "paysage.svg")]

    with caplog.at_level(logging.ERROR, logger="kiosk.content.svgtrial"):
        scene = engine.build_scene(exhibit, [], policy=CALM, start_screen="home")
        try:
            qtbot.waitUntil(lambda: settled(scene.window), timeout=10000)
            sources = [
                str(i.property("source").toString())
                for i in walk(scene.window.contentItem())
                if i.property("mediaLoading") is not None and i.property("source") is not None
            ]
            assert not any("paysage.svg" in source for source in sources), sources
            model = scene.kiosk.sections
            [role] = [role for role, name in model.roleNames().items() if bytes(name.data()) == b"illustration"]
            illustrations = [model.data(model.index(row, 0), role) for row in range(model.rowCount())]
            # timeline and pillars show the refused landscape: empty frames; the arms are shown
            assert [url.split("?")[0].rsplit("/", 1)[-1] for url in illustrations] == ["", "blason.svg", "", ""], (
                illustrations
            )
        finally:
            scene.close()
    said = [r.getMessage() for r in caplog.records if "is not shown" in r.getMessage()]
    assert len(said) == 1 and "paysage.svg" in said[0]
