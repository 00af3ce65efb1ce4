"""The visitor record (kiosk/services/analytics.py): batched writes, bad files and disks, pruning."""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.services import analytics
from kiosk.services.analytics import Event, Recorder, RecordSettings, SessionStart, SessionUpdate


def noon(day: date) -> float:
    return datetime(day.year, day.month, day.day, 12).astimezone().timestamp()


def visit(recorder_put: object, session: int, at: float, seconds: float = 60.0, language: str = "fr") -> None:
    put = recorder_put  # a Recorder.put or a list.append
    put(SessionStart(session, at, language, "abc", "1.0"))  # type: ignore[operator]
    put(Event(session, at + 1, 1, "section", "timeline", "timeline", language))  # type: ignore[operator]
    put(Event(session, at + 5, 5, "item", "timeline", "loos", language))  # type: ignore[operator]
    put(Event(session, at + 9, 9, "nothing", "home", cell=analytics.cell_of(0.1, 0.9)))  # type: ignore[operator]
    put(SessionUpdate(session, seconds, language, ended=True))  # type: ignore[operator]


def run_recorder(path: Path, sessions: int = 3, **kwargs: object) -> Recorder:
    recorder = Recorder(path, flush_seconds=0.05, **kwargs)  # type: ignore[arg-type]
    recorder.start()
    for session in range(1, sessions + 1):
        visit(recorder.put, session, analytics.utc_now())
    recorder.stop()
    return recorder


def count(path: Path, table: str = "sessions") -> int:
    connection = analytics.connect(path, read_only=True)
    try:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


def test_the_record_is_written_off_the_caller_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "data" / "visits.sqlite"
    run_recorder(path)
    assert count(path) == 3
    assert count(path, "events") == 9
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA user_version").fetchone()[0] == analytics.SCHEMA_VERSION
    row = connection.execute("SELECT seconds, ended, language, content, version FROM sessions").fetchone()
    assert row == (60.0, 1, "fr", "abc", "1.0")


def test_the_record_switched_off_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "visits.sqlite"
    recorder = run_recorder(path, settings=RecordSettings(enabled=False))
    assert not recorder.recording
    assert not path.exists()


