"""Pictures scaled once to the sizes the kiosk shows them at, kept in a cache.

Curators drop camera photos into a content folder: 24 megapixels, 10 MB each. The kiosk
never shows one larger than its screen, yet decoding the original costs a fraction of a
second of a core every time a page shows it. So each large picture is scaled once, in
worker processes, to the size each place that shows it needs, and kept in a cache:

- a cached picture's name is its *key*: the SHA-256 of the original file's bytes, the
  size it was scaled to, and a format version. Renaming or moving a content folder keeps
  its cache; changing a photo's bytes makes a new key; a new version of this code makes
  new pictures instead of misreading old ones;
- `index.json` remembers each original's size, modification time and digest, so a warm
  start hashes nothing, and each key's file, byte count and pixel size, so a damaged
  file (truncated, replaced, emptied) is noticed before it is shown;
- everything is written to a temporary file, flushed to disk, then renamed: a power cut
  leaves the old file or the new one, never half of one;
- nothing here may stop the exhibit: a deleted, damaged or unwritable cache means the
  original pictures are shown (as before this cache existed), and the next start rebuilds.

The sizes each picture is scaled to, per place it is shown, are `kiosk.content.pictureuse`.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import logging
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import atomicio
from kiosk.content.media import MAX_IMAGE_PIXELS, VECTOR_EXTENSIONS
from kiosk.content.pictureuse import REDUCTIONS, USES, copy_size, exhibit_pictures, svg_boxes, target_size
from kiosk.paths import picture_cache_folder

if TYPE_CHECKING:  # Pillow is imported where a picture is read: the exhibit's first frame needs none
    from PIL import Image

log = logging.getLogger(__name__)

#: Bump when the cached pictures change (sizes, quality, colour handling): old ones are
#: then neither used nor misread, and are removed after a while.
FORMAT_VERSION = 2  # 2: a copy that a JPEG's scaled decoding makes close enough is kept at that size
INDEX_FILE = "index.json"
JPEG_QUALITY = 90
#: Unreferenced cache files (an older content folder, an older format) younger than this
#: are kept: another kiosk process may be about to record them.
PRUNE_AFTER_S = 3600.0
#: While pictures are being scaled, the index is written at least this often, so the exhibit
#: shows each scaled copy soon after it is made.
SAVE_EVERY_S = 2.0

_PILLOW_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_ROTATED = (5, 6, 7, 8)  # EXIF orientations that swap width and height


Progress = Callable[[int, int], None]


# -- keys and sizes ---------------------------------------------------------------------------------------


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes, as hex."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def cache_key(digest: str, use: str) -> str:
    """What a cached picture is named after: the original's content, the target size, the format."""
    spec = USES[use]
    width, height = spec.box
    return f"{digest}-{width}x{height}{'c' if spec.cover else 'f'}-v{FORMAT_VERSION}"


def _absolute(path: Path) -> Path:
    """The same string for the same file however the content folder was named (no disk access)."""
    return Path(os.path.abspath(path))


# -- the index --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """An original picture as last seen: how to tell it has not changed, and its digest."""

    size: int
    mtime_ns: int
    sha256: str


@dataclass(frozen=True)
class Entry:
    """A cached picture (`file` relative to the cache folder), or `file == ""`: the original is shown."""

    file: str
    bytes: int = 0
    width: int = 0
    height: int = 0

    @property
    def original(self) -> bool:
        return not self.file


ORIGINAL = Entry("")


@dataclass
class Index:
    sources: dict[str, Source] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "sources": {path: [s.size, s.mtime_ns, s.sha256] for path, s in sorted(self.sources.items())},
            "entries": {key: [e.file, e.bytes, e.width, e.height] for key, e in sorted(self.entries.items())},
        }

    @classmethod
    def from_json(cls, data: Any) -> Index:
        """Raises ValueError (or TypeError, KeyError) for anything that is not an index we wrote."""
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            raise ValueError("not an index of this version")
        sources = {
            str(path): Source(int(size), int(mtime), str(digest))
            for path, (size, mtime, digest) in data["sources"].items()
        }
        entries = {
            str(key): Entry(str(name), int(size), int(width), int(height))
            for key, (name, size, width, height) in data["entries"].items()
        }
        return cls(sources, entries)


