"""What the benchmarks share: headless rendering and percentiles."""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def headless() -> None:
    """Offscreen with the software renderer, as on a PC without a graphics card; the
    repository importable when a benchmark runs as a script."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def frame_figures(name: str, values: list[float], *, p99: bool = False, top: bool = True) -> dict[str, float]:
    """`NAME_p50_ms`, `NAME_p95_ms` (and `NAME_p99_ms`, `NAME_max_ms`) of frame times, in ms."""
    figures = {f"{name}_p50_ms": statistics.median(values), f"{name}_p95_ms": percentile(values, 0.95)}
    if p99:
        figures[f"{name}_p99_ms"] = percentile(values, 0.99)
    if top:
        figures[f"{name}_max_ms"] = max(values)
    return {key: round(value, 2) for key, value in figures.items()}


def visible_within(item: Any, page: Any) -> bool:
    """Whether `item` is drawn: it and every parent up to `page` visible and not transparent."""
    while item is not None and item is not page:
        if not item.isVisible() or item.opacity() <= 0:
            return False
        item = item.parentItem()
    return True
