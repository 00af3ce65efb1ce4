"""Every SVG drawn once, in a process that can be stopped, before the exhibit may draw it.

The static limits of `kiosk.content.svgcost` refuse the known ways a small SVG describes an
enormous drawing. What they cannot foresee, a trial catches: each SVG is drawn once by Qt's
own SVG reader (the code the exhibit uses) in a separate worker process, at the largest size
the kiosk ever shows it, with a time limit. A drawing that takes longer is refused and the
worker is killed: no core is left busy, and the exhibit never starts that drawing itself.

- `kiosk validate`, the swap's full check and `kiosk preview` (`load_exhibit(thorough=True)`)
  report a refused SVG as an error at its `path:` line, so such a folder never goes in;
- at start-up the picture preparation tries the exhibit's SVGs too (a folder copied in
  without validation); `allowed(path)` then tells display code not to show one that failed.

A worker that finished waits `KEEP_ALIVE_S` for more pictures (a curator saving a drawing
again in `kiosk preview` does not start Qt each time), then ends.

Verdicts depend only on the file's bytes (its SHA-256) and this code's version, so they are
remembered for the whole process and in `svg-trials.json` in the picture cache folder: a warm
start or a second validation draws nothing. Plain Python: the worker is `kiosk svg-worker`
(`kiosk.bridge.svgworker`), spoken to through its standard input and output, one JSON line
per picture.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kiosk.atomicio import write_text

log = logging.getLogger(__name__)

#: A drawing that takes longer than this, at the largest size the kiosk shows it, is refused.
#: The default exhibit's heaviest SVG takes about 0.5 s at 4K on a modest PC.
TIME_LIMIT_S = 5.0
#: Time allowed for the worker to start (Python and Qt loading on a cold, slow disk).
START_LIMIT_S = 60.0
#: A box a picture is drawn in: (width, height, whether it covers the box or fits in it).
Box = tuple[int, int, bool]
#: The largest box the kiosk draws a picture in when nothing says where it is shown:
#: covering a 4K screen (kiosk.content.pictureuse.USES has each place's box).
BOXES: tuple[Box, ...] = ((3840, 2160, True),)
#: A picture larger than this when drawn to fill a 4K screen is refused before drawing:
#: only extreme proportions (a strip 100 times longer than wide) get there.
MAX_PIXELS = 100_000_000
#: A worker waits this long for more pictures before it ends: a curator saving an SVG again
#: and again in `kiosk preview`, or one validation after another, do not start Qt each time.
KEEP_ALIVE_S = 30.0
#: Bump when the trial changes (sizes, limits): older verdicts are then not trusted.
VERSION = 1
STORE_FILE = "svg-trials.json"


@dataclass(frozen=True)
class Verdict:
    """How a trial went: `ok`, else why not in plain words. `size` is what it was drawn at."""

    ok: bool
    why: str = ""
    ms: float = 0.0
    size: tuple[int, int] = (0, 0)


# One memory for the process: verdicts by key (digest and boxes), digests by (path, size, mtime).
_verdicts: dict[str, Verdict] = {}
_digests: dict[str, tuple[int, int, str]] = {}
_lock = threading.Lock()
_refused_said: set[str] = set()


def worker_command() -> list[str]:
    """How to start the worker: this same executable (frozen) or this Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "svg-worker"]
    return [sys.executable, "-m", "kiosk", "svg-worker"]


def digest_of(path: Path) -> str | None:
    """The file's SHA-256, remembered while its size and modification time stay the same."""
    try:
        stat = path.stat()
        with _lock:
            known = _digests.get(str(path))
        if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
            return known[2]
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None
    with _lock:
        _digests[str(path)] = (stat.st_size, stat.st_mtime_ns, digest)
    return digest


def _key(digest: str, boxes: Sequence[Box]) -> str:
    return digest + ":" + ",".join(f"{w}x{h}{'c' if cover else 'f'}" for w, h, cover in sorted(boxes))


def known(path: Path) -> Verdict | None:
    """The verdict already reached for this file at any size, without drawing anything (None:
    not tried): a refusal at one size counts for all."""
    digest = digest_of(path)
    if digest is None:
        return None
    with _lock:
        found = [verdict for key, verdict in _verdicts.items() if key.startswith(digest + ":")]
    refused = [verdict for verdict in found if not verdict.ok]
    return (refused or found)[0] if (refused or found) else None


def allowed(path: Path) -> bool:
    """Whether display code may hand this SVG to Qt: not refused by a trial. Says a refusal
    once in the log. An SVG never tried is allowed: the static limits still held it."""
    verdict = known(path)
    if verdict is None or verdict.ok:
        return True
    with _lock:
        first = str(path) not in _refused_said
        _refused_said.add(str(path))
    if first:
        log.error("picture %s is not shown: %s", path, verdict.why)
    return False


