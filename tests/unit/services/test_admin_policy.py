"""The admin screen's rules without Qt: PIN hashes, the lockout, the corner-tap gesture."""

from __future__ import annotations

import hashlib
import logging
import random
from pathlib import Path

import pytest

from kiosk.services.admin import (
    Attempt,
    CornerTapRule,
    CornerTaps,
    PinGate,
    PinLockFile,
    RecentProblems,
    content_fingerprint,
    format_uptime,
    hash_pin,
    is_pin_hash,
    pin_problem,
    unrotate,
    verify_pin,
)
from kiosk.supervision.contract import EXIT_QUIT, EXIT_RESTART

#: Cheap scrypt parameters: the tests check the logic, not the cost.
FAST = {"n": 2**4, "r": 1, "p": 1}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# -- PIN hashes --------------------------------------------------------------------------------


def test_a_pin_hash_verifies_its_pin_only() -> None:
    stored = hash_pin("2468", **FAST)
    assert is_pin_hash(stored)
    assert verify_pin("2468", stored)
    assert not verify_pin("2469", stored)
    assert not verify_pin("24680", stored)
    assert not verify_pin("", stored)


def test_the_default_hash_is_scrypt_with_real_cost() -> None:
    stored = hash_pin("13579")
    assert stored.startswith("scrypt$16384$8$1$")
    assert verify_pin("13579", stored)


def test_a_pin_set_by_the_standard_librarys_scrypt_is_still_accepted() -> None:
    # Kiosks set up before the PIN was hashed by libsodium keep their kiosk.yaml: the same
    # RFC 7914 function must give the same bytes.
    salt = bytes(range(16))
    digest = hashlib.scrypt(b"97531", salt=salt, n=2**14, r=8, p=1, dklen=32, maxmem=256 * 1024 * 1024)
    stored = f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"
    assert verify_pin("97531", stored)
    assert not verify_pin("97530", stored)
    assert hash_pin("97531", salt=salt) == stored


def test_equal_pins_get_different_salts() -> None:
    assert hash_pin("1234", **FAST) != hash_pin("1234", **FAST)


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", " 1234", "１２３４", "", "12.4"])
def test_pins_are_four_to_eight_ascii_digits(pin: str) -> None:
    assert pin_problem(pin) is not None
    with pytest.raises(ValueError):
        hash_pin(pin, **FAST)


@pytest.mark.parametrize("pin", ["0000", "1234", "87654321"])
def test_good_pins(pin: str) -> None:
    assert pin_problem(pin) is None


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "1234",
        "scrypt$16384$8$1$zz$" + "0" * 64,  # salt not hex
        "scrypt$1000$8$1$" + "0" * 32 + "$" + "0" * 64,  # N not a power of two
        "scrypt$1073741824$8$1$" + "0" * 32 + "$" + "0" * 64,  # N asks for more memory than allowed
        "md5$" + "0" * 32,
    ],
)
def test_malformed_hashes_never_verify(stored: str) -> None:
    assert not is_pin_hash(stored)
    assert not verify_pin("1234", stored)


# -- the lockout ---------------------------------------------------------------------------------


def gate(clock: FakeClock) -> PinGate:
    return PinGate(hash_pin("2468", **FAST), clock=clock)


def test_right_pin_is_accepted_and_resets_the_count() -> None:
    clock = FakeClock()
    pins = gate(clock)
    assert pins.submit("1111") is Attempt.WRONG
    assert pins.tries_left == 4
    assert pins.submit("2468") is Attempt.ACCEPTED
    assert pins.tries_left == 5


def test_five_wrong_pins_lock_for_five_minutes() -> None:
    clock = FakeClock()
    pins = gate(clock)
    assert [pins.submit("1111") for _ in range(4)] == [Attempt.WRONG] * 4
    assert pins.submit("1111") is Attempt.LOCKED
    assert pins.locked()
    assert pins.lock_remaining() == pytest.approx(300)
    clock.now += 299
    assert pins.locked()
    # While locked even the right PIN is refused, unread.
    assert pins.submit("2468") is Attempt.LOCKED
    clock.now += 1.5
    assert not pins.locked()
    assert pins.lock_remaining() == 0
    assert pins.tries_left == 5
    assert pins.submit("2468") is Attempt.ACCEPTED


def test_while_locked_the_pin_is_not_even_checked() -> None:
    clock = FakeClock()
    checked: list[str] = []

    def verify(pin: str, stored: str) -> bool:
        checked.append(pin)
        return False

    pins = PinGate("x", clock=clock, verify=verify)
    for _ in range(5):
        pins.submit("1111")
    assert pins.submit("2222") is Attempt.LOCKED
    assert checked == ["1111"] * 5


