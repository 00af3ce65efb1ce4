"""What a frozen Qt Quick app leaves out of PySide6 and Pillow: shared by build.spec and
bench/minimal/minimal.spec, so the kiosk and the bare reference app are trimmed alike.

A one-file executable unpacks itself at every launch, so every megabyte left in costs
start-up time. PyInstaller's PySide6 hooks collect every QML module, every Qt plugin and
every Qt translation; here we keep only:

- the QML modules the app imports, with what their `qmldir` files and bundled `.qml` files
  import in turn (QtQuick.Controls.Basic needs QtQuick.Templates and QtQuick.Controls.impl);
- the Qt plugins a kiosk screen needs (see PLUGINS);
- the shared libraries still needed by what remains (found from the binaries' own link tables);
- the PySide6 Python modules the app imports (found by reading its source);
- the Pillow decoders the content format accepts: PNG, JPEG, WebP and GIF;
- on Linux, ICU's data package replaced by ICU's empty "stub" package (see icu_stub).

Qt translations go: they translate Qt's own dialogs, which the kiosk never shows (its words
are in resources/ui-strings.yaml). PySide6-Essentials has no web engine, 3D or multimedia
to begin with; the module and plugin lists below would drop them if Addons were installed.

This file is read at build time only; it is not part of the executable.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

#: Qt plugin folders kept, with the plugins kept in each (None: all of them). Everything
#: else goes: platform themes (GTK/portal dialogs), TLS and network information (the kiosk
#: is offline), SQL drivers, print support, QML debugging and lint, designer, icon engines
#: (widgets only), EGL device integrations and evdev/TUIO input (eglfs only, see below).
PLUGINS: dict[str, tuple[str, ...] | None] = {
    # xcb: X11 (and XWayland); wayland: Wayland sessions and kiosk compositors (cage,
    # Ubuntu Frame); offscreen: --self-test and snapshots; windows, cocoa: the other OSes.
    # eglfs/linuxfb (no window system at all) are not kept: say so in docs/INSTALL.md
    # if an exhibition PC ever runs without X11 or Wayland.
    "platforms": ("qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"),
    # OpenGL for the xcb and Wayland platforms (the scene graph uses the GPU when there is one).
    "xcbglintegrations": None,
    "wayland-graphics-integration-client": None,
    "wayland-shell-integration": None,
    "wayland-decoration-client": None,
    # Pictures curators may use: PNG is built into Qt; JPEG, WebP, GIF and SVG are plugins.
    "imageformats": ("qjpeg", "qwebp", "qgif", "qsvg"),
    # Dead keys on a physical keyboard (the admin PIN); small.
    "platforminputcontexts": ("composeplatforminputcontextplugin",),
}

#: Pillow: the plugins for the formats `kiosk/content/media.py` accepts, and what they import.
PILLOW_PLUGINS_KEPT = (
    "PngImagePlugin",
    "JpegImagePlugin",
    "MpoImagePlugin",
    "TiffImagePlugin",
    "WebPImagePlugin",
    "GifImagePlugin",
)
#: Pillow extensions no kept plugin needs: AVIF (its library is the largest), Tk,
#: morphology; and the Qt bridge (it would pull PyQt). Colour management (ImageCms) stays:
#: the picture cache turns camera colour profiles into sRGB. FreeType text (ImageFont) stays:
#: the content checks measure curators' titles with the kiosk's fonts (kiosk.content.fit).
PILLOW_EXCLUDES = (
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL.ImageTk",
    "PIL._imagingtk",
    "PIL.ImageMorph",
    "PIL._imagingmorph",
    "PIL.ImageQt",
    "PIL.ImageShow",
    "PIL.ImageGrab",
)

#: Standard-library packages nothing in the kiosk uses that hooks sometimes drag in. The
#: debugger, curses and readline come with mypy (below). The kiosk is offline: `ssl` (with
#: OpenSSL's libssl), the network protocols (http, urllib.request, ftplib, smtplib, xmlrpc:
#: imported by logging's and multiprocessing's network handlers only when used) and asyncio
#: (typing_extensions imports it only for coroutines) stay out; so do tar archives, the
#: pure-Python copy of `decimal` (its C version is kept) and the codecs of East Asian legacy
#: encodings (the content is UTF-8). A one-file kiosk unpacks everything at every launch.
STDLIB_EXCLUDES = (
    "tkinter",
    "_tkinter",
    "unittest",
    "pydoc",
    "pydoc_data",
    "lib2to3",
    "idlelib",
    "test",
    "ensurepip",
    "distutils",
    "setuptools",
    "pip",
    "turtle",
    "turtledemo",
    "pdb",
    "curses",
    "readline",
    "ssl",
    "asyncio",
    "http",
    "urllib.request",
    "ftplib",
    "smtplib",
    "xmlrpc",
    "tarfile",
    "_pydecimal",
    "_multibytecodec",
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    # OpenSSL's hashing: hashlib falls back on its built-in SHA-2, and the admin PIN's scrypt
    # comes from libsodium (kiosk/services/admin.py). Leaves OpenSSL's libcrypto unused.
    "_hashlib",
)

#: Shared libraries a hook collects that nothing in the kiosk loads: OpenSSL (PyInstaller's
#: Qt hook brings it for QtNetwork's TLS plugins, left out above; `ssl` and `_hashlib` are
#: excluded). 1.9 MB of the one file.
UNUSED_LIBRARIES = ("libssl", "libcrypto")

#: Parts of the C library that PyInstaller does not know as such and copies in: glibc's
#: vector maths (libmvec, which miniaudio's module links to). Every Linux has its own,
#: made for its own libc and libm; a copy from the build machine's glibc could clash with
#: them (and weighs 0.5 MB). Left to the system, like libc and libm.
#: D-Bus's client library (libdbus-1), which Qt's D-Bus module links, is left to the system
#: too: every Linux desktop has it (docs/INSTALL.md installs it), and the accessibility bus a
#: screen reader listens on is best spoken to by the system's own version. The build
#: machine's copy brought systemd's library with libgcrypt, liblz4, libcap and libgpg-error
#: (1.3 MB of the one file); those go with it.
SYSTEM_LIBRARIES = ("libmvec.so", "libdbus-1.so")

#: Packages PyInstaller's pydantic hook collects with every pydantic submodule: pydantic's
#: mypy plugin brings mypy itself (compiled: 4 MB, with ast_serialize and librt), and
#: pydantic's optional pretty printing brings rich and pygments. None runs in the kiosk, and
#: the kiosk uses pydantic 2, not its `pydantic.v1` copy of the old version.
THIRD_PARTY_EXCLUDES = (
    "pydantic.mypy",
    "pydantic.v1",
    "mypy",
    "ast_serialize",
    "librt",
    "rich",
    "pygments",
)

_BUILT_IN_QML = {"QML"}
_QML_IMPORT = re.compile(r"^\s*import\s+([A-Za-z_][\w.]*)", re.MULTILINE)
_QMLDIR_IMPORT = re.compile(r"^\s*(?:import|depends|default import)\s+([A-Za-z_][\w.]*)", re.MULTILINE)
_PYSIDE_MODULE = re.compile(r"\bPySide6\.(Qt\w+)")


def pillow_excludes() -> list[str]:
    """`excludes` for Pillow's unused extensions and every image plugin not kept."""
    import PIL

    plugins = {path.stem for path in Path(PIL.__file__).parent.glob("*ImagePlugin.py")}
    return [*PILLOW_EXCLUDES, *(f"PIL.{name}" for name in sorted(plugins - set(PILLOW_PLUGINS_KEPT)))]


