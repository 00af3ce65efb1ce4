"""USB sticks: which bundles are looked at, which go in on their own, which wait for staff,
which are refused, and that a stick left plugged in is taken once. A tmp folder plays the stick."""

from __future__ import annotations

import errno
import os
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from nacl.signing import SigningKey

from kiosk.services.bundle import pack
from kiosk.services.trust import TrustedKey, encode_key
from kiosk.services.usb import Kind, UsbIntake, bundles_on

if TYPE_CHECKING:
    from tests.helpers.content import ContentFolder

REGIE = SigningKey(b"r" * 32)
STRANGER = SigningKey(b"s" * 32)
TRUST_REGIE = (TrustedKey(name="regie", key=encode_key(bytes(REGIE.verify_key))),)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    path = tmp_path / "media" / "STICK"
    path.mkdir(parents=True)
    return path


def intake_for(tmp_path: Path, stick: Path, trusted: tuple[TrustedKey, ...] = TRUST_REGIE) -> UsbIntake:
    return UsbIntake(tmp_path / "data" / "usb-intake", trusted, drives=lambda: [stick])


def test_only_kiosk_files_at_the_top_of_a_stick_are_looked_at(stick: Path, content: ContentFolder) -> None:
    pack(content.root, stick / "expo.kiosk")
    (stick / "EXPO2.KIOSK").write_bytes(b"x")
    (stick / "._expo.kiosk").write_bytes(b"macOS litter")
    (stick / "autorun.inf").write_text("[autorun]\nopen=evil.exe\n")
    (stick / "deeper").mkdir()
    (stick / "deeper" / "other.kiosk").write_bytes(b"x")
    (stick / "folder.kiosk").mkdir()
    os.symlink(stick / "expo.kiosk", stick / "link.kiosk")
    assert [found.path.name for found in bundles_on([stick, stick / "gone"])] == ["EXPO2.KIOSK", "expo.kiosk"]


def test_a_bundle_signed_by_a_trusted_key_is_unpacked_into_the_kiosks_own_folder(
    tmp_path: Path, stick: Path, content: ContentFolder
) -> None:
    pack(content.root, stick / "expo.kiosk", REGIE)
    before = tree(stick)
    intake = intake_for(tmp_path, stick)
    (found,) = intake.scan()
    verdict = intake.check(found)
    assert verdict.kind is Kind.TRUSTED and verdict.signer == "regie", verdict.message
    assert verdict.folder is not None and verdict.folder.is_relative_to(intake.folder)
    assert tree(verdict.folder) == tree(content.root)
    assert "signed by the trusted key 'regie'" in verdict.message and "regie" in verdict.origin
    assert tree(stick) == before, "nothing is written on the stick"


@pytest.mark.parametrize(
    ("key", "trusted", "why"),
    [
        (None, TRUST_REGIE, "it is not signed"),
        (STRANGER, TRUST_REGIE, "signed by a key this kiosk does not trust"),
        (REGIE, (), "no trusted_keys in kiosk.yaml, so every bundle needs staff's PIN"),
    ],
)
def test_unsigned_untrusted_or_without_trusted_keys_waits_for_staff(
    tmp_path: Path, stick: Path, content: ContentFolder, key: SigningKey | None, trusted: tuple, why: str
) -> None:
    pack(content.root, stick / "expo.kiosk", key)
    intake = intake_for(tmp_path, stick, trusted)
    verdict = intake.check(intake.scan()[0])
    assert verdict.kind is Kind.NEEDS_PIN and why in verdict.message
    assert "staff may take it in from the admin screen" in verdict.message
    assert verdict.folder is not None and (verdict.folder / "exhibit.yaml").is_file()
    intake.discard(verdict)  # staff said no
    assert not verdict.folder.exists()


