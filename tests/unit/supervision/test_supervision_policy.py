"""The supervisor's policy, with the clock in the test's hands."""

from __future__ import annotations

import pytest

from kiosk.supervision.contract import EXIT_QUIT, EXIT_RESTART, busy_message, parse_busy
from kiosk.supervision.policy import Action, ExitKind, RestartPolicy, Supervision, classify


@pytest.mark.parametrize(
    ("code", "hung", "kind"),
    [
        (EXIT_QUIT, False, ExitKind.QUIT),
        (EXIT_RESTART, False, ExitKind.RESTART),
        (1, False, ExitKind.CRASH),
        (3, False, ExitKind.CRASH),
        (-11, False, ExitKind.CRASH),  # SIGSEGV on POSIX
        (0xC0000005, False, ExitKind.CRASH),  # access violation on Windows
        (None, False, ExitKind.CRASH),
        (0, True, ExitKind.HUNG),  # killed for not answering, whatever code it had
        (-9, True, ExitKind.HUNG),
    ],
)
def test_exit_codes_are_classified(code: int | None, hung: bool, kind: ExitKind) -> None:
    assert classify(code, hung) is kind


def crash_at(sup: Supervision, start: float, end: float, kind: ExitKind = ExitKind.CRASH) -> tuple[Action, float, bool]:
    decision = sup.exited(kind, start, end)
    return decision.action, decision.delay, decision.fall_back


def test_quit_stops_the_supervisor() -> None:
    decision = Supervision().exited(ExitKind.QUIT, 0, 5)
    assert decision.action is Action.STOP


def test_crashes_back_off_one_two_five_ten_thirty_then_stay_at_thirty() -> None:
    sup = Supervision(RestartPolicy(crash_limit=100), can_fall_back=False)
    delays = []
    clock = 0.0
    for _ in range(7):
        decision = sup.exited(ExitKind.CRASH, clock, clock + 1)
        delays.append(decision.delay)
        clock += 1 + decision.delay
    assert delays == [1, 2, 5, 10, 30, 30, 30]


def test_a_long_healthy_run_resets_the_back_off() -> None:
    sup = Supervision(RestartPolicy(crash_limit=100, healthy_after=300))
    assert sup.exited(ExitKind.CRASH, 0, 10).delay == 1
    assert sup.exited(ExitKind.CRASH, 11, 20).delay == 2
    assert sup.exited(ExitKind.CRASH, 22, 30).delay == 5
    assert sup.exited(ExitKind.CRASH, 35, 334).delay == 10, "299 s is not long enough"
    assert sup.exited(ExitKind.CRASH, 344, 644).delay == 1, "300 s of good running starts over"


def test_a_first_hang_is_restarted_at_once_and_later_ones_back_off() -> None:
    sup = Supervision(RestartPolicy(crash_limit=100))
    assert crash_at(sup, 0, 20, ExitKind.HUNG) == (Action.RESTART, 0, False)
    assert crash_at(sup, 20, 30, ExitKind.HUNG) == (Action.RESTART, 1, False)
    assert crash_at(sup, 31, 40, ExitKind.HUNG) == (Action.RESTART, 2, False)
    assert crash_at(sup, 42, 50, ExitKind.CRASH) == (Action.RESTART, 10, False), "a hang counts as a crash"


def test_a_hang_after_a_long_healthy_run_is_restarted_at_once_again() -> None:
    sup = Supervision(RestartPolicy(crash_limit=100, healthy_after=300))
    assert crash_at(sup, 0, 20, ExitKind.HUNG)[1] == 0
    assert crash_at(sup, 20, 30, ExitKind.HUNG)[1] == 1
    assert crash_at(sup, 31, 400, ExitKind.HUNG)[1] == 0


def test_hangs_fall_back_to_the_built_in_exhibit_at_once() -> None:
    sup = Supervision(RestartPolicy(crash_limit=3))
    crash_at(sup, 0, 10, ExitKind.HUNG)
    crash_at(sup, 10, 20, ExitKind.HUNG)
    assert crash_at(sup, 21, 30, ExitKind.HUNG) == (Action.RESTART, 0, True)


def test_the_default_timings_end_a_hang_well_within_ten_seconds() -> None:
    policy = RestartPolicy()
    assert policy.heartbeat_timeout <= 5, "noticed, killed and restarted (about 2.5 s) within 10 s"
    assert policy.busy_limit >= 30, "a slow PC may build the scene for a while"


