"""What a content folder still lacks, for `kiosk validate`: translations, picture sizes,
files nobody refers to. Plain Python, no Qt.

The loader says whether a folder can be shown; this says how far it is from finished.
It reads the folder again on its own (the files are a few kilobytes), so it also covers
the files that are valid when others are not. Its findings are:

- per offered language, how many texts are translated, and where the missing ones are;
- for each picture, its pixel size against the largest frame the kiosk shows it in, on a
  1920x1080 screen: a warning when it would be enlarged (blurred), or when it has more
  than twice the pixels needed (the folder is heavier than it needs to be);
- the files of the folder that no content file names (forgotten pictures, old copies).

Warnings go to the same `Report` as the loader's problems, at a file, line and column.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, get_args, get_origin

from PIL import Image
from pydantic import BaseModel, ValidationError

from kiosk.content.media import VECTOR_EXTENSIONS, UnsafePathError, contained_path
from kiosk.content.report import Report
from kiosk.content.schema import (
    SECTION_MODELS,
    SOURCES_FILE,
    Background,
    BlasonSection,
    Era,
    Event,
    Manifest,
    Marker,
    Media,
    SectionIntro,
)
from kiosk.content.schema_export import SCHEMA_FOLDER
from kiosk.content.yamlsafe import DataPath, Located, load_yaml

MANIFEST_FILE = "exhibit.yaml"

#: The screen the sizes are measured for.
SCREEN = (1920, 1080)
#: A picture with more than this many times the pixels it is shown at (in each direction)
#: is far larger than needed.
TOO_LARGE_FACTOR = 2.0
#: Enlarging a picture by up to 2 % is invisible; more is reported.
ENLARGE_TOLERANCE = 1.02
#: Files that are never content: notes and the editor schemas.
NOTE_SUFFIXES = (".md", ".txt")
#: Stop listing a folder's files after this many: a content folder holds hundreds at most.
MAX_FILES = 20_000


@dataclass(frozen=True)
class Frame:
    """A place a picture is shown: its size in pixels at 1920x1080, and how it is fitted
    (`cover` fills it and trims, `contain` fits inside; None: as the picture's `fit` says)."""

    width: int
    height: int
    fit: str | None = None


@dataclass(frozen=True)
class Display:
    """Where a visitor sees one kind of picture, in words and as frames; no frames: not shown yet."""

    label: str
    frames: tuple[Frame, ...]


#: Measured on the real scene at 1920x1080 (tests/gui/test_authoring.py keeps them true).
#: The attract loop fills the screen with the backdrop and with every section's picture.
FULL_SCREEN = Frame(1920, 1080, "cover")
EVENT_CARD = Frame(655, 491)
MARKER_CARD = Frame(502, 247)
DISPLAYS: dict[str, Display] = {
    "backdrop": Display("full screen (home, attract loop)", (FULL_SCREEN,)),
    "illustration": Display(
        "full screen (attract loop), on its home tile and section page", (FULL_SCREEN, Frame(418, 176))
    ),
    "arms": Display("on the coat-of-arms page", (Frame(641, 712, "contain"),)),
    "event": Display("on the event card", (EVENT_CARD,)),
    "era": Display("on the cards of the era's events that have no picture", (EVENT_CARD,)),
    "marker": Display("on a map marker's card", (MARKER_CARD,)),
    # Zoomed into up to 8 times: more pixels show more detail, up to what one texture holds
    # everywhere (kiosk.content.pictureuse.USES["map"], 4096 at 4K, so 2048 at 1080p).
    "map-background": Display("under the map, zoomed into", (Frame(2048, 2048, "contain"),)),
}

#: (model, field) -> the kind of picture it holds. Every Media field of the schema is here
#: (tests/unit/content/test_audit.py checks it), so a new one cannot go unmeasured.
MEDIA_ROLES: dict[tuple[type[BaseModel], str], str] = {
    (Manifest, "backdrop"): "backdrop",
    (SectionIntro, "illustration"): "illustration",
    (BlasonSection, "arms"): "arms",
    (Era, "illustration"): "era",
    (Event, "media"): "event",
    (Marker, "media"): "marker",
    (Background, "image"): "map-background",
}


@dataclass
class LanguageCount:
    code: str
    translated: int = 0
    total: int = 0
    #: (file, line, column, field) of each text without this language.
    missing: list[tuple[str, int, int, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "translated": self.translated,
            "total": self.total,
            "missing": [{"file": f, "line": line, "column": col, "field": name} for f, line, col, name in self.missing],
        }


@dataclass(frozen=True)
class Use:
    """One place the content names a picture: where it is written, and how it is shown."""

    file: str
    line: int
    column: int
    role: str
    fit: str


@dataclass
class Picture:
    """One picture file and every place the content shows it."""

    path: str
    uses: list[Use] = field(default_factory=list)
    format: str = ""  #: PNG, JPEG, WebP, GIF, SVG; "" when it cannot be read (the loader says why)
    width: int = 0
    height: int = 0
    bytes: int = 0
    needed: tuple[int, int] | None = None  #: the pixels its largest frame needs
    verdict: str = "ok"  #: ok | too small | far larger than needed | vector | not shown yet | unreadable
    alt: bool = True
    credit: bool = True
    licence: bool = True

    @property
    def roles(self) -> list[str]:
        return sorted({use.role for use in self.uses}, key=list(DISPLAYS).index)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "width": self.width,
            "height": self.height,
            "bytes": self.bytes,
            "shown_as": [DISPLAYS[role].label for role in self.roles],
            "needed": {"width": self.needed[0], "height": self.needed[1]} if self.needed else None,
            "verdict": self.verdict,
            "alt": self.alt,
            "credit": self.credit,
            "licence": self.licence,
            "uses": [{"file": use.file, "line": use.line, "column": use.column, "role": use.role} for use in self.uses],
        }


@dataclass
class Audit:
    """What `kiosk validate` prints after the problems: the state of translations and pictures."""

    default_language: str | None = None
    languages: list[LanguageCount] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    unreferenced: list[tuple[str, int]] = field(default_factory=list)  #: (path, bytes)
    #: Files whose texts and pictures could not be counted (they have errors).
    not_counted: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "translations": {
                "default": self.default_language,
                "languages": [count.to_json() for count in self.languages],
                "not_counted": self.not_counted,
            },
            "media": [picture.to_json() for picture in self.pictures],
            "unreferenced": [{"path": path, "bytes": size} for path, size in self.unreferenced],
        }


