"""The admin screen's rules, without Qt: the PIN, the lockout, the gesture that opens it.

Exhibition PCs have no keyboard, so staff reach the admin screen by touch alone:

* **The gesture** (`CornerTaps`): six quick taps alternating between the top-left and
  top-right corners of the screen (left, right, left, right, left, right, or starting
  right), each with one finger, in corner squares about as wide as the screen's margin,
  within two seconds of each other. Why this one and not "four fingers held five
  seconds": a child's palm leaning on the glass is several fingers held still, and many
  infrared touch frames report only two points at a time; a tap sequence needs a single
  finger and works on every touch screen, and with a mouse. A palm or a pinch is more
  than one finger, which breaks the sequence; a tap anywhere else breaks it too; the two
  top corners are a screen-width apart and high up, out of a small child's reach, and
  each is 0.3 % of the glass, so six alternating hits by chance do not happen.
* **The PIN** (`PinGate`): 4 to 8 digits, stored only as a salted scrypt hash
  (`kiosk set-pin` writes it), compared in constant time. Five wrong PINs in a row lock
  the pad for five minutes. Time is a function passed in, so tests do not sleep. The
  count and the lockout are kept in a small file (`PinLockFile`), so pulling the plug or
  crashing the kiosk does not give a guesser five new tries.

The exit codes a supervisor reads are here too, so it needs no Qt to know them.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import hmac
import json
import logging
import math
import os
import re
import secrets
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.atomicio import write_text
from kiosk.paths import user_data_folder

log = logging.getLogger(__name__)


Clock = Callable[[], float]

# -- the PIN -------------------------------------------------------------------------------------

PIN_MIN_DIGITS, PIN_MAX_DIGITS = 4, 8
_PIN = re.compile(rf"^[0-9]{{{PIN_MIN_DIGITS},{PIN_MAX_DIGITS}}}$")
#: scrypt$N$r$p$SALT$HASH, salt and hash in hex. N=2**14, r=8 take ~0.1 s and 16 MB: slow
#: for a guesser, unnoticed by staff.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_HASH = re.compile(r"^scrypt\$(\d+)\$(\d+)\$(\d+)\$([0-9a-f]{32})\$([0-9a-f]{64})$")
_MAX_MEMORY = 256 * 1024 * 1024


def pin_problem(pin: str) -> str | None:
    """Why this PIN is refused, or None when it is acceptable."""
    if not _PIN.match(pin):
        return f"a PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits (0-9), nothing else"
    return None


def hash_pin(pin: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P, salt: bytes | None = None) -> str:
    """The text stored in kiosk.yaml: a fresh random salt each time, so equal PINs differ."""
    problem = pin_problem(pin)
    if problem:
        raise ValueError(problem)
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = _scrypt(pin, salt, n, r, p)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def is_pin_hash(text: str) -> bool:
    """Written by `hash_pin` (the shape only; the PIN itself cannot be checked)."""
    found = _HASH.match(text)
    if not found:
        return False
    n, r, p = (int(found.group(i)) for i in (1, 2, 3))
    return n >= 2 and n & (n - 1) == 0 and 1 <= r <= 64 and 1 <= p <= 16 and 128 * r * n <= _MAX_MEMORY // 2


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` hashes to `stored`; the comparison takes the same time either way."""
    found = _HASH.match(stored)
    if not found or not is_pin_hash(stored) or not _PIN.match(pin):
        return False
    n, r, p = (int(found.group(i)) for i in (1, 2, 3))
    salt, expected = bytes.fromhex(found.group(4)), bytes.fromhex(found.group(5))
    return hmac.compare_digest(_scrypt(pin, salt, n, r, p), expected)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    """scrypt (RFC 7914) from libsodium, through PyNaCl, which the kiosk carries for signed
    bundles: the same bytes as the standard library's `hashlib.scrypt`, which needs OpenSSL,
    and OpenSSL is left out of the executable (4.7 MB, used for nothing else)."""
    from nacl.hashlib import scrypt  # only when a PIN is set or typed

    return scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=_MAX_MEMORY)