def forget() -> None:
    """Drop what this process remembers, and end a waiting worker (for tests)."""
    with _lock:
        _verdicts.clear()
        _digests.clear()
        _refused_said.clear()
    close_idle()


# The worker that waits for more pictures, by the command that started it.
_idle: dict[tuple[str, ...], _Worker] = {}
_idle_lock = threading.Lock()


def _take_worker(command: list[str], start_limit_s: float) -> _Worker | str:
    """The waiting worker if there is one still running, else a new one (or why not)."""
    with _idle_lock:
        worker = _idle.pop(tuple(command), None)
    if worker is not None:
        worker.keep_until(None)
        if worker.alive:
            return worker
        worker.close()
    return _Worker.start(command, start_limit_s)


def _give_back(command: list[str], worker: _Worker) -> None:
    """Keep a worker that is still running for `KEEP_ALIVE_S`, then end it."""
    if not worker.alive or KEEP_ALIVE_S <= 0:
        worker.close()
        return
    with _idle_lock:
        previous = _idle.pop(tuple(command), None)
        _idle[tuple(command)] = worker
    if previous is not None:
        previous.close()
    worker.keep_until(KEEP_ALIVE_S, lambda: _expire(command, worker))


def _expire(command: list[str], worker: _Worker) -> None:
    with _idle_lock:
        if _idle.get(tuple(command)) is worker:
            del _idle[tuple(command)]
        else:
            return  # taken again meanwhile
    worker.close()


def close_idle() -> None:
    """End the waiting worker now (at exit, and for tests)."""
    with _idle_lock:
        waiting = list(_idle.values())
        _idle.clear()
    for worker in waiting:
        worker.close()


atexit.register(close_idle)


