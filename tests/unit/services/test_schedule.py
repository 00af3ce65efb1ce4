"""Opening hours as a pure policy: moments go in, open/closed and the next change come out.

Every moment is passed in, so a test jumps across a week, a daylight-saving change, a
closure or a clock fix without waiting. Europe/Paris changes on the last Sundays of March
(02:00 CET -> 03:00 CEST) and October (03:00 CEST -> 02:00 CET).
"""

from __future__ import annotations

import time
import zoneinfo
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from kiosk.services import schedule as hours
from kiosk.services.schedule import (
    DateSpan,
    DayHours,
    HoursError,
    Schedule,
    SystemZone,
    TimeRange,
    describe_week,
    format_moment,
    parse_date,
    parse_day,
    weekday_hint,
    zone_named,
)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
SPLIT = ["09:30-12:30", "13:30-18:00"]
#: The centre's usual week: closed on Monday, a lunch break on weekdays, long weekends.
WEEK = {"tue": SPLIT, "wed": SPLIT, "thu": SPLIT, "fri": SPLIT, "sat": ["10:00-19:00"], "sun": ["10:00-19:00"]}


def paris(text: str) -> datetime:
    """A Paris wall-clock moment, `2026-12-08 09:30` (the first of a repeated hour)."""
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def changes(schedule: Schedule, start: datetime, end: datetime) -> Iterator[tuple[str, str]]:
    """Every change from `start` to `end`, as ('opens'|'closes', Paris wall time)."""
    at = start
    while (change := schedule.next_change(at)) is not None and change.at < end:
        yield change.what, f"{change.at.astimezone(PARIS):%a %d %H:%M}"
        at = change.at


def centre(**extra: object) -> Schedule:
    return Schedule.of(WEEK, timezone="Europe/Paris", **extra)  # type: ignore[arg-type]


# -- a week -----------------------------------------------------------------------------------


def test_a_week_of_openings_and_closings() -> None:
    found = list(changes(centre(), paris("2026-12-07 00:00"), paris("2026-12-14 00:00")))
    day = [("opens", "09:30"), ("closes", "12:30"), ("opens", "13:30"), ("closes", "18:00")]
    expected = [
        (what, f"{name} {number} {clock}")
        for name, number in (("Tue", "08"), ("Wed", "09"), ("Thu", "10"), ("Fri", "11"))
        for what, clock in day
    ]
    expected += [
        ("opens", "Sat 12 10:00"),
        ("closes", "Sat 12 19:00"),
        ("opens", "Sun 13 10:00"),
        ("closes", "Sun 13 19:00"),
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        ("2026-12-07 11:00", False),  # Monday: closed all day
        ("2026-12-08 09:29:59", False),
        ("2026-12-08 09:30", True),  # a range includes its opening minute...
        ("2026-12-08 12:29:59", True),
        ("2026-12-08 12:30", False),  # ...and not its closing one
        ("2026-12-08 13:00", False),  # lunch
        ("2026-12-08 17:59", True),
        ("2026-12-08 18:00", False),
        ("2026-12-13 18:30", True),  # Sunday
        ("2026-12-08 03:00", False),  # night
    ],
)
def test_is_open_at_the_edges(moment: str, is_open: bool) -> None:
    assert centre().is_open(paris(moment)) is is_open


def test_next_change_says_what_and_when_in_wall_time() -> None:
    change = centre().next_change(utc("2026-12-08 10:00"))  # 11:00 in Paris
    assert change is not None
    assert (change.what, change.opens, change.at) == ("closes", False, paris("2026-12-08 12:30"))
    assert change.at.utcoffset() == timedelta(hours=1), "given in the schedule's own time"
    assert format_moment(change.at) == "12:30 (Tue 8 Dec)"
    change = centre().next_change(paris("2026-12-08 12:30"))  # at the very closing: the next opening
    assert change is not None and (change.what, change.at) == ("opens", paris("2026-12-08 13:30"))


def test_the_answer_does_not_depend_on_the_zone_of_the_moment_given() -> None:
    moment = paris("2026-12-08 12:00")
    for same in (moment, moment.astimezone(UTC), moment.astimezone(zoneinfo.ZoneInfo("America/New_York"))):
        assert centre().is_open(same)
        assert centre().next_change(same) == centre().next_change(moment)