class Attempt(enum.StrEnum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"  # refused unread: the pad is locked
    NO_PIN = "no_pin"  # no PIN was ever set: the admin screen cannot be opened


class PinLockFile:
    """Where a `PinGate` keeps its count of wrong PINs and the end of its lockout, so that a
    restart (a crash, a power cut, the supervisor) keeps them.

    A small JSON file, replaced atomically. The lockout's end is wall-clock time (the
    monotonic clock starts again at boot); what is left of it is never taken as more than
    one lockout, so a clock set back cannot lock staff out for longer. A file that cannot
    be read or written is reported in the log and otherwise ignored: the count is then
    kept in memory only, and the pad works as before.
    """

    def __init__(self, path: Path, wall_clock: Clock = time.time) -> None:
        self.path = path
        self.wall_clock = wall_clock

    def load(self) -> tuple[int, float]:
        """(wrong PINs in a row, seconds of lockout left); (0, 0) if there is no file."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            failures = int(data["failures"])
            until = data["locked_until"]
            left = float(until) - self.wall_clock() if until is not None else 0.0
        except FileNotFoundError:
            return 0, 0.0
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
            log.warning("the PIN lockout file %s cannot be read (%s); starting from no wrong PIN", self.path, error)
            return 0, 0.0
        return max(0, failures), max(0.0, left)

    def save(self, failures: int, locked_for: float) -> None:
        """Keep the count and, if locked, how long the lockout has left from now."""
        until = self.wall_clock() + locked_for if locked_for > 0 else None
        try:
            if failures == 0 and until is None:
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text(self.path, json.dumps({"failures": failures, "locked_until": until}) + "\n")
        except OSError as error:  # a full disk, a read-only folder: the pad still works
            log.warning(
                "the PIN lockout cannot be kept in %s (%s); it holds until the kiosk restarts", self.path, error
            )


def default_lock_file() -> Path:
    """In the user's data folder, beside the last-known-good content."""
    return user_data_folder() / "admin-lock.json"


@dataclass
class PinGate:
    """Five wrong PINs in a row lock the pad for five minutes; a right one resets the count.

    The count is kept until the right PIN or the end of a lockout, not forgotten when the
    pad is closed: closing and reopening it gives a guesser nothing. With a `store`, it
    is not forgotten at a restart either.
    """

    pin_hash: str | None
    clock: Clock = time.monotonic
    max_failures: int = 5
    lockout_seconds: float = 300.0
    verify: Callable[[str, str], bool] = verify_pin
    store: PinLockFile | None = None
    failures: int = field(default=0, init=False)
    _locked_until: float | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.store is None:
            return
        failures, left = self.store.load()
        self.failures = min(failures, self.max_failures)
        if left > 0:
            self._locked_until = self.clock() + min(left, self.lockout_seconds)
        elif self.failures >= self.max_failures:  # a lockout that ended while the kiosk was off
            self.failures = 0
            self._save()

    def _save(self) -> None:
        if self.store is not None:
            left = self._locked_until - self.clock() if self._locked_until is not None else 0.0
            self.store.save(self.failures, max(0.0, left))

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)

    def lock_remaining(self) -> float:
        """Seconds until the pad opens again; 0 when it is not locked."""
        if self._locked_until is None:
            return 0.0
        remaining = self._locked_until - self.clock()
        if remaining <= 0:
            self._locked_until = None
            self.failures = 0
            self._save()
            return 0.0
        return remaining

    def locked(self) -> bool:
        return self.lock_remaining() > 0

    @property
    def tries_left(self) -> int:
        return max(0, self.max_failures - self.failures)

    def submit(self, pin: str) -> Attempt:
        if not self.pin_hash:
            return Attempt.NO_PIN
        if self.locked():
            return Attempt.LOCKED
        if self.verify(pin, self.pin_hash):
            if self.failures:
                self.failures = 0
                self._save()
            return Attempt.ACCEPTED
        self.failures += 1
        if self.failures >= self.max_failures:
            self._locked_until = self.clock() + self.lockout_seconds
            self._save()
            return Attempt.LOCKED
        self._save()
        return Attempt.WRONG


# -- the gesture -----------------------------------------------------------------------------------


class Corner(enum.StrEnum):
    TOP_LEFT = "top-left"
    TOP_RIGHT = "top-right"


@dataclass(frozen=True)
class CornerTapRule:
    """What counts as the admin gesture. Distances are fractions of the screen's short side."""

    taps: int = 6  #: taps in all, alternating corners
    zone: float = 0.055  #: a corner square's side: 59 px at 1080p, inside the pages' 64 px margin
    max_gap: float = 2.0  #: seconds from one tap to the next
    max_total: float = 10.0  #: seconds from the first tap to the last
    max_press: float = 0.8  #: a tap is short: longer is a press, which breaks the sequence
    slop: float = 0.03  #: a tap barely moves: more is a swipe


@dataclass
class _Contact:
    point_id: int
    start: float
    first: tuple[float, float]
    last: tuple[float, float]
    spoiled: bool = False