def _looks_whole(path: Path, entry: Entry) -> bool:
    """Cheap check before a cached picture is used: the byte count it was written with, the
    format's first bytes and its end marker. Catches truncation, garbage and deletion."""
    try:
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_size != entry.bytes or entry.bytes < 16:
                return False
            head = handle.read(8)
            handle.seek(-12, os.SEEK_END)
            tail = handle.read(12)
    except OSError:
        return False
    if path.suffix == ".png":
        return head == _PNG_MAGIC and tail[4:8] == b"IEND"
    return head[:3] == b"\xff\xd8\xff" and tail[-2:] == b"\xff\xd9"


# -- the work done in worker processes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """One original picture and the uses it is needed for. Sent to a worker process."""

    source: str
    digest: str | None  # known from the index, or None: the worker hashes the file
    uses: tuple[str, ...]
    folder: str


@dataclass(frozen=True)
class JobResult:
    source: str
    source_state: Source | None = None
    entries: dict[str, Entry] = field(default_factory=dict)
    scaled: int = 0  # pictures written
    error: str = ""
    unwritable: bool = False  # the cache folder cannot be written (full, read-only)


class CacheWriteError(OSError):
    """The cache folder refused a file: the cause is the disk, not the picture."""


def prepare_picture(job: Job) -> JobResult:
    """Scale one picture for its uses, reusing whatever is already cached. Never raises.

    A top-level function: worker processes are started with 'spawn' (as on Windows and
    in the frozen build), which finds the function by its module and name.
    """
    from PIL import Image

    try:
        return _prepare(job)
    except CacheWriteError as exc:
        return JobResult(job.source, error=f"cannot write the cache: {exc.strerror or exc}", unwritable=True)
    except Image.DecompressionBombError:
        return JobResult(job.source, error=f"more than {MAX_IMAGE_PIXELS // 1_000_000} megapixels")
    except Exception as exc:
        return JobResult(job.source, error=str(exc) or type(exc).__name__)


@dataclass(frozen=True)
class _Copy:
    """A cached picture to make: its key, its size, and the whole factor it is reduced by
    from the original (0: resampled to its size)."""

    key: str
    size: tuple[int, int]
    factor: int