def test_after_a_lockout_five_more_wrong_pins_lock_again() -> None:
    clock = FakeClock()
    pins = gate(clock)
    for _ in range(5):
        pins.submit("0000")
    clock.now += 301
    assert [pins.submit("0000") for _ in range(5)][-1] is Attempt.LOCKED


def test_no_pin_set_means_no_entry() -> None:
    pins = PinGate(None)
    assert not pins.has_pin
    assert pins.submit("1234") is Attempt.NO_PIN
    assert not pins.locked()


# -- the lockout across restarts -------------------------------------------------------------------

HASH = hash_pin("2468", **FAST)


class Restarts:
    """A kiosk started again and again on the same disk: a fresh monotonic clock each time
    (it starts again at boot), one wall clock, one lockout file."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / "state" / "admin-lock.json"
        self.wall = FakeClock()
        self.wall.now = 1_800_000_000.0

    def start(self) -> tuple[PinGate, FakeClock]:
        clock = FakeClock()
        clock.now = 5.0
        return PinGate(HASH, clock=clock, store=PinLockFile(self.file, wall_clock=self.wall)), clock


def test_a_lockout_survives_a_restart(tmp_path: Path) -> None:
    kiosk = Restarts(tmp_path)
    pins, clock = kiosk.start()
    for _ in range(5):
        pins.submit("1111")
    assert pins.locked()
    kiosk.wall.now += 60
    pins, clock = kiosk.start()  # the plug pulled and put back, a minute later
    assert pins.locked()
    assert pins.lock_remaining() == pytest.approx(240)
    assert pins.submit("2468") is Attempt.LOCKED
    clock.now += 241
    kiosk.wall.now += 241
    assert not pins.locked() and pins.tries_left == 5
    assert not kiosk.file.exists(), "nothing left to keep once the lockout is over"


def test_wrong_pins_are_still_counted_after_a_restart(tmp_path: Path) -> None:
    kiosk = Restarts(tmp_path)
    pins, _ = kiosk.start()
    for _ in range(3):
        pins.submit("1111")
    pins, _ = kiosk.start()
    assert pins.tries_left == 2
    assert pins.submit("1111") is Attempt.WRONG
    assert kiosk.start()[0].submit("1111") is Attempt.LOCKED


def test_the_right_pin_clears_the_kept_count(tmp_path: Path) -> None:
    kiosk = Restarts(tmp_path)
    pins, _ = kiosk.start()
    pins.submit("1111")
    assert kiosk.file.exists()
    assert pins.submit("2468") is Attempt.ACCEPTED
    assert not kiosk.file.exists()
    assert kiosk.start()[0].tries_left == 5


def test_a_lockout_that_ended_while_the_kiosk_was_off_is_over(tmp_path: Path) -> None:
    kiosk = Restarts(tmp_path)
    pins, _ = kiosk.start()
    for _ in range(5):
        pins.submit("1111")
    kiosk.wall.now += 3600
    pins, _ = kiosk.start()
    assert not pins.locked() and pins.tries_left == 5
    assert pins.submit("2468") is Attempt.ACCEPTED


def test_a_clock_set_back_never_locks_for_longer_than_one_lockout(tmp_path: Path) -> None:
    kiosk = Restarts(tmp_path)
    pins, _ = kiosk.start()
    for _ in range(5):
        pins.submit("1111")
    kiosk.wall.now -= 86_400  # the PC's clock put back a day
    pins, _ = kiosk.start()
    assert pins.lock_remaining() == pytest.approx(300)


@pytest.mark.parametrize("text", ["", "{", "[]", '{"failures": "many"}', '{"locked_until": 5}', "\x00\xff"])
def test_an_unreadable_lockout_file_is_reported_and_ignored(
    tmp_path: Path, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = Restarts(tmp_path)
    kiosk.file.parent.mkdir(parents=True)
    kiosk.file.write_text(text, encoding="utf-8", errors="surrogateescape")
    with caplog.at_level(logging.WARNING, logger="kiosk.services.admin"):
        pins, _ = kiosk.start()
    assert pins.tries_left == 5 and not pins.locked()
    assert "cannot be read" in caplog.text and str(kiosk.file) in caplog.text
    assert pins.submit("2468") is Attempt.ACCEPTED


def test_a_full_disk_keeps_the_lockout_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def full(path: object, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kiosk.services.admin.write_text", full)
    kiosk = Restarts(tmp_path)
    pins, _ = kiosk.start()
    with caplog.at_level(logging.WARNING, logger="kiosk.services.admin"):
        for _ in range(5):
            pins.submit("1111")
    assert pins.locked()
    assert "cannot be kept" in caplog.text and "No space left" in caplog.text


# -- the gesture -----------------------------------------------------------------------------------

W, H = 1920.0, 1080.0
LEFT, RIGHT, MIDDLE = (20.0, 20.0), (W - 20, 25.0), (W / 2, H / 2)


class Finger:
    """Feeds a recogniser like the event filter does, with a clock in seconds."""

    def __init__(self, taps: CornerTaps) -> None:
        self.taps = taps
        self.t = 0.0
        self.fired = 0

    def feed(self, points: dict[int, tuple[float, float]]) -> None:
        self.fired += self.taps.feed(self.t, points, W, H)

    def tap(self, where: tuple[float, float], after: float = 0.5, hold: float = 0.1, point_id: int = 1) -> None:
        self.t += after
        self.feed({point_id: where})
        self.t += hold
        self.feed({point_id: where})
        self.feed({})

    def sequence(self, corners: list[tuple[float, float]], after: float = 0.5) -> None:
        for corner in corners:
            self.tap(corner, after=after)


def test_six_alternating_corner_taps_open_the_pad() -> None:
    finger = Finger(CornerTaps())
    finger.sequence([LEFT, RIGHT] * 2 + [LEFT])
    assert finger.fired == 0
    finger.tap(RIGHT)
    assert finger.fired == 1
    assert finger.taps.progress == 0


def test_starting_at_the_right_corner_works_too() -> None:
    finger = Finger(CornerTaps())
    finger.sequence([RIGHT, LEFT] * 3)
    assert finger.fired == 1


def test_the_same_corner_twice_starts_over() -> None:
    finger = Finger(CornerTaps())
    finger.sequence([LEFT, RIGHT, LEFT, LEFT, RIGHT, LEFT, RIGHT])
    assert finger.fired == 0
    # It started over at the second LEFT: L R L R so far, two more make six.
    finger.tap(LEFT)
    assert finger.fired == 0
    finger.tap(RIGHT)
    assert finger.fired == 1


def test_a_tap_elsewhere_breaks_the_sequence() -> None:
    finger = Finger(CornerTaps())
    finger.sequence([LEFT, RIGHT, LEFT, RIGHT, LEFT, MIDDLE, RIGHT])
    assert finger.fired == 0


def test_too_slow_breaks_the_sequence() -> None:
    finger = Finger(CornerTaps())
    finger.sequence([LEFT, RIGHT, LEFT])
    finger.sequence([RIGHT, LEFT, RIGHT], after=2.5)
    assert finger.fired == 0


def test_the_whole_sequence_has_a_time_limit() -> None:
    finger = Finger(CornerTaps(CornerTapRule(max_total=4.0)))
    finger.sequence([LEFT, RIGHT, LEFT, RIGHT, LEFT, RIGHT], after=0.9)
    assert finger.fired == 0


def test_a_long_press_in_a_corner_is_not_a_tap() -> None:
    finger = Finger(CornerTaps())
    finger.sequence([LEFT, RIGHT, LEFT, RIGHT, LEFT])
    finger.tap(RIGHT, hold=1.5)
    assert finger.fired == 0
    assert finger.taps.progress == 0


def test_a_swipe_out_of_the_corner_is_not_a_tap() -> None:
    finger = Finger(CornerTaps())
    finger.sequence([LEFT, RIGHT, LEFT, RIGHT, LEFT])
    finger.t += 0.5
    finger.feed({1: RIGHT})
    finger.feed({1: (W - 20, 200.0)})
    finger.feed({1: RIGHT})  # back where it started: still a swipe
    finger.feed({})
    assert finger.fired == 0


def test_a_second_finger_breaks_the_sequence() -> None:
    """A pinch, a palm, a second hand: more than one point is never part of the gesture."""
    finger = Finger(CornerTaps())
    finger.sequence([LEFT, RIGHT, LEFT, RIGHT, LEFT])
    finger.t += 0.5
    finger.feed({1: RIGHT})
    finger.feed({1: RIGHT, 2: (W - 30, 30.0)})
    finger.feed({1: RIGHT})
    finger.feed({})
    assert finger.fired == 0
    assert finger.taps.progress == 0


def test_a_palm_on_both_corners_never_opens() -> None:
    """Five fingers at once, held and lifted repeatedly: never a tap."""
    finger = Finger(CornerTaps())
    palm = {i: (10.0 + i * 8, 15.0) for i in range(5)}
    for _ in range(20):
        finger.t += 0.3
        finger.feed(palm)
        finger.feed({})
        finger.t += 0.3
        finger.feed({i: (W - 10 - i * 8, 15.0) for i in range(5)})
        finger.feed({})
    assert finger.fired == 0


def test_two_fingers_tapping_corners_at_once_never_open() -> None:
    finger = Finger(CornerTaps())
    for _ in range(10):
        finger.t += 0.4
        finger.feed({1: LEFT, 2: RIGHT})
        finger.feed({})
    assert finger.fired == 0


def test_random_visitor_taps_never_open() -> None:
    """10,000 taps and swipes anywhere, at a child's pace, with some pinches: no gesture."""
    rng = random.Random(1119)
    finger = Finger(CornerTaps())
    for _ in range(10_000):
        where = (rng.uniform(0, W), rng.uniform(0, H))
        if rng.random() < 0.1:
            finger.t += 0.2
            finger.feed({1: where, 2: (rng.uniform(0, W), rng.uniform(0, H))})
            finger.feed({})
        else:
            finger.tap(where, after=rng.uniform(0.1, 1.0), hold=rng.uniform(0.03, 0.3))
    assert finger.fired == 0


