"""Cold start-up of the `supple` command, against a bare `python -c pass` in the same run.

Each run is a fresh process, as a person typing the command gets. Budgets (DESIGN.md):
`supple --help` under 150 ms and `supple plan ...` under 300 ms wall, median.
"""

from __future__ import annotations

import os
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


def time_command(argv: list[str], *, runs: int, env: dict[str, str]) -> list[float]:
    subprocess.run(argv, env=env, capture_output=True, check=True)  # warm the disk cache once
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True, check=True)
        timings.append(time.perf_counter() - start)
    return timings


def run(runs: int = 30) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SUPPLE_HOME": home}
        subprocess.run(
            [str(Path(sys.executable).parent / "supple"), "screen", "--none"], env=env, check=True, capture_output=True
        )
        # The bare interpreter is timed in the same run, so the figures stay comparable on a busy machine.
        rows: list[dict[str, object]] = []
        for name, argv in COMMANDS.items():
            rows.append({"command": name, **summary_ms(time_command(argv, runs=runs, env=env))})
        return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['command']:<26} median {row['median']:6.1f} ms   p99 {row['p99']:6.1f} ms   ({row['runs']} runs)")
