"""Atomic writes: the old file or the new one, never half of either, even when the writer is killed."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import atomicio

REPO = Path(__file__).resolve().parents[2]


def test_write_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "state.txt"
    atomicio.write_text(target, "first\n")
    assert target.read_text(encoding="utf-8") == "first\n"
    atomicio.write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.txt"], "no temporary file left behind"


def test_text_is_utf8_and_newlines_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "mots.txt"
    atomicio.write_text(target, "Base 11/19 — Loos-en-Gohelle\r\nterril\n")
    assert target.read_bytes() == "Base 11/19 — Loos-en-Gohelle\r\nterril\n".encode()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "kiosk.yaml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    atomicio.write_text(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_failed_write_keeps_the_old_file_and_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old report", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomicio.os, "fsync", disk_full)
    with pytest.raises(OSError) as caught:
        atomicio.write_text(target, "new report")
    assert caught.value.errno == errno.ENOSPC
    assert target.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_write_with_checks_the_bytes_before_they_take_the_name(tmp_path: Path) -> None:
    target = tmp_path / "kiosk.yaml"
    target.write_bytes(b"old")
    seen: list[bytes] = []

    def refuse(written: Path) -> None:
        seen.append(written.read_bytes())
        raise ValueError("not what was meant")

    with pytest.raises(ValueError):
        atomicio.write_with(target, lambda stream: stream.write(b"new"), before_replace=refuse)
    assert seen == [b"new"], "the check saw the new bytes, already on the disk"
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["kiosk.yaml"], "no temporary file left"
    assert atomicio.write_with(target, lambda stream: stream.write(b"newer"), before_replace=seen.append) == 5
    assert target.read_bytes() == b"newer"


def test_replace_tries_again_while_the_target_is_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, target = tmp_path / "new", tmp_path / "old"
    source.write_bytes(b"new")
    real_replace, held = os.replace, [2]

    def replace(a: Path, b: Path) -> None:
        if held[0]:
            held[0] -= 1
            raise PermissionError(13, "held by another process", str(a), None, str(b))
        real_replace(a, b)

    monkeypatch.setattr(atomicio.os, "replace", replace)
    monkeypatch.setattr(atomicio.time, "sleep", lambda _s: None)
    atomicio.replace(source, target)
    assert target.read_bytes() == b"new" and held == [0]
    held[0] = 9
    source.write_bytes(b"newer")
    with pytest.raises(PermissionError):
        atomicio.replace(source, target)
    assert target.read_bytes() == b"new"


def test_copy_durably_refuses_to_overwrite_and_keeps_the_times(tmp_path: Path) -> None:
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"x" * 3_000_000)
    os.utime(source, (1_600_000_000, 1_600_000_000))
    copy = tmp_path / "copy.jpg"
    atomicio.copy_durably(source, copy, chunk=1_000_000)
    assert copy.read_bytes() == source.read_bytes()
    assert copy.stat().st_mtime == 1_600_000_000
    with pytest.raises(FileExistsError):
        atomicio.copy_durably(source, copy)


def test_a_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomicio.write_text(tmp_path / "nowhere" / "x.txt", "x")


# The writer, in its own process: it blocks just before the rename (os.fsync of its data is
# the last step before os.replace) and says so, so the test can kill it at that moment.
KILLED_WRITER = """
import os, sys
from kiosk import atomicio
real_fsync = os.fsync
def fsync_then_block(fd):
    real_fsync(fd)
    sys.stdout.write("written, not renamed\\n")
    sys.stdout.flush()
    sys.stdin.read()  # blocks until the test kills us
atomicio.os.fsync = fsync_then_block
atomicio.write_bytes(sys.argv[1], b"NEW" * 100_000)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_writer_killed_mid_write_leaves_the_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "crash-report.txt"
    target.write_bytes(b"OLD CONTENT")
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(target)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "written, not renamed\n"
        leftovers = [p for p in tmp_path.iterdir() if p.name != target.name]
        assert len(leftovers) == 1 and leftovers[0].stat().st_size == 300_000, "the new bytes are in a temp file"
        writer.send_signal(signal.SIGKILL)
        assert writer.wait(timeout=30) == -signal.SIGKILL
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(timeout=30)
        for stream in (writer.stdin, writer.stdout):
            if stream:
                stream.close()
    assert target.read_bytes() == b"OLD CONTENT"
    assert atomicio.remove_leftovers(tmp_path) == 1
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