def test_corners_are_inside_the_pages_margin() -> None:
    """The corner squares stay clear of the buttons, which sit 64 px (at 1080p) from the edges."""
    rule = CornerTapRule()
    assert rule.zone * 1080 < 64
    finger = Finger(CornerTaps())
    just_outside = (rule.zone * 1080 + 2, 10.0)
    finger.sequence([just_outside, RIGHT] * 3)
    assert finger.fired == 0


def test_a_new_finger_replacing_the_old_one_spoils_the_tap() -> None:
    finger = Finger(CornerTaps())
    finger.sequence([LEFT, RIGHT, LEFT, RIGHT, LEFT])
    finger.t += 0.5
    finger.feed({1: RIGHT})
    finger.feed({7: RIGHT})
    finger.feed({})
    assert finger.fired == 0


def test_mouse_like_feeding_works() -> None:
    """A mouse is one 'finger' with a fixed id: it can open the pad on a desk PC."""
    finger = Finger(CornerTaps())
    for corner in [LEFT, RIGHT] * 3:
        finger.tap(corner, point_id=-1)
    assert finger.fired == 1


@pytest.mark.parametrize(
    ("rotation", "window_point", "expected"),
    [
        (0, (10, 20), (10, 20, W, H)),
        (90, (W - 20, 10), (10, 20, H, W)),
        (180, (W - 10, H - 20), (10, 20, W, H)),
        (270, (20, H - 10), (10, 20, H, W)),
    ],
)
def test_unrotate_gives_the_visitors_top_left(rotation, window_point, expected) -> None:
    assert unrotate(*window_point, W, H, rotation) == pytest.approx(expected)


