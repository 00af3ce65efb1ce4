"""Sessionisation with an injected clock (kiosk/services/visits.py)."""

from __future__ import annotations

import itertools

from kiosk.services.analytics import Event, Message, SessionStart, SessionUpdate
from kiosk.services.visits import Visits

YEAR = 365 * 24 * 3600.0


class FakeClock:
    def __init__(self) -> None:
        self.mono = 1000.0
        self.wall = 1_780_000_000.0

    def monotonic(self) -> float:
        return self.mono

    def utc(self) -> float:
        return self.wall

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += seconds


def make(gap: float = 120.0) -> tuple[Visits, FakeClock, list[Message]]:
    sent: list[Message] = []
    clock = FakeClock()
    ids = itertools.count(1)
    visits = Visits(
        sent.append, clock, session_gap=gap, language="fr", content="abc", version="1.0", new_id=lambda: next(ids)
    )
    return visits, clock, sent


def last_length(sent: list[Message], session: int) -> SessionUpdate:
    return [m for m in sent if isinstance(m, SessionUpdate) and m.session == session][-1]


def test_a_session_starts_at_the_first_touch_and_ends_at_the_last_one() -> None:
    visits, clock, sent = make()
    assert visits.session is None
    visits.touch()
    assert sent == [SessionStart(1, clock.wall, "fr", "abc", "1.0")]
    clock.advance(30)
    visits.touch()
    clock.advance(12)
    visits.touch()
    # The visitor walks away: 90 s idle, then the countdown, then the reset.
    clock.advance(90)
    visits.countdown_shown()
    clock.advance(10)
    visits.end()
    final = last_length(sent, 1)
    assert final.seconds == 42  # the idle time is not visit time
    assert final.ended
    assert visits.session is None


def test_the_next_touch_after_a_reset_is_a_new_session() -> None:
    visits, clock, sent = make()
    visits.touch()
    visits.end()
    clock.advance(5)
    visits.touch()
    assert [m.session for m in sent if isinstance(m, SessionStart)] == [1, 2]


def test_touches_closer_than_the_gap_are_one_session_and_a_long_gap_starts_another() -> None:
    visits, clock, sent = make(gap=120)
    visits.touch()
    for _ in range(10):
        clock.advance(100)
        visits.touch()
    assert visits.session == 1
    clock.advance(121)  # no reset came (missed), yet the visitor surely changed
    visits.touch()
    assert visits.session == 2
    assert last_length(sent, 1).seconds == 1000
    assert last_length(sent, 1).ended


def test_a_touch_during_the_countdown_cancels_it_and_the_visit_goes_on() -> None:
    visits, clock, sent = make()
    visits.touch()
    clock.advance(90)
    visits.countdown_shown()
    visits.countdown_shown()  # said once
    clock.advance(3)
    visits.touch()
    kinds = [m.kind for m in sent if isinstance(m, Event)]
    assert kinds == ["countdown", "cancelled"]
    assert visits.session == 1


def test_actions_carry_the_language_and_the_offset_and_are_dropped_outside_a_session() -> None:
    visits, clock, sent = make()
    visits.action("section", "timeline", "timeline")
    assert sent == []
    visits.touch()
    clock.advance(4)
    visits.action("language", item="en")
    visits.action("section", "timeline", "timeline")
    events = [m for m in sent if isinstance(m, Event)]
    assert events[1] == Event(1, clock.wall, 4.0, "section", "timeline", "timeline", "en", -1)
    visits.end()
    assert last_length(sent, 1).language == "en"


def test_the_clock_set_back_by_a_year_never_makes_a_negative_length() -> None:
    visits, clock, sent = make()
    visits.touch()
    start = clock.wall
    clock.advance(20)
    clock.wall -= YEAR  # someone sets the PC's date back a year mid-visit
    visits.touch()
    visits.action("home")
    clock.advance(5)
    visits.touch()
    visits.end()
    final = last_length(sent, 1)
    assert final.seconds == 25
    home = next(m for m in sent if isinstance(m, Event))
    assert home.at == start + 20  # dated from the session's start, in order
    assert all(m.offset >= 0 for m in sent if isinstance(m, Event))


def test_a_monotonic_clock_that_jumps_back_gives_zero_not_negative() -> None:
    visits, clock, sent = make()
    visits.touch()
    clock.mono -= YEAR  # a broken clock: still no negative figure
    visits.action("home")
    visits.touch()
    visits.end()
    assert last_length(sent, 1).seconds == 0
    assert all(m.offset >= 0 for m in sent if isinstance(m, Event))


def test_new_content_is_carried_by_the_next_session() -> None:
    visits, _clock, sent = make()
    visits.set_content("def", "1.1")
    visits.touch()
    assert sent[0] == SessionStart(1, sent[0].at, "fr", "def", "1.1")  # type: ignore[union-attr]
