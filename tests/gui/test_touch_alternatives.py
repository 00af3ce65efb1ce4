"""No gesture is the only way, on the timeline and the map (issue #18, WCAG 2.5.1): the + and
− buttons do what a pinch does, Earlier and Later what a fling does, each by a real touch,
and each is faint and deaf at its end."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QAccessible, QColor, QImage
from PySide6.QtQuick import QQuickItem

from kiosk.bridge.engine import Scene
from kiosk.bridge.scenetools import find_item, wait_still, wait_until
from kiosk.bridge.screenaudit import audit_window
from tests.helpers.audit import audit_problems
from tests.helpers.scene import settle, shown

Tap = Callable[..., None]
ROLE = QAccessible.Role


def open_section(make_scene: Callable[..., Scene], kind: str, **options: object) -> Scene:
    scene = make_scene(start_screen="home", **options)
    row = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == kind)
    scene.kiosk.openSection(row)
    settle(scene)
    return scene


def is_on(button: QQuickItem) -> bool:
    return bool(button.property("enabled")) and button.opacity() == 1


def test_earlier_and_later_move_the_strip_by_most_of_a_screen_and_stop_at_the_ends(make_scene, tap: Tap, qtbot) -> None:
    scene = open_section(make_scene, "timeline")
    view, track = shown(scene, "timelineView"), shown(scene, "timelineTrack")
    earlier, later = shown(scene, "earlierButton"), shown(scene, "laterButton")
    for button in (earlier, later):
        assert button.height() >= 64 and button.width() >= 64, "a target a finger finds at 1080p"
    # The story opens at its start: nothing earlier.
    assert track.property("contentX") == 0
    assert not is_on(earlier) and is_on(later)
    tap(scene.window, earlier)
    settle(scene)
    assert track.property("contentX") == 0, "a faint button does nothing"

    last = view.property("maxContentX")
    positions = [0.0]
    while is_on(later):
        tap(scene.window, later)
        qtbot.waitUntil(lambda: not track.property("moving") and not view.property("atStart"), timeout=3000)
        qtbot.waitUntil(lambda: abs(track.property("contentX") - view.property("heading")) < 0.5, timeout=3000)
        positions.append(track.property("contentX"))
        assert len(positions) < 50, "Later never reaches the end"
    steps = [b - a for a, b in itertools.pairwise(positions)]
    assert all(abs(s - track.width() * 0.8) <= 1 for s in steps[:-1]), steps
    assert 0 < steps[-1] <= track.width() * 0.8 + 1
    assert abs(positions[-1] - last) <= 1 and not is_on(later) and is_on(earlier)

    tap(scene.window, earlier)
    qtbot.waitUntil(lambda: abs(track.property("contentX") - (last - track.width() * 0.8)) <= 1, timeout=3000)
    assert is_on(later)


def test_zoom_buttons_zoom_by_touch_and_stop_at_the_closest_and_farthest(make_scene, tap: Tap) -> None:
    scene = open_section(make_scene, "map")
    view = shown(scene, "mapView")
    zoom_in, zoom_out = shown(scene, "zoomIn"), shown(scene, "zoomOut")
    for button in (zoom_in, zoom_out):
        assert button.height() >= 64 and button.width() >= 64
    assert wait_until(lambda: not view.property("zooming"))

    def touch(button: QQuickItem) -> None:
        before = view.property("zoom")
        tap(scene.window, button)
        assert wait_until(lambda: view.property("zooming") or view.property("zoom") != before)
        assert wait_until(lambda: not view.property("zooming"))

    for _ in range(10):
        if not is_on(zoom_in):
            break
        before = view.property("zoom")
        touch(zoom_in)
        assert view.property("zoom") > before
    assert view.property("zoom") == view.property("maxZoom") and not is_on(zoom_in) and is_on(zoom_out)
    tap(scene.window, zoom_in)
    settle(scene)
    assert view.property("zoom") == view.property("maxZoom")

    for _ in range(10):
        if not is_on(zoom_out):
            break
        before = view.property("zoom")
        touch(zoom_out)
        assert view.property("zoom") < before
    assert view.property("zoom") == view.property("minZoom") and not is_on(zoom_out) and is_on(zoom_in)
    # The whole map again, the way it opened: a button too.
    tap(scene.window, shown(scene, "resetButton"))
    assert wait_until(lambda: not view.property("zooming"))
    assert view.property("zoom") > view.property("minZoom")


# -- high contrast: not colour alone ---------------------------------------------------


def shape_of(image: QImage, glass: QPoint, r: float, fill: QColor) -> str:
    """Which symbol is drawn around `glass`, from whether its fill reaches the upper-left
    and the lower-left of the square the symbol stands in."""

    def filled(dx: float, dy: float) -> bool:
        colour = image.pixelColor(glass + QPoint(round(dx * r), round(dy * r)))
        return all(abs(a - b) <= 40 for a, b in zip(colour.getRgb()[:3], fill.getRgb()[:3], strict=True))

    assert filled(0, 0)
    return {(True, True): "square", (False, True): "triangle", (False, False): "round"}.get(
        (filled(-0.8, -0.7), filled(-0.8, 0.7)), "?"
    )


def test_in_high_contrast_each_kind_of_marker_has_its_own_shape(make_scene) -> None:
    scene = make_scene(start_screen="home")
    assert scene.accessibility is not None
    scene.accessibility.set_modes(["high_contrast"])
    row = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == "map")
    scene.kiosk.openSection(row)
    settle(scene)
    view, flick = shown(scene, "mapView"), shown(scene, "mapFlick")
    map_ = scene.kiosk.section(row).controller
    assert wait_until(lambda: map_.level > 0 and not view.property("zooming") and not view.property("mediaLoading"))
    settle(scene)
    image = scene.window.grabWindow()
    r = view.property("markerSize") / 2
    frame = flick.mapRectToScene(flick.boundingRect())
    fills = {
        "terril": QColor(map_._style.terril),
        "shaft": QColor(map_._style.shaft),
        "place": QColor(map_._style.place),
    }
    assert QColor(map_._style.shaft) == QColor("#ffd23f"), "drawn with the high-contrast palette"
    shapes: dict[str, set[str]] = {kind: set() for kind in fills}
    for s in map_.shown():
        if s.kind not in fills or s.here:
            continue
        glass = flick.mapToScene(QPointF(s.x - flick.property("contentX"), s.y - flick.property("contentY"))).toPoint()
        if not frame.adjusted(2 * r, 2 * r, -2 * r, -2 * r).contains(QPointF(glass)):
            continue
        shapes[s.kind].add(shape_of(image, glass, r, fills[s.kind]))
    assert shapes == {"terril": {"triangle"}, "shaft": {"square"}, "place": {"round"}}
    # The layer buttons, their legend: each marker layer shows its shape, hollow when off.
    assert shown(scene, "layer-terril").property("text").startswith("▲")
    assert shown(scene, "layer-shaft").property("text").startswith("■")
    assert shown(scene, "layer-place").property("text").startswith("●")


# -- larger text and every mode: nothing cut, nothing over anything -----------------------

SCREENS = "timeline,timeline-detail,map,map-profile,map-detail"


@pytest.mark.slow
@pytest.mark.parametrize(("size", "modes"), [("1280x720", "larger_text"), ("1080x1920", "larger_text")])
def test_the_timeline_and_map_pass_the_audit_in_larger_text(size: str, modes: str, tmp_path: Path) -> None:
    """`kiosk snapshot --audit --a11y larger_text` on the timeline's and the map's screens,
    in every language: the text 1.4 times larger re-flows, nothing is cut or overlaps."""
    _code, lines = audit_problems(tmp_path, "--size", size, "--screens", SCREENS, "--a11y", modes)
    assert not lines, f"{len(lines)} problem(s) at {size}:\n" + "\n".join(lines[:60])


@pytest.mark.slow
def test_every_mode_on_a_tall_screen_the_crowded_screens_pass_the_audit(tmp_path: Path) -> None:
    """Reach mode on a 1080x1920 screen leaves a wide, low band. The screens that crowded in
    it (79 problems in all: the heights and depths, the method's figures running into their
    labels, an opened event's title cut) now stack and scroll, in every language."""
    screens = "timeline-detail,map-profile,pillars,pillars-detail"
    _code, lines = audit_problems(tmp_path, "--size", "1080x1920", "--screens", screens, "--a11y", "all")
    assert not lines, f"{len(lines)} problem(s):\n" + "\n".join(lines[:60])


def test_every_mode_at_720p_on_the_timeline_and_map_cuts_nothing_and_keeps_their_buttons_in_reach(
    make_scene,
) -> None:
    """The issue's bad input, every mode at once on the smallest screen, for the screens
    tests/gui/test_accessibility.py leaves to this file: the timeline (and an event), the map
    (its profile, a marker's card). The drawing and the event scroll in the slit the reach
    band leaves; Earlier, Later, + and − are within reach."""
    scene = make_scene(size=(1280, 720), start_screen="home")
    assert scene.accessibility is not None
    scene.accessibility.set_modes(["larger_text", "high_contrast", "reach", "less_motion"])
    band_top = scene.window.height() * (1 - scene.accessibility.property("reachShare"))
    kiosk = scene.kiosk

    def check(screen: str, controls: tuple[str, ...]) -> None:
        settle(scene)
        wait_still(scene.window, timeout_ms=500)
        settle(scene)
        for name in controls:
            control = shown(scene, name)
            rect = control.mapRectToScene(control.boundingRect())
            assert rect.top() >= band_top - 1 and rect.bottom() <= scene.window.height() + 1, f"{screen}: {name}"
        found = audit_window(scene.window, screen, kiosk.language)
        assert not found, "\n".join(finding.line() for finding in found)

    kinds = [kiosk.section(i).kind for i in range(kiosk.sectionCount)]
    for language in ("fr", "nl"):
        kiosk.setLanguage(language)
        kiosk.openSection(kinds.index("timeline"))
        kiosk.closeDetail()
        check("timeline", ("earlierButton", "laterButton"))
        kiosk.openDetail(kiosk.section(kinds.index("timeline")).controller.idAt(1))
        check("timeline-detail", ())
        # The event's card scrolls in the slit, its buttons at its end.
        sheet = shown(scene, "eventSheet")
        assert sheet.property("interactive")
        sheet.setProperty("contentY", sheet.property("contentHeight") - sheet.height())
        check("timeline-detail", ("eventClose", "eventNext"))
        kiosk.openSection(kinds.index("map"))
        kiosk.closeDetail()
        check("map", ("zoomIn", "zoomOut"))
        kiosk.openDetail("profile")
        check("map-profile", ())
        assert shown(scene, "mapProfileFlick").property("interactive"), "the drawing scrolls in the slit"
        kiosk.closeDetail()
        kiosk.openDetail("puits-11")
        check("map-detail", ("markerClose",))


# -- screen readers ----------------------------------------------------------------------


def spoken(scene: Scene, name: str) -> tuple[QAccessible.Role, str]:
    interface = QAccessible.queryAccessibleInterface(shown(scene, name))
    assert interface is not None, name
    return interface.role(), interface.text(QAccessible.Text.Name)


def test_a_screen_reader_names_the_timeline_and_map_controls_in_the_visitors_language(make_scene, tap: Tap) -> None:
    scene = open_section(make_scene, "map")
    kiosk = scene.kiosk
    kiosk.setLanguage("nl")
    settle(scene)
    assert spoken(scene, "zoomIn") == (ROLE.Button, "Inzoomen")
    assert spoken(scene, "zoomOut") == (ROLE.Button, "Uitzoomen")
    assert spoken(scene, "mapFlick") == (ROLE.Pane, "Kaart van de terrils, schachten en plekken")
    assert spoken(scene, "scaleBar")[0] == ROLE.StaticText
    # Each marker drawn in the tiles has a button a screen reader finds, named as on the map.
    assert spoken(scene, "spokenMarker-puits-11") == (ROLE.Button, "Schacht nr.\u00a011")
    assert spoken(scene, "spokenMarker-terril-74")[1].endswith("geschatte plaats")
    # A layer is a check box, checked while on.
    layer = QAccessible.queryAccessibleInterface(shown(scene, "layer-terril"))
    assert (layer.role(), layer.text(QAccessible.Text.Name), layer.state().checked) == (ROLE.CheckBox, "Terrils", 1)
    tap(scene.window, shown(scene, "layer-terril"))
    settle(scene)
    assert not QAccessible.queryAccessibleInterface(shown(scene, "layer-terril")).state().checked
    hidden = find_item(scene.window, "spokenMarker-terril-74")
    assert hidden is not None and not hidden.isVisible(), "a marker of a layer turned off is not read"
    kiosk.openDetail("profile")
    settle(scene)
    assert spoken(scene, "profile-puits-11") == (ROLE.Button, "Schacht nr.\u00a011, 852 m")

    kiosk.setLanguage("fr")
    kiosk.openSection(next(i for i in range(kiosk.sectionCount) if kiosk.section(i).kind == "timeline"))
    settle(scene)
    assert spoken(scene, "earlierButton") == (ROLE.Button, "Plus tôt")
    assert spoken(scene, "laterButton") == (ROLE.Button, "Plus tard")
    assert spoken(scene, "timelineTrack") == (ROLE.Pane, "Frise chronologique")
    assert spoken(scene, "eraChip-village") == (ROLE.Button, "Le village paysan")


def test_with_every_mode_on_a_tall_screen_the_era_chips_keep_one_row_and_the_track_its_room(make_scene) -> None:
    """Reach mode on a tall screen leaves a wide, short page: the four era chips wrapped onto
    four rows beside the arrows and left the track a sliver without a card. They now stay on
    one row that scrolls sideways, and a chip reached by keys is brought into view."""
    scene = make_scene(size=(1080, 1920), start_screen="home")
    assert scene.accessibility is not None
    scene.accessibility.set_modes(["larger_text", "high_contrast", "reach", "less_motion"])
    kiosk = scene.kiosk
    kiosk.setLanguage("en")
    kiosk.openSection([kiosk.section(i).kind for i in range(kiosk.sectionCount)].index("timeline"))
    settle(scene)
    wait_still(scene.window, timeout_ms=500)
    row = shown(scene, "eraChipRow")
    chip = shown(scene, "eraChip-village")
    assert row.height() < chip.height() * 1.5, "one row of chips"
    assert row.property("interactive"), "the row is longer than its room: it scrolls"
    track = shown(scene, "timelineTrack")
    assert track.height() > chip.height() * 3, f"the track keeps room for its cards ({track.height():.0f} px)"
    last = shown(scene, "eraChip-transition")
    last.forceActiveFocus()
    settle(scene)
    left = last.mapToItem(row, 0, 0).x()
    # Its start is in view, and all of it when it fits (in larger text the longest chip is
    # about as wide as the row).
    assert -1 <= left <= max(0, row.width() - last.width()) + 1, f"a focused chip is scrolled into view ({left:.0f})"


def test_with_every_mode_on_a_tall_screen_the_heights_and_depths_stand_upright_and_scroll(make_scene) -> None:
    """Reach mode on a tall screen gives the heights-and-depths drawing a wide, low band: side
    by side, its fifteen columns were narrower than their figures in larger text, which ran
    over each other and over the note (some 25 overlaps a language). The drawing now stands
    upright there, each figure aside, and scrolls; the cones below the band stay inside it."""
    scene = make_scene(size=(1080, 1920), start_screen="home")
    assert scene.accessibility is not None
    scene.accessibility.set_modes(["larger_text", "high_contrast", "reach", "less_motion"])
    kiosk = scene.kiosk
    kiosk.setLanguage("nl")
    kiosk.openSection([kiosk.section(i).kind for i in range(kiosk.sectionCount)].index("map"))
    kiosk.openDetail("profile")
    settle(scene)
    wait_still(scene.window, timeout_ms=500)
    settle(scene)
    drawing, flick = shown(scene, "mapProfile"), shown(scene, "mapProfileFlick")
    assert flick.width() > flick.height(), "a wide, low band"
    assert drawing.property("crowded") and drawing.property("upright")
    assert flick.property("interactive"), "the drawing scrolls in the band"
    found = audit_window(scene.window, "map-profile", kiosk.language)
    assert not found, "\n".join(finding.line() for finding in found)
