"""Waiting without Qt for what sends no signal: a process's state, a line another thread logs.

Qt tests wait with `qtbot.waitUntil` or `qtbot.waitSignal`; threads that can notify use a
`threading.Condition`. What is left (the kernel stopping a process, say) is polled here, so
the tests say what they wait for rather than how long.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def poll_until(condition: Callable[[], object], timeout_s: float, step_s: float = 0.01) -> bool:
    """True as soon as `condition()` holds; False once `timeout_s` has passed without it."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() >= deadline:
            return False
        time.sleep(step_s)
    return True
