"""Small recordings made by the tests themselves (the stdlib's `wave`): no sound file is
shipped for tests. No Qt here: unit and GUI tests both use it."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path


def write_wav(path: Path, seconds: float = 0.5, rate: int = 8000, tone: bool = True) -> Path:
    """A mono 16-bit WAV of `seconds` (a quiet 440 Hz tone, or silence)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = round(seconds * rate)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        if tone:
            step = 2 * math.pi * 440 / rate
            out.writeframes(b"".join(struct.pack("<h", int(3000 * math.sin(i * step))) for i in range(frames)))
        else:
            out.writeframes(b"\0\0" * frames)
    return path


def write_long_wav(path: Path, seconds: float) -> Path:
    """A long recording made cheaply: 8-bit silence at 100 samples a second (2 h = 720 kB)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(100)
        out.writeframes(b"\x80" * round(seconds * 100))
    return path
