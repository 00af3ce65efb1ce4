"""kiosk.yaml's `opening_hours`: read into a Schedule, each mistake reported at its line and column."""

from __future__ import annotations

import io
import zoneinfo
from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.commands.settings import run_validate_config
from kiosk.services.config import KioskConfig, load_config, run_settings
from kiosk.services.schedule import DateSpan, NamedZone, SystemZone, TimeRange
from tests.helpers.paths import REPO

SAMPLE = REPO / "deploy" / "kiosk.yaml"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")

GOOD = """\
rotation: 90
opening_hours:
  timezone: Europe/Paris
  mon: []
  tue: ["09:30-12:30", "13:30-18:00"]
  wed:
    - 09:30-12:30
    - 13:30-18:00
  sat: 10:00-19:00
  sun: closed
  closed: [2026-12-25, 2027-01-04 to 2027-01-29]
  exceptions:
    2026-12-31: ["09:30-14:00"]
    2027-01-15: []
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def messages(tmp_path: Path, text: str) -> list[str]:
    _config, report = load_config(write(tmp_path, text))
    return [problem.format() for problem in report.sorted()]


def test_the_hours_are_read_into_a_schedule(tmp_path: Path) -> None:
    config, report = load_config(write(tmp_path, GOOD))
    assert report.ok, [p.format() for p in report.problems]
    assert config is not None and config.opening_hours is not None
    schedule = run_settings(config, frozen=False).opening_hours
    assert schedule is not None
    assert schedule.week == (
        (),
        (TimeRange(570, 750), TimeRange(810, 1080)),
        (TimeRange(570, 750), TimeRange(810, 1080)),
        (),
        (),
        (TimeRange(600, 1140),),
        (),
    )
    assert schedule.closed == (
        DateSpan(date(2026, 12, 25), date(2026, 12, 25)),
        DateSpan(date(2027, 1, 4), date(2027, 1, 29)),
    )
    assert schedule.exceptions == {date(2026, 12, 31): (TimeRange(570, 840),), date(2027, 1, 15): ()}
    assert schedule.zone == NamedZone(PARIS)
    assert schedule.is_open(datetime(2026, 12, 8, 10, tzinfo=PARIS))


def test_display_power_is_auto_unless_set_to_black(tmp_path: Path) -> None:
    config, report = load_config(write(tmp_path, GOOD))
    assert report.ok and run_settings(config, frozen=False).display_power == "auto"
    config, report = load_config(write(tmp_path, "opening_hours:\n  mon: ['09:00-17:00']\n  display_power: black\n"))
    assert report.ok and run_settings(config, frozen=False).display_power == "black"


def test_without_the_group_the_kiosk_is_always_open(tmp_path: Path) -> None:
    for text in ("rotation: 90\n", "opening_hours:\n", "opening_hours:  # see the sample\n  # mon: []\n"):
        config, report = load_config(write(tmp_path, text))
        assert report.ok and config is not None
        assert config.opening_hours is None
        assert run_settings(config, frozen=False).opening_hours is None
    assert run_settings(None, frozen=False).opening_hours is None


def test_without_a_time_zone_the_pcs_own_is_used(tmp_path: Path) -> None:
    config, report = load_config(write(tmp_path, "opening_hours:\n  mon: ['09:00-17:00']\n"))
    assert report.ok and config is not None and config.opening_hours is not None
    assert config.opening_hours.to_schedule().zone == SystemZone()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'opening_hours:\n  mon: ["09:30-12:30", "12:00-18:00"]\n',
            "kiosk.yaml:2:24: error: 'opening_hours.mon.2': 12:00-18:00 overlaps 09:30-12:30: "
            "the ranges of a day may touch but not overlap",
        ),
        (
            'opening_hours:\n  tue: ["09:30-25:00"]\n',
            "kiosk.yaml:2:9: error: 'opening_hours.tue.1': 25:00 is not a time of day: hours go from 00 to 23, "
            "minutes from 00 to 59 (24:00 may end a range)",
        ),
        (
            "opening_hours:\n  fri:\n    - 09:30-12:30\n    - 22:00-02:00\n",
            "kiosk.yaml:4:7: error: 'opening_hours.fri.2': 22:00-02:00 ends before it starts: a range stays within "
            'one day; for an evening past midnight write "22:00-24:00" on this day and "00:00-02:00" on the next',
        ),
        (
            'opening_hours:\n  mon: []\n  tues: ["09:30-18:00"]\n',
            "kiosk.yaml:3:3: error: unknown key 'tues' (did you mean 'tue'? the days are written mon, tue, wed, "
            "thu, fri, sat, sun)",
        ),
        (
            'opening_hours:\n  mon: []\n  mercredi: ["09:30-18:00"]\n',
            "kiosk.yaml:3:3: error: unknown key 'mercredi' (did you mean 'wed'? the days are written mon, tue, wed, "
            "thu, fri, sat, sun)",
        ),
        (
            "opening_hours:\n  mon: []\n  exeptions: {}\n",
            "kiosk.yaml:3:3: error: unknown key 'exeptions' (did you mean 'exceptions'?)",
        ),
        (
            "opening_hours:\n  mon: []\n  closed: [2026-12-25, 2027-02-30]\n",
            "kiosk.yaml:3:24: error: 'opening_hours.closed.2': 2027-02-30 is not a date: February 2027 has 28 days",
        ),
        (
            "opening_hours:\n  mon: []\n  closed:\n    - 2027-01-29 to 2027-01-04\n",
            "kiosk.yaml:4:7: error: 'opening_hours.closed.1': '2027-01-29 to 2027-01-04' ends before it starts: "
            "write the earlier date first",
        ),
        (
            'opening_hours:\n  mon: []\n  exceptions:\n    2027-02-30: ["09:30-14:00"]\n',
            "kiosk.yaml:4:5: error: 'opening_hours.exceptions': 2027-02-30 is not a date: February 2027 has 28 days",
        ),
        (
            'opening_hours:\n  mon: []\n  exceptions:\n    2026-12-31: ["09:30-14:00", "14:00-9:00"]\n',
            "kiosk.yaml:4:33: error: 'opening_hours.exceptions.2026-12-31.2': 14:00-09:00 ends before it starts",
        ),
        (
            "opening_hours:\n  timezone: Europe/Pariss\n  mon: []\n",
            "kiosk.yaml:2:13: error: 'opening_hours.timezone': there is no time zone named 'Europe/Pariss' "
            "(did you mean 'Europe/Paris'?)",
        ),
        (
            "opening_hours:\n  mon: [9:30]\n",
            "kiosk.yaml:2:9: error: 'opening_hours.mon.1': should be opening and closing times in quotes, "
            'like "09:30-12:30", not a number',
        ),
        (
            "opening_hours:\n  mon: {open: 9}\n",
            "kiosk.yaml:2:8: error: 'opening_hours.mon': should be a list of opening times like "
            '["09:30-12:30", "13:30-18:00"], or [] when closed, not a group of keys',
        ),
        (
            "rotation: 0\nopening_hours:\n  closed: [2026-12-25]\n",
            "kiosk.yaml:2:1: error: 'opening_hours': no weekday is given, so the kiosk would never open: add the days "
            'the centre opens (mon: ["09:30-18:00"], ...), or leave opening_hours out to stay open around the clock',
        ),
        (
            "opening_hours: [mon]\n",
            "kiosk.yaml:1:16: error: 'opening_hours' should be a group of 'key: value' lines, not a list",
        ),
        (
            'opening_hours:\n  mon: ["09:30-18:00"]\n  display_power: dim\n',
            "kiosk.yaml:3:18: error: 'opening_hours.display_power' should be one of: auto, black, not 'dim'",
        ),
    ],
    ids=[
        "overlap",
        "25:00",
        "overnight",
        "tues",
        "french-day",
        "misspelt-key",
        "no-such-date",
        "span-backwards",
        "exception-date",
        "exception-range",
        "timezone",
        "unquoted-time",
        "day-not-a-list",
        "no-weekday",
        "group-not-a-group",
        "display-power",
    ],
)
def test_each_mistake_is_reported_at_its_place(tmp_path: Path, text: str, expected: str) -> None:
    found = messages(tmp_path, text)
    assert len(found) == 1, found
    assert found[0].startswith(expected), found


def test_every_mistake_is_listed_at_once(tmp_path: Path) -> None:
    text = 'opening_hours:\n  mon: ["25:00-26:00"]\n  tues: []\n  closed: [2027-02-30]\n  timezone: Mars/Base\n'
    lines = [message.split(": error: ")[0] for message in messages(tmp_path, text)]
    assert lines == ["kiosk.yaml:2:9", "kiosk.yaml:3:3", "kiosk.yaml:4:12", "kiosk.yaml:5:13"]


def test_broken_hours_are_left_out_and_the_rest_kept(tmp_path: Path) -> None:
    """A mistake must not close the exhibit: the group is ignored (always open), as without it."""
    config, report = load_config(write(tmp_path, 'rotation: 90\nopening_hours:\n  mon: ["09:00-25:00"]\n'))
    assert len(report.errors) == 1
    assert config is not None and config.rotation == 90 and config.opening_hours is None


def test_validate_config_shows_the_hours_as_understood(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_validate_config(write(tmp_path, GOOD), out, io.StringIO()) == 0
    assert out.getvalue().splitlines()[-3:] == [
        "opening hours: mon closed; tue-wed 09:30-12:30, 13:30-18:00; thu-fri closed; sat 10:00-19:00; sun closed "
        "(times in Europe/Paris)",
        "  closed: 2026-12-25, 2027-01-04 to 2027-01-29",
        "  exceptions: 2026-12-31 09:30-14:00; 2027-01-15 closed",
    ]
    out = io.StringIO()
    assert run_validate_config(write(tmp_path, "rotation: 0\n"), out, io.StringIO()) == 0
    assert out.getvalue().splitlines()[-1] == "opening hours: always open (no opening_hours)"


def test_validate_config_exits_1_on_bad_hours(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_validate_config(write(tmp_path, 'opening_hours:\n  mon: ["18:00-09:00"]\n'), out, io.StringIO()) == 1
    assert out.getvalue().startswith("kiosk.yaml:2:9: error: 'opening_hours.mon.1': 18:00-09:00 ends before")


def test_the_samples_commented_hours_switched_on_are_valid(tmp_path: Path) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    start = lines.index("# opening_hours:")
    block = []
    for line in lines[start:]:
        if not line.startswith("# "):
            break
        block.append(line[2:])
    assert len(block) > 10
    config, report = load_config(write(tmp_path, "\n".join(block) + "\n"))
    assert report.ok, [p.format() for p in report.problems]
    assert config is not None and config.opening_hours is not None
    schedule = config.opening_hours.to_schedule()
    assert schedule.hours_on(date(2026, 12, 8)).describe() == "09:30-12:30, 13:30-18:00"
    assert schedule.hours_on(date(2027, 1, 12)).describe() == "closed (closure)"
    assert "opening_hours" in KioskConfig.model_fields
