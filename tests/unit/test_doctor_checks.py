"""`kiosk doctor`'s checks that need no Qt: content, folders, disk space, crash reports, the table."""

from __future__ import annotations

import os
from collections import namedtuple
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kiosk import doctor
from kiosk.doctor import Check, Status

if TYPE_CHECKING:
    from conftest import ContentFolder

Usage = namedtuple("Usage", "total used free")


def test_valid_content_is_ok(content: ContentFolder) -> None:
    check = doctor.check_content(content.root)
    assert check == Check(Status.OK, "content", f"{content.root.as_posix()}/ : valid")


def test_content_with_warnings_warns(content: ContentFolder) -> None:
    content.replace("map.yaml", "  nl: Een zin over map.\n", "")
    check = doctor.check_content(content.root)
    assert check.status is Status.WARN
    assert check.detail == f"{content.root.as_posix()}/ : valid (1 warning) (run `kiosk validate` to see them)"


def test_broken_content_fails_with_its_first_error(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "timeout_seconds: 90", "timeout_seconds: ninety")
    content.replace("map.yaml", "  nl: Een zin over map.\n", "")
    check = doctor.check_content(content.root)
    assert check.status is Status.FAIL
    line = content.line_of("exhibit.yaml", "ninety")
    assert check.detail == (
        f"{content.root.as_posix()}/ : 1 error, 1 warning; first: exhibit.yaml:{line}:20: error: "
        "'idle.timeout_seconds' should be a whole number, not 'ninety' (run `kiosk validate` for all)"
    )


def test_a_writable_folder_is_created_and_left_clean(tmp_path: Path) -> None:
    folder = tmp_path / "state" / "logs"
    assert doctor.check_writable("logs", folder) == Check(Status.OK, "logs", f"{folder} is writable")
    assert list(folder.iterdir()) == []


def test_a_file_where_the_folder_should_be_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("not a folder")
    check = doctor.check_writable("logs", blocker / "kiosk")
    assert check.status is Status.FAIL
    assert check.detail.startswith(f"cannot write in {blocker / 'kiosk'}: ")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_fails(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        check = doctor.check_writable("logs", folder)
    finally:
        folder.chmod(0o700)
    assert check == Check(Status.FAIL, "logs", f"cannot write in {folder}: Permission denied")


@pytest.mark.parametrize(
    ("free", "status", "end"),
    [
        (80_000_000_000, Status.OK, "80.0 GB free on the disk holding {folder}"),
        (999_000_000, Status.WARN, "999.0 MB free on the disk holding {folder}: less than 1.0 GB"),
        (99_000_000, Status.FAIL, "99.0 MB free on the disk holding {folder}: less than 100.0 MB"),
    ],
)
def test_free_disk_space(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, free: int, status: Status, end: str) -> None:
    asked: list[Path] = []

    def usage(path: Path) -> Usage:
        asked.append(path)
        return Usage(10**12, 0, free)

    monkeypatch.setattr(doctor.shutil, "disk_usage", usage)
    folder = tmp_path / "not" / "yet" / "there"
    check = doctor.check_disk("disk (logs)", folder)
    assert check == Check(status, "disk (logs)", end.format(folder=folder))
    assert asked == [tmp_path], "measured on the nearest folder that exists"


def test_crash_reports_are_pointed_out(tmp_path: Path) -> None:
    assert doctor.check_crash_reports(tmp_path) == Check(Status.OK, "crash reports", "none")
    (tmp_path / "crash-20250601-143005-4242.txt").write_text("how: killed by signal 11")
    (tmp_path / "crash-20250601-150000-4300.txt").write_text("")  # a running exhibit's empty dump file
    check = doctor.check_crash_reports(tmp_path)
    assert check.status is Status.WARN
    assert check.detail.startswith(f"1 in {tmp_path}; newest crash-20250601-143005-4242.txt (0 day(s) old)")


def test_the_table_lines_up_and_ends_with_a_verdict() -> None:
    checks = [
        Check(Status.OK, "kiosk", "version 1"),
        Check(Status.WARN, "graphics", "software"),
        Check(Status.FAIL, "logs", "cannot write"),
    ]
    assert doctor.format_table(checks) == (
        "OK    kiosk     version 1\n"
        "WARN  graphics  software\n"
        "FAIL  logs      cannot write\n"
        "1 blocking problem(s), 1 warning(s): fix the FAIL lines before opening.\n"
    )
    assert doctor.format_table(checks[:1]).endswith("\nready.\n")


def test_the_data_folder_is_checked_when_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last-known-good content and the PIN lockout live there: it must be writable."""
    monkeypatch.setattr(doctor, "check_content", lambda content: Check(Status.OK, "content", "valid"))
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    checks = doctor.run_checks(tmp_path / "content", tmp_path / "logs", tmp_path / "cache", blocker)
    data = next(check for check in checks if check.check == "data")
    assert data.status is Status.FAIL and str(blocker) in data.detail
    assert "data" not in [check.check for check in doctor.run_checks(tmp_path, tmp_path / "l", tmp_path / "c")]
