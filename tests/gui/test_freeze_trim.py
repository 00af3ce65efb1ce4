"""freeze/kiosk_trim.py: what the frozen kiosk keeps of Qt. Build-time code, tested without
building (a build takes a minute; `make smoke` then proves the result runs)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("kiosk_trim", REPO / "freeze" / "kiosk_trim.py")
assert _spec and _spec.loader
trim = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(trim)


@pytest.fixture
def qml_root(tmp_path: Path) -> Path:
    """A small installed-Qt `qml` folder: modules with their qmldir and a few .qml files."""

    def module(name: str, qmldir_extra: str = "", files: dict[str, str] | None = None) -> None:
        folder = tmp_path.joinpath(*name.split("."))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "qmldir").write_text(f"module {name}\nplugin x\n{qmldir_extra}", encoding="utf-8")
        for file, text in (files or {}).items():
            (folder / file).write_text(text, encoding="utf-8")

    module("QtQml", "import QML 1.0\nimport QtQml.Models auto\n")
    module("QtQml.Models")
    module("QtQuick", "import QtQml auto\n")
    module("QtQuick.Templates", "depends QtQuick auto\n")
    module(
        "QtQuick.Controls", "optional import QtQuick.Controls.Material auto\ndefault import QtQuick.Controls.Basic\n"
    )
    module("QtQuick.Controls.Material")
    module("QtQuick.Controls.impl")
    module(
        "QtQuick.Controls.Basic",
        "depends QtQuick.Templates auto\n",
        {"Button.qml": "import QtQuick\nimport QtQuick.Controls.impl\nimport QtQuick.Templates as T\nT.Button {}\n"},
    )
    module("QtQuick.Particles")
    return tmp_path


def test_closure_follows_qmldir_and_qml_imports_but_not_optional_ones(qml_root: Path) -> None:
    kept = trim.qml_closure(qml_root, ["QtQuick.Controls.Basic"])
    assert kept == {
        "QtQuick.Controls.Basic",
        "QtQuick.Templates",
        "QtQuick.Controls.impl",
        "QtQuick",
        "QtQml",
        "QtQml.Models",
    }


def test_closure_refuses_a_module_that_is_not_installed(qml_root: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"QtQuick\.Gone"):
        trim.qml_closure(qml_root, ["QtQuick", "QtQuick.Gone"])


def test_the_kiosks_closure_on_the_installed_qt_keeps_basic_and_drops_other_styles() -> None:
    import PySide6

    from kiosk.bridge.engine import REQUIRED_QML_MODULES

    root = Path(PySide6.__file__).parent / "Qt" / "qml"
    if not root.is_dir():
        pytest.skip("this PySide6 keeps its QML elsewhere (Windows layout)")
    kept = trim.qml_closure(root, REQUIRED_QML_MODULES)
    assert {"QtQuick.Controls.Basic", "QtQuick.Controls.impl", "QtQuick.Templates", "QtQuick.Shapes"} <= kept
    assert not {
        m
        for m in kept
        if m.startswith(
            (
                "QtQuick.Controls.Material",
                "QtQuick.Controls.Fusion",
                "QtQuick3D",
                "QtQuick.Particles",
                "QtQuick.VirtualKeyboard",
            )
        )
    }


@pytest.mark.parametrize("qt_dir", ["PySide6/Qt", "PySide6"])  # Linux and macOS, Windows
def test_trimmer_keeps_what_the_kiosk_needs_and_drops_the_rest(qml_root: Path, qt_dir: str) -> None:
    trimmer = trim.QtTrimmer(qt_dir, qml_root, {"QtQuick", "QtQml", "QtQuick.Controls.Basic"})
    kept = [
        "kiosk/qml/Kiosk/Main.qml",
        "PySide6/QtCore.abi3.so",
        f"{qt_dir}/lib/libQt6Core.so.6",
        f"{qt_dir}/qml/QtQuick/qmldir",
        f"{qt_dir}/qml/QtQuick/libqtquick2plugin.so",
        f"{qt_dir}/qml/QtQuick/Controls/Basic/Button.qml",
        f"{qt_dir}/plugins/platforms/libqxcb.so",
        f"{qt_dir}/plugins/platforms/qwindows.dll",
        f"{qt_dir}/plugins/imageformats/libqsvg.so",
        f"{qt_dir}/plugins/imageformats/qjpeg.dll",
        f"{qt_dir}/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    ]
    dropped = [
        f"{qt_dir}/translations/qtbase_fr.qm",
        f"{qt_dir}/qml/builtins.qmltypes",
        f"{qt_dir}/qml/QtQuick/plugins.qmltypes",
        f"{qt_dir}/qml/QtQuick/Particles/qmldir",
        f"{qt_dir}/qml/QtQuick/Controls/qmldir",  # QtQuick.Controls itself is not kept, only its Basic style
        f"{qt_dir}/qml/QtQuick/Controls/Material/qmldir",
        f"{qt_dir}/plugins/platforms/libqeglfs.so",
        f"{qt_dir}/plugins/platformthemes/libqgtk3.so",
        f"{qt_dir}/plugins/imageformats/libqtiff.so",
        f"{qt_dir}/plugins/tls/libqopensslbackend.so",
        f"{qt_dir}/plugins/qmltooling/libqmldbg_debugger.so",
    ]
    assert [path for path in kept if not trimmer.keep(path)] == []
    assert [path for path in dropped if trimmer.keep(path)] == []


def test_orphaned_libraries_go_roots_and_their_libraries_stay() -> None:
    links = {
        "/s/QtQuick.abi3.so": ["libQt6Quick.so.6", "libQt6Core.so.6"],
        "/s/libQt6Quick.so.6": ["libQt6Core.so.6"],
        "/s/libQt6Core.so.6": ["libicuuc.so.73"],
        "/s/libicuuc.so.73": [],
        "/s/libqtquickparticles.so": ["libQt6QuickParticles.so.6", "libQt6Quick.so.6"],
        "/s/libQt6QuickParticles.so.6": ["libQt6Quick.so.6", "libparticles-helper.so"],
        "/s/libparticles-helper.so": [],
        "/s/libloaded-with-ctypes.so": [],
    }

    def get_imports(src: str) -> list[tuple[str, None]]:
        return [(name, None) for name in links[src]]

    def entry(src: str) -> tuple[str, str, str]:
        return (f"lib/{Path(src).name}", src, "BINARY")

    before = [entry(src) for src in links]
    after = [e for e in before if "libqtquickparticles" not in e[0]]
    kept, dropped = trim.prune_orphaned_libraries(before, after, get_imports)
    assert dropped == ["lib/libQt6QuickParticles.so.6", "lib/libparticles-helper.so"]
    assert {e[0] for e in kept} == {
        "lib/QtQuick.abi3.so",
        "lib/libQt6Quick.so.6",
        "lib/libQt6Core.so.6",
        "lib/libicuuc.so.73",
        "lib/libloaded-with-ctypes.so",
    }


def test_a_library_left_to_the_system_takes_what_only_it_brought() -> None:
    # Direct links, as a binary names them: D-Bus's library alone brought systemd's.
    links = {
        "/s/QtDBus.abi3.so": ["libQt6DBus.so.6"],
        "/s/libQt6DBus.so.6": ["libdbus-1.so.3", "libQt6Core.so.6"],
        "/s/libQt6Core.so.6": ["libzstd.so.1"],
        "/s/libdbus-1.so.3": ["libsystemd.so.0"],
        "/s/libsystemd.so.0": ["libgcrypt.so.20", "libzstd.so.1"],
        "/s/libgcrypt.so.20": [],
        "/s/libzstd.so.1": [],
    }

    def entry(src: str) -> tuple[str, str, str]:
        return (Path(src).name, src, "BINARY")

    before = [entry(src) for src in links]
    after = [e for e in before if e[0] != "libdbus-1.so.3"]
    kept, dropped = trim.prune_orphaned_libraries(before, after, lambda src: [(n, None) for n in links[src]])
    assert dropped == ["libgcrypt.so.20", "libsystemd.so.0"]
    assert "libzstd.so.1" in {e[0] for e in kept}


def test_a_binarys_own_links_are_read_from_its_elf_file(tmp_path: Path) -> None:
    import shutil
    import subprocess

    import PySide6

    library = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libQt6DBus.so.*"), None)
    if library is None or shutil.which("readelf") is None:
        pytest.skip("needs Qt's shared libraries (Linux wheels) and readelf")
    listed = subprocess.run(["readelf", "-d", str(library)], capture_output=True, text=True, check=True).stdout
    expected = [line.split("[", 1)[1].rstrip("]") for line in listed.splitlines() if "(NEEDED)" in line]
    assert trim._elf_needed(library) == expected
    assert "libQt6Core.so.6" in expected
    (tmp_path / "notes.txt").write_text("not a binary", encoding="utf-8")
    assert trim._elf_needed(tmp_path / "notes.txt") is None


def test_the_bindings_of_what_qtqml_imports_are_kept() -> None:
    needed = trim.pyside_modules_needed({"QtQml", "QtQuick"})
    assert {"QtCore", "QtQml", "QtNetwork", "QtQuick"} <= needed
    assert "QtWidgets" not in needed


def test_pillow_keeps_the_plugins_of_the_content_formats() -> None:
    excluded = trim.pillow_excludes()
    for kept in ("PIL.PngImagePlugin", "PIL.JpegImagePlugin", "PIL.WebPImagePlugin", "PIL.GifImagePlugin"):
        assert kept not in excluded
    assert "PIL.AvifImagePlugin" in excluded and "PIL._avif" in excluded
    assert "PIL.PsdImagePlugin" in excluded


def test_icu_stub_is_the_empty_icu_package_under_the_same_name(tmp_path: Path) -> None:
    import ctypes
    import shutil
    import sys

    if not sys.platform.startswith("linux") or shutil.which("cc") is None:
        pytest.skip("the ICU stub is built on Linux with a C compiler")
    original = tmp_path / "libicudata.so.99"
    original.write_bytes(b"\0ELF... icudt99_dat ...")  # only its symbol name is read
    other = ("PySide6/Qt/lib/libQt6Core.so.6", "/x/libQt6Core.so.6", "BINARY")
    binaries = trim.icu_stub([other, ("PySide6/Qt/lib/libicudata.so.99", str(original), "BINARY")], tmp_path / "w")
    assert binaries[0] == other
    dest, stub, _ = binaries[1]
    assert dest == "PySide6/Qt/lib/libicudata.so.99" and stub != str(original)
    header = (ctypes.c_ubyte * 32).in_dll(ctypes.CDLL(stub), "icudt99_dat")
    data = bytes(header)
    assert data[:4] == bytes([32, 0, 0xDA, 0x27])  # header size, ICU's magic
    assert data[12:16] == b"ToCP"  # ICU's table-of-contents package format
    assert data[24:32] == bytes(8)  # padding, then no entries
    assert Path(stub).stat().st_size < 100_000


def test_icu_stub_refuses_a_library_without_the_expected_symbol(tmp_path: Path) -> None:
    import sys

    if not sys.platform.startswith("linux"):
        pytest.skip("Linux only")
    original = tmp_path / "libicudata.so.99"
    original.write_bytes(b"something else")
    with pytest.raises(SystemExit, match="icudt99_dat"):
        trim.icu_stub([("libicudata.so.99", str(original), "BINARY")], tmp_path / "w")


def test_no_pillow_module_the_kiosk_imports_is_left_out() -> None:
    """The build drops Pillow modules; none the kiosk's own code imports may be among them."""
    import re

    package = REPO / "kiosk"
    imported: set[str] = set()
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for names in re.findall(r"^\s*from PIL import ([\w, ]+)", text, re.MULTILINE):
            imported.update(f"PIL.{name.strip()}" for name in names.split(","))
        imported.update(re.findall(r"^\s*import (PIL\.\w+)", text, re.MULTILINE))
    assert "PIL.ImageCms" in imported  # the scan sees the picture cache's import
    assert not imported & set(trim.PILLOW_EXCLUDES)


