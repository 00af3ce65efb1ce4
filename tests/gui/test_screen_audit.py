"""The screen audit finds each fault a visitor would see, and nothing on look-alikes that are fine.

A small QML window holds one of each fault (an elided title, two texts over each other, a
label past the window's edge, a faint text, a text cut by a panel that does not scroll, a
label under a button) and things that must pass (a button's own label, a text that scrolls,
a text scrolled almost out of view, texts under an opaque panel, large text at 3.6:1, a card
that drifts in on purpose).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.bridge.scenetools import wait_frames, wait_until
from kiosk.bridge.screenaudit import Finding, audit_window

QML = Path(__file__).parent / "qml" / "AuditFaults.qml"


@pytest.fixture
def findings(qapp: object, _fonts: list[str]) -> list[Finding]:
    engine = QQmlApplicationEngine()
    engine.load(QUrl.fromLocalFile(str(QML)))
    window = engine.rootObjects()[0]
    assert wait_until(lambda: window.isExposed())
    wait_frames(window, 2)

    def render():
        wait_frames(window, 2)
        return window.grabWindow()

    found = audit_window(window, "faults", "en", render)
    window.close()
    engine.deleteLater()
    return found


def names(findings: list[Finding], kind: str) -> str:
    return " | ".join(f.message for f in findings if f.kind == kind)


def test_an_elided_text_is_reported(findings: list[Finding]) -> None:
    assert "(elided) is cut short" in names(findings, "truncated")


def test_two_texts_drawn_over_each_other_are_reported(findings: list[Finding]) -> None:
    overlaps = names(findings, "overlap")
    assert "(firstOfPair)" in overlaps and "(secondOfPair)" in overlaps


def test_a_text_under_a_button_is_reported(findings: list[Finding]) -> None:
    assert "(underTheButton)" in names(findings, "overlap")


def test_a_text_past_the_window_edge_is_reported(findings: list[Finding]) -> None:
    assert "(pastTheEdge) reaches past the window's edge" in names(findings, "outside")


def test_a_faint_text_is_reported_with_its_measure(findings: list[Finding]) -> None:
    contrast = names(findings, "contrast")
    assert "(faint) in #3a4048 measures 1.8:1" in contrast
    assert "needs 4.5:1" in contrast


def test_a_text_cut_by_a_panel_that_does_not_scroll_is_reported(findings: list[Finding]) -> None:
    assert "(clipped) runs past the panel that clips it" in names(findings, "cut")


def test_what_is_fine_is_not_reported(findings: list[Finding]) -> None:
    everything = " | ".join(f.message for f in findings)
    for fine in ("ownLabel", "aButton", "scrolls", "peeksIn", "covered", "alsoCovered", "bigAndDim", "drifting"):
        assert f"({fine})" not in everything and f"control {fine}" not in everything, fine


def test_findings_read_as_screen_and_language_lines(findings: list[Finding]) -> None:
    assert findings, "the fault screen has faults"
    for finding in findings:
        assert finding.line().startswith(f"faults-en: {finding.kind}: ")
        assert finding.as_dict()["screen"] == "faults"
