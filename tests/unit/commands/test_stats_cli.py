"""`kiosk stats`: the record's figures as text, CSV and JSON; an empty period said plainly."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.commands.stats import period, run_stats
from kiosk.services import analytics
from kiosk.services.analytics import ContentShown, Event, Message, SessionStart, SessionUpdate


@pytest.fixture
def record(tmp_path: Path) -> Path:
    path = tmp_path / "visits.sqlite"
    connection = analytics.connect(path)
    today = date.today()
    batch: list[Message] = [ContentShown("abc", (("blason", "lion"), ("blason", "mine")))]
    for session, back in enumerate((0, 1, 1, 3), start=1):
        day = today - timedelta(days=back)
        start = datetime(day.year, day.month, day.day, 11).astimezone().timestamp()
        batch += [
            SessionStart(session, start, "fr" if session % 2 else "en", "abc", "1.0"),
            Event(session, start + 1, 1, "section", "blason", "blason"),
            Event(session, start + 3, 3, "item", "blason", "lion"),
            Event(session, start + 5, 5, "nothing", "home", cell=40),
            Event(session, start + 6, 6, "countdown"),
            SessionUpdate(session, 45.0 * session, "fr" if session % 2 else "en", ended=True),
        ]
    analytics.write_batch(connection, batch)
    analytics.roll_up(connection, today)
    connection.close()
    return path


def stats(record: Path, fmt: str = "text", first: date | None = None, last: date | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_stats(record, first, last, fmt, None, out, err)
    return code, out.getvalue(), err.getvalue()


def test_the_text_summary_names_every_figure(record: Path) -> None:
    code, out, _err = stats(record)
    assert code == 0
    for words in (
        "Visits: 4",
        "Visit length: median",
        "Visits per day:",
        "Visits per hour of the week",
        "Languages",
        "Sections, by opens",
        "blason:lion",
        "Items nobody opened",
        "Taps on nothing, per screen",
        "Idle countdown: shown 4 times, cancelled by a touch 0 times (0 %)",
    ):
        assert words in out, words


def test_json_and_csv_for_tools(record: Path) -> None:
    _code, out, _err = stats(record, "json")
    data = json.loads(out)
    assert data["visits"] == 4
    assert data["items"][0] == {
        "section": "blason",
        "item": "lion",
        "opens": 4,
        "seconds": pytest.approx(data["items"][0]["seconds"]),
    }
    assert data["never_opened"] == [{"section": "blason", "item": "mine"}]  # the content the kiosk showed
    assert data["taps_on_nothing"] == {"home": 4}
    _code, out, _err = stats(record, "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["figure", "key", "detail", "value"]
    assert ["visits", "", "", "4"] in rows


def test_an_empty_period_says_so(record: Path) -> None:
    code, out, _err = stats(record, first=date(2001, 1, 1), last=date(2001, 1, 31))
    assert code == 0
    assert "No visits were recorded in this period." in out
    _code, out, _err = stats(record, "json", first=date(2001, 1, 1), last=date(2001, 1, 31))
    assert json.loads(out)["visits"] == 0


def test_no_record_and_an_upside_down_period_are_explained(tmp_path: Path, record: Path) -> None:
    code, _out, err = stats(tmp_path / "none.sqlite")
    assert code == 1 and "no visitor record" in err
    code, _out, err = stats(record, first=date(2026, 2, 1), last=date(2026, 1, 1))
    assert code == 1 and "is after" in err


def test_a_picture_without_a_report_is_explained(tmp_path: Path, record: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run_stats(record, None, None, "text", None, out, err, picture=tmp_path / "page.png")
    assert code == 1 and "give --report DIR too" in err.getvalue()
    assert not (tmp_path / "page.png").exists()


def test_a_corrupt_record_is_reported_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "visits.sqlite"
    path.write_bytes(b"garbage" * 1000)
    code, _out, err = stats(path)
    assert code == 1 and "cannot be read" in err


def test_the_default_period_is_the_last_30_days() -> None:
    assert period(None, None, date(2026, 12, 31)) == (date(2026, 12, 2), date(2026, 12, 31))
    assert period(date(2026, 1, 1), None, date(2026, 12, 31)) == (date(2026, 1, 1), date(2026, 12, 31))


def test_the_command_line(record: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["stats", "--record", str(record), "--format", "json", "--from", "2000-01-01"]) == 0
    assert json.loads(capsys.readouterr().out)["visits"] == 4
    assert cli.main(["stats", "--from", "1st of May"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
