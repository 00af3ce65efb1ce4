"""A hardened YAML reader that keeps the position of every key and value.

Curators' files are untrusted input, edited by hand, copied from e-mails and USB sticks.
PyYAML's loaders throw away positions and, for anything but the safe loader, construct
arbitrary Python objects. This reader:

1. caps the file size before reading and checks the bytes (UTF-8, no NUL, no control
   characters), so the parser only ever sees a small, clean text;
2. streams the parse events once to refuse anchors and aliases (no alias bombs), any tag
   other than the standard scalar ones (no object construction, ever), nesting deeper
   than MAX_DEPTH (no stack exhaustion further on) and more than one document;
3. composes the node tree and converts it itself, iteratively, into plain data
   (dict/list/str/int/float/bool/None), recording where each key and value starts and
   refusing duplicate and non-text keys, which PyYAML would silently accept.

Text pasted from a word processor is said for what it is: a non-breaking space after a
key's ':' or in an indentation, curly quotes where YAML's straight ones belong, a
byte-order mark in mid-file. PyYAML reports these as other mistakes, lines later, or not
at all ('title\u00a0' is read as a key); the names come from kiosk/content/typography.py.

Every problem goes to a `Report`; nothing here raises for bad content.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.report import Report
from kiosk.content.typography import CURLY_QUOTES, ODD_SPACE, describe

# PyYAML is imported when a file is first read, not with this module: the exhibit imports
# this module (kiosk.yaml's reader, the wording of errors) but a warm start reads no YAML.
if TYPE_CHECKING:
    import yaml
    from yaml.nodes import MappingNode, Node, ScalarNode


@cache
def _loader() -> type[yaml.SafeLoader] | type[yaml.CSafeLoader]:
    """libyaml's safe loader (fast, written in C, and its parser is not recursive), else
    PyYAML's own, when PyYAML was built without libyaml."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _libyaml() -> bool:
    import yaml

    return _loader() is not yaml.SafeLoader


#: Larger files are refused unread: real exhibit files are a few kilobytes.
MAX_FILE_BYTES = 1024 * 1024
#: Deepest nesting of mappings and lists; the content format needs fewer than ten.
MAX_DEPTH = 32
#: Stop listing anchors and tags after this many in one file: the first ones say it all.
MAX_SCAN_PROBLEMS = 20

#: A 1-based (line, column).
Position = tuple[int, int]
#: Where a value sits in the data: keys and list indexes from the top, e.g. ("sections", 2, "file").
DataPath = tuple[str | int, ...]

_BOM = b"\xef\xbb\xbf"
_YAML_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_YAML_TAG + name for name in ("str", "int", "float", "bool", "null"))
_SCALAR_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL})


@cache
def _not_printable() -> re.Pattern[str]:
    """Characters YAML 1.1 does not allow in a stream (C0 controls but tab/LF/CR, DEL, C1 but
    NEL...). Compiled when first needed: its ranges take milliseconds to compile, and the
    exhibit imports this module on every start."""
    return re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


ANCHOR_MESSAGE = "anchors and aliases (&, *) are not allowed"
TAB_MESSAGE = "tab character used for indentation: YAML needs spaces"


@dataclass(frozen=True)
class Located:
    """Plain data read from one YAML file, with the position of every value and key.

    `positions[path]` is where the value at `path` starts; `key_positions[path]` is where
    its key is written when the value is a mapping entry. The root value has the path `()`.
    """

    file: str
    data: Any
    positions: Mapping[DataPath, Position]
    key_positions: Mapping[DataPath, Position]

    def resolve(self, loc: Iterable[str | int]) -> DataPath:
        """The longest path into the data that follows `loc`, skipping what is not there.

        A pydantic error `loc` may hold names that are not in the data: a missing key,
        a union member such as 'str' or 'dict[...]', a '[key]' marker. Skipping them
        lands on the nearest value that exists, which is where the curator should look.
        """
        node: Any = self.data
        path: list[str | int] = []
        for part in loc:
            in_mapping = isinstance(node, dict) and isinstance(part, str) and part in node
            in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if not (in_mapping or in_list):
                continue
            node = node[part]
            path.append(part)
        return tuple(path)

    def position(self, loc: Iterable[str | int] = ()) -> Position:
        """Where the value at `loc` (or its nearest existing parent) starts."""
        path = self.resolve(loc)
        while path and path not in self.positions:  # pragma: no cover - every converted node is recorded
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def key_position(self, loc: Iterable[str | int]) -> Position:
        """Where the key of the entry at `loc` is written; its value's position for list items."""
        path = self.resolve(loc)
        return self.key_positions.get(path) or self.position(path)


