"""Where the application's own files are, in a source checkout and in a frozen build.

Never the current directory: the kiosk is started from anywhere (a service, a shortcut).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: The name the kiosk's folders (logs, caches, data) and settings go by on every system.
APP_NAME = "base1119-kiosk"
#: An installer may put the picture cache elsewhere (another disk): set this to a folder.
PICTURE_CACHE_ENVIRONMENT = "KIOSK_IMAGE_CACHE"
#: The exhibition PC's settings, beside the executable (read by kiosk.services.config).
CONFIG_FILE = "kiosk.yaml"
#: Set by the Linux one file (freeze/onefile.sh) to its own path before it runs the program
#: it unpacked into a kept folder: the executable the installer put on the PC.
ONE_FILE_ENVIRONMENT = "KIOSK_ONE_FILE"


def is_frozen() -> bool:
    """True in the executable built by PyInstaller."""
    return bool(getattr(sys, "frozen", False))


def installed_executable() -> Path:
    """The executable the installer put on the PC: the Linux one file, whose program runs
    from the folder it unpacked into, or else this program itself."""
    one_file = os.environ.get(ONE_FILE_ENVIRONMENT)
    if one_file and is_frozen():
        return Path(one_file).resolve()
    return Path(sys.executable).resolve()


def program_location() -> str:
    """Where this program runs from, in words (for `kiosk doctor` and `--self-test`)."""
    if not is_frozen():
        return f"from source, {app_root()}"
    unpacked = app_root()
    installed = installed_executable()
    if installed != Path(sys.executable).resolve():
        return f"frozen, one file: {installed}, unpacked once in {unpacked.parent}"
    kind = "one folder" if unpacked.parent == Path(sys.executable).parent else "one file"
    return f"frozen, {kind}: {sys.executable}, unpacked in {unpacked}"


def find_config(explicit: Path | None) -> Path | None:
    """`--config PATH` when given, else kiosk.yaml beside the executable, else none.

    Never the current directory: the kiosk is started by a service or a shortcut from
    anywhere. From source there is no implicit kiosk.yaml: pass `--config`. Here, not in
    kiosk.services.config, so the supervisor learns there is no kiosk.yaml without loading
    the settings' reader (pydantic and the content schema) before it starts the exhibit.
    """
    if explicit is not None:
        return explicit
    if is_frozen():
        beside = installed_executable().parent / CONFIG_FILE
        if beside.is_file():
            return beside
    return None


def app_root() -> Path:
    """The folder holding `kiosk/`, `resources/` and the default `content/`."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return app_root() / "resources"


def default_content_dir() -> Path:
    return app_root() / "content"


def user_data_folder() -> Path:
    """The kiosk user's own data: the last-known-good content and the PIN lockout. Not the
    cache folder, which some systems empty on their own."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def qml_dir() -> Path:
    return Path(__file__).resolve().parent / "qml"


def picture_cache_folder() -> Path:
    """`$KIOSK_IMAGE_CACHE`, else the platform's cache folder (~/.cache/base1119-kiosk/images)."""
    configured = os.environ.get(PICTURE_CACHE_ENVIRONMENT, "").strip()
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "images"
