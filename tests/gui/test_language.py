"""The language switch, on every screen, re-renders texts in place."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk.bridge.scenetools import find_items, visible_in_scene
from tests.helpers.content import intro_content
from tests.helpers.scene import settle

Tap = Callable[..., None]


def visible(scene, name: str):
    found = [i for i in find_items(scene.window, name) if visible_in_scene(i)]
    assert found, f"no visible {name}"
    return found[0]


def test_switch_is_labelled_with_language_names(make_scene: Callable) -> None:
    scene = make_scene(start_screen="home")
    labels = [visible(scene, f"language-{code}").property("text") for code in ("fr", "en", "nl")]
    assert labels == ["Français", "English", "Nederlands"]
    for code in ("fr", "en", "nl"):
        assert visible(scene, f"language-{code}").height() >= 64


@pytest.mark.parametrize("screen", ["attract", "home", "section"])
def test_switching_language_on_each_screen(make_scene: Callable, tap: Tap, screen: str, tmp_path) -> None:
    content = intro_content(tmp_path)
    scene = make_scene(content, start_screen="home" if screen != "attract" else "attract")
    if screen == "section":
        scene.kiosk.openSection(2)  # the map, reduced to its introduction here
        settle(scene)
    french_title = scene.kiosk.title
    tap(scene.window, visible(scene, "language-en"))
    assert scene.kiosk.language == "en"
    assert scene.kiosk.title != french_title
    if screen == "section":
        # Same place, new words.
        assert (scene.kiosk.screen, scene.kiosk.sectionIndex) == ("section", 2)
        settle(scene)
        title = visible(scene, "sectionTitle")
        assert title.property("text") == scene.kiosk.section(2).title
        tap(scene.window, visible(scene, "language-nl"))
        assert title.property("text") == scene.kiosk.section(2).title
        assert scene.kiosk.language == "nl"
    elif screen == "attract":
        # A language choice on the attract screen also brings the visitor in.
        assert scene.kiosk.screen == "home"


def test_home_tiles_follow_the_language(make_scene: Callable, tap: Tap) -> None:
    scene = make_scene(start_screen="home")
    model = scene.kiosk.sections
    before = [model.value(row, "title") for row in range(model.rowCount())]
    tap(scene.window, visible(scene, "language-nl"))
    after = [model.value(row, "title") for row in range(model.rowCount())]
    assert before != after
    tile = visible(scene, f"tile-{model.value(0, 'kind')}")
    assert tile.property("title") == after[0]


def test_the_attract_screen_speaks_one_language_at_a_time(make_scene: Callable, tap: Tap, qtbot, tmp_path) -> None:
    """Title, the timeline's postcards and the invitation are in one language, and all move
    on to the next together; a touch enters the exhibit in the language being shown."""
    from tests.helpers.content import copy_content

    content = copy_content(tmp_path, lambda text: text.replace("slide_seconds: 9", "slide_seconds: 3"))
    scene = make_scene(content)
    kiosk = scene.kiosk
    timeline = kiosk.tour
    codes = [entry["code"] for entry in kiosk.languages]

    def words() -> tuple[str, str, str]:
        first_card = next(t for t in find_items(scene.window, "tourTitle"))
        return (
            visible(scene, "attractTitle").property("text"),
            first_card.property("text"),
            visible(scene, "attractInvitation").property("text"),
        )

    def expected(code: str) -> tuple[str, str, str]:
        first = timeline.tour(24)[0]["eventId"]
        return (kiosk.title, timeline.item_title(first, code), kiosk.attractInvitations[codes.index(code)])

    assert kiosk.language == codes[0]
    first = words()
    assert first == expected(codes[0])
    qtbot.waitUntil(lambda: kiosk.language == codes[1], timeout=6000)
    assert words() == expected(codes[1]), "everything changed language together"
    assert all(now != before for now, before in zip(words(), first, strict=True))
    tap(scene.window, visible(scene, "attractTitle"))
    assert (kiosk.screen, kiosk.language) == ("home", codes[1])


def test_a_french_title_reaches_qml_typeset_and_an_english_one_untouched(
    make_scene: Callable, tap: Tap, tmp_path
) -> None:
    """ "n° 1" never breaks across two lines in French: the kiosk puts the no-break space in;
    the English title, and a plain space typed there, stay as written."""
    from tests.helpers.content import copy_content

    content = copy_content(tmp_path)
    section = content / "map.yaml"
    section.write_text(
        section.read_text(encoding="utf-8").replace(
            '  fr: "Terrils et puits"\n  en: "Slag heaps and shafts"',
            '  fr: "Le puits n° 1 : Loos"\n  en: "Shaft n° 1: Loos"',
            1,
        ),
        encoding="utf-8",
    )
    scene = make_scene(content, start_screen="home")
    tile = visible(scene, "tile-map")
    assert tile.property("title") == "Le puits n°\u00a01\u00a0: Loos"
    tap(scene.window, visible(scene, "language-en"))
    assert tile.property("title") == "Shaft n° 1: Loos"
