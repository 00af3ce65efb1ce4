"""The coat of arms, touched like a visitor: charges, discover, glossary, links, any size."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, QPoint, QPointF, Qt

from kiosk.bridge.scenetools import find_items, visible_in_scene, wait_frames, wait_until
from kiosk.content.hotspots import Region
from kiosk.content.schema import Hotspot
from tests.helpers.content import copy_content
from tests.helpers.scene import settle
from tests.helpers.scene import shown as visible

Tap = Callable[..., None]

CHARGES = """
arms:
  path: media/blason.svg
  alt: {fr: "L’écu", en: The shield, nl: Het schild}
  credit: Équipe
  licence: CC BY 4.0
  fit: contain
charges:
  - id: lion
    name: {fr: Le lion, en: The lion, nl: De leeuw}
    meaning: {fr: La Flandre, en: Flanders, nl: Vlaanderen}
    story: {fr: "L’écu est écartelé : le lion occupe le premier champ.", en: "The shield is quartered.", nl: "x"}
    hotspot: {polygon: [[0.17, 0.042], [0.5, 0.042], [0.5, 0.4], [0.17, 0.4]]}
    related: [timeline:premiere-mention]
  - id: phoenix
    name: {fr: Le phénix, en: The phoenix, nl: De feniks}
    meaning: {fr: Renaître, en: Rebirth, nl: Wedergeboorte}
    story: {fr: "Le phénix renaît.", en: "The phoenix.", nl: "De feniks."}
    hotspot: {polygon: [[0.5, 0.042], [0.83, 0.042], [0.83, 0.4], [0.5, 0.4]]}
  - id: mine
    name: {fr: La mine, en: The mine, nl: De mijn}
    meaning: {fr: Le charbon, en: Coal, nl: Steenkool}
    story: {fr: "Pics et lampe.", en: "Picks and lamp.", nl: "Houwelen en lamp."}
    hotspot: {polygon: [[0.17, 0.4], [0.5, 0.4], [0.5, 0.79], [0.39, 0.745], [0.27, 0.68], [0.195, 0.59], [0.17, 0.5]]}
  - id: wheat
    name: {fr: Le blé, en: Wheat, nl: Koren}
    meaning: {fr: Les champs, en: Fields, nl: Velden}
    story: {fr: "Trois gerbes.", en: "Three sheaves.", nl: "Drie schoven."}
    hotspot: {polygon: [[0.5, 0.4], [0.83, 0.4], [0.83, 0.5], [0.805, 0.59], [0.73, 0.68], [0.61, 0.745], [0.5, 0.79]]}
  - id: croix
    name: {fr: La croix de guerre, en: The Croix de guerre, nl: Het oorlogskruis}
    meaning: {fr: "1920", en: "1920", nl: "1920"}
    story: {fr: "Reçue en 1920.", en: "Awarded in 1920.", nl: "In 1920."}
    hotspot: {ellipse: {cx: 0.5, cy: 0.9, rx: 0.09, ry: 0.09}}
glossary:
  - id: ecartele
    term: {fr: écartelé, en: quartered, nl: gevierendeeld}
    definition: {fr: "Divisé en quatre parts.", en: "Divided in four.", nl: "In vieren gedeeld."}
  - id: champ
    term: {fr: champ, en: field, nl: veld}
    definition: {fr: "Le fond de l’écu.", en: "The background.", nl: "De achtergrond."}