def test_hours_on_a_date_for_the_admin_screen() -> None:
    schedule = centre(closed=["2026-12-25"], exceptions={"2026-12-31": ["09:30-14:00"]})
    assert schedule.hours_on(date(2026, 12, 8)) == DayHours(
        date(2026, 12, 8), (TimeRange(570, 750), TimeRange(810, 1080)), "week"
    )
    assert schedule.hours_on(date(2026, 12, 8)).describe() == "09:30-12:30, 13:30-18:00"
    assert schedule.hours_on(date(2026, 12, 7)).describe() == "closed"
    assert schedule.hours_on(date(2026, 12, 25)).describe() == "closed (closure)"
    assert schedule.hours_on(date(2026, 12, 31)).describe() == "09:30-14:00 (exception)"
    assert schedule.day_of(utc("2026-12-07 23:30")) == date(2026, 12, 8), "today is the Paris date"


def test_describe_week_groups_equal_days() -> None:
    assert describe_week(centre()) == "mon closed; tue-fri 09:30-12:30, 13:30-18:00; sat-sun 10:00-19:00"


# -- daylight saving -----------------------------------------------------------------------------


def test_spring_forward_a_range_across_the_missing_hour_is_shorter() -> None:
    """29 March 2026: 02:00 CET becomes 03:00 CEST. 01:00-04:00 is open two real hours."""
    schedule = Schedule.of({"sun": ["01:00-04:00"]}, timezone="Europe/Paris")
    change = schedule.next_change(utc("2026-03-28 23:00"))
    assert change is not None and change.opens and change.at == utc("2026-03-29 00:00")
    closing = schedule.next_change(change.at)
    assert closing is not None and closing.at == utc("2026-03-29 02:00")
    assert f"{closing.at:%H:%M %Z}" == "04:00 CEST"
    assert schedule.is_open(utc("2026-03-29 00:59:59"))  # 01:59:59 CET
    assert schedule.is_open(utc("2026-03-29 01:00"))  # 03:00 CEST, the next second
    assert not schedule.is_open(utc("2026-03-29 02:00"))


def test_spring_forward_a_time_in_the_missing_hour_falls_on_the_jump() -> None:
    """02:30 never shows on the clock that night: the range closes when the clock jumps to 03:00."""
    schedule = Schedule.of({"sun": ["01:30-02:30", "02:40-02:50", "03:30-05:00"]}, timezone="Europe/Paris")
    found = list(changes(schedule, paris("2026-03-29 00:00"), paris("2026-03-30 00:00")))
    # 02:40-02:50 lies wholly in the missing hour: never open, yet still listed for staff.
    assert found == [
        ("opens", "Sun 29 01:30"),
        ("closes", "Sun 29 03:00"),
        ("opens", "Sun 29 03:30"),
        ("closes", "Sun 29 05:00"),
    ]
    assert schedule.hours_on(date(2026, 3, 29)).describe() == "01:30-02:30, 02:40-02:50, 03:30-05:00"
    assert not schedule.is_open(utc("2026-03-29 01:00"))  # 03:00 CEST


def test_fall_back_a_range_across_the_repeated_hour_is_longer() -> None:
    """25 October 2026: 03:00 CEST becomes 02:00 CET. 01:00-03:00 is open three real hours."""
    schedule = Schedule.of({"sun": ["01:00-03:00"]}, timezone="Europe/Paris")
    opening = schedule.next_change(utc("2026-10-24 12:00"))
    assert opening is not None and opening.at == utc("2026-10-24 23:00")  # 01:00 CEST
    closing = schedule.next_change(opening.at)
    assert closing is not None and closing.at == utc("2026-10-25 02:00")  # 03:00 CET
    assert schedule.is_open(utc("2026-10-25 01:30"))  # 02:30 CET, the second time round


def test_fall_back_a_time_in_the_repeated_hour_is_its_first_showing() -> None:
    schedule = Schedule.of({"sun": ["02:30-02:45"]}, timezone="Europe/Paris")
    assert list(changes(schedule, paris("2026-10-25 00:00"), paris("2026-10-26 00:00"))) == [
        ("opens", "Sun 25 02:30"),
        ("closes", "Sun 25 02:45"),
    ]
    assert schedule.is_open(utc("2026-10-25 00:40"))  # 02:40 CEST
    assert not schedule.is_open(utc("2026-10-25 01:40"))  # 02:40 CET: the clock shows it again


