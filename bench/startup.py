"""Cold start-up of the `supple` command, against a bare `python -c pass` in the same run.

Each run is a fresh process, as a person typing the command gets. Budgets (docs/architecture.md):
`supple --help` under 150 ms and `supple plan ...` under 300 ms wall, median. Then the first run
(issue 22): `supple screen --none` in a new, empty SUPPLE_HOME (the database made, the content
validated and cached: under 600 ms), `supple plan` with its caches deleted (under 400 ms), and
`supple serve` from its start to the first page answered (under 1 s), each timed round robin too.

.venv/bin/python -m bench.startup
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
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


PLAN = COMMANDS["supple plan --for sciatica hip-pain --minutes 30 --json"]
FIRST_RUN = {
    "first run: supple screen --none, new SUPPLE_HOME": "screen",
    "supple plan ... --json, caches deleted": "cold plan",
    "supple serve, start to first page": "serve",
}


def first_run_once(kind: str, home: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one first run of its kind, in `home` (made new for the screen)."""
    env = {**os.environ, "SUPPLE_HOME": str(home)}
    if kind == "screen":
        return time_once([SUPPLE, "screen", "--none"], {**env, "SUPPLE_HOME": tempfile.mkdtemp(dir=home)})
    if kind == "cold plan":
        shutil.rmtree(home / "cache", ignore_errors=True)
        return time_once(PLAN, env)
    return _serve_to_first_page(env)


def _serve_to_first_page(env: dict[str, str]) -> tuple[float, float]:
    """From starting `supple serve` to the first page's last byte; CPU is the server's until then."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    start = time.perf_counter()
    process = subprocess.Popen([SUPPLE, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    page.read()
                break
            except OSError:
                if process.poll() is not None or time.perf_counter() - start > 30:
                    raise RuntimeError("supple serve did not answer") from None
                time.sleep(0.005)
        wall = time.perf_counter() - start
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    finally:
        process.terminate()
        process.wait(timeout=20)
    return wall, cpu


def run_first(runs: int = 10) -> list[dict[str, object]]:
    """The first run's figures, round robin, with `python -c pass` as the yardstick of the same run."""
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        subprocess.run([SUPPLE, "screen", "--none"], env={**os.environ, "SUPPLE_HOME": str(home)}, check=True,
                       capture_output=True)  # fmt: skip
        timings: dict[str, list[tuple[float, float]]] = {"python -c pass": [], **{name: [] for name in FIRST_RUN}}
        for _ in range(runs):
            timings["python -c pass"].append(time_once(COMMANDS["python -c pass"], dict(os.environ)))
            for name, kind in FIRST_RUN.items():
                timings[name].append(first_run_once(kind, home))
        return _rows(timings)


FLOOR = "python -c pass"


def _rows(timings: dict[str, list[tuple[float, float]]]) -> list[dict[str, object]]:
    """Each command's figures, and its wall time over the bare interpreter's: the median of the
    ratios of the same round (issue 22's targets are ratios: a slow spell falls on both)."""
    floor = [wall for wall, _ in timings[FLOOR]]
    return [
        {
            "command": name,
            **summary_ms([wall for wall, _ in measured]),
            "cpu median": summary_ms([cpu for _, cpu in measured])["median"],
            "x python -c pass": statistics.median(wall / base for (wall, _), base in zip(measured, floor, strict=True)),
        }
        for name, measured in timings.items()
    ]


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
        return _rows(timings)


if __name__ == "__main__":
    for row in [*run(), *run_first()]:
        print(
            f"{row['command']:<26} median {row['median']:6.1f} ms   p99 {row['p99']:6.1f} ms   "
            f"cpu {row['cpu median']:6.1f} ms   {row['x python -c pass']:5.1f} x python -c pass   ({row['runs']} runs)"
        )
