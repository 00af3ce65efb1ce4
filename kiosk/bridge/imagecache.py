"""The picture cache filled behind the exhibit, which never waits for it.

The exhibit opens at once whatever the state of the picture cache (a first start ever, 200
new camera photos, a wiped cache): a picture whose scaled copy is not made yet is shown from
the original, decoded off the GUI thread at the size it is drawn (MediaImage's `sourceSize`:
a JPEG is decoded straight at 1/2, 1/4 or 1/8 of its size), behind a placeholder of the
frame's size, so nothing moves when it arrives. Meanwhile
`kiosk.services.picturecache.BackgroundPreparation` scales the pictures in worker processes
of low priority; each page built after a picture's copy is made shows the copy.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.bridge.controller import KioskController
from kiosk.bridge.reload import ContentHost
from kiosk.services.picturecache import BackgroundPreparation

#: The exhibit's first frames come first: the worker processes start after this.
START_DELAY_S = 1.0


def fill_behind(
    host: ContentHost,
    folder: Path | None = None,
    workers: int | None = None,
    start_delay_s: float = START_DELAY_S,
) -> BackgroundPreparation:
    """Prepare the pictures of the exhibit `host` shows, now and after every content swap.
    Call `stop()` on the result at the end of the run."""
    preparation = BackgroundPreparation(folder, workers, start_delay_s)

    def follow(current: KioskController) -> None:
        preparation.prepare(current.exhibit)

    host.on_new_kiosk(follow)
    return preparation


__all__ = ["START_DELAY_S", "fill_behind"]
