"""Cold start-up of the `supple` command, against a bare `python -c pass` in the same run.

Each run is a fresh process, as a person typing the command gets. Budgets (DESIGN.md):
`supple --help` under 150 ms and `supple plan ...` under 300 ms wall, median.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.stats import summary_ms

SUPPLE = str(Path(sys.executable).parent / "supple")
COMMANDS: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "supple --help": [str(Path(sys.executable).parent / "supple"), "--help"],
    "supple catalog --json": [str(Path(sys.executable).parent / "supple"), "catalog", "--json"],
    "supple show pigeon-pose": [str(Path(sys.executable).parent / "supple"), "show", "pigeon-pose"],
    "supple plan --for sciatica hip-pain --minutes 30 --json": [
        SUPPLE, "plan", "--for", "sciatica", "hip-pain", "--minutes", "30", "--json",
    ],
}  # fmt: skip


def time_command(argv: list[str], *, runs: int, env: dict[str, str]) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds per run. The CPU time is what the code costs; wall
    time adds waiting, e.g. for .pyc files this VM's small page cache has let go."""
    subprocess.run(argv, env=env, capture_output=True, check=True)  # warm the disk cache once
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True, check=True)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, cpu


def run(runs: int = 30) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SUPPLE_HOME": home}
        subprocess.run(
            [str(Path(sys.executable).parent / "supple"), "screen", "--none"], env=env, check=True, capture_output=True
        )
        # The bare interpreter is timed in the same run, so the figures stay comparable on a busy machine.
        rows: list[dict[str, object]] = []
        for name, argv in COMMANDS.items():
            wall, cpu = time_command(argv, runs=runs, env=env)
            rows.append({"command": name, **summary_ms(wall), "cpu median": summary_ms(cpu)["median"]})
        return rows


if __name__ == "__main__":
    for row in run():
        print(
            f"{row['command']:<26} median {row['median']:6.1f} ms   p99 {row['p99']:6.1f} ms   "
            f"cpu {row['cpu median']:6.1f} ms   ({row['runs']} runs)"
        )