def audit_folder(root: Path, report: Report) -> Audit:
    """Count translations, measure pictures, find unreferenced files; warnings into `report`."""
    audit = Audit()
    if not root.is_dir():
        return audit
    scratch = Report()  # the loader already reported every problem of the files themselves
    manifest_located = _read(root, MANIFEST_FILE, scratch)
    files: list[tuple[Located, type[BaseModel]]] = []
    #: Every YAML file named could be read: only then is a file nobody names really unused.
    all_read = manifest_located is not None
    if manifest_located is not None:
        files.append((manifest_located, Manifest))
        for kind, name in _section_files(manifest_located.data):
            located = _read(root, name, scratch)
            all_read = all_read and located is not None
            if located is not None:
                files.append((located, SECTION_MODELS[kind]))
    offered, default = _languages(manifest_located.data if manifest_located else None)
    audit.default_language = default
    audit.languages = [LanguageCount(code) for code in offered]
    pictures: dict[str, Picture] = {}
    for located, model in files:
        try:
            content = model.model_validate(located.data)
        except ValidationError:
            audit.not_counted.append(located.file)
            continue
        for loc, value, role, is_text in _walk(content):
            if is_text:
                _count_text(audit.languages, located, loc, value)
            elif isinstance(value, Media) and role is not None:
                picture = pictures.setdefault(value.path, Picture(value.path))
                line, column = located.position((*loc, "path"))
                picture.uses.append(Use(located.file, line, column, role, value.fit))
                picture.alt &= value.alt is not None
                picture.credit &= value.credit is not None
                picture.licence &= value.licence is not None
    for picture in pictures.values():
        _measure(root, picture, report)
    audit.pictures = sorted(pictures.values(), key=lambda picture: picture.path)
    if all_read:
        audit.unreferenced = _unreferenced(root, [located for located, _model in files], report)
    return audit


