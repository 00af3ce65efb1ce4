"""Smoke test of the frozen executable (`make smoke`, run by `make test` after pytest).

Runs the built executable as an installer would, in a clean environment (no QT_* settings,
so the executable must choose the offscreen platform and software renderer itself, and a
private temporary folder, so a one-file build's unpacking can be checked):

- `kiosk --version` prints the version and exits 0;
- `kiosk --self-test` exits 0 (libraries, content, every screen rendered, see kiosk/commands/selftest.py);
- neither writes any line on stderr that ALLOWED_STDERR does not expect (none today);
- without arguments (the exhibition PC's way) the supervisor starts the exhibit (forked from it
  on Linux), which reaches its first frame;
- the Linux one file (freeze/onefile.py) unpacks its program once, into the user's cache
  folder, and later starts run it from there without unpacking again; it reads the kiosk.yaml
  beside itself, not beside the unpacked program;
- PyInstaller's one file (Windows) removes its unpacked copy when it exits, and leaves no QML
  cache files behind (a kiosk that starts every day for years must not fill the disk).

Usage: python freeze/smoke.py dist/kiosk   (or dist/kiosk-dir/kiosk, the one folder)
Prints one line per check and a last line `smoke: N passed, M failed`; exits 1 on any failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import onefile  # freeze/onefile.py, beside this script

from kiosk import __version__

#: Lines a healthy run may print on stderr, as regular expressions, each with its reason.
ALLOWED_STDERR: list[tuple[str, str]] = []

#: Settings that would do the executable's work for it, or point it at a developer's files.
SCRUBBED = (
    "QT_QPA_PLATFORM",
    "QT_QUICK_BACKEND",
    "QT_QUICK_CONTROLS_STYLE",
    "QML_IMPORT_PATH",
    "QML2_IMPORT_PATH",
    "QT_PLUGIN_PATH",
    "PYTHONPATH",
    "PYTHONHOME",
    "KIOSK_EXIT_AT_FIRST_FRAME",
)


def unexpected(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and not any(re.search(pattern, line) for pattern, _ in ALLOWED_STDERR)
    ]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python freeze/smoke.py EXECUTABLE", file=sys.stderr)
        return 2
    executable = Path(argv[0]).resolve()
    passed, failed = 0, 0

    def check(ok: bool, what: str, detail: str = "") -> None:
        nonlocal passed, failed
        passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
        print(f"{'ok  ' if ok else 'FAIL'} {what}" + (f"\n{detail}" if detail and not ok else ""), flush=True)

    with tempfile.TemporaryDirectory(prefix="kiosk-smoke-") as folder:
        unpack = Path(folder) / "tmp"
        unpack.mkdir()
        env = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
        env.update(
            TMPDIR=str(unpack),
            TEMP=str(unpack),
            TMP=str(unpack),
            HOME=str(Path(folder) / "home"),
            XDG_STATE_HOME=str(Path(folder) / "state"),
            XDG_CONFIG_HOME=str(Path(folder) / "config"),
            XDG_CACHE_HOME=str(Path(folder) / "cache"),
            XDG_DATA_HOME=str(Path(folder) / "data"),
        )

        def run(*args: str, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
            started = time.perf_counter()
            result = subprocess.run(
                [str(executable), *args],
                capture_output=True,
                text=True,
                env={**env, **(extra or {})},
                timeout=300,
                check=False,
                stdin=subprocess.DEVNULL,
            )
            print(
                f"     {executable.name} {' '.join(args)}: exit {result.returncode} "
                f"in {time.perf_counter() - started:.1f} s",
                flush=True,
            )
            return result

        unpacks_once = onefile.unpacks_once(executable)  # the Linux one file
        programs = Path(folder) / "cache" / "base1119-kiosk" / "program"

        version = run("--version")
        check(
            version.returncode == 0 and version.stdout.strip() == f"kiosk {__version__}",
            f"--version says kiosk {__version__}",
            version.stdout + version.stderr,
        )
        check(not unexpected(version.stderr), "--version: nothing unexpected on stderr", version.stderr)

        unpacked = sorted(programs.glob("kiosk-*")) if unpacks_once else []
        if unpacks_once:
            check(
                len(unpacked) == 1 and (unpacked[0] / "kiosk").is_file(),
                "the one file unpacked its program into the user's cache folder",
                f"found: {[str(path) for path in unpacked]}",
            )
            first_unpacked = unpacked[0].stat().st_ino if unpacked else None

        selftest = run("--self-test")
        check(selftest.returncode == 0, "--self-test exits 0", selftest.stdout + selftest.stderr)
        check(not unexpected(selftest.stderr), "--self-test: nothing unexpected on stderr", selftest.stderr)
        if selftest.returncode == 0:
            print("\n".join(f"     {line}" for line in selftest.stdout.splitlines()), flush=True)

        # The exhibit it carries, shown to its first frame, from what the build loaded and
        # checked (kiosk/services/warmstart.py), not loaded again.
        shown = run(
            "run",
            extra={"QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software", "KIOSK_EXIT_AT_FIRST_FRAME": "1"},
        )
        check(
            shown.returncode == 0 and "FIRST_FRAME" in shown.stdout,
            "run: the exhibit reaches its first frame",
            shown.stdout[-2000:] + shown.stderr[-2000:],
        )
        check(
            "as checked when it was built" in shown.stdout + shown.stderr,
            "run: the carried exhibit is shown as the build loaded it",
            shown.stderr[-2000:],
        )

        # As on the exhibition PC: no arguments, so the supervisor starts the exhibit (on
        # Linux its first exhibit is forked from it), which quits at its first frame.
        supervised = run(
            extra={"QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software", "KIOSK_EXIT_AT_FIRST_FRAME": "1"},
        )
        supervisor_log = next(Path(folder).rglob("supervisor.log"), None)
        said = supervisor_log.read_text(encoding="utf-8") if supervisor_log else ""
        check(
            supervised.returncode == 0 and "FIRST_FRAME" in supervised.stdout and "supervisor stopped" in said,
            "supervised (no arguments): the exhibit reaches its first frame and the supervisor stops with it",
            supervised.stdout[-1500:] + supervised.stderr[-1500:] + said[-1500:],
        )
        if sys.platform.startswith("linux"):
            check(
                "(forked from the supervisor)" in said,
                "supervised: the first exhibit was forked from the supervisor",
                said[-1500:],
            )

        if unpacks_once:
            now = sorted(programs.glob("kiosk-*"))
            check(
                len(now) == 1 and now[0].stat().st_ino == first_unpacked,
                "later starts ran the kept program without unpacking it again",
                f"found: {[str(path) for path in now]}",
            )
            # Where the installer puts it: kiosk.yaml beside the one file is the one read.
            installed = Path(folder) / "opt" / executable.name
            installed.parent.mkdir()
            shutil.copy2(executable, installed)
            (installed.parent / "kiosk.yaml").write_text("rotaton: 90\n", encoding="utf-8")
            settings = subprocess.run(
                [str(installed), "validate-config"], capture_output=True, text=True, env=env, timeout=120, check=False
            )
            check(
                settings.returncode != 0 and "rotaton" in settings.stdout + settings.stderr,
                "the one file reads the kiosk.yaml beside it (validate-config finds its mistake)",
                settings.stdout[-1000:] + settings.stderr[-1000:],
            )

        leftovers = sorted(path.name for path in unpack.iterdir())
        check(
            not leftovers,
            "nothing left in the temporary folder (a one file removes its unpacked copy)",
            f"left in the temporary folder: {leftovers}",
        )
        if not (executable.parent / "_internal").is_dir() and not unpacks_once:
            # PyInstaller's one file; a one folder, or a program unpacked once, keeps its QML cache
            caches = sorted(str(path) for path in (Path(folder) / "cache").rglob("*.qmlc"))
            check(
                not caches,
                "no QML cache file left behind (a one-file build's paths change at every launch)",
                "\n".join(caches[:5]),
            )

    print(f"smoke: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