def test_no_module_the_kiosk_imports_is_left_out() -> None:
    """The build leaves out pydantic's mypy plugin, rich, pygments, pdb, curses, readline and
    ssl; the kiosk's own code must import none of them."""
    import re

    left_out = set(trim.STDLIB_EXCLUDES) | set(trim.THIRD_PARTY_EXCLUDES)
    found = []
    for source in (REPO / "kiosk").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for name in re.findall(r"^\s*(?:from|import) ([\w.]+)", text, re.MULTILINE):
            if any(name == gone or name.startswith(gone + ".") for gone in left_out):
                found.append(f"{source.relative_to(REPO)}: {name}")
    assert found == []


def test_runtime_hooks_are_dropped_by_name_and_a_missing_one_stops_the_build() -> None:
    from types import SimpleNamespace

    analysis = SimpleNamespace(
        scripts=[
            ("rthook_kiosk", "/f/rthook_kiosk.py", "PYSOURCE"),
            ("pyi_rth_pyside6", "/p/pyi_rth_pyside6.py", "PYSOURCE"),
            ("__main__", "/k/__main__.py", "PYSOURCE"),
        ]
    )
    trim.drop_runtime_hooks(analysis)
    assert [name for name, _path, _kind in analysis.scripts] == ["rthook_kiosk", "__main__"]
    with pytest.raises(SystemExit, match="pyi_rth_pyside6"):
        trim.drop_runtime_hooks(analysis)


def test_the_runtime_hook_sets_the_places_pyinstallers_pyside6_hook_set(tmp_path: Path) -> None:
    import subprocess
    import sys

    unpacked = tmp_path / "_MEIabc123"
    code = (
        "import os, runpy, sys; sys._MEIPASS = sys.argv[1]; sys.frozen = True; "
        "runpy.run_path(sys.argv[2]); "
        "print(os.environ['QT_PLUGIN_PATH']); print(os.environ['QML2_IMPORT_PATH']); "
        "print(os.environ.get('QML_DISK_CACHE')); print(os.environ.get('QML_DISABLE_DISK_CACHE'))"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("QML")}
    result = subprocess.run(
        [sys.executable, "-c", code, str(unpacked), str(REPO / "freeze" / "rthook_kiosk.py")],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    plugins, qml, cache, disabled = result.stdout.splitlines()
    qt = unpacked / "PySide6" if sys.platform == "win32" else unpacked / "PySide6" / "Qt"
    assert (plugins, qml) == (str(qt / "plugins"), str(qt / "qml"))
    # A one-file build (a _MEI folder elsewhere than the executable) reads compiled QML, writes no cache.
    assert (cache, disabled) == ("aot,qmlc-read", "None")
