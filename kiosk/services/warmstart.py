"""A warm start: the last known good copy opened from what was loaded when it was checked.

The normal morning start of an exhibition PC shows the same copy as the evening before.
Reading its YAML again, validating it, measuring its titles with the fonts and checking its
pictures' structure takes a few hundred milliseconds of the start-up, to find what was
already found. So when a copy is taken in (or first opened) and its checks pass, the loaded
`Exhibit` and its `Report` are kept beside it, in `gen-NNNNNN/loaded.pickle`, and a later
start of the same copy uses them. The interface's words (resources/ui-strings.yaml) are kept
with them, so such a start reads no YAML at all (nor imports PyYAML before its first frame).

The file is trusted only when its key matches exactly: the file format, the kiosk's version,
the code that makes an Exhibit (the content package's source, the interface's words and the
fonts titles are measured with; in an executable, the executable itself), Python's and
pydantic's versions, the generation, its source's digest and the copy's own fingerprint
(every file's size and modification time), so a new kiosk never trusts an old file and a
copy changed on disk is checked again. The bytes are checked against their SHA-256 before
they are unpickled. Anything wrong (missing, truncated, corrupt, another key, an unpickling
error) is one log line, and the start-up loads the copy as it always did.

Pickle runs code when it reads, so only a file the kiosk wrote itself is read: it lives in
the kiosk's own data folder (`lastgood/`), beside the copy it describes, which only the
kiosk's user account (or an administrator) can write. Whoever can write there can already
change what the kiosk shows and how it runs, so the file adds no new way in. Plain Python,
no Qt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import kiosk
from kiosk.atomicio import write_bytes
from kiosk.content.exhibit import Exhibit
from kiosk.content.report import Report
from kiosk.content.uistrings import UiStrings, load_ui_strings, remember
from kiosk.paths import default_content_dir, is_frozen, resources_dir
from kiosk.services.lastgood import Generation
from kiosk.services.watch import fingerprint

log = logging.getLogger(__name__)

CACHE_FILE = "loaded.pickle"
#: Changed whenever the file's layout changes.
FORMAT = 2
_MAGIC = b"kiosk loaded content\n"


@dataclass(frozen=True)
class Loaded:
    """What a quick load of a copy gave, ready to show; with the interface's own words
    (resources/ui-strings.yaml, which the key covers), so a warm start reads no YAML."""

    exhibit: Exhibit
    report: Report
    ui: UiStrings | None = None


#: In an executable's resources: the bundled exhibit as loaded when the executable was built.
BUNDLED_FILE = "content.loaded.pickle"


def _versions() -> str:
    import pydantic

    return f"{FORMAT}\0{kiosk.__version__}\0{sys.version}\0{pydantic.VERSION}"


def prepare_bundled(content: Path, target: Path) -> None:
    """At build time: load the exhibit the executable carries and keep it in `target` (put in
    the executable's resources), so the executable never loads and checks it again. Raises
    ValueError when the exhibit cannot be shown (the build stops: CI validates it anyway)."""
    from kiosk.content.loader import load_exhibit

    exhibit, report = load_exhibit(content, thorough=False)
    if exhibit is None:
        raise ValueError(f"the bundled exhibit {content} cannot be shown: {len(report.errors)} error(s)")
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, _encoded(_bundled_key(), Loaded(exhibit, report, load_ui_strings())))


def recall_bundled(content: Path) -> Loaded | None:
    """In an executable showing the exhibit it carries: that exhibit as loaded when the
    executable was built (the same files, the same code), moved to where it is unpacked now.
    None anywhere else, or when the file is missing or does not check out (logged)."""
    if not is_frozen() or not _same_place(content, default_content_dir()):
        return None
    path = resources_dir() / BUNDLED_FILE
    try:
        data = path.read_bytes()
    except OSError as exc:
        log.warning("warm start: the bundled exhibit's loaded form cannot be read (%s); loading it", exc)
        return None
    loaded = _decoded(data, _bundled_key(), {"bundled": "another build of the kiosk"})
    if isinstance(loaded, str):
        log.warning("warm start: the bundled exhibit's loaded form is not used: %s; loading it", loaded)
        return None
    return _recalled(loaded, content)


def _bundled_key() -> dict[str, str]:
    return {"bundled": _versions()}


def _same_place(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def cache_path(generation: Generation) -> Path:
    return generation.path / CACHE_FILE


def code_digest() -> str:
    """What decides the form of a loaded Exhibit and its Report, as one digest.

    From source: the content package's modules, this module and the interface's words,
    byte for byte, and the fonts by name and size. In an executable: the executable's own
    size and modification time (a one-file build unpacks its modules afresh at every launch,
    so their times say nothing; a new build is a new executable)."""
    versions = _versions()
    if is_frozen():
        stat = Path(sys.executable).stat()
        return hashlib.sha256(f"{versions}\0executable\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()
    return sources_digest(versions, Path(__file__).resolve().parent.parent / "content", resources_dir())


def sources_digest(versions: str, content_package: Path, resources: Path) -> str:
    """`code_digest` from source: `content_package`'s modules, this module, `resources`'
    interface words byte for byte, its fonts by name and size."""
    hasher = hashlib.sha256(versions.encode())
    for path in [*sorted(content_package.glob("*.py")), Path(__file__).resolve(), resources / "ui-strings.yaml"]:
        hasher.update(f"\0{path.name}\0".encode())
        hasher.update(path.read_bytes())
    for font in sorted((resources / "fonts").glob("*")):
        hasher.update(f"\0{font.name}\0{font.stat().st_size}".encode())
    return hasher.hexdigest()


def cache_key(generation: Generation) -> dict[str, str]:
    """Everything the kept file must match to be used for `generation` as it is now."""
    return {
        "code": code_digest(),
        "generation": generation.name,
        "source": generation.source_digest,
        "copy": fingerprint(generation.content).content().digest,
    }


def keep(generation: Generation, exhibit: Exhibit, report: Report) -> bool:
    """Keep what a load of `generation` gave (its checks passed), for the next start.
    Returns False, with one log line, when it cannot be written; nothing else depends on it."""
    try:
        loaded = Loaded(exhibit, report, load_ui_strings())
        write_bytes(cache_path(generation), _encoded(cache_key(generation), loaded))
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
        log.warning(
            "warm start: cannot keep the loaded content of %s (%s); it is loaded in full next time",
            generation.name,
            exc,
        )
        return False
    return True


def recall(generation: Generation) -> Loaded | None:
    """What was kept for `generation`, when it still describes it exactly; else None (one log
    line saying why) and the caller loads the copy as usual."""
    path = cache_path(generation)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        log.info("warm start: %s has no loaded content kept yet; loading it", generation.name)
        return None
    except OSError as exc:
        log.warning("warm start: cannot read %s (%s); loading the content", path, exc)
        return None
    loaded = _decoded(data, cache_key(generation), _KEY_WORDS)
    if isinstance(loaded, Loaded):
        return _recalled(loaded, generation.content)
    why = loaded
    # Made for another kiosk or copy: expected after an upgrade. Anything else: worth a look.
    level = logging.INFO if why.startswith(_OTHER_KEY) else logging.WARNING
    log.log(level, "warm start: the loaded content kept for %s is not used: %s; loading it", generation.name, why)
    return None


def _recalled(loaded: Loaded, content: Path) -> Loaded:
    """`loaded` moved to `content`, where the copy is now; its interface words are the ones
    the kiosk uses from now on (kiosk.content.uistrings.remember)."""
    if loaded.ui is not None:
        remember(loaded.ui)
    return replace(loaded, exhibit=replace(loaded.exhibit, root=content))


_OTHER_KEY = "it was made for"
_KEY_WORDS = {
    "code": "another version of the kiosk",
    "generation": "another copy",
    "source": "another version of the content",
    "copy": "the copy as it was before it changed on disk",
}


def _encoded(key: dict[str, str], loaded: Loaded) -> bytes:
    """The file's bytes: a header line, the key (JSON), the payload's SHA-256, the payload."""
    payload = pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)
    header = json.dumps(key, sort_keys=True).encode()
    return _MAGIC + header + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def _decoded(data: bytes, expected: dict[str, str], words: dict[str, str]) -> Loaded | str:
    """What `data` holds when its key is `expected` and its bytes check out; else why not
    (`words` names each part of the key that differs)."""
    parts = data.split(b"\n", 3)
    if len(parts) != 4 or parts[0] + b"\n" != _MAGIC:
        return "it is not a file of this kind (or it is cut short)"
    try:
        key = json.loads(parts[1])
    except ValueError:
        return "its key cannot be read"
    if key != expected:
        changed = [text for name, text in words.items() if not isinstance(key, dict) or key.get(name) != expected[name]]
        return f"{_OTHER_KEY} {' and '.join(changed) or 'something else'}"
    if hashlib.sha256(parts[3]).hexdigest().encode() != parts[2]:
        return "it is damaged or cut short (its checksum differs)"
    try:
        loaded = pickle.loads(parts[3])  # the kiosk's own file: see the module's docstring
    except Exception as exc:  # any unpickling error at all means: load the content
        return f"it cannot be read back ({type(exc).__name__}: {exc})"
    return loaded if isinstance(loaded, Loaded) else "it holds something else"
