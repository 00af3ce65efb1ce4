"""French typography applied by the kiosk, so a curator never types a no-break space.

French typesetting keeps a small space before `; ! ?`, a space before `:` and inside « »,
and never lets a line break between a number and its unit, after "n°", or between a day
and its month. Word processors put these spaces in by themselves; a curator writing YAML
cannot see them. `typeset(text, "fr")` inserts them when a text is shown; every other
language is returned untouched. Plain Python, no Qt.

Which space: U+00A0 NO-BREAK SPACE everywhere. French typesetting would put the narrower
U+202F ("fine insécable") before `; ! ?`, but Roboto Slab, the font of the titles, has no
glyph for U+202F (tests/gui/test_glyphs.py checks every bundled font for what this module
inserts), and U+00A0 is what the default texts already hold, typed by hand. Qt's line
breaking never breaks at it. A no-break space already there (U+00A0, or U+202F as
kiosk/content/numbers.py writes thousands) is kept, never doubled; web addresses, e-mail
addresses and times such as 10:30 are left alone.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
#: Every character `typeset` may insert (tests/gui/test_glyphs.py: all in every bundled font).
INSERTED = (NBSP,)
#: The no-break spaces a curator may have typed already: left as they are.
_NO_BREAK = NBSP + "\u202f\u2007\u2060"

#: Parts of a text that are never typeset: web and e-mail addresses.
_PROTECTED = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+")
#: Where an address stands while the rest is typeset (a private-use character).
_PLACEHOLDER = "\ue000"

#: What may stand before `; ! ? :` for a space to belong there: a word, a closing quote or
#: bracket, a figure's sign. Not a space (it is replaced) and not another mark ("?!").
_BEFORE_MARK = r"[\w»)\]”’\"'%°…*\ue000]"
#: `; ! ?` at the end of a word, optionally after an ordinary space, and followed by a
#: space, a closing quote or bracket, or the end: not inside "a?b" or "&amp;".
_HIGH_MARK = re.compile(rf"(?<={_BEFORE_MARK}) ?(?=[;!?]+(?:[\s{_NO_BREAK}»)\]”’\"]|$))")
#: `:` the same way, but only before a space or the end: never 10:30, 1:25 000, "http:".
_COLON = re.compile(rf"(?<={_BEFORE_MARK}) ?(?=:(?:[\s{_NO_BREAK}]|$))")
_OPENING_GUILLEMET = re.compile(rf"«[ ]*(?=[^\s{_NO_BREAK}])")
_CLOSING_GUILLEMET = re.compile(rf"(?<=[^\s{_NO_BREAK}])[ ]*»")

#: Units a figure is written with, as French texts use them. Short symbols only bind when
#: a space is already there ("852 m"); "%" gets its space even when written "10%".
_UNITS = (
    "km²",
    "km",
    "m²",
    "m³",
    "m",
    "cm",
    "mm",
    "ha",
    "kg",
    "t",
    "°C",
    "°F",
    "°",
    "MWh",
    "kWh",
    "GWh",
    "MWc",
    "kWc",
    "MW",
    "kW",
    "GW",
    "W",
    "€",
    "h",
    "min",
    "habitants",
    "hab.",
    "hectares",
    "mètres",
    "kilomètres",
    "tonnes",
    "euros",
)
_UNIT = "|".join(re.escape(unit) for unit in sorted(_UNITS, key=len, reverse=True))
#: A figure (digits, maybe with a decimal comma) then a space then a unit ending a word
#: (not "m'a", not "mineurs"). A year followed by "m" would need a unit, which it lacks.
_NUMBER_UNIT = re.compile(rf"(?<=\d) (?=(?:{_UNIT})(?![\w'’]))")
_PERCENT = re.compile(r"(?<=\d) ?%")
_NUMERO = re.compile(r"(?<![\w])([nN][°º]) ?(?=\d)")
_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
#: "25 septembre", "1er octobre": the day never ends a line alone. The year may go to the
#: next line: binding three words in a narrow title does more harm than good.
_DAY_MONTH = re.compile(rf"(?<![\w,.])(\d{{1,2}}|1er) (?=(?:{_MONTHS})\b)")


def typeset(text: str, language: str) -> str:
    """`text` with the no-break spaces its language's typesetting needs (French only)."""
    if language != "fr" or not text:
        return text
    # Addresses are set aside, each as one placeholder that counts as a word ("voir
    # https://... !" still gets its space), and put back once the rest is typeset.
    protected = _PROTECTED.findall(text)
    typeset_text = _french(_PROTECTED.sub(_PLACEHOLDER, text) if protected else text)
    for address in protected:
        typeset_text = typeset_text.replace(_PLACEHOLDER, address, 1)
    return typeset_text


def _french(text: str) -> str:
    text = _HIGH_MARK.sub(NBSP, text)
    text = _COLON.sub(NBSP, text)
    text = _OPENING_GUILLEMET.sub("«" + NBSP, text)
    text = _CLOSING_GUILLEMET.sub(NBSP + "»", text)
    text = _NUMBER_UNIT.sub(NBSP, text)
    text = _PERCENT.sub(NBSP + "%", text)
    text = _NUMERO.sub(lambda match: match.group(1) + NBSP, text)
    return _DAY_MONTH.sub(lambda match: match.group(1) + NBSP, text)
