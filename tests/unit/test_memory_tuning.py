"""kiosk/bridge/memory.py: large blocks go back to the system on glibc; nothing elsewhere."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import platform
import sys

import pytest

from kiosk.bridge import memory


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
                    reason="glibc only")
def test_glibc_takes_the_threshold_and_a_freed_large_block_leaves_the_process() -> None:
    assert memory.tune_allocator()
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    size = 8 * 1024 * 1024
    # Left to itself, glibc would raise its threshold past 16 MB once this block is freed,
    # and the next one would come from a heap that keeps it when freed.
    libc.free(libc.malloc(2 * size))
    block = libc.malloc(size)
    assert block
    ctypes.memset(block, 1, size)  # its pages are resident now
    before = resident()
    libc.free(block)
    assert before - resident() >= size * 0.9
    memory.give_back()


def resident() -> int:
    """Resident bytes of this process (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_elsewhere_nothing_is_tuned(monkeypatch) -> None:
    monkeypatch.setattr(memory.sys, "platform", "win32")
    assert memory.tune_allocator() is False
    memory.give_back()  # collects Python's cycles only
