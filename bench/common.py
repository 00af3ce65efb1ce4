"""What the benchmarks share: headless rendering and percentiles."""

from __future__ import annotations

import os
import sys
from pathlib import Path

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
