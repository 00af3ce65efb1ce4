"""Burn-in care for the attract screen: nothing bright stays still for long, and a hall with
no visitor gets a dimmer screen. A pure policy: time goes in, a position and a level come out.

OLED panels (and some LCDs, after months of the same picture) keep a faint ghost of what
stays still and bright for hours. The attract screen's moving postcards are no risk; its
still parts are (the title, the "touch the screen" prompt, the language buttons):

- **shift**: the attract screen moves by a few pixels, one step every `shift_minutes`, from
  its own place around a small circle of eight places (`shift_pixels` from it, at 1080p)
  and back. A step is animated over seconds, so nobody sees it jump.
- **dim**: after `dim_after_minutes` without a touch (no visitor for that long), the
  attract screen goes down to `dim_to` of its brightness; the next touch brings it back.

kiosk.yaml's `screen_care` sets the four numbers; 0 turns that part off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Their own place first (as designed: what the snapshots show), then eight places around
#: the circle, in order (x, y), each a unit vector.
_PLACES = ((0.0, 0.0), *((math.cos(step * math.pi / 4), math.sin(step * math.pi / 4)) for step in range(8)))


@dataclass(frozen=True)
class ScreenCare:
    shift_pixels: int = 4  #: how far the still parts move from their place, at 1080p (0: never)
    shift_minutes: float = 3.0  #: how long they stay at each place
    dim_after_minutes: float = 30.0  #: no touch for this long: the attract screen dims (0: never)
    dim_to: float = 0.5  #: the dimmed screen's brightness, from 0.1 (nearly black) to 1 (not dimmed)

    def __post_init__(self) -> None:
        if self.shift_pixels < 0 or self.shift_minutes <= 0 or self.dim_after_minutes < 0:
            raise ValueError("screen care: the pixels and minutes cannot be negative")
        if not 0.1 <= self.dim_to <= 1.0:
            raise ValueError("screen care: dim_to goes from 0.1 to 1")

    def shift(self, seconds: float) -> tuple[int, int]:
        """Where the still parts are, `seconds` after the kiosk started (pixels at 1080p)."""
        if self.shift_pixels == 0:
            return 0, 0
        step = int(max(0.0, seconds) // (self.shift_minutes * 60)) % len(_PLACES)
        x, y = _PLACES[step]
        return round(x * self.shift_pixels), round(y * self.shift_pixels)

    def next_shift_in(self, seconds: float) -> float:
        """Seconds from `seconds` until the next step."""
        period = self.shift_minutes * 60
        return period - (max(0.0, seconds) % period)

    def dimmed(self, quiet_seconds: float) -> bool:
        """Whether the attract screen is dimmed after `quiet_seconds` without a touch."""
        return self.dim_after_minutes > 0 and self.dim_to < 1.0 and quiet_seconds >= self.dim_after_minutes * 60

    def brightness(self, quiet_seconds: float) -> float:
        return self.dim_to if self.dimmed(quiet_seconds) else 1.0