def load_yaml(path: Path, rel: str, report: Report) -> Located | None:
    """Read one YAML file safely; None when it cannot be read (the reasons are in `report`)."""
    raw = _read_capped(path, rel, report)
    if raw is None:
        return None
    text = _decode(raw, rel, report)
    if text is None:
        return None
    suspects = _pasted_spaces(text)
    if not _scan_events(text, rel, report, suspects):
        return None
    composed, node = _compose(text, rel, report)
    if not composed:
        return None
    # A pasted space YAML read without complaint still changed what it read ('title\u00a0'
    # is not the key 'title'): refused, unless it sits inside a quoted text or a `|` block.
    misread = [(position, message) for position, message in suspects if not _inside_text(node, position)]
    for position, message in misread:
        report.error(rel, *position, message)
    return None if misread else _convert(node, text, rel, report)


# -- bytes -> text -------------------------------------------------------------------------


def _read_capped(path: Path, rel: str, report: Report) -> bytes | None:
    """The file's bytes, refused unread when too large or not a regular file (a FIFO would block)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            report.error(rel, 0, 0, "is not a regular file")
            return None
        if info.st_size > MAX_FILE_BYTES:
            report.error(rel, 0, 0, _too_large(info.st_size))
            return None
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat()
    except FileNotFoundError:
        report.error(rel, 0, 0, "file not found")
        return None
    except OSError as exc:
        report.error(rel, 0, 0, f"cannot read the file: {exc.strerror or exc}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        report.error(rel, 0, 0, _too_large(len(raw)))
        return None
    return raw


def _too_large(size: int) -> str:
    limit = MAX_FILE_BYTES // 1_048_576
    return f"file is too large ({size / 1_048_576:.1f} MB): a content file may be at most {limit} MB"


def _decode(raw: bytes, rel: str, report: Report) -> str | None:
    """UTF-8 text without BOM, or None after reporting where the first bad byte is."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    nul = raw.find(b"\x00")
    if nul >= 0:
        report.error(rel, *_byte_position(raw, nul), "NUL byte in the file: this is not a text file (saved as UTF-16?)")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        report.error(
            rel,
            *_byte_position(raw, exc.start),
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02X}): save it as UTF-8 in your editor",
        )
        return None
    bad = _not_printable().search(text)
    if bad:
        message = f"control character U+{ord(bad.group()):04X} is not allowed"
        report.error(rel, *_text_position(text, bad.start()), message)
        return None
    return text


def _byte_position(raw: bytes, offset: int) -> Position:
    """1-based line and column (in characters) of a byte offset."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


def _text_position(text: str, offset: int) -> Position:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


# -- first pass: events ----------------------------------------------------------------------


def _scan_events(text: str, rel: str, report: Report, suspects: Sequence[tuple[Position, str]] = ()) -> bool:
    """Stream the parse events and refuse what must never be composed; True when clean.

    libyaml looks far ahead inside `[...]` and stops at its own nesting limit (1000)
    before the first too-deep event reaches us; PyYAML's pure-Python parser streams
    those events one by one, so it is asked again to find the exact node.
    """
    import yaml

    found: list[tuple[Position, str]] = []
    parsed = True
    try:
        _event_problems(text, _loader(), found)
    except yaml.YAMLError as exc:
        if _libyaml() and "maximum nesting depth" in str(getattr(exc, "problem", "")):
            return _scan_events_in_python(text, rel, report)
        _syntax_error(exc, text, rel, report, suspects)  # reported with what was found before it
        parsed = False
    for position, message in found:
        report.error(rel, *position, message)
    return parsed and not found


def _scan_events_in_python(text: str, rel: str, report: Report) -> bool:
    """The event pass again, with PyYAML's pure-Python parser, which streams deep lists."""
    import yaml

    found: list[tuple[Position, str]] = []
    try:
        _event_problems(text, yaml.SafeLoader, found)
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml parsed it further
        _syntax_error(exc, text, rel, report)
        return False
    for position, message in found:
        report.error(rel, *position, message)
    return not found


