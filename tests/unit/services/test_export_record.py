"""Exporting the visitor record (kiosk/services/export.py): a checked copy in one file, its
report, the USB sticks found, and targets that cannot be written failing in words, with
nothing half written left behind."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.services import export as export_module
from kiosk.services.export import copy_record, export, removable_places
from tests.helpers.record import VISITS_BACK, seeded_record

NOW = datetime(2026, 12, 7, 18, 30, 5)


def no_report(record: Path, folder: Path, content: Path | None, size: tuple[int, int]) -> None:
    folder.mkdir()
    (folder / "index.html").write_text("<html></html>", encoding="utf-8")


def sessions_in(path: Path) -> int:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM sessions").fetchone()[0])
    finally:
        connection.close()


def test_the_copy_is_one_checked_file_while_the_record_is_open(tmp_path: Path) -> None:
    record = seeded_record(tmp_path / "visits.sqlite")
    writer = sqlite3.connect(record)  # the exhibit goes on writing
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("INSERT INTO content_items VALUES ('x', 'map', 'late')")
    writer.commit()
    copy = tmp_path / "copy.sqlite"
    copy_record(record, copy)
    writer.close()
    assert sessions_in(copy) == sum(VISITS_BACK)
    assert not Path(f"{copy}-wal").exists()
    connection = sqlite3.connect(copy)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert connection.execute("SELECT count(*) FROM content_items WHERE item = 'late'").fetchone()[0] == 1
    connection.close()


def test_an_export_writes_the_copy_and_the_report_in_a_dated_folder(tmp_path: Path) -> None:
    record = seeded_record(tmp_path / "visits.sqlite")
    result = export(record, tmp_path / "stick", now=NOW, report=no_report)
    assert result.ok and result.why == ""
    assert result.folder == tmp_path / "stick" / "kiosk-visits-2026-12-07-183005"
    assert sessions_in(result.folder / "visits.sqlite") == sum(VISITS_BACK)
    assert (result.folder / "report" / "index.html").is_file()


def test_a_target_that_cannot_be_written_fails_in_words(tmp_path: Path) -> None:
    record = seeded_record(tmp_path / "visits.sqlite")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the stick should be", encoding="utf-8")
    result = export(record, blocker, now=NOW, report=no_report)
    assert not result.ok and result.folder is None
    assert str(blocker) in result.why and "cannot be written" in result.why


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_target_fails_in_words(tmp_path: Path) -> None:
    record = seeded_record(tmp_path / "visits.sqlite")
    stick = tmp_path / "stick"
    stick.mkdir()
    stick.chmod(0o555)
    try:
        result = export(record, stick, now=NOW, report=no_report)
    finally:
        stick.chmod(0o755)
    assert not result.ok
    assert "read-only or not allowed" in result.why
    assert list(stick.iterdir()) == []


def test_a_full_target_fails_in_words_and_leaves_nothing_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = seeded_record(tmp_path / "visits.sqlite")

    def fills_up(source: Path, target: Path) -> None:
        target.write_bytes(b"half a database")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(export_module, "copy_record", fills_up)
    stick = tmp_path / "stick"
    stick.mkdir()
    result = export(record, stick, now=NOW, report=no_report)
    assert not result.ok and result.folder is None
    assert result.why == f"{stick} is full"
    assert list(stick.iterdir()) == []


def test_a_report_that_fails_keeps_the_copy_and_says_why(tmp_path: Path) -> None:
    record = seeded_record(tmp_path / "visits.sqlite")

    def broken(record: Path, folder: Path, content: Path | None, size: tuple[int, int]) -> None:
        raise RuntimeError("kiosk stats: the report cannot be written")

    result = export(record, tmp_path / "stick", now=NOW, report=broken)
    assert not result.ok and result.folder is not None
    assert (result.folder / "visits.sqlite").is_file()
    assert "cannot be written" in result.why


def test_no_record_says_so(tmp_path: Path) -> None:
    result = export(tmp_path / "visits.sqlite", tmp_path / "stick", report=no_report)
    assert not result.ok and "no visitor record" in result.why
    assert not (tmp_path / "stick").exists()


def test_the_usb_sticks_are_the_mount_points_under_the_roots(tmp_path: Path) -> None:
    media, mnt = tmp_path / "media" / "kiosk", tmp_path / "mnt"
    for folder in (media / "KINGSTON", media / "empty-mount-dir", mnt / "backup"):
        folder.mkdir(parents=True)
    mounted = {media / "KINGSTON", mnt / "backup"}
    found = removable_places(roots=[media, tmp_path / "run" / "media", mnt], is_mount=lambda p: p in mounted)
    assert [(p.label, p.path, p.removable) for p in found] == [
        ("KINGSTON", media / "KINGSTON", True),
        ("backup", mnt / "backup", True),
    ]
    assert removable_places(roots=[tmp_path / "nothing"]) == []


def test_linux_looks_under_the_users_media_folders() -> None:
    seen: list[Path] = []

    def is_mount(path: Path) -> bool:
        seen.append(path)
        return False

    assert removable_places({"USER": "kiosk"}, "linux", is_mount=is_mount) == []
