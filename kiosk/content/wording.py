"""Pydantic's validation errors in a curator's words, at the line and column of the YAML.

Used by the content loader (`loader.py`) and by the reader of kiosk.yaml
(`kiosk.services.config`), so a mistake in either reads the same way: "missing required key
'title' in 'events[3]'", "'date' should be a year like 1960...", with a hint when a value
needs quotes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any, get_args

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from kiosk.content.schema import EMPTY_LISTS, SOURCES_FILE, HexColour, Identifier, LanguageCode
from kiosk.content.typography import curly_hint
from kiosk.content.yamlsafe import DataPath, Located, Position


def pattern_of(annotated: Any) -> str:
    """The regular expression of a constrained string type of the schema."""
    return str(annotated.__metadata__[0].pattern)


def _is_union_tag(part: str | int) -> bool:
    """How pydantic names the members of the `LocalText` union in an error's loc ('str',
    'dict[constrained-str,str]'); no field of the schema has such a name."""
    return isinstance(part, str) and (part == "str" or part.startswith("dict["))


def explain_errors(
    errors: Sequence[ErrorDetails], model: type[BaseModel], located: Located, languages: Sequence[str] | None
) -> list[tuple[Position, str]]:
    """One (position, message) per problem; a LocalText union's two branch errors become one."""
    explained: list[tuple[Position, str]] = []
    texts_done: set[DataPath] = set()
    for error in errors:
        loc = tuple(error["loc"])
        tag = next((index for index, part in enumerate(loc) if _is_union_tag(part)), None)
        if tag is None:
            explained.append(_explain_one(error, loc, model, located))
            continue
        text_loc, value = loc[:tag], _value_at(located, loc[:tag])
        if isinstance(value, dict):  # a per-language mapping: its own entries are wrong
            if loc[tag] != "str":
                explained.append(_explain_one(error, text_loc + loc[tag + 1 :], model, located))
        elif text_loc not in texts_done:
            texts_done.add(text_loc)
            explained.append(_text_expected(text_loc, value, located, languages))
    return explained


def _value_at(located: Located, loc: DataPath) -> Any:
    if located.resolve(loc) != loc:
        return None
    value = located.data
    for part in loc:
        value = value[part]
    return value


def _text_expected(
    loc: DataPath, value: Any, located: Located, languages: Sequence[str] | None
) -> tuple[Position, str]:
    codes = tuple(languages) if languages else ("fr", "en")
    example = ", ".join(f"{code}: ..." for code in codes)
    message = f"'{display_path(loc)}' should be a text, or one text per language ({example}), {_not(value)}"
    return _value_position(located, loc, value), message + _quote_hint(value)


def _explain_one(error: ErrorDetails, loc: DataPath, model: type[BaseModel], located: Located) -> tuple[Position, str]:
    kind = error["type"]
    is_key = bool(loc) and loc[-1] == "[key]"
    loc = loc[:-1] if is_key else loc
    name = display_path(loc[:-1] if is_key else loc)  # a bad key is named by the mapping holding it
    if kind == "extra_forbidden":
        return located.key_position(loc), _unknown_key(loc, model)
    if kind == "missing":
        parent = f" in '{display_path(loc[:-1])}'" if loc[:-1] else ""
        return located.key_position(loc[:-1]), f"missing required key '{loc[-1]}'{parent}"
    if kind in ("value_error", "assertion_error"):
        return _validator_error(error, loc, located)
    value = error.get("input")
    if kind == "string_pattern_mismatch" and len(loc) >= 2 and loc[-2] == "sources" and isinstance(value, str):
        # The format before sources.yaml: a source written out in full where an id now goes.
        return _value_position(located, loc, value), (
            f"'{value}' is not a source id: describe the source once in {SOURCES_FILE} "
            "(id, title, publisher, group) and name it here by its id, such as 'archives-municipales'"
        )
    message = _type_message(kind, name, value, error.get("ctx") or {}, is_key)
    message = message or f"'{name}': {error['msg']}"  # pydantic's own words for the rare types
    if is_key:
        return located.key_position(loc), message
    return _value_position(located, loc, value), message


def _value_position(located: Located, loc: DataPath, value: Any) -> Position:
    """The value itself when it is written; the key when the value is empty or missing."""
    if value is None or located.resolve(loc) != loc:
        return located.key_position(loc)
    return located.position(loc)


