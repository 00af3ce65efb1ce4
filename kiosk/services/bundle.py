"""Content bundles: a content folder in one `.kiosk` file, to carry on a USB stick or send.

A bundle is a zip holding the folder's files, `manifest.json` (format version, title,
creation time in UTC, every file's SHA-256 and size, the total) and, when signed,
`manifest.sig` (an Ed25519 signature of the manifest's exact bytes, with the public key
that made it). The manifest covers the files and the signature covers the manifest, so a
trusted signature vouches for every byte.

A bundle comes from outside (a stranger's stick), so reading one trusts nothing in it:
names are checked before anything is written (no `..`, no absolute path, drive letter,
backslash or colon, no link, no name twice), the manifest must list exactly the files
present, sizes are capped as declared and counted again while extracting (a zip bomb
stops at its declared size), and extraction goes into a new hidden folder beside the
destination that takes the destination's name only when every file has been checked.
Each refusal is one sentence (`BundleError`).

Plain Python, no Qt. libsodium (PyNaCl) makes and checks the signatures.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kiosk.atomicio import sync_folder, write_with
from kiosk.content.exhibit import localized
from kiosk.services.trust import TrustedKey, decode_key, encode_key
from kiosk.services.watch import is_temporary

# libsodium (nacl) and the content loader are imported where a bundle is signed, checked or
# packed: the exhibit imports this module (through the USB intake) before its first frame.
if TYPE_CHECKING:
    from nacl.signing import SigningKey

FORMAT = "kiosk-bundle"
FORMAT_VERSION = 1  #: the newest this kiosk reads; a newer bundle is refused
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SUFFIX = ".kiosk"
_CHUNK = 1024 * 1024
#: Already compressed: stored as they are (deflating them again only costs time).
_STORED = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".woff", ".woff2", ".mp4", ".webm", ".zip"}
#: A date for every entry, so the same folder packs to the same bytes but for the manifest.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_DRIVE = re.compile(r"^[A-Za-z]:")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


class BundleError(Exception):
    """A bundle refused, or a folder that cannot be packed: the message is one sentence."""


@dataclass(frozen=True)
class Limits:
    """What a bundle may hold; past these it is refused before anything is written."""

    max_files: int = 20_000
    max_total_bytes: int = 4 * 1024**3
    max_file_bytes: int = 1024**3
    max_manifest_bytes: int = 8 * 1024**2


@dataclass(frozen=True)
class FileEntry:
    path: str  #: relative, with '/'
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    format_version: int
    title: str
    created: str  #: ISO 8601 in UTC, "2026-12-07T19:30:00Z"
    files: tuple[FileEntry, ...]

    @property
    def total_size(self) -> int:
        return sum(entry.size for entry in self.files)

    def to_bytes(self) -> bytes:
        data = {
            "format": FORMAT,
            "format_version": self.format_version,
            "title": self.title,
            "created": self.created,
            "total_size": self.total_size,
            "files": [{"path": e.path, "size": e.size, "sha256": e.sha256} for e in self.files],
        }
        return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes, limits: Limits) -> Manifest:
        """The manifest, checked for shape and limits; BundleError otherwise."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise BundleError("Its manifest.json is not readable JSON: the bundle is damaged.") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BundleError("Its manifest.json is not a kiosk bundle's manifest.")
        version = data.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise BundleError("Its manifest.json has no valid format_version.")
        if version > FORMAT_VERSION:
            raise BundleError(
                f"It was made in bundle format {version}, newer than the {FORMAT_VERSION} this kiosk reads: "
                "update the kiosk's program first."
            )
        files = data.get("files")
        if not isinstance(files, list) or not isinstance(data.get("title"), str):
            raise BundleError("Its manifest.json lacks its title or its list of files.")
        if len(files) > limits.max_files:
            raise BundleError(f"It lists {len(files)} files, more than the {limits.max_files} a bundle may hold.")
        entries = []
        for item in files:
            if not (
                isinstance(item, dict)
                and isinstance(item.get("path"), str)
                and isinstance(item.get("size"), int)
                and not isinstance(item.get("size"), bool)
                and item["size"] >= 0
                and isinstance(item.get("sha256"), str)
                and re.fullmatch(r"[0-9a-f]{64}", item["sha256"])
            ):
                raise BundleError("Its manifest.json has a file entry without a valid path, size and sha256.")
            entries.append(FileEntry(item["path"], item["size"], item["sha256"]))
        manifest = cls(version, data["title"], str(data.get("created", "")), tuple(entries))
        if data.get("total_size") != manifest.total_size:
            raise BundleError("Its manifest.json's total_size is not the sum of its files' sizes: it was edited.")
        return manifest


