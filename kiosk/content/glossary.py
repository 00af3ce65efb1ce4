"""Heraldic words made tappable inside a text, safely.

The text is escaped first (a curator's `<b>` stays visible as `<b>`), then each glossary
word is wrapped in a link `glossary:ID` that QML opens. Matching is by whole word and
ignores case, so "Écartelé" and "écartelé" both match.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable


def link_words(text: str, words: Iterable[tuple[str, str]]) -> str:
    """Escaped `text` with every (word, id) found turned into `<a href="glossary:id">word</a>`."""
    by_word: dict[str, str] = {}
    for word, entry_id in words:
        if word.strip():
            by_word.setdefault(word.strip().lower(), entry_id)
    if not by_word:
        return html.escape(text).replace("\n", "<br>")
    # Longest first, so "gueules" wins over a shorter word inside it.
    alternatives = sorted(by_word, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in alternatives) + r")(?!\w)", re.IGNORECASE)
    out: list[str] = []
    cursor = 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[cursor : match.start()]))
        entry_id = by_word[match.group(1).lower()]
        out.append(f'<a href="glossary:{entry_id}">{html.escape(match.group(1))}</a>')
        cursor = match.end()
    out.append(html.escape(text[cursor:]))
    return "".join(out).replace("\n", "<br>")
