"""Taking a content folder in on the exhibition PC, and finding the visitor's place again."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.content.loader import load_exhibit, localized
from kiosk.services.lastgood import LastGoodStore
from kiosk.services.swap import Intake, Place, Target, can_swap_now, find_place, open_exhibition
from kiosk.services.watch import Settler, fingerprint
from tests.helpers.content import ContentFolder

KINDS = ["timeline", "blason", "map", "pillars"]
LANGUAGES = ["fr", "en", "nl"]


def title(exhibit) -> str:
    return localized(exhibit.manifest.title, "en", "fr")


def rename_title(content: ContentFolder, new: str) -> None:
    content.replace("exhibit.yaml", "  en: Base 11/19", f"  en: {new}")


# -- where the visitor is -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "kinds", "expected"),
    [
        (Place("attract", language="nl"), KINDS, Target("attract", language="nl")),
        (Place("home", language="en"), KINDS, Target("home", language="en")),
        (Place("credits", language="en"), KINDS, Target("credits", language="en")),
        (Place("section", "map", "", "en"), KINDS, Target("section", 2, "", "en")),
        # The sections were reordered: the map is found by its kind.
        (Place("section", "map", "puits-11", "en"), ["map", "timeline"], Target("section", 0, "puits-11", "en")),
        # The section is gone: home.
        (Place("section", "blason", "lion", "en"), ["timeline", "map"], Target("home", language="en")),
        # A language no longer offered: the default ("").
        (Place("home", language="de"), KINDS, Target("home")),
    ],
)
def test_find_place(place: Place, kinds: list[str], expected: Target) -> None:
    assert find_place(place, kinds, LANGUAGES, lambda index, detail: True) == expected


def test_an_item_that_is_gone_is_closed() -> None:
    place = Place("section", "timeline", "event-removed", "fr")
    assert find_place(place, KINDS, LANGUAGES, lambda index, detail: False) == Target("section", 0, "", "fr")


@pytest.mark.parametrize(
    ("screen", "ready", "forced", "now"),
    [
        ("attract", True, False, True),
        ("home", True, False, False),
        ("section", True, False, False),
        ("credits", True, False, False),
        ("section", True, True, True),  # staff pressed "reload content"
        ("attract", False, False, True),  # the error screen: nothing to interrupt
    ],
)
def test_new_content_waits_for_the_visitor_to_leave(screen: str, ready: bool, forced: bool, now: bool) -> None:
    assert can_swap_now(screen, ready, forced) is now


# -- taking a folder in ---------------------------------------------------------------------------


def test_a_valid_folder_is_copied_validated_and_shown_from_the_copy(content: ContentFolder, tmp_path: Path) -> None:
    store = LastGoodStore(tmp_path / "store")
    result = Intake(content.root, store).take(fingerprint(content.root))
    assert result.exhibit is not None and result.generation is not None
    assert result.exhibit.root == result.generation.content, "pictures are read from the copy"
    assert store.current() == result.generation


def test_an_invalid_folder_is_refused_and_changes_nothing(content: ContentFolder, tmp_path: Path, caplog) -> None:
    store = LastGoodStore(tmp_path / "store")
    good = Intake(content.root, store).take(fingerprint(content.root)).generation
    content.replace("exhibit.yaml", "default_language: fr", "default_langage: fr")
    result = Intake(content.root, store).take(fingerprint(content.root))
    assert result.exhibit is None and not result.changed_while_reading
    assert any("default_langage" in p.message for p in result.report.errors)
    assert store.current() == good
    assert sorted(p.name for p in (tmp_path / "store").iterdir()) == ["current", good.name], "no copy left over"
    assert "refused" in caplog.text and "default_langage" in caplog.text


def test_a_picture_that_only_full_decoding_finds_broken_is_refused(content: ContentFolder, tmp_path: Path) -> None:
    """Validation is full: a PNG whose pixel data is cut passes a structure check only."""
    # Sound chunks (their checksums are right) but far fewer pixels than the header says.
    content.write_png_header("media/timeline.png", 256, 256)
    assert load_exhibit(content.root, thorough=False)[0] is not None, "a structure check alone lets it through"
    result = Intake(content.root, LastGoodStore(tmp_path / "store")).take(fingerprint(content.root))
    assert result.exhibit is None
    assert any("media/timeline.png" in p.message for p in result.report.errors), result.report.errors


def test_a_folder_changing_during_the_copy_is_not_taken(content: ContentFolder, tmp_path: Path) -> None:
    def curator_saves_again(step: str) -> None:
        if step == "copied:exhibit.yaml":
            rename_title(content, "Saved again in mid-copy")

    store = LastGoodStore(tmp_path / "store", checkpoint=curator_saves_again)
    result = Intake(content.root, store).take(fingerprint(content.root))
    assert result.changed_while_reading and result.exhibit is None
    assert store.current() is None
    assert list((tmp_path / "store").iterdir()) == []


def test_an_unusable_store_falls_back_to_the_folder_itself(content: ContentFolder, tmp_path: Path, caplog) -> None:
    blocked = tmp_path / "store"
    blocked.write_text("not a folder")
    result = Intake(content.root, LastGoodStore(blocked)).take(fingerprint(content.root))
    assert result.exhibit is not None and result.exhibit.root == content.root and result.generation is None
    assert "cannot copy" in caplog.text


# -- start-up -------------------------------------------------------------------------------------


def test_first_start_takes_the_folder_in(content: ContentFolder, tmp_path: Path) -> None:
    store = LastGoodStore(tmp_path / "store")
    start = open_exhibition(content.root, store)
    assert start.exhibit is not None and start.generation == store.current()
    assert start.handled_digest == fingerprint(content.root).content().digest
    assert not start.source_pending


def test_a_first_start_on_the_exhibition_pc_does_not_wait_for_the_copy(content: ContentFolder, tmp_path: Path) -> None:
    """Issue #16: with a few hundred camera photos the copy and the full check took a minute
    before the first frame. The source opens after the quick checks; the watcher takes it in."""
    store = LastGoodStore(tmp_path / "store")
    start = open_exhibition(content.root, store, defer_intake=True)
    assert start.exhibit is not None and start.exhibit.root == content.root
    assert start.generation is None and store.current() is None, "nothing copied yet"
    assert start.handled_digest is None and start.source_pending, "the watcher takes it in"
    watched = Settler(0.0, start.handled_digest)
    assert watched.observe(fingerprint(content.root), 0.0) is None
    assert watched.observe(fingerprint(content.root), 1.0) is not None, "handed to the intake once settled"


def test_a_deferred_first_start_with_a_broken_folder_still_lists_every_problem(
    content: ContentFolder, tmp_path: Path
) -> None:
    content.replace("exhibit.yaml", "default_language: fr", "default_langage: fr")
    start = open_exhibition(content.root, LastGoodStore(tmp_path / "store"), defer_intake=True)
    assert start.exhibit is None
    assert any("default_langage" in p.message for p in start.report.errors)
    assert start.handled_digest == fingerprint(content.root).content().digest


def test_a_restart_with_the_same_folder_reuses_the_copy(content: ContentFolder, tmp_path: Path) -> None:
    store = LastGoodStore(tmp_path / "store")
    first = open_exhibition(content.root, store)
    again = open_exhibition(content.root, store)
    assert again.generation == first.generation, "no new copy"
    assert again.exhibit is not None and again.exhibit.root == first.generation.content


def test_a_start_with_an_invalid_folder_shows_the_last_good_copy(
    content: ContentFolder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    store = LastGoodStore(tmp_path / "store")
    good = open_exhibition(content.root, store).generation
    content.replace("exhibit.yaml", "default_language: fr", "default_langage: fr")
    start = open_exhibition(content.root, store)
    assert start.exhibit is not None and title(start.exhibit) == "Base 11/19"
    assert start.generation == good
    assert start.source_pending, "the watcher checks the folder (and says why it is refused)"
    assert start.handled_digest == good.source_digest
    assert "last known good" in caplog.text


def test_a_start_with_a_changed_valid_folder_shows_the_copy_first(content: ContentFolder, tmp_path: Path) -> None:
    """The window opens at once; the watcher swaps once it has checked the new folder."""
    store = LastGoodStore(tmp_path / "store")
    open_exhibition(content.root, store)
    rename_title(content, "New")
    start = open_exhibition(content.root, store)
    assert title(start.exhibit) == "Base 11/19" and start.source_pending


def test_a_start_without_any_good_copy_shows_the_error_screen(content: ContentFolder, tmp_path: Path) -> None:
    content.replace("exhibit.yaml", "default_language: fr", "default_langage: fr")
    start = open_exhibition(content.root, LastGoodStore(tmp_path / "store"))
    assert start.exhibit is None and start.generation is None
    assert any("default_langage" in p.message for p in start.report.errors)
    assert start.handled_digest == fingerprint(content.root).content().digest, "not checked again until changed"


def test_a_damaged_copy_is_replaced_by_the_folder(content: ContentFolder, tmp_path: Path, caplog) -> None:
    store = LastGoodStore(tmp_path / "store")
    damaged = open_exhibition(content.root, store).generation
    (damaged.content / "exhibit.yaml").write_text("title: [", encoding="utf-8")  # a disk fault, say
    start = open_exhibition(content.root, store)
    assert start.exhibit is not None and start.generation != damaged
    assert "cannot be shown any more" in caplog.text


def test_a_folder_deleted_before_a_new_copy_is_refused_not_fatal(content: ContentFolder, tmp_path: Path) -> None:
    """Installers often delete the old folder first: the kiosk keeps its copy and waits."""
    import shutil

    store = LastGoodStore(tmp_path / "store")
    good = Intake(content.root, store).take(fingerprint(content.root)).generation
    shutil.rmtree(content.root)
    result = Intake(content.root, store).take(fingerprint(content.root))
    assert result.exhibit is None and not result.changed_while_reading
    assert [p.message for p in result.report.errors] == [f"content folder not found: {content.root}"]
    assert store.current() == good
