"""`kiosk prepare [DIR]`: scale a content folder's large pictures into the picture cache now,
with a progress bar, so the exhibit opens at once afterwards (see kiosk.services.picturecache)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TextIO

from kiosk.content.loader import load_exhibit
from kiosk.services.picturecache import default_workers, ensure_exhibit, shared_cache

EXIT_OK, EXIT_FAILED = 0, 1
BAR_WIDTH = 30


class ProgressBar:
    """`[#########.....]  45/200  12.3 s` redrawn in place on a terminal; on a pipe or a
    log file, a plain line at every tenth of the way."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._tty = bool(getattr(stream, "isatty", lambda: False)())
        self._started = time.monotonic()
        self._last_tenth = -1

    def __call__(self, done: int, total: int) -> None:
        if total <= 0:
            return
        elapsed = time.monotonic() - self._started
        if self._tty:
            filled = round(BAR_WIDTH * done / total)
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            self._stream.write(f"\r[{bar}] {done:>{len(str(total))}}/{total}  {elapsed:5.1f} s")
            if done == total:
                self._stream.write("\n")
            self._stream.flush()
            return
        tenth = done * 10 // total
        if tenth != self._last_tenth:
            self._last_tenth = tenth
            self._stream.write(f"{done}/{total} pictures ({elapsed:.1f} s)\n")
            self._stream.flush()


def run_prepare(content: Path, workers: int | None, out: TextIO, err: TextIO) -> int:
    exhibit, report = load_exhibit(content, thorough=False)
    if exhibit is None:
        err.write(
            f"kiosk prepare: {content} cannot be shown ({len(report.errors)} error(s)); "
            f"run `kiosk validate {content}` to see them\n"
        )
        return EXIT_FAILED
    count = default_workers() if workers is None else workers
    cache = shared_cache()
    processes = f"{count} worker process{'es' if count != 1 else ''}" if count else "no worker process"
    out.write(f"Preparing the pictures of {content} ({processes})\n")
    out.flush()
    summary = ensure_exhibit(exhibit, count, ProgressBar(out))
    out.write(
        f"{summary.total} pictures: {summary.scaled} scaled, {summary.cached} already in the cache, "
        f"{summary.kept} shown as they are (SVG or small enough), {len(summary.failed)} failed, "
        f"in {summary.seconds:.1f} s\n"
        f"Cache: {cache.folder}\n"
    )
    if summary.unwritable:
        err.write(f"kiosk prepare: cannot write the picture cache: {summary.unwritable}\n")
    for problem in summary.failed:
        if "cannot write the cache" not in problem:
            err.write(f"kiosk prepare: not scaled, the original will be shown: {problem}\n")
    return EXIT_FAILED if summary.failed else EXIT_OK