def test_busy_lines_round_trip() -> None:
    line = busy_message(30, "showing new\tcontent é")
    assert line == b"busy 30 showing new content ?\n"
    assert parse_busy(line[:-1]) == (30.0, "showing new content ?")
    assert parse_busy(busy_message(0, "")[:-1]) == (0.0, "")
    assert len(busy_message(1.5, "x" * 500)) == 120
    for bad in (b"busy", b"busy x", b"busy -1", b"busy nan", b"idle 3", b""):
        assert parse_busy(bad) is None, bad


def test_a_restart_request_restarts_at_once_and_is_not_a_crash() -> None:
    sup = Supervision(RestartPolicy(crash_limit=3))
    sup.exited(ExitKind.CRASH, 0, 1)
    sup.exited(ExitKind.CRASH, 2, 3)
    decision = sup.exited(ExitKind.RESTART, 5, 6)
    assert (decision.action, decision.delay, decision.fall_back, decision.note) == (Action.RESTART, 0, False, None)
    # The crash count started over: two more crashes do not reach the limit of three.
    assert crash_at(sup, 6, 7) == (Action.RESTART, 1, False)
    assert crash_at(sup, 8, 9) == (Action.RESTART, 2, False)


def test_three_crashes_in_ten_minutes_fall_back_to_the_built_in_exhibit() -> None:
    sup = Supervision(RestartPolicy(crash_limit=3, crash_window=600), content_label="/srv/expo")
    assert crash_at(sup, 0, 100) == (Action.RESTART, 1, False)
    assert crash_at(sup, 101, 300) == (Action.RESTART, 2, False)
    decision = sup.exited(ExitKind.CRASH, 302, 500)
    assert (decision.action, decision.fall_back) == (Action.RESTART, True)
    assert decision.note == (
        "The content folder /srv/expo crashed the exhibit 3 times in 10 minutes; showing the built-in exhibit instead."
    )
    assert sup.fallback
    # It stays on the built-in exhibit, crashes or not, with no new note.
    decision = sup.exited(ExitKind.CRASH, 501, 502)
    assert (decision.fall_back, decision.note) == (True, None)
    decision = sup.exited(ExitKind.CRASH, 600, 601)
    assert (decision.fall_back, decision.note) == (True, None)


def test_crashes_spread_over_more_than_the_window_do_not_fall_back() -> None:
    sup = Supervision(RestartPolicy(crash_limit=3, crash_window=600))
    crash_at(sup, 0, 10)
    crash_at(sup, 11, 300)
    assert crash_at(sup, 350, 620) == (Action.RESTART, 5, False), "the crash at 10 s is out of the window"
    assert not sup.fallback


def test_a_restart_request_tries_the_configured_content_again() -> None:
    sup = Supervision(RestartPolicy(crash_limit=1), content_label="/srv/expo")
    assert sup.exited(ExitKind.CRASH, 0, 1).fall_back
    decision = sup.exited(ExitKind.RESTART, 2, 50)
    assert decision.fall_back is False
    assert decision.note == "Restart asked: trying the content folder /srv/expo again."
    assert not sup.fallback


def test_no_fallback_when_the_configured_content_is_the_built_in_one() -> None:
    sup = Supervision(RestartPolicy(crash_limit=2), can_fall_back=False)
    for start in range(0, 50, 10):
        decision = sup.exited(ExitKind.CRASH, start, start + 1)
        assert (decision.action, decision.fall_back, decision.note) == (Action.RESTART, False, None)


def test_short_windows_are_said_in_seconds() -> None:
    sup = Supervision(RestartPolicy(crash_limit=2, crash_window=30), content_label="X")
    sup.exited(ExitKind.CRASH, 0, 1)
    note = sup.exited(ExitKind.CRASH, 2, 3).note
    assert note == (
        "The content folder X crashed the exhibit 2 times in 30 seconds; showing the built-in exhibit instead."
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"backoff": ()},
        {"backoff": (1, -1)},
        {"crash_limit": 0},
        {"heartbeat_timeout": 0},
        {"startup_grace": -1},
        {"crash_window": 0},
        {"terminate_grace": -1},
    ],
)
def test_bad_timings_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        RestartPolicy(**kwargs)  # type: ignore[arg-type]
