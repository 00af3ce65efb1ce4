"""The default exhibit passes the screen audit at the four screen shapes it must serve.

Every screen (60 per size: 20 in each of French, English and Dutch, the closed screen included) is rendered and checked
by `kiosk snapshot --audit`: no text cut or elided, no texts or buttons over each other,
nothing past the window's edge, every text at least 4.5:1 against what is behind it (3:1
when large). Run in a process of its own per size, as a curator or CI runs it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.audit import audit_problems

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("size", ["1920x1080", "1280x720", "3840x2160", "1080x1920"])
def test_every_screen_of_the_default_exhibit_passes_the_audit(size: str, tmp_path: Path) -> None:
    code, lines = audit_problems(tmp_path, "--size", size)
    assert not lines, f"{len(lines)} problem(s) at {size}:\n" + "\n".join(lines[:60])
    assert code == 0
