"""Giving memory back to the system, on Linux (glibc); nothing elsewhere.

Measured with bench/soak.py (a seeded visitor of thousands of touches): the kiosk's large
blocks (map tiles and labels of about 1 MB, decoded pictures) are freed as they should be,
but glibc keeps what it freed. It raises its threshold for giving large blocks their own
mapping each time one is freed, so later ones come from heaps that never shrink while a
small block lives above them: resident memory climbed by 100 to 150 MB a visit and did
not come down when the visitor left. Two calls keep it where it belongs:

- `tune_allocator()`, once at start: blocks of `MMAP_THRESHOLD_BYTES` or more that the
  heaps have no free room for get a mapping of their own, handed back to the system the
  moment they are freed, rather than growing a heap (the threshold no longer moves). Costs
  a system call or two per large block: a few per tile drawn.
- `give_back()`, at an idle reset: Python's unreachable objects collected, then glibc
  asked to hand back the free tops and pages of its heaps (`malloc_trim`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import sys

log = logging.getLogger(__name__)

#: Blocks this large or larger are mapped on their own (when no free room in a heap fits
#: them) and returned when freed: glibc's M_MMAP_THRESHOLD, fixed rather than left to rise
#: to 32 MB. A map tile is 1 MB.
MMAP_THRESHOLD_BYTES = 256 * 1024
_M_MMAP_THRESHOLD = -3  # from glibc's malloc.h


def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    # musl and others have neither call: nothing to tune.
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def tune_allocator() -> bool:
    """Fix glibc's threshold for mapping large blocks (see the module's words); True if done."""
    libc = _glibc()
    if libc is None:
        return False
    done = bool(libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))
    if not done:
        log.info("the C library did not take the large-block threshold; memory is managed as it decides")
    return done


def give_back() -> None:
    """After a visitor has gone: collect Python's cycles, hand freed memory back to the system."""
    gc.collect()
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
