"""The last known good store: complete copies only, an atomic pointer, leftovers cleaned."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kiosk.content.loader import load_exhibit
from kiosk.services.lastgood import POINTER, LastGoodStore, default_store_dir
from kiosk.services.watch import fingerprint
from tests.helpers.content import ContentFolder


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def put(store: LastGoodStore, source: Path):
    staged = store.stage(source, fingerprint(source).content().digest)
    return store.commit(staged)


def test_the_default_store_is_in_the_users_data_folder_not_the_cache(monkeypatch, tmp_path: Path) -> None:
    folder = default_store_dir()
    assert "base1119-kiosk" in folder.parts and folder.name == "lastgood"
    assert Path(os.environ["XDG_DATA_HOME"]) in folder.parents


def test_an_empty_store_has_no_current_copy(tmp_path: Path) -> None:
    store = LastGoodStore(tmp_path / "store")
    assert store.current() is None
    store.prune()  # nothing to do, no error


def test_a_committed_copy_is_complete_and_current(content: ContentFolder, tmp_path: Path) -> None:
    content.write(".exhibit.yaml.swp", "editor junk")
    content.write(".git/HEAD", "ref: refs/heads/main")
    store = LastGoodStore(tmp_path / "store")
    digest = fingerprint(content.root).content().digest
    generation = store.commit(store.stage(content.root, digest))
    assert generation.name == "gen-000001"
    assert store.current() == generation
    assert generation.source == str(content.root.resolve()) and generation.source_digest == digest
    copied = files(generation.content)
    assert copied == {k: v for k, v in files(content.root).items() if not k.startswith(".")}
    assert (tmp_path / "store" / POINTER).read_text() == "gen-000001\n"
    exhibit, report = load_exhibit(generation.content)
    assert exhibit is not None, report.errors
    # Modification times are kept, so the copy looks like its source.
    original = content.path("exhibit.yaml").stat().st_mtime_ns
    assert (generation.content / "exhibit.yaml").stat().st_mtime_ns == original


def test_each_commit_is_a_new_generation_and_prune_keeps_the_current_one(
    content: ContentFolder, tmp_path: Path
) -> None:
    store = LastGoodStore(tmp_path / "store")
    first = put(store, content.root)
    content.replace("exhibit.yaml", "fr: Base 11/19", "fr: Base 11/19 bis")
    second = put(store, content.root)
    assert (first.name, second.name) == ("gen-000001", "gen-000002")
    assert store.current() == second
    assert first.path.exists(), "the old copy stays until pruned: it may still be on screen"
    store.prune(keep={first.name})
    assert first.path.exists()
    store.prune()
    assert not first.path.exists() and second.path.exists()


def test_prune_removes_half_made_copies_and_pointer_leftovers(content: ContentFolder, tmp_path: Path) -> None:
    store = LastGoodStore(tmp_path / "store")
    current = put(store, content.root)
    (tmp_path / "store" / "lastgood.tmp-abc123" / "content").mkdir(parents=True)
    (tmp_path / "store" / "current.tmp-999").write_text("gen-0000")
    (tmp_path / "store" / "gen-000007").mkdir()  # renamed but never pointed to
    store.prune()
    assert sorted(p.name for p in (tmp_path / "store").iterdir()) == [POINTER, current.name]


@pytest.mark.parametrize("pointer", [None, "", "garbage\n", "gen-000009\n", "../../etc\n", b"\xff\xfe"], ids=repr)
def test_without_a_usable_pointer_the_newest_complete_copy_is_used(
    content: ContentFolder, tmp_path: Path, pointer: str | bytes | None
) -> None:
    store = LastGoodStore(tmp_path / "store")
    put(store, content.root)
    second = put(store, content.root)
    (tmp_path / "store" / "gen-000003").mkdir()  # no source.json: not a complete copy
    target = tmp_path / "store" / POINTER
    if pointer is None:
        target.unlink()
    elif isinstance(pointer, bytes):
        target.write_bytes(pointer)
    else:
        target.write_text(pointer)
    assert store.current() == second


def test_the_pointer_is_the_authority_over_newer_copies(content: ContentFolder, tmp_path: Path) -> None:
    """A copy renamed into place but never pointed to (killed before the switch) is not shown."""
    store = LastGoodStore(tmp_path / "store")
    first = put(store, content.root)
    staged = store.stage(content.root, "digest")
    os.rename(staged.path, tmp_path / "store" / "gen-000002")
    assert store.current() == first


def test_a_copy_that_fails_leaves_nothing_behind(content: ContentFolder, tmp_path: Path) -> None:
    store = LastGoodStore(tmp_path / "store")

    def vanish(step: str) -> None:
        if step == "copied:exhibit.yaml":
            content.path("timeline.yaml").unlink()

    failing = LastGoodStore(tmp_path / "store", checkpoint=vanish)
    with pytest.raises(OSError):
        failing.stage(content.root, "digest")
    assert [p.name for p in (tmp_path / "store").iterdir()] == []
    assert store.current() is None


def test_a_store_that_cannot_be_written_raises_oserror(content: ContentFolder, tmp_path: Path) -> None:
    blocked = tmp_path / "store"
    blocked.write_text("a file where the store should be")
    with pytest.raises(OSError):
        LastGoodStore(blocked).stage(content.root, "digest")


def test_links_inside_the_folder_are_copied_as_files_and_links_outside_stay_links(
    content: ContentFolder, tmp_path: Path
) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    os.symlink(content.path("media/backdrop.png"), content.path("media/alias.png"))
    os.symlink(outside, content.path("media/leak.png"))
    generation = put(LastGoodStore(tmp_path / "store"), content.root)
    alias = generation.content / "media" / "alias.png"
    assert not alias.is_symlink() and alias.read_bytes() == content.path("media/backdrop.png").read_bytes()
    leak = generation.content / "media" / "leak.png"
    assert leak.is_symlink() and os.readlink(leak) == str(outside), "kept as written: validation refuses it"


def test_source_json_records_where_the_copy_came_from(content: ContentFolder, tmp_path: Path) -> None:
    generation = put(LastGoodStore(tmp_path / "store"), content.root)
    meta = json.loads((generation.path / "source.json").read_text())
    assert set(meta) == {"source", "digest", "copied_at"}
    assert meta["copied_at"].endswith("+00:00")