"""


@pytest.fixture
def blason_content(tmp_path: Path) -> Path:
    content = copy_content(tmp_path)
    path = content / "blason.yaml"
    text = path.read_text(encoding="utf-8")
    # Keep the introduction (everything before the curator's charges), then ours.
    intro = text.split("\narms:")[0]
    path.write_text(intro.rstrip() + "\n" + CHARGES, encoding="utf-8")
    return content


def open_blason(make_scene: Callable, content: Path, size: tuple[int, int] = (1920, 1080)):
    scene = make_scene(content, start_screen="home", size=size)
    scene.kiosk.openSection(1)
    settle(scene)
    arms = visible(scene, "armsImage")
    assert wait_until(lambda: arms.property("paintedWidth") > 0)
    return scene, arms


def scene_point(arms, x: float, y: float) -> QPoint:
    local = QPointF(
        arms.property("paintedX") + x * arms.property("paintedWidth"),
        arms.property("paintedY") + y * arms.property("paintedHeight"),
    )
    return arms.mapToScene(local).toPoint()


def inside_point(hotspot: dict) -> tuple[float, float]:
    region = Region("r", Hotspot.model_validate(hotspot))
    outline = region.outline()
    cx = sum(p[0] for p in outline) / len(outline)
    cy = sum(p[1] for p in outline) / len(outline)
    assert region.contains(cx, cy)
    return cx, cy


HOTSPOTS = {
    "lion": {"polygon": [[0.17, 0.042], [0.5, 0.042], [0.5, 0.4], [0.17, 0.4]]},
    "phoenix": {"polygon": [[0.5, 0.042], [0.83, 0.042], [0.83, 0.4], [0.5, 0.4]]},
    "mine": {
        "polygon": [[0.17, 0.4], [0.5, 0.4], [0.5, 0.79], [0.39, 0.745], [0.27, 0.68], [0.195, 0.59], [0.17, 0.5]]
    },
    "wheat": {
        "polygon": [[0.5, 0.4], [0.83, 0.4], [0.83, 0.5], [0.805, 0.59], [0.73, 0.68], [0.61, 0.745], [0.5, 0.79]]
    },
    "croix": {"ellipse": {"cx": 0.5, "cy": 0.9, "rx": 0.09, "ry": 0.09}},
}


@pytest.mark.parametrize(
    "size", [(1920, 1080), (1280, 720), (3840, 2160), (1080, 1920)], ids=["1080p", "720p", "4k", "portrait"]
)
def test_taps_inside_and_outside_each_hotspot(make_scene, blason_content, tap: Tap, size) -> None:
    scene, arms = open_blason(make_scene, blason_content, size)
    for charge_id, hotspot in HOTSPOTS.items():
        tap(scene.window, scene_point(arms, *inside_point(hotspot)))
        assert scene.kiosk.detail == charge_id, f"a tap inside {charge_id}"
        assert (
            visible(scene, "chargeName").property("text")
            == scene.kiosk.section(1).controller.chargeAt(scene.kiosk.section(1).controller.indexOf(charge_id), "fr")[
                "name"
            ]
        )
    # Outside every hotspot (the picture's corner) closes the card.
    tap(scene.window, scene_point(arms, 0.03, 0.03))
    assert scene.kiosk.detail == ""


def test_a_resize_keeps_hotspots_on_their_charges(make_scene, blason_content, tap: Tap) -> None:
    scene, arms = open_blason(make_scene, blason_content)
    before = arms.height()
    scene.window.resize(1280, 720)
    # The box shrinks (by the screen's 2/3), then the picture is fitted into it again.
    assert wait_until(
        lambda: (
            arms.height() < before * 0.8
            and arms.property("paintedWidth") <= arms.width() + 0.5
            and arms.property("paintedHeight") <= arms.height() + 0.5
        )
    )
    wait_frames(scene.window, 2)
    tap(scene.window, scene_point(arms, *inside_point(HOTSPOTS["croix"])))
    assert scene.kiosk.detail == "croix"


def test_discover_walks_through_every_charge(make_scene, blason_content, tap: Tap) -> None:
    scene, _arms = open_blason(make_scene, blason_content)
    view = visible(scene, "blasonView")
    view.setProperty("discoverInterval", 60)
    seen: list[str] = []
    scene.kiosk.detailChanged.connect(lambda: seen.append(scene.kiosk.detail))
    tap(scene.window, visible(scene, "discoverButton"))
    assert wait_until(lambda: not view.property("discovering"), timeout_ms=5000)
    assert seen == list(HOTSPOTS)


def link_point(text_item) -> QPointF | None:
    """Somewhere on the first link of a rich text (found with Text.linkAt)."""
    step = 6.0
    y = 4.0
    while y < text_item.height():
        x = 2.0
        while x < text_item.width():
            link = QMetaObject.invokeMethod(
                text_item,
                "linkAt",
                Qt.ConnectionType.DirectConnection,
                Q_RETURN_ARG(str),
                Q_ARG(float, x),
                Q_ARG(float, y),
            )
            if link:
                return QPointF(x + step / 2, y)
            x += step
        y += step
    return None


def test_a_heraldic_word_opens_the_glossary(make_scene, blason_content, tap: Tap) -> None:
    scene, _arms = open_blason(make_scene, blason_content)
    scene.kiosk.openDetail("lion")
    story = visible(scene, "chargeStory")
    point = link_point(story)
    assert point is not None, "the story has a tappable heraldic word"
    tap(scene.window, story.mapToScene(point).toPoint())
    term = visible(scene, "glossaryTerm")
    assert term.property("text") == "écartelé"
    assert visible(scene, "glossaryDefinition").property("text") == "Divisé en quatre parts."
    tap(scene.window, visible(scene, "glossaryClose"))
    assert wait_until(lambda: not visible_in_scene(find_items(scene.window, "glossaryCard")[0]))


def test_a_charge_links_to_the_timeline(make_scene, blason_content, tap: Tap) -> None:
    scene, _arms = open_blason(make_scene, blason_content)
    scene.kiosk.openDetail("lion")
    tap(scene.window, visible(scene, "link-timeline:premiere-mention"))
    assert (scene.kiosk.screen, scene.kiosk.sectionIndex, scene.kiosk.detail) == ("section", 0, "premiere-mention")


def scene_rect(item):
    return item.mapRectToScene(item.boundingRect())


@pytest.mark.parametrize("language", ["fr", "en", "nl"])
def test_portrait_puts_the_arms_on_top_then_the_buttons_then_the_text(make_scene, tap: Tap, language: str) -> None:
    """A tall screen is not the landscape layout squeezed: the arms span the width at the top,
    every charge button sits under them, the text below; nothing cut, nothing overlapping."""
    scene = make_scene(start_screen="home", size=(1080, 1920))
    tap(scene.window, visible(scene, f"language-{language}"))
    scene.kiosk.openSection(1)
    settle(scene)
    arms, buttons, text = (scene_rect(visible(scene, name)) for name in ("armsImage", "chargeButtons", "blasonText"))
    window = scene.window.width()
    assert arms.width() > window * 0.8, "the arms take the width of the screen"
    assert arms.bottom() <= buttons.top() and buttons.bottom() <= text.top(), (arms, buttons, text)
    assert text.height() > scene.window.height() * 0.2, "room to read"
    charge_buttons = [b for b in find_items(scene.window, "chargeButton-lion") if visible_in_scene(b)]
    assert charge_buttons and scene_rect(charge_buttons[0]).top() >= arms.bottom()
    for name in ("discoverButton", "chargeButton-lion", "chargeButton-croix"):
        rect = scene_rect(visible(scene, name))
        assert rect.left() >= 0 and rect.right() <= window, name
    for label in find_items(scene.window, "chargeName") + find_items(scene.window, "touchHint"):
        if visible_in_scene(label):
            assert not label.property("truncated")
    assert visible(scene, "touchHint").property("text").startswith("↑"), "the hint points up at the arms"


@pytest.mark.parametrize("language", ["fr", "en", "nl"])
def test_landscape_puts_the_arms_beside_the_text_and_the_buttons_in_one_strip(
    make_scene, tap: Tap, language: str
) -> None:
    """Landscape: arms on the left, text on the right, and the buttons in one strip under
    both, so the text has the column's whole height."""
    scene = make_scene(start_screen="home", size=(1920, 1080))
    tap(scene.window, visible(scene, f"language-{language}"))
    scene.kiosk.openSection(1)
    settle(scene)
    arms, buttons, text = (scene_rect(visible(scene, name)) for name in ("armsImage", "chargeButtons", "blasonText"))
    assert arms.right() <= text.left()
    assert arms.bottom() <= buttons.top() and text.bottom() <= buttons.top()
    tops = {
        round(scene_rect(b).top())
        for b in find_items(scene.window, "chargeButton-lion")
        + find_items(scene.window, "chargeButton-croix")
        + find_items(scene.window, "discoverButton")
        if visible_in_scene(b)
    }
    assert len(tops) == 1, "every button on one row"