def test_the_same_bundle_left_plugged_in_is_taken_once_even_after_a_restart(
    tmp_path: Path, stick: Path, content: ContentFolder
) -> None:
    pack(content.root, stick / "expo.kiosk", REGIE)
    intake = intake_for(tmp_path, stick)
    (found,) = intake.scan()
    verdict = intake.check(found)
    intake.taken(verdict)
    assert verdict.folder is not None and not verdict.folder.exists(), "its unpacked copy is dropped once taken"
    assert intake.scan() == [], "a bundle looked at is not looked at again while it stays"

    restarted = intake_for(tmp_path, stick)
    (again,) = restarted.scan()
    assert restarted.check(again).kind is Kind.ALREADY
    # The same bundle copied under another name is the same content: taken once too.
    (stick / "copy.kiosk").write_bytes((stick / "expo.kiosk").read_bytes())
    (copy,) = restarted.scan()
    assert restarted.check(copy).kind is Kind.ALREADY


def test_a_stick_pulled_out_half_way_through_reading_is_refused_and_read_again_when_back(
    tmp_path: Path, stick: Path, content: ContentFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack(content.root, stick / "expo.kiosk", REGIE)
    intake = intake_for(tmp_path, stick)
    (found,) = intake.scan()
    real_read = zipfile.ZipExtFile.read
    reads = []

    def pulled_out(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        reads.append(n)
        if len(reads) > 3:  # the manifest was read, then the stick went
            raise OSError(errno.EIO, "Input/output error")
        return real_read(self, n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", pulled_out)
    verdict = intake.check(found)
    assert verdict.kind is Kind.REFUSED
    assert verdict.message == "expo.kiosk was refused: expo.kiosk could not be read to its end: Input/output error."
    assert [p.name for p in intake.folder.iterdir()] == [], "nothing half-unpacked is left"
    monkeypatch.undo()

    # Taken out, plugged back: read afresh.
    stick.rename(stick.with_name("away"))
    assert intake.scan() == []
    stick.with_name("away").rename(stick)
    (back,) = intake.scan()
    assert intake.check(back).kind is Kind.TRUSTED


def test_a_bundle_gone_or_truncated_before_it_is_read_is_refused_clearly(
    tmp_path: Path, stick: Path, content: ContentFolder
) -> None:
    pack(content.root, stick / "expo.kiosk", REGIE)
    data = (stick / "expo.kiosk").read_bytes()
    intake = intake_for(tmp_path, stick)
    (found,) = intake.scan()
    (stick / "expo.kiosk").unlink()
    verdict = intake.check(found)
    assert verdict.kind is Kind.REFUSED
    assert "the USB stick was removed before it was read to its end" in verdict.message

    (stick / "half.kiosk").write_bytes(data[: len(data) // 2])
    (half,) = intake.scan()
    verdict = intake.check(half)
    assert verdict.kind is Kind.REFUSED and "not a complete bundle (truncated or damaged" in verdict.message
    assert list(intake.folder.iterdir()) == [] if intake.folder.exists() else True


def test_a_bundle_waiting_for_staff_is_not_unpacked_again_when_its_stick_comes_back(
    tmp_path: Path, stick: Path, content: ContentFolder
) -> None:
    pack(content.root, stick / "expo.kiosk")
    intake = intake_for(tmp_path, stick)
    waiting = intake.check(intake.scan()[0])
    assert waiting.kind is Kind.NEEDS_PIN and waiting.folder is not None
    stick.rename(stick.with_name("away"))
    assert intake.scan() == []
    stick.with_name("away").rename(stick)
    again = intake.check(intake.scan()[0])
    assert again.kind is Kind.ALREADY and "waiting for staff" in again.message
    assert (waiting.folder / "exhibit.yaml").is_file(), "the copy staff may still take in is untouched"
    intake.discard(waiting)  # staff refused it: a later look checks it afresh
    stick.rename(stick.with_name("away"))
    intake.scan()
    stick.with_name("away").rename(stick)
    assert intake.check(intake.scan()[0]).kind is Kind.NEEDS_PIN
