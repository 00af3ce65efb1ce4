"""Load a content folder into immutable, validated objects, or say everything that is wrong.

The content folder is `exhibit.yaml` plus one YAML file per section and the pictures they
name. Loading never raises for bad content: each problem becomes a `Problem` pointing at
the key or value to fix, and every file is checked even when an earlier one failed, so a
curator sees all problems in one run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from kiosk.content.audiofiles import check_audio
from kiosk.content.checks import (
    Where,
    check_blason,
    check_colours,
    check_links,
    check_map,
    check_pillars,
    check_timeline,
)

# What a loaded folder is lives in exhibit.py (a warm start needs it without the loader);
# named here too, where the loader's callers have always found it.
from kiosk.content.exhibit import Exhibit as Exhibit
from kiosk.content.exhibit import Languages as Languages
from kiosk.content.exhibit import LoadedSection as LoadedSection
from kiosk.content.exhibit import displayed as displayed
from kiosk.content.exhibit import localized as localized
from kiosk.content.exhibit import written as written
from kiosk.content.media import UnsafePathError, check_media, contained_path
from kiosk.content.report import Report
from kiosk.content.schema import (
    SECTION_MODELS,
    SOURCES_FILE,
    Audio,
    BlasonSection,
    LanguageCode,
    LocalText,
    Manifest,
    MapSection,
    Media,
    PillarsSection,
    SectionRef,
    Source,
    SourcesFile,
    TimelineSection,
    build_validators,
)
from kiosk.content.typography import text_problems
from kiosk.content.uistrings import load_ui_strings
from kiosk.content.wording import display_path, explain_errors, kind_of, pattern_of
from kiosk.content.yamlsafe import DataPath, Located, Position, load_yaml

MANIFEST_FILE = "exhibit.yaml"
#: The catalogue of sources, beside the manifest; optional when no item names a source.
SECTION_SUFFIXES = (".yaml", ".yml")


def load_exhibit(root: Path, thorough: bool = True) -> tuple[Exhibit | None, Report]:
    """(the exhibit, its warnings) when it can be shown, else (None, every problem found).

    `thorough=False` checks pictures from their structure, without decoding every pixel:
    what the kiosk does when it starts, so hundreds of photos do not delay the exhibit.
    """
    report = Report()
    build_validators()
    try:
        exhibit = _load(root, report, thorough)
    except OSError as exc:  # permission denied, I/O error... on a path nobody expected
        report.error(_relative(root, exc.filename), 0, 0, f"cannot read: {exc.strerror or exc}")
        exhibit = None
    return (exhibit if report.ok else None), report


# -- the folder --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Folder:
    """What every step of loading one folder needs: where it is, its languages, the report."""

    root: Path
    languages: Languages | None
    report: Report
    #: Decode every picture completely (kiosk validate) or check their structure only (start-up).
    thorough: bool = True
    #: Where each loaded file's values are, for checks that span files (links).
    where: dict[str, Where] = field(default_factory=dict)
    #: The SVG pictures that passed their checks, and where each is named (thorough only).
    svgs: dict[Path, list[tuple[str, Position, str]]] = field(default_factory=dict)


def _load(root: Path, report: Report, thorough: bool = True) -> Exhibit | None:
    if not root.is_dir():
        why = "is a file, not a folder" if root.exists() else "not found"
        report.error(".", 0, 0, f"content folder {why}: {root}")
        return None
    located = _read_yaml(root, MANIFEST_FILE, report)
    if located is None:
        return None
    folder = _Folder(root, _languages(located.data), report, thorough)
    manifest = _validate(Manifest, located, folder)
    sections = [_load_section(folder, index, ref, located) for index, ref in _section_refs(manifest, located, report)]
    if manifest is not None:
        _check_content(folder, manifest, located)
        _check_interface_languages(manifest, located, report)
    if all(sections):
        check_links({s.ref.kind: (s.content, s.file, folder.where[s.file]) for s in sections if s}, report)
    if manifest is not None:
        check_colours(
            manifest,
            {s.ref.kind: (s.content, s.file, folder.where[s.file]) for s in sections if s},
            located.position,
            report,
        )
    catalogue = _load_sources(folder)
    if catalogue is not None:
        for section in sections:
            if section is not None:
                _check_source_ids(section, folder.where[section.file], catalogue, report)
    exhibit = None
    if manifest is not None and all(sections) and catalogue is not None:
        exhibit = Exhibit(root, manifest, tuple(section for section in sections if section is not None), catalogue)
    if thorough and folder.svgs:
        _try_svgs(folder, exhibit)
    return exhibit


def _try_svgs(folder: _Folder, exhibit: Exhibit | None) -> None:
    """Draw every SVG once, in a process that is stopped when it takes too long, at the
    largest size the kiosk shows it (kiosk.content.svgtrial): too slow is an error."""
    from kiosk.content import pictureuse, svgtrial
    from kiosk.paths import picture_cache_folder

    trials = svgtrial.Trials(store=picture_cache_folder() / svgtrial.STORE_FILE)
    if exhibit is None:
        # Where each is shown is not known (the folder has other errors): a verdict at any
        # size will do, and the others are drawn at the largest.
        trials.load_store()
        verdicts = {path: svgtrial.known(path) for path in folder.svgs}
        verdicts.update(trials.judge([path for path, verdict in verdicts.items() if verdict is None]))
    else:
        shown = {path.resolve(): uses for path, uses in pictureuse.exhibit_pictures(exhibit).items()}
        verdicts = trials.judge({path: pictureuse.svg_boxes(shown.get(path, ())) for path in folder.svgs})
    for path, places in folder.svgs.items():
        verdict = verdicts.get(path)
        if verdict is not None and not verdict.ok:
            for rel_from, position, shown_as in places:
                folder.report.error(rel_from, *position, f"picture '{shown_as}': {verdict.why}")
    if trials.worker_problem:
        rel_from, position, _shown = next(iter(folder.svgs.values()))[0]
        folder.report.warning(
            rel_from, *position, f"the SVG pictures could not be drawn once to check them: {trials.worker_problem}"
        )


def _load_sources(folder: _Folder) -> tuple[Source, ...] | None:
    """The catalogue of `sources.yaml` (empty when the folder has none), or None when it is broken."""
    try:
        present = contained_path(folder.root, SOURCES_FILE).is_file()
    except UnsafePathError:
        present = False
    if not present:
        return ()
    located = _read_yaml(folder.root, SOURCES_FILE, folder.report)
    if located is None:
        return None
    catalogue = _validate(SourcesFile, located, folder)
    if catalogue is None:
        return None
    first: dict[str, int] = {}
    for index, source in enumerate(catalogue.sources):
        if source.id in first:
            folder.report.error(
                located.file,
                *located.position(("sources", index, "id")),
                f"two sources have the id '{source.id}' (the first is source {first[source.id] + 1})",
            )
        first.setdefault(source.id, index)
    return tuple(catalogue.sources)


def _check_source_ids(section: LoadedSection, where: Where, catalogue: tuple[Source, ...], report: Report) -> None:
    """Every `sources:` id of an event or a result names a source of `sources.yaml`."""
    known = {source.id for source in catalogue}
    content = section.content
    items: list[tuple[str, int, Sequence[str]]] = []
    if isinstance(content, TimelineSection):
        items = [("events", index, event.sources) for index, event in enumerate(content.events)]
    elif isinstance(content, PillarsSection):
        items = [("results", index, result.sources) for index, result in enumerate(content.results)]
    for key, index, ids in items:
        for number, source_id in enumerate(ids):
            if source_id in known:
                continue
            close = difflib.get_close_matches(source_id, sorted(known), n=1)
            hint = (
                f": did you mean '{close[0]}'?"
                if close
                else f": add it to {SOURCES_FILE}"
                if known
                else f": the folder has no {SOURCES_FILE}"
            )
            report.error(section.file, *where((key, index, "sources", number)), f"unknown source '{source_id}'{hint}")


def _read_yaml(root: Path, relative: str, report: Report, at: tuple[str, Position] | None = None) -> Located | None:
    """Load a YAML file of the folder; problems with the file itself go to `at` when given."""
    where_file, (line, column) = at or (relative, (0, 0))
    try:
        path = contained_path(root, relative)
    except UnsafePathError as exc:
        report.error(where_file, line, column, f"'{relative}': {exc}")
        return None
    if not path.is_file():
        if at is None:
            report.error(where_file, line, column, "missing: every content folder starts with this file")
        else:
            report.error(where_file, line, column, f"section file '{relative}' not found")
        return None
    located = load_yaml(path, PurePosixPath(relative).as_posix(), report)
    if located is not None:
        _warn_empty_values(located, report)
    return located


def _warn_empty_values(located: Located, report: Report) -> None:
    """A key written with nothing after it is almost always a slip: most often an unquoted
    colour, since `colour: #c0583f` makes YAML read everything after `#` as a comment."""
    stack: list[tuple[DataPath, Any]] = [((), located.data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*loc, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*loc, index), item) for index, item in enumerate(value))
        elif value is None and loc:
            line, column = located.key_position(loc) if isinstance(loc[-1], str) else located.position(loc)
            report.warning(
                located.file,
                line,
                column,
                f"'{display_path(loc)}' has no value; if it is a colour, put it in quotes "
                '(colour: "#c0583f"): in YAML, # starts a comment',
            )


def _section_refs(manifest: Manifest | None, located: Located, report: Report) -> list[tuple[int, SectionRef]]:
    """The sections to load, with their index in `sections:`; a kind listed twice is an error.

    When the manifest is invalid, the entries that are valid on their own are still
    loaded, so their files are checked in the same run.
    """
    if manifest is not None:
        refs = list(enumerate(manifest.sections))
    else:
        raw = located.data.get("sections") if isinstance(located.data, dict) else None
        entries = raw if isinstance(raw, list) else []
        refs = [(index, ref) for index, entry in enumerate(entries) if (ref := _try_ref(entry))]
    first_line: dict[str, int] = {}
    for index, ref in refs:
        line, column = located.position(("sections", index, "kind"))
        if ref.kind in first_line:
            message = f"section kind '{ref.kind}' is listed twice (first at line {first_line[ref.kind]})"
            report.error(located.file, line, column, message)
        else:
            first_line[ref.kind] = line
    return refs


def _try_ref(entry: Any) -> SectionRef | None:
    try:
        return SectionRef.model_validate(entry)
    except ValidationError:  # already reported by the manifest's validation
        return None


def _load_section(folder: _Folder, index: int, ref: SectionRef, manifest: Located) -> LoadedSection | None:
    at = (manifest.file, manifest.position(("sections", index, "file")))
    if not ref.file.lower().endswith(SECTION_SUFFIXES):
        folder.report.error(at[0], *at[1], f"section file '{ref.file}' should be a .yaml file")
        return None
    located = _read_yaml(folder.root, ref.file, folder.report, at)
    if located is None:
        return None
    content = _validate(SECTION_MODELS[ref.kind], located, folder)
    if content is None:
        return None
    _check_content(folder, content, located)
    folder.where[located.file] = located.position
    if isinstance(content, TimelineSection):
        check_timeline(content, located.file, located.position, folder.report)
    if isinstance(content, BlasonSection):
        check_blason(content, located.file, located.position, folder.report)
    if isinstance(content, PillarsSection):
        check_pillars(content, located.file, located.position, folder.report)
    if isinstance(content, MapSection):
        check_map(content, folder.root, located.file, located.position, folder.report)
    return LoadedSection(ref, content, located.file)


def _languages(data: Any) -> Languages | None:
    """The languages as written, when usable: even an otherwise broken manifest lets the
    section files' texts be checked."""
    if not isinstance(data, dict):
        return None
    offered, default = data.get("languages"), data.get("default_language")
    if not isinstance(offered, list) or not all(isinstance(code, str) and _is_language(code) for code in offered):
        return None
    if not isinstance(default, str) or default not in offered:
        return None
    return Languages(tuple(offered), default)


