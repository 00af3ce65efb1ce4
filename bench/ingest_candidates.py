"""Other ways of preparing a picture, measured beside today's and the new one by
`bench/ingest.py`. Each is a worker like `kiosk.services.picturecache.prepare_picture`: one
`Job` in, one `JobResult` out, the copies written the same way (a temporary file, flushed,
renamed) at the exact sizes of `kiosk.content.pictureuse.target_size`. Not used by the kiosk.

- `prepare_pillow_draft_reduce`: Pillow, the JPEG drafted (mode 'RGB') to the smallest
  scale the largest copy allows, each copy made from the previous (smaller) one by a whole
  `reduce` and a cheaper filter (bicubic) for the last step, JPEG without `optimize`.
- `prepare_pyvips`: libvips through pyvips, `thumbnail` per copy: it decodes the JPEG
  straight to 1/2, 1/4 or 1/8 (shrink-on-load), turns it upright and resamples with
  Lanczos, and saves JPEG at quality 90 with the chroma halved as Pillow does (libvips
  would keep it whole at that quality: larger, slower files). One libvips thread per
  worker process (VIPS_CONCURRENCY=1), so that a figure per core means the same as
  Pillow's. pyvips is not a dependency of the kiosk: it is
  imported from BENCH_PYVIPS (a folder it was installed into with `pip install --target`)
  or from the environment.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from PIL import ExifTags, Image, ImageOps

from bench.ingest_baseline import _srgb, cache_key
from kiosk import atomicio
from kiosk.content.pictureuse import target_size
from kiosk.services.picturecache import ORIGINAL, Entry, Job, JobResult, Source, file_digest

JPEG_QUALITY = 90
_ROTATED = (5, 6, 7, 8)


def _state(job: Job) -> tuple[Source, str]:
    stat = Path(job.source).stat()
    digest = job.digest or file_digest(Path(job.source))
    return Source(stat.st_size, stat.st_mtime_ns, digest), digest


def _store(folder: Path, key: str, data_or_picture: bytes | Image.Image, size: tuple[int, int], png: bool) -> Entry:
    name = f"{key[:2]}/{key}{'.png' if png else '.jpg'}"
    final = folder / name
    final.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data_or_picture, bytes):
        data = data_or_picture
        written = atomicio.write_with(final, lambda stream: stream.write(data))
    else:
        picture = data_or_picture
        if png:
            written = atomicio.write_with(final, lambda stream: picture.save(stream, "PNG", compress_level=3))
        else:
            written = atomicio.write_with(final, lambda stream: picture.save(stream, "JPEG", quality=JPEG_QUALITY))
    return Entry(name, written, *size)


# -- Pillow: draft, reduce, a cheaper last step ----------------------------------------------------------


def prepare_pillow_draft_reduce(job: Job) -> JobResult:
    try:
        return _pillow_draft_reduce(job)
    except Exception as exc:
        return JobResult(job.source, error=str(exc) or type(exc).__name__)


def _pillow_draft_reduce(job: Job) -> JobResult:
    state, digest = _state(job)
    folder = Path(job.folder)
    with Image.open(job.source) as image:
        orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
        upright = image.size[::-1] if orientation in _ROTATED else image.size
        entries: dict[str, Entry] = {}
        todo: list[tuple[str, tuple[int, int]]] = []
        for use in job.uses:
            target = target_size(upright, use)
            if target is None:
                entries[cache_key(digest, use)] = ORIGINAL
            else:
                todo.append((cache_key(digest, use), target))
        if not todo:
            return JobResult(job.source, state, entries)
        todo.sort(key=lambda item: item[1][0] * item[1][1], reverse=True)
        largest = todo[0][1]
        image.draft("RGB", largest[::-1] if orientation in _ROTATED else largest)
        picture = _srgb(ImageOps.exif_transpose(image) if orientation in range(2, 9) else image)
        for key, target in todo:
            if picture.size != target:
                # reducing_gap=1: the largest whole reduction, then bicubic for less than 2x
                picture = picture.resize(target, Image.Resampling.BICUBIC, reducing_gap=1.0)
            entries[key] = _store(folder, key, picture, target, picture.mode == "RGBA")
    return JobResult(job.source, state, entries, scaled=len(todo))


# -- libvips through pyvips ----------------------------------------------------------------------------------


def load_pyvips() -> tuple[Any, str]:
    """(the pyvips module, "") or (None, why not)."""
    extra = os.environ.get("BENCH_PYVIPS")
    if extra and extra not in sys.path:
        sys.path.insert(0, extra)
    os.environ.setdefault("VIPS_CONCURRENCY", "1")
    try:
        import pyvips  # type: ignore[import-not-found]
    except Exception as exc:  # ImportError, or OSError when libvips itself is missing
        return None, f"{type(exc).__name__}: {exc}"
    pyvips.cache_set_max(0)  # every job decodes its photo afresh, as in a new worker
    return pyvips, ""


def pyvips_library_size() -> dict[str, float]:
    """What pyvips would add to the one-file executable: its files, and zlib-compressed
    (as PyInstaller packs them)."""
    import zlib

    pyvips, _ = load_pyvips()
    if pyvips is None:
        return {}
    roots: set[Path] = set()
    top = Path(pyvips.__file__).resolve().parent.parent
    for name in ("pyvips", "pyvips_binary.libs", "cffi", "pycparser"):
        if (top / name).exists():
            roots.add(top / name)
    files = [p for root in roots for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"]
    files += [p for p in top.glob("_libvips*") if p.is_file()] + [p for p in top.glob("_cffi_backend*") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    packed = sum(len(zlib.compress(p.read_bytes(), 6)) for p in files)
    return {"files_mb": round(raw / 1e6, 1), "compressed_mb": round(packed / 1e6, 1)}


def prepare_pyvips(job: Job) -> JobResult:
    try:
        return _pyvips(job)
    except Exception as exc:
        return JobResult(job.source, error=str(exc) or type(exc).__name__)


def _pyvips(job: Job) -> JobResult:
    pyvips, why = load_pyvips()
    if pyvips is None:
        raise RuntimeError(why)
    state, digest = _state(job)
    folder = Path(job.folder)
    header = pyvips.Image.new_from_file(job.source, access="sequential")
    orientation = header.get("orientation") if header.get_typeof("orientation") else 1
    upright = (header.height, header.width) if orientation in _ROTATED else (header.width, header.height)
    entries: dict[str, Entry] = {}
    scaled = 0
    for use in job.uses:
        key = cache_key(digest, use)
        target = target_size(upright, use)
        if target is None:
            entries[key] = ORIGINAL
            continue
        # thumbnail: shrink-on-load, EXIF orientation applied, Lanczos 3
        picture = pyvips.Image.thumbnail(job.source, target[0], height=target[1], size="force")
        png = picture.hasalpha()
        data = (
            picture.pngsave_buffer(compression=3)
            if png
            else picture.jpegsave_buffer(Q=JPEG_QUALITY, subsample_mode="on")
        )
        entries[key] = _store(folder, key, data, (picture.width, picture.height), png)
        scaled += 1
    return JobResult(job.source, state, entries, scaled=scaled)
