"""Noticing changes in a content folder, and waiting until it has stopped changing."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from kiosk.services.watch import Fingerprint, FolderWatcher, Settler, fingerprint, is_temporary


def write(path: Path, text: str, mtime_ns: int | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))


def test_fingerprint_lists_every_file_with_its_size_and_time(tmp_path: Path) -> None:
    write(tmp_path / "exhibit.yaml", "title: x\n", 1_000)
    write(tmp_path / "media" / "a.png", "12345", 2_000)
    seen = fingerprint(tmp_path)
    assert seen.exists
    assert seen.entries == (("exhibit.yaml", 9, 1_000), ("media/a.png", 5, 2_000))


@pytest.mark.parametrize(
    "change",
    [
        lambda root: write(root / "exhibit.yaml", "title: xy\n", 1_000),  # a different size
        lambda root: os.utime(root / "exhibit.yaml", ns=(5_000, 5_000)),  # touched
        lambda root: write(root / "media" / "new.png", "1"),  # a new file
        lambda root: (root / "media" / "a.png").unlink(),  # a file removed
        lambda root: (root / "media" / "a.png").rename(root / "media" / "b.png"),  # renamed
    ],
    ids=["size", "time", "added", "removed", "renamed"],
)
def test_fingerprint_changes_with_the_folder(tmp_path: Path, change) -> None:
    write(tmp_path / "exhibit.yaml", "title: x\n", 1_000)
    write(tmp_path / "media" / "a.png", "12345", 2_000)
    before = fingerprint(tmp_path)
    change(tmp_path)
    after = fingerprint(tmp_path)
    assert after != before and after.digest != before.digest


def test_a_missing_folder_has_a_fingerprint_of_its_own(tmp_path: Path) -> None:
    missing = fingerprint(tmp_path / "nowhere")
    empty = fingerprint(tmp_path)
    assert not missing.exists and empty.exists
    assert missing != empty and missing.digest != empty.digest


@pytest.mark.parametrize(
    "name",
    [
        ".DS_Store",
        ".syncthing.a.png.tmp",
        ".exhibit.yaml.swp",
        "exhibit.yaml~",
        "~$notes.docx",
        "photo.jpg.part",
        "big.crdownload",
        "x.tmp",
        "4913",
        "Thumbs.db",
        "desktop.ini",
        ".git",
    ],
)
def test_temporary_files_are_recognised(name: str) -> None:
    assert is_temporary(name)


@pytest.mark.parametrize("name", ["exhibit.yaml", "media", "photo.jpg", "tmp", "a~b.png"])
def test_content_files_are_not_temporary(name: str) -> None:
    assert not is_temporary(name)


def test_temporary_files_count_for_settling_but_are_not_new_content(tmp_path: Path) -> None:
    write(tmp_path / "exhibit.yaml", "title: x\n")
    before = fingerprint(tmp_path)
    write(tmp_path / ".exhibit.yaml.swp", "vim")
    write(tmp_path / "media" / "photo.jpg.part", "half a photo")
    after = fingerprint(tmp_path)
    assert after != before, "a growing temporary file means the folder is still changing"
    assert after.content() == before.content()
    assert after.content().digest == before.content().digest


def test_unreadable_subfolder_does_not_stop_the_fingerprint(tmp_path: Path) -> None:
    write(tmp_path / "exhibit.yaml", "x")
    locked = tmp_path / "locked"
    locked.mkdir()
    write(locked / "a.png", "1")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who can read anything (root)")
        entries = fingerprint(tmp_path).entries
    finally:
        locked.chmod(0o755)
    assert ("locked/", -1, 0) in entries


# -- the settle rule ------------------------------------------------------------------------------

A = Fingerprint(True, (("exhibit.yaml", 1, 1),))
A_COPYING = Fingerprint(True, (("exhibit.yaml", 1, 1), ("media/big.png.part", 10, 2)))
B = Fingerprint(True, (("exhibit.yaml", 2, 2),))
B_COPYING = Fingerprint(True, (("exhibit.yaml", 2, 2), ("media/big.png", 100, 3)))


def test_a_change_is_reported_once_quiet_for_the_whole_period() -> None:
    settler = Settler(quiet_seconds=3.0, handled_digest=A.content().digest)
    assert settler.observe(A, 0.0) is None, "what is shown is not new"
    assert settler.observe(A, 10.0) is None
    assert settler.observe(B, 11.0) is None, "just changed"
    assert settler.observe(B, 13.9) is None, "not quiet long enough"
    assert settler.observe(B, 14.0) == B
    settler.handled(B)
    assert settler.observe(B, 20.0) is None, "reported once"


def test_a_folder_that_keeps_changing_is_waited_for() -> None:
    settler = Settler(quiet_seconds=3.0, handled_digest=A.content().digest)
    # A long copy: something changes at every look, for a minute.
    for second in range(60):
        state = Fingerprint(True, (("exhibit.yaml", 2, 2), ("media/big.png", second * 1000, second)))
        assert settler.observe(state, float(second)) is None, f"reported in mid-copy at {second} s"
    assert settler.observe(state, 61.0) is None
    assert settler.observe(state, 62.0) == state


def test_only_a_temporary_file_changing_delays_but_reports_nothing_new() -> None:
    settler = Settler(quiet_seconds=1.0, handled_digest=A.content().digest)
    assert settler.observe(A_COPYING, 0.0) is None
    assert settler.observe(A_COPYING, 5.0) is None, "the content has not changed"
    assert settler.observe(B_COPYING, 6.0) is None
    assert settler.observe(B_COPYING, 7.0) == B_COPYING


def test_going_back_to_what_is_shown_reports_nothing() -> None:
    settler = Settler(quiet_seconds=1.0, handled_digest=A.content().digest)
    settler.observe(B, 0.0)
    settler.observe(A, 0.5)  # the edit was undone before the folder settled
    assert settler.observe(A, 5.0) is None


def test_without_anything_handled_the_first_quiet_state_is_reported() -> None:
    settler = Settler(quiet_seconds=1.0)
    assert settler.observe(A, 0.0) is None
    assert settler.observe(A, 1.0) == A


def test_force_reports_at_the_next_look_even_unchanged() -> None:
    settler = Settler(quiet_seconds=5.0, handled_digest=A.content().digest)
    settler.observe(A, 0.0)
    settler.force()
    assert settler.observe(A, 0.1) == A
    assert settler.observe(A, 10.0) is None, "forced once"


def test_a_negative_quiet_period_is_refused() -> None:
    with pytest.raises(ValueError):
        Settler(-1.0)


# -- the watcher's thread -------------------------------------------------------------------------


def test_watcher_hands_a_settled_change_to_its_handler_in_its_own_thread(tmp_path: Path) -> None:
    write(tmp_path / "exhibit.yaml", "title: x\n")
    got: list[tuple[Fingerprint, str]] = []
    arrived = threading.Event()

    def handler(seen: Fingerprint) -> bool:
        got.append((seen, threading.current_thread().name))
        arrived.set()
        return True

    watcher = FolderWatcher(
        tmp_path,
        handler,
        quiet_seconds=0.05,
        interval_seconds=0.02,
        handled_digest=fingerprint(tmp_path).content().digest,
    )
    watcher.start()
    try:
        write(tmp_path / "exhibit.yaml", "title: changed\n")
        assert arrived.wait(10), "no change reported"
    finally:
        watcher.stop()
    seen, thread = got[0]
    assert seen == fingerprint(tmp_path)
    assert thread != threading.current_thread().name
    assert len(got) == 1


def test_watcher_looks_again_when_the_handler_saw_the_folder_change(tmp_path: Path) -> None:
    write(tmp_path / "exhibit.yaml", "one")
    calls: list[Fingerprint] = []
    done = threading.Event()

    def handler(seen: Fingerprint) -> bool:
        calls.append(seen)
        if len(calls) == 1:
            write(tmp_path / "exhibit.yaml", "two, written while the first was being read")
            return False
        done.set()
        return True

    watcher = FolderWatcher(tmp_path, handler, quiet_seconds=0.05, interval_seconds=0.02)
    watcher.start()
    try:
        assert done.wait(10)
    finally:
        watcher.stop()
    assert calls[-1] == fingerprint(tmp_path)


def test_watcher_survives_a_failing_handler_and_runs_tasks_in_its_thread(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path / "exhibit.yaml", "one")
    failed = threading.Event()
    ran_in: list[str] = []
    task_done = threading.Event()

    def handler(seen: Fingerprint) -> bool:
        failed.set()
        raise RuntimeError("boom")

    watcher = FolderWatcher(tmp_path, handler, quiet_seconds=0.01, interval_seconds=0.02)
    watcher.start()
    try:
        assert failed.wait(10)
        watcher.run_in_thread(lambda: (ran_in.append(threading.current_thread().name), task_done.set()))
        assert task_done.wait(10)
    finally:
        watcher.stop()
    assert ran_in and ran_in[0] != threading.current_thread().name
    assert "watching" in caplog.text and "boom" in caplog.text


def test_hidden_folders_are_not_walked(tmp_path: Path) -> None:
    """A content folder kept in git: its thousands of objects are never polled."""
    write(tmp_path / "exhibit.yaml", "x")
    before = fingerprint(tmp_path)
    write(tmp_path / ".git" / "objects" / "ab" / "cdef", "blob")
    assert fingerprint(tmp_path) == before
