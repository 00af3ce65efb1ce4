"""The `kiosk` command: argument parsing only; the work is done elsewhere."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from kiosk import __version__, startuptimes
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


def _piped(command: Callable[[], int]) -> int:
    """Run a command that prints; `kiosk validate | head` ends quietly, not with a traceback."""
    try:
        return command()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python flushes stdout at exit
        return EXIT_OK


def _workers(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, not {text!r}") from None
    if not 0 <= count <= 64:
        raise argparse.ArgumentTypeError(f"{count} worker processes is outside 0 .. 64")
    return count


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, not {text!r}") from None
    if not 0 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"{text} seconds is outside 0 .. 3600")
    return value


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD (2026-12-01), not {text!r}") from None


def _top_parser() -> tuple[argparse.ArgumentParser, argparse._SubParsersAction[argparse.ArgumentParser]]:
    """`kiosk` itself and the `kiosk run` command: all the supervisor needs to check its options."""
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
    run.add_argument(
        "--fullscreen",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="fill the screen (default: as kiosk mode)",
    )
    run.add_argument("--config", type=Path, default=None, help="kiosk.yaml (default: beside the executable)")
    run.add_argument(
        "--kiosk",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="lock the exhibit down (default: on for the executable, off from source)",
    )
    run.add_argument("--size", type=_size, default=(1920, 1080), help="window size WxH (default 1920x1080)")
    run.add_argument(
        "--settle",
        type=_seconds,
        default=5.0,
        metavar="SECONDS",
        help="with --content: how long the folder must stay unchanged before new content is taken (default 5)",
    )
    run.add_argument(
        "--lastgood",
        type=Path,
        default=None,
        metavar="DIR",
        help="with --content: where the last known good copy is kept (default: the user's data folder)",
    )
    return parser, sub


def build_parser() -> argparse.ArgumentParser:
    from kiosk.commands import bundle as bundle_commands
    from kiosk.commands import status as status_command

    parser, sub = _top_parser()
    preview = sub.add_parser("preview", help="open a content folder in a window that follows every change")
    preview.add_argument("dir", type=Path, help="the content folder")
    preview.add_argument("--size", type=_size, default=(1600, 900), help="window size WxH (default 1600x900)")

    validate = sub.add_parser("validate", help="check a content folder and list every problem")
    validate.add_argument(
        "dir", nargs="?", type=Path, default=None, help="content folder (default: the bundled exhibit)"
    )
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format")

    schema = sub.add_parser("schema", help="the content format as JSON Schema, for editors and tools")
    schema_output = schema.add_mutually_exclusive_group()
    schema_output.add_argument(
        "--kind",
        choices=("exhibit", "timeline", "blason", "map", "pillars", "sources"),
        help="print the schema of one kind of file",
    )
    schema_output.add_argument("--out", type=Path, help="write KIND.schema.json for every kind into this folder")

    new = sub.add_parser("new", help="create a small, valid, commented content folder to start from")
    new.add_argument("dir", type=Path, help="the folder to create (it must be new or empty)")

    snapshot = sub.add_parser("snapshot", help="render every screen to PNG files, headless")
    snapshot.add_argument("--content", type=Path, default=None, help="content folder (default: the bundled exhibit)")
    snapshot.add_argument("--out", type=Path, default=None, help="folder for the PNG files (needed without --audit)")
    snapshot.add_argument("--lang", default="all", help="a language code, or 'all' (default)")
    snapshot.add_argument("--size", type=_size, default=(1920, 1080), help="WxH, default 1920x1080")
    snapshot.add_argument("--screens", default="all", help="comma-separated screen names, or 'all'")
    snapshot.add_argument(
        "--item",
        default=None,
        metavar="SECTION:ID",
        help="render the opened card of one item, e.g. timeline:bataille-de-loos (SECTION-ID-LANG.png)",
    )
    snapshot.add_argument(
        "--audit",
        action="store_true",
        help="check every screen: texts cut or elided, overlaps, items outside the window, contrast; exit 1 if any",
    )
    snapshot.add_argument(
        "--a11y",
        nargs="?",
        const="all",
        default=None,
        metavar="MODES",
        help="render with accessibility modes on: all (default) or some of larger_text, high_contrast, reach, "
        "less_motion, comma-separated (NAME-a11y-LANG.png)",
    )
    snapshot.add_argument(
        "--listen",
        action="store_true",
        help="press each screen's first Listen button before rendering it: the text marked while it is read, "
        "silently (NAME-listen-LANG.png)",
    )
    snapshot.add_argument(
        "--format", choices=("text", "json"), default="text", help="with --audit: one line per problem, or JSON"
    )

    sub.add_parser(  # parsed by `_supervise`: every `kiosk run` option passes through to the exhibit
        "supervise",
        add_help=False,
        help="open the exhibit and restart it when it crashes or stops answering (the exhibition PC)",
    )

    doctor = sub.add_parser("doctor", help="check this machine for the kiosk and print a report")
    doctor.add_argument("--content", type=Path, default=None, help="content folder (default: the bundled exhibit)")
    doctor.add_argument("--log-dir", type=Path, default=None, help="log folder (default: the platform's)")
    doctor.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    doctor.add_argument("--config", type=Path, default=None, help="kiosk.yaml (default: beside the executable)")

    prepare = sub.add_parser("prepare", help="scale a content folder's large photos into the picture cache now")
    prepare.add_argument(
        "dir", nargs="?", type=Path, default=None, help="content folder (default: the bundled exhibit)"
    )
    prepare.add_argument(
        "--workers", type=_workers, default=None, help="worker processes (default: all cores but one; 0: none)"
    )

    stats = sub.add_parser("stats", help="what visitors did: the visitor record's figures for a period")
    stats.add_argument(
        "--from", dest="first", type=_date, default=None, help="first day, YYYY-MM-DD (default: 30 days ago)"
    )
    stats.add_argument("--to", dest="last", type=_date, default=None, help="last day, YYYY-MM-DD (default: today)")
    stats.add_argument("--format", choices=("text", "csv", "json"), default="text", help="output format")
    stats.add_argument(
        "--record", type=Path, default=None, help="the record (default: visits.sqlite in the user's data folder)"
    )
    stats.add_argument(
        "--content",
        type=Path,
        default=None,
        help="content folder whose items nobody opened are listed (default: the content the kiosk showed); "
        "with --report, also the screens the heat maps are drawn over (default: the bundled exhibit)",
    )
    stats.add_argument(
        "--report",
        type=Path,
        default=None,
        metavar="DIR",
        help="write an HTML page with charts and heat maps into DIR (opens in any browser, offline)",
    )
    stats.add_argument(
        "--size", type=_size, default=(1920, 1080), help="with --report: the screen's size WxH (default 1920x1080)"
    )
    stats.add_argument(
        "--picture",
        type=Path,
        default=None,
        metavar="PNG",
        help="with --report: also draw the page into this PNG (a simpler layout than a browser's)",
    )

    check = sub.add_parser("validate-config", help="check kiosk.yaml and list every problem")
    check.add_argument("path", nargs="?", type=Path, default=None, help="kiosk.yaml (default: beside the executable)")

    set_pin = sub.add_parser("set-pin", help="set the admin PIN (stored as a salted hash in kiosk.yaml)")
    set_pin.add_argument("--config", type=Path, default=None, help="kiosk.yaml (default: beside the executable)")
    set_pin.add_argument("--pin-stdin", action="store_true", help="read the PIN from one line of stdin (scripts)")

    hotspots = sub.add_parser("hotspots", help="draw a hotspot on a picture and print its YAML")
    hotspots.add_argument("image", type=Path, help="the picture (PNG, JPEG, WebP or SVG)")
    hotspots.add_argument("--size", type=_size, default=(1600, 1000), help="window size WxH (default 1600x1000)")
    hotspots.add_argument(
        "--preview",
        type=Path,
        metavar="BLASON_YAML",
        help="no window: draw the hotspots of this blason.yaml over the picture into --out (no screen needed)",
    )
    hotspots.add_argument("--out", type=Path, metavar="FILE.png", help="where --preview writes its picture")
    bundle_commands.add_parsers(sub)  # pack, keys new, inspect, unpack
    status_command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    frozen = getattr(sys, "frozen", False)
    if frozen:
        # In the frozen build, a picture-cache worker process starts this same executable:
        # this turns it into the worker instead of a second kiosk. A no-op from source, where
        # multiprocessing is then not imported (the supervisor starts the exhibit sooner).
        import multiprocessing

        multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv and frozen:
        # The executable on the exhibition PC: kiosk mode (kiosk.yaml beside it), supervised.
        argv = ["supervise"]
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version", "--self-test")):
        argv.insert(0, "run")  # `kiosk` and `kiosk --fullscreen` open the exhibit
    if argv[0] == "supervise":
        return _supervise(argv[1:])
    if argv[0] == "svg-worker":  # started by the SVG trials (kiosk.content.svgtrial), not by people
        from kiosk.bridge.svgworker import run_worker

        return run_worker()
    from kiosk.commands import bundle as bundle_commands
    from kiosk.commands import status as status_command

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)

    if args.self_test:
        from kiosk.commands.selftest import run_self_test

        return run_self_test()

    if args.command == "doctor":
        from kiosk.commands.doctor import run_doctor

        return run_doctor(args.content or default_content_dir(), args.log_dir, args.format, sys.stdout, args.config)

    if args.command == "validate":
        from kiosk.commands.validate import run_validate

        return _piped(lambda: run_validate(args.dir or default_content_dir(), args.format, sys.stdout))

    if args.command == "schema":
        from kiosk.commands.schema import run_schema

        return _piped(lambda: run_schema(args.kind, args.out, sys.stdout))

    if args.command == "new":
        from kiosk.commands.new import run_new

        return run_new(args.dir, sys.stdout, sys.stderr)

    if args.command == "snapshot":
        from kiosk.commands.snapshot import run_snapshot

        if args.out is None and not args.audit:
            print("kiosk snapshot: --out DIR is needed (or --audit)", file=sys.stderr)
            return EXIT_USAGE
        return run_snapshot(
            content=args.content or default_content_dir(),
            out=args.out,
            lang=args.lang,
            size=args.size,
            screens=args.screens,
            item=args.item,
            audit=args.audit,
            output_format=args.format,
            a11y=args.a11y,
            listen=args.listen,
        )

    if args.command == "prepare":
        from kiosk.commands.prepare import run_prepare

        return run_prepare(args.dir or default_content_dir(), args.workers, sys.stdout, sys.stderr)

    if args.command == "stats":
        from kiosk.commands.stats import run_stats

        return _piped(
            lambda: run_stats(
                args.record,
                args.first,
                args.last,
                args.format,
                args.content,
                sys.stdout,
                sys.stderr,
                report=args.report,
                size=args.size,
                screens_from=args.content or default_content_dir(),
                picture=args.picture,
            )
        )

    if args.command in ("validate-config", "set-pin"):
        from kiosk.commands import settings as config_cli

        if args.command == "set-pin":
            return config_cli.run_set_pin(args.config, args.pin_stdin, sys.stdin, sys.stdout, sys.stderr)
        return config_cli.run_validate_config(args.path, sys.stdout, sys.stderr)

    if args.command == "preview":
        from kiosk.commands.preview import run_preview

        return run_preview(args.dir, args.size)

    if args.command == "hotspots":
        from kiosk.commands.hotspots import run_hotspots

        return run_hotspots(args.image, args.size, args.preview, args.out)

    if args.command in bundle_commands.COMMANDS:
        return bundle_commands.run(args, sys.stdout, sys.stderr)

    if args.command == "status":
        return _piped(lambda: status_command.run_status(args.file, args.format, sys.stdout, sys.stderr))

    startuptimes.mark("command line read")
    from kiosk.app import run_app

    startuptimes.mark("kiosk.app imported")
    return run_app(
        content=args.content,
        fullscreen=args.fullscreen,
        size=args.size,
        config=args.config,
        kiosk_mode=args.kiosk,
        settle_seconds=args.settle,
        lastgood=args.lastgood,
    )


def _supervise(argv: list[str]) -> int:
    """`kiosk supervise [--log-dir DIR] [timings] [kiosk run options]`: the exhibition PC's mode.

    Its path to the exhibit's start is kept short (issue #16): no parser of the other
    commands, no pydantic (kiosk.yaml's three settings it needs are read by
    kiosk.supervision.configured; the exhibit reads the whole file and reports its problems).
    """
    from kiosk.supervision.daily import parse_time
    from kiosk.supervision.policy import RestartPolicy

    own = argparse.ArgumentParser(
        prog="kiosk supervise",
        allow_abbrev=False,
        description="Run the exhibit as a child process and restart it when it crashes or stops "
        "answering. Every other option is passed to `kiosk run` (--content, --fullscreen, --size).",
    )
    defaults = RestartPolicy()
    own.add_argument("--log-dir", type=Path, default=None, help="logs and crash reports (default: the platform's)")
    own.add_argument(
        "--heartbeat-timeout",
        type=float,
        default=defaults.heartbeat_timeout,
        help=f"seconds without a heartbeat before the exhibit counts as hung (default {defaults.heartbeat_timeout:g})",
    )
    own.add_argument(
        "--busy-limit",
        type=float,
        default=defaults.busy_limit,
        help="the longest the exhibit may hold its heartbeat back when it says it is busy "
        f"(building its scene, showing new content; default {defaults.busy_limit:g})",
    )
    own.add_argument(
        "--daily-restart",
        metavar="HH:MM",
        default=None,
        help="restart the exhibit afresh every day at this local time (default: kiosk.yaml's daily_restart, else none)",
    )
    own.add_argument(
        "--startup-grace",
        type=float,
        default=defaults.startup_grace,
        help=f"seconds allowed for the exhibit's first heartbeat (default {defaults.startup_grace:g})",
    )
    try:
        options, run_args = own.parse_known_args(argv)
        run = _top_parser()[0].parse_args(["run", *run_args])  # a typo fails here, not in a restart loop
        policy = RestartPolicy(
            heartbeat_timeout=options.heartbeat_timeout,
            startup_grace=options.startup_grace,
            busy_limit=options.busy_limit,
        )
        daily_restart = parse_time(options.daily_restart) if options.daily_restart is not None else None
    except SystemExit as exc:
        return int(exc.code or 0)
    except ValueError as exc:
        print(f"kiosk supervise: {exc}", file=sys.stderr)
        return EXIT_USAGE

    # The content folder the supervisor may fall back from, and where its logs go, can come
    # from kiosk.yaml as well as from the command line (which wins).
    content, log_dir = run.content, options.log_dir
    from kiosk.paths import find_config

    config_path = find_config(run.config)
    if config_path is not None:
        from kiosk.supervision.configured import read_configured

        configured = read_configured(config_path)
        content = content or configured.content
        log_dir = log_dir or configured.log_dir
        daily_restart = daily_restart or configured.daily_restart

    from kiosk.supervision.supervisor import run_supervised

    # `main` itself is what the first exhibit runs when it is forked (Linux; see the supervisor).
    return run_supervised(
        run_args, log_dir, content=content, policy=policy, daily_restart=daily_restart, forked_entry=main
    )