def qml_imports(folder: Path) -> set[str]:
    """Every module the `.qml` files under `folder` import (`import X`, `import X as Y`)."""
    found: set[str] = set()
    for qml in folder.rglob("*.qml"):
        found.update(_QML_IMPORT.findall(qml.read_text(encoding="utf-8")))
    return found


def qml_closure(qml_root: Path, required: Iterable[str]) -> set[str]:
    """The required QML modules and every module they need, as dotted names.

    Follows `import` and `depends` lines in each module's `qmldir` (not `optional import`:
    QtQuick.Controls would otherwise bring all five styles) and the imports of the `.qml`
    files shipped beside it. Modules built into the engine (QML) have no folder; skipped.
    """
    wanted = list(required)
    found: set[str] = set()
    while wanted:
        module = wanted.pop()
        if module in found or module in _BUILT_IN_QML:
            continue
        folder = qml_root.joinpath(*module.split("."))
        if not (folder / "qmldir").is_file():
            raise FileNotFoundError(f"QML module {module} is not installed in {qml_root}")
        found.add(module)
        wanted += _QMLDIR_IMPORT.findall((folder / "qmldir").read_text(encoding="utf-8"))
        for qml in folder.glob("*.qml"):
            wanted += _QML_IMPORT.findall(qml.read_text(encoding="utf-8"))
    return found