def test_the_days_after_a_change_keep_their_wall_clock_hours() -> None:
    before = centre().next_change(utc("2026-03-27 06:00"))  # Friday, winter time
    after = centre().next_change(utc("2026-03-31 06:00"))  # Tuesday, summer time
    assert before is not None and before.at == utc("2026-03-27 08:30")
    assert after is not None and after.at == utc("2026-03-31 07:30")
    assert (f"{before.at:%H:%M}", f"{after.at:%H:%M}") == ("09:30", "09:30")


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="the process's time zone is set through TZ on POSIX only")
def test_the_pcs_own_zone_follows_the_same_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without `timezone`, the system's clock settings decide; checked here with TZ=Europe/Paris."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    try:
        named = Schedule.of({"sun": ["01:30-02:30", "03:30-05:00"], "mon": SPLIT}, timezone="Europe/Paris")
        system = Schedule.of({"sun": ["01:30-02:30", "03:30-05:00"], "mon": SPLIT})
        assert isinstance(system.zone, SystemZone)
        for start, clock in ((utc("2026-03-28 12:00"), "03:00"), (utc("2026-10-24 12:00"), "02:30")):
            # Compared in UTC: a time in the repeated hour never equals one of another zone (PEP 495).
            ours = [(c.opens, c.at.astimezone(UTC)) for c in _chain(system, start, 8)]
            assert ours == [(c.opens, c.at.astimezone(UTC)) for c in _chain(named, start, 8)]
            assert [f"{c.at:%H:%M}" for c in _chain(system, start, 4)] == ["01:30", clock, "03:30", "05:00"]
    finally:
        monkeypatch.undo()  # TZ as it was, then tell the C library
        time.tzset()


def _chain(schedule: Schedule, start: datetime, count: int) -> list[hours.Change]:
    found = []
    at = start
    for _ in range(count):
        change = schedule.next_change(at)
        assert change is not None
        found.append(change)
        at = change.at
    return found


# -- closures, exceptions, nights -------------------------------------------------------------------


def test_a_closure_date_and_a_winter_closure() -> None:
    schedule = centre(closed=["2026-12-25", "2027-01-04 to 2027-01-29"])
    assert not schedule.is_open(paris("2026-12-25 11:00"))  # a Friday
    assert schedule.is_open(paris("2026-12-26 11:00"))
    change = schedule.next_change(paris("2027-01-03 19:00"))  # the Sunday's closing, before the closure
    assert change is not None and change.at == paris("2027-01-30 10:00")  # the Saturday after it


def test_an_exception_wins_over_the_weekday_and_the_closure() -> None:
    schedule = centre(
        closed=["2027-01-04 to 2027-01-29"],
        exceptions={"2026-12-31": ["09:30-14:00"], "2027-01-15": ["18:00-22:00"], "2026-12-29": []},
    )
    assert list(changes(schedule, paris("2026-12-31 00:00"), paris("2027-01-01 00:00"))) == [
        ("opens", "Thu 31 09:30"),
        ("closes", "Thu 31 14:00"),
    ]
    assert schedule.is_open(paris("2027-01-15 19:00")), "an evening event inside the winter closure"
    assert not schedule.is_open(paris("2027-01-15 10:00"))
    assert not schedule.is_open(paris("2026-12-29 10:00")), "[] closes a usual Tuesday"


def test_an_evening_past_midnight_is_written_on_two_days_and_runs_as_one() -> None:
    schedule = Schedule.of({"fri": ["20:00-24:00"], "sat": ["00:00-02:00"]}, timezone="Europe/Paris")
    assert list(changes(schedule, paris("2026-12-11 00:00"), paris("2026-12-13 00:00"))) == [
        ("opens", "Fri 11 20:00"),
        ("closes", "Sat 12 02:00"),
    ], "no closing at midnight"
    assert schedule.is_open(paris("2026-12-12 00:00"))


def test_touching_ranges_are_one_opening() -> None:
    schedule = Schedule.of({"mon": ["09:00-12:00", "12:00-18:00"]}, timezone="Europe/Paris")
    change = schedule.next_change(paris("2026-12-07 10:00"))
    assert change is not None and change.at == paris("2026-12-07 18:00")


def test_never_open_and_always_open_have_no_next_change() -> None:
    closed = Schedule.of({"mon": []}, timezone="Europe/Paris")
    assert not closed.is_open(paris("2026-12-07 10:00"))
    assert closed.next_change(paris("2026-12-07 10:00")) is None
    always = Schedule.of({day: ["00:00-24:00"] for day in hours.WEEKDAYS}, timezone="Europe/Paris")
    assert always.is_open(paris("2026-03-29 02:30"))
    assert always.next_change(paris("2026-12-07 10:00")) is None