# -- the admin screen's facts ---------------------------------------------------------------------


def test_content_fingerprint_follows_bytes_and_names_not_dates(tmp_path: Path) -> None:
    a = tmp_path / "a"
    (a / "media").mkdir(parents=True)
    (a / "exhibit.yaml").write_text("format: 1\n", encoding="utf-8")
    (a / "media" / "x.png").write_bytes(b"\x89PNG" + bytes(100))
    (a / ".DS_Store").write_bytes(b"junk")
    first = content_fingerprint(a)
    assert len(first) == 64
    (a / "media" / "x.png").touch()
    (a / ".DS_Store").write_bytes(b"other junk")
    assert content_fingerprint(a) == first
    (a / "media" / "x.png").write_bytes(b"\x89PNG" + bytes(101))
    assert content_fingerprint(a) != first
    (a / "media" / "x.png").write_bytes(b"\x89PNG" + bytes(100))
    (a / "media" / "x.png").rename(a / "media" / "y.png")
    assert content_fingerprint(a) != first
    with pytest.raises(FileNotFoundError):
        content_fingerprint(tmp_path / "missing")


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "00:00:00"), (3725, "01:02:05"), (86_400 * 3 + 61, "3 d 00:01:01"), (-5, "00:00:00")]
)
def test_uptime_format(seconds: float, text: str) -> None:
    assert format_uptime(seconds) == text


def test_recent_problems_keeps_the_last_warnings_newest_first() -> None:
    handler = RecentProblems(capacity=3)
    log = logging.getLogger("test.recent")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.info("not kept")
        for index in range(5):
            log.warning("problem %d", index)
        log.error("the last")
    finally:
        log.removeHandler(handler)
        log.propagate = True
    lines = handler.lines()
    assert len(lines) == 3
    assert lines[0].endswith("the last") and "ERROR" in lines[0]
    assert lines[1].endswith("problem 4") and lines[2].endswith("problem 3")
    assert handler.count == 6


def test_restart_exit_code_is_distinct() -> None:
    assert EXIT_QUIT == 0
    assert EXIT_RESTART not in (0, 1, 2, 3)
