"""`kiosk run` on the exhibition PC's morning start: the last known good copy, unchanged
since it was checked, is shown from what was loaded then (kiosk/services/warmstart.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from kiosk.cli import main
from kiosk.content.loader import load_exhibit
from kiosk.services import swap, warmstart
from kiosk.services.lastgood import LastGoodStore
from kiosk.services.swap import Intake
from kiosk.services.watch import fingerprint
from tests.helpers.content import copy_content
from tests.helpers.run import Run


@pytest.mark.parametrize("kept", ["kept", "damaged"])
def test_kiosk_run_shows_the_copy_without_loading_it_again(
    kept: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = copy_content(tmp_path)
    store = tmp_path / "store"
    generation = Intake(content, LastGoodStore(store)).take(fingerprint(content)).generation
    assert generation is not None
    if kept == "damaged":
        warmstart.cache_path(generation).write_bytes(b"kiosk loaded content\n{")
    loads: list[Path] = []

    def spy(root: Path, thorough: bool = True) -> object:
        loads.append(root)
        return load_exhibit(root, thorough)

    monkeypatch.setattr(swap, "load_exhibit", spy)
    assert main(["--content", str(content), "--lastgood", str(store), "--size", "960x540"]) == 0
    assert run.seen["status"] == "ready"
    backdrop = Path(QUrl(str(run.seen["backdrop"])).toLocalFile())
    assert backdrop.is_relative_to(generation.content), "shown from the copy"
    assert loads == ([] if kept == "kept" else [generation.content])
    assert warmstart.recall(generation) is not None, "kept for the next start"
