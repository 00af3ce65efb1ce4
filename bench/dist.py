"""The frozen kiosk beside a bare Qt Quick app frozen the same way: size and launch time.

Measures, for each build found in dist/ (make dist, make dist-dir, make dist-minimal):

- size: the one file, or the whole one folder;
- launch: process start to the first frame of the home screen (the minimal app: of its
  only window), median of BENCH_RUNS fresh processes after one warm-up run, offscreen with
  the software renderer. The apps print `FIRST_FRAME <unix time>` when
  KIOSK_EXIT_AT_FIRST_FRAME=1 is set (kiosk/bridge/engine.py), as bench/startup.py
  times the kiosk from source;
- CPU: the processor time of each whole run, unpacking and clean-up included: a steadier
  figure than the launch time when other programs share the machine.

A one-file build unpacks itself into a temporary folder at every launch, so its launch
time includes that unpacking: size is speed; on Linux it is measured again unpacking into
/dev/shm (memory). Targets: the one file <= 80 MB, its launch <= 1.5 s median.
`dist/untrimmed/kiosk` (`pyinstaller build.spec -- --untrimmed`) is measured too when
present, to show what the trimming saves. Prints JSON.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DIST = REPO / "dist"
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
TARGET_MB = 80
TARGET_MS = 1500
EXE = ".exe" if sys.platform == "win32" else ""

BUILDS = {
    "kiosk_onefile": DIST / f"kiosk{EXE}",
    "kiosk_onedir": DIST / "kiosk-dir" / f"kiosk{EXE}",
    "minimal_onefile": DIST / f"minimal{EXE}",
    "minimal_onedir": DIST / "minimal-dir" / f"minimal{EXE}",
    "kiosk_onefile_untrimmed": DIST / "untrimmed" / f"kiosk{EXE}",
}


def size_mb(executable: Path) -> float:
    if executable.parent.name.endswith("-dir"):
        files = [path for path in executable.parent.rglob("*") if path.is_file() and not path.is_symlink()]
        return sum(path.stat().st_size for path in files) / 1e6
    return executable.stat().st_size / 1e6


def children_cpu_ms() -> float:
    if not hasattr(os, "wait4"):  # Windows: no resource module
        return 0.0
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000.0


def launch_ms(executable: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall-clock ms to the first frame, CPU ms of the whole run, unpacking and clean-up included)."""
    cpu_before = children_cpu_ms()
    start = time.time()
    result = subprocess.run([str(executable)], capture_output=True, text=True, env=env, timeout=120, check=False)
    stamps = [line for line in result.stdout.splitlines() if line.startswith("FIRST_FRAME")]
    if result.returncode != 0 or not stamps:
        raise SystemExit(f"{executable} failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    return (float(stamps[0].split()[1]) - start) * 1000.0, children_cpu_ms() - cpu_before


def measure(name: str, executable: Path, env: dict[str, str], runs: int) -> dict[str, object]:
    launch_ms(executable, env)  # warm the OS file cache, as on a PC that has run the kiosk before
    runs_ = [launch_ms(executable, env) for _ in range(runs)]
    times = [wall for wall, _ in runs_]
    figures: dict[str, object] = {
        "size_mb": round(size_mb(executable), 1),
        "launch_median_ms": round(statistics.median(times), 1),
        "launch_min_ms": round(min(times), 1),
        "launch_max_ms": round(max(times), 1),
        # Less sensitive than wall-clock time to other programs sharing the machine.
        "cpu_median_ms": round(statistics.median(cpu for _, cpu in runs_), 1),
    }
    if name == "kiosk_onefile":
        figures["meets_size_target"] = figures["size_mb"] <= TARGET_MB  # type: ignore[operator]
        figures["meets_launch_target"] = figures["launch_median_ms"] <= TARGET_MS  # type: ignore[operator]
    return figures


def main() -> int:
    found = {name: path for name, path in BUILDS.items() if path.is_file()}
    if "kiosk_onefile" not in found:
        print("bench/dist.py: build first: make dist dist-dir dist-minimal", file=sys.stderr)
        return 2
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            QT_QUICK_BACKEND="software",
            KIOSK_EXIT_AT_FIRST_FRAME="1",
            XDG_STATE_HOME=str(Path(folder) / "state"),  # the kiosk's log, away from the user's
        )
        for name, executable in found.items():
            # The untrimmed build only shows the size the trimming saves: a few runs are enough.
            results[name] = measure(name, executable, env, RUNS if "untrimmed" not in name else min(RUNS, 3))
        if sys.platform.startswith("linux") and Path("/dev/shm").is_dir():
            # The same one file unpacking into memory (TMPDIR=$XDG_RUNTIME_DIR on a desktop).
            with tempfile.TemporaryDirectory(prefix="kiosk-bench-", dir="/dev/shm") as ram:
                figures = measure("in_ram", found["kiosk_onefile"], dict(env, TMPDIR=ram), RUNS)
                results["kiosk_onefile_unpacked_in_ram"] = figures
    print(
        json.dumps(
            {
                "benchmark": "frozen_size_and_launch_to_first_frame",
                "runs": RUNS,
                "target_onefile_mb": TARGET_MB,
                "target_onefile_launch_ms": TARGET_MS,
                "renderer": "software, offscreen",
                "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
                "builds": results,
                "missing": sorted(set(BUILDS) - set(found)),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