def _event_problems(text: str, loader: type, found: list[tuple[Position, str]]) -> None:
    """Append the anchors, aliases, tags, nesting and documents that are refused, in order.

    Appends rather than returns: when a syntax error stops the parse, what was found
    before it is still reported, in the same run.
    """
    import yaml

    depth = 0
    documents = 0
    for event in yaml.parse(text, Loader=loader):
        problem = None
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                problem = "only one document per file: remove the second '---' and what follows"
        elif isinstance(event, yaml.AliasEvent) or (isinstance(event, yaml.NodeEvent) and event.anchor):
            problem = ANCHOR_MESSAGE
        elif isinstance(event, yaml.NodeEvent) and not _tag_allowed(event):
            problem = f"unsafe or unknown tag '{_show_tag(getattr(event, 'tag', None))}' is not allowed"
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH and problem is None:
                problem = f"nested too deeply (more than {MAX_DEPTH} levels of keys and lists)"
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if problem:
            found.append((_mark(event.start_mark), problem))
            if depth > MAX_DEPTH or documents > 1 or len(found) >= MAX_SCAN_PROBLEMS:
                return  # nothing useful further on, and a bomb must not be read to its end


def _tag_allowed(event: yaml.NodeEvent) -> bool:
    """Only untagged nodes and the standard scalar tags (!!str, !!int...) on scalars."""
    import yaml

    tag = getattr(event, "tag", None)
    return tag is None or (isinstance(event, yaml.ScalarEvent) and tag in _SCALAR_TAGS)


def _show_tag(tag: str | None) -> str:
    tag = tag or ""
    return "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


def _mark(mark: Any) -> Position:
    return mark.line + 1, mark.column + 1


# -- syntax errors ---------------------------------------------------------------------------

#: libyaml's and PyYAML's wording (a fragment of it) -> words a curator can act on.
_HINTS = (
    (
        "mapping values are not allowed",
        "a ': ' is not allowed here; if it is part of a text, put the whole text in quotes",
    ),
    ("did not find expected key", "this line is not indented like the keys around it"),
    ("expected <block end>", "this line is not indented like the lines around it"),
    ("did not find expected '-' indicator", "this line is not indented like the list items around it"),
    ("expected ',' or ']'", "a list written '[ ... ]' is not closed with ']', or a ',' is missing"),
    ("expected ',' or '}'", "a mapping written '{ ... }' is not closed with '}', or a ',' is missing"),
    ("unknown escape character", "unknown escape after '\\' in a \"double-quoted\" text: use 'single quotes' instead"),
    ("cannot start any token", "this character cannot start a value; put the value in quotes"),
    ("did not find expected comment or line break", "unexpected text after the value; put the whole text in quotes"),
    ("did not find expected node content", "a value is missing here, or starts with a character that needs quotes"),
    ("did not find expected <document start>", "this line does not belong to anything above it: check its indentation"),
    ("block sequence entries are not allowed", "a '- ' list item is not allowed here: check the indentation"),
)