class CornerTaps:
    """A state machine fed with the fingers on the glass; says True once the gesture is done.

    `feed(t, points, width, height)` is called at every touch change with the points
    currently down ({id: (x, y)} in the screen as the visitor sees it; {} when the last
    finger lifts). A tap is one finger, short and still; any second finger, a long press,
    a swipe or a tap outside the two corners starts everything over.
    """

    def __init__(self, rule: CornerTapRule | None = None) -> None:
        self.rule = rule or CornerTapRule()
        self._contact: _Contact | None = None
        self._taps: list[tuple[float, Corner]] = []

    @property
    def progress(self) -> int:
        """Corner taps counted so far in the current sequence."""
        return len(self._taps)

    def reset(self) -> None:
        self._contact = None
        self._taps.clear()

    def feed(self, t: float, points: Mapping[int, tuple[float, float]], width: float, height: float) -> bool:
        short_side = min(width, height)
        if short_side <= 0:
            return False
        contact = self._contact
        if not points:
            self._contact = None
            if contact is None or contact.spoiled or t - contact.start > self.rule.max_press:
                if contact is not None:
                    self._taps.clear()
                return False
            return self._tap(t, contact, width, short_side)
        if len(points) > 1 or (contact is not None and contact.point_id not in points):
            # A palm, a pinch, a second hand: never part of the gesture.
            if contact is None:
                self._contact = _Contact(-1, t, (0.0, 0.0), (0.0, 0.0), spoiled=True)
            else:
                contact.spoiled = True
            self._taps.clear()
            return False
        point_id, position = next(iter(points.items()))
        if contact is None:
            self._contact = _Contact(point_id, t, position, position)
            return False
        contact.last = position
        moved = math.dist(contact.first, position)
        if moved > self.rule.slop * short_side or t - contact.start > self.rule.max_press:
            contact.spoiled = True
        return False

    def _tap(self, t: float, contact: _Contact, width: float, short_side: float) -> bool:
        corner = self._corner(contact.first, width, short_side)
        if corner is None or corner != self._corner(contact.last, width, short_side):
            self._taps.clear()
            return False
        if self._taps:
            last_t, last_corner = self._taps[-1]
            first_t = self._taps[0][0]
            if corner == last_corner or t - last_t > self.rule.max_gap or t - first_t > self.rule.max_total:
                self._taps.clear()
        self._taps.append((t, corner))
        if len(self._taps) >= self.rule.taps:
            self._taps.clear()
            return True
        return False

    def _corner(self, point: tuple[float, float], width: float, short_side: float) -> Corner | None:
        x, y = point
        zone = self.rule.zone * short_side
        if y > zone or y < 0:
            return None
        if 0 <= x <= zone:
            return Corner.TOP_LEFT
        if width - zone <= x <= width:
            return Corner.TOP_RIGHT
        return None


def unrotate(x: float, y: float, width: float, height: float, rotation: int) -> tuple[float, float, float, float]:
    """A point on the window -> the same point in the picture as the visitor sees it.

    The content is turned clockwise by `rotation` degrees to fit a screen mounted on its
    side; returns (x, y, width, height) in the turned frame, whose top-left is the visitor's.
    """
    rotation %= 360
    if rotation == 90:
        return y, width - x, height, width
    if rotation == 180:
        return width - x, height - y, width, height
    if rotation == 270:
        return height - y, x, height, width
    return x, y, width, height


# -- what the admin screen shows -------------------------------------------------------------------


def content_fingerprint(root: Path, chunk: int = 1 << 20) -> str:
    """SHA-256 over every file's relative path and bytes, in a fixed order.

    Two folders with the same files give the same text on any PC: staff compare it with
    the one printed when the content was prepared. Hidden files and folders are left out
    (editors' and systems' litter: .DS_Store, .git).
    """
    if not root.is_dir():
        raise FileNotFoundError(2, "folder not found", str(root))
    digest = hashlib.sha256()
    files = sorted(
        (path for path in root.rglob("*") if path.is_file() and not _hidden(path.relative_to(root).parts)),
        key=lambda path: path.relative_to(root).as_posix(),
    )
    for path in files:
        relative = path.relative_to(root).as_posix().encode("utf-8")
        digest.update(len(relative).to_bytes(4, "big") + relative)
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            digest.update(size.to_bytes(8, "big"))
            while block := stream.read(chunk):
                digest.update(block)
    return digest.hexdigest()


def _hidden(parts: Iterable[str]) -> bool:
    return any(part.startswith(".") for part in parts)


def format_uptime(seconds: float) -> str:
    """`2 d 03:04:05`, or `03:04:05` under a day: readable in any of the three languages."""
    total = max(0, int(seconds))
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"{days} d {clock}" if days else clock


class RecentProblems(logging.Handler):
    """Keeps the last `capacity` log records of WARNING and above, formatted, for the admin screen."""

    def __init__(self, capacity: int = 50, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self._lines: deque[str] = deque(maxlen=capacity)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S"))
        self.count = 0  #: records seen in all; tells a reader that something new came

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:
            self.handleError(record)
            return
        self.acquire()
        try:
            self._lines.append(line)
            self.count += 1
        finally:
            self.release()

    def lines(self) -> list[str]:
        """Newest first: what went wrong last is what staff look for."""
        self.acquire()
        try:
            return list(reversed(self._lines))
        finally:
            self.release()