def _is_language(code: str) -> bool:
    return re.fullmatch(pattern_of(LanguageCode), code) is not None


def _relative(root: Path, filename: Any) -> str:
    try:
        return Path(filename).resolve().relative_to(root.resolve()).as_posix()
    except (TypeError, ValueError, OSError):
        return "."


# -- texts and pictures in validated content ---------------------------------------------------


def _check_interface_languages(manifest: Manifest, located: Located, report: Report) -> None:
    """The kiosk's own buttons exist in a few languages; say when one offered is not among them."""
    spoken = load_ui_strings().languages()
    for index, code in enumerate(manifest.languages):
        if code not in spoken:
            line, column = located.position(("languages", index))
            report.warning(
                located.file,
                line,
                column,
                f"the kiosk's own buttons have no '{code}' words yet ({', '.join(sorted(spoken))}); "
                "visitors choosing it will see them in English",
            )


def _check_content(folder: _Folder, model: BaseModel, located: Located) -> None:
    """Language completeness of every text and the soundness of every picture, found generically."""
    _check_values(folder, located, _walk(model))


def _check_valid_parts(folder: _Folder, model: type[BaseModel], located: Located) -> None:
    """A file that failed validation still has its valid fields checked (pictures, languages),
    so a curator sees those problems in the same run rather than after the next fix."""
    if not isinstance(located.data, dict):
        return
    for name, info in model.model_fields.items():
        if name not in located.data or info.annotation is None:
            continue
        try:
            value = TypeAdapter(info.annotation).validate_python(located.data[name])
        except ValidationError:  # already reported, by the whole model's validation
            continue
        texts = _is_local_text(info.annotation) or _is_local_text_list(info.annotation)
        _check_values(folder, located, _walk(value, (name,), texts))


