"""kiosk/paths.py: finding kiosk.yaml costs the supervisor nothing (no settings reader loaded)."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers.paths import REPO


def test_looking_for_kiosk_yaml_loads_neither_pydantic_nor_the_settings_reader() -> None:
    """The supervisor asks kiosk.paths.find_config first, and reads kiosk.yaml (with pydantic
    and the content schema) only when there is one: it starts the exhibit sooner."""
    code = (
        "import sys; from kiosk.paths import find_config; assert find_config(None) is None; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic' or m == 'kiosk.services.config'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "[]"


def test_the_settings_reader_still_offers_find_config() -> None:
    from kiosk import paths
    from kiosk.services import config

    assert config.find_config is paths.find_config
    assert config.CONFIG_FILE == paths.CONFIG_FILE == "kiosk.yaml"
