"""When has a visitor walked away? A pure policy: time goes in, a phase comes out.

The bridge measures time and feeds it here, so the rule is tested without a clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from kiosk.content.schema import IDLE_COUNTDOWN_SECONDS, IDLE_TIMEOUT_SECONDS


class Phase(StrEnum):
    ACTIVE = "active"  # someone is using the kiosk
    WARNING = "warning"  # the "are you still there?" countdown is on screen
    EXPIRED = "expired"  # nobody answered: return to the attract screen


#: With an accessibility mode on, a visitor may read, listen or move more slowly: the quiet
#: time before the countdown is doubled, and the countdown lasts at least 20 s, the time WCAG
#: 2.2.1 (Timing Adjustable) gives to answer "are you still there?" with a simple touch.
ASSISTED_TIMEOUT_FACTOR = 2.0
ASSISTED_MIN_COUNTDOWN_SECONDS = 20.0


@dataclass(frozen=True)
class IdlePolicy:
    timeout_seconds: float = IDLE_TIMEOUT_SECONDS
    countdown_seconds: float = IDLE_COUNTDOWN_SECONDS

    def __post_init__(self) -> None:
        if self.timeout_seconds <= 0 or self.countdown_seconds <= 0:
            raise ValueError("idle timings must be positive")

    def assisted(self) -> IdlePolicy:
        """The timings while a visitor has an accessibility mode on."""
        return IdlePolicy(
            self.timeout_seconds * ASSISTED_TIMEOUT_FACTOR,
            max(self.countdown_seconds, ASSISTED_MIN_COUNTDOWN_SECONDS),
        )

    def phase(self, idle_for: float) -> Phase:
        """The phase after `idle_for` seconds without a touch."""
        if idle_for < self.timeout_seconds:
            return Phase.ACTIVE
        if idle_for < self.timeout_seconds + self.countdown_seconds:
            return Phase.WARNING
        return Phase.EXPIRED

    def seconds_left(self, idle_for: float) -> int:
        """Whole seconds shown on the countdown (10, 9, ... 1), 0 once expired."""
        remaining = self.timeout_seconds + self.countdown_seconds - idle_for
        return max(0, min(math.ceil(remaining), math.ceil(self.countdown_seconds)))

    def next_check(self, idle_for: float) -> float:
        """Seconds until the display can next change: the timeout, or the next countdown tick."""
        if idle_for < self.timeout_seconds:
            return self.timeout_seconds - idle_for
        end = self.timeout_seconds + self.countdown_seconds
        if idle_for >= end:
            return 0.0
        into_countdown = idle_for - self.timeout_seconds
        to_tick = (self.countdown_seconds - into_countdown) % 1.0 or 1.0
        return min(to_tick, end - idle_for)
