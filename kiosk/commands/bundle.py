"""`kiosk pack`, `kiosk keys new`, `kiosk inspect`, `kiosk unpack`: content bundles from the
command line (the work is kiosk/services/bundle.py's).

The commands declare their own arguments here (`add_parsers`), so kiosk/cli.py only hands
them over; libsodium and the content loader are imported when a bundle command runs, not
when the kiosk starts.

Exit codes as the other commands: 0 done (inspect: the bundle holds and may be taken in),
1 refused or invalid (the reason in one sentence on stderr), 2 a usage error.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kiosk.paths import CONFIG_FILE, find_config

if TYPE_CHECKING:
    from kiosk.services.trust import TrustedKey

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
COMMANDS = ("pack", "keys", "inspect", "unpack")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pack = sub.add_parser("pack", help="pack a content folder into one .kiosk file, signed with --sign")
    pack.add_argument("dir", type=Path, help="the content folder (kiosk validate must accept it)")
    pack.add_argument("-o", "--out", type=Path, required=True, metavar="FILE.kiosk", help="the bundle to write")
    pack.add_argument("--sign", type=Path, metavar="NAME.key", help="sign it with this private key (kiosk keys new)")

    keys = sub.add_parser("keys", help="signing keys for content bundles: `kiosk keys new NAME`")
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="new", required=True)
    new = keys_sub.add_parser("new", help="write NAME.key (private) and NAME.pub, and print kiosk.yaml's line")
    new.add_argument("name", help="whose key: letters, digits, '.', '-', '_' (such as musee-regie)")
    new.add_argument("--dir", type=Path, default=Path(), help="where to write the two files (default: here)")

    for name, text in (
        ("inspect", "say what a .kiosk bundle holds and whether its hashes and signature hold"),
        ("unpack", "check a .kiosk bundle and extract it into a new folder"),
    ):
        command = sub.add_parser(name, help=text)
        command.add_argument("file", type=Path, help="the .kiosk bundle")
        if name == "unpack":
            command.add_argument("dest", type=Path, help="the folder to create (it must not exist)")
            command.add_argument(
                "--require-signature", action="store_true", help="refuse a bundle not signed by a trusted key"
            )
        command.add_argument(
            "--config", type=Path, default=None, help=f"{CONFIG_FILE} with the trusted_keys (default: the kiosk's)"
        )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kiosk.services.bundle import BundleError

    command = args.command if args.command != "keys" else "keys new"
    try:
        if args.command == "pack":
            return _pack(args.dir, args.out, args.sign, out, err)
        if args.command == "keys":
            return _keys_new(args.name, args.dir, out)
        trusted = _trusted_keys(args.config)
        if args.command == "inspect":
            return _inspect(args.file, trusted, out)
        return _unpack(args.file, args.dest, trusted, args.require_signature, out)
    except BundleError as exc:
        err.write(f"kiosk {command}: {exc}\n")
        return EXIT_INVALID
    except _UsageError as exc:
        err.write(f"kiosk {command}: {exc}\n")
        return EXIT_USAGE


class _UsageError(Exception):
    pass


def _pack(folder: Path, out_file: Path, key_file: Path | None, out: TextIO, err: TextIO) -> int:
    from kiosk.services import bundle

    if not folder.is_dir():
        raise _UsageError(f"{folder} is not a folder")
    key = bundle.load_signing_key(key_file) if key_file is not None else None
    if out_file.suffix != bundle.SUFFIX:
        err.write(f"note: a bundle's name usually ends in {bundle.SUFFIX}, which the kiosk looks for\n")
    manifest = bundle.pack(folder, out_file, key)
    signed = f"signed with {key_file.name}" if key_file is not None else "not signed"
    out.write(
        f"packed {len(manifest.files)} files ({bundle.human_size(manifest.total_size)}) of '{manifest.title}' "
        f"into {out_file} ({signed})\n"
    )
    return EXIT_OK


def _keys_new(name: str, folder: Path, out: TextIO) -> int:
    from kiosk.services import bundle

    if not folder.is_dir():
        raise _UsageError(f"{folder} is not a folder")
    private, public, key = bundle.new_key_pair(name, folder)
    out.write(
        f"wrote {private} (PRIVATE: keep it on the curators' computer, never on a kiosk) and {public}\n"
        f"add it to {CONFIG_FILE} on each kiosk that should trust bundles signed with it:\n"
        "trusted_keys:\n"
        f'  - {{name: {name}, key: "{key}"}}\n'
    )
    return EXIT_OK


def _trusted_keys(explicit: Path | None) -> tuple[TrustedKey, ...]:
    """kiosk.yaml's trusted keys; a broken list refuses rather than trusting nothing."""
    path = find_config(explicit)
    if path is None:
        return ()
    from kiosk.services.bundle import BundleError
    from kiosk.services.config import load_config

    if not path.is_file():
        raise _UsageError(f"{path} is not found")
    config, report = load_config(path)
    broken = [problem for problem in report.errors if problem.message.startswith("'trusted_keys")]
    if broken:
        raise BundleError(
            f"{path.name}'s trusted_keys has an error ({broken[0].format()}); fix it first (kiosk validate-config)."
        )
    return config.trusted_keys if config is not None else ()


def _inspect(file: Path, trusted: tuple[TrustedKey, ...], out: TextIO) -> int:
    from kiosk.services import bundle

    inspection = bundle.inspect(file, trusted)
    for line in bundle.describe(inspection, trusted):
        out.write(line + "\n")
    refusal = inspection.refusal(trusted, require_signature=False)
    out.write(f"refused: {refusal}\n" if refusal else "ok: this kiosk would take it in\n")
    return EXIT_INVALID if refusal else EXIT_OK


def _unpack(file: Path, dest: Path, trusted: tuple[TrustedKey, ...], require: bool, out: TextIO) -> int:
    from kiosk.services import bundle

    inspection = bundle.unpack(file, dest, trusted, require_signature=require)
    sig = inspection.signature
    who = f"signed by '{sig.signer}'" if sig and sig.signer else ("signed" if sig else "not signed")
    out.write(f"unpacked {len(inspection.manifest.files)} files into {dest} ({who})\n")
    return EXIT_OK
