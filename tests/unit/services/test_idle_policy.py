from __future__ import annotations

import pytest

from kiosk.services.idle import IdlePolicy, Phase


def test_phases_follow_the_timeout_then_the_countdown() -> None:
    policy = IdlePolicy(timeout_seconds=90, countdown_seconds=10)
    assert policy.phase(0) is Phase.ACTIVE
    assert policy.phase(89.9) is Phase.ACTIVE
    assert policy.phase(90) is Phase.WARNING
    assert policy.phase(99.9) is Phase.WARNING
    assert policy.phase(100) is Phase.EXPIRED


def test_countdown_shows_whole_seconds_from_ten_to_one() -> None:
    policy = IdlePolicy(timeout_seconds=90, countdown_seconds=10)
    assert policy.seconds_left(90.0) == 10
    assert policy.seconds_left(90.5) == 10
    assert policy.seconds_left(91.0) == 9
    assert policy.seconds_left(99.2) == 1
    assert policy.seconds_left(100.0) == 0


def test_next_check_wakes_at_the_timeout_and_at_each_tick() -> None:
    policy = IdlePolicy(timeout_seconds=90, countdown_seconds=10)
    assert policy.next_check(0) == pytest.approx(90)
    assert policy.next_check(30) == pytest.approx(60)
    assert policy.next_check(90) == pytest.approx(1.0)
    assert policy.next_check(90.25) == pytest.approx(0.75)
    assert policy.next_check(99.5) == pytest.approx(0.5)
    assert policy.next_check(100) == 0


@pytest.mark.parametrize(("timeout", "countdown"), [(0, 10), (90, 0), (-1, 5)])
def test_timings_must_be_positive(timeout: float, countdown: float) -> None:
    with pytest.raises(ValueError):
        IdlePolicy(timeout, countdown)


def test_the_assisted_timings_double_the_wait_and_give_twenty_seconds_to_answer() -> None:
    policy = IdlePolicy(timeout_seconds=45, countdown_seconds=10)
    assisted = policy.assisted()
    assert (assisted.timeout_seconds, assisted.countdown_seconds) == (90, 20)
    longer = IdlePolicy(timeout_seconds=60, countdown_seconds=30).assisted()
    assert (longer.timeout_seconds, longer.countdown_seconds) == (120, 30)  # never shorter
