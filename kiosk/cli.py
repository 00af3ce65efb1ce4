"""The `kiosk` command: argument parsing only; the work is done elsewhere."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__
from kiosk.paths import default_content_dir

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, for example 1920x1080, not {text!r}") from None
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise argparse.ArgumentTypeError(f"size {text} is outside 320x240 .. 7680x4320")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="The Base 11/19 exhibit kiosk. Without a command, opens the exhibit.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation headless (libraries, content, every screen) and exit 0 if all is well",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="open the exhibit (the default: `kiosk --fullscreen` = `kiosk run --fullscreen`)")
    run.add_argument("--content", type=Path, default=None, help="content folder (default: the bundled exhibit)")
    run.add_argument("--fullscreen", action="store_true", help="fill the screen, for a real kiosk")
    run.add_argument("--size", type=_size, default=(1920, 1080), help="window size WxH (default 1920x1080)")

    validate = sub.add_parser("validate", help="check a content folder and list every problem")
    validate.add_argument(
        "dir", nargs="?", type=Path, default=None, help="content folder (default: the bundled exhibit)"
    )
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format")

    snapshot = sub.add_parser("snapshot", help="render every screen to PNG files, headless")
    snapshot.add_argument("--content", type=Path, default=None, help="content folder (default: the bundled exhibit)")
    snapshot.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    snapshot.add_argument("--lang", default="all", help="a language code, or 'all' (default)")
    snapshot.add_argument("--size", type=_size, default=(1920, 1080), help="WxH, default 1920x1080")
    snapshot.add_argument("--screens", default="all", help="comma-separated screen names, or 'all'")

    hotspots = sub.add_parser("hotspots", help="draw a hotspot on a picture and print its YAML")
    hotspots.add_argument("image", type=Path, help="the picture (PNG, JPEG, WebP or SVG)")
    hotspots.add_argument("--size", type=_size, default=(1600, 1000), help="window size WxH (default 1600x1000)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version", "--self-test")):
        argv.insert(0, "run")  # `kiosk` and `kiosk --fullscreen` open the exhibit
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)

    if args.self_test:
        from kiosk.selftest import run_self_test

        return run_self_test()

    if args.command == "validate":
        from kiosk.content.validate import run_validate

        return run_validate(args.dir or default_content_dir(), args.format, sys.stdout)

    if args.command == "snapshot":
        from kiosk.snapshot import run_snapshot

        return run_snapshot(
            content=args.content or default_content_dir(),
            out=args.out,
            lang=args.lang,
            size=args.size,
            screens=args.screens,
        )

    if args.command == "hotspots":
        from kiosk.hotspots_tool import run_hotspots

        return run_hotspots(args.image, args.size)

    from kiosk.app import run_app

    return run_app(
        content=args.content or default_content_dir(),
        fullscreen=args.fullscreen,
        size=args.size,
    )