@dataclass(frozen=True)
class Signature:
    """What manifest.sig says and what checking it found."""

    public_key: bytes
    valid: bool  #: the signature is the declared key's, over this very manifest
    signer: str | None  #: the trusted key's name in kiosk.yaml; None: a key this kiosk does not trust

    @property
    def fingerprint(self) -> str:
        """A short name for an unknown key: the start of its SHA-256."""
        return hashlib.sha256(self.public_key).hexdigest()[:16]


@dataclass(frozen=True)
class Inspection:
    """What a bundle holds and whether it holds together."""

    path: Path
    manifest: Manifest
    signature: Signature | None  #: None: unsigned
    damaged: tuple[str, ...] = field(default=())  #: files whose bytes differ from the manifest, one sentence each

    @property
    def hashes_ok(self) -> bool:
        return not self.damaged

    def refusal(self, trusted_keys: Sequence[TrustedKey], require_signature: bool) -> str | None:
        """Why this bundle may not be taken in, as one sentence; None when it may."""
        if self.damaged:
            return self.damaged[0]
        sig = self.signature
        if sig is not None and not sig.valid:
            return (
                "Its signature does not match its manifest: the manifest was changed after signing, "
                "or the signature was taken from another bundle."
            )
        if sig is not None and sig.signer is None and (trusted_keys or require_signature):
            return f"It is signed by a key this kiosk does not trust (key {sig.fingerprint})."
        if sig is None and require_signature:
            return "It is not signed, and this kiosk takes only bundles signed by a trusted key."
        return None


# -- keys -----------------------------------------------------------------------------------------


