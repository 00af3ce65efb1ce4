"""Content bundles: pack -> inspect -> unpack gives the folder back; every bad bundle of
issue #20's list is refused in one sentence and leaves nothing behind."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import struct
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

import pytest
from nacl.signing import SigningKey

from kiosk.services import bundle
from kiosk.services.bundle import BundleError, Limits, inspect, pack, unpack
from kiosk.services.trust import TrustedKey, encode_key

if TYPE_CHECKING:
    from tests.helpers.content import ContentFolder

NOW = datetime(2026, 12, 7, 19, 30, tzinfo=UTC)


def trusted(name: str, key: SigningKey) -> TrustedKey:
    return TrustedKey(name=name, key=encode_key(bytes(key.verify_key)))


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def entry(name: str, data: bytes) -> dict[str, object]:
    return {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def manifest_bytes(files: list[dict[str, object]], version: int = 1) -> bytes:
    total = sum(int(str(f["size"])) for f in files)
    data = {"format": "kiosk-bundle", "format_version": version, "title": "T", "created": "x", "total_size": total}
    return json.dumps({**data, "files": files}).encode()


def craft(
    path: Path,
    files: dict[str, bytes],
    listed: list[dict[str, object]] | None = None,
    key: SigningKey | None = None,
    version: int = 1,
    mode: int = stat.S_IFREG | 0o644,
) -> Path:
    """A zip as an attacker would write it: names, modes and manifest as given."""
    manifest = manifest_bytes(listed if listed is not None else [entry(n, d) for n, d in files.items()], version)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest)
        if key is not None:
            archive.writestr("manifest.sig", bundle.signature_bytes(key, manifest))
        for name, data in files.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = mode << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return path


@pytest.fixture
def key() -> SigningKey:
    return SigningKey.generate()


@pytest.fixture
def packed(content: ContentFolder, tmp_path: Path, key: SigningKey) -> Path:
    out = tmp_path / "expo.kiosk"
    pack(content.root, out, key, now=NOW)
    return out


def refused(path: Path, tmp_path: Path, **options: object) -> str:
    """unpack's refusal, checked to leave nothing at all beside the destination."""
    dest_parent = tmp_path / "kiosk-data"
    dest_parent.mkdir(exist_ok=True)
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(BundleError) as caught:
        unpack(path, dest_parent / "new", **options)  # type: ignore[arg-type]
    assert os.listdir(dest_parent) == []
    assert sorted(os.listdir(tmp_path)) == before
    message = str(caught.value)
    assert "\n" not in message and message.endswith(".")
    return message


def test_round_trip_gives_the_folder_back(
    content: ContentFolder, packed: Path, key: SigningKey, tmp_path: Path
) -> None:
    keys = [trusted("regie", key)]
    seen = inspect(packed, keys)
    assert seen.hashes_ok and seen.signature and seen.signature.valid and seen.signature.signer == "regie"
    assert seen.manifest.created == "2026-12-07T19:30:00Z"
    assert seen.manifest.total_size == sum(len(data) for data in tree(content.root).values())
    assert seen.refusal(keys, require_signature=True) is None
    unpack(packed, tmp_path / "out", keys, require_signature=True)
    assert tree(tmp_path / "out") == tree(content.root)
    assert [name for name in os.listdir(tmp_path) if name.startswith(".")] == []


def test_packing_is_deterministic_and_leaves_leftovers_out(content: ContentFolder, tmp_path: Path) -> None:
    content.write(".DS_Store", b"x")
    content.write("media/photo.jpg~", b"x")
    pack(content.root, tmp_path / "a.kiosk", now=NOW)
    pack(content.root, tmp_path / "b.kiosk", now=NOW)
    assert (tmp_path / "a.kiosk").read_bytes() == (tmp_path / "b.kiosk").read_bytes()
    names = zipfile.ZipFile(tmp_path / "a.kiosk").namelist()
    assert names[0] == "manifest.json" and names[1:] == sorted(names[1:])
    assert ".DS_Store" not in names and "media/photo.jpg~" not in names


def test_pack_refuses_a_folder_validate_rejects(content: ContentFolder, tmp_path: Path) -> None:
    (content.root / "exhibit.yaml").write_text("title: [\n", encoding="utf-8")
    with pytest.raises(BundleError, match="`kiosk validate` reports"):
        pack(content.root, tmp_path / "bad.kiosk")
    assert not (tmp_path / "bad.kiosk").exists()
    assert os.listdir(tmp_path) == ["content"]


def test_pack_refuses_to_write_into_the_folder_it_packs(content: ContentFolder) -> None:
    with pytest.raises(BundleError, match="inside the folder it packs"):
        pack(content.root, content.root / "media" / "expo.kiosk")
    assert not (content.root / "media" / "expo.kiosk").exists()


def test_pack_refuses_a_link(content: ContentFolder, tmp_path: Path) -> None:
    (content.root / "media" / "elsewhere.png").symlink_to(content.root / "media" / "backdrop.png")
    with pytest.raises(BundleError, match="is a link"):
        pack(content.root, tmp_path / "x.kiosk")