# -- reading ---------------------------------------------------------------------------------


def _read(root: Path, relative: str, scratch: Report) -> Located | None:
    try:
        path = contained_path(root, relative)
    except UnsafePathError:
        return None
    if not path.is_file():
        return None
    return load_yaml(path, PurePosixPath(relative).as_posix(), scratch)


def _section_files(data: Any) -> Iterator[tuple[str, str]]:
    """(kind, file) of each usable entry of `sections:`, even in an otherwise broken manifest."""
    entries = data.get("sections") if isinstance(data, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            kind, name = entry.get("kind"), entry.get("file")
            if kind in SECTION_MODELS and isinstance(name, str) and name.lower().endswith((".yaml", ".yml")):
                yield kind, name


def _languages(data: Any) -> tuple[list[str], str | None]:
    if not isinstance(data, dict):
        return [], None
    offered, default = data.get("languages"), data.get("default_language")
    if not isinstance(offered, list) or not all(isinstance(code, str) for code in offered):
        return [], None
    return list(dict.fromkeys(offered)), default if isinstance(default, str) else None


# -- walking validated content --------------------------------------------------------------


def _walk(model: BaseModel) -> Iterator[tuple[DataPath, Any, str | None, bool]]:
    """(path, value, picture role, is a text) for every value of a validated file."""
    stack: list[tuple[DataPath, Any, str | None, bool]] = [((), model, None, False)]
    while stack:
        loc, value, role, is_text = stack.pop()
        yield loc, value, role, is_text
        if isinstance(value, BaseModel):
            for name, info in reversed(type(value).model_fields.items()):
                child = getattr(value, name)
                texts = _text_shape(info.annotation)
                child_role = _role(type(value), name)
                if isinstance(child, list):
                    stack.extend(
                        ((*loc, name, index), item, child_role, texts == "list")
                        for index, item in reversed(list(enumerate(child)))
                    )
                else:
                    stack.append(((*loc, name), child, child_role, texts == "one" and child is not None))
        elif isinstance(value, list):
            stack.extend(((*loc, index), item, role, False) for index, item in reversed(list(enumerate(value))))


def _role(owner: type[BaseModel], name: str) -> str | None:
    for (model, field_name), role in MEDIA_ROLES.items():
        if field_name == name and issubclass(owner, model):
            return role
    return None


def _text_shape(annotation: Any) -> str:
    """'one' for LocalText (or LocalText | None), 'list' for list[LocalText], else ''."""
    if _is_local_text(annotation):
        return "one"
    if get_origin(annotation) is list and _is_local_text(get_args(annotation)[0]):
        return "list"
    return ""


def _is_local_text(annotation: Any) -> bool:
    members = get_args(annotation)
    return str in members and any(get_origin(member) is dict for member in members)


def _count_text(counts: list[LanguageCount], located: Located, loc: DataPath, text: Any) -> None:
    """A plain text is the same in every language: translated everywhere."""
    for count in counts:
        count.total += 1
        if isinstance(text, str) or (isinstance(text, dict) and str(text.get(count.code, "")).strip()):
            count.translated += 1
        else:
            line, column = located.key_position((*loc, count.code))
            count.missing.append((located.file, line, column, _display(loc)))


def _display(loc: DataPath) -> str:
    return ".".join(str(part + 1) if isinstance(part, int) else str(part) for part in loc)


# -- pictures -----------------------------------------------------------------------------------


def needed_size(width: int, height: int, frame: Frame, fit: str) -> tuple[int, int]:
    """The pixels a picture of `width` x `height` needs to fill `frame` without enlarging."""
    how = frame.fit or fit
    scale_x, scale_y = frame.width / width, frame.height / height
    scale = max(scale_x, scale_y) if how == "cover" else min(scale_x, scale_y)
    return max(1, int(width * scale + 0.5)), max(1, int(height * scale + 0.5))


def _measure(root: Path, picture: Picture, report: Report) -> None:
    try:
        path = contained_path(root, picture.path)
        picture.bytes = path.stat().st_size
    except (UnsafePathError, OSError):
        picture.verdict = "unreadable"
        return
    if picture.path.lower().endswith(VECTOR_EXTENSIONS):
        picture.format, picture.verdict = "SVG", "vector"
        return
    try:
        with Image.open(path) as image:
            picture.format = {"MPO": "JPEG", "WEBP": "WebP"}.get(image.format or "", image.format or "")
            picture.width, picture.height = image.size
    except Exception:
        picture.verdict = "unreadable"
        return
    needs = [
        (needed_size(picture.width, picture.height, frame, use.fit), use)
        for use in picture.uses
        for frame in DISPLAYS[use.role].frames
    ]
    if not needs:
        picture.verdict = "not shown yet"
        return
    picture.needed = (max(w for (w, _h), _use in needs), max(h for (_w, h), _use in needs))
    need_w, need_h = picture.needed
    (_size, largest) = max(needs, key=lambda need: need[0][0] * need[0][1])
    file, line, column, role = largest.file, largest.line, largest.column, largest.role
    shown = DISPLAYS[role].label
    if need_w > picture.width * ENLARGE_TOLERANCE or need_h > picture.height * ENLARGE_TOLERANCE:
        picture.verdict = "too small"
        report.warning(
            file,
            line,
            column,
            f"picture '{picture.path}' ({picture.width}×{picture.height} pixels) is too small: shown {shown}, "
            f"it is enlarged and looks blurred; use one of at least {need_w}×{need_h} pixels",
        )
    elif picture.width > need_w * TOO_LARGE_FACTOR and picture.height > need_h * TOO_LARGE_FACTOR:
        picture.verdict = "far larger than needed"
        report.warning(
            file,
            line,
            column,
            f"picture '{picture.path}' ({picture.width}×{picture.height} pixels, {_megabytes(picture.bytes)}) "
            f"is far larger than needed: shown at most {shown}, {need_w}×{need_h} pixels are enough. "
            "The kiosk scales it down when it shows it, but the folder is heavier than it needs to be",
        )


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 104_858 else f"{max(1, round(size / 1024))} KB"


# -- files nobody refers to ------------------------------------------------------------------

#: In the name of the copy Syncthing keeps of a file two computers changed at once
#: (`timeline.sync-conflict-20261207-101500-ABCDEFG.yaml`); kiosk/services/watch.py leaves
#: such copies out of the content too.
SYNC_CONFLICT = ".sync-conflict-"


def _unreferenced(root: Path, files: list[Located], report: Report) -> list[tuple[str, int]]:
    """Files of the folder that no YAML file names; hidden files, notes and schemas aside."""
    named = {MANIFEST_FILE, SOURCES_FILE}
    for located in files:
        named.add(located.file)
        named.update(_strings(located.data))
    found: list[tuple[str, int]] = []
    for relative, size in sorted(_files(root)):
        if SYNC_CONFLICT in PurePosixPath(relative).name:
            report.warning(
                relative,
                0,
                0,
                "a conflict copy made by Syncthing (two computers changed this file at once): the kiosk "
                "never shows it nor copies it; keep the right version on the curators' computer and delete this one",
            )
            continue
        if relative in named or _exempt(relative):
            continue
        found.append((relative, size))
        report.warning(
            relative,
            0,
            0,
            "no content file refers to this file: it travels with the folder but is never shown "
            "(name it in a YAML file, or remove it)",
        )
    return found


def _strings(data: Any) -> Iterator[str]:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str):
            yield value.strip()


def _files(root: Path) -> Iterator[tuple[str, int]]:
    """Every regular file under `root` (not following links to folders), hidden ones skipped."""
    count = 0
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            try:
                size = path.stat().st_size
            except OSError:
                continue
            yield path.relative_to(root).as_posix(), size
            count += 1
            if count >= MAX_FILES:
                return


def _exempt(relative: str) -> bool:
    pure = PurePosixPath(relative)
    if pure.suffix.lower() in NOTE_SUFFIXES:
        return True
    return len(pure.parts) == 2 and pure.parts[0] == SCHEMA_FOLDER and pure.name.endswith(".schema.json")