def test_a_closure_longer_than_the_horizon_reads_as_never() -> None:
    schedule = centre(closed=["2027-01-01 to 2028-12-31"])
    assert schedule.next_change(paris("2027-01-01 00:00")) is None
    assert schedule.next_change(paris("2028-12-20 00:00")) == hours.Change(paris("2029-01-02 09:30"), True)


# -- staying open for an event ---------------------------------------------------------------------


def test_stay_open_one_hour_pushes_the_closing_back() -> None:
    pressed = paris("2026-12-08 17:45")
    later = centre().stay_open_until(pressed + timedelta(hours=1), since=pressed)
    assert later.stay_open == hours.StayOpen(pressed, paris("2026-12-08 18:45"))
    assert later.next_change(paris("2026-12-08 17:50")) == hours.Change(paris("2026-12-08 18:45"), False)
    assert later.is_open(paris("2026-12-08 18:30"))
    assert not later.is_open(paris("2026-12-08 18:45"))
    assert later.next_change(paris("2026-12-08 18:45")) == hours.Change(paris("2026-12-09 09:30"), True)
    assert later.without_override() == centre()
    assert not centre().is_open(paris("2026-12-08 18:30")), "the schedule itself is unchanged"


def test_stay_open_while_closed_opens_at_once_and_joins_the_next_range() -> None:
    pressed = paris("2026-12-08 12:45")  # lunch break
    schedule = centre().stay_open_until(paris("2026-12-08 13:45"), since=pressed)
    assert schedule.is_open(pressed)
    assert schedule.next_change(pressed) == hours.Change(paris("2026-12-08 18:00"), False), "no closing at 13:30"


def test_stay_open_is_refused_without_a_time_zone_or_backwards() -> None:
    with pytest.raises(ValueError, match="after"):
        centre().stay_open_until(paris("2026-12-08 17:00"), since=paris("2026-12-08 18:00"))
    with pytest.raises(ValueError, match="aware"):
        centre().stay_open_until(datetime(2026, 12, 8, 19), since=paris("2026-12-08 18:00"))


# -- the clock jumps ------------------------------------------------------------------------------


def test_a_clock_jumping_back_and_forth_just_gets_new_answers() -> None:
    """Nothing is remembered between calls: after an NTP fix or a CMOS reset the answer is the new moment's."""
    pressed = paris("2026-12-08 17:45")
    schedule = centre().stay_open_until(pressed + timedelta(hours=1), since=pressed)
    answers = [
        (moment, schedule.is_open(paris(moment)), schedule.next_change(paris(moment)))
        for moment in (
            "2026-12-08 18:10",
            "2026-12-08 06:10",
            "2026-12-08 18:10",
            "2026-12-11 18:10",
            "2000-01-01 12:00",
            "2026-12-08 18:10",
        )
    ]
    assert [(moment, is_open) for moment, is_open, _ in answers] == [
        ("2026-12-08 18:10", True),  # staying open
        ("2026-12-08 06:10", False),  # back 12 h, before staff asked: the override does not apply
        ("2026-12-08 18:10", True),  # forward again: it does
        ("2026-12-11 18:10", False),  # three days on: long over
        ("2000-01-01 12:00", True),  # a dead CMOS battery: a Saturday in 2000, open by the week
        ("2026-12-08 18:10", True),
    ]
    assert answers[0][2] == answers[2][2] == answers[5][2] == hours.Change(paris("2026-12-08 18:45"), False)
    assert answers[1][2] == hours.Change(paris("2026-12-08 09:30"), True)
    assert answers[4][2] == hours.Change(paris("2000-01-01 19:00"), False)


def test_a_moment_without_a_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="aware datetime"):
        centre().is_open(datetime(2026, 12, 8, 10))