def test_unsigned_bundle_passes_only_when_no_signature_is_required(content: ContentFolder, tmp_path: Path) -> None:
    pack(content.root, tmp_path / "plain.kiosk")
    assert "not signed" in refused(tmp_path / "plain.kiosk", tmp_path, require_signature=True)
    unpack(tmp_path / "plain.kiosk", tmp_path / "ok")
    assert tree(tmp_path / "ok") == tree(content.root)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("../escape.txt", "climbs out"),
        ("media/../../escape.txt", "climbs out"),
        ("/etc/escape.txt", "absolute path"),
        ("C:/escape.txt", "drive letter"),
        ("C:escape.txt", "drive letter"),
        ("..\\escape.txt", "backslash"),
        ("media\\x.png", "backslash"),
        ("notes.txt:stream", "colon"),
        ("media//x.png", "empty"),
        ("NUL.txt", "Windows"),
    ],
)
def test_zip_slip_names_are_refused(tmp_path: Path, name: str, why: str) -> None:
    path = craft(tmp_path / "slip.kiosk", {"exhibit.yaml": b"a", name: b"evil"})
    assert why in refused(path, tmp_path)
    assert not (tmp_path / "escape.txt").exists() and not (tmp_path.parent / "escape.txt").exists()
    with pytest.raises(BundleError, match=why):
        inspect(path)


def test_a_symlink_entry_is_refused(tmp_path: Path) -> None:
    path = craft(tmp_path / "link.kiosk", {"media/x.png": b"/etc/passwd"}, mode=stat.S_IFLNK | 0o777)
    assert "symbolic link" in refused(path, tmp_path)


def test_duplicate_names_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.kiosk"
    craft(path, {"exhibit.yaml": b"a"})
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(path, "a") as archive:
        archive.writestr("exhibit.yaml", b"b")
    assert "two entries named exhibit.yaml" in refused(path, tmp_path)


def test_names_that_differ_only_in_case_are_refused(tmp_path: Path) -> None:
    path = craft(tmp_path / "case.kiosk", {"Photo.png": b"a", "photo.png": b"b"})
    assert "one file on Windows" in refused(path, tmp_path)


def test_a_zip_bomb_is_refused_by_its_declared_size(tmp_path: Path) -> None:
    big = b"\0" * 2_000_000  # 2 MB that deflate to 2 KB
    path = craft(tmp_path / "bomb.kiosk", {"big.bin": big})
    assert path.stat().st_size < 10_000
    assert "more than the 1000000 allowed" in refused(path, tmp_path, limits=Limits(max_file_bytes=1_000_000))
    assert "more than the 1500000 allowed" in refused(path, tmp_path, limits=Limits(max_total_bytes=1_500_000))


def test_a_zip_bomb_that_lies_about_its_size_stops_at_the_declared_size(tmp_path: Path) -> None:
    """The zip's headers and the manifest all say 10 bytes; the deflated data holds 2 MB."""
    listed = [{"path": "big.bin", "size": 10, "sha256": "0" * 64}]
    path = craft(tmp_path / "liar.kiosk", {"big.bin": b"\0" * 2_000_000}, listed=listed)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo("big.bin").header_offset
    small = (10).to_bytes(4, "little")
    raw[local + 22 : local + 26] = small  # the local header's uncompressed size
    central = raw.rindex(b"PK\x01\x02")  # big.bin is the last entry of the central directory
    raw[central + 24 : central + 28] = small
    path.write_bytes(bytes(raw))
    message = refused(path, tmp_path)
    assert "big.bin" in message or "not a complete bundle" in message


def test_too_many_files_are_refused_before_any_is_read(tmp_path: Path) -> None:
    files = {f"f{i:03}.txt": b"" for i in range(101)}
    path = craft(tmp_path / "many.kiosk", files)
    assert "more than the 100" in refused(path, tmp_path, limits=Limits(max_files=100))


def empty_entries_zip(count: int) -> bytes:
    """A zip of `count` empty stored files, written by hand: 100,000 in a fraction of a second."""
    local, central = [], []
    offset = 0
    for index in range(count):
        name = f"{index}".encode()
        header = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0x21, 0, 0, 0, len(name), 0) + name
        central.append(
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0x21, 0, 0, 0, len(name), 0, 0, 0, 0, 0, offset)
            + name
        )
        local.append(header)
        offset += len(header)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, len(directory), offset, 0)
    zip64_end = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(directory), offset)
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, offset + len(directory), 1)
    return b"".join(local) + directory + zip64_end + locator + end


def test_100000_tiny_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "swarm.kiosk"
    path.write_bytes(empty_entries_zip(100_000))
    assert "100000 entries, more than the 20000" in refused(path, tmp_path)


def test_a_file_not_in_the_manifest_is_refused(tmp_path: Path) -> None:
    path = craft(tmp_path / "extra.kiosk", {"a.txt": b"a", "b.txt": b"b"}, listed=[entry("a.txt", b"a")])
    assert "b.txt, which its manifest does not list" in refused(path, tmp_path)


