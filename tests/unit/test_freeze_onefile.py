"""freeze/onefile.py and freeze/onefile.sh: the Linux one file unpacks its program once per
version into a kept folder, then runs it from there. Each test packs a small stand-in program
(a shell script that says what it was given) and runs the one file as an installer would."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("onefile", REPO / "freeze" / "onefile.py")
assert _spec and _spec.loader
onefile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(onefile)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shell-script one file is for Linux")

PROGRAM = """#!/bin/sh
echo "args=$#"
for a in "$@"; do echo "arg=$a"; done
echo "one_file=$KIOSK_ONE_FILE"
echo "from=$(cd "$(dirname "$0")" && pwd)"
"""


def make_program(folder: Path, words: str = "") -> Path:
    folder.mkdir(parents=True)
    (folder / "kiosk").write_text(PROGRAM, encoding="utf-8")
    (folder / "kiosk").chmod(0o755)
    (folder / "_internal" / "data").mkdir(parents=True)
    (folder / "_internal" / "data" / "words.txt").write_text(words or "le terril\n" * 500, encoding="utf-8")
    os.symlink("data/words.txt", folder / "_internal" / "words-link.txt")
    return folder


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, str]:
    """A one file of version 1.0 and the name of the folder it unpacks into."""
    out = tmp_path / "opt" / "kiosk"
    name = onefile.write_one_file(make_program(tmp_path / "program"), out, "1.0", level=1)
    return out, name


def run(executable: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    scrubbed = {key: value for key, value in os.environ.items() if not key.startswith(("KIOSK_", "XDG_"))}
    return subprocess.run(
        [str(executable), *args], env={**scrubbed, **env}, capture_output=True, text=True, timeout=60, check=False
    )


def said(result: subprocess.CompletedProcess[str], key: str) -> list[str]:
    return [line.split("=", 1)[1] for line in result.stdout.splitlines() if line.startswith(f"{key}=")]


def test_the_first_start_unpacks_and_later_starts_run_the_kept_program(built, tmp_path: Path) -> None:
    executable, name = built
    programs = tmp_path / "programs"
    first = run(executable, "run", "--content", "/srv/expo 2027", KIOSK_PROGRAM_DIR=str(programs))
    assert first.returncode == 0, first.stderr
    assert said(first, "arg") == ["run", "--content", "/srv/expo 2027"]  # arguments pass intact
    assert said(first, "one_file") == [str(executable)]  # where kiosk.yaml is looked for
    assert said(first, "from") == [str((programs / name).resolve())]
    unpacked = programs / name
    assert (unpacked / "_internal" / "data" / "words.txt").read_text(encoding="utf-8").startswith("le terril")
    assert (unpacked / "_internal" / "words-link.txt").is_symlink()
    assert (unpacked / onefile.MARKER).read_text(encoding="utf-8") == "1.0\n"

    (unpacked / "left-by-the-first-start").write_text("", encoding="utf-8")
    inode = unpacked.stat().st_ino
    second = run(executable, "--version", KIOSK_PROGRAM_DIR=str(programs))
    assert second.returncode == 0, second.stderr
    assert said(second, "arg") == ["--version"]
    assert (unpacked / "left-by-the-first-start").exists() and unpacked.stat().st_ino == inode  # not unpacked again
    assert sorted(path.name for path in programs.iterdir()) == [name]


def test_started_by_a_relative_path_it_still_says_where_it_is(built, tmp_path: Path) -> None:
    executable, _ = built
    env = {key: value for key, value in os.environ.items() if not key.startswith(("KIOSK_", "XDG_"))}
    env["KIOSK_PROGRAM_DIR"] = str(tmp_path / "programs")
    result = subprocess.run(
        ["./kiosk"], cwd=executable.parent, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert said(result, "one_file") == [str(executable.parent) + "/./kiosk"]


def test_the_kept_folder_is_the_users_cache_by_default(built, tmp_path: Path) -> None:
    executable, name = built
    result = run(executable, HOME=str(tmp_path / "home"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "home" / ".cache" / "base1119-kiosk" / "program" / name / "kiosk").is_file()
    result = run(executable, XDG_CACHE_HOME=str(tmp_path / "cache"), HOME=str(tmp_path / "home"))
    assert said(result, "from") == [str((tmp_path / "cache" / "base1119-kiosk" / "program" / name).resolve())]


def test_an_unwritable_cache_falls_back_to_a_private_temporary_folder(built, tmp_path: Path) -> None:
    executable, name = built
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")  # even root cannot make a folder inside a file
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = run(executable, XDG_CACHE_HOME=str(blocked), TMPDIR=str(temporary))
    assert result.returncode == 0, result.stderr
    spare = temporary / f"base1119-kiosk-{os.getuid()}"
    assert said(result, "from") == [str((spare / name).resolve())]
    assert spare.stat().st_mode & 0o077 == 0  # this user's alone
    again = run(executable, XDG_CACHE_HOME=str(blocked), TMPDIR=str(temporary))
    assert again.returncode == 0 and said(again, "from") == said(result, "from")


@pytest.mark.parametrize("damage", ["cut short", "a byte changed"])
def test_a_damaged_file_says_so_and_leaves_nothing_behind(built, tmp_path: Path, damage: str) -> None:
    executable, _ = built
    data = bytearray(executable.read_bytes())
    offset = len(onefile.script("1.0", "x" * 12, 1))
    if damage == "cut short":
        del data[len(data) - (len(data) - offset) // 2 :]
    else:
        data[offset + (len(data) - offset) // 2] ^= 0xFF
    executable.write_bytes(bytes(data))
    programs = tmp_path / "programs"
    result = run(executable, KIOSK_PROGRAM_DIR=str(programs))
    assert result.returncode == 74
    assert result.stderr.startswith("kiosk: cannot unpack the program:")
    assert "damaged" in result.stderr and "copy it again" in result.stderr
    assert list(programs.iterdir()) == []  # no half-unpacked folder, no program


def test_a_full_disk_says_how_much_room_is_needed(tmp_path: Path) -> None:
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare to mount a small disk")
    out = tmp_path / "kiosk"
    words = "".join(f"{n:08x}\n" for n in range(40_000))  # 360 kB that gzip cannot shrink much
    onefile.write_one_file(make_program(tmp_path / "program", words), out, "1.0", level=1)
    small = tmp_path / "small"
    small.mkdir()
    script = (
        f'mount -t tmpfs -o size=64k tmpfs "{small}" && KIOSK_PROGRAM_DIR="{small}/programs" "{out}"; '
        f'echo "exit=$?"; ls -A "{small}/programs"'
    )
    private = ["unshare", "--user", "--map-root-user", "--mount"]
    probe = subprocess.run([*private, "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("this machine does not allow a private mount")
    result = subprocess.run(
        [*private, "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "exit=74" in result.stdout
    assert "there is not enough free space in" in result.stderr
    assert "the program needs about 1 MB" in result.stderr
    assert result.stdout.strip().endswith("exit=74")  # nothing left in the folder


def test_a_new_version_keeps_the_one_before_and_removes_older_ones(tmp_path: Path) -> None:
    programs = tmp_path / "programs"
    (programs / "kiosk-notes").mkdir(parents=True)  # not the kiosk's: no marker, never touched
    (programs / "kiosk-notes" / "todo.txt").write_text("", encoding="utf-8")
    names = []
    for version in ("1.0", "1.1", "1.2"):
        out = tmp_path / version / "kiosk"
        names.append(onefile.write_one_file(make_program(tmp_path / f"program-{version}"), out, version, level=1))
        assert run(out, KIOSK_PROGRAM_DIR=str(programs)).returncode == 0
        time.sleep(0.01)  # distinct modification times
    assert sorted(path.name for path in programs.iterdir()) == sorted([names[1], names[2], "kiosk-notes"])
    assert (programs / "kiosk-notes" / "todo.txt").exists()


def test_a_half_unpacked_folder_from_a_power_cut_is_removed_later(built, tmp_path: Path) -> None:
    executable, _ = built
    programs = tmp_path / "programs"
    stale, fresh = programs / ".unpacking-AbC123", programs / ".unpacking-XyZ789"
    for folder in (stale, fresh):
        (folder / "_internal").mkdir(parents=True)
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    assert run(executable, KIOSK_PROGRAM_DIR=str(programs)).returncode == 0
    assert not stale.exists()
    assert fresh.exists()  # another start may be unpacking into it right now


def test_a_kept_program_that_lost_its_executable_is_unpacked_again(built, tmp_path: Path) -> None:
    executable, name = built
    programs = tmp_path / "programs"
    assert run(executable, KIOSK_PROGRAM_DIR=str(programs)).returncode == 0
    (programs / name / "kiosk").unlink()
    result = run(executable, KIOSK_PROGRAM_DIR=str(programs))
    assert result.returncode == 0, result.stderr
    assert (programs / name / "kiosk").is_file()


def test_starts_at_the_same_moment_unpack_one_program(built, tmp_path: Path) -> None:
    executable, name = built
    programs = tmp_path / "programs"
    env = {**os.environ, "KIOSK_PROGRAM_DIR": str(programs)}
    starts = [
        subprocess.Popen([str(executable)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    results = [start.communicate(timeout=60) for start in starts]
    assert [start.returncode for start in starts] == [0, 0, 0, 0], results
    assert sorted(path.name for path in programs.iterdir()) == [name]


def test_the_packed_program_starts_where_the_script_says(built) -> None:
    executable, name = built
    data = executable.read_bytes()
    head = data[:8192].split(b"\nKIOSK_ONE_FILE=")[0]
    line = next(line for line in head.splitlines() if line.startswith(b"payload_offset="))
    offset = int(line.split(b"=")[1].split()[0])
    assert data[offset : offset + 2] == b"\x1f\x8b"  # gzip's magic number
    assert name.endswith(onefile.hashlib.sha256(data[offset:]).hexdigest()[:12])
    assert os.access(executable, os.X_OK)
