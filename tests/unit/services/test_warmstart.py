"""The warm start: an unchanged last known good copy opens from what was loaded when it was
checked, and anything doubtful about that file means the copy is loaded as before."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import pytest

import kiosk
from kiosk.content import uistrings
from kiosk.content.loader import Exhibit, load_exhibit, localized
from kiosk.paths import resources_dir
from kiosk.services import swap, warmstart
from kiosk.services.lastgood import Generation, LastGoodStore
from kiosk.services.swap import Intake, open_exhibition
from kiosk.services.watch import fingerprint
from tests.helpers.content import ContentFolder, copy_content


class LoaderSpy:
    """Counts the loads of the start-up's quick path, and still loads."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.roots: list[Path] = []
        monkeypatch.setattr(swap, "load_exhibit", self)

    def __call__(self, root: Path, thorough: bool = True):
        self.roots.append(root)
        return load_exhibit(root, thorough)


def taken_in(root: Path, tmp_path: Path) -> tuple[LastGoodStore, Generation]:
    """A copy taken in by the watcher, as on the PC the evening before."""
    store = LastGoodStore(tmp_path / "store")
    generation = Intake(root, store).take(fingerprint(root)).generation
    assert generation is not None
    return store, generation


def dumps(exhibit: Exhibit) -> object:
    return (
        exhibit.root,
        exhibit.manifest.model_dump(),
        [(s.ref.model_dump(), s.content.model_dump(), s.file) for s in exhibit.sections],
        [source.model_dump() for source in exhibit.sources],
    )


