"""Every tap of a visit counted by day, screen and cell (`day_taps`): sent only during a
visit, summed as it is written, pruned with the other daily figures, read for the report."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from kiosk.services import analytics
from kiosk.services.analytics import Message, SessionStart, Tap
from kiosk.services.statistics import summarise
from kiosk.services.visits import Visits


class Clock:
    def __init__(self) -> None:
        self.mono, self.wall = 100.0, datetime(2026, 12, 7, 11).astimezone().timestamp()

    def monotonic(self) -> float:
        return self.mono

    def utc(self) -> float:
        return self.wall


def test_a_tap_is_sent_only_during_a_visit() -> None:
    sent: list[Message] = []
    visits = Visits(sent.append, Clock(), new_id=lambda: 7)
    visits.tap("home", 5)
    assert sent == []
    visits.touch()
    visits.tap("home", 5)
    taps = [message for message in sent if isinstance(message, Tap)]
    assert [(tap.screen, tap.cell) for tap in taps] == [("home", 5)]
    visits.end()
    visits.tap("home", 6)
    assert len([message for message in sent if isinstance(message, Tap)]) == 1


def test_taps_are_summed_by_day_and_cell_and_pruned_with_the_daily_figures(tmp_path: Path) -> None:
    connection = analytics.connect(tmp_path / "visits.sqlite")
    today = date.today()
    at = datetime(today.year, today.month, today.day, 11).astimezone().timestamp()
    old = at - 500 * 86400
    batch: list[Message] = [SessionStart(1, at, "fr", "c", "1")]
    batch += [Tap(at, "home", 40)] * 3 + [Tap(at, "map", 41), Tap(old, "home", 40)]
    analytics.write_batch(connection, batch)
    analytics.write_batch(connection, [Tap(at + 5, "home", 40)])
    rows = connection.execute("SELECT screen, cell, local_date, taps FROM day_taps ORDER BY local_date, screen")
    assert [row[3] for row in rows] == [1, 4, 1]
    assert summarise(connection, today - timedelta(days=6), today).tap_cells == []  # not asked for
    summary = summarise(connection, today - timedelta(days=6), today, every_tap=True)
    assert summary.tap_cells == [("home", 40, 4), ("map", 41, 1)]
    analytics.prune(connection, today, analytics.RETENTION_DAYS, analytics.MAX_MB)
    assert connection.execute("SELECT count(*) FROM day_taps").fetchone()[0] == 2
    assert summarise(connection, today, today, cells=False, every_tap=True).tap_cells == []
    connection.close()
