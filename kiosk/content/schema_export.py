"""The content format as JSON Schema, one per kind of file, generated from `schema.py`.

Editors that speak JSON Schema (VS Code's YAML extension, JetBrains IDEs, Neovim with
yaml-language-server) then complete keys, show each key's description while the curator
types, and underline mistakes before `kiosk validate` runs. The pydantic models stay the
only declaration of the format; this module only translates them and fills in what
pydantic cannot say on its own:

- a text in several languages (`LocalText`) becomes one shared definition: a plain text,
  or a mapping of language codes to texts whose `fr`, `en` and `nl` keys editors offer;
- dates (`1915`, `"1915-09"`, `"1915-09-25"`) become a number or a text of that shape;
- a hotspot is a polygon of at least 3 points inside the picture, or an ellipse: one of
  the two; languages are listed once each;
- pydantic's generated titles ("Id", "Title") and `default: null` are dropped: an editor
  would show the first as noise and insert the second as a value.

What the loader checks and a JSON Schema cannot (see docs/CONTENT.md, "What the editor
cannot see"): anything across files (links, section files, pictures on disk), anything
across keys (the default language among `languages`, eras following one another, an end
after its start, unique ids) and calendar dates (31 February).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kiosk.content.schema import (
    FORMAT_VERSION,
    BlasonSection,
    Manifest,
    MapSection,
    PillarsSection,
    SourcesFile,
    TimelineSection,
)

#: Draft 7: the version every editor's YAML support reads fully (yaml-language-server,
#: JetBrains). So: `definitions`, tuples as `items: [...]`, and `$ref` alone in its object
#: (its description beside it, through `allOf`), since draft 7 ignores a `$ref`'s siblings.
DIALECT = "http://json-schema.org/draft-07/schema#"
DEFS = "definitions"

#: Kind of file -> (the model that reads it, its usual file name, what it holds).
KINDS: dict[str, tuple[type[BaseModel], str, str]] = {
    "exhibit": (Manifest, "exhibit.yaml", "the exhibit as a whole: title, languages, timings, sections"),
    "timeline": (TimelineSection, "timeline.yaml", "a timeline section: eras and events"),
    "blason": (BlasonSection, "blason.yaml", "a coat-of-arms section: charges, hotspots, glossary"),
    "map": (MapSection, "map.yaml", "a map section: layers, markers"),
    "pillars": (PillarsSection, "pillars.yaml", "a method section: foundation, pillars, results"),
    "sources": (SourcesFile, "sources.yaml", "the catalogue of sources: title, publisher, address, group"),
}

#: The folder, inside a content folder, where `kiosk new` puts the schemas for editors.
SCHEMA_FOLDER = "schema"

#: Languages editors propose first when a text is written per language.
SUGGESTED_LANGUAGES = {"fr": "Français", "en": "English", "nl": "Nederlands"}

_LANGUAGE_PATTERN = "^[a-z]{2,3}$"

LOCAL_TEXT = {
    "description": "A text in each language, `{fr: ..., en: ..., nl: ...}`, or one plain text that is "
    "the same in every language (a name, a number).",
    "anyOf": [
        {
            "type": "object",
            "properties": {
                code: {"type": "string", "description": f"The text in {name}."}
                for code, name in SUGGESTED_LANGUAGES.items()
            },
            "patternProperties": {_LANGUAGE_PATTERN: {"type": "string"}},
            "additionalProperties": False,
        },
        {"type": "string"},
    ],
}

#: A year, a year and month, or a full date; the loader also checks the calendar (no 31 February).
DATE = {
    "description": 'A year (1915), a month ("1915-09") or a day ("1915-09-25"); dates with dashes in quotes.',
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 9999},
        {
            "type": "string",
            "pattern": r"^(?!0+(-|$))\d{1,4}(-(0?[1-9]|1[0-2])(-(0?[1-9]|[12]\d|3[01]))?)?$",
        },
    ],
}


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of content file (`exhibit`, `timeline`, ...)."""
    model, file_name, what = KINDS[kind]
    raw = model.model_json_schema(mode="validation")
    defs: dict[str, Any] = raw.pop("$defs", {})
    defs.pop("HistoricDate", None)
    body = _clean(raw)
    cleaned_defs = {name: _clean(value) for name, value in defs.items()}
    _hotspot_rules(cleaned_defs.get("Hotspot"))
    if kind == "exhibit":
        body["properties"]["languages"]["uniqueItems"] = True
    used = json.dumps([body, cleaned_defs])
    if f'"#/{DEFS}/LocalText"' in used:
        cleaned_defs["LocalText"] = copy.deepcopy(LOCAL_TEXT)
    if f'"#/{DEFS}/Date"' in used:
        cleaned_defs["Date"] = copy.deepcopy(DATE)
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "title": f"{file_name}: {what} (Base 11/19 kiosk, content format {FORMAT_VERSION})",
        **body,
    }
    if cleaned_defs:
        schema[DEFS] = dict(sorted(cleaned_defs.items()))
    return schema