def new_key_pair(name: str, folder: Path) -> tuple[Path, Path, str]:
    """NAME.key (private, readable by its owner only) and NAME.pub in `folder`; returns them
    and the public key in base64. Refuses to replace an existing key."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}", name):
        raise BundleError(f"'{name}' cannot name a key: use letters, digits, '.', '-' and '_' (such as musee-regie).")
    private, public = folder / f"{name}.key", folder / f"{name}.pub"
    for path in (private, public):
        if path.exists():
            raise BundleError(f"{path} already exists: a key is never overwritten; choose another name.")
    from nacl.signing import SigningKey

    key = SigningKey.generate()
    public_text = encode_key(bytes(key.verify_key))
    private_text = (
        f"# kiosk signing key '{name}': PRIVATE, keep it on the curators' computer, never on a kiosk.\n"
        f"{encode_key(bytes(key))}\n"
    )
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with open(fd, "w", encoding="ascii", newline="\n") as stream:
        stream.write(private_text)
    with contextlib.suppress(OSError):  # a umask cannot widen 0600, but an inherited ACL might
        os.chmod(private, 0o600)
    public.write_text(f"# kiosk public key '{name}': goes into kiosk.yaml's trusted_keys\n{public_text}\n", "ascii")
    return private, public, public_text


def load_signing_key(path: Path) -> SigningKey:
    """A private key written by `new_key_pair`; BundleError in plain words otherwise."""
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise BundleError(f"{path} is not found: name the .key file `kiosk keys new` wrote.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BundleError(f"{path} cannot be read as a key: {getattr(exc, 'strerror', None) or exc}.") from None
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if "PRIVATE" not in text or len(lines) != 1:
        raise BundleError(f"{path} is not a private key written by `kiosk keys new` (sign with NAME.key, not .pub).")
    from nacl.signing import SigningKey

    try:
        return SigningKey(decode_key(lines[0]))
    except ValueError as exc:
        raise BundleError(f"{path} {exc}.") from None


# -- packing --------------------------------------------------------------------------------------


def folder_files(folder: Path) -> list[str]:
    """The files a bundle of `folder` holds, sorted: every file but editors' and sync tools'
    leftovers (the watcher's rule); a link or a name other systems cannot hold is refused."""
    found: list[str] = []
    for current, dirs, files in os.walk(folder):
        base = Path(current)
        dirs[:] = sorted(d for d in dirs if not is_temporary(d))
        for name in [*dirs, *files]:
            if (base / name).is_symlink():
                relative = (base / name).relative_to(folder).as_posix()
                raise BundleError(f"{relative} is a link: a bundle holds real files only; copy the file in its place.")
        for name in files:
            if is_temporary(name):
                continue
            relative = (base / name).relative_to(folder).as_posix()
            problem = name_problem(relative)
            if problem:
                raise BundleError(f"{relative}: {problem}; rename it before packing.")
            found.append(relative)
    return sorted(found)


def _sha256(path: Path) -> tuple[str, int]:
    hasher, size = hashlib.sha256(), 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            hasher.update(chunk)
            size += len(chunk)
    return hasher.hexdigest(), size


def pack(folder: Path, out: Path, key: SigningKey | None = None, now: datetime | None = None) -> Manifest:
    """Write `folder` as a bundle at `out` (atomically: a failure leaves no half file).

    Refuses a folder `kiosk validate` rejects, so only content the kiosk can show travels.
    """
    if out.resolve().is_relative_to(folder.resolve()):
        raise BundleError(f"{out} is inside the folder it packs: write the bundle somewhere else.")
    from kiosk.content.loader import load_exhibit

    exhibit, report = load_exhibit(folder)
    if exhibit is None:
        count = len(report.errors)
        first = report.sorted()[0].format() if report.errors else ""
        raise BundleError(
            f"{folder} has {count} error{'s' if count != 1 else ''} that `kiosk validate` reports "
            f"(the first: {first}); fix them before packing."
        )
    manifest_lang = exhibit.manifest.default_language
    title = localized(exhibit.manifest.title, manifest_lang, manifest_lang)
    names = folder_files(folder)
    for reserved in (MANIFEST, SIGNATURE):
        if reserved in names:
            raise BundleError(f"The folder holds a file named {reserved}, a name bundles keep for themselves.")
    entries = []
    for name in names:
        digest, size = _sha256(folder / name)
        entries.append(FileEntry(name, size, digest))
    created = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    manifest = Manifest(FORMAT_VERSION, title, created, tuple(entries))
    manifest_bytes = manifest.to_bytes()

    def write(stream: IO[bytes]) -> None:
        with zipfile.ZipFile(stream, "w") as archive:
            _add(archive, MANIFEST, manifest_bytes)
            if key is not None:
                _add(archive, SIGNATURE, signature_bytes(key, manifest_bytes))
            for entry in entries:
                _add_file(archive, folder, entry)

    out.parent.mkdir(parents=True, exist_ok=True)
    write_with(out, write)
    return manifest


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    info.compress_type = zipfile.ZIP_STORED if Path(name).suffix.lower() in _STORED else zipfile.ZIP_DEFLATED
    return info


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    archive.writestr(_info(name), data)


def _add_file(archive: zipfile.ZipFile, folder: Path, entry: FileEntry) -> None:
    """Copy one file in, hashing what is written: a file changed since it was hashed is refused."""
    hasher, size = hashlib.sha256(), 0
    with (folder / entry.path).open("rb") as source, archive.open(_info(entry.path), "w", force_zip64=True) as target:
        while chunk := source.read(_CHUNK):
            hasher.update(chunk)
            size += len(chunk)
            target.write(chunk)
    if hasher.hexdigest() != entry.sha256 or size != entry.size:
        raise BundleError(f"{entry.path} changed while the folder was packed: pack it again once it is saved.")


def signature_bytes(key: SigningKey, manifest_bytes: bytes) -> bytes:
    data = {
        "algorithm": "ed25519",
        "public_key": encode_key(bytes(key.verify_key)),
        "signature": encode_key(key.sign(manifest_bytes).signature),
    }
    return (json.dumps(data, indent=1) + "\n").encode("ascii")


# -- reading --------------------------------------------------------------------------------------


def name_problem(name: str) -> str | None:
    """Why an entry's name could write outside its folder, or cannot be a file's name on
    Windows or Linux; None for a plain relative path."""
    if "\\" in name:
        return "its name holds a backslash"
    if name.startswith("/"):
        return "its name is an absolute path"
    if _DRIVE.match(name):
        return "its name starts with a drive letter"
    if ":" in name:
        return "its name holds a colon"
    if any(ord(char) < 32 for char in name):
        return "its name holds a control character"
    parts = name.split("/")
    if ".." in parts:
        return "its name climbs out of the folder with '..'"
    if any(part in ("", ".") for part in parts):
        return "its name has an empty or '.' part"
    if any(_WINDOWS_RESERVED.match(part) or part[-1] in ". " or set(part) & set('<>"|?*') for part in parts):
        return "its name is not allowed on Windows"
    return None


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BundleError(f"{path} is not found.") from None
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        raise BundleError(f"{path.name} is not a complete bundle (truncated or damaged: {exc}).") from None


def _members(archive: zipfile.ZipFile, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """The zip's entries by name, each name and kind checked; directories left out."""
    infos = archive.infolist()
    if len(infos) > limits.max_files + 2:
        raise BundleError(f"It holds {len(infos)} entries, more than the {limits.max_files} a bundle may hold.")
    members: dict[str, zipfile.ZipInfo] = {}
    folded: dict[str, str] = {}
    for info in infos:
        name = info.filename
        raw_name = info.orig_filename  # before zipfile turns a Windows separator into '/'
        problem = name_problem(raw_name.rstrip("/") if info.is_dir() else raw_name)
        if problem:
            raise BundleError(f"It holds an entry named {name!r}: {problem}.")
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind == stat.S_IFLNK:
            raise BundleError(f"Its entry {name} is a symbolic link: a bundle holds real files only.")
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise BundleError(f"Its entry {name} is not a plain file.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BundleError(f"Its entry {name} uses a compression bundles do not use.")
        if info.flag_bits & 0x1:
            raise BundleError(f"Its entry {name} is encrypted: bundles are never encrypted.")
        if info.is_dir():
            continue
        if name in members:
            raise BundleError(f"It holds two entries named {name}.")
        same = unicodedata.normalize("NFC", name).casefold()  # one file on Windows and macOS
        if same in folded:
            raise BundleError(f"It holds {folded[same]} and {name}, one file on Windows.")
        members[name] = info
        folded[same] = name
    return members


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    if info.file_size > cap:
        raise BundleError(f"Its {info.filename} is larger than {cap} bytes.")
    with archive.open(info) as stream:
        data = stream.read(cap + 1)
    if len(data) > cap:
        raise BundleError(f"Its {info.filename} expands past {cap} bytes.")
    return data


def _check_signature(raw: bytes, manifest_bytes: bytes, trusted_keys: Sequence[TrustedKey]) -> Signature:
    try:
        data = json.loads(raw.decode("ascii"))
        if not isinstance(data, dict) or data.get("algorithm") != "ed25519":
            raise ValueError("not an Ed25519 signature")
        public_key = decode_key(str(data["public_key"]))
        signature = decode_key_bytes(str(data["signature"]), 64)
    except (ValueError, KeyError, UnicodeDecodeError):
        raise BundleError("Its manifest.sig is not a signature this kiosk reads.") from None
    from nacl.exceptions import BadSignatureError
    from nacl.signing import VerifyKey

    try:
        VerifyKey(public_key).verify(manifest_bytes, signature)
        valid = True
    except BadSignatureError:
        valid = False
    signer = next((entry.name for entry in trusted_keys if entry.raw == public_key), None)
    return Signature(public_key, valid, signer)


def decode_key_bytes(text: str, length: int) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ValueError("not base64") from None
    if len(raw) != length:
        raise ValueError(f"not {length} bytes")
    return raw


def _checked(
    archive: zipfile.ZipFile, trusted_keys: Sequence[TrustedKey], limits: Limits
) -> tuple[Manifest, Signature | None, dict[str, zipfile.ZipInfo]]:
    """Everything that can be checked without reading the files' bytes."""
    members = _members(archive, limits)
    if MANIFEST not in members:
        raise BundleError("It has no manifest.json: it is not a kiosk bundle.")
    manifest_bytes = _read_small(archive, members.pop(MANIFEST), limits.max_manifest_bytes)
    manifest = Manifest.from_bytes(manifest_bytes, limits)
    signature = None
    if SIGNATURE in members:
        signature = _check_signature(_read_small(archive, members.pop(SIGNATURE), 4096), manifest_bytes, trusted_keys)
    listed: dict[str, FileEntry] = {}
    for entry in manifest.files:
        problem = name_problem(entry.path)
        if problem:
            raise BundleError(f"Its manifest lists {entry.path!r}: {problem}.")
        if entry.path in listed or entry.path in (MANIFEST, SIGNATURE):
            raise BundleError(f"Its manifest lists {entry.path} twice.")
        listed[entry.path] = entry
    missing = sorted(set(listed) - set(members))
    if missing:
        raise BundleError(f"Its manifest lists {missing[0]}, which the bundle does not hold ({len(missing)} missing).")
    extra = sorted(set(members) - set(listed))
    if extra:
        raise BundleError(f"It holds {extra[0]}, which its manifest does not list ({len(extra)} not listed).")
    if manifest.total_size > limits.max_total_bytes:
        raise BundleError(
            f"Its files add up to {manifest.total_size} bytes, more than the {limits.max_total_bytes} allowed."
        )
    for entry in manifest.files:
        info = members[entry.path]
        if entry.size > limits.max_file_bytes:
            raise BundleError(f"Its {entry.path} is {entry.size} bytes, more than the {limits.max_file_bytes} allowed.")
        if info.file_size != entry.size:
            raise BundleError(
                f"Its {entry.path} is {info.file_size} bytes in the zip but {entry.size} in the manifest."
            )
    return manifest, signature, members


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, entry: FileEntry) -> Iterator[bytes]:
    """The entry's bytes, counted: more than its declared size stops at once (a zip bomb)."""
    size = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > entry.size:
                raise BundleError(f"Its {entry.path} expands past its declared {entry.size} bytes (a zip bomb?).")
            yield chunk
    if size != entry.size:
        raise BundleError(f"Its {entry.path} holds {size} bytes, not the {entry.size} its manifest says.")


def _damage(entry: FileEntry) -> str:
    return f"Its {entry.path} does not match the manifest's SHA-256: the file was changed or damaged."


def _reading(path: Path) -> contextlib.AbstractContextManager[None]:
    """A damaged zip found while reading (CRC, deflate, a stick pulled out) said as BundleError."""

    @contextlib.contextmanager
    def guard() -> Iterator[None]:
        try:
            yield
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise BundleError(f"{path.name} is not a complete bundle (truncated or damaged: {exc}).") from None
        except OSError as exc:
            raise BundleError(f"{path.name} could not be read to its end: {exc.strerror or exc}.") from None

    return guard()


def inspect(path: Path, trusted_keys: Sequence[TrustedKey] = (), limits: Limits | None = None) -> Inspection:
    """What the bundle holds, its signature checked and every file's hash recomputed.

    Raises BundleError for a bundle that cannot even be listed safely (see the module's
    docstring); a file whose bytes differ is reported in `damaged`.
    """
    limits = limits or Limits()
    with _reading(path), _open(path) as archive:
        manifest, signature, members = _checked(archive, trusted_keys, limits)
        damaged = []
        for entry in manifest.files:
            hasher = hashlib.sha256()
            for chunk in _stream(archive, members[entry.path], entry):
                hasher.update(chunk)
            if hasher.hexdigest() != entry.sha256:
                damaged.append(_damage(entry))
    return Inspection(path, manifest, signature, tuple(damaged))


def unpack(
    path: Path,
    dest: Path,
    trusted_keys: Sequence[TrustedKey] = (),
    require_signature: bool = False,
    limits: Limits | None = None,
) -> Inspection:
    """Extract the bundle into `dest`, which must not exist yet; BundleError when refused.

    The files go into a new hidden folder beside `dest`, each one counted and hashed as it
    is written; the folder takes `dest`'s name only when all of them hold. A refusal or an
    error removes it: nothing is left behind.
    """
    limits = limits or Limits()
    if dest.exists() or dest.is_symlink():
        raise BundleError(f"{dest} already exists: unpack into a new folder.")
    parent = dest.parent
    if not parent.is_dir():
        raise BundleError(f"{parent} is not a folder.")
    staging = parent / f".{dest.name}.{secrets.token_hex(4)}.unpacking"
    with _reading(path), _open(path) as archive:
        manifest, signature, members = _checked(archive, trusted_keys, limits)
        inspection = Inspection(path, manifest, signature)
        refusal = inspection.refusal(trusted_keys, require_signature)
        if refusal:
            raise BundleError(refusal)
        _check_room(parent, manifest.total_size)
        staging.mkdir()
        try:
            root = staging.resolve()
            for entry in manifest.files:
                _extract(archive, members[entry.path], entry, root)
            sync_folder(staging)
            os.rename(staging, dest)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return inspection


def _check_room(folder: Path, size: int) -> None:
    """Refuse before writing when the disk cannot hold the files and a margin (logs, the swap)."""
    free = shutil.disk_usage(folder).free
    margin = 64 * 1024 * 1024
    if size + margin > free:
        raise BundleError(
            f"Its files need {human_size(size)} and the disk holding {folder} has {human_size(free)} free."
        )


def _extract(archive: zipfile.ZipFile, info: zipfile.ZipInfo, entry: FileEntry, root: Path) -> None:
    target = root.joinpath(*entry.path.split("/"))
    if not target.resolve().is_relative_to(root):  # names were checked; this is the last guard
        raise BundleError(f"Its {entry.path} would be written outside the destination.")
    target.parent.mkdir(parents=True, exist_ok=True)
    hasher = hashlib.sha256()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    with open(fd, "wb") as out:
        for chunk in _stream(archive, info, entry):
            hasher.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if hasher.hexdigest() != entry.sha256:
        raise BundleError(_damage(entry))


def describe(inspection: Inspection, trusted_keys: Sequence[TrustedKey]) -> Iterable[str]:
    """`kiosk inspect`'s lines: what it holds, then whether its hashes and signature hold."""
    manifest = inspection.manifest
    yield f"bundle: {inspection.path.name}"
    yield f"title: {manifest.title}"
    yield f"created: {manifest.created}"
    yield f"format: {manifest.format_version}"
    yield f"files: {len(manifest.files)}, {human_size(manifest.total_size)}"
    yield "hashes: " + (
        "every file matches its SHA-256" if inspection.hashes_ok else f"{len(inspection.damaged)} differ"
    )
    yield from (f"  {line}" for line in inspection.damaged)
    sig = inspection.signature
    if sig is None:
        yield "signature: none (unsigned)"
    elif not sig.valid:
        yield "signature: INVALID: it does not match this manifest"
    elif sig.signer:
        yield f"signature: valid, by the trusted key '{sig.signer}'"
    elif trusted_keys:
        yield f"signature: valid, but by a key kiosk.yaml does not trust (key {sig.fingerprint})"
    else:
        yield f"signature: valid, by key {sig.fingerprint} (no trusted_keys to compare it with)"


def human_size(size: int) -> str:
    if size >= 1_048_576:
        return f"{size / 1_048_576:.1f} MB"
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} bytes"