def test_a_file_missing_from_the_bundle_is_refused(tmp_path: Path) -> None:
    listed = [entry("a.txt", b"a"), entry("b.txt", b"b")]
    path = craft(tmp_path / "missing.kiosk", {"a.txt": b"a"}, listed=listed)
    assert "b.txt, which the bundle does not hold" in refused(path, tmp_path)


def test_a_file_whose_hash_differs_is_refused(tmp_path: Path, key: SigningKey) -> None:
    path = craft(tmp_path / "changed.kiosk", {"a.txt": b"B"}, listed=[entry("a.txt", b"A")], key=key)
    assert "does not match the manifest's SHA-256" in refused(path, tmp_path, trusted_keys=[trusted("k", key)])
    seen = inspect(path, [trusted("k", key)])
    assert not seen.hashes_ok and seen.signature and seen.signature.valid


def test_a_signature_by_an_unknown_key_is_refused(packed: Path, tmp_path: Path) -> None:
    other = trusted("other", SigningKey.generate())
    assert "a key this kiosk does not trust" in refused(packed, tmp_path, trusted_keys=[other])
    seen = inspect(packed, [other])
    assert seen.signature and seen.signature.valid and seen.signature.signer is None


def test_a_valid_signature_over_another_manifest_is_refused(tmp_path: Path, key: SigningKey) -> None:
    genuine = craft(tmp_path / "genuine.kiosk", {"a.txt": b"A"}, key=key)
    forged = craft(tmp_path / "forged.kiosk", {"a.txt": b"EVIL"})
    with zipfile.ZipFile(genuine) as archive:
        signature = archive.read("manifest.sig")
    with zipfile.ZipFile(forged, "a") as archive:
        archive.writestr("manifest.sig", signature)
    message = refused(forged, tmp_path, trusted_keys=[trusted("regie", key)])
    assert "signature does not match its manifest" in message


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_a_truncated_bundle_is_refused(packed: Path, tmp_path: Path, key: SigningKey, keep: float) -> None:
    data = packed.read_bytes()
    cut = tmp_path / "cut.kiosk"
    cut.write_bytes(data[: int(len(data) * keep)])
    assert "not a complete bundle" in refused(cut, tmp_path, trusted_keys=[trusted("regie", key)])


def test_a_damaged_byte_is_found(content: ContentFolder, tmp_path: Path) -> None:
    path = tmp_path / "plain.kiosk"
    pack(content.root, path)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("exhibit.yaml")
    start = info.header_offset
    data = start + 30 + int.from_bytes(raw[start + 26 : start + 28], "little")
    data += int.from_bytes(raw[start + 28 : start + 30], "little")  # past the name and the extra field
    raw[data + info.compress_size // 2] ^= 0xFF  # inside its deflated data
    path.write_bytes(bytes(raw))
    message = refused(path, tmp_path)
    assert "exhibit.yaml" in message or "not a complete bundle" in message


def test_a_newer_format_version_is_refused(tmp_path: Path) -> None:
    path = craft(tmp_path / "future.kiosk", {"a.txt": b"a"}, version=2)
    assert "newer than the 1 this kiosk reads" in refused(path, tmp_path)


def test_an_existing_destination_is_never_replaced(packed: Path, tmp_path: Path) -> None:
    dest = tmp_path / "there"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(BundleError, match="already exists"):
        unpack(packed, dest)
    assert tree(dest) == {"keep.txt": b"mine"}


def test_a_failure_half_way_leaves_nothing(packed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stick pulled out after some files were written: the half folder goes."""
    calls: list[str] = []
    original: Callable[..., None] = bundle._extract

    def failing(*args: object) -> None:
        calls.append("x")
        if len(calls) == 3:
            raise OSError(errno.EIO, "Input/output error")  # what reading a pulled-out stick raises
        original(*args)

    monkeypatch.setattr(bundle, "_extract", failing)
    assert refused(packed, tmp_path) == "expo.kiosk could not be read to its end: Input/output error."


def test_keys_are_written_private_and_never_overwritten(tmp_path: Path) -> None:
    private, public, text = bundle.new_key_pair("regie", tmp_path)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert text in public.read_text(encoding="ascii")
    key = bundle.load_signing_key(private)
    assert encode_key(bytes(key.verify_key)) == text
    with pytest.raises(BundleError, match="never overwritten"):
        bundle.new_key_pair("regie", tmp_path)
    with pytest.raises(BundleError, match="not a private key"):
        bundle.load_signing_key(public)


def test_a_compression_bundles_do_not_use_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lzma.kiosk"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_LZMA) as archive:
        archive.writestr("manifest.json", manifest_bytes([]))
    assert "a compression bundles do not use" in refused(path, tmp_path)


def test_names_one_on_macos_are_refused(tmp_path: Path) -> None:
    path = craft(tmp_path / "nfd.kiosk", {"caf\u00e9.png": b"a", "cafe\u0301.png": b"b"})
    assert "one file on Windows" in refused(path, tmp_path)


def test_a_full_disk_is_said_before_anything_is_written(
    packed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundle.shutil, "disk_usage", lambda _path: SimpleNamespace(free=1000))
    assert "free" in refused(packed, tmp_path)