class Trials:
    """Runs trials for pictures not yet judged; `store` is the verdict file (None: memory only)."""

    def __init__(
        self,
        store: Path | None = None,
        limit_s: float | None = None,
        command: list[str] | None = None,
        start_limit_s: float | None = None,
    ) -> None:
        self.store = store
        self.limit_s = TIME_LIMIT_S if limit_s is None else limit_s
        self.start_limit_s = START_LIMIT_S if start_limit_s is None else start_limit_s
        self.command = command or worker_command()
        self.worker_problem = ""  # why the worker could not run, if it could not

    def judge(self, pictures: Mapping[Path, Sequence[Box]] | Iterable[Path]) -> dict[Path, Verdict | None]:
        """A verdict for each SVG, drawn in the boxes given for it (else `BOXES`): remembered,
        or drawn now. None: it could not be tried (unreadable, or the worker could not start:
        `worker_problem` says why)."""
        self.load_store()
        if not isinstance(pictures, Mapping):
            pictures = {path: BOXES for path in pictures}
        found: dict[Path, Verdict | None] = {}
        keys: dict[Path, str] = {}
        todo: dict[str, tuple[Path, Sequence[Box]]] = {}
        for path, boxes in pictures.items():
            digest = digest_of(path)
            if digest is None:
                found[path] = None
                continue
            keys[path] = key = _key(digest, boxes or BOXES)
            with _lock:
                found[path] = _verdicts.get(key)
            if found[path] is None:
                todo.setdefault(key, (path, boxes or BOXES))
        if todo:
            started = time.monotonic()
            results = self._run([(key, path, boxes) for key, (path, boxes) in todo.items()])
            with _lock:
                _verdicts.update(results)
            for path, key in keys.items():
                if key in results:
                    found[path] = results[key]
            log.info(
                "SVG pictures drawn once to check them: %d in %.1f s, %d refused",
                len(results),
                time.monotonic() - started,
                sum(not v.ok for v in results.values()),
            )
            self._save_store()
        return found

    # -- the worker ---------------------------------------------------------------------------

    def _run(self, todo: list[tuple[str, Path, Sequence[Box]]]) -> dict[str, Verdict]:
        results: dict[str, Verdict] = {}
        pending = list(todo)
        while pending:
            worker = _take_worker(self.command, self.start_limit_s)
            if isinstance(worker, str):
                self.worker_problem = worker
                log.warning("SVG pictures cannot be test-drawn: %s", worker)
                return results
            try:
                while pending:
                    key, path, boxes = pending[0]
                    reply = worker.ask(path, boxes, self.limit_s)
                    pending.pop(0)
                    if reply is None:
                        results[key] = Verdict(
                            False,
                            f"takes longer than {self.limit_s:g} s to draw at the largest size the kiosk shows "
                            "it: simplify it (fewer shapes, no blur filters) or save it as a PNG picture",
                        )
                        break  # the worker was killed: a new one for the rest
                    results[key] = reply
                    if not worker.alive:
                        break
            finally:
                _give_back(self.command, worker)
        return results

    # -- the verdicts on disk -------------------------------------------------------------------

    def load_store(self) -> None:
        """Learn the verdicts of the record on disk (done by `judge`)."""
        if self.store is None:
            return
        try:
            data = json.loads(self.store.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("version") != VERSION:
                return
            loaded = {
                str(key): Verdict(bool(ok), str(why), float(ms), (int(size[0]), int(size[1])))
                for key, (ok, why, ms, size) in data["verdicts"].items()
            }
        except FileNotFoundError:
            return
        except (OSError, ValueError, TypeError, KeyError, IndexError) as exc:
            log.warning("the SVG trial record %s cannot be read (%s): the pictures are tried again", self.store, exc)
            return
        with _lock:
            for key, verdict in loaded.items():
                _verdicts.setdefault(key, verdict)

    def _save_store(self) -> None:
        if self.store is None:
            return
        with _lock:
            verdicts = {k: [v.ok, v.why, v.ms, list(v.size)] for k, v in sorted(_verdicts.items())}
        try:
            self.store.parent.mkdir(parents=True, exist_ok=True)
            write_text(self.store, json.dumps({"version": VERSION, "verdicts": verdicts}, separators=(",", ":")))
        except OSError as exc:  # a read-only or full disk: the verdicts stay in memory
            log.warning("the SVG trial record %s cannot be written (%s)", self.store, exc.strerror or exc)


class _Worker:
    """One `kiosk svg-worker` process; its replies read by a thread into a queue."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._replies: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, name="svg-trial-reader", daemon=True)
        self._reader.start()
        self._asked = 0
        self._expiry: threading.Timer | None = None
        self._killed = False
        self.closed = threading.Event()

    @classmethod
    def start(cls, command: list[str], limit_s: float) -> _Worker | str:
        """A worker that said it is ready, or why there is none."""
        environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=environment,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError as exc:
            return f"the drawing process cannot start ({exc.strerror or exc})"
        worker = cls(process)
        try:
            first = worker._replies.get(timeout=limit_s)
        except queue.Empty:
            first = None
        if not first or not first.get("ready"):
            worker.close()
            return "the drawing process did not start"
        return worker

    @property
    def alive(self) -> bool:
        """Running and usable: a worker that was killed is never used again, even in the
        moment before the system has reaped it."""
        return not self._killed and self._process.poll() is None

    def ask(self, path: Path, boxes: Sequence[Box], limit_s: float) -> Verdict | None:
        """Draw one picture: its verdict, or None when it took longer than `limit_s` (the
        worker is then killed)."""
        self._asked += 1
        job = {"id": self._asked, "path": str(path), "boxes": [list(box) for box in boxes], "max_pixels": MAX_PIXELS}
        try:
            assert self._process.stdin is not None
            self._process.stdin.write((json.dumps(job) + "\n").encode())
            self._process.stdin.flush()
        except OSError:
            return Verdict(False, "stopped the drawing process (Qt's SVG reader failed on it)")
        deadline = time.monotonic() + limit_s
        while True:
            try:
                reply = self._replies.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                self.kill()
                return None
            if reply is None:  # the worker ended while drawing: a crash in the reader
                return Verdict(False, "stopped the drawing process (Qt's SVG reader failed on it)")
            if reply.get("id") == self._asked:
                size = reply.get("size") or [0, 0]
                return Verdict(
                    bool(reply.get("ok")),
                    str(reply.get("why", "")),
                    round(float(reply.get("ms", 0.0)), 1),
                    (int(size[0]), int(size[1])),
                )

    def keep_until(self, seconds: float | None, then: Callable[[], None] | None = None) -> None:
        """Run `then` after `seconds` unless asked again (None: cancel the wait)."""
        if self._expiry is not None:
            self._expiry.cancel()
            self._expiry = None
        if seconds is not None and then is not None:
            self._expiry = threading.Timer(seconds, then)
            self._expiry.daemon = True
            self._expiry.start()

    def kill(self) -> None:
        self._killed = True
        with contextlib.suppress(OSError):
            self._process.kill()

    def close(self) -> None:
        self.keep_until(None)
        with contextlib.suppress(OSError):
            if self._process.stdin is not None:
                self._process.stdin.close()
        try:
            self._process.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            self.kill()
            self._process.wait()
        self._reader.join(timeout=2.0)
        self.closed.set()

    def _read(self) -> None:
        stream: IO[bytes] | None = self._process.stdout
        if stream is None:
            self._replies.put(None)
            return
        for raw in stream:
            try:
                reply = json.loads(raw)
            except ValueError:
                continue  # not ours (a library printing): ignored
            if isinstance(reply, dict):
                self._replies.put(reply)
        self._replies.put(None)


__all__ = [
    "BOXES",
    "KEEP_ALIVE_S",
    "TIME_LIMIT_S",
    "Trials",
    "Verdict",
    "allowed",
    "close_idle",
    "forget",
    "known",
    "worker_command",
]
