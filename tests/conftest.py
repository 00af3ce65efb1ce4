"""Test-wide settings: headless Qt, software rendering, and no writes to the real user's folders."""

from __future__ import annotations

import os

import pytest

# Before any Qt import: no display, the software scene graph (as on a PC without a GPU).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_QUICK_BACKEND"] = "software"
os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test under tests/gui gets the `gui` marker."""
    for item in items:
        if "tests/gui/" in item.nodeid.replace(os.sep, "/") or item.nodeid.startswith("gui/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep logs, caches and config of tests away from the real user's folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
