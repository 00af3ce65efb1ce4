"""Accessibility modes: what a visitor chose for this visit, and where the reach band is.

Plain Python, no Qt. A visitor turns modes on from any screen (the accessibility button);
they last until the visitor leaves (the idle reset), like the language:

- **larger text**: every text 1.4 times larger, the layouts re-flow;
- **high contrast**: a second palette, body text at 7:1 or more;
- **reach**: for seated visitors and children, the page and its controls move down into the
  part of the screen a hand reaches from a wheelchair (the reach band, below);
- **less motion**: no drifting pictures, no count-up figures, plain cross-fades.

The reach band: a hand reaches 38 to 122 cm above the floor (ADA 2010 §308, EN 301 549
§8.3.3); the top of that reach, on a wall-mounted screen, cuts the screen at a height that
depends on how high and how tall the screen is. kiosk.yaml's `accessibility` block gives
the three numbers; `ReachBand.share` is the lower part of the screen within reach.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

#: The share of the screen reach mode uses when the band given cannot be on the screen.
FALLBACK_SHARE = 0.4
#: A 55-inch 16:9 screen in landscape is 68.5 cm high (its diagonal 139.7 cm x 9 / sqrt(337)).
SCREEN_HEIGHT_55_INCH_CM = 68.5
#: The highest point a seated visitor reaches, unobstructed (ADA 2010 §308.2, 48 in).
REACH_TOP_CM = 120.0
#: A wall-mounted kiosk screen's lower edge, a common height.
SCREEN_BOTTOM_CM = 90.0


class ReachBandError(ValueError):
    """The reach band misses the screen: the message says why, in an installer's words."""


@dataclass(frozen=True)
class ReachBand:
    """Where the screen hangs (centimetres above the floor) and how high a hand reaches."""

    screen_bottom_cm: float = SCREEN_BOTTOM_CM
    screen_height_cm: float = SCREEN_HEIGHT_55_INCH_CM
    reach_top_cm: float = REACH_TOP_CM

    @property
    def screen_top_cm(self) -> float:
        return self.screen_bottom_cm + self.screen_height_cm

    def share(self) -> float:
        """The lower part of the screen below `reach_top_cm`, from 0 (exclusive) to 1.

        Raises ReachBandError when the reach top is not on the screen: the screen is
        entirely above it (nothing in reach: reach mode could not help) or entirely below
        it (everything is in reach already: most likely a unit mixed up).
        """
        if self.screen_height_cm <= 0:
            raise ReachBandError(f"the screen's height should be more than 0 cm, not {self.screen_height_cm:g}")
        if self.reach_top_cm <= self.screen_bottom_cm:
            raise ReachBandError(
                f"the screen starts at {self.screen_bottom_cm:g} cm, above the reach top of "
                f"{self.reach_top_cm:g} cm: no part of it is within a seated visitor's reach "
                f"(reach mode uses the lower {FALLBACK_SHARE:.0%} of the screen); check screen_bottom_cm, "
                "which is the height of the screen's lower edge above the floor"
            )
        if self.reach_top_cm >= self.screen_top_cm:
            raise ReachBandError(
                f"the whole screen ({self.screen_bottom_cm:g} to {self.screen_top_cm:g} cm) is below the reach "
                f"top of {self.reach_top_cm:g} cm, so reach mode would have nothing to move: check the numbers are "
                f"in centimetres (reach mode uses the lower {FALLBACK_SHARE:.0%} of the screen)"
            )
        return (self.reach_top_cm - self.screen_bottom_cm) / self.screen_height_cm

    def share_or_fallback(self) -> tuple[float, str | None]:
        """(the share, None), or (FALLBACK_SHARE, why) for a band off the screen."""
        try:
            return self.share(), None
        except ReachBandError as exc:
            return FALLBACK_SHARE, str(exc)


@dataclass
class Choices:
    """The modes one visitor turned on; all off when the visitor leaves (`reset`)."""

    larger_text: bool = False
    high_contrast: bool = False
    reach: bool = False
    less_motion: bool = False

    @classmethod
    def modes(cls) -> tuple[str, ...]:
        """The modes' names, in the order the panel lists them."""
        return tuple(field.name for field in fields(cls))

    def toggle(self, mode: str) -> bool:
        """Turn one mode over; its new state."""
        if mode not in self.modes():
            raise ValueError(f"no accessibility mode {mode!r}; the modes are {', '.join(self.modes())}")
        value = not getattr(self, mode)
        setattr(self, mode, value)
        return value

    def any(self) -> bool:
        return any(getattr(self, mode) for mode in self.modes())

    def reset(self) -> list[str]:
        """All modes off; the modes that were on (so a caller says which changed)."""
        were = [mode for mode in self.modes() if getattr(self, mode)]
        for mode in were:
            setattr(self, mode, False)
        return were