def _syntax_error(
    exc: yaml.YAMLError, text: str, rel: str, report: Report, suspects: Iterable[tuple[Position, str]] = ()
) -> None:
    """One readable error for a YAML syntax error, at the place the curator must fix.

    Text pasted from a word processor is the first suspect: a non-breaking space after a
    key's ':' or in an indentation, or curly quotes where YAML needs straight ones, shows
    only lines later, or as another mistake; the message says what was pasted, and where."""
    import yaml

    if not isinstance(exc, yaml.MarkedYAMLError) or exc.problem_mark is None:
        report.error(rel, 0, 0, f"YAML syntax error: {exc}")
        return
    problem = str(exc.problem or "")
    context = str(exc.context or "")
    line, column = _mark(exc.problem_mark)
    tab = _indentation_tab(text, line, column)
    pasted = _pasted_cause(text, line, column, suspects)
    if tab:
        line, column = tab
        message = TAB_MESSAGE
    elif pasted:
        (line, column), message = pasted
        report.error(rel, line, column, f"YAML syntax error: {message}")
        return
    elif "unexpected end of stream" in problem and "quoted scalar" in context and exc.context_mark:
        line, column = _mark(exc.context_mark)
        message = "a quote opened here is never closed"
    elif "could not find expected ':'" in problem and exc.context_mark:
        line, column = _mark(exc.context_mark)
        message = "this line should be 'key: value' but has no ':'"
    else:
        message = next((hint for fragment, hint in _HINTS if fragment in problem), problem)
    report.error(rel, line, column, f"YAML syntax error: {message}")


def _indentation_tab(text: str, line: int, column: int) -> Position | None:
    """Where a tab sits in the indentation of the error's line, or right at the error."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    source = lines[line - 1]
    indentation = source[: len(source) - len(source.lstrip(" \t"))]
    if "\t" in indentation:
        return line, indentation.index("\t") + 1
    if 1 <= column <= len(source) and source[column - 1] == "\t":
        return line, column
    return None


# -- text pasted from a word processor --------------------------------------------------------

#: Where a pasted space takes the place of YAML's own: after a key's ':', between a key and
#: its ':', after a list's '-', or in the indentation at the start of a line.
_AFTER_KEY = re.compile(rf"^[ \t]*(?:-[ \t]+)?([\w-]+):({ODD_SPACE})")
_BEFORE_COLON = re.compile(rf"^[ \t]*(?:-[ \t]+)?([\w-]+)({ODD_SPACE}+):(?:[ \t]|$)")
_AFTER_DASH = re.compile(rf"^[ \t]*-({ODD_SPACE})")
_INDENT = re.compile(rf"^[ \t]*({ODD_SPACE})")
#: A value that starts with a typographic quote, where YAML's quotes would stand.
_CURLY_START = re.compile(r"(?:^[ \t]*(?:-[ \t]+)?(?:[\w-]+:[ \t]+)?|[\[{,][ \t]*|:[ \t]+)([“‘„«])")
_PASTED = "(pasted from a word processor?)"


def _pasted_spaces(text: str) -> list[tuple[Position, str]]:
    """Every place where a space from a word processor stands where YAML needs its own."""
    found: list[tuple[Position, str]] = []
    for number, source in enumerate(text.split("\n"), start=1):
        if number == 1 and source.startswith("\ufeff"):
            source = " " + source[1:]  # a byte-order mark left after decoding: harmless at the start
        match = _AFTER_KEY.match(source)
        if match:
            found.append(
                (
                    (number, match.start(2) + 1),
                    f"{describe(match.group(2))} after '{match.group(1)}:' "
                    f"{_PASTED}: YAML needs an ordinary space after the ':'",
                )
            )
            continue
        match = _BEFORE_COLON.match(source)
        if match:
            found.append(
                (
                    (number, match.start(2) + 1),
                    f"{describe(match.group(2)[0])} between "
                    f"'{match.group(1)}' and ':' {_PASTED}: write the ':' right after the key",
                )
            )
            continue
        match = _AFTER_DASH.match(source)
        if match:
            found.append(
                (
                    (number, match.start(1) + 1),
                    f"{describe(match.group(1))} after '-' {_PASTED}: "
                    "a list item needs an ordinary space after the '-'",
                )
            )
            continue
        match = _INDENT.match(source)
        if match and match.group(1) == "\ufeff":
            found.append(
                (
                    (number, match.start(1) + 1),
                    f"{describe(match.group(1))} at the start of the line, "
                    "left where a file was pasted into another: delete it (retype the start of the line)",
                )
            )
        elif match:
            found.append(
                (
                    (number, match.start(1) + 1),
                    f"{describe(match.group(1))} at the start of the line "
                    f"{_PASTED}: YAML indents with ordinary spaces only",
                )
            )
    return found


def _pasted_cause(
    text: str, line: int, column: int, suspects: Iterable[tuple[Position, str]]
) -> tuple[Position, str] | None:
    """What was pasted that explains a syntax error at (line, column): a pasted space on
    the error's line or just above it (the parser notices a line late), else curly quotes
    that open a value on the error's line, before the error."""
    near = [
        (position, message)
        for position, message in suspects
        if line - 2 <= position[0] <= line and position <= (line, column)
    ]
    if near:
        return max(near)
    lines = text.split("\n")
    source = lines[line - 1] if 1 <= line <= len(lines) else ""
    for match in _CURLY_START.finditer(source):
        if match.start(1) < column:
            opening = match.group(1)
            closing = CURLY_QUOTES[opening]
            if opening == "«":
                message = '« » are not quotes for YAML: put the whole text in straight quotes, "« like this: here »"'
            else:
                straight = '"' if opening in "“„" else "'"
                message = (
                    f"these are typographic quotes {opening} {closing}: YAML needs straight quotes {straight} or none"
                )
            return (line, match.start(1) + 1), message
    return None


