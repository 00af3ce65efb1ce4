"""Content taken in from elsewhere (a USB stick's bundle, unpacked): kept in the last-good store
like the watched folder's, and a restart keeps it until the watched folder itself changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.services.lastgood import LastGoodStore
from kiosk.services.swap import Intake, open_exhibition
from kiosk.services.watch import fingerprint

if TYPE_CHECKING:
    from tests.helpers.content import ContentFolder


def test_a_bundle_taken_in_survives_a_restart_until_the_watched_folder_changes(
    make_content: Callable[[str], ContentFolder], tmp_path: Path
) -> None:
    watched, stick = make_content("watched"), make_content("unpacked")
    stick.replace("exhibit.yaml", "fr: Base 11/19", "fr: Nouvelle expo")
    store = LastGoodStore(tmp_path / "store")
    first = open_exhibition(watched.root, store)
    assert first.generation is not None

    result = Intake(watched.root, store).take_other(
        stick.root, "USB stick expo.kiosk", fingerprint(watched.root).content().digest
    )
    assert result.exhibit is not None and result.generation is not None
    assert result.generation.source == "USB stick expo.kiosk"
    assert result.exhibit.root == result.generation.content

    again = open_exhibition(watched.root, store)
    assert again.generation == result.generation and not again.source_pending
    assert again.exhibit is not None and again.exhibit.manifest.title["fr"] == "Nouvelle expo"

    watched.replace("exhibit.yaml", "fr: Base 11/19", "fr: Base 11/19 (été)")
    later = open_exhibition(watched.root, store)
    assert later.generation == result.generation and later.source_pending, "the newer watched folder is taken in"


def test_an_invalid_folder_from_elsewhere_is_refused_and_the_store_unchanged(
    make_content: Callable[[str], ContentFolder], tmp_path: Path
) -> None:
    watched, broken = make_content("watched"), make_content("unpacked")
    broken.replace("exhibit.yaml", "format: 1", "format: 1\nunknown_key: 3")
    store = LastGoodStore(tmp_path / "store")
    first = open_exhibition(watched.root, store)
    result = Intake(watched.root, store).take_other(broken.root, "USB stick x.kiosk", "digest")
    assert result.exhibit is None and result.report.errors
    assert store.current() == first.generation
    assert [p.name for p in store.folder.iterdir() if p.name.startswith("lastgood.tmp-")] == []
