"""Checks of the pictures a content folder refers to, before the kiosk ever shows them.

A picture that Qt cannot decode shows as an empty rectangle in front of visitors, and
a hostile one (a decompression bomb, an SVG with entities, a symbolic link to a system
file) must be caught on the curator's machine, not on the exhibition screen. So every
picture is decoded once here, fully, with Pillow, under an explicit pixel limit.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING
from xml.parsers import expat

from kiosk.content import svgcost
from kiosk.content.report import Report
from kiosk.content.schema import Media
from kiosk.content.yamlsafe import Position

if TYPE_CHECKING:  # Pillow is imported where a picture is checked (picturecache.py reads these constants)
    from PIL import Image

#: Larger pictures are refused: 64 megapixels is 8000x8000, far beyond any kiosk screen,
#: and decoding more could exhaust the kiosk's memory.
MAX_IMAGE_PIXELS = 64_000_000

#: An animated GIF or WebP may hold at most this many frames, and this many pixels in all
#: frames together: the kiosk shows only the first frame, but a reader may walk them all.
MAX_FRAMES = 1000
MAX_ANIMATION_PIXELS = 4 * MAX_IMAGE_PIXELS

#: Raster picture extensions -> the Pillow formats such a file may hold.
RASTER_FORMATS: dict[str, tuple[str, ...]] = {
    ".png": ("PNG",),
    ".jpg": ("JPEG", "MPO"),  # Pillow names JPEGs from some cameras MPO
    ".jpeg": ("JPEG", "MPO"),
    ".webp": ("WEBP",),
    ".gif": ("GIF",),
}
VECTOR_EXTENSIONS = (".svg",)
#: The only decoders Pillow may try: fewer decoders, less attack surface.
_PILLOW_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
_FORMAT_NAMES = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "WEBP": "WebP", "GIF": "GIF"}
_SUFFIX_FOR = {"PNG": ".png", "JPEG": ".jpg", "MPO": ".jpg", "WEBP": ".webp", "GIF": ".gif"}


class UnsafePathError(ValueError):
    """A path in the content that must not be followed; the message says why."""


def contained_path(root: Path, relative: str) -> Path:
    """The real file `relative` names inside `root`, or UnsafePathError when it would leave it.

    Content folders travel between machines: a path must be relative, use '/', and
    stay inside the folder even after following symbolic links at every level.
    """
    if "\\" in relative:
        raise UnsafePathError("use '/' between folders, not '\\'")
    windows = PureWindowsPath(relative)
    if PurePosixPath(relative).is_absolute() or windows.is_absolute() or windows.drive:
        raise UnsafePathError(
            "absolute paths are not allowed: write the path from the content folder, like 'media/photo.jpg'"
        )
    if ".." in PurePosixPath(relative).parts:
        raise UnsafePathError("'..' is not allowed: the file must be inside the content folder")
    try:
        real_root = root.resolve()
        target = (root / relative).resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop (Python < 3.13)
        raise UnsafePathError(f"cannot follow this path ({exc})") from None
    if not target.is_relative_to(real_root):
        raise UnsafePathError("a symbolic link leads outside the content folder")
    return target


def check_media(
    root: Path,
    rel_from: str,
    position: Position,
    media: Media,
    report: Report,
    thorough: bool = True,
    svgs: dict[Path, list[tuple[str, Position, str]]] | None = None,
) -> None:
    """Report what is wrong with one picture, at `position`: its `path` value in `rel_from`.

    `thorough` decodes every pixel (what `kiosk validate` does). Without it, as when the
    kiosk starts, pictures are checked from their structure only: fast enough for hundreds
    of photos, and a truncated JPEG is still caught by its missing end marker.
    An SVG that passes its checks is added to `svgs` (where it is named), for the loader to
    draw each once (kiosk.content.svgtrial).
    """
    line, column = position
    target, problem = _locate(root, media.path)
    if target is None:
        report.error(rel_from, line, column, f"picture '{media.path}': {problem}")
    elif media.path.lower().endswith(VECTOR_EXTENSIONS):
        svg_problem = _svg_problem(target)
        if svg_problem:
            report.error(rel_from, line, column, f"picture '{media.path}': {svg_problem}")
        elif svgs is not None:
            svgs.setdefault(target, []).append((rel_from, position, media.path))
    else:
        _check_raster(target, media.path, rel_from, position, report, thorough)
    if media.alt is None:
        report.warning(
            rel_from,
            line,
            column,
            "picture has no alternative text (alt): say what it shows, for visitors who cannot see it",
        )
    if media.credit is None:
        report.warning(rel_from, line, column, "picture has no credit: who made it (photographer, archive...)")
    if media.licence is None:
        report.warning(rel_from, line, column, "picture has no licence: under which licence or permission it is shown")


def _locate(root: Path, relative: str) -> tuple[Path | None, str]:
    """(the picture file, "") or (None, why it cannot be a picture: type, place, existence, size)."""
    suffix = PurePosixPath(relative).suffix.lower()
    if suffix not in RASTER_FORMATS and suffix not in VECTOR_EXTENSIONS:
        what = f"'{suffix}' is not a picture type the kiosk shows" if suffix else "the name has no extension"
        return None, f"{what}: use .png, .jpg, .webp, .gif or .svg"
    try:
        target = contained_path(root, relative)
        if not target.exists():
            return None, "file not found" + case_hint(target)
        if not target.is_file():
            return None, "is not a file"
        if target.stat().st_size == 0:
            return None, "the file is empty (0 bytes)"
    except UnsafePathError as exc:
        return None, str(exc)
    except OSError as exc:
        return None, f"cannot read the file: {exc.strerror or exc}"
    return target, ""


def case_hint(target: Path) -> str:
    """'Photo.JPG' works on Windows, not on the kiosk's Linux: name the near miss."""
    try:
        near = [entry.name for entry in target.parent.iterdir() if entry.name.lower() == target.name.lower()]
    except OSError:
        return ""
    return f" (there is '{near[0]}': names are case-sensitive)" if near else ""