def _inside_text(root: Node | None, position: Position) -> bool:
    """Whether `position` lies inside a quoted text or a `|` or `>` block, where any
    character is just text."""
    from yaml.nodes import MappingNode, ScalarNode

    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            if node.style and _mark(node.start_mark) <= position < _mark(node.end_mark):
                return True
        elif isinstance(node, MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        else:
            stack.extend(node.value)
    return False


# -- second pass: nodes -> plain data ------------------------------------------------------


def _compose(text: str, rel: str, report: Report) -> tuple[bool, Node | None]:
    """(True, the document's node tree or None when empty), or (False, None) after an error."""
    import yaml

    loader = _loader()(text)
    try:
        return True, loader.get_single_node()
    except yaml.YAMLError as exc:  # pragma: no cover - the event pass already parsed this text
        _syntax_error(exc, text, rel, report)
        return False, None
    finally:
        loader.dispose()


@cache
def _constructors() -> dict[str, Callable[[ScalarNode], Any]]:
    """How the safe loader makes an int, a float and a boolean of a scalar."""
    from yaml.constructor import SafeConstructor

    constructor = SafeConstructor()
    return {
        _INT: constructor.construct_yaml_int,
        _FLOAT: constructor.construct_yaml_float,
        _BOOL: constructor.construct_yaml_bool,
    }


def _scalar(node: ScalarNode, rel: str, report: Report) -> Any:
    """A scalar as int/float/bool/None/str, resolved like the safe loader with two exceptions.

    Timestamps stay text: dates are shown, not computed. Booleans follow YAML 1.2 (only
    true/false), not 1.1: with 1.1, `no` (Norwegian) in a language list becomes False;
    "yes"/"on" still reach a boolean setting, since pydantic reads them as true.
    """
    tag = node.tag
    if tag == _NULL:
        return None
    if tag == _BOOL and not node.style and node.value.lower() not in ("true", "false"):
        return node.value
    construct = _constructors().get(tag)
    if construct is None:
        return node.value  # str, timestamp, and the merge '<<' and value '=' keys: all plain text
    try:
        return construct(node)
    except (ValueError, KeyError):  # `!!int abc`, or more digits than Python will convert
        report.error(rel, *_mark(node.start_mark), f"cannot read '{_short(node.value)}' as {_show_tag(tag)}")
        return node.value


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _convert(root: Node | None, text: str, rel: str, report: Report) -> Located:
    """Plain data and positions from a node tree (None for an empty file)."""
    return _Converter(text, rel, report).convert(root)


class _Converter:
    """Turns nodes into plain data iteratively, recording positions, refusing bad keys."""

    def __init__(self, text: str, rel: str, report: Report) -> None:
        self.lines = text.split("\n")
        self.rel = rel
        self.report = report
        self.values: dict[DataPath, Position] = {}
        self.keys: dict[DataPath, Position] = {}

    def convert(self, root: Node | None) -> Located:
        from yaml.nodes import MappingNode, ScalarNode

        holder: dict[str, Any] = {"root": None}
        # Each entry: the node to convert, its path, and the container slot it fills.
        stack: list[tuple[Node, DataPath, Any, Any]] = [(root, (), holder, "root")] if root else []
        while stack:
            node, path, container, slot = stack.pop()
            self.values[path] = _mark(node.start_mark)
            if isinstance(node, ScalarNode):
                container[slot] = _scalar(node, self.rel, self.report)
                self._cut_by_curly_quote(node)
                continue
            children: list[tuple[Node, DataPath, Any, Any]]
            if isinstance(node, MappingNode):
                mapping: dict[str, Any] = {}
                container[slot] = mapping
                children = [(child, (*path, key), mapping, key) for key, child in self._entries(node, path, mapping)]
            else:
                items: list[Any] = [None] * len(node.value)
                container[slot] = items
                children = [(child, (*path, index), items, index) for index, child in enumerate(node.value)]
            stack.extend(reversed(children))
        return Located(self.rel, holder["root"], self.values, self.keys)

    def _entries(self, node: MappingNode, path: DataPath, mapping: dict[str, Any]) -> Iterator[tuple[str, Node]]:
        """The entries with text keys, the first of each key only; reports the others."""
        from yaml.nodes import ScalarNode

        for key_node, value_node in node.value:
            where = _mark(key_node.start_mark)
            key = _scalar(key_node, self.rel, self.report) if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                self.report.error(self.rel, *where, _bad_key_message(key_node, key))
                continue
            pasted = _pasted_in_key(key)
            if pasted:
                self.report.error(self.rel, *where, pasted)
                continue
            if key in mapping:
                first_line = self.keys[(*path, key)][0]
                self.report.error(self.rel, *where, f"duplicate key '{_short(key)}' (first given at line {first_line})")
                continue
            mapping[key] = None  # keeps the keys in the order they are written
            self.keys[(*path, key)] = where
            yield key, value_node

    def _cut_by_curly_quote(self, node: ScalarNode) -> None:
        """A text opened with a curly quote, as if it were YAML's, and cut where YAML
        ends an unquoted text: at ' #' (a comment) or at a ',' inside [ ] or { }."""
        value = node.value
        if node.style or not value or value[0] not in "“‘„" or CURLY_QUOTES[value[0]] in value[1:]:
            return
        line, column = node.end_mark.line, node.end_mark.column
        rest = self.lines[line][column:].lstrip(" \t") if line < len(self.lines) else ""
        if rest[:1] not in ("#", ","):
            return
        opening = value[0]
        straight = '"' if opening in "“„" else "'"
        where = "at the ' #', and the rest of the line is read as a comment" if rest[0] == "#" else "at the ','"
        self.report.error(
            self.rel,
            *_mark(node.start_mark),
            f"these are typographic quotes {opening} {CURLY_QUOTES[opening]}: YAML needs straight "
            f"quotes {straight} or none; here the text '{_short(value)}' stops {where}",
        )


def _pasted_in_key(key: str) -> str | None:
    """Why a key holding a pasted space or curly quotes is no key the kiosk knows."""
    odd = re.search(ODD_SPACE, key)
    if odd:
        return f"the key '{_short(key.strip())}' holds {describe(odd.group())} {_PASTED}: retype the key"
    quote = next((char for char in key if char in CURLY_QUOTES or char in CURLY_QUOTES.values()), None)
    if quote:
        return f"the key '{_short(key)}' is written with typographic quotes: keys need no quotes (or straight ones \")"
    return None


def _bad_key_message(key_node: Node, key: Any) -> str:
    from yaml.nodes import ScalarNode

    if not isinstance(key_node, ScalarNode):
        return "a key must be a word, not a list or a mapping"
    kind = "null (nothing)" if key is None else "true/false" if isinstance(key, bool) else "a number"
    return f"key '{_short(key_node.value)}' is read as {kind}: keys must be text (put it in quotes)"
