"""`kiosk doctor`'s checks that need no Qt: content, folders, disk space, crash reports, the table."""

from __future__ import annotations

import io
import os
from collections import namedtuple
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kiosk.commands import doctor
from kiosk.commands.doctor import Check, Status

if TYPE_CHECKING:
    from tests.helpers.content import ContentFolder

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


# -- opening hours ----------------------------------------------------------------------------------

HOURS = """\
opening_hours:
  timezone: Europe/Paris
  mon: []
  tue: ["09:30-12:30", "13:30-18:00"]
  sat: ["10:00-19:00"]
  closed: [2026-12-26]
  exceptions:
    2026-12-29: ["09:30-14:00"]
"""


def hours_at(tmp_path: Path, text: str | None, moment: str) -> Check:
    config = None
    if text is not None:
        config = tmp_path / "kiosk.yaml"
        config.write_text(text, encoding="utf-8")
    return doctor.check_hours(config, datetime.fromisoformat(moment))


@pytest.mark.parametrize(
    ("moment", "detail"),
    [
        (
            "2026-12-08T10:00+01:00",
            "open now, closes at 12:30 (Tue 8 Dec); opens again at 13:30 (Tue 8 Dec); "
            "today 09:30-12:30, 13:30-18:00; times in Europe/Paris (CET)",
        ),
        (
            "2026-12-08T16:00Z",
            "open now, closes at 18:00 (Tue 8 Dec); opens again at 10:00 (Sat 12 Dec); "
            "today 09:30-12:30, 13:30-18:00; times in Europe/Paris (CET)",
        ),
        (
            "2026-12-07T10:00+01:00",
            "closed now, opens at 09:30 (Tue 8 Dec); closes at 12:30 (Tue 8 Dec); "
            "today closed; times in Europe/Paris (CET)",
        ),
        (
            "2026-12-26T10:00+01:00",
            "closed now, opens at 09:30 (Tue 29 Dec); closes at 14:00 (Tue 29 Dec); "
            "today closed (closure); times in Europe/Paris (CET)",
        ),
        (
            "2027-07-06T12:00+02:00",
            "open now, closes at 12:30 (Tue 6 Jul); opens again at 13:30 (Tue 6 Jul); "
            "today 09:30-12:30, 13:30-18:00; times in Europe/Paris (CEST)",
        ),
    ],
    ids=["open", "evening", "closed-day", "closure", "summer"],
)
def test_the_hours_line_says_what_comes_next(tmp_path: Path, moment: str, detail: str) -> None:
    assert hours_at(tmp_path, HOURS, moment) == Check(Status.OK, "hours", detail)


def test_without_opening_hours_the_kiosk_is_always_open(tmp_path: Path) -> None:
    assert hours_at(tmp_path, "rotation: 0\n", "2026-12-07T10:00Z") == Check(
        Status.OK, "hours", "always open (no opening_hours in kiosk.yaml)"
    )
    assert hours_at(tmp_path, None, "2026-12-07T10:00Z") == Check(
        Status.OK, "hours", "always open (no kiosk.yaml found; `kiosk doctor --config PATH` reads one)"
    )


def test_broken_opening_hours_warn_with_the_first_problem(tmp_path: Path) -> None:
    text = 'rotaton: 0\nopening_hours:\n  mon: ["09:00-25:00"]\n  tues: []\nscreen: -1\n'
    assert hours_at(tmp_path, text, "2026-12-07T10:00Z") == Check(
        Status.WARN,
        "hours",
        "always open: opening_hours in kiosk.yaml is left out for 2 problem(s), first: kiosk.yaml:3:9: error: "
        "'opening_hours.mon.1': 25:00 is not a time of day: hours go from 00 to 23, minutes from 00 to 59 "
        "(24:00 may end a range) (run `kiosk validate-config`)",
    )
    check = hours_at(tmp_path, "rotation: [0\n", "2026-12-07T10:00Z")
    assert check.status is Status.WARN and check.detail.startswith("always open: kiosk.yaml cannot be read: ")
    assert hours_at(tmp_path, "rotaton: 0\n", "2026-12-07T10:00Z").detail.startswith("always open (no opening")


def test_a_kiosk_that_never_opens_or_never_closes(tmp_path: Path) -> None:
    never = hours_at(tmp_path, "opening_hours:\n  timezone: Europe/Paris\n  mon: []\n", "2026-12-07T10:00Z")
    assert never == Check(
        Status.WARN,
        "hours",
        "closed now, and not open on any day of the next 400 days: check "
        "opening_hours; today closed; times in Europe/Paris (CET)",
    )
    days = "".join(f"  {day}: ['00:00-24:00']\n" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
    always = hours_at(tmp_path, "opening_hours:\n  timezone: Europe/Paris\n" + days, "2026-12-07T10:00Z")
    assert always == Check(
        Status.OK, "hours", "open now, around the clock; today 00:00-24:00; times in Europe/Paris (CET)"
    )


def test_the_doctor_reads_the_kiosk_yaml_it_is_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("check_versions", "check_qt", "check_content", "check_writable", "check_disk", "check_crash_reports"):
        monkeypatch.setattr(doctor, name, lambda *args, name=name: Check(Status.OK, name, "fine"))
    monkeypatch.setattr(doctor, "check_qt", lambda: [Check(Status.OK, "screens", "fine")])
    config = tmp_path / "kiosk.yaml"
    config.write_text(HOURS, encoding="utf-8")
    out = io.StringIO()
    assert doctor.run_doctor(tmp_path, tmp_path / "logs", "text", out, config) == 0
    line = next(line for line in out.getvalue().splitlines() if line.startswith("OK    hours"))
    assert "times in Europe/Paris" in line and ("open now" in line or "closed now" in line)
