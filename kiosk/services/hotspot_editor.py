"""A hotspot being drawn by a curator (`kiosk hotspots IMAGE`), and its YAML.

Plain Python, no Qt: the window only reports taps in coordinates relative to the image
(0,0 top left, 1,1 bottom right); the rules (what counts, what can be printed) live here.
"""

from __future__ import annotations

import math
from typing import Literal, get_args

Mode = Literal["polygon", "ellipse"]
MODES: tuple[str, ...] = get_args(Mode)
Point = tuple[float, float]

#: The precision written to the YAML, and kept for every point.
DECIMALS = 3
#: A tap this close outside the image (a fraction of its size) is put on the edge, so a
#: curator can follow the picture's border; further out, the tap is ignored.
EDGE_TOLERANCE = 0.02
MIN_POLYGON_POINTS = 3
#: An ellipse's box must be at least this wide and high, so rx and ry are not 0 once rounded.
MIN_ELLIPSE_SIZE = 2 * 10**-DECIMALS


def _on_image(value: float) -> float | None:
    """The coordinate rounded and clamped to 0..1, or None if the tap missed the image."""
    if not math.isfinite(value) or not -EDGE_TOLERANCE <= value <= 1 + EDGE_TOLERANCE:
        return None
    return round(min(1.0, max(0.0, value)), DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0


def _number(value: float) -> str:
    return f"{round(value, DECIMALS) + 0.0:.{DECIMALS}f}"


def _twice_area(points: tuple[Point, ...]) -> float:
    """Shoelace formula: 0 when the corners lie on one line."""
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)))


class HotspotDraft:
    """The corners of a polygon, or the two opposite corners of an ellipse's box."""

    def __init__(self, mode: Mode = "polygon") -> None:
        self._mode: Mode = mode
        self._points: list[Point] = []

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(self._points)

    def set_mode(self, mode: str) -> bool:
        """Switch between polygon and ellipse; the points drawn so far are dropped."""
        if mode not in MODES:
            raise ValueError(f"unknown hotspot mode {mode!r}: expected one of {', '.join(MODES)}")
        if mode == self._mode:
            return False
        self._mode = "ellipse" if mode == "ellipse" else "polygon"
        self._points.clear()
        return True

    def add(self, x: float, y: float) -> bool:
        """Add a tap (relative to the image). False when it is ignored: off the image, or a
        point already there, or (ellipse) a box with no width or height."""
        rx, ry = _on_image(x), _on_image(y)
        if rx is None or ry is None:
            return False
        point = (rx, ry)
        if self._mode == "ellipse":
            if len(self._points) == 2:
                self._points.clear()  # a third tap starts a new ellipse
            elif self._points:
                first = self._points[0]
                if abs(point[0] - first[0]) < MIN_ELLIPSE_SIZE or abs(point[1] - first[1]) < MIN_ELLIPSE_SIZE:
                    return False
        elif point in self._points:
            return False
        self._points.append(point)
        return True

    def undo(self) -> bool:
        if not self._points:
            return False
        self._points.pop()
        return True

    def clear(self) -> bool:
        if not self._points:
            return False
        self._points.clear()
        return True

    @property
    def can_print(self) -> bool:
        if self._mode == "ellipse":
            return len(self._points) == 2
        return len(self._points) >= MIN_POLYGON_POINTS and _twice_area(self.points) > 1e-12

    @property
    def hint(self) -> str:
        """What the curator should do next, in one line."""
        count = len(self._points)
        if self._mode == "ellipse":
            return (
                "Tap one corner of the box around the ellipse.",
                "Now tap the opposite corner of the box.",
                "Ellipse ready: Print YAML. A new tap starts another ellipse.",
            )[count]
        if count == 0:
            return "Tap the corners of the shape, one after another."
        if count < MIN_POLYGON_POINTS:
            missing = MIN_POLYGON_POINTS - count
            return f"{count} corner{'s' if count > 1 else ''}: tap at least {missing} more."
        if not self.can_print:
            return "These corners lie on one line: move one off it (Undo)."
        return f"{count} corners: Print YAML, or keep adding corners."

    def to_yaml(self) -> str:
        """The `hotspot:` block for a charge in blason.yaml (no trailing newline)."""
        if not self.can_print:
            raise ValueError(f"the hotspot is not complete yet: {self.hint}")
        if self._mode == "ellipse":
            (x1, y1), (x2, y2) = self._points
            values = {"cx": (x1 + x2) / 2, "cy": (y1 + y2) / 2, "rx": abs(x2 - x1) / 2, "ry": abs(y2 - y1) / 2}
            fields = ", ".join(f"{key}: {_number(value)}" for key, value in values.items())
            return f"hotspot:\n  ellipse: {{{fields}}}"
        corners = ", ".join(f"[{_number(x)}, {_number(y)}]" for x, y in self._points)
        return f"hotspot:\n  polygon: [{corners}]"
