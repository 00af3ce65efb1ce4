"""Daily care without waiting for days: the restart moment across days, summer time and
clock jumps, and the day's line in the log."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.supervision.daily import DailyRestart, DayLog, Memory, describe_duration, next_restart, parse_time

PARIS = ZoneInfo("Europe/Paris")


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


def test_parse_time_accepts_hh_mm_only() -> None:
    assert parse_time("06:30") == time(6, 30)
    assert parse_time(" 23:59 ") == time(23, 59)
    for wrong in ("6:30", "24:00", "06:60", "0630", "06:30:00", "half past six"):
        with pytest.raises(ValueError, match="HH:MM"):
            parse_time(wrong)


def test_the_next_restart_is_today_or_tomorrow() -> None:
    assert next_restart(paris(2026, 12, 7, 5, 0), time(6, 30), PARIS) == paris(2026, 12, 7, 6, 30)
    assert next_restart(paris(2026, 12, 7, 6, 30), time(6, 30), PARIS) == paris(2026, 12, 8, 6, 30)
    assert next_restart(paris(2026, 12, 7, 23, 0), time(6, 30), PARIS) == paris(2026, 12, 8, 6, 30)


def test_a_time_in_the_spring_forward_gap_comes_an_hour_later() -> None:
    # 2027-03-28: in Paris the clocks go from 02:00 to 03:00; 02:30 does not exist.
    moment = next_restart(paris(2027, 3, 27, 12, 0), time(2, 30), PARIS)
    assert moment.astimezone(PARIS).replace(tzinfo=None) == datetime(2027, 3, 28, 3, 30)
    # The day after, 02:30 exists again, 24 hours later minus the lost hour... plus one: 23 h after.
    after = next_restart(moment, time(2, 30), PARIS)
    assert after.astimezone(PARIS).replace(tzinfo=None) == datetime(2027, 3, 29, 2, 30)


def test_a_time_that_happens_twice_in_autumn_is_taken_once() -> None:
    # 2027-10-31: 02:00-03:00 happens twice in Paris.
    first = next_restart(paris(2027, 10, 30, 12, 0), time(2, 30), PARIS)
    assert first.utcoffset() == timedelta(hours=2), "the first 02:30 (summer time)"
    second = next_restart(first, time(2, 30), PARIS)
    assert second.astimezone(PARIS).date() == date(2027, 11, 1), "not the second 02:30 of the same night"


def test_the_restart_is_due_once_a_day() -> None:
    daily = DailyRestart(time(6, 30), PARIS)
    now = paris(2026, 12, 7, 6, 0)
    fired = []
    for _minute in range(3 * 24 * 60):
        if daily.due(now):
            fired.append(now)
        now += timedelta(minutes=1)
    assert fired == [paris(2026, 12, 7, 6, 30), paris(2026, 12, 8, 6, 30), paris(2026, 12, 9, 6, 30)]


def test_a_clock_moved_forward_past_several_restarts_restarts_once() -> None:
    daily = DailyRestart(time(6, 30), PARIS)
    assert not daily.due(paris(2026, 12, 7, 6, 0))
    assert daily.due(paris(2026, 12, 10, 9, 0)), "three days later: once"
    assert not daily.due(paris(2026, 12, 10, 9, 1))
    assert daily.next_at == paris(2026, 12, 11, 6, 30)


def test_a_clock_moved_back_does_not_put_the_restart_days_away() -> None:
    daily = DailyRestart(time(6, 30), PARIS)
    assert not daily.due(paris(2026, 12, 9, 7, 0))
    assert daily.next_at == paris(2026, 12, 10, 6, 30)
    # A flat clock battery: the PC believes it is two days earlier.
    assert not daily.due(paris(2026, 12, 7, 5, 0))
    assert daily.next_at == paris(2026, 12, 7, 6, 30)
    assert daily.due(paris(2026, 12, 7, 6, 30))


def test_the_pc_time_zone_is_used_when_none_is_given() -> None:
    now = datetime.now().astimezone()
    moment = next_restart(now, time(4, 0))
    assert now < moment <= now + timedelta(days=1, hours=1)
    assert moment.astimezone().time() == time(4, 0)


def test_the_day_line_counts_restarts_and_starts_again() -> None:
    log = DayLog()
    assert log.day_over(paris(2026, 12, 7, 9, 0)) is None, "the first reading starts the day"
    log.restarted("crash")
    log.restarted("daily")
    log.restarted("crash")
    assert log.day_over(paris(2026, 12, 7, 23, 59)) is None
    ended = log.day_over(paris(2026, 12, 8, 0, 0))
    assert ended == date(2026, 12, 7)
    line = log.line(
        ended,
        supervisor_up=3 * 86400 + 4 * 3600,
        exhibit_up=5 * 3600 + 12 * 60,
        memory=Memory(212 * 1024 * 1024, 260 * 1024 * 1024),
    )
    assert line == (
        "day 2026-12-07: supervisor up 3 d 4 h, exhibit up 5 h 12 min, memory 212 MiB (peak 260 MiB), "
        "restarts 3 (daily 1, asked 0, crash 2, hang 0)"
    )
    assert log.day_over(paris(2026, 12, 8, 12, 0)) is None, "said once"
    assert log.line(date(2026, 12, 8), 60, None, None).endswith(
        "exhibit not running, memory not measured on this system, restarts 0 (daily 0, asked 0, crash 0, hang 0)"
    )
    with pytest.raises(ValueError):
        log.restarted("reboot")


def test_a_clock_set_back_a_day_also_ends_the_day() -> None:
    log = DayLog()
    log.day_over(paris(2026, 12, 8, 9, 0))
    assert log.day_over(paris(2026, 12, 7, 9, 0)) == date(2026, 12, 8)


def test_durations_read_at_a_glance() -> None:
    assert describe_duration(40 * 60) == "40 min"
    assert describe_duration(-5) == "0 min"
    assert describe_duration(26 * 3600) == "1 d 2 h"


def test_the_memory_of_a_process_is_read_where_the_system_says() -> None:
    import os
    import sys

    from kiosk.supervision.daily import process_memory

    memory = process_memory(os.getpid())
    if not sys.platform.startswith("linux"):
        assert memory is None
        return
    assert memory is not None and 0 < memory.resident <= memory.peak
    assert process_memory(2**22 + 12345) is None, "no such process"
