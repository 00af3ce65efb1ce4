"""Closed outside opening hours, as a pure policy: the black screen, a touch's wake, staff's
"one more hour", and the closed message's words in French, English and Dutch.

Every moment is passed in: the tests jump across closing, opening, a day and a clock fix.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.content.uistrings import load_ui_strings
from kiosk.services.config import load_config, run_settings
from kiosk.services.opening import (
    BlackScreenOnly,
    ClosedWatch,
    MomentWords,
    Shown,
    clock_time,
    closed_message,
    hours_text,
)
from kiosk.services.schedule import Schedule

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
SPLIT = ["09:30-12:30", "13:30-18:00"]
WEEK = {"tue": SPLIT, "wed": SPLIT, "thu": SPLIT, "fri": SPLIT, "sat": ["10:00-19:00"], "sun": ["10:00-19:00"]}


def paris(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


def centre(**extra: object) -> Schedule:
    return Schedule.of(WEEK, timezone="Europe/Paris", **extra)  # type: ignore[arg-type]


def words(code: str) -> MomentWords:
    ui = load_ui_strings()
    dates = ui.date_words(code)
    return MomentWords(ui.for_language(code), dates.months, dates.first_day)


# -- the watch -----------------------------------------------------------------------------------


def test_open_in_hours_dark_outside_and_a_touch_wakes_for_the_wake_time() -> None:
    watch = ClosedWatch(centre(), timedelta(minutes=2))
    assert watch.shown(paris("2026-12-08 10:00")) == Shown(open=True)  # a Tuesday
    evening = paris("2026-12-08 18:00")
    assert watch.shown(evening) == Shown(open=False) and watch.shown(evening).dark
    assert watch.touch(evening + timedelta(minutes=5)) == Shown(open=False, awake=True)
    assert watch.shown(evening + timedelta(minutes=6, seconds=59)).awake
    assert watch.shown(evening + timedelta(minutes=7)).dark  # two minutes after the touch


def test_a_touch_while_open_does_nothing_and_opening_ends_a_wake() -> None:
    watch = ClosedWatch(centre(), timedelta(minutes=30))
    assert watch.touch(paris("2026-12-08 11:00")) == Shown(open=True)
    watch.touch(paris("2026-12-08 13:10"))  # the lunch break
    assert watch.shown(paris("2026-12-08 13:20")).awake
    assert watch.shown(paris("2026-12-08 13:30")) == Shown(open=True)
    assert watch.shown(paris("2026-12-08 13:31")) == Shown(open=True)


def test_the_clock_jumping_back_before_the_touch_ends_the_wake() -> None:
    watch = ClosedWatch(centre())
    watch.touch(paris("2026-12-08 20:00"))
    assert watch.shown(paris("2026-12-08 19:00")).dark
    # Forwards by hours: the time is up too.
    watch.touch(paris("2026-12-08 20:00"))
    assert watch.shown(paris("2026-12-08 23:00")).dark


def test_without_hours_always_open() -> None:
    watch = ClosedWatch(None)
    assert watch.touch(paris("2026-12-07 03:00")) == Shown(open=True)
    with pytest.raises(ValueError, match="open around the clock"):
        watch.stay_open_for(timedelta(hours=1), paris("2026-12-07 03:00"))
    with pytest.raises(ValueError):
        ClosedWatch(centre(), timedelta(0))


def test_stay_open_adds_an_hour_after_closing_and_again_when_pressed_again() -> None:
    watch = ClosedWatch(centre())
    until = watch.stay_open_for(timedelta(hours=1), paris("2026-12-08 17:50"))
    assert until == paris("2026-12-08 19:00")
    assert watch.shown(paris("2026-12-08 18:30")).open
    assert watch.stay_open_for(timedelta(hours=1), paris("2026-12-08 18:40")) == paris("2026-12-08 20:00")
    assert watch.shown(paris("2026-12-08 19:59")).open
    assert watch.shown(paris("2026-12-08 20:00")).dark


def test_stay_open_while_closed_opens_now_for_an_hour() -> None:
    watch = ClosedWatch(centre())
    watch.touch(paris("2026-12-07 20:00"))  # Monday: closed all day
    assert watch.stay_open_for(timedelta(hours=1), paris("2026-12-07 20:00")) == paris("2026-12-07 21:00")
    assert watch.shown(paris("2026-12-07 20:30")) == Shown(open=True)
    assert watch.shown(paris("2026-12-07 21:00")) == Shown(open=False)  # the earlier wake is over


def test_the_default_display_power_does_nothing_and_says_so() -> None:
    display = BlackScreenOnly()
    display.sleep()
    display.wake()
    assert "black screen" in display.name


# -- the words -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "code", "expected"),
    [
        ("2026-12-08 12:45", "fr", "Réouverture aujourd’hui à 13\u00a0h\u00a030"),
        ("2026-12-08 12:45", "en", "Open again today at 13:30"),
        ("2026-12-08 12:45", "nl", "Weer open vandaag om 13.30\u00a0uur"),
        ("2026-12-08 18:30", "fr", "Réouverture demain à 9\u00a0h\u00a030"),
        ("2026-12-08 18:30", "en", "Open again tomorrow at 9:30"),
        ("2026-12-08 18:30", "nl", "Weer open morgen om 9.30\u00a0uur"),
        ("2026-12-06 19:30", "fr", "Réouverture le mardi 8 décembre à 9\u00a0h\u00a030"),  # Sunday -> Tuesday
        ("2026-12-06 19:30", "en", "Open again on Tuesday 8 December at 9:30"),
        ("2026-12-06 19:30", "nl", "Weer open op dinsdag 8 december om 9.30\u00a0uur"),
        ("2026-12-11 18:00", "fr", "Réouverture demain à 10\u00a0h"),  # Saturday opens on the hour
        ("2026-12-11 18:00", "en", "Open again tomorrow at 10:00"),
        ("2026-12-11 18:00", "nl", "Weer open morgen om 10\u00a0uur"),
    ],
)
def test_the_closed_message_says_when_it_opens_again(now: str, code: str, expected: str) -> None:
    assert closed_message(centre(), paris(now), words(code)) == (words(code).ui["closed_title"], expected)


def test_the_first_of_a_month_and_a_reopening_next_year() -> None:
    schedule = centre(closed=["2026-12-24 to 2027-01-31"])
    title, reopens = closed_message(schedule, paris("2026-12-23 19:00"), words("fr"))
    assert (title, reopens) == ("Fermé", "Réouverture le mardi 2 février à 9\u00a0h\u00a030")
    schedule = centre(closed=["2026-12-09 to 2026-12-31"])
    reopens = closed_message(schedule, paris("2026-12-08 19:00"), words("fr"))[1]
    assert reopens.startswith("Réouverture le vendredi 1er janvier")
    long = centre(closed=["2026-12-09 to 2027-11-30"])
    assert closed_message(long, paris("2026-12-08 19:00"), words("en"))[1] == (
        "Open again on Wednesday 1 December 2027 at 9:30"
    )


def test_never_opening_again_says_closed_only() -> None:
    schedule = Schedule.of({"mon": []})
    assert closed_message(schedule, paris("2026-12-08 19:00"), words("nl")) == ("Gesloten", "")


def test_clock_time_per_language() -> None:
    at = paris("2026-12-08 09:05")
    assert [clock_time(at, words(code)) for code in ("fr", "en", "nl")] == ["9\u00a0h\u00a005", "9:05", "9.05\u00a0uur"]


def test_todays_hours_as_staff_read_them() -> None:
    schedule = centre(closed=["2026-12-25"], exceptions={"2026-12-24": ["09:30-14:00"]})
    ui = words("en").ui
    assert hours_text(schedule, paris("2026-12-08 08:00").date(), ui) == "9:30–12:30, 13:30–18:00"
    assert hours_text(schedule, paris("2026-12-07 08:00").date(), ui) == "closed all day"
    assert hours_text(schedule, paris("2026-12-24 08:00").date(), ui) == "9:30–14:00 (special hours)"
    assert hours_text(schedule, paris("2026-12-25 08:00").date(), ui) == "closed (closure day)"


# -- kiosk.yaml ----------------------------------------------------------------------------------


def test_wake_minutes_is_read_checked_and_defaults_to_two(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.yaml"
    path.write_text('opening_hours:\n  wake_minutes: 5\n  mon: ["09:00-17:00"]\n', encoding="utf-8")
    config, report = load_config(path)
    assert report.ok and run_settings(config).wake_minutes == 5
    path.write_text('opening_hours:\n  mon: ["09:00-17:00"]\n', encoding="utf-8")
    assert run_settings(load_config(path)[0]).wake_minutes == 2
    assert run_settings(None).wake_minutes == 2
    path.write_text('opening_hours:\n  wake_minutes: 0\n  mon: ["09:00-17:00"]\n', encoding="utf-8")
    config, report = load_config(path)
    lines = [problem.format() for problem in report.problems]
    assert len(lines) == 1 and lines[0].startswith("kiosk.yaml:2:17: error:") and "wake_minutes" in lines[0]
    assert config is not None and run_settings(config).opening_hours is None  # the group is left out
