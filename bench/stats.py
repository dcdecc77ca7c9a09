"""Small helpers shared by the benchmarks: percentiles and the machine description."""

from __future__ import annotations

import os
import platform
import statistics
import sys


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank: with few samples, p99 is the worst one."""
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def summary_ms(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {"median": statistics.median(ms), "p99": percentile(ms, 99), "min": min(ms), "runs": len(ms)}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            names = [line.split(":", 1)[1].strip() for line in info if line.startswith("model name")]
        if names:
            cpu = names[0]
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {sys.version.split()[0]}"
