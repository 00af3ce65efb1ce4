"""`kiosk --self-test`: prove this installation can show the exhibit, headless, in seconds.

Run by CI on the frozen executable right after it is built, and by installers on the
exhibition PC. It needs no display: it sets the offscreen platform and Qt's software
renderer itself. It checks, in order:

1. the libraries the content checks need: pydantic-core, PyYAML, Pillow's PNG, JPEG, WebP
   and GIF codecs (encoded and decoded in memory), PyNaCl's signatures (a bundle's) and
   scrypt (the admin PIN's), miniaudio's decoding (the Listen buttons');
2. the bundled content: loaded and validated, every picture decoded;
3. Qt: the image formats the content may use and the QML modules (engine.check_qml_modules);
4. every screen rendered in the exhibit's default language into a temporary folder
   (the machinery of `kiosk snapshot`), each one checked not to be blank.

A Qt warning or an unexpected log message is a failure too. On success it prints a few
`ok` lines on stdout, nothing on stderr, and exits 0; on failure it says what failed on
stderr and exits 1.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from kiosk import __version__
from kiosk.paths import default_content_dir, program_location

EXIT_OK, EXIT_FAILED = 0, 1

#: Pillow formats checked (the raster formats curators may use, see kiosk/content/media.py).
PILLOW_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
#: Qt image formats the QML must decode (PNG is built into Qt; the others are plugins).
QT_IMAGE_FORMATS = ("png", "jpeg", "webp", "gif", "svg")
#: A screen with fewer distinct colours than this is blank (a real one has text and pictures).
MIN_COLOURS = 200
SIZE = (1280, 720)


class SelfTestError(Exception):
    """One check failed; the message says which and why."""


def check_libraries() -> str:
    import nacl
    import pydantic
    import pydantic_core
    import yaml
    from nacl.signing import SigningKey
    from PIL import Image

    from kiosk.services.admin import hash_pin, verify_pin

    decoded = []
    for fmt in PILLOW_FORMATS:
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), (200, 80, 40)).save(buffer, fmt)
        buffer.seek(0)
        with Image.open(buffer, formats=(fmt,)) as image:
            image.load()
            if image.size != (8, 8):
                raise SelfTestError(f"Pillow decoded a {fmt} picture at the wrong size {image.size}")
        decoded.append(fmt)
    key = SigningKey.generate()  # the bundles' signatures: libsodium and cffi's back end frozen in
    key.verify_key.verify(key.sign(b"self-test"))
    if not verify_pin("2468", hash_pin("2468", n=16, r=1, p=1)):  # the admin PIN's hash (cheap settings)
        raise SelfTestError("the admin PIN's hash does not check out")
    sound = _decoded_sound()
    c_loader = "C loader" if getattr(yaml, "CSafeLoader", None) else "pure-Python loader"
    return (
        f"libraries: pydantic {pydantic.VERSION} (core {pydantic_core.__version__}), PyYAML {yaml.__version__} "
        f"({c_loader}), Pillow {Image.__version__} ({', '.join(decoded)}), PyNaCl {nacl.__version__}, {sound}"
    )


def _decoded_sound() -> str:
    """A tenth of a second of WAV made here, decoded by miniaudio (the Listen buttons' player,
    frozen in with its compiled module): no sound device is needed."""
    import struct
    import wave

    from kiosk.content.audiofiles import import_miniaudio

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(8000)
        wav.writeframes(struct.pack("<800h", *([1000, -1000] * 400)))
    miniaudio = import_miniaudio()
    decoded = miniaudio.decode(buffer.getvalue(), nchannels=1, sample_rate=8000)
    if decoded.num_frames != 800:
        raise SelfTestError(f"miniaudio decoded {decoded.num_frames} frames of a sound of 800")
    return f"miniaudio {getattr(miniaudio, '__version__', '?')} (WAV decoded)"


def check_content(content: Path) -> tuple[str, str]:
    """Validate the content as `kiosk validate` does; returns (summary, default language)."""
    from kiosk.content.loader import load_exhibit

    exhibit, report = load_exhibit(content, thorough=True)
    if report.problems:
        lines = "\n".join(f"  {problem.format()}" for problem in report.sorted())
        raise SelfTestError(f"the content in {content} has {len(report.problems)} problem(s):\n{lines}")
    if exhibit is None:
        raise SelfTestError(f"the content in {content} cannot be shown")
    manifest = exhibit.manifest
    summary = (
        f"content: {len(exhibit.sections)} sections, languages {', '.join(manifest.languages)}, "
        "every picture decoded, every SVG drawn once, no problem"
    )
    return summary, manifest.default_language


def check_qt() -> str:
    """Image format plugins and QML modules: what a trimmed build could have lost."""
    from kiosk.bridge import diagnostics, engine

    supported = diagnostics.image_formats()
    missing = [fmt for fmt in QT_IMAGE_FORMATS if fmt not in supported]
    if missing:
        raise SelfTestError(f"Qt cannot decode {', '.join(missing)} pictures: its image format plugins are missing")
    try:
        diagnostics.check_qml_modules()
    except engine.QmlLoadError as error:
        raise SelfTestError(str(error)) from None
    return (
        f"Qt {diagnostics.qt_version()}: image formats {', '.join(QT_IMAGE_FORMATS)}; "
        f"QML modules {', '.join(engine.REQUIRED_QML_MODULES)}"
    )


def render_screens(content: Path, language: str, out: Path) -> str:
    """Every screen through `kiosk snapshot`'s machinery; each PNG must exist and not be blank."""
    from PIL import Image

    from kiosk.commands.snapshot import run_snapshot

    written = io.StringIO()
    with contextlib.redirect_stdout(written):  # snapshot lists the files it writes
        code = run_snapshot(content=content, out=out, lang=language, size=SIZE, screens="all")
    if code != 0:
        raise SelfTestError(f"rendering the screens failed (kiosk snapshot exit code {code})")
    pictures = [Path(line) for line in written.getvalue().splitlines() if line.endswith(".png")]
    if not pictures:
        raise SelfTestError("no screen was rendered")
    blank = []
    for picture in pictures:
        with Image.open(picture) as image:
            colours = image.convert("RGB").getcolors(maxcolors=MIN_COLOURS)
            if image.size != SIZE or colours is not None:  # None: more colours than MIN_COLOURS
                blank.append(f"{picture.stem} ({image.size[0]}x{image.size[1]}, {len(colours or [])} colours)")
    if blank:
        raise SelfTestError(f"blank or wrongly sized screen(s): {', '.join(blank)}")
    names = ", ".join(picture.stem.removesuffix(f"-{language}") for picture in pictures)
    return f"{len(pictures)} screens rendered in {language} at {SIZE[0]}x{SIZE[1]}: {names}"