def _check_raster(
    path: Path, shown: str, rel_from: str, position: Position, report: Report, thorough: bool = True
) -> None:
    """Check the picture with Pillow: `verify()` finds bad structure, `load()` truncation."""
    expected = RASTER_FORMATS[PurePosixPath(shown).suffix.lower()]  # the name the curator wrote
    found, problem, frames = _decode(path, thorough)
    if problem:
        report.error(rel_from, *position, f"picture '{shown}': {problem}")
        return
    if frames > 1:
        report.warning(
            rel_from,
            *position,
            f"picture '{shown}' is animated ({frames} frames): the kiosk shows only its first frame",
        )
    if found not in expected:
        report.warning(
            rel_from,
            *position,
            f"picture '{shown}' is a {_FORMAT_NAMES.get(found, found)} file but its name says "
            f"{_FORMAT_NAMES[expected[0]]}: rename it to '{PurePosixPath(shown).stem}{_SUFFIX_FOR.get(found, '')}'",
        )


def _decode(path: Path, thorough: bool = True) -> tuple[str, str | None, int]:
    """(Pillow's format name, None, its frame count) for a good picture, or ("", why it
    cannot be shown, 0)."""
    from PIL import Image, UnidentifiedImageError

    pillow_limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # read by Pillow at open(): never trust whatever it was
    try:
        with warnings.catch_warnings():
            # Pillow only warns between the limit and twice the limit: refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=_PILLOW_FORMATS) as image:
                found = image.format or ""
                frames = _frame_count(image)
                if frames > MAX_FRAMES or frames * image.size[0] * image.size[1] > MAX_ANIMATION_PIXELS:
                    return "", _too_many_frames(frames, image.size), 0
                image.verify()
            if thorough:
                with Image.open(path, formats=_PILLOW_FORMATS) as image:
                    if image.format in ("JPEG", "MPO"):
                        # Every byte of the compressed data is still read and decoded; only
                        # the last step is done at 1/8 of the size: 3 to 5 times quicker on
                        # a camera photo, and the same damage is found as at full size.
                        image.draft(None, (max(1, image.size[0] // 8), max(1, image.size[1] // 8)))
                    image.load()
            elif found in ("JPEG", "MPO") and not _has_jpeg_end(path):
                return "", "is damaged or truncated (the end of the JPEG file is missing)", 0
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return "", _too_many_pixels(str(exc)), 0
    except PermissionError as exc:
        return "", f"cannot read the file: {exc.strerror or exc}", 0
    except UnidentifiedImageError:
        return "", "is not a PNG, JPEG, WebP or GIF picture (damaged, or saved in another format)", 0
    except Exception as exc:
        return "", f"is damaged or truncated ({exc})", 0
    finally:
        Image.MAX_IMAGE_PIXELS = pillow_limit  # a check, not a process-wide setting
    return found, None, frames


def _frame_count(image: Image.Image) -> int:
    """How many frames an animated GIF or WebP holds (1 for a still picture). Pillow reads
    a GIF's frame headers without decoding them, a WebP's count from its header."""
    return int(getattr(image, "n_frames", 1) or 1)


def _too_many_frames(frames: int, size: tuple[int, int]) -> str:
    total = frames * size[0] * size[1]
    if frames > MAX_FRAMES:
        amount = f"more than {MAX_FRAMES} frames"
    else:
        amount = f"{frames} frames of {size[0]} by {size[1]} pixels ({total / 1e6:.0f} megapixels in all)"
    return (
        f"the animation is too large: {amount}; the limit is {MAX_FRAMES} frames and "
        f"{MAX_ANIMATION_PIXELS / 1e6:.0f} megapixels in all. The kiosk shows only the first frame: "
        "save that frame as a PNG or JPEG picture"
    )


def _has_jpeg_end(path: Path) -> bool:
    """A complete JPEG ends with the EOI marker (FF D9), give or take some padding."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 1024))
        return b"\xff\xd9" in handle.read()


def _too_many_pixels(pillow_message: str) -> str:
    match = re.search(r"\((\d+) pixels\)", pillow_message)
    size = f"{int(match.group(1)) / 1e6:.0f} megapixels" if match else "too many pixels"
    return f"the picture is too large: {size}, the limit is {MAX_IMAGE_PIXELS / 1e6:.0f} megapixels; make it smaller"


class _RefusedError(Exception):
    """Raised from inside expat handlers to stop parsing at once."""


def _svg_problem(path: Path) -> str | None:
    """Parse an SVG as plain XML: no DOCTYPE, no entities (no XXE, no billion laughs), <svg>
    root; then measure what drawing it would cost (kiosk.content.svgcost)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    tree = svgcost.TreeBuilder(lambda: parser.CurrentLineNumber)

    def refuse(*_: object) -> None:
        raise _RefusedError("DOCTYPE and ENTITY declarations are not allowed in an SVG")

    def refuse_external(_context: str, _base: str | None, _system: str | None, _public: str | None) -> int:
        raise _RefusedError("DOCTYPE and ENTITY declarations are not allowed in an SVG")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse_external
    parser.StartElementHandler = tree.start
    parser.EndElementHandler = tree.end
    try:
        with path.open("rb") as stream:
            parser.ParseFile(stream)
    except _RefusedError as exc:
        return str(exc)
    except svgcost.TooCostlyError as exc:
        return f"is too heavy to draw: {exc}"
    except expat.ExpatError as exc:
        return f"is not valid XML (line {exc.lineno}: {expat.ErrorString(exc.code)})"
    except OSError as exc:
        return f"cannot read the file: {exc.strerror or exc}"
    root = tree.root
    if root is None:
        return "is empty"
    if root.tag != "svg":
        return f"is not an SVG picture: its first element is <{root.tag}>, not <svg>"
    try:
        svgcost.assess(root)
    except svgcost.TooCostlyError as exc:
        return f"is too heavy to draw: {exc}"
    return None
