"""`kiosk validate`: every problem of a content folder, then what is still missing, for a
curator or for CI.

Text: one `file:line:column: severity: message` line per problem (errors, then the audit's
warnings mixed in by place), the tables (translations, pictures, files nobody refers to),
then the summary line last, where a CI log's tail shows it. JSON: one document with the
same problems and tables (the shape is in docs/CONTENT.md, "For tools").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from kiosk.content.audit import SCREEN, Audit, audit_folder
from kiosk.content.loader import load_exhibit
from kiosk.content.report import Report

EXIT_SHOWABLE, EXIT_INVALID = 0, 1


def check_folder(root: Path) -> tuple[Report, Audit]:
    """The loader's problems and the audit's warnings (in one report), and the audit."""
    _exhibit, report = load_exhibit(root)
    audit = audit_folder(root, report)
    return report, audit


def run_validate(root: Path, fmt: str, out: TextIO) -> int:
    """Print the folder's problems and tables as text or one JSON object; 0 when it can be shown."""
    if fmt not in ("text", "json"):
        raise ValueError(f"unknown output format {fmt!r}")
    report, audit = check_folder(root)
    if fmt == "json":
        out.write(json.dumps(as_json(report, audit), indent=2, ensure_ascii=False) + "\n")
    else:
        for problem in report.sorted():
            out.write(problem.format() + "\n")
        for line in tables(audit):
            out.write(line + "\n")
        out.write(summary(root, report) + "\n")
    return EXIT_SHOWABLE if report.ok else EXIT_INVALID


def summary(root: Path, report: Report) -> str:
    """`content/ : 2 errors, 1 warning` or `content/ : valid (3 warnings)`."""
    errors, warnings = len(report.errors), len(report.warnings)
    folder = root.as_posix().rstrip("/") + "/"
    if errors:
        return f"{folder} : {_count(errors, 'error')}, {_count(warnings, 'warning')}"
    return f"{folder} : valid" + (f" ({_count(warnings, 'warning')})" if warnings else "")


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def as_json(report: Report, audit: Audit) -> dict[str, object]:
    return {
        "ok": report.ok,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "problems": report.to_json(),
        **audit.to_json(),
    }


# -- the tables -----------------------------------------------------------------------------------


def tables(audit: Audit) -> list[str]:
    """The audit as short, aligned tables; nothing for a folder with nothing to count."""
    lines: list[str] = []
    if audit.languages:
        lines += ["", f"Translations (default language: {audit.default_language})"]
        for count in audit.languages:
            state = "complete" if not count.missing else f"{len(count.missing)} missing"
            lines.append(f"  {count.code:<4}{count.translated:>5} / {count.total:<5} {state}")
            for file, line, column, name in count.missing:
                lines.append(f"        {file}:{line}:{column}  {name}")
        if audit.not_counted:
            lines.append(f"  not counted, until their errors are fixed: {', '.join(audit.not_counted)}")
    if audit.pictures:
        width = max(len(picture.path) for picture in audit.pictures)
        lines += ["", f"Pictures (sizes for a {SCREEN[0]}×{SCREEN[1]} screen)"]
        for picture in audit.pictures:
            pixels = f"{picture.width}×{picture.height}" if picture.width else picture.format or "?"
            needed = f"needs {picture.needed[0]}×{picture.needed[1]}" if picture.needed else ""
            lacking = [name for name in ("alt", "credit", "licence") if not getattr(picture, name)]
            notes = [picture.verdict] + ([f"no {', '.join(lacking)}"] if lacking else [])
            roles = ", ".join(picture.roles)
            lines.append(f"  {picture.path:<{width}}  {pixels:>11}  {needed:<21} {'; '.join(notes)} ({roles})")
    if audit.unreferenced:
        lines += ["", f"Files no content file refers to ({len(audit.unreferenced)})"]
        for path, size in audit.unreferenced:
            lines.append(f"  {path}  ({_size(size)})")
    if lines:
        lines.append("")
    return lines


def _size(size: int) -> str:
    if size >= 1_048_576:
        return f"{size / 1_048_576:.1f} MB"
    return f"{max(1, round(size / 1024))} KB" if size >= 1024 else f"{size} bytes"