class _Complaints(logging.Handler):
    """Collects every warning (ours or Qt's) during the test: each one is a failure."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.name}: {record.getMessage()}")


def run_self_test(content: Path | None = None) -> int:
    started = time.perf_counter()
    # Forced, not defaults: a self-test on the exhibition PC must not open a window there.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["QT_QUICK_BACKEND"] = "software"
    content = content or default_content_dir()
    complaints = _Complaints()
    root = logging.getLogger()
    root.addHandler(complaints)
    print(f"kiosk {__version__} self-test ({program_location()})", flush=True)

    def step(check: Callable[[], str]) -> None:
        summary = check()
        if complaints.messages:
            raise SelfTestError("warnings were logged:\n" + "\n".join(f"  {m}" for m in complaints.messages))
        print(f"ok  {summary}", flush=True)

    try:
        step(check_libraries)
        language = ""

        def content_step() -> str:
            nonlocal language
            summary, language = check_content(content)
            return summary

        step(content_step)

        from kiosk.bridge import engine

        engine.route_qt_messages_to_logging()  # Qt's warnings become failures through `complaints`
        engine.application()
        step(check_qt)
        with tempfile.TemporaryDirectory(prefix="kiosk-self-test-") as folder:
            step(lambda: render_screens(content, language, Path(folder)))
    except SelfTestError as failure:
        print(f"kiosk self-test FAILED: {failure}", file=sys.stderr, flush=True)
        return EXIT_FAILED
    except Exception as error:  # an import error in a frozen build, a crash: say it plainly
        traceback.print_exc(file=sys.stderr)
        print(f"kiosk self-test FAILED: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
        return EXIT_FAILED
    finally:
        root.removeHandler(complaints)
    print(f"self-test passed in {time.perf_counter() - started:.1f} s", flush=True)
    return EXIT_OK