# -- reading the values -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:30-12:30", (570, 750)),
        ("9:30-12:30", (570, 750)),
        ("9h30 - 12h30", (570, 750)),
        ("09:30\u201312:30", (570, 750)),
        ("00:00-24:00", (0, 1440)),
        ("18:00-24:00", (1080, 1440)),
    ],
)
def test_ranges_as_people_write_them(text: str, expected: tuple[int, int]) -> None:
    assert TimeRange.parse(text) == TimeRange(*expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "09:30-25:00",
            "25:00 is not a time of day: hours go from 00 to 23, minutes from 00 to 59 (24:00 may end a range)",
        ),
        ("09:60-12:00", "09:60 is not a time of day"),
        ("24:00-02:00", "a range cannot open at 24:00: write 00:00 on the next day"),
        (
            "22:00-02:00",
            "22:00-02:00 ends before it starts: a range stays within one day; for an evening past "
            'midnight write "22:00-24:00" on this day and "00:00-02:00" on the next',
        ),
        ("10:00-10:00", "10:00-10:00 opens and closes at the same time"),
        ("9 to 5", "should be opening and closing times like \"09:30-12:30\", not '9 to 5'"),
        (570, 'should be opening and closing times in quotes, like "09:30-12:30", not a number'),
    ],
)
def test_a_bad_range_says_why(text: object, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        TimeRange.parse(text)
    assert str(raised.value).startswith(message)


def test_a_day_sorts_its_ranges_and_refuses_overlaps() -> None:
    assert parse_day(["13:30-18:00", "09:30-12:30"]) == (TimeRange(570, 750), TimeRange(810, 1080))
    assert parse_day(None) == parse_day([]) == parse_day("closed") == ()
    assert parse_day("09:30-18:00") == (TimeRange(570, 1080),)
    with pytest.raises(HoursError) as raised:
        parse_day(["09:30-12:30", "14:00-18:00", "12:00-13:00"])
    assert str(raised.value) == "12:00-13:00 overlaps 09:30-12:30: the ranges of a day may touch but not overlap"
    assert raised.value.at == (2,), "the range written third is at fault"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027-02-30", "2027-02-30 is not a date: February 2027 has 28 days"),
        ("2028-02-30", "2028-02-30 is not a date: February 2028 has 29 days"),
        ("2026-04-31", "2026-04-31 is not a date: April 2026 has 30 days"),
        ("2026-13-01", "2026-13-01 is not a date: there is no month 13"),
        ("25/12/2026", "should be a date written YEAR-MONTH-DAY, like 2026-12-25, not '25/12/2026'"),
    ],
)
def test_a_date_that_does_not_exist(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_date(text)
    assert str(raised.value).startswith(message)


def test_date_spans() -> None:
    assert DateSpan.parse("2027-01-04 to 2027-01-29") == DateSpan(date(2027, 1, 4), date(2027, 1, 29))
    assert str(DateSpan.parse("2026-12-25")) == "2026-12-25"
    with pytest.raises(ValueError, match="ends before it starts"):
        DateSpan.parse("2027-01-29 to 2027-01-04")


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("tues", "tue"),
        ("Monday", "mon"),
        ("wednesday", "wed"),
        ("thurs", "thu"),
        ("lundi", "mon"),
        ("dimanche", "sun"),
        ("zaterdag", "sat"),
        ("satday", "sat"),
        ("closing", None),
        ("timezone", None),
    ],
)
def test_weekday_hints(name: str, meant: str | None) -> None:
    assert weekday_hint(name) == meant


def test_schedule_of_names_a_misspelt_day() -> None:
    with pytest.raises(HoursError, match=r"unknown weekday 'tues' \(did you mean 'tue'\?\)"):
        Schedule.of({"tues": SPLIT})


def test_time_zones() -> None:
    assert zone_named(None) == SystemZone()
    assert zone_named("Europe/Paris").name == "Europe/Paris"
    with pytest.raises(ValueError) as raised:
        zone_named("Europe/Pariss")
    assert str(raised.value) == "there is no time zone named 'Europe/Pariss' (did you mean 'Europe/Paris'?)"
    with pytest.raises(ValueError, match="names look like Europe/Paris"):
        zone_named("Mars/Olympus Mons")


def test_a_pc_without_a_time_zone_database_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows without the tzdata package: no IANA name can be looked up."""

    def missing(key: str) -> None:
        raise zoneinfo.ZoneInfoNotFoundError(key)

    monkeypatch.setattr(hours.zoneinfo, "ZoneInfo", missing)
    monkeypatch.setattr(hours.zoneinfo, "available_timezones", set)
    with pytest.raises(ValueError) as raised:
        zone_named("Europe/Paris")
    assert str(raised.value) == (
        "'Europe/Paris' cannot be looked up: this PC has no time-zone database; "
        "leave timezone out to use the PC's own time zone"
    )