def pyside_modules_used(sources: Iterable[Path]) -> set[str]:
    """The PySide6 modules (`QtCore`, `QtQuick`...) the given Python files import."""
    found: set[str] = set()
    for source in sources:
        found.update(_PYSIDE_MODULE.findall(source.read_text(encoding="utf-8")))
    return found


def pyside_modules_needed(used: set[str]) -> set[str]:
    """`used` and the PySide6 modules their bindings import in turn (QtQml imports
    QtNetwork, QtQuick imports QtOpenGL): found by importing them in a fresh interpreter."""
    code = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]: importlib.import_module('PySide6.' + name)\n"
        "print(' '.join(n.split('.')[1] for n in sys.modules if n.startswith('PySide6.Qt')))"
    )
    result = subprocess.run([sys.executable, "-c", code, *sorted(used)], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def pyside_excludes(pyside_dir: Path, keep: set[str]) -> list[str]:
    """`excludes` for every installed PySide6 module not in `keep`.

    PyInstaller's hooks add the Python bindings of every Qt library a kept module links to
    (QtQuick -> QtOpenGL, 9 MB, and QtNetwork); the Qt libraries themselves still come
    along through the link tables, the bindings are not needed.
    """
    names = {
        path.name.split(".")[0]
        for path in pyside_dir.iterdir()
        if path.name.startswith("Qt") and (path.name.endswith(".so") or path.suffix == ".pyd")
    }
    return [*sorted(f"PySide6.{name}" for name in names - keep), "PySide6.scripts"]


class QtTrimmer:
    """Filters the `(dest, src, typecode)` entries of `Analysis.binaries` and `Analysis.datas`.

    `qt_rel_dir` is where PyInstaller puts Qt inside the bundle (`PySide6/Qt` on Linux and
    macOS, `PySide6` on Windows), `qml_root` the installed Qt `qml` folder, and
    `qml_modules` the modules to keep (from `qml_closure`).
    """

    def __init__(self, qt_rel_dir: str, qml_root: Path, qml_modules: set[str]) -> None:
        self.qt = PurePosixPath(qt_rel_dir.replace("\\", "/"))
        self.module_dirs = {
            PurePosixPath(*qmldir.parent.relative_to(qml_root).parts) for qmldir in qml_root.rglob("qmldir")
        }
        self.kept_dirs = {PurePosixPath(*module.split(".")) for module in qml_modules}
        self.dropped: list[str] = []

    def _keep_qml(self, rel: PurePosixPath) -> bool:
        """A file under qml/ belongs to the deepest module folder holding it.

        `.qmltypes` files describe a module to tools (qmllint, Qt Creator); the engine
        never reads them."""
        if rel.suffix == ".qmltypes":
            return False
        owner = next((parent for parent in rel.parents if parent in self.module_dirs), None)
        return owner is not None and owner in self.kept_dirs

    def keep(self, dest: str) -> bool:
        path = PurePosixPath(dest.replace("\\", "/"))
        try:
            rel = path.relative_to(self.qt)
        except ValueError:
            return True  # not Qt's: Python modules, Pillow, the app's own files
        top = rel.parts[0] if rel.parts else ""
        if top == "translations":
            return False
        if top == "qml":
            return self._keep_qml(rel.relative_to("qml"))
        if top == "plugins" and len(rel.parts) >= 3:
            wanted = PLUGINS.get(rel.parts[1], ())
            if wanted is None:
                return True
            stem = rel.name.split(".")[0].removeprefix("lib")
            return any(stem.startswith(name) for name in wanted)
        return True

    def filter(self, toc: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
        kept = []
        for entry in toc:
            if self.keep(entry[0]):
                kept.append(entry)
            else:
                self.dropped.append(entry[0])
        return kept


def _name(entry: tuple[str, str, str]) -> str:
    return PurePosixPath(entry[0].replace("\\", "/")).name.lower()


def prune_orphaned_libraries(
    before: list[tuple[str, str, str]], after: list[tuple[str, str, str]], get_imports
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Drop the shared libraries that only the filtered-out binaries linked to.

    PyInstaller collected them for plugins and QML modules that are now gone
    (libQt6QuickParticles for QtQuick.Particles, GTK's libraries for the GTK theme...).
    A library is an entry some other collected binary links to; the others (Python
    extensions, Qt plugins, libpython, anything loaded with ctypes) are roots and stay.
    Libraries reachable from the roots that remain stay too. `get_imports(src)` returns
    `(name, path)` pairs: PyInstaller's own `bindepend.get_imports`.
    """
    links = {_name(entry): _direct_links(entry[1], get_imports) for entry in before}
    libraries = set().union(*links.values())
    remaining = {_name(entry) for entry in after}
    reached: set[str] = set()
    todo = [name for name in remaining if name not in libraries]
    while todo:
        name = todo.pop()
        if name in reached or name not in remaining:
            continue
        reached.add(name)
        todo += links.get(name, ())
    kept = [entry for entry in after if _name(entry) in reached]
    return kept, sorted(entry[0] for entry in after if _name(entry) not in reached)


def _direct_links(path: str, get_imports) -> set[str]:
    """The libraries the binary at `path` names itself (lower case). On Linux PyInstaller
    asks `ldd`, which lists every library loaded with it, its links' links too: a library
    left to the system would then keep everything it alone brought. A 64-bit ELF file's own
    list (its DT_NEEDED entries) is read here instead; anything else is asked to PyInstaller."""
    needed = _elf_needed(Path(path))
    if needed is None:
        needed = [name for name, _ in get_imports(path)]
    return {PurePosixPath(name.replace("\\", "/")).name.lower() for name in needed}


def _elf_needed(path: Path) -> list[str] | None:
    """The DT_NEEDED names of a little-endian 64-bit ELF file, or None if it is not one."""
    import struct

    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return None
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    names: list[str] = []
    for _, kind, _, _, offset, size, link, *_ in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strings_offset = sections[link][4]
        for at in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", data, at)
            if tag == 0:  # DT_NULL
                break
            if tag == 1:  # DT_NEEDED
                start = strings_offset + value
                names.append(data[start : data.index(b"\0", start)].decode())
    return names


#: ICU's documented empty data package (ICU's own `stubdata` library): a 32-byte header,
#: the "ToCP" table-of-contents format, no entries. Built as the library Qt links to.
_ICU_STUB_C = """\
#include <stdint.h>
typedef struct {{ uint16_t size, reserved; uint8_t big_endian, charset_family, sizeof_uchar, reserved_byte;
                 uint8_t data_format[4], format_version[4], data_version[4]; }} DataInfo;
typedef struct {{ uint16_t header_size; uint8_t magic1, magic2; DataInfo info; char padding[8];
                 uint32_t count, reserved; uint32_t toc[4]; }} Header;
__attribute__((visibility("default"), aligned(16))) const Header {symbol} = {{
    32, 0xda, 0x27, {{sizeof(DataInfo), 0, 0, 0, 2, 0, {{0x54, 0x6f, 0x43, 0x50}}, {{1, 0, 0, 0}}, {{0, 0, 0, 0}}}},
    {{0}}, 0, 0, {{0, 0, 0, 0}}}};
"""


def icu_stub(binaries: list[tuple[str, str, str]], workdir: Path) -> list[tuple[str, str, str]]:
    """Replace ICU's data library (libicudata.so.NN, 32 MB) by ICU's empty stub package.

    Qt's core links ICU; its data (collation rules, legacy text encodings, time zones,
    locale names) serves QCollator and JavaScript's localeCompare, locale-aware upper and
    lower case, legacy codecs and IDN: none of which the kiosk uses. Text layout, line
    breaking, numbers and dates use Qt's own tables, and the kiosk's screens render
    pixel-identical with the stub. It is a fifth of what a one-file kiosk unpacks at every
    launch. Linux only (that is where PySide6 bundles ICU); needs a C compiler at build
    time, and keeps the real data without one. `-- --full-icu` keeps it in any case.
    """
    if not sys.platform.startswith("linux"):
        return binaries
    replaced = []
    for dest, src, typecode in binaries:
        match = re.fullmatch(r"libicudata\.so\.(\d+)", PurePosixPath(dest).name)
        if match is None:
            replaced.append((dest, src, typecode))
            continue
        symbol = f"icudt{match.group(1)}_dat"
        if symbol.encode() not in Path(src).read_bytes():
            raise SystemExit(f"kiosk_trim: {src} does not define {symbol}; cannot stub ICU's data")
        workdir.mkdir(parents=True, exist_ok=True)
        source, stub = workdir / "icudata_stub.c", workdir / PurePosixPath(dest).name
        source.write_text(_ICU_STUB_C.format(symbol=symbol), encoding="utf-8")
        compiler = os.environ.get("CC", "cc")
        try:
            subprocess.run(
                [compiler, "-shared", "-fPIC", "-o", str(stub), f"-Wl,-soname,{stub.name}", str(source)],
                check=True,
                capture_output=True,
                text=True,
            )
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"kiosk_trim: no C compiler ({error}); keeping ICU's full data", file=sys.stderr)
            return binaries
        print(f"kiosk_trim: {dest} replaced by ICU's empty stub data ({stub.stat().st_size} bytes)", file=sys.stderr)
        replaced.append((dest, str(stub), typecode))
    return replaced


def trim_analysis(analysis, required_qml: Iterable[str], workdir: Path | None = None) -> None:
    """Apply the trimming to a PyInstaller `Analysis`, in place, and say what went.

    With a `workdir`, ICU's data is replaced by its stub too (see icu_stub)."""
    from PyInstaller.depend.bindepend import get_imports
    from PyInstaller.utils.hooks.qt import pyside6_library_info

    qml_root = Path(pyside6_library_info.location["QmlImportsPath"])
    kept_qml = qml_closure(qml_root, required_qml)
    print(f"kiosk_trim: QML modules kept: {', '.join(sorted(kept_qml))}", file=sys.stderr)
    trimmer = QtTrimmer(pyside6_library_info.qt_rel_dir, qml_root, kept_qml)
    collected = analysis.binaries
    analysis.binaries = trimmer.filter(collected)
    analysis.datas = [entry for entry in trimmer.filter(analysis.datas) if "__pycache__" not in entry[0]]
    print(f"kiosk_trim: {len(trimmer.dropped)} QML, plugin and translation files left out", file=sys.stderr)
    # Libraries left out on purpose go first, so that what only they link goes with them.
    unused = [e[0] for e in analysis.binaries if _name(e).startswith(UNUSED_LIBRARIES)]
    analysis.binaries = [e for e in analysis.binaries if not _name(e).startswith(UNUSED_LIBRARIES)]
    print(f"kiosk_trim: libraries nothing loads: {', '.join(unused) or 'none'}", file=sys.stderr)
    system = [e[0] for e in analysis.binaries if _name(e).startswith(SYSTEM_LIBRARIES)]
    analysis.binaries = [e for e in analysis.binaries if not _name(e).startswith(SYSTEM_LIBRARIES)]
    print(f"kiosk_trim: left to the system: {', '.join(system) or 'none'}", file=sys.stderr)
    analysis.binaries, orphans = prune_orphaned_libraries(collected, analysis.binaries, get_imports)
    print(f"kiosk_trim: libraries nothing links to any more: {', '.join(orphans)}", file=sys.stderr)
    # PyInstaller 6 adds top-level symbolic links to libraries (libQt6Core.so.6 ->
    # PySide6/Qt/lib/libQt6Core.so.6): drop those whose target is gone.
    present = {entry[0].replace("\\", "/") for entry in (*analysis.binaries, *analysis.datas) if entry[2] != "SYMLINK"}

    def target_present(entry: tuple[str, str, str]) -> bool:
        link = PurePosixPath(entry[0].replace("\\", "/"))
        return posixpath.normpath(str(link.parent / entry[1].replace("\\", "/"))) in present

    analysis.binaries = [e for e in analysis.binaries if e[2] != "SYMLINK" or target_present(e)]
    analysis.datas = [e for e in analysis.datas if e[2] != "SYMLINK" or target_present(e)]
    if workdir is not None:
        analysis.binaries = icu_stub(analysis.binaries, workdir)


#: PyInstaller run-time hooks the frozen kiosk does without, and why. `pyi_rth_pyside6`
#: imports PySide6.QtCore in every process of the executable, to check for a qt.conf that
#: PySide6's wheels make themselves when QtCore is first imported; the supervisor, which
#: never uses Qt, paid for loading Qt at every launch (about 0.1 s of processor time).
#: freeze/rthook_kiosk.py sets the two places that hook set (QT_PLUGIN_PATH, QML2_IMPORT_PATH).
DROPPED_RUNTIME_HOOKS = ("pyi_rth_pyside6",)


def drop_runtime_hooks(analysis, names: Iterable[str] = DROPPED_RUNTIME_HOOKS) -> None:
    """Remove PyInstaller's run-time hooks `names` from an `Analysis`'s scripts, in place;
    refuse to build if one is not there (a PyInstaller that renamed it may do more in it)."""
    names = set(names)
    present = {entry[0] for entry in analysis.scripts}
    if names - present:
        missing = sorted(names - present)
        raise SystemExit(f"kiosk_trim: PyInstaller has no run-time hook {missing}: check what replaced it")
    analysis.scripts = [entry for entry in analysis.scripts if entry[0] not in names]


def pyside_dir() -> Path:
    """The installed PySide6 package folder."""
    import PySide6

    return Path(PySide6.__file__).parent
