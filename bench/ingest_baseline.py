"""Today's way of preparing a picture, kept as it was before issue #16 (commit 1979da7):
the baseline `bench/ingest.py` measures the new code against, in the same run.

A copy of the worker side of `kiosk/services/picturecache.py` at that commit
(`prepare_picture`, `_prepare`, `_adopt`, `_srgb`, `_write`), the code unchanged (comments
shortened), its cache keys with that commit's format version. Not used by the kiosk.
"""

from __future__ import annotations

import errno
import io
import logging
from pathlib import Path

from PIL import ExifTags, Image, ImageCms, ImageOps

from kiosk import atomicio
from kiosk.content.media import MAX_IMAGE_PIXELS
from kiosk.content.pictureuse import USES, target_size
from kiosk.services.picturecache import (
    ORIGINAL,
    CacheWriteError,
    Entry,
    Job,
    JobResult,
    Source,
    _looks_whole,
    file_digest,
)

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
JPEG_QUALITY = 90
_PILLOW_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_ROTATED = (5, 6, 7, 8)


def cache_key(digest: str, use: str) -> str:
    spec = USES[use]
    width, height = spec.box
    return f"{digest}-{width}x{height}{'c' if spec.cover else 'f'}-v{FORMAT_VERSION}"


def prepare_picture(job: Job) -> JobResult:
    try:
        return _prepare(job)
    except CacheWriteError as exc:
        return JobResult(job.source, error=f"cannot write the cache: {exc.strerror or exc}", unwritable=True)
    except Image.DecompressionBombError:
        return JobResult(job.source, error=f"more than {MAX_IMAGE_PIXELS // 1_000_000} megapixels")
    except Exception as exc:
        return JobResult(job.source, error=str(exc) or type(exc).__name__)


def _prepare(job: Job) -> JobResult:
    source = Path(job.source)
    stat = source.stat()
    digest = job.digest or file_digest(source)
    state = Source(stat.st_size, stat.st_mtime_ns, digest)
    folder = Path(job.folder)
    with Image.open(source, formats=_PILLOW_FORMATS) as image:
        if image.size[0] * image.size[1] > MAX_IMAGE_PIXELS:
            raise Image.DecompressionBombError(f"{image.size[0]}x{image.size[1]}")
        orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
        width, height = image.size
        upright = (height, width) if orientation in _ROTATED else (width, height)
        entries: dict[str, Entry] = {}
        todo: list[tuple[str, tuple[int, int]]] = []
        for use in job.uses:
            key = cache_key(digest, use)
            target = target_size(upright, use)
            if target is None and orientation in range(2, 9):
                target = upright
            if target is None:
                entries[key] = ORIGINAL
            elif (found := _adopt(folder, key, target)) is not None:
                entries[key] = found
            else:
                todo.append((key, target))
        if not todo:
            return JobResult(job.source, state, entries)
        todo.sort(key=lambda item: item[1][0] * item[1][1], reverse=True)
        largest = todo[0][1]
        image.draft(None, (largest[1], largest[0]) if orientation in _ROTATED else largest)
        picture = _srgb(ImageOps.exif_transpose(image))
        for key, target in todo:
            if picture.size != target:
                picture = picture.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
            entries[key] = _write(folder, key, picture)
    return JobResult(job.source, state, entries, scaled=len(todo))


def _adopt(folder: Path, key: str, target: tuple[int, int]) -> Entry | None:
    for suffix in (".jpg", ".png"):
        path = folder / key[:2] / f"{key}{suffix}"
        try:
            size = path.stat().st_size
            with Image.open(path, formats=("JPEG", "PNG")) as found:
                if found.size != target:
                    return None
        except (OSError, ValueError, Image.DecompressionBombError):
            continue
        entry = Entry(f"{key[:2]}/{path.name}", size, *target)
        return entry if _looks_whole(path, entry) else None
    return None


_SRGB = ImageCms.createProfile("sRGB")


def _srgb(image: Image.Image) -> Image.Image:
    alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    mode = "RGBA" if alpha else "RGB"
    profile = image.info.get("icc_profile")
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            if "srgb" not in ImageCms.getProfileDescription(source).lower():
                if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
                    image = image.convert(mode)
                converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
                if converted is not None:
                    image = converted
        except (ImageCms.PyCMSError, OSError, ValueError) as exc:
            log.debug("colour profile ignored (%s)", exc)
    if image.mode != mode:
        image = image.convert(mode)
    if mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")
    return image


def _write(folder: Path, key: str, picture: Image.Image) -> Entry:
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
            raise
        raise CacheWriteError(exc.errno or errno.EIO, exc.strerror or str(exc)) from exc
    return Entry(name, size, *picture.size)