def test_a_newer_record_is_read_never_written_nor_downgraded(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "visits.sqlite"
    run_recorder(path, sessions=2)
    connection = sqlite3.connect(path)
    connection.execute("ALTER TABLE sessions ADD COLUMN mood TEXT")  # what a newer kiosk might add
    connection.execute("PRAGMA user_version = 7")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with caplog.at_level(logging.ERROR):
        recorder = run_recorder(path, sessions=4)
    assert not recorder.recording
    assert "newer kiosk" in caplog.text
    assert count(path) == 2
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 7
    assert path.read_bytes() == before


def test_a_corrupt_record_is_moved_aside_and_a_new_one_started(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "visits.sqlite"
    path.write_bytes(b"this is not a database, it was cut by a power failure" * 100)
    with caplog.at_level(logging.ERROR):
        run_recorder(path)
    assert count(path) == 3
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1
    assert "moved aside" in caplog.text


def test_a_locked_record_is_moved_aside(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "visits.sqlite"
    run_recorder(path, sessions=1)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with caplog.at_level(logging.ERROR):
            run_recorder(path, sessions=2, lock_timeout=0.2)
    finally:
        holder.close()
    assert any(".locked-" in p.name for p in tmp_path.iterdir())
    assert count(path) == 2


def test_a_full_disk_stops_the_record_once_never_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(analytics, "write_batch", full)
    path = tmp_path / "visits.sqlite"
    recorder = Recorder(path, flush_seconds=0.05)
    recorder.start()
    with caplog.at_level(logging.ERROR):
        for session in range(50):
            visit(recorder.put, session, analytics.utc_now())  # never raises
            recorder.flushed.wait(0.02)
        recorder.stop()
    assert not recorder.recording
    assert caplog.text.count("disk is full") == 1


def test_a_read_only_folder_stops_the_record(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with caplog.at_level(logging.ERROR):
        recorder = run_recorder(blocker / "visits.sqlite")
    assert not recorder.recording
    assert caplog.text.count("visitor record stopped") == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_folder_without_write_permission_stops_the_record(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        recorder = run_recorder(folder / "visits.sqlite")
    finally:
        folder.chmod(0o700)
    assert not recorder.recording


def test_a_read_only_database_stops_the_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def readonly(*_args: object) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    path = tmp_path / "visits.sqlite"
    run_recorder(path, sessions=1)
    monkeypatch.setattr(analytics, "write_batch", readonly)
    with caplog.at_level(logging.ERROR):
        recorder = run_recorder(path)
    assert not recorder.recording
    assert "readonly" in caplog.text
    assert count(path) == 1


def test_complete_days_are_rolled_up_and_old_ones_pruned(tmp_path: Path) -> None:
    path = tmp_path / "visits.sqlite"
    connection = analytics.connect(path)
    today = date(2026, 12, 7)
    batch: list[object] = []
    for back, session in ((1, 1), (1, 2), (40, 3), (500, 4)):
        visit(batch.append, session, noon(today - timedelta(days=back)))
    analytics.write_batch(connection, batch)  # type: ignore[arg-type]
    analytics.roll_up(connection, today, now_utc=noon(today))
    days = dict(connection.execute("SELECT local_date, sum(visits) FROM day_visits GROUP BY local_date").fetchall())
    assert days[(today - timedelta(days=1)).isoformat()] == 2
    analytics.prune(connection, today, retention_days=400, max_mb=200)
    remaining = {row[0] for row in connection.execute("SELECT local_date FROM sessions")}
    assert remaining == {(today - timedelta(days=1)).isoformat()}  # the 40-day-old detail went
    kept = {row[0] for row in connection.execute("SELECT local_date FROM day_visits")}
    assert (today - timedelta(days=40)).isoformat() in kept
    assert (today - timedelta(days=500)).isoformat() not in kept


def test_a_session_dated_on_a_day_already_rolled_up_is_added_to_it(tmp_path: Path) -> None:
    path = tmp_path / "visits.sqlite"
    connection = analytics.connect(path)
    today = date(2026, 12, 7)
    yesterday = today - timedelta(days=1)
    batch: list[object] = []
    visit(batch.append, 1, noon(yesterday))
    analytics.write_batch(connection, batch)  # type: ignore[arg-type]
    analytics.roll_up(connection, today, now_utc=noon(today))
    batch = []
    visit(batch.append, 2, noon(yesterday))  # the clock was set back a day
    analytics.write_batch(connection, batch)  # type: ignore[arg-type]
    analytics.roll_up(connection, today, now_utc=noon(today))
    assert connection.execute("SELECT sum(visits) FROM day_visits").fetchone()[0] == 2
    assert connection.execute("SELECT count, seconds FROM day_actions WHERE kind = 'item'").fetchone() == (
        2,
        110.0,
    )  # open to the last touch


def test_an_unended_session_of_today_waits_before_it_is_rolled_up(tmp_path: Path) -> None:
    connection = analytics.connect(tmp_path / "visits.sqlite")
    today = date(2026, 12, 7)
    late = noon(today) - 12.5 * 3600  # 23:30 yesterday
    analytics.write_batch(connection, [SessionStart(1, late, "fr", "", "")])
    analytics.roll_up(connection, today, now_utc=late + 3600)
    assert connection.execute("SELECT count(*) FROM day_visits").fetchone()[0] == 0
    analytics.roll_up(connection, today, now_utc=late + 5 * 3600)  # a power cut: counted as it stands
    assert connection.execute("SELECT count(*) FROM day_visits").fetchone()[0] == 1


def test_the_size_cap_removes_the_oldest_days_first(tmp_path: Path) -> None:
    connection = analytics.connect(tmp_path / "visits.sqlite")
    today = date(2026, 12, 7)
    batch: list[object] = []
    for back in range(1, 11):
        for session in range(200):
            visit(batch.append, back * 1000 + session, noon(today - timedelta(days=back)))
    analytics.write_batch(connection, batch)  # type: ignore[arg-type]
    size = analytics.used_mb(connection)
    analytics.prune(connection, today, retention_days=400, max_mb=size / 2)
    assert analytics.used_mb(connection) <= size / 2
    left = sorted(row[0] for row in connection.execute("SELECT DISTINCT local_date FROM sessions"))
    assert left and left[-1] == (today - timedelta(days=1)).isoformat()
    assert (today - timedelta(days=10)).isoformat() not in left


def test_taps_are_kept_as_coarse_cells() -> None:
    assert analytics.cell_of(0, 0) == 0
    assert analytics.cell_of(0.999, 0.999) == 27 * 48 - 1
    assert analytics.cell_of(1.5, -3) == 47  # clamped to the screen
    assert analytics.cell_of(0.5, 0.5) == 13 * 48 + 24
