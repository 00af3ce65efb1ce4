"""A section's introduction beside its picture: the picture's width leaves room under it for
its credit, which wraps to that width. Read from the credit itself, that height made a
binding loop (logged by SectionIntro.qml), seen on a tall screen with every mode on, where
reach mode leaves a wide, low band and the introduction lays its picture beside the text."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from kiosk.bridge.scenetools import wait_still
from tests.helpers.scene import settle, shown


def test_the_picture_beside_the_text_without_a_binding_loop(make_scene) -> None:
    """Any QML warning fails the test (qt_log_level_fail): the loop did, in each language."""
    scene = make_scene(size=(1080, 1920), start_screen="home")
    assert scene.accessibility is not None
    scene.accessibility.set_modes(["larger_text", "high_contrast", "reach", "less_motion"])
    kiosk = scene.kiosk
    for language in ("fr", "en", "nl"):
        kiosk.setLanguage(language)
        for index in range(kiosk.sectionCount):
            kiosk.openSection(index)
            kiosk.openDetail("about")
            settle(scene)
            wait_still(scene.window, timeout_ms=300)
            picture = shown(scene, "introPicture")
            intro = picture.parentItem()
            assert intro.width() > intro.height(), "the reach band: wider than high, the picture beside"
            assert 0 < picture.width() <= intro.width() * 0.46 + 1
            credit = shown(scene, "introCredit")
            bottom = credit.mapToItem(intro, QPointF(0, credit.height())).y()
            assert bottom <= intro.height() + 1, f"{kiosk.section(index).kind}: the credit fits under the picture"
            kiosk.closeDetail()
