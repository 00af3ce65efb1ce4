"""Figures written the way each language writes them: 177 700 (fr), 177,700 (en), 177.700 (nl)."""

from __future__ import annotations

#: (thousands separator, decimal mark) per language; French uses a narrow no-break space.
SEPARATORS = {"fr": ("\u202f", ","), "en": (",", "."), "nl": (".", ",")}


def format_number(value: float, language: str) -> str:
    thousands, decimal = SEPARATORS.get(language, (",", "."))
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