def _check_values(folder: _Folder, located: Located, values: Iterator[tuple[DataPath, Any, bool]]) -> None:
    for loc, value, is_text in values:
        if isinstance(value, Media):
            check_media(
                folder.root,
                located.file,
                located.position((*loc, "path")),
                value,
                folder.report,
                folder.thorough,
                folder.svgs if folder.thorough else None,
            )
        elif isinstance(value, Audio):
            _check_audio(folder, loc, value, located)
        elif is_text and isinstance(value, (str, dict)):
            _check_text(folder, loc, value, located)


def _check_audio(folder: _Folder, loc: DataPath, audio: Audio, located: Located) -> None:
    """Each recording playable (audiofiles.py), and in a language visitors can choose."""
    positions = {code: located.position((*loc, code)) for code in audio.root}
    check_audio(folder.root, located.file, positions, audio, folder.report, folder.thorough)
    if folder.languages is None:
        return
    for code in audio.root:
        if code not in folder.languages.offered:
            offered = ", ".join(folder.languages.offered)
            message = (
                f"'{display_path(loc)}' has a '{code}' recording, but '{code}' is not in languages "
                f"({offered}): it is never played"
            )
            folder.report.warning(located.file, *located.key_position((*loc, code)), message)


def _walk(value: Any, loc: DataPath = (), is_text: bool = False) -> Iterator[tuple[DataPath, Any, bool]]:
    """Every value in a model tree: (its path, the value, whether its field is a LocalText)."""
    stack: list[tuple[DataPath, Any, bool]] = [(loc, value, is_text)]
    while stack:
        loc, value, is_text = stack.pop()
        yield loc, value, is_text
        if isinstance(value, BaseModel) and not isinstance(value, Audio):  # an Audio is checked whole
            for name, info in type(value).model_fields.items():
                texts = _is_local_text(info.annotation) or _is_local_text_list(info.annotation)
                stack.append(((*loc, name), getattr(value, name), texts))
        elif isinstance(value, (list, tuple)):  # the items of a list of texts are texts
            stack.extend(((*loc, index), item, is_text) for index, item in enumerate(value))