def _unknown_key(loc: DataPath, model: type[BaseModel]) -> str:
    key = str(loc[-1])
    owner = _model_at(model, loc[:-1])
    names = list(owner.model_fields) if owner else []
    close = difflib.get_close_matches(key, names, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else (f" (known keys: {', '.join(names)})" if names else "")
    return f"unknown key '{key}'{hint}"


def _model_at(model: type[BaseModel], path: DataPath) -> type[BaseModel] | None:
    """The model that reads the mapping at `path` (list indexes go to the item type)."""
    current: type[BaseModel] | None = model
    for part in path:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if current else None
        current = _inner_model(field.annotation) if field else None
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    stack = [annotation]
    while stack:
        candidate = stack.pop()
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        stack.extend(get_args(candidate))
    return None


def _validator_error(error: ErrorDetails, loc: DataPath, located: Located) -> tuple[Position, str]:
    """A schema validator's own sentence; a model-wide one is placed on the key it names first."""
    cause = (error.get("ctx") or {}).get("error")
    text = str(cause) if cause else str(error["msg"]).removeprefix("Value error, ")
    if loc:
        return located.position(loc), f"'{display_path(loc)}': {text}"
    subject = re.match(r"\w+", text)
    if subject and isinstance(located.data, dict) and subject.group() in located.data:
        return located.key_position((subject.group(),)), text
    return located.position(()), text


#: Schema patterns -> what a curator should write.
_PATTERN_NAMES = {
    pattern_of(HexColour): "a colour written #RRGGBB (for example #1A2B3C)",
    pattern_of(LanguageCode): "a language code of 2 or 3 lowercase letters (for example 'fr')",
    pattern_of(Identifier): "made of lowercase letters, digits, '-' and '_'",
}


def _type_message(kind: str, name: str, value: Any, ctx: dict[str, Any], is_key: bool) -> str | None:
    """Short sentences for the common pydantic error types; None for the rare ones."""
    if is_key and kind == "string_pattern_mismatch":
        return f"'{name}' has a key '{value}' that should be {_PATTERN_NAMES.get(ctx.get('pattern', ''), 'different')}"
    simple = {
        "int_type": "a whole number",
        "int_parsing": "a whole number",
        "int_from_float": "a whole number",
        "float_type": "a number",
        "float_parsing": "a number",
        "finite_number": "a finite number",
        "bool_type": "true or false",
        "bool_parsing": "true or false",
        "string_type": "a text",
        "list_type": "a list (one '- item' per line, or [a, b])",
        "dict_type": "a group of 'key: value' lines",
        "model_type": "a group of 'key: value' lines",
        "model_attributes_type": "a group of 'key: value' lines",
    }
    if kind in simple:
        hint = _quote_hint(value) if kind == "string_type" else ""
        return f"'{name}' should be {simple[kind]}, {_not(value)}{hint}"
    if kind in ("literal_error", "enum"):
        return _choice_message(name, value, str(ctx.get("expected", "")))
    if kind == "string_pattern_mismatch":
        wanted = _PATTERN_NAMES.get(ctx.get("pattern", ""), f"written like {ctx.get('pattern')}")
        return f"'{name}' should be {wanted}, {_not(value)}{curly_hint(value)}"
    return _size_message(kind, name, value, ctx)


def _size_message(kind: str, name: str, value: Any, ctx: dict[str, Any]) -> str | None:
    if kind == "string_too_short":
        minimum = ctx.get("min_length", 1)
        if minimum == 1:
            return f"'{name}' should not be empty"
        return f"'{name}' should have at least {minimum} characters"
    if kind == "string_too_long":
        return f"'{name}' should have at most {ctx.get('max_length')} characters, not {len(str(value))}"
    if kind == "too_long" and name == "pillars":
        return (
            f"{ctx.get('actual_length')} pillars do not fit the building: the method view holds at most "
            f"{ctx.get('max_length')} side by side"
        )
    if kind == "too_long" and name == "events":
        return (
            f"{ctx.get('actual_length')} events are too many for a visitor to read: "
            f"keep the {ctx.get('max_length')} that tell the story best (at most {ctx.get('max_length')})"
        )
    if kind == "too_short" and ctx.get("min_length") == 1 and name in EMPTY_LISTS:
        return EMPTY_LISTS[name]
    if kind in ("too_short", "too_long"):
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        word = "at least" if kind == "too_short" else "at most"
        return f"'{name}' should have {word} {bound} {_entries(bound)}, not {ctx.get('actual_length')}"
    bounds = {
        "greater_than_equal": ("ge", "at least"),
        "greater_than": ("gt", "more than"),
        "less_than_equal": ("le", "at most"),
        "less_than": ("lt", "less than"),
    }
    if kind in bounds:
        key, words = bounds[kind]
        return f"'{name}' should be {words} {ctx.get(key)}, not {_show(value)}"
    return None


def _choice_message(name: str, value: Any, expected: str) -> str:
    choices = re.findall(r"'([^']*)'", expected) or [expected]
    if len(choices) == 1:
        return f"'{name}' should be {choices[0]}, {_not(value)}"
    close = difflib.get_close_matches(value, choices, n=1) if isinstance(value, str) else []
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"'{name}' should be one of: {', '.join(choices)}, {_not(value)}{hint}"


def _entries(count: Any) -> str:
    return "entry" if count == 1 else "entries"


def display_path(loc: DataPath) -> str:
    """`sections.3.file`: a place in the file, list entries counted from 1 as a curator counts."""
    return ".".join(str(part + 1) if isinstance(part, int) else str(part) for part in loc) or "the file"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value if len(value) <= 40 else value[:39] + '…'}'"
    if isinstance(value, (int, float)):
        return str(value)
    return kind_of(value)


def kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a group of keys"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return _show(value) if isinstance(value, (str, int, float)) else type(value).__name__


def _not(value: Any) -> str:
    return "but it is empty" if value is None else f"not {_show(value)}"


def _quote_hint(value: Any) -> str:
    """`title: 1914` is a number to YAML; a curator meant the text."""
    if isinstance(value, (bool, int, float)):
        return f" (to write it as a text, put it in quotes: '{_show(value)}')"
    return ""
