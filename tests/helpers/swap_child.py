"""A child process for tests/unit/services/test_interrupted.py, killed on purpose half-way.

swap_child.py intake STORE SOURCE STEP   take SOURCE into the store; SIGKILL itself at STEP
swap_child.py copy SOURCE TARGET DELAY   copy like an installer on a slow link, chunk by chunk
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path


def intake(store_dir: Path, source: Path, step: str) -> None:
    from kiosk.services.lastgood import LastGoodStore
    from kiosk.services.swap import Intake
    from kiosk.services.watch import fingerprint

    def checkpoint(name: str) -> None:
        if name.startswith(step):
            print("KILLED AT", name, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    store = LastGoodStore(store_dir, checkpoint)
    result = Intake(source, store).take(fingerprint(source))
    store.prune()
    print("DONE", result.generation.name if result.generation else "refused", flush=True)


def slow_copy(source: Path, target: Path, delay: float) -> None:
    """exhibit.yaml first (it names the new pictures), the largest files last, 64 KB at a time."""
    files = sorted(
        (p for p in source.rglob("*") if p.is_file()), key=lambda p: (p.name != "exhibit.yaml", p.stat().st_size)
    )
    for path in files:
        relative = path.relative_to(source).as_posix()
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        with path.open("rb") as reader, destination.open("wb") as writer:
            while chunk := reader.read(64 * 1024):
                writer.write(chunk)
                writer.flush()
                print("COPYING", relative, flush=True)
                time.sleep(delay)
    print("DONE", flush=True)


if __name__ == "__main__":
    command, first, second, third = sys.argv[1:5]
    if command == "intake":
        intake(Path(first), Path(second), third)
    else:
        slow_copy(Path(first), Path(second), float(third))
