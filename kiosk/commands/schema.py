"""`kiosk schema`: the content format as JSON Schema, for curators' editors."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from kiosk.content.schema import FORMAT_VERSION
from kiosk.content.schema_export import KINDS, dumps, json_schema, modeline, schema_file_name, write_schemas


def run_schema(kind: str | None, out: Path | None, stream: TextIO) -> int:
    """The `kiosk schema` command: an index, one schema (`--kind`), or every file (`--out`)."""
    if kind is not None:
        stream.write(dumps(json_schema(kind)))
        return 0
    if out is not None:
        try:
            written = write_schemas(out)
        except OSError as exc:
            stream.write(f"kiosk schema: cannot write into {out}: {exc.strerror or exc}\n")
            return 1
        for path in written:
            stream.write(f"{path.as_posix()}\n")
        return 0
    stream.write(f"The content format (version {FORMAT_VERSION}) as JSON Schema, one for each kind of file:\n\n")
    for name, (_model, file_name, what) in KINDS.items():
        stream.write(f"  {name:<9} {file_name:<14} {schema_file_name(name):<21} {what}\n")
    stream.write(
        "\n"
        "  kiosk schema --kind timeline    prints one schema\n"
        "  kiosk schema --out DIR          writes them all into DIR\n\n"
        "Put the schemas in the content folder (kiosk new does: schema/) and start each YAML file with\n"
        f"  {modeline('timeline')}\n"
        "to get completion, descriptions and checks in VS Code, JetBrains IDEs and Neovim (docs/CONTENT.md).\n"
    )
    return 0