def dumps(schema: dict[str, Any]) -> str:
    """The text written to `*.schema.json`: stable, readable, UTF-8."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write `KIND.schema.json` for every kind into `folder` (created); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        target = folder / schema_file_name(kind)
        target.write_text(dumps(json_schema(kind)), encoding="utf-8", newline="\n")
        written.append(target)
    return written


def modeline(kind: str, folder: str = SCHEMA_FOLDER) -> str:
    """The first line of a content file that tells the YAML language server its schema."""
    return f"# yaml-language-server: $schema={folder}/{schema_file_name(kind)}"


# -- translation of pydantic's output -----------------------------------------------------------


def _is_local_text(member: Any) -> bool:
    return (
        isinstance(member, dict)
        and member.get("type") == "object"
        and set(member.get("patternProperties", {})) == {_LANGUAGE_PATTERN}
        and "properties" not in member
    )


def _clean(node: Any) -> Any:
    """A copy of a pydantic schema node, translated (see the module's docstring)."""
    if isinstance(node, list):
        return [_clean(item) for item in node]
    if not isinstance(node, dict):
        return node
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" or (key == "default" and value is None):
            continue
        if key == "$ref":
            name = "Date" if value == "#/$defs/HistoricDate" else value.rsplit("/", 1)[-1]
            result[key] = f"#/{DEFS}/{name}"
        elif key == "prefixItems":  # draft 7 writes a tuple as a list of item schemas
            result["items"] = _clean(value)
            result["additionalItems"] = False
        elif key == "properties":
            result[key] = {name: _clean(schema) for name, schema in value.items()}
        elif key == "description":
            result[key] = _one_line(value)
        else:
            result[key] = _clean(value)
    members = result.get("anyOf")
    if isinstance(members, list) and any(_is_local_text(m) for m in node.get("anyOf", [])):
        rest = [m for m in members if not (_is_local_text(m) or m == {"type": "string"})]
        text = {"$ref": f"#/{DEFS}/LocalText"}
        if rest:
            result["anyOf"] = [text, *rest]
        else:
            del result["anyOf"]
            result = {**text, **result}
    if "$ref" in result and len(result) > 1:
        result = {**{k: v for k, v in result.items() if k != "$ref"}, "allOf": [{"$ref": result["$ref"]}]}
    return result


def _one_line(text: str) -> str:
    """Docstrings wrap lines; an editor's tooltip wraps by itself."""
    return re.sub(r"\s*\n\s*", " ", text.strip())


def _hotspot_rules(hotspot: dict[str, Any] | None) -> None:
    """A polygon of at least 3 corners inside the picture, or an ellipse: exactly one."""
    if hotspot is None:
        return
    polygon = hotspot["properties"]["polygon"]
    array = next(member for member in polygon["anyOf"] if member.get("type") == "array")
    array["minItems"] = 3
    for coordinate in array["items"]["items"]:
        coordinate.update(minimum=0, maximum=1)
    hotspot["oneOf"] = [
        {"required": ["polygon"], "properties": {"polygon": {"type": "array"}, "ellipse": {"type": "null"}}},
        {"required": ["ellipse"], "properties": {"ellipse": {"type": "object"}, "polygon": {"type": "null"}}},
    ]


# -- the reference tables of docs/CONTENT.md --------------------------------------------------------

REFERENCE_BEGIN = "<!-- reference: generated by `python -m kiosk.content.schema_export docs/CONTENT.md` -->"
REFERENCE_END = "<!-- end of reference -->"

#: Patterns of the schema -> the words the guide uses for them.
_PATTERN_WORDS = {
    "^#[0-9a-fA-F]{6}$": 'colour (`"#RRGGBB"`, in quotes)',
    "^[a-z]{2,3}$": "language code",
    "^[a-z0-9][a-z0-9_-]*$": "short name (`a-z`, `0-9`, `-`, `_`)",
    "^(timeline|blason|map|pillars):[a-z0-9][a-z0-9_-]*$": "link `SECTION:ID`",
}
_BLOCK_NAMES = {"LocalText": "text", "Date": "date", "Media": "picture"}


def reference_markdown() -> str:
    """Every key of every file as Markdown tables, from the same schema the loader uses."""
    out: list[str] = []
    blocks: dict[str, dict[str, Any]] = {}
    for kind, (_model, file_name, what) in KINDS.items():
        schema = json_schema(kind)
        blocks.update(schema.get(DEFS, {}))
        out += [f"### `{file_name}`", "", f"{what[0].upper()}{what[1:]}.", ""]
        out += _table(schema)
    out += ["### Blocks used inside the files", ""]
    for name, block in sorted(blocks.items()):
        if name in ("LocalText", "Date"):
            continue
        out += [f"#### {_block_title(name)}", "", block.get("description", ""), ""]
        out += _table(block)
    return "\n".join(out).rstrip() + "\n"


def _block_title(name: str) -> str:
    return f"`{name}`" + (f" ({_BLOCK_NAMES[name]})" if name in _BLOCK_NAMES else "")


def _table(schema: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    rows = ["| Key | Type | Default | Meaning |", "|---|---|---|---|"]
    for key, prop in schema.get("properties", {}).items():
        default = "*required*" if key in required else _default(prop)
        if default == "none" and _ref_name(prop) not in ("", "LocalText", "Date", "Media"):
            default = "its keys' defaults"
        meaning = prop.get("description", "").replace("|", "\\|")
        rows.append(f"| `{key}` | {_type(prop)} | {default} | {meaning} |")
    for pattern, prop in schema.get("patternProperties", {}).items():  # a block keyed by language (Audio)
        key = f"any {_PATTERN_WORDS.get(pattern, f'`{pattern}`')} (`fr`, `en`...)"
        meaning = prop.get("description", "").replace("|", "\\|")
        rows.append(f"| {key} | {_type(prop)} | none | {meaning} |")
    return [*rows, ""]


def _ref_name(prop: dict[str, Any]) -> str:
    refs = [prop.get("$ref", "")] + [part.get("$ref", "") for part in prop.get("allOf", [])]
    return next((ref.rsplit("/", 1)[-1] for ref in refs if ref), "")


def _default(prop: dict[str, Any]) -> str:
    if "default" not in prop:
        return "none"
    value = prop["default"]
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value in ([], {}):
        return "none"
    if isinstance(value, dict):
        return "see the block"
    return f"`{value}`"


def _type(prop: dict[str, Any]) -> str:
    """A key's type in the guide's words: 'text', 'whole number, 10 to 3600', 'list of pictures'."""
    members = [member for member in prop.get("anyOf", []) if member.get("type") != "null"]
    if members:
        return " or ".join(_type(member) for member in members)
    ref = prop.get("$ref") or next((part["$ref"] for part in prop.get("allOf", []) if "$ref" in part), None)
    if ref:
        name = ref.rsplit("/", 1)[-1]
        if name in ("LocalText", "Date"):
            return _BLOCK_NAMES[name]
        anchor = name.lower() + (f"-{_BLOCK_NAMES[name]}" if name in _BLOCK_NAMES else "")
        return f"[{_BLOCK_NAMES.get(name, name)}](#{anchor})"
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        choices = [f"`{choice}`" for choice in prop["enum"]]
        return ", ".join(choices[:-1]) + f" or {choices[-1]}"
    kind = prop.get("type")
    if kind == "string":
        words = _PATTERN_WORDS.get(prop.get("pattern", ""), "plain text")
        return words + (", not empty" if prop.get("minLength") == 1 else "")
    if kind in ("integer", "number"):
        return ("whole number" if kind == "integer" else "number") + _range(prop)
    if kind == "boolean":
        return "`true` or `false`"
    if kind == "array":
        if isinstance(prop.get("items"), list):  # a fixed pair, such as a picture's focus
            return "`[x, y]`: two numbers" + _range(prop["items"][0])
        if isinstance(prop.get("items", {}).get("items"), list):
            return "list of `[x, y]` points, from 0 to 1"
        inner = _type(prop.get("items", {}))
        count = _count(prop)
        return f"list of: {inner}" + (f" ({count})" if count else "")
    if kind == "object" and "patternProperties" in prop:
        inner = next(iter(prop["patternProperties"].values()))
        return f"per language code: {_type(inner)}"
    return kind or "any"


def _range(prop: dict[str, Any]) -> str:
    low = prop.get("minimum", prop.get("exclusiveMinimum"))
    high = prop.get("maximum")
    if low is not None and high is not None:
        return f", {low} to {high}" if "exclusiveMinimum" not in prop else f", more than {low}, at most {high}"
    if low is not None:
        return f", at least {low}" if "exclusiveMinimum" not in prop else f", more than {low}"
    return ""


def _count(prop: dict[str, Any]) -> str:
    low, high = prop.get("minItems"), prop.get("maxItems")
    if low and high:
        return f"{low} to {high}"
    if low:
        return f"at least {low}"
    if high:
        return f"at most {high}"
    return ""


def update_reference(doc: Path) -> bool:
    """Rewrite the generated part of the curator guide; True when it changed."""
    text = doc.read_text(encoding="utf-8")
    start, end = text.index(REFERENCE_BEGIN) + len(REFERENCE_BEGIN), text.index(REFERENCE_END)
    updated = text[:start] + "\n\n" + reference_markdown() + "\n" + text[end:]
    if updated != text:
        doc.write_text(updated, encoding="utf-8", newline="\n")
    return updated != text


if __name__ == "__main__":  # python -m kiosk.content.schema_export docs/CONTENT.md
    import sys

    for argument in sys.argv[1:]:
        print(f"{argument}: {'updated' if update_reference(Path(argument)) else 'up to date'}")
