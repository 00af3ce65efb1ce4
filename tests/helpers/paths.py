"""Where the tests find the repository, wherever the test file sits in tests/."""

from __future__ import annotations

from pathlib import Path

#: This folder: the helper programs the tests start as child processes.
HELPERS = Path(__file__).resolve().parent
#: The repository's root (this checkout).
REPO = HELPERS.parents[1]
