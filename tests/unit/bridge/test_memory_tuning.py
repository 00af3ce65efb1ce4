"""kiosk/bridge/memory.py: large blocks go back to the system on glibc; nothing elsewhere."""

from __future__ import annotations

import platform
import subprocess
import sys
import textwrap

import pytest

from kiosk.bridge import memory
from tests.helpers.paths import REPO

#: Run in a fresh process: in one that has already freed a lot (other tests), a large block
#: may be served from free room in the heap, which no threshold changes.
PROBE = textwrap.dedent("""
    import ctypes, ctypes.util, os, sys
    from kiosk.bridge import memory

    def resident():
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    tuned = "tune" in sys.argv and memory.tune_allocator()
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    size = 8 * 1024 * 1024
    # Left to itself, glibc raises its threshold past 16 MB once this block is freed, and
    # the next large one comes from a heap that keeps it when freed.
    libc.free(libc.malloc(2 * size))
    block = libc.malloc(size)
    ctypes.memset(block, 1, size)  # its pages are resident now
    before = resident()
    libc.free(block)
    print(tuned, (before - resident()) / size)
""")


def freed_share(*args: str) -> tuple[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True, timeout=60, cwd=REPO
    ).stdout.split()
    return out[0], float(out[1])


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_with_the_threshold_fixed_a_freed_large_block_leaves_the_process() -> None:
    assert freed_share("tune") == ("True", pytest.approx(1.0, abs=0.1))
    assert freed_share()[1] < 0.5  # without it, glibc keeps it


def test_elsewhere_nothing_is_tuned(monkeypatch) -> None:
    monkeypatch.setattr(memory.sys, "platform", "win32")
    assert memory.tune_allocator() is False
    memory.give_back()  # collects Python's cycles only