def test_an_unchanged_copy_opens_without_being_loaded_again(
    content: ContentFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    store, generation = taken_in(content.root, tmp_path)
    assert warmstart.cache_path(generation).is_file(), "kept when it was taken in"
    spy = LoaderSpy(monkeypatch)
    caplog.set_level(logging.INFO, logger="kiosk.services.swap")
    start = open_exhibition(content.root, store)
    assert spy.roots == [], "nothing read, validated or checked again"
    assert start.exhibit is not None and start.exhibit.root == generation.content
    assert start.generation == generation and not start.source_pending
    assert "warm start: gen-000001 opened as loaded when it was checked" in caplog.text


def test_the_interface_words_are_kept_and_used_without_reading_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm start reads no YAML: the shipped ui-strings.yaml's words come with the copy."""
    root = copy_content(tmp_path)
    _store, generation = taken_in(root, tmp_path)
    monkeypatch.setattr(uistrings, "_shipped", [])  # a fresh process: the file not read yet
    kept = warmstart.recall(generation)
    assert kept is not None and kept.ui is not None
    assert kept.ui == uistrings._read(resources_dir() / "ui-strings.yaml"), "the words of the shipped file"
    assert uistrings.load_ui_strings() is kept.ui, "handed over, not read again"


def test_the_exhibit_kept_equals_the_one_loaded(tmp_path: Path) -> None:
    """The default exhibit, model by model, and its report, problem by problem."""
    root = copy_content(tmp_path)
    _store, generation = taken_in(root, tmp_path)
    kept = warmstart.recall(generation)
    assert kept is not None
    loaded, report = load_exhibit(generation.content, thorough=False)
    assert loaded is not None
    assert dumps(kept.exhibit) == dumps(loaded)
    assert kept.exhibit == loaded
    assert kept.report.problems == report.problems


def test_a_first_start_of_a_copy_keeps_it_for_the_next(
    content: ContentFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy made by an older kiosk (nothing kept beside it): loaded as before, and kept."""
    store, generation = taken_in(content.root, tmp_path)
    warmstart.cache_path(generation).unlink()
    spy = LoaderSpy(monkeypatch)
    assert open_exhibition(content.root, store).exhibit is not None
    assert spy.roots == [generation.content]
    assert open_exhibition(content.root, store).exhibit is not None
    assert spy.roots == [generation.content], "the second start opens it warm"


@pytest.mark.parametrize("change", ["kiosk version", "code", "copy on disk"])
def test_a_new_kiosk_or_a_changed_copy_loads_the_copy_again(
    change: str,
    content: ContentFolder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store, generation = taken_in(content.root, tmp_path)
    if change == "kiosk version":
        monkeypatch.setattr(kiosk, "__version__", kiosk.__version__ + ".1")
    elif change == "code":
        monkeypatch.setattr(warmstart, "code_digest", lambda: "a changed schema")
    else:
        picture = next((generation.content / "media").iterdir())
        picture.write_bytes(picture.read_bytes() + b"\0")
    spy = LoaderSpy(monkeypatch)
    caplog.set_level(logging.INFO, logger="kiosk.services.warmstart")
    start = open_exhibition(content.root, store)
    assert spy.roots == [generation.content], "loaded and checked as before"
    assert start.exhibit is not None
    assert "is not used: it was made for" in caplog.text
    assert warmstart.recall(generation) is not None, "kept again for this kiosk"


def test_the_code_digest_follows_the_schema(tmp_path: Path) -> None:
    package = tmp_path / "content"
    package.mkdir()
    schema = package / "schema.py"
    schema.write_text("class Manifest: ...\n", encoding="utf-8")
    resources = kiosk.paths.resources_dir()
    before = warmstart.sources_digest("v", package, resources)
    assert warmstart.sources_digest("v", package, resources) == before
    schema.write_text("class Manifest:\n    title: str\n", encoding="utf-8")
    assert warmstart.sources_digest("v", package, resources) != before
    assert warmstart.sources_digest("w", package, resources) != warmstart.sources_digest("v", package, resources)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _unpicklable(path: Path) -> None:
    """A well-formed file whose payload cannot be unpickled (a class gone, say)."""
    import hashlib

    magic, key, _digest, _payload = path.read_bytes().split(b"\n", 3)
    payload = b"\x80\x05cno_such_module\nThing\n."
    digest = hashlib.sha256(payload).hexdigest().encode()
    path.write_bytes(b"\n".join([magic, key, digest, payload]))


def _something_else(path: Path) -> None:
    import hashlib

    magic, key, _digest, _payload = path.read_bytes().split(b"\n", 3)
    payload = pickle.dumps({"not": "an exhibit"})
    path.write_bytes(b"\n".join([magic, key, hashlib.sha256(payload).hexdigest().encode(), payload]))


@pytest.mark.parametrize("damage", [_truncate, _flip_a_byte, _empty, _unpicklable, _something_else])
def test_a_damaged_file_falls_back_shows_the_exhibit_and_is_written_again(
    damage, content: ContentFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    store, generation = taken_in(content.root, tmp_path)
    damage(warmstart.cache_path(generation))
    spy = LoaderSpy(monkeypatch)
    caplog.set_level(logging.INFO, logger="kiosk.services.warmstart")
    start = open_exhibition(content.root, store)
    assert start.exhibit is not None and localized(start.exhibit.manifest.title, "en", "fr") == "Base 11/19"
    assert spy.roots == [generation.content]
    lines = [r for r in caplog.records if r.name == "kiosk.services.warmstart" and "is not used" in r.getMessage()]
    assert len(lines) == 1 and lines[0].levelno == logging.WARNING
    assert warmstart.recall(generation) is not None, "written again"


def test_a_changed_source_still_goes_to_the_watcher(
    content: ContentFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, generation = taken_in(content.root, tmp_path)
    content.replace("exhibit.yaml", "  en: Base 11/19", "  en: New")
    spy = LoaderSpy(monkeypatch)
    start = open_exhibition(content.root, store)
    assert spy.roots == [], "the copy opens warm"
    assert start.exhibit is not None and localized(start.exhibit.manifest.title, "en", "fr") == "Base 11/19"
    assert start.source_pending and start.handled_digest == generation.source_digest


def test_the_warnings_of_a_kept_copy_are_still_logged(
    content: ContentFolder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A log folder that never listed them (a new PC, a wiped log) lists them in full."""
    content.replace("timeline.yaml", "credit:", "# credit:")  # a picture without credit: a warning
    store, _generation = taken_in(content.root, tmp_path)
    caplog.set_level(logging.INFO, logger="kiosk.services.swap")
    caplog.clear()  # what the intake listed the evening before
    start = open_exhibition(content.root, store, tmp_path / "logs")
    assert start.report.warnings
    logged = [
        r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and r.name == "kiosk.services.swap"
    ]
    assert logged == [problem.format() for problem in start.report.sorted()]


def test_a_file_that_cannot_be_written_changes_nothing(
    content: ContentFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse(path: object, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(warmstart, "write_bytes", refuse)
    store, generation = taken_in(content.root, tmp_path)
    assert not warmstart.cache_path(generation).exists()
    assert "cannot keep the loaded content" in caplog.text
    assert open_exhibition(content.root, store).exhibit is not None


# -- the exhibit an executable carries ---------------------------------------------------


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """An 'executable': its content unpacked in one place, its resources with the loaded
    form the build made (from another copy, as the build does from the repository)."""
    unpacked = copy_content(tmp_path / "unpacked")
    resources = tmp_path / "resources"
    warmstart.prepare_bundled(copy_content(tmp_path / "build"), resources / warmstart.BUNDLED_FILE)
    monkeypatch.setattr(warmstart, "is_frozen", lambda: True)
    monkeypatch.setattr(warmstart, "resources_dir", lambda: resources)
    monkeypatch.setattr(warmstart, "default_content_dir", lambda: unpacked)
    return unpacked, resources / warmstart.BUNDLED_FILE


def test_an_executable_shows_the_exhibit_it_carries_as_loaded_when_it_was_built(built: tuple[Path, Path]) -> None:
    unpacked, _file = built
    recalled = warmstart.recall_bundled(unpacked)
    assert recalled is not None
    assert recalled.exhibit.root == unpacked, "moved to where it is unpacked now"
    exhibit, report = load_exhibit(unpacked, thorough=False)
    assert exhibit is not None and dumps(recalled.exhibit) == dumps(exhibit)
    assert [p.format() for p in recalled.report.sorted()] == [p.format() for p in report.sorted()]


def test_the_loaded_form_serves_only_the_carried_exhibit_in_an_executable(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unpacked, _file = built
    assert warmstart.recall_bundled(copy_content(tmp_path / "curators")) is None, "a curator's folder is loaded"
    monkeypatch.setattr(warmstart, "is_frozen", lambda: False)
    assert warmstart.recall_bundled(unpacked) is None, "from source, the folder is loaded"


@pytest.mark.parametrize("damage", ["flip", "cut", "other build"])
def test_a_damaged_or_foreign_loaded_form_is_not_used(
    built: tuple[Path, Path], damage: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    unpacked, file = built
    data = bytearray(file.read_bytes())
    if damage == "flip":
        data[-100] ^= 0xFF
    elif damage == "cut":
        del data[len(data) // 2 :]
    else:
        monkeypatch.setattr(kiosk, "__version__", "99.0")
    file.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="kiosk.services.warmstart"):
        assert warmstart.recall_bundled(unpacked) is None
    assert "loading it" in caplog.text


def test_the_build_refuses_an_exhibit_that_cannot_be_shown(tmp_path: Path) -> None:
    broken = copy_content(tmp_path, lambda text: text.replace("languages:", "langues:", 1))
    with pytest.raises(ValueError, match="cannot be shown"):
        warmstart.prepare_bundled(broken, tmp_path / "out" / warmstart.BUNDLED_FILE)
    assert not (tmp_path / "out" / warmstart.BUNDLED_FILE).exists()