def _prepare(job: Job) -> JobResult:
    from PIL import ExifTags, Image, ImageOps

    source = Path(job.source)
    stat = source.stat()
    digest = job.digest or file_digest(source)
    state = Source(stat.st_size, stat.st_mtime_ns, digest)
    folder = Path(job.folder)
    with Image.open(source, formats=_PILLOW_FORMATS) as image:
        if image.size[0] * image.size[1] > MAX_IMAGE_PIXELS:  # checked before any pixel is decoded
            raise Image.DecompressionBombError(f"{image.size[0]}x{image.size[1]}")
        orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
        rotated = orientation in _ROTATED
        width, height = image.size
        upright = (height, width) if rotated else (width, height)
        entries: dict[str, Entry] = {}
        todo: list[_Copy] = []
        for use in job.uses:
            key = cache_key(digest, use)
            planned = copy_size(upright, use)
            if planned is None and orientation in range(2, 9):
                planned = (upright, 1)  # small enough, but lying on its side: store it upright
            if planned is None:
                entries[key] = ORIGINAL
            elif (found := _adopt(folder, key, planned[0])) is not None:
                entries[key] = found
            else:
                todo.append(_Copy(key, *planned))
        if not todo:
            return JobResult(job.source, state, entries)
        # JPEG decodes straight to 1/2, 1/4 or 1/8 of its size, at a fraction of the cost
        # and as sharp: the most of the speed of scaling a camera photo. Decoded at the
        # smallest of those every copy allows, the decoded picture is often a copy itself.
        scale = min(_decode_scale(upright, copy) for copy in todo)
        if scale > 1:
            image.draft(None, (width // scale, height // scale))  # as stored: not yet turned upright
        image.load()  # here: a damaged original must fail as itself, not later as a cache write
        picture = _srgb(ImageOps.exif_transpose(image) if orientation in range(2, 9) else image)
        made = [picture]
        for copy in sorted(todo, key=lambda c: c.size[0] * c.size[1], reverse=True):
            made.append(_scaled(copy, made))
            entries[copy.key] = _write(folder, copy.key, made[-1])
    return JobResult(job.source, state, entries, scaled=len(todo))


def _decode_scale(upright: tuple[int, int], copy: _Copy) -> int:
    """How much a JPEG may be reduced while it is decoded for `copy`: by its own factor
    when it is a reduction, else by the most that still leaves at least its size."""
    if copy.factor:
        return copy.factor
    return next(
        (f for f in REDUCTIONS if upright[0] // copy.size[0] >= f and upright[1] // copy.size[1] >= f),
        1,
    )


def _scaled(copy: _Copy, made: list[Image.Image]) -> Image.Image:
    """`copy`, from the smallest picture at hand that covers it: the decoded picture or a
    copy made before it (the largest are made first). A box reduction (`Image.reduce`)
    alone would be quicker but softer than JPEG's scaled decoding: it is only a first step."""
    width, height = copy.size
    covering = [p for p in made if p.size[0] >= width and p.size[1] >= height]
    source = min(covering, key=lambda p: p.size[0] * p.size[1]) if covering else made[0]
    if source.size == copy.size:
        return source
    # reducing_gap=2: a box reduction first when shrinking 4 times or more (a thumbnail),
    # then Lanczos for the last 2 to 4 times: as sharp, to 2 % at the largest size drawn
    # (bench/ingest.py measures it), and 3 times quicker than with 3.
    from PIL import Image

    return source.resize(copy.size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def _adopt(folder: Path, key: str, size: tuple[int, int]) -> Entry | None:
    """A cached picture already on disk for `key` (the index was lost), if it is whole."""
    from PIL import Image

    for suffix in (".jpg", ".png"):
        path = folder / key[:2] / f"{key}{suffix}"
        try:
            path_bytes = path.stat().st_size
            with Image.open(path, formats=("JPEG", "PNG")) as found:
                if found.size != size:
                    return None
        except (OSError, ValueError, Image.DecompressionBombError):
            continue
        entry = Entry(f"{key[:2]}/{path.name}", path_bytes, *size)
        return entry if _looks_whole(path, entry) else None
    return None


@cache
def _srgb_profile() -> Any:
    from PIL import ImageCms

    return ImageCms.createProfile("sRGB")


def _srgb(image: Image.Image) -> Image.Image:
    """RGB (or RGBA when some pixel is see-through), converted to sRGB when the file says
    it is in another colour space (Adobe RGB, a printer's CMYK): Qt shows pixels as sRGB."""
    from PIL import ImageCms

    alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    mode = "RGBA" if alpha else "RGB"
    profile = image.info.get("icc_profile")
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            if "srgb" not in ImageCms.getProfileDescription(source).lower():
                if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
                    image = image.convert(mode)
                converted = ImageCms.profileToProfile(image, source, _srgb_profile(), outputMode=mode)
                if converted is not None:
                    image = converted
        except (ImageCms.PyCMSError, OSError, ValueError) as exc:
            log.debug("colour profile ignored (%s)", exc)
    if image.mode != mode:
        image = image.convert(mode)
    if mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")  # an alpha channel with nothing see-through: a photo
    return image


def _write(folder: Path, key: str, picture: Image.Image) -> Entry:
    """Write atomically: a temporary file, flushed to disk, renamed over the final name."""
    alpha = picture.mode == "RGBA"
    name = f"{key[:2]}/{key}{'.png' if alpha else '.jpg'}"
    final = folder / name
    if alpha:
        save = lambda stream: picture.save(stream, "PNG", compress_level=3)  # noqa: E731
    else:
        save = lambda stream: picture.save(stream, "JPEG", quality=JPEG_QUALITY)  # noqa: E731
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        size = atomicio.write_with(final, save)
    except OSError as exc:
        if getattr(exc, "filename2", None) is not None:
            raise  # the rename of this one file (on Windows: open elsewhere): only this picture fails
        # the folder or the disk: every other picture would fail the same way
        raise CacheWriteError(exc.errno or errno.EIO, exc.strerror or str(exc)) from exc
    return Entry(name, size, *picture.size)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


# -- the cache ------------------------------------------------------------------------------------------------


@dataclass
class Summary:
    """What `ensure` did, per original picture."""

    scaled: int = 0  # at least one size was made
    cached: int = 0  # every size was already in the cache
    kept: int = 0  # shown as it is: an SVG, or small enough
    failed: list[str] = field(default_factory=list)  # "path: why"; these originals are shown
    refused: list[str] = field(default_factory=list)  # "path: why": SVGs too slow to draw, never shown
    unwritable: str = ""  # why the cache cannot be written, when it cannot
    seconds: float = 0.0
    workers: int = 0

    @property
    def total(self) -> int:
        return self.scaled + self.cached + self.kept + len(self.failed)


class ImageCache:
    """The cached pictures in one folder. `lookup` is for display time: it never hashes,
    never decodes, never raises. `ensure` does the work, ahead of time."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = _absolute(folder or picture_cache_folder())
        self._lock = threading.Lock()
        self._index = Index()
        self._index_seen: tuple[int, int, int] | None = None
        self._warned: set[str] = set()

    @property
    def index_path(self) -> Path:
        return self.folder / INDEX_FILE

    # -- display time -------------------------------------------------------------------------------------

    def lookup(self, source: Path, use: str) -> Path | None:
        """The cached picture to show for `source` at `use`, or None: show the original."""
        if use not in USES:
            raise KeyError(f"unknown picture use {use!r}: one of {', '.join(USES)}")
        source = _absolute(source)
        try:
            stat = source.stat()
        except OSError:
            return None
        index = self._current_index()
        known = index.sources.get(str(source))
        if known is None or (known.size, known.mtime_ns) != (stat.st_size, stat.st_mtime_ns):
            return None
        entry = index.entries.get(cache_key(known.sha256, use))
        if entry is None or entry.original:
            return None
        path = self.folder / entry.file
        if not _looks_whole(path, entry):
            self._warn_once(
                f"damaged:{path}",
                "cached picture %s is missing or damaged: showing the original %s; it is rebuilt at the next start",
                path,
                source,
            )
            return None
        return path

    def _current_index(self) -> Index:
        """The index as on disk, read again only when the file changed."""
        try:
            stat = self.index_path.stat()
            seen = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        except OSError:
            seen = None
        with self._lock:
            if seen != self._index_seen:
                self._index = self._read_index() if seen is not None else Index()
                self._index_seen = seen
            return self._index

    # -- ahead of time ------------------------------------------------------------------------------------

    def ensure(
        self,
        pictures: Mapping[Path, Iterable[str]],
        workers: int = 0,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        low_priority: bool = False,
    ) -> Summary:
        """Make every missing or damaged cached picture; `workers` processes (0: this one).

        `progress(done, total)` is called in the caller's thread, first with done = 0,
        where total counts the pictures that need work (those already cached are not).
        Never raises for a picture or a disk problem: what failed is in the summary and
        in the log, and those pictures are shown as they are.

        The index is written every SAVE_EVERY_S while the work goes on, so the exhibit
        (`lookup`) uses each scaled picture soon after it is made, not only at the end.
        `cancel` set: the pictures not started yet are left for later (what is done is
        kept). `low_priority`: the worker processes yield the processor to the exhibit.
        """
        started = time.monotonic()
        summary = Summary(workers=workers)
        index = self._read_index()
        jobs: list[Job] = []
        svgs: dict[Path, tuple[tuple[int, int, bool], ...]] = {}
        for raw_source, raw_uses in pictures.items():
            source = _absolute(raw_source)
            uses = tuple(sorted(set(raw_uses)))
            if source.suffix.lower() in VECTOR_EXTENSIONS:
                svgs[source] = svg_boxes(uses)
                summary.kept += 1
                continue
            if not uses:
                summary.kept += 1
                continue
            try:
                stat = source.stat()
            except OSError as exc:
                summary.failed.append(f"{source}: {exc.strerror or exc}")
                continue
            known = index.sources.get(str(source))
            unchanged = known is not None and (known.size, known.mtime_ns) == (stat.st_size, stat.st_mtime_ns)
            digest = known.sha256 if known is not None and unchanged else None
            ready = [self._ready(index, digest, use) for use in uses] if digest else []
            if ready and all(entry is not None for entry in ready):
                if all(entry.original for entry in ready if entry is not None):
                    summary.kept += 1
                else:
                    summary.cached += 1
                continue
            jobs.append(Job(str(source), digest, uses, str(self.folder)))

        if jobs or svgs:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                summary.unwritable = f"{self.folder}: {exc.strerror or exc}"
        # SVGs are drawn once each in a process of their own (stopped when too slow), while
        # the photos are scaled: one that fails is never handed to the exhibit's image reader.
        trial = threading.Thread(target=self._try_svgs, args=(svgs, summary), name="svg-trials", daemon=True)
        if svgs:
            trial.start()
        if progress is not None:
            progress(0, len(jobs))
        if summary.unwritable:
            for job in jobs:
                if _needs_scaling(job):
                    summary.failed.append(f"{job.source}: cannot write the cache")
                else:
                    summary.kept += 1
        else:
            recorded = unsaved = 0
            saved_at = time.monotonic()
            for done, result in enumerate(self._run(jobs, workers, cancel, low_priority), start=1):
                recorded += not result.error
                unsaved += not result.error
                self._record(index, result, summary)
                if unsaved and time.monotonic() - saved_at >= SAVE_EVERY_S:
                    self._save_index(index, summary, prune=False)
                    unsaved, saved_at = 0, time.monotonic()
                if progress is not None:
                    progress(done, len(jobs))
            if recorded:
                self._save_index(index, summary)
        if svgs:
            trial.join()
        summary.seconds = time.monotonic() - started
        if summary.unwritable:
            log.warning("cannot write the picture cache (%s): showing the original pictures", summary.unwritable)
        for problem in [p for p in summary.failed if "cannot write the cache" not in p][:20]:
            log.warning("picture not scaled, the original is shown: %s", problem)
        if jobs or summary.failed:
            log.info(
                "pictures: %d scaled, %d already cached, %d shown as they are, %d failed (%.1f s)",
                summary.scaled,
                summary.cached,
                summary.kept,
                len(summary.failed),
                summary.seconds,
            )
        return summary

    def _try_svgs(self, svgs: dict[Path, tuple[tuple[int, int, bool], ...]], summary: Summary) -> None:
        from kiosk.content import svgtrial

        store = None if summary.unwritable else self.folder / svgtrial.STORE_FILE
        try:
            verdicts = svgtrial.Trials(store=store).judge(svgs)
        except Exception:
            log.exception("the SVG pictures could not be drawn once to check them")
            return
        for path, verdict in verdicts.items():
            if verdict is not None and not verdict.ok:
                summary.refused.append(f"{path}: {verdict.why}")
                svgtrial.allowed(path)  # says it in the log, once for the process

    def _ready(self, index: Index, digest: str | None, use: str) -> Entry | None:
        """The index's entry for (digest, use) if its file is still whole (or it is the original)."""
        if digest is None:
            return None
        entry = index.entries.get(cache_key(digest, use))
        if entry is None or entry.original or _looks_whole(self.folder / entry.file, entry):
            return entry
        return None

    def _run(
        self, jobs: list[Job], workers: int, cancel: threading.Event | None = None, low_priority: bool = False
    ) -> Iterator[JobResult]:
        """Results as they come; a full disk stops the rest (they would fail the same way),
        and so does `cancel` (the rest are not tried and not reported)."""
        cancelled = cancel.is_set if cancel is not None else lambda: False
        if workers <= 0 or len(jobs) <= 1:
            for position, job in enumerate(jobs):
                if cancelled():
                    return
                result = prepare_picture(job)
                yield result
                if result.unwritable:
                    yield from (_not_written(other) for other in jobs[position + 1 :])
                    return
            return
        context = multiprocessing.get_context("spawn")  # never fork a process running Qt's threads
        with ProcessPoolExecutor(
            max_workers=min(workers, len(jobs)),
            mp_context=context,
            initializer=lower_priority if low_priority else None,
        ) as pool:
            futures: dict[Future[JobResult], Job] = {pool.submit(prepare_picture, job): job for job in jobs}
            stopped = False
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
                if cancelled() and not stopped:
                    stopped = True
                    for other in pending:
                        other.cancel()
                for future in finished:
                    job = futures[future]
                    try:
                        result = future.result()
                    except BrokenProcessPool as exc:
                        result = JobResult(job.source, error=f"a worker process stopped ({exc})")
                    except CancelledError:
                        if cancelled():
                            continue  # left for later, not a failure
                        result = _not_written(job)  # not tried: the disk was full
                    except Exception as exc:
                        result = JobResult(job.source, error=str(exc) or type(exc).__name__)
                    if result.unwritable and not stopped:
                        stopped = True
                        for other in pending:
                            other.cancel()
                    yield result

    def _record(self, index: Index, result: JobResult, summary: Summary) -> None:
        if result.unwritable and not summary.unwritable:
            summary.unwritable = f"{self.folder}: {result.error.removeprefix('cannot write the cache: ')}"
        if result.error:
            summary.failed.append(f"{result.source}: {result.error}")
            return
        if result.source_state is not None:
            index.sources[result.source] = result.source_state
        index.entries.update(result.entries)
        if result.scaled:
            summary.scaled += 1
        elif all(entry.original for entry in result.entries.values()):
            summary.kept += 1
        else:
            summary.cached += 1

    # -- the index on disk ----------------------------------------------------------------------------------

    def _read_index(self) -> Index:
        try:
            with self.index_path.open("rb") as handle:
                return Index.from_json(json.load(handle))
        except (FileNotFoundError, NotADirectoryError):
            return Index()  # no cache yet (or no folder: `ensure` says so)
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            self._warn_once(
                f"index:{self.index_path}",
                "the picture cache's index %s cannot be read (%s): it is rebuilt",
                self.index_path,
                exc,
            )
            return Index()

    def _save_index(self, index: Index, summary: Summary, prune: bool = True) -> None:
        """Merge with what another process may have written meanwhile, forget originals that
        are gone, write atomically, then (`prune`) remove cache files nothing refers to any more."""
        on_disk = self._read_index()
        merged = Index({**on_disk.sources, **index.sources}, {**on_disk.entries, **index.entries})
        merged.sources = {path: s for path, s in merged.sources.items() if os.path.exists(path)}
        digests = {s.sha256 for s in merged.sources.values()}
        merged.entries = {key: e for key, e in merged.entries.items() if key.split("-", 1)[0] in digests}
        payload = json.dumps(merged.to_json(), separators=(",", ":")).encode()
        try:
            atomicio.write_bytes(self.index_path, payload)
        except OSError as exc:
            summary.unwritable = summary.unwritable or f"{self.index_path}: {exc.strerror or exc}"
            return
        if prune:
            self._prune({e.file for e in merged.entries.values() if e.file})

    def _prune(self, referenced: set[str]) -> None:
        """Remove cached pictures no index entry refers to (older content, older format)."""
        now = time.time()
        try:
            for sub in self.folder.iterdir():
                if not sub.is_dir() or len(sub.name) != 2:
                    continue
                for path in sub.iterdir():
                    if f"{sub.name}/{path.name}" in referenced:
                        continue
                    try:
                        if now - path.stat().st_mtime > PRUNE_AFTER_S:
                            path.unlink()
                    except OSError:
                        continue
        except OSError as exc:
            log.debug("cache not pruned (%s)", exc)

    def _warn_once(self, key: str, message: str, *args: object) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message, *args)


def _needs_scaling(job: Job) -> bool:
    """Whether the cache would hold a copy of this picture (its header only is read)."""
    from PIL import ExifTags, Image

    try:
        with Image.open(job.source, formats=_PILLOW_FORMATS) as image:
            upright = (
                image.size if image.getexif().get(ExifTags.Base.Orientation, 1) not in _ROTATED else image.size[::-1]
            )
            return any(target_size(upright, use) is not None for use in job.uses)
    except Exception:
        return True


def _not_written(job: Job) -> JobResult:
    return JobResult(job.source, error="cannot write the cache", unwritable=True)


# -- the content side -----------------------------------------------------------------------------------------


def default_workers() -> int:
    """All cores but one (the screen keeps one to stay smooth), at least one."""
    return max(1, (os.cpu_count() or 2) - 1)


#: Windows' priority class for work that runs only when nothing else wants the processor.
_BELOW_NORMAL_PRIORITY_CLASS = 0x4000
#: On Linux and macOS: the "nicest" a process can be, as `nice -n 19` would start it.
_NICEST = 19


def lower_priority() -> None:
    """Make this process yield the processor to every normal one (the exhibit's window).

    Run first in each worker process that fills the cache behind the exhibit. Never raises:
    at worst the work runs at normal priority, as `kiosk prepare` does.
    """
    try:
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), _BELOW_NORMAL_PRIORITY_CLASS)
        else:
            os.setpriority(os.PRIO_PROCESS, 0, _NICEST)
    except (OSError, AttributeError) as exc:
        log.debug("the picture worker keeps its priority (%s)", exc)


_shared: dict[Path, ImageCache] = {}
_shared_lock = threading.Lock()


def shared_cache(folder: Path | None = None) -> ImageCache:
    """One ImageCache per folder for the whole process, so its index is read once."""
    resolved = _absolute(folder or picture_cache_folder())
    with _shared_lock:
        cache = _shared.get(resolved)
        if cache is None:
            cache = _shared[resolved] = ImageCache(resolved)
        return cache


def cached_media_path(exhibit_root: Path, relpath: str, use: str) -> Path | None:
    """The file to show for the picture `relpath` of a content folder at `use`: its cached
    copy when one was prepared and is whole, else the original; None for an SVG that its
    trial refused (too slow to draw: kiosk.content.svgtrial), shown as an empty frame.
    Cheap: a few file stats."""
    original = _absolute(exhibit_root / relpath)
    if original.suffix.lower() in VECTOR_EXTENSIONS:
        from kiosk.content import svgtrial

        return original if svgtrial.allowed(original) else None
    return shared_cache().lookup(original, use) or original


def ensure_exhibit(
    exhibit: Any,
    workers: int | None = None,
    progress: Progress | None = None,
    folder: Path | None = None,
    cancel: threading.Event | None = None,
    low_priority: bool = False,
) -> Summary:
    """Prepare every picture of an exhibit (see ImageCache.ensure). Never raises."""
    cache = shared_cache(folder)
    try:
        return cache.ensure(
            exhibit_pictures(exhibit),
            default_workers() if workers is None else workers,
            progress,
            cancel=cancel,
            low_priority=low_priority,
        )
    except Exception as exc:
        log.exception("pictures could not be prepared; showing the originals")
        return Summary(failed=[f"{exhibit.root}: {exc}"])


class BackgroundPreparation:
    """Fills the picture cache behind the exhibit, which is already on screen.

    The exhibit never waits for the cache: a picture without its scaled copy yet is shown
    from the original, decoded at the size it is drawn (kiosk.bridge.models.media_url), and
    each scaled copy is used from the next time its page is built. The work runs in a thread
    of its own that hands the pictures to worker processes of low priority, after
    `start_delay_s` (the exhibit's first frames come first). A newer exhibit (content
    swapped while the work goes on) supersedes the one being prepared: the pictures not
    started yet are dropped, the newer exhibit's are prepared next.
    """

    def __init__(
        self,
        folder: Path | None = None,
        workers: int | None = None,
        start_delay_s: float = 1.0,
        on_finished: Callable[[Summary], None] | None = None,
    ) -> None:
        self._folder = folder
        self._workers = workers
        self._start_delay_s = start_delay_s
        self._on_finished = on_finished
        self._lock = threading.Lock()
        self._wanted: Any = None
        self._cancel = threading.Event()
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None
        self._delayed = False
        self.done = 0
        self.total = 0
        self.summary: Summary | None = None  # of the last exhibit prepared to the end

    @property
    def busy(self) -> bool:
        """Whether an exhibit's pictures are waiting or being prepared."""
        with self._lock:
            return self._thread is not None

    def prepare(self, exhibit: Any) -> None:
        """Prepare `exhibit`'s pictures behind the screen (None: nothing to prepare)."""
        if exhibit is None:
            return
        with self._lock:
            if self._closed.is_set():
                return
            self._wanted = exhibit
            self._cancel.set()  # the exhibit being prepared, if any, is no longer shown
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="picture-cache", daemon=True)
                self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until nothing is left to prepare; whether that happened within `timeout`."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def stop(self, timeout: float = 10.0) -> None:
        """Stop preparing (the pictures being scaled are finished), for the end of the run."""
        with self._lock:
            self._closed.set()
            self._cancel.set()
            self._wanted = None
        self.wait(timeout)

    def _work(self) -> None:
        if not self._delayed:
            self._delayed = True
            if self._closed.wait(self._start_delay_s):
                with self._lock:
                    self._thread = None
                return
        while True:
            with self._lock:
                exhibit, self._wanted = self._wanted, None
                if exhibit is None or self._closed.is_set():
                    self._thread = None  # a later `prepare` starts a new thread
                    return
                cancel = self._cancel = threading.Event()
            self.done = self.total = 0
            summary = ensure_exhibit(
                exhibit, self._workers, self._progress, self._folder, cancel=cancel, low_priority=True
            )
            if cancel.is_set():
                continue  # superseded or stopped: what was made is kept, the rest is for later
            self.summary = summary
            if self._on_finished is not None:
                try:
                    self._on_finished(summary)
                except Exception:
                    log.exception("after the pictures were prepared")

    def _progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total
