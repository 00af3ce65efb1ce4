"""The record's figures for a period (kiosk/services/statistics.py), rolled-up days and today alike."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.services import analytics
from kiosk.services.analytics import Event, Message, SessionStart, SessionUpdate
from kiosk.services.statistics import content_items, summarise

TODAY = date(2026, 12, 7)


def at(day: date, hour: int = 12) -> float:
    return datetime(day.year, day.month, day.day, hour).astimezone().timestamp()


def visit(
    session: int, start: float, seconds: float, language: str = "fr", extra: tuple[Event, ...] = ()
) -> list[Message]:
    return [
        SessionStart(session, start, language, "abc", "1.0"),
        Event(session, start + 2, 2, "section", "timeline", "timeline", language),
        Event(session, start + 4, 4, "item", "timeline", "loos", language),
        Event(session, start + 10, 10, "close", "timeline", "", language),
        Event(session, start + 12, 12, "home", "", "", language),
        *extra,
        SessionUpdate(session, seconds, language, ended=True),
    ]


@pytest.fixture
def record(tmp_path: Path) -> sqlite3.Connection:
    connection = analytics.connect(tmp_path / "visits.sqlite")
    batch: list[Message] = []
    yesterday = TODAY - timedelta(days=1)
    batch += visit(1, at(yesterday, 10), 30)
    batch += visit(2, at(yesterday, 10), 90, "en")
    batch += visit(
        3,
        at(yesterday, 15),
        400,
        extra=(
            Event(3, 0, 20, "nothing", "home", cell=5),
            Event(3, 0, 21, "nothing", "home", cell=5),
            Event(3, 0, 22, "countdown"),
            Event(3, 0, 23, "cancelled"),
            Event(3, 0, 24, "glossary", "blason", "sinople"),
        ),
    )
    analytics.write_batch(connection, batch)
    analytics.roll_up(connection, TODAY, now_utc=at(TODAY))
    analytics.write_batch(connection, visit(4, at(TODAY, 9), 50, "nl"))  # today: not rolled up
    return connection


def test_figures_add_the_rolled_up_days_and_the_live_ones(record: sqlite3.Connection) -> None:
    summary = summarise(record, TODAY - timedelta(days=6), TODAY, [("timeline", "loos"), ("timeline", "lens")])
    assert summary.visits == 4
    assert summary.per_day == {(TODAY - timedelta(days=1)).isoformat(): 3, TODAY.isoformat(): 1}
    weekday = (TODAY - timedelta(days=1)).weekday()
    assert summary.per_hour_of_week[(weekday, 10)] == 2
    assert summary.languages == {"fr": 2, "en": 1, "nl": 1}
    assert summary.median_seconds == pytest.approx(72.5)  # halfway between 50 and 90, from 5 s bins
    assert summary.lengths["30 s to 1 min"] == 2
    assert summary.lengths["5 min to 10 min"] == 1
    assert summary.sections == [("timeline", 4, 40.0)]  # 2 s to the home button (12 s), four times
    assert summary.items == [("timeline", "loos", 4, 24.0)]  # opened at 4 s, closed at 10 s
    assert summary.never_opened == [("timeline", "lens")]
    assert summary.nothing == {"home": 2}
    assert summary.nothing_cells == [("home", 5, 2)]
    assert (summary.countdown_shown, summary.countdown_cancelled, summary.cancelled_share) == (1, 1, 1.0)
    assert summary.actions == {"glossary": 1, "home": 4}
    assert summary.as_json()["languages"]["fr"] == {"visits": 2, "share": 0.5}


def test_an_empty_period_has_no_visits(record: sqlite3.Connection) -> None:
    summary = summarise(record, date(2020, 1, 1), date(2020, 1, 31))
    assert summary.visits == 0
    assert summary.as_json()["visits"] == 0


def test_a_newer_record_is_read_for_what_is_known(tmp_path: Path, record: sqlite3.Connection) -> None:
    record.execute("ALTER TABLE sessions ADD COLUMN mood TEXT")
    record.execute("CREATE TABLE day_moods (local_date TEXT)")
    record.execute("PRAGMA user_version = 9")
    reader = analytics.connect(tmp_path / "visits.sqlite", read_only=True)
    assert summarise(reader, TODAY - timedelta(days=6), TODAY).visits == 4


def test_every_openable_item_of_the_bundled_content_is_listed() -> None:
    from kiosk.content.loader import load_exhibit
    from kiosk.paths import default_content_dir

    exhibit, _report = load_exhibit(default_content_dir(), thorough=False)
    assert exhibit is not None
    items = content_items(exhibit)
    kinds = {kind for kind, _item in items}
    assert {"timeline", "blason", "map", "pillars"} <= kinds
    assert len(items) == len(set(items)) > 20