def _is_local_text(annotation: Any) -> bool:
    """True for `LocalText` and `LocalText | None`: a union of str and a dict of str."""
    members = get_args(annotation)
    return str in members and any(get_origin(member) is dict for member in members)


def _is_local_text_list(annotation: Any) -> bool:
    """True for `list[LocalText]` (a pillar's principles)."""
    return get_origin(annotation) is list and _is_local_text(get_args(annotation)[0])


def _check_text(folder: _Folder, loc: DataPath, text: LocalText, located: Located) -> None:
    """The default language is required; the other offered ones are expected; no others."""
    name, report, languages = display_path(loc), folder.report, folder.languages
    for code, value in [("", text)] if isinstance(text, str) else text.items():
        for problem in text_problems(value):  # what a word processor left in it
            at = located.position((*loc, code) if code else loc)
            report.warning(located.file, *at, f"'{name}'{f' ({code})' if code else ''}: {problem}")
    if isinstance(text, str):  # the same in every language: nothing to translate
        if not text.strip():
            report.warning(located.file, *located.key_position(loc), f"'{name}' is empty")
        return
    if languages is None:
        return
    default = languages.default
    if not text.get(default, "").strip():
        message = f"'{name}' has no text in the default language '{default}'"
        report.error(located.file, *located.key_position((*loc, default)), message)
    for code in languages.offered:
        if code != default and not text.get(code, "").strip():
            message = f"'{name}' has no '{code}' text; visitors will see the '{default}' text"
            report.warning(located.file, *located.key_position((*loc, code)), message)
    for code in text:
        if code not in languages.offered:
            offered = ", ".join(languages.offered)
            message = f"'{name}' has a '{code}' text, but '{code}' is not in languages ({offered}): it is never shown"
            report.warning(located.file, *located.key_position((*loc, code)), message)


# -- pydantic errors -> curator's words ----------------------------------------------------------


def _validate(model: type[BaseModel], located: Located, folder: _Folder) -> Any:
    """The validated model, or None after reporting every error at its line and column."""
    if not isinstance(located.data, dict):
        _not_a_mapping(model, located, folder.report)
        return None
    try:
        return model.model_validate(located.data)
    except ValidationError as exc:
        offered = folder.languages.offered if folder.languages else None
        for (line, column), message in explain_errors(exc.errors(), model, located, offered):
            folder.report.error(located.file, line, column, message)
    _check_valid_parts(folder, model, located)
    return None


def _not_a_mapping(model: type[BaseModel], located: Located, report: Report) -> None:
    required = [name for name, info in model.model_fields.items() if info.is_required()][:2]
    example = ", ".join(f"'{name}: ...'" for name in required)
    if located.data is None:
        report.error(located.file, 0, 0, f"the file is empty: it should hold lines like {example}")
    else:
        message = f"the file should hold lines like {example}, not {kind_of(located.data)}"
        report.error(located.file, *located.position(()), message)
