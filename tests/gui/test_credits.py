"""The credits page, as a visitor sees it: sources grouped under headings in their language,
readable titles and publishers, each picture credit once, laid out for the screen's shape."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk.bridge.scenetools import find_items, visible_in_scene
from tests.helpers.scene import item, settle

Tap = Callable[..., None]

HEADINGS = {
    "fr": ["L’histoire de la ville", "Le blason", "Terrils et puits", "La méthode Loos", "Images"],
    "en": ["The town’s history", "The coat of arms", "Slag heaps and shafts", "The Loos method", "Pictures"],
    "nl": ["De geschiedenis van de stad", "Het stadswapen", "Terrils en schachten", "De Loos-methode", "Beelden"],
}


def visible(scene, name: str):
    found = [i for i in find_items(scene.window, name) if visible_in_scene(i)]
    assert found, f"no visible {name}"
    return found[0]


def headings(scene) -> list[str]:
    return [h.property("text") for h in find_items(scene.window, "creditsHeading") if h.isVisible()]


def test_group_headings_follow_the_language_the_visitor_taps(make_scene: Callable, tap: Tap) -> None:
    scene = make_scene(start_screen="home")
    tap(scene.window, visible(scene, "creditsButton"))
    settle(scene)
    assert scene.kiosk.screen == "credits"
    shown = headings(scene)
    for heading in HEADINGS["fr"]:
        assert heading in shown, f"missing heading {heading!r} in French"
    for code in ("en", "nl"):
        tap(scene.window, visible(scene, f"language-{code}"))
        settle(scene)
        assert scene.kiosk.language == code
        shown = headings(scene)
        for heading in HEADINGS[code]:
            assert heading in shown, f"missing heading {heading!r} in {code}"
        other = "fr" if code != "fr" else "en"
        assert not set(HEADINGS[other][:4]) & set(shown), f"headings of {other} left on the {code} page"


def test_sources_show_titles_and_publishers_not_notes(make_scene: Callable) -> None:
    scene = make_scene(start_screen="home")
    scene.kiosk.openCredits()
    settle(scene)
    texts = [t.property("text") for t in find_items(scene.window, "creditsEntry")]
    assert "Son histoire" in texts, "a source is shown by its title"
    for text in texts:
        lowered = text.lower()
        assert "mirror" not in lowered and "copy of" not in lowered, text
        assert not lowered.startswith(("http", "www.")), f"a raw address: {text}"
    pictures = [t for t in texts if t.startswith("Illustration")]
    assert len(pictures) == len(set(pictures)) == 1, "each picture credit is listed once"


@pytest.mark.parametrize(("size", "columns"), [((1920, 1080), 3), ((1280, 720), 3), ((1080, 1920), 1)])
def test_columns_suit_the_screen(make_scene: Callable, size: tuple[int, int], columns: int) -> None:
    scene = make_scene(start_screen="home", size=size)
    scene.kiosk.openCredits()
    settle(scene)
    page = item(scene, "creditsPage")
    assert page.property("columnCount") == columns
    entries = [e for e in find_items(scene.window, "creditsEntry") if e.isVisible()]
    lefts = {round(e.mapToScene(e.boundingRect().topLeft()).x()) for e in entries}
    assert len(lefts) == columns, f"entries start at {sorted(lefts)}"
    right = scene.window.width()
    for entry in entries:
        assert entry.mapToScene(entry.boundingRect().topRight()).x() <= right, entry.property("text")
        assert not entry.property("truncated"), entry.property("text")
