"""What text pasted from a word processor or a web page brings into a content file.

Word, LibreOffice and web pages put in characters a curator cannot see or tell apart:
curly quotes, non-breaking and zero-width spaces, soft hyphens, ligatures. Where YAML
reads them as part of its syntax, kiosk/content/yamlsafe.py explains the error with the
names given here; where they end up inside a text, `text_problems` says which ones will
show oddly on screen. Plain Python.
"""

from __future__ import annotations

import re
import unicodedata

#: Spaces that are not YAML's ordinary space, with the words a curator knows them by.
ODD_SPACES = {
    "\u00a0": "a non-breaking space",
    "\u202f": "a narrow non-breaking space",
    "\u2007": "a figure space",
    "\u2002": "an en space",
    "\u2003": "an em space",
    "\u2009": "a thin space",
    "\u200a": "a hair space",
    "\u3000": "an ideographic space",
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner",
    "\ufeff": "an invisible byte-order mark",
}
#: A character class of `ODD_SPACES`, for regular expressions.
ODD_SPACE = "[" + "".join(ODD_SPACES) + "]"

#: Typographic quotes, opening -> closing, as word processors type them for " and '.
CURLY_QUOTES = {"“": "”", "‘": "’", "„": "”", "«": "»"}

#: Invisible characters that have no business inside a text shown on a screen.
_INVISIBLE = {
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner",
    "\ufeff": "an invisible byte-order mark",
    "\u00ad": "a soft hyphen",
    "\u200e": "a left-to-right mark",
    "\u200f": "a right-to-left mark",
}
#: Ligatures a PDF or a word processor leaves in copied text: they look right, but the
#: kiosk's fonts draw them from another font or not at all, and searching misses them.
_LIGATURES = re.compile("[\ufb00-\ufb06]")
_THREE_DOTS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def describe(char: str) -> str:
    """'a non-breaking space (U+00A0)': a character a curator cannot see, named."""
    name = ODD_SPACES.get(char) or _INVISIBLE.get(char) or f"the character {unicodedata.name(char, '?').lower()}"
    return f"{name} (U+{ord(char):04X})"


def curly_hint(value: object) -> str:
    """'; these are typographic quotes ...' when a value that should be a word, a code or
    a link is wrapped in curly quotes (YAML took them for part of the value), else ''."""
    if isinstance(value, str) and len(value) > 1 and value[0] in CURLY_QUOTES and value[-1] in "”’“»":
        straight = "'" if value[0] == "‘" else '"'
        return (
            f": these are typographic quotes {value[0]} {value[-1]}, part of the value for YAML; "
            f"write straight quotes {straight} or none"
        )
    return ""


def text_problems(text: str) -> list[str]:
    """What in a text will show oddly on screen, each in a curator's words; [] when nothing.

    Kept to what a visitor would notice: invisible characters that break or join words
    where nobody expects it, ligatures, "..." for "…", control characters, and double
    quotes left open. Non-breaking spaces are fine (the default texts have them).
    """
    problems: list[str] = []
    invisible = sorted({char for char in text if char in _INVISIBLE})
    if invisible:
        names = ", ".join(describe(char) for char in invisible)
        problems.append(
            f"this text holds {names}, invisible here but not on screen (pasted from a word "
            "processor or a web page): retype the words around it"
        )
    ligatures = sorted(set(_LIGATURES.findall(text)))
    if ligatures:
        spelled = ", ".join(f"'{char}' for '{unicodedata.normalize('NFKC', char)}'" for char in ligatures)
        problems.append(
            f"this text has ligature characters ({spelled}), left by copying from a PDF: type the letters themselves"
        )
    if _THREE_DOTS.search(text):
        problems.append(
            "this text has three dots '...': write the ellipsis '…' (one character), which never breaks across lines"
        )
    control = _CONTROL.search(text)
    if control:
        problems.append(
            f"this text holds the control character U+{ord(control.group()):04X}, which shows "
            "as a box or nothing: remove it"
        )
    unbalanced = _unbalanced_quotes(text)
    if unbalanced:
        problems.append(unbalanced)
    return problems


def _unbalanced_quotes(text: str) -> str | None:
    """Typographic double quotes or guillemets opened and never closed (or the other way
    round). Curly double quotes are counted together, since languages pair them
    differently (“…”, „…”, „…“); single quotes are left out: ’ is also the apostrophe."""
    opened, closed = text.count("«"), text.count("»")
    if opened != closed:
        lone = "«" if opened > closed else "»"
        return f"this text has {opened} '«' but {closed} '»': a {lone} is left alone; close it or remove it"
    if sum(text.count(quote) for quote in "“”„") % 2:
        return "this text has an odd number of quotes “ ”: one is left alone; close it or remove it"
    if text.count('"') % 2:
        return "this text has an odd number of straight quotes '\"': one is left alone; close it or remove it"
    return None
