"""Cold start-up of the `supple` command, against a bare `python -c pass` in the same run.

Each run is a fresh process, as a person typing the command gets. Budgets (docs/architecture.md):
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


def time_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run. The CPU time is what the code costs; wall
    time adds waiting, e.g. for .pyc files this VM's small page cache has let go."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, capture_output=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def run(runs: int = 30) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SUPPLE_HOME": home}
        subprocess.run(
            [str(Path(sys.executable).parent / "supple"), "screen", "--none"], env=env, check=True, capture_output=True
        )
        for argv in COMMANDS.values():
            subprocess.run(argv, env=env, capture_output=True, check=True)  # warm the disk cache once
        # Round robin, the bare interpreter included: a slow spell of this shared machine falls on
        # every command alike instead of on whichever happened to be running.
        timings: dict[str, list[tuple[float, float]]] = {name: [] for name in COMMANDS}
        for _ in range(runs):
            for name, argv in COMMANDS.items():
                timings[name].append(time_once(argv, env))
        return [
            {
                "command": name,
                **summary_ms([wall for wall, _ in measured]),
                "cpu median": summary_ms([cpu for _, cpu in measured])["median"],
            }
            for name, measured in timings.items()
        ]


if __name__ == "__main__":
    for row in run():
        print(
            f"{row['command']:<26} median {row['median']:6.1f} ms   p99 {row['p99']:6.1f} ms   "
            f"cpu {row['cpu median']:6.1f} ms   ({row['runs']} runs)"
        )
